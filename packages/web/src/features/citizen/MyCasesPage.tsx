export default function MyCasesPage() {
  return <h1 className="h3">MyCasesPage</h1>;
}
