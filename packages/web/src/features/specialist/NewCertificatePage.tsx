export default function NewCertificatePage() {
  return <h1 className="h3">NewCertificatePage</h1>;
}
