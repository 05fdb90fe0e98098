export default function NotificationsPage() {
  return <h1 className="h3">NotificationsPage</h1>;
}
