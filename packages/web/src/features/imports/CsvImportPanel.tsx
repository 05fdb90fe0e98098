/**
 * The administrator's upload of a large CSV list (the MEF list, the registry of assistiti): the server
 * answers at once; the panel then follows the import with a progress bar (polling its row), shows the
 * figures or the reason it failed, the first rejected lines (number and reason), and the recent imports.
 */
import { MEF_IMPORT_STATUS_LABELS } from '@esenzioni/domain/enums';
import { Alert, Button, Table } from 'design-react-kit';
import { useCallback, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { errorMessage } from '../../ui/errorMessage';
import { formatDateTime } from '../../ui/format';

/** What every import row has (MefImportView, PersonImportView). */
export interface ImportView {
  id: string;
  fileName: string;
  status: 'LOADING' | 'MERGING' | 'DONE' | 'FAILED';
  percent: number;
  rowsRead: number;
  rowsRejected: number;
  rejectedSample: Array<{ line: number; reason: string }>;
  startedAt: string;
  error: string | null;
}

export const count = (v: number | null) => (v === null ? '–' : v.toLocaleString('it-IT'));

export interface CsvImportPanelProps<V extends ImportView> {
  /** ids of the form's controls */
  idPrefix: string;
  formLabel: string;
  fileLabel: string;
  submitLabel: string;
  missingFile: string;
  emptyHistory: string;
  upload: (file: File) => Promise<V>;
  poll: (id: string, signal: AbortSignal) => Promise<V>;
  list: (signal?: AbortSignal) => Promise<{ items: V[] }>;
  /** the sentence of a finished import */
  doneText: (v: V) => string;
  /** the history table's columns after N., File, Iniziato il, Stato, Righe */
  columns: Array<{ header: string; cell: (v: V) => ReactNode }>;
}

export function CsvImportPanel<V extends ImportView>(p: CsvImportPanelProps<V>) {
  const [file, setFile] = useState<File | null>(null);
  const [current, setCurrent] = useState<V | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [history, setHistory] = useState<V[]>([]);
  const resultRef = useRef<HTMLDivElement>(null);
  const { list, poll, upload } = p;

  const reload = useCallback(
    (signal?: AbortSignal) => {
      list(signal)
        .then((r) => setHistory(r.items))
        .catch(() => undefined);
    },
    [list],
  );
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
      poll(current.id, ctrl.signal)
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
  }, [running, current, reload, poll]);

  const onSubmit = async (ev: FormEvent) => {
    ev.preventDefault();
    setError(null);
    if (!file) {
      setError(p.missingFile);
      window.setTimeout(() => resultRef.current?.focus(), 0);
      return;
    }
    try {
      setCurrent(await upload(file));
    } catch (e) {
      setError(errorMessage(e));
      window.setTimeout(() => resultRef.current?.focus(), 0);
    }
  };

  const fileId = `${p.idPrefix}-file`;
  const labelId = `${p.idPrefix}-progress-label`;
  return (
    <>
      <form onSubmit={onSubmit} noValidate aria-label={p.formLabel} className="mb-4">
        <div className="mb-3">
          <label htmlFor={fileId} className="form-label d-block fw-semibold">
            {p.fileLabel}
          </label>
          <input
            id={fileId}
            type="file"
            accept=".csv,text/csv"
            className="form-control"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </div>
        <Button type="submit" color="primary" disabled={running}>
          {running ? 'Caricamento in corso…' : p.submitLabel}
        </Button>
      </form>
      <div ref={resultRef} tabIndex={-1} aria-live="polite">
        {current && (
          <div className="mb-3">
            <p className="mb-1" id={labelId}>
              {`${MEF_IMPORT_STATUS_LABELS[current.status]} — ${current.percent}% (${count(current.rowsRead)} righe lette)`}
            </p>
            <div className="progress" style={{ height: '1rem' }}>
              <div
                className={`progress-bar${current.status === 'FAILED' ? ' bg-danger' : ''}`}
                role="progressbar"
                aria-labelledby={labelId}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={current.percent}
                style={{ width: `${current.percent}%` }}
              />
            </div>
          </div>
        )}
        {current?.status === 'FAILED' && (
          <Alert fade={false} color="danger">
            {`Caricamento non riuscito: ${current.error ?? 'motivo non disponibile'}`}
          </Alert>
        )}
        {current?.status === 'DONE' && (
          <Alert fade={false} color="success">
            {`${p.doneText(current)} Righe scartate: ${count(current.rowsRejected)}.`}
            {current.rejectedSample.length > 0 && (
              <ul className="mb-0 mt-2">
                {current.rejectedSample.map((r) => (
                  <li key={r.line}>{`riga ${r.line}: ${r.reason}`}</li>
                ))}
              </ul>
            )}
          </Alert>
        )}
        {error && (
          <Alert fade={false} color="danger">
            {error}
          </Alert>
        )}
      </div>
      <h2 className="h5 mt-4">Caricamenti</h2>
      {history.length === 0 ? (
        <p>{p.emptyHistory}</p>
      ) : (
        <Table responsive>
          <thead>
            <tr>
              <th scope="col">N.</th>
              <th scope="col">File</th>
              <th scope="col">Iniziato il</th>
              <th scope="col">Stato</th>
              <th scope="col">Righe</th>
              {p.columns.map((c) => (
                <th scope="col" key={c.header}>
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {history.map((h) => (
              <tr key={h.id}>
                <td>{h.id}</td>
                <td>{h.fileName}</td>
                <td>{formatDateTime(h.startedAt)}</td>
                <td>{MEF_IMPORT_STATUS_LABELS[h.status]}</td>
                <td>{count(h.rowsRead)}</td>
                {p.columns.map((c) => (
                  <td key={c.header}>{c.cell(h)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}
