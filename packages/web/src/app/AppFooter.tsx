import { Link } from 'react-router';
import { SERVICE_NAME } from '../ui/usePageTitle';

export function AppFooter() {
  return (
    <footer className="it-footer">
      <div className="it-footer-small-prints clearfix">
        <div className="container-xxl">
          <h2 className="visually-hidden">Informazioni sul servizio</h2>
          <ul className="it-footer-small-prints-list list-inline mb-0 d-flex flex-column flex-md-row">
            <li className="list-inline-item">
              <Link to="/accessibilita">Dichiarazione di accessibilità</Link>
            </li>
            <li className="list-inline-item">
              <Link to="/privacy">Informativa privacy</Link>
            </li>
            <li className="list-inline-item">
              <Link to="/documenti-esenzioni">Documenti per le esenzioni</Link>
            </li>
            <li className="list-inline-item text-white">{SERVICE_NAME} – Regione Piemonte</li>
          </ul>
        </div>
      </div>
    </footer>
  );
}
