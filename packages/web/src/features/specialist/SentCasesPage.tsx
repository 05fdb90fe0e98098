export default function SentCasesPage() {
  return <h1 className="h3">SentCasesPage</h1>;
}
