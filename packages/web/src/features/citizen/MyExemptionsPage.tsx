export default function MyExemptionsPage() {
  return <h1 className="h3">MyExemptionsPage</h1>;
}
