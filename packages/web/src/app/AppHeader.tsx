import { Header, HeaderContent, HeaderRightZone, Headers } from 'design-react-kit';
import { Link, NavLink } from 'react-router';
import { SERVICE_NAME } from '../ui/usePageTitle';
import { canLookupRegistry, canSearchCases, homePath } from './roles';
import { useSession } from './session';
import { UserMenu } from './UserMenu';

export function AppHeader() {
  const { session } = useSession();
  const profile = session?.activeProfile;
  const links = [
    canSearchCases(profile) && { to: '/pratiche', label: 'Pratiche' },
    canLookupRegistry(profile) && { to: '/verifica-esenzioni', label: 'Verifica esenzioni' },
  ].filter((l): l is { to: string; label: string } => Boolean(l));

  return (
    <header>
      <Headers>
        <Header type="slim">
          <HeaderContent>
            <span className="navbar-brand text-white">Backoffice Sanità – Regione Piemonte</span>
            <HeaderRightZone>{session && <UserMenu session={session} />}</HeaderRightZone>
          </HeaderContent>
        </Header>
        <Header type="center" small>
          <HeaderContent>
            <div className="it-brand-wrapper">
              <Link to={session ? homePath(profile) : '/accesso'}>
                <div className="it-brand-text">
                  <div className="it-brand-title">{SERVICE_NAME}</div>
                  <div className="it-brand-tagline d-none d-md-block">
                    Servizio on line per la gestione ed il rilascio delle esenzioni per patologia
                  </div>
                </div>
              </Link>
            </div>
            {links.length > 0 && (
              <HeaderRightZone>
                <nav aria-label="Sezioni del servizio" className="service-nav">
                  <ul className="list-unstyled d-flex flex-wrap gap-3 mb-0">
                    {links.map((l) => (
                      <li key={l.to}>
                        <NavLink to={l.to} className="text-white fw-semibold">
                          {l.label}
                        </NavLink>
                      </li>
                    ))}
                  </ul>
                </nav>
              </HeaderRightZone>
            )}
          </HeaderContent>
        </Header>
      </Headers>
    </header>
  );
}
