export default function DelegationsPage() {
  return <h1 className="h3">DelegationsPage</h1>;
}
