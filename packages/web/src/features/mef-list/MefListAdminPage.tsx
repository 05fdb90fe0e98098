/**
 * "Elenco MEF" for the administrator (issue 12 §2): upload the yearly list of people entitled to the
 * income exemptions E01, E03, E04 (CSV `codice_fiscale;codice_esenzione;anno`, docs/mef-list.md). The
 * server answers at once; the page then follows the import with a progress bar (polling its row) and
 * shows its figures: new, unchanged, reinstated, superseded, ended (those people are notified).
 */
import type { MefImportView } from '@esenzioni/domain';
import { MEF_IMPORT_STATUS_LABELS } from '@esenzioni/domain/enums';
import { Alert, Button, Table } from 'design-react-kit';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { mefImport, mefImports, uploadMefList } from '../../api/checks';
import { errorMessage } from '../../ui/errorMessage';
import { formatDateTime } from '../../ui/format';
import { usePageTitle } from '../../ui/usePageTitle';

const TITLE = 'Elenco MEF delle esenzioni per reddito';
const FILE_ID = 'file-elenco-mef';
const n = (v: number | null) => (v === null ? '–' : v.toLocaleString('it-IT'));

function ProgressBar({ view }: { view: MefImportView }) {
  return (
    <div className="mb-3">
      <p className="mb-1" id="mef-progress-label">
        {`${MEF_IMPORT_STATUS_LABELS[view.status]} — ${view.percent}% (${n(view.rowsRead)} righe lette)`}
      </p>
      <div className="progress" style={{ height: '1rem' }}>
        <div
          className={`progress-bar${view.status === 'FAILED' ? ' bg-danger' : ''}`}
          role="progressbar"
          aria-labelledby="mef-progress-label"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={view.percent}
          style={{ width: `${view.percent}%` }}
        />
      </div>
    </div>
  );
}

function Outcome({ view }: { view: MefImportView }) {
  if (view.status === 'FAILED')
    return (
      <Alert fade={false} color="danger">
        {`Caricamento non riuscito: ${view.error ?? 'motivo non disponibile'}`}
      </Alert>
    );
  if (view.status !== 'DONE') return null;
  return (
    <Alert fade={false} color="success">
      {`Elenco ${view.listYear ?? ''} caricato: ${n(view.inserted)} nuove esenzioni, ${n(view.unchanged)} invariate, ` +
        `${n(view.reinstated)} ripristinate, ${n(view.superseded)} sostituite dal nuovo anno, ${n(view.ended)} terminate ` +
        `(le persone interessate ricevono un avviso). Righe scartate: ${n(view.rowsRejected)}.`}
      {view.rejectedSample.length > 0 && (
        <ul className="mb-0 mt-2">
          {view.rejectedSample.map((r) => (
            <li key={r.line}>{`riga ${r.line}: ${r.reason}`}</li>
          ))}
        </ul>
      )}
    </Alert>
  );
}

export default function MefListAdminPage() {
  usePageTitle(TITLE);
  const [file, setFile] = useState<File | null>(null);
  const [current, setCurrent] = useState<MefImportView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [history, setHistory] = useState<MefImportView[]>([]);
  const resultRef = useRef<HTMLDivElement>(null);

  const reload = useCallback((signal?: AbortSignal) => {
    mefImports(signal)
      .then((r) => setHistory(r.items))
      .catch(() => undefined);
  }, []);
  useEffect(() => {
    const ctrl = new AbortController();
    reload(ctrl.signal);
    return () => ctrl.abort();
  }, [reload]);

  // follows the running import until it is DONE or FAILED
  const running = current !== null && (current.status === 'LOADING' || current.status === 'MERGING');
  useEffect(() => {
    if (!running || !current) return;
    const ctrl = new AbortController();
    const timer = window.setTimeout(() => {
      mefImport(current.id, ctrl.signal)
        .then((v) => {
          setCurrent(v);
          if (v.status === 'DONE' || v.status === 'FAILED') {
            reload();
            window.setTimeout(() => resultRef.current?.focus(), 0);
          }
        })
        .catch((e: unknown) => !ctrl.signal.aborted && setError(errorMessage(e)));
    }, 500);
    return () => {
      window.clearTimeout(timer);
      ctrl.abort();
    };
  }, [running, current, reload]);

  const onSubmit = async (ev: FormEvent) => {
    ev.preventDefault();
    setError(null);
    if (!file) {
      setError("Scegliere il file CSV dell'elenco MEF da caricare.");
      window.setTimeout(() => resultRef.current?.focus(), 0);
      return;
    }
    try {
      setCurrent(await uploadMefList(file));
    } catch (e) {
      setError(errorMessage(e));
      window.setTimeout(() => resultRef.current?.focus(), 0);
    }
  };

  return (
    <>
      <h1 className="h3">{TITLE}</h1>
      <p>
        Caricare l&apos;elenco annuale del Ministero dell&apos;economia e delle finanze degli aventi diritto
        alle esenzioni per reddito E01, E03 ed E04: un file CSV con la riga di intestazione{' '}
        <code>codice_fiscale;codice_esenzione;anno</code> e una riga per persona e codice, tutte dello stesso
        anno. Le esenzioni risultano «da elenco MEF» e valgono fino al 31 marzo dell&apos;anno successivo; chi
        non compare più nel nuovo elenco perde l&apos;esenzione da elenco e riceve un avviso. Caricare di
        nuovo lo stesso file non cambia nulla.
      </p>
      <form onSubmit={onSubmit} noValidate aria-label="Carica l'elenco MEF" className="mb-4">
        <div className="mb-3">
          <label htmlFor={FILE_ID} className="form-label d-block fw-semibold">
            File CSV dell&apos;elenco MEF
          </label>
          <input
            id={FILE_ID}
            type="file"
            accept=".csv,text/csv"
            className="form-control"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </div>
        <Button type="submit" color="primary" disabled={running}>
          {running ? 'Caricamento in corso…' : "Carica l'elenco"}
        </Button>
      </form>
      <div ref={resultRef} tabIndex={-1} aria-live="polite">
        {current && <ProgressBar view={current} />}
        {current && <Outcome view={current} />}
        {error && (
          <Alert fade={false} color="danger">
            {error}
          </Alert>
        )}
      </div>
      <h2 className="h5 mt-4">Caricamenti</h2>
      {history.length === 0 ? (
        <p>Nessun elenco caricato.</p>
      ) : (
        <Table responsive>
          <thead>
            <tr>
              <th scope="col">N.</th>
              <th scope="col">File</th>
              <th scope="col">Anno</th>
              <th scope="col">Iniziato il</th>
              <th scope="col">Stato</th>
              <th scope="col">Righe</th>
              <th scope="col">Nuove</th>
              <th scope="col">Terminate</th>
            </tr>
          </thead>
          <tbody>
            {history.map((h) => (
              <tr key={h.id}>
                <td>{h.id}</td>
                <td>{h.fileName}</td>
                <td>{h.listYear ?? '–'}</td>
                <td>{formatDateTime(h.startedAt)}</td>
                <td>{MEF_IMPORT_STATUS_LABELS[h.status]}</td>
                <td>{n(h.rowsRead)}</td>
                <td>{n(h.inserted)}</td>
                <td>{n(h.ended)}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}
