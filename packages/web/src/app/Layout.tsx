import { Suspense, useEffect, useRef } from 'react';
import { Outlet, useLocation } from 'react-router';
import { Loading } from '../ui/Loading';
import { AppFooter } from './AppFooter';
import { AppHeader } from './AppHeader';

/** Moves focus to the page heading when the path changes, so screen readers announce the new page. */
function useFocusOnNavigate(main: React.RefObject<HTMLElement | null>) {
  const { pathname } = useLocation();
  const first = useRef(true);
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
      target.focus({ preventScroll: false });
    }, 50);
    return () => window.clearTimeout(id);
  }, [pathname, main]);
}

export function Layout() {
  const main = useRef<HTMLElement>(null);
  useFocusOnNavigate(main);
  return (
    <div className="app-shell d-flex flex-column min-vh-100">
      <div className="skiplinks">
        <a className="visually-hidden-focusable" href="#contenuto">
          Vai al contenuto principale
        </a>
      </div>
      <AppHeader />
      <main id="contenuto" ref={main} className="flex-grow-1 py-4" tabIndex={-1}>
        <div className="container-xxl">
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </div>
      </main>
      <AppFooter />
    </div>
  );
}
