import { ROLE_NAMES } from '@esenzioni/domain/enums';
import { Link } from 'react-router';
import { useSession } from '../../app/session';
import { usePageTitle } from '../../ui/usePageTitle';

export default function NotAvailablePage() {
  usePageTitle('Servizio non disponibile per il profilo');
  const { session } = useSession();
  const role = session?.activeProfile?.role;
  return (
    <>
      <h1 className="h2">Servizio non disponibile per il profilo</h1>
      <p>
        Il profilo attivo{role ? ` (${ROLE_NAMES[role]})` : ''} non consente di usare il backoffice delle
        esenzioni.
      </p>
      {session && session.profiles.length > 1 && <Link to="/profilo">Cambia profilo</Link>}
    </>
  );
}
