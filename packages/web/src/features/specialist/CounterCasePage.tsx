export default function CounterCasePage() {
  return <h1 className="h3">CounterCasePage</h1>;
}
