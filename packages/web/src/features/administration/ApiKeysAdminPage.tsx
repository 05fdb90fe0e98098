/** «Chiavi API» (issue 13 §3): the keys of the doctors' systems, created (shown once), listed and revoked. */
import type { ApiKeyCreated, ApiKeyView } from '@esenzioni/domain';
import { Alert, Button, Table } from 'design-react-kit';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { apiKeys, createApiKey, revokeApiKey } from '../../api/administration';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { errorMessage } from '../../ui/errorMessage';
import { formatDateTime } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { TextField } from '../../ui/TextField';
import { usePageTitle } from '../../ui/usePageTitle';
import { fieldErrors, formErrorText } from './adminForm';

export default function ApiKeysAdminPage() {
  usePageTitle('Chiavi API');
  const [items, setItems] = useState<ApiKeyView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [name, setName] = useState('');
  const [formError, setFormError] = useState<unknown>(null);
  const [created, setCreated] = useState<ApiKeyCreated | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const live = useRef<HTMLDivElement>(null);
  const load = useCallback(
    () =>
      apiKeys()
        .then((r) => setItems(r.items))
        .catch(setError),
    [],
  );
  useEffect(() => {
    void load();
  }, [load]);
  const focusLive = () => window.setTimeout(() => live.current?.focus(), 0);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    setNotice(null);
    try {
      setCreated(await createApiKey(name));
      setName('');
      await load();
    } catch (err) {
      setFormError(err);
    }
    focusLive();
  };
  const revoke = async (k: ApiKeyView) => {
    setCreated(null);
    try {
      await revokeApiKey(k.id);
      setNotice(`Chiave «${k.name}» revocata: da ora è rifiutata.`);
      await load();
    } catch (err) {
      setNotice(errorMessage(err));
    }
    focusLive();
  };

  return (
    <>
      <h1 className="h2">Chiavi API</h1>
      <p>
        Le chiavi con cui i gestionali dei medici consultano le esenzioni. La chiave si vede solo alla
        creazione.
      </p>
      <form onSubmit={submit} noValidate className="d-flex flex-wrap align-items-end gap-3 mb-4">
        <TextField
          id="chiave-nome"
          label="Nome della nuova chiave (es. il gestionale)"
          value={name}
          onValueChange={setName}
          error={formError ? (fieldErrors(formError).name ?? formErrorText(formError)) : null}
          wrapperClassName="mb-0 flex-grow-1"
        />
        <Button type="submit" color="primary">
          Crea la chiave
        </Button>
      </form>
      <div ref={live} tabIndex={-1} aria-live="polite">
        {created && (
          <Alert fade={false} color="success">
            <strong className="d-block">Chiave «{created.name}» creata.</strong>
            Copiarla ora: non sarà più mostrata.
            <code className="d-block mt-2 text-break">{created.key}</code>
          </Alert>
        )}
        {notice && (
          <Alert fade={false} color="info">
            {notice}
          </Alert>
        )}
      </div>
      <ErrorAlert error={error} title="Elenco non disponibile" />
      {!items && !error && <Loading />}
      {items && (
        <div className="table-responsive">
          <Table>
            <caption className="visually-hidden">Chiavi API</caption>
            <thead>
              <tr>
                <th scope="col">Nome</th>
                <th scope="col">Creata</th>
                <th scope="col">Stato</th>
                <th scope="col">Azioni</th>
              </tr>
            </thead>
            <tbody>
              {items.map((k) => (
                <tr key={k.id}>
                  <th scope="row" className="fw-normal">
                    {k.name}
                  </th>
                  <td>{formatDateTime(k.createdAt)}</td>
                  <td>{k.revokedAt ? `Revocata il ${formatDateTime(k.revokedAt)}` : 'Attiva'}</td>
                  <td>
                    {!k.revokedAt && (
                      <Button
                        type="button"
                        size="xs"
                        color="danger"
                        onClick={() => void revoke(k)}
                        aria-label={`Revoca la chiave ${k.name}`}
                      >
                        Revoca
                      </Button>
                    )}
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
