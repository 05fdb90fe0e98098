/** The public home (issue 13 §5): what the service is for, and the three ways in, before signing in. */
import { Link } from 'react-router';
import { usePageTitle } from '../../ui/usePageTitle';

const CARDS = [
  {
    to: '/esenzioni',
    title: 'Le esenzioni',
    text: 'Per malattia cronica o rara, invalidità, reddito, gravidanza e cure odontoiatriche: che cosa coprono e quali documenti portare.',
  },
  {
    to: '/sportelli',
    title: 'Sportelli e orari',
    text: 'Dove presentare la richiesta: gli sportelli dei distretti delle ASL con indirizzo, servizi e orari di apertura.',
  },
  {
    to: '/quale-esenzione',
    title: 'Quale esenzione posso chiedere?',
    text: 'Poche domande per sapere quali esenzioni si possono chiedere, che cosa portare e dove andare. Le risposte non vengono salvate.',
  },
];

export default function PublicHomePage() {
  usePageTitle('');
  return (
    <>
      <div className="row mb-4">
        <div className="col-12 col-lg-8">
          <h1 className="h2">Esenzioni dal ticket sanitario</h1>
          <p className="lead">
            L’esenzione permette di non pagare il ticket, o di pagarne una parte, per visite ed esami legati a
            una malattia, a un’invalidità, al reddito o alla gravidanza.
          </p>
          <p>
            Per chiedere un’esenzione on line o vedere le proprie pratiche{' '}
            <Link to="/accesso">accedere con SPID, CIE o le credenziali del servizio</Link>.
          </p>
        </div>
      </div>
      <div className="row g-4">
        {CARDS.map((c) => (
          <div key={c.to} className="col-12 col-md-4">
            <div className="card card-bg h-100 shadow-sm">
              <div className="card-body">
                <h2 className="h5 card-title">
                  <Link to={c.to}>{c.title}</Link>
                </h2>
                <p className="card-text">{c.text}</p>
              </div>
            </div>
          </div>
        ))}
      </div>
    </>
  );
}
