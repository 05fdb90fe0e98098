/** The administrator's home (issue 13 §3): the menu of the administration's functions. */
import { Link } from 'react-router';
import { usePageTitle } from '../../ui/usePageTitle';

const ITEMS = [
  {
    to: '/amministrazione/utenti',
    title: 'Utenti e profili',
    text: 'Creare gli operatori con i loro profili (ruolo, ASL, distretto), disattivarli e riattivarli.',
  },
  {
    to: '/amministrazione/sportelli',
    title: 'Distretti e sportelli',
    text: 'I distretti delle ASL e i loro sportelli: indirizzo, servizi offerti, orari settimanali e giorni di chiusura.',
  },
  {
    to: '/amministrazione/parametri',
    title: 'Parametri',
    text: 'Età massima del certificato per Regione e per ASL, preavviso dei promemoria di scadenza.',
  },
  {
    to: '/amministrazione/chiavi-api',
    title: 'Chiavi API',
    text: 'Le chiavi dei gestionali dei medici: creazione, elenco e revoca.',
  },
  {
    to: '/amministrazione/prestazioni-esenti',
    title: 'Prestazioni esenti',
    text: 'Caricare i file delle prestazioni esenti per codice.',
  },
  {
    to: '/amministrazione/elenco-mef',
    title: 'Elenco MEF',
    text: 'Caricare l’elenco degli esenti per reddito.',
  },
  {
    to: '/amministrazione/anagrafe-assistiti',
    title: 'Anagrafe assistiti',
    text: 'Caricare l’anagrafe regionale degli assistiti: chi può chiedere un’esenzione e dove risiede.',
  },
  {
    to: '/amministrazione/invii-non-riusciti',
    title: 'Invii non riusciti',
    text: 'Eventi e e-mail che non è stato possibile recapitare, da rimettere in coda.',
  },
  {
    to: '/amministrazione/registro',
    title: 'Registro delle modifiche',
    text: 'Ogni modifica fatta dall’amministrazione, in un registro a prova di manomissione.',
  },
];

export default function AdminHomePage() {
  usePageTitle('Amministrazione');
  return (
    <>
      <h1 className="h2">Amministrazione</h1>
      <p>Le funzioni dell’amministratore. Ogni modifica è registrata nel registro delle modifiche.</p>
      <ul className="row g-3 list-unstyled">
        {ITEMS.map((i) => (
          <li key={i.to} className="col-12 col-md-6 col-xl-4">
            <div className="card card-bg shadow-sm h-100">
              <div className="card-body">
                <h2 className="h5 card-title">
                  <Link to={i.to}>{i.title}</Link>
                </h2>
                <p className="card-text">{i.text}</p>
              </div>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
