import { Link } from 'react-router';
import { usePageTitle } from '../../ui/usePageTitle';

export default function NotFoundPage() {
  usePageTitle('Pagina non trovata');
  return (
    <>
      <h1 className="h2">Pagina non trovata</h1>
      <p>La pagina richiesta non esiste.</p>
      <Link to="/">Torna alla pagina iniziale</Link>
    </>
  );
}
