/**
 * The public front door's frame (issue 13 §5): the header of an Italian public-service site
 * (bootstrap-italia it-header: slim bar of the Region, the service's brand, the navigation) with
 * «Accedi», separate from the backoffice header. Readable without signing in.
 */
import { Header, HeaderContent, HeaderRightZone, Headers } from 'design-react-kit';
import { Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { AppFooter } from '../../app/AppFooter';
import { homePath } from '../../app/roles';
import { useSession } from '../../app/session';
import { Icon } from '../../ui/Icon';
import { Loading } from '../../ui/Loading';
import { SERVICE_NAME } from '../../ui/usePageTitle';

const LINKS = [
  { to: '/esenzioni', label: 'Le esenzioni' },
  { to: '/sportelli', label: 'Sportelli e orari' },
  { to: '/quale-esenzione', label: 'Quale esenzione posso chiedere?' },
];

function PublicHeader() {
  const { session } = useSession();
  const [open, setOpen] = useState(false);
  return (
    <header>
      <Headers>
        <Header type="slim">
          <HeaderContent>
            <span className="navbar-brand text-white">Regione Piemonte – Sanità</span>
            <HeaderRightZone>
              {session ? (
                <Link className="btn btn-primary btn-sm" to={homePath(session.activeProfile)}>
                  Vai al servizio
                </Link>
              ) : (
                <Link className="btn btn-primary btn-sm btn-icon" to="/accesso">
                  <Icon name="it-user" size="sm" color="white" />
                  <span>Accedi</span>
                </Link>
              )}
            </HeaderRightZone>
          </HeaderContent>
        </Header>
        <Header type="center">
          <HeaderContent>
            <div className="it-brand-wrapper">
              <Link to="/">
                <div className="it-brand-text">
                  <div className="it-brand-title">Esenzioni ticket sanitari</div>
                  <div className="it-brand-tagline d-none d-md-block">
                    Informazioni per i cittadini: esenzioni, documenti, sportelli e orari
                  </div>
                </div>
              </Link>
            </div>
          </HeaderContent>
        </Header>
      </Headers>
      <nav aria-label="Informazioni per i cittadini" className="service-nav border-bottom bg-white">
        <div className="container-xxl">
          <button
            type="button"
            className="btn btn-link px-0 py-2 d-sm-none d-inline-flex align-items-center gap-1 service-nav-toggle"
            aria-expanded={open}
            aria-controls="menu-pubblico"
            onClick={() => setOpen((o) => !o)}
          >
            Menu
            <Icon name={open ? 'it-collapse' : 'it-expand'} size="sm" color="primary" />
          </button>
          <ul
            id="menu-pubblico"
            className={`list-unstyled d-sm-flex flex-wrap gap-4 mb-0 py-2 ${open ? 'd-block' : 'd-none'}`}
          >
            {LINKS.map((l) => (
              <li key={l.to}>
                <NavLink to={l.to} className="fw-semibold d-inline-block py-1" onClick={() => setOpen(false)}>
                  {l.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </div>
      </nav>
    </header>
  );
}

export function PublicFrame({ children }: { children?: ReactNode }) {
  const main = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  const first = useRef(true);
  // the new page's heading takes the focus, so screen readers announce it (as in the backoffice)
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const id = window.setTimeout(() => {
      const h1 = main.current?.querySelector('h1');
      const target = (h1 ?? main.current) as HTMLElement | null;
      if (!target) return;
      if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      target.focus();
    }, 50);
    return () => window.clearTimeout(id);
  }, [pathname]);
  return (
    <div className="app-shell public-shell d-flex flex-column min-vh-100">
      <div className="skiplinks">
        <a className="visually-hidden-focusable" href="#contenuto">
          Vai al contenuto principale
        </a>
      </div>
      <PublicHeader />
      <main id="contenuto" ref={main} className="flex-grow-1 py-4" tabIndex={-1}>
        <div className="container-xxl">
          <Suspense fallback={<Loading />}>{children ?? <Outlet />}</Suspense>
        </div>
      </main>
      <AppFooter />
    </div>
  );
}

export const PUBLIC_SERVICE_NAME = SERVICE_NAME;
