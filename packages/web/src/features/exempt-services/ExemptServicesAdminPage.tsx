/**
 * "Prestazioni esenti" for the administrator (issue 12 §8): load a CSV file of exempt services
 * (code, service_code, note, valid_from, valid_until, source; docs/exempt-services.md). Every service
 * code is checked against the national nomenclator; a file with errors is refused as a whole and its
 * errors are listed by line. Each loaded file is a version: the list of a code is its latest file's.
 */
import type { ExemptServicesUploadList, ExemptServicesUploadResponse } from '@esenzioni/domain';
import { Alert, Button, Table } from 'design-react-kit';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { isApiError } from '../../api/client';
import { exemptServicesUploads, uploadExemptServices } from '../../api/exempt-services';
import { errorMessage } from '../../ui/errorMessage';
import { formatDate } from '../../ui/format';
import { usePageTitle } from '../../ui/usePageTitle';

const TITLE = 'Prestazioni esenti';
const FILE_ID = 'file-prestazioni';

export default function ExemptServicesAdminPage() {
  usePageTitle(TITLE);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<ExemptServicesUploadResponse | null>(null);
  const [error, setError] = useState<{
    text: string;
    issues: Array<{ field: string; message: string }>;
  } | null>(null);
  const [uploads, setUploads] = useState<ExemptServicesUploadList['items']>([]);
  const resultRef = useRef<HTMLDivElement>(null);

  const reload = useCallback((signal?: AbortSignal) => {
    exemptServicesUploads(signal)
      .then((r) => setUploads(r.items))
      .catch(() => undefined);
  }, []);
  useEffect(() => {
    const ctrl = new AbortController();
    reload(ctrl.signal);
    return () => ctrl.abort();
  }, [reload]);

  const onSubmit = async (ev: FormEvent) => {
    ev.preventDefault();
    setDone(null);
    if (!file) {
      setError({ text: 'Scegliere il file CSV da caricare.', issues: [] });
      window.setTimeout(() => resultRef.current?.focus(), 0);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const out = await uploadExemptServices(file.name, await file.text());
      setDone(out);
      reload();
    } catch (e) {
      setError({
        text: isApiError(e) && e.status === 400 ? (e.problem?.detail ?? e.message) : errorMessage(e),
        issues: isApiError(e) ? (e.problem?.issues ?? []) : [],
      });
    } finally {
      setBusy(false);
      window.setTimeout(() => resultRef.current?.focus(), 0);
    }
  };

  return (
    <>
      <h1 className="h3">{TITLE}</h1>
      <p>
        Caricare un file CSV con le colonne <code>code,service_code,note,valid_from,valid_until,source</code>:
        il codice di esenzione (o il codice base), il codice della prestazione del nomenclatore nazionale, una
        nota facoltativa, le date di validità (AAAA-MM-GG; fine facoltativa) e la fonte. Ogni file è una nuova
        versione degli elenchi dei codici che contiene; un file con errori non viene caricato.
      </p>
      <form onSubmit={onSubmit} noValidate aria-label="Carica un file di prestazioni esenti" className="mb-4">
        <div className="mb-3">
          <label htmlFor={FILE_ID} className="form-label d-block fw-semibold">
            File CSV delle prestazioni esenti
          </label>
          <input
            id={FILE_ID}
            type="file"
            accept=".csv,text/csv"
            className="form-control"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </div>
        <Button type="submit" color="primary" disabled={busy}>
          {busy ? 'Caricamento…' : 'Carica il file'}
        </Button>
      </form>
      <div ref={resultRef} tabIndex={-1} aria-live="polite">
        {done && (
          <Alert fade={false} color="success">
            {done.created
              ? `File caricato: ${done.rows} ${done.rows === 1 ? 'prestazione' : 'prestazioni'} per ${done.codes.join(', ')}.`
              : `Questo file era già stato caricato il ${formatDate(done.uploadedAt)}: nessuna modifica.`}
          </Alert>
        )}
        {error && (
          <Alert fade={false} color="danger">
            <strong className="d-block">{error.text}</strong>
            {error.issues.length > 0 && (
              <ul className="mb-0" data-testid="errori-file">
                {error.issues.map((i, n) => (
                  <li key={n}>{`${i.field}: ${i.message}`}</li>
                ))}
              </ul>
            )}
          </Alert>
        )}
      </div>
      <h2 className="h5 mt-4">File caricati</h2>
      {uploads.length === 0 ? (
        <p>Nessun file caricato: i codici senza elenco mostrano «elenco non ancora caricato».</p>
      ) : (
        <Table responsive>
          <thead>
            <tr>
              <th scope="col">Versione</th>
              <th scope="col">File</th>
              <th scope="col">Caricato il</th>
              <th scope="col">Prestazioni</th>
              <th scope="col">Codici</th>
            </tr>
          </thead>
          <tbody>
            {uploads.map((u) => (
              <tr key={u.uploadId}>
                <td>{u.uploadId}</td>
                <td>{u.fileName}</td>
                <td>{formatDate(u.uploadedAt)}</td>
                <td>{u.rows}</td>
                <td>{u.codes.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}
