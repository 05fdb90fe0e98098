/**
 * "Le mie pratiche inviate": the cases the specialist sent (GET /api/cases, which the server limits to
 * the cases they sent), open or closed, newest first; each opens in the case detail. A case still
 * INVIATA can be cancelled from here («Annulla», after a confirmation: issue 11 §6).
 */
import type { CaseList } from '@esenzioni/domain';
import { CASE_STATUS_LABELS } from '@esenzioni/domain/enums';
import { SENDER_CANCEL_FROM } from '@esenzioni/domain/manual-rules';
import { Alert, Badge, Button, Select, Table } from 'design-react-kit';
import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { getCase, runCommand } from '../../api/cases';
import { listSentCases } from '../../api/portal';
import { CancelDialog } from '../case-detail/CancelDialog';
import type { Feedback } from '../case-detail/commandRun';
import { executeSenderCancel } from '../case-detail/senderCancel';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { usePageTitle } from '../../ui/usePageTitle';
import { STATUS_COLORS } from '../citizen/labels';

const PAGE_SIZE = 20;

export default function SentCasesPage() {
  usePageTitle('Le mie pratiche inviate');
  const [sp, setSp] = useSearchParams();
  const view = sp.get('view') === 'closed' ? 'closed' : 'todo';
  const page = Math.max(1, Number(sp.get('page')) || 1);
  const [refresh, setRefresh] = useState(0);
  const key = `${view}|${page}|${refresh}`;
  const [cancelling, setCancelling] = useState<string | null>(null);
  const [cancelBusy, setCancelBusy] = useState(false);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [focusFeedback, setFocusFeedback] = useState(false);
  const feedbackRef = useRef<HTMLDivElement>(null);
  const [loaded, setLoaded] = useState<{ key: string; list: CaseList | null; error: unknown } | null>(null);

  useEffect(() => {
    const ctrl = new AbortController();
    listSentCases(
      { view, page: String(page), pageSize: String(PAGE_SIZE), sort: '-submittedAt' },
      ctrl.signal,
    )
      .then((list) => setLoaded({ key, list, error: null }))
      .catch((error: unknown) => !ctrl.signal.aborted && setLoaded({ key, list: null, error }));
    return () => ctrl.abort();
  }, [key, view, page]);
  const current = loaded?.key === key ? loaded : null;
  const list = current?.list ?? null;
  const pages = list ? Math.max(1, Math.ceil(list.total / PAGE_SIZE)) : 1;
  const backTo = `/specialista/pratiche-inviate?${sp.toString()}`;

  const cancel = async (caseNumber: string) => {
    setCancelBusy(true);
    setFeedback(null);
    try {
      const outcome = await executeSenderCancel(caseNumber, {
        // the version the server has now: the list does not carry it
        send: async () => runCommand(caseNumber, 'cancel', (await getCase(caseNumber)).version, {}),
        reload: () => getCase(caseNumber).catch(() => null),
      });
      setFeedback(outcome.feedback);
      setRefresh((n) => n + 1);
    } finally {
      setCancelBusy(false);
      // the outcome gets the focus, not the row's button (gone once the case is annulled)
      setFocusFeedback(true);
      setCancelling(null);
    }
  };

  return (
    <>
      <h1 className="h3">Le mie pratiche inviate</h1>
      <p>I certificati inviati e lo stato della pratica presso il distretto.</p>
      <div className="row">
        <div className="col-12 col-md-6">
          <Select
            id="pratiche-vista"
            label="Pratiche"
            value={view}
            onChange={(v: string) => setSp(v === 'closed' ? { view: 'closed' } : {})}
          >
            <option value="todo">In corso (Inviate, In lavorazione)</option>
            <option value="closed">Chiuse (Validate, Respinte, Annullate)</option>
          </Select>
        </div>
      </div>
      <div ref={feedbackRef} tabIndex={-1} aria-live="polite">
        {feedback && (
          <Alert fade={false} color={feedback.kind}>
            {feedback.title && <strong className="d-block">{feedback.title}</strong>}
            {feedback.text}
          </Alert>
        )}
      </div>
      <div aria-live="polite">
        {!current && <Loading />}
        <ErrorAlert error={current?.error} title="Non è stato possibile leggere le pratiche" />
        {list && <p className="h6">{`Pratiche trovate: ${list.total}`}</p>}
      </div>
      {list && list.items.length > 0 && (
        <div className="table-responsive">
          <Table className="results-table">
            <caption className="visually-hidden">Pratiche inviate</caption>
            <thead>
              <tr>
                <th scope="col">Numero pratica</th>
                <th scope="col">Beneficiario</th>
                <th scope="col">Esenzione</th>
                <th scope="col">Stato</th>
                <th scope="col">Inviata il</th>
                <th scope="col">Azioni</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((c) => (
                <tr key={c.caseNumber} data-case-number={c.caseNumber}>
                  <td>
                    <Link to={`/pratiche/${c.caseNumber}`} state={{ backTo }}>
                      {c.caseNumber}
                      <span className="visually-hidden"> – dettaglio e note della pratica</span>
                    </Link>
                  </td>
                  <td>
                    {`${c.beneficiary.lastName} ${c.beneficiary.firstName}`}
                    <span className="cell-sub">{c.beneficiary.fiscalCode}</span>
                  </td>
                  <td>{c.exemptionCode}</td>
                  <td>
                    <Badge color={STATUS_COLORS[c.status]}>{CASE_STATUS_LABELS[c.status]}</Badge>
                  </td>
                  <td>{formatDate(c.submittedAt)}</td>
                  <td>
                    {SENDER_CANCEL_FROM.includes(c.status) && (
                      <Button color="danger" outline size="xs" onClick={() => setCancelling(c.caseNumber)}>
                        Annulla<span className="visually-hidden"> la pratica {c.caseNumber}</span>
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      )}
      {list && pages > 1 && (
        <nav aria-label="Pagine delle pratiche inviate" className="d-flex gap-2 align-items-center">
          <Button
            color="primary"
            outline
            size="sm"
            disabled={page <= 1}
            onClick={() => setSp({ ...(view === 'closed' ? { view } : {}), page: String(page - 1) })}
          >
            Pagina precedente
          </Button>
          <span>{`Pagina ${page} di ${pages}`}</span>
          <Button
            color="primary"
            outline
            size="sm"
            disabled={page >= pages}
            onClick={() => setSp({ ...(view === 'closed' ? { view } : {}), page: String(page + 1) })}
          >
            Pagina successiva
          </Button>
        </nav>
      )}
      <CancelDialog
        caseNumber={cancelling ?? ''}
        isOpen={cancelling !== null}
        busy={cancelBusy}
        onCancel={() => setCancelling(null)}
        onConfirm={() => cancelling && void cancel(cancelling)}
        returnFocus={!focusFeedback}
        onClosed={() => {
          if (focusFeedback) feedbackRef.current?.focus();
          setFocusFeedback(false);
        }}
      />
      <p className="small mt-3">
        Le note del distretto (Nota Beneficiario e Nota Interna) si leggono nel dettaglio della pratica.
      </p>
    </>
  );
}
