/**
 * «Invii non riusciti» (issue 13 §3): the outbox's events that failed for good (dead letters) and the
 * e-mails that could not be delivered, each put back in the queue with «Riprova». No personal data in
 * the reasons (a code and a fixed text); an e-mail shows its recipient and subject.
 */
import { Alert, Button, Table } from 'design-react-kit';
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  deadLetters,
  deadMails,
  retryDeadLetter,
  retryMail,
  type DeadLetter,
  type DeadMail,
} from '../../api/administration';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { errorMessage } from '../../ui/errorMessage';
import { formatDateTime } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { usePageTitle } from '../../ui/usePageTitle';

export default function FailedDeliveriesPage() {
  usePageTitle('Invii non riusciti');
  const [events, setEvents] = useState<DeadLetter[] | null>(null);
  const [mails, setMails] = useState<DeadMail[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<{ kind: 'success' | 'danger'; text: string } | null>(null);
  const live = useRef<HTMLDivElement>(null);
  const load = useCallback(
    () =>
      Promise.all([deadLetters(), deadMails()])
        .then(([e, m]) => {
          setEvents(e.items);
          setMails(m.items);
        })
        .catch(setError),
    [],
  );
  useEffect(() => {
    void load();
  }, [load]);
  const retry = async (what: () => Promise<unknown>, text: string) => {
    try {
      await what();
      setNotice({ kind: 'success', text });
      await load();
    } catch (err) {
      setNotice({ kind: 'danger', text: errorMessage(err) });
    }
    window.setTimeout(() => live.current?.focus(), 0);
  };

  return (
    <>
      <h1 className="h2">Invii non riusciti</h1>
      <p>
        Eventi e e-mail che non è stato possibile recapitare dopo i tentativi previsti. «Riprova» li rimette
        in coda.
      </p>
      <ErrorAlert error={error} title="Elenco non disponibile" />
      <div ref={live} tabIndex={-1} aria-live="polite">
        {notice && (
          <Alert fade={false} color={notice.kind}>
            {notice.text}
          </Alert>
        )}
      </div>
      <h2 className="h4 mt-4">Eventi</h2>
      {!events && !error && <Loading />}
      {events && events.length === 0 && <p>Nessun evento non recapitato.</p>}
      {events && events.length > 0 && (
        <div className="table-responsive">
          <Table>
            <caption className="visually-hidden">Eventi non recapitati</caption>
            <thead>
              <tr>
                <th scope="col">Evento</th>
                <th scope="col">Tentativi</th>
                <th scope="col">Motivo</th>
                <th scope="col">Fallito il</th>
                <th scope="col">Azioni</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id}>
                  <th scope="row" className="fw-normal">
                    {e.eventType} ({e.id})
                  </th>
                  <td>{e.attempts}</td>
                  <td>{e.lastError ?? '–'}</td>
                  <td>{formatDateTime(e.deadAt)}</td>
                  <td>
                    <Button
                      type="button"
                      size="xs"
                      color="primary"
                      onClick={() =>
                        void retry(() => retryDeadLetter(e.id), `Evento ${e.id} rimesso in coda.`)
                      }
                      aria-label={`Riprova l’evento ${e.id}`}
                    >
                      Riprova
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      )}
      <h2 className="h4 mt-4">E-mail</h2>
      {mails && mails.length === 0 && <p>Nessuna e-mail non recapitata.</p>}
      {mails && mails.length > 0 && (
        <div className="table-responsive">
          <Table>
            <caption className="visually-hidden">E-mail non recapitate</caption>
            <thead>
              <tr>
                <th scope="col">Oggetto</th>
                <th scope="col">Destinatario</th>
                <th scope="col">Creata</th>
                <th scope="col">Azioni</th>
              </tr>
            </thead>
            <tbody>
              {mails.map((m) => (
                <tr key={m.id}>
                  <th scope="row" className="fw-normal">
                    {m.subject}
                  </th>
                  <td>{m.to}</td>
                  <td>{formatDateTime(m.createdAt)}</td>
                  <td>
                    <Button
                      type="button"
                      size="xs"
                      color="primary"
                      onClick={() =>
                        void retry(() => retryMail(m.id), `Invio dell’e-mail ${m.id} rimesso in coda.`)
                      }
                      aria-label={`Riprova l’e-mail ${m.id}`}
                    >
                      Riprova
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      )}
    </>
  );
}
