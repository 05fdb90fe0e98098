export default function AccessLogPage() {
  return <h1 className="h3">AccessLogPage</h1>;
}
