import { Header, HeaderContent, HeaderRightZone, Headers } from 'design-react-kit';
import { useState } from 'react';
import { Link, NavLink } from 'react-router';
import { Icon } from '../ui/Icon';
import { SERVICE_NAME } from '../ui/usePageTitle';
import {
  canCheckDeclarations,
  canLookupPregnancy,
  canLookupRegistry,
  canReadStatistics,
  canSearchCases,
  homePath,
  isAdministrator,
  isCitizen,
  isCounterOperator,
  isSpecialist,
} from './roles';
import { useSession } from './session';
import { UserMenu } from './UserMenu';

export function AppHeader() {
  const { session } = useSession();
  const [menuOpen, setMenuOpen] = useState(false);
  const profile = session?.activeProfile;
  const links = [
    isSpecialist(profile) && { to: '/specialista/nuovo-certificato', label: 'Nuovo certificato' },
    isSpecialist(profile) && { to: '/specialista/pratiche-inviate', label: 'Le mie pratiche inviate' },
    canSearchCases(profile) && !isSpecialist(profile) && { to: '/pratiche', label: 'Pratiche' },
    isCounterOperator(profile) && { to: '/sportello/nuova-pratica', label: 'Nuova pratica allo sportello' },
    isCounterOperator(profile) && { to: '/sportello/codici-regionali', label: 'Codici regionali' },
    isCounterOperator(profile) && { to: '/sportello/esenzione-reddito', label: 'Esenzione per reddito' },
    isCounterOperator(profile) && { to: '/sportello/deleghe', label: 'Deleghe' },
    canLookupRegistry(profile) && { to: '/verifica-esenzioni', label: 'Verifica esenzioni' },
    canLookupPregnancy(profile) && { to: '/codice-gravidanza', label: 'Codice gravidanza' },
    isAdministrator(profile) && { to: '/amministrazione', label: 'Amministrazione' },
    isAdministrator(profile) && { to: '/amministrazione/utenti', label: 'Utenti' },
    isAdministrator(profile) && { to: '/amministrazione/sportelli', label: 'Distretti e sportelli' },
    isAdministrator(profile) && { to: '/amministrazione/prestazioni-esenti', label: 'Prestazioni esenti' },
    isAdministrator(profile) && { to: '/amministrazione/elenco-mef', label: 'Elenco MEF' },
    isAdministrator(profile) && { to: '/amministrazione/anagrafe-assistiti', label: 'Anagrafe assistiti' },
    canCheckDeclarations(profile) && {
      to: '/controlli-autocertificazioni',
      label: 'Controlli autocertificazioni',
    },
    canSearchCases(profile) && { to: '/notifiche', label: 'Notifiche' },
    canReadStatistics(profile) && { to: '/statistiche', label: 'Statistiche' },
    ...(isCitizen(profile)
      ? [
          { to: '/cittadino/esenzioni', label: 'Le mie esenzioni' },
          { to: '/cittadino/pratiche', label: 'Le mie pratiche' },
          { to: '/cittadino/nuova-richiesta', label: 'Nuova richiesta' },
          { to: '/cittadino/esenzione-reddito', label: 'Esenzione per reddito' },
          { to: '/cittadino/notifiche', label: 'Notifiche' },
          { to: '/cittadino/deleghe', label: 'Deleghe' },
          { to: '/cittadino/accessi', label: 'Chi ha consultato i miei dati' },
        ]
      : []),
  ].filter((l): l is { to: string; label: string } => Boolean(l));

  // issue 13 §6: the citizen area speaks to citizens, not to the health back office
  const citizen = isCitizen(profile);
  return (
    <header>
      <Headers>
        <Header type="slim">
          <HeaderContent>
            <span className="navbar-brand text-white">
              {citizen
                ? 'Regione Piemonte – Servizi online per i cittadini'
                : 'Backoffice Sanità – Regione Piemonte'}
            </span>
            <HeaderRightZone>{session && <UserMenu session={session} />}</HeaderRightZone>
          </HeaderContent>
        </Header>
        <Header type="center" small>
          <HeaderContent>
            <div className="it-brand-wrapper">
              <Link to={session ? homePath(profile) : '/accesso'}>
                <div className="it-brand-text">
                  <div className="it-brand-title">{citizen ? 'Le mie esenzioni ticket' : SERVICE_NAME}</div>
                  <div className="it-brand-tagline d-none d-md-block">
                    {citizen
                      ? 'Esenzioni dal ticket sanitario: richieste, attestati, deleghe e notifiche'
                      : 'Servizio on line per la gestione ed il rilascio delle esenzioni per patologia'}
                  </div>
                </div>
              </Link>
            </div>
          </HeaderContent>
        </Header>
      </Headers>
      {links.length > 0 && (
        <nav aria-label="Sezioni del servizio" className="service-nav border-bottom bg-white">
          <div className="container-xxl">
            {/* on phones the sections fold behind «Menu» (issue 17 §4); from 576 px they are one line */}
            <button
              type="button"
              className="btn btn-link px-0 py-2 d-sm-none d-inline-flex align-items-center gap-1 service-nav-toggle"
              aria-expanded={menuOpen}
              aria-controls="menu-sezioni"
              onClick={() => setMenuOpen((o) => !o)}
            >
              Menu
              <Icon name={menuOpen ? 'it-collapse' : 'it-expand'} size="sm" color="primary" />
            </button>
            <ul
              id="menu-sezioni"
              className={`list-unstyled d-sm-flex flex-wrap gap-4 mb-0 py-2 ${menuOpen ? 'd-block' : 'd-none'}`}
            >
              {links.map((l) => (
                <li key={l.to}>
                  <NavLink
                    to={l.to}
                    end={l.to === '/amministrazione'}
                    className="fw-semibold d-inline-block py-1"
                    onClick={() => setMenuOpen(false)}
                  >
                    {l.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </div>
        </nav>
      )}
    </header>
  );
}
