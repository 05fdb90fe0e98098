export default function NewRequestPage() {
  return <h1 className="h3">NewRequestPage</h1>;
}
