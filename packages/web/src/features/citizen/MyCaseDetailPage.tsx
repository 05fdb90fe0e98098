export default function MyCaseDetailPage() {
  return <h1 className="h3">MyCaseDetailPage</h1>;
}
