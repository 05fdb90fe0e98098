/**
 * «Parametri» (issue 13 §3): the certificate's maximum age per Region (3 digits) or ASL (6 digits, wins
 * over the Region's), the lead time of the expiry reminder; a parameter not set keeps the configuration's
 * value; the durations per code (DurationForm). The catalogue files have their own pages.
 */
import type { AdminParameterName } from '@esenzioni/domain';
import { Alert, Button, Table } from 'design-react-kit';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import {
  adminParameters,
  clearAdminParameter,
  setAdminParameter,
  type ParameterList,
} from '../../api/administration';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { errorMessage } from '../../ui/errorMessage';
import { formatDateTime } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { TextField } from '../../ui/TextField';
import { usePageTitle } from '../../ui/usePageTitle';
import { fieldErrors, formErrorText } from './adminForm';
import { DurationForm } from './DurationForm';

const LABELS: Record<AdminParameterName, string> = {
  CERTIFICATE_MAX_AGE_MONTHS: 'Età massima del certificato (mesi)',
  EXPIRY_REMINDER_DAYS: 'Preavviso del promemoria di scadenza (giorni)',
};

export default function ParametersAdminPage() {
  usePageTitle('Parametri');
  const [data, setData] = useState<ParameterList | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [name, setName] = useState<AdminParameterName>('CERTIFICATE_MAX_AGE_MONTHS');
  const [scope, setScope] = useState('');
  const [value, setValue] = useState('');
  const [formError, setFormError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const live = useRef<HTMLDivElement>(null);
  const load = useCallback(() => adminParameters().then(setData).catch(setError), []);
  useEffect(() => {
    void load();
  }, [load]);
  const errors = fieldErrors(formError);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    setNotice(null);
    try {
      const n = Number(value.trim());
      const saved = await setAdminParameter({
        name,
        scope: name === 'EXPIRY_REMINDER_DAYS' ? '' : scope.trim(),
        value: value.trim() === '' || !Number.isFinite(n) ? Number.NaN : n,
      });
      setNotice(`${LABELS[saved.name]}${saved.scope ? ` per ${saved.scope}` : ''}: ${saved.value}.`);
      await load();
    } catch (err) {
      setFormError(err);
    }
    window.setTimeout(() => live.current?.focus(), 0);
  };
  const clear = async (n: AdminParameterName, s: string) => {
    try {
      await clearAdminParameter(n, s);
      setNotice(`${LABELS[n]}${s ? ` per ${s}` : ''}: tolto, vale il valore predefinito.`);
      await load();
    } catch (err) {
      setNotice(errorMessage(err));
    }
    window.setTimeout(() => live.current?.focus(), 0);
  };

  return (
    <>
      <h1 className="h2">Parametri</h1>
      <p>
        L’età massima del certificato si imposta per Regione (codice di 3 cifre, es. 010) o per ASL (6 cifre,
        es. 010301): il valore dell’ASL prevale. Le durate delle esenzioni per codice sono più sotto; i file
        delle prestazioni esenti nella pagina{' '}
        <Link to="/amministrazione/prestazioni-esenti">Prestazioni esenti</Link>.
      </p>
      <ErrorAlert error={error} title="Parametri non disponibili" />
      {!data && !error && <Loading />}
      {data && (
        <p>
          Valori predefiniti della configurazione: età del certificato {data.defaults.certificateMaxAgeMonths}{' '}
          mesi, preavviso {data.defaults.expiryReminderDays} giorni.
        </p>
      )}
      <form onSubmit={submit} noValidate className="row align-items-end mb-4">
        <div className="col-12 col-md-5 select-wrapper mb-4">
          <label htmlFor="parametro-nome">Parametro</label>
          <select
            id="parametro-nome"
            value={name}
            onChange={(e) => setName(e.target.value as AdminParameterName)}
          >
            {(Object.keys(LABELS) as AdminParameterName[]).map((n) => (
              <option key={n} value={n}>
                {LABELS[n]}
              </option>
            ))}
          </select>
        </div>
        {name === 'CERTIFICATE_MAX_AGE_MONTHS' && (
          <div className="col-12 col-md-3">
            <TextField
              id="parametro-ambito"
              label="Regione o ASL"
              value={scope}
              onValueChange={setScope}
              error={errors.scope}
              inputMode="numeric"
            />
          </div>
        )}
        <div className="col-12 col-md-2">
          <TextField
            id="parametro-valore"
            label="Valore"
            value={value}
            onValueChange={setValue}
            error={errors.value}
            inputMode="numeric"
          />
        </div>
        <div className="col-12 col-md-2 mb-4">
          <Button type="submit" color="primary">
            Imposta
          </Button>
        </div>
      </form>
      <div ref={live} tabIndex={-1} aria-live="polite">
        {formError !== null && (
          <Alert fade={false} color="danger">
            {formErrorText(formError)}
          </Alert>
        )}
        {notice && (
          <Alert fade={false} color="success">
            {notice}
          </Alert>
        )}
      </div>
      {data && data.items.length > 0 && (
        <div className="table-responsive">
          <Table>
            <caption className="visually-hidden">Parametri impostati</caption>
            <thead>
              <tr>
                <th scope="col">Parametro</th>
                <th scope="col">Ambito</th>
                <th scope="col">Valore</th>
                <th scope="col">Impostato</th>
                <th scope="col">Azioni</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((p) => (
                <tr key={`${p.name}:${p.scope}`}>
                  <th scope="row" className="fw-normal">
                    {LABELS[p.name]}
                  </th>
                  <td>{p.scope || 'Tutto'}</td>
                  <td>{p.value}</td>
                  <td>{formatDateTime(p.updatedAt)}</td>
                  <td>
                    <Button
                      type="button"
                      size="xs"
                      color="secondary"
                      outline
                      onClick={() => void clear(p.name, p.scope)}
                      aria-label={`Togli ${LABELS[p.name]} ${p.scope}`}
                    >
                      Togli
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      )}
      <DurationForm />
    </>
  );
}
