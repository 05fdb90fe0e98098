/** «Registro delle modifiche» (issue 13 §3): the administration's changes, newest first, a page at a time. */
import type { AdminAuditRow } from '@esenzioni/domain';
import { Button, Table } from 'design-react-kit';
import { useEffect, useState } from 'react';
import { adminAudit } from '../../api/administration';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { usePageTitle } from '../../ui/usePageTitle';

const ACTIONS: Record<string, string> = {
  USER_CREATED: 'Utente creato',
  USER_PROFILES_SET: 'Profili modificati',
  USER_DEACTIVATED: 'Utente disattivato',
  USER_REACTIVATED: 'Utente riattivato',
  API_KEY_CREATED: 'Chiave API creata',
  API_KEY_REVOKED: 'Chiave API revocata',
  DISTRICT_CREATED: 'Distretto creato',
  DISTRICT_RENAMED: 'Distretto rinominato',
  OFFICE_CREATED: 'Sportello creato',
  OFFICE_CHANGED: 'Sportello modificato',
  PARAMETER_SET: 'Parametro impostato',
  PARAMETER_CLEARED: 'Parametro tolto',
  DURATION_SET: 'Durata del codice impostata',
  DURATION_CLEARED: 'Durata del codice tolta',
  OUTBOX_RETRIED: 'Evento rimesso in coda',
};

export default function AuditAdminPage() {
  usePageTitle('Registro delle modifiche');
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ items: AdminAuditRow[]; total: number; pageSize: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const ctrl = new AbortController();
    adminAudit(page, ctrl.signal)
      .then(setData)
      .catch((e: unknown) => !ctrl.signal.aborted && setError(e));
    return () => ctrl.abort();
  }, [page]);
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  return (
    <>
      <h1 className="h2">Registro delle modifiche</h1>
      <p>
        Ogni modifica fatta dall’amministrazione, con chi l’ha fatta e quando. Le righe sono concatenate da
        un’impronta con chiave segreta: una modifica fatta di nascosto è rilevata dalla verifica del registro.
      </p>
      <ErrorAlert error={error} title="Registro non disponibile" />
      {!data && !error && <Loading />}
      {data && (
        <>
          <p aria-live="polite">
            {data.total} modifiche – pagina {page} di {pages}
          </p>
          <div className="table-responsive">
            <Table>
              <caption className="visually-hidden">Modifiche dell’amministrazione</caption>
              <thead>
                <tr>
                  <th scope="col">Quando</th>
                  <th scope="col">Che cosa</th>
                  <th scope="col">Su</th>
                  <th scope="col">Chi (utente)</th>
                  <th scope="col">Dettaglio</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((r) => (
                  <tr key={r.id}>
                    <td>{formatDateTime(r.at)}</td>
                    <th scope="row" className="fw-normal">
                      {ACTIONS[r.action] ?? r.action}
                    </th>
                    <td>
                      {r.targetType} {r.targetId}
                    </td>
                    <td>{r.actorUserId ?? '–'}</td>
                    <td>
                      <code className="small text-break">{JSON.stringify(r.detail)}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </div>
          <nav aria-label="Pagine del registro" className="d-flex gap-2">
            <Button
              type="button"
              color="secondary"
              outline
              disabled={page <= 1}
              onClick={() => setPage((p) => p - 1)}
            >
              Pagina precedente
            </Button>
            <Button
              type="button"
              color="secondary"
              outline
              disabled={page >= pages}
              onClick={() => setPage((p) => p + 1)}
            >
              Pagina successiva
            </Button>
          </nav>
        </>
      )}
    </>
  );
}
