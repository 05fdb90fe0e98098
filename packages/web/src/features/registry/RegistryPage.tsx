/** "Verifica esenzioni": the exemptions of a person in the regional registry (AURA) on a date. */
import type { RegistryResponse } from '@esenzioni/domain';
import { EXEMPTION_FAMILY_LABELS, REGISTRY_SOURCE_LABELS } from '@esenzioni/domain/enums';
import { normalizeFiscalCode } from '@esenzioni/domain/fiscal-code';
// issue 12 §6: an STP/ENI holder's regional codes are verified by that code
import { parsePersonIdentifier } from '@esenzioni/domain/person-identifier';
import { formatItalianDate, parseItalianDate, todayInRome } from '@esenzioni/domain/validity';
import { Alert, Button, Table } from 'design-react-kit';
import { useEffect, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { lookupRegistry } from '../../api/registry';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { DateTextField, FiscalCodeField, TextField } from '../../ui/TextField';
import { usePageTitle } from '../../ui/usePageTitle';

/** issue 12 §4: what the exemption covers, in a word (the registry answer's `scope`). */
const SCOPE_SHORT = {
  ALL: 'Tutte',
  RELATED: 'Solo correlate all’invalidità',
  LIST: 'Elenco della patologia',
} as const;

export default function RegistryPage() {
  usePageTitle('Verifica esenzioni');
  const [sp, setSp] = useSearchParams();
  const urlCf = sp.get('fiscalCode') ?? '';
  const urlDate = sp.get('date') ?? '';
  // issue 12 §7: one code only, also as written on prescriptions (0B02)
  const urlCode = sp.get('codice') ?? '';
  const [code, setCode] = useState(urlCode);
  const [cf, setCf] = useState(urlCf);
  const [date, setDate] = useState(urlDate ? formatItalianDate(urlDate) : formatItalianDate(todayInRome()));
  const [errors, setErrors] = useState<{ cf?: string; date?: string }>({});
  const key = urlCf && 'kind' in parsePersonIdentifier(urlCf) ? `${urlCf}|${urlDate}|${urlCode}` : null;
  const [loaded, setLoaded] = useState<{
    key: string;
    result: RegistryResponse | null;
    error: unknown;
  } | null>(null);

  useEffect(() => {
    if (!key) return;
    const ctrl = new AbortController();
    lookupRegistry(urlCf, urlDate || undefined, ctrl.signal, urlCode || undefined)
      .then((result) => setLoaded({ key, result, error: null }))
      .catch((error: unknown) => !ctrl.signal.aborted && setLoaded({ key, result: null, error }));
    return () => ctrl.abort();
  }, [key, urlCf, urlDate, urlCode]);
  const current = key && loaded?.key === key ? loaded : null;
  const loading = key !== null && current === null;
  const result = current?.result ?? null;
  const error = current?.error ?? null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parsePersonIdentifier(cf);
    const problem = 'problem' in parsed ? parsed.problem : null;
    const iso = date.trim() ? parseItalianDate(date) : '';
    const found = {
      ...(problem ? { cf: problem } : {}),
      ...(iso === null ? { date: 'Data non valida: usare il formato gg/mm/aaaa.' } : {}),
    };
    setErrors(found);
    if (found.cf) return document.getElementById('verifica-cf')?.focus();
    if (found.date) return document.getElementById('verifica-data')?.focus();
    setSp({
      fiscalCode: normalizeFiscalCode(cf),
      ...(iso ? { date: iso } : {}),
      ...(code.trim() ? { codice: code.trim().toUpperCase() } : {}),
    });
  };

  return (
    <>
      <h1 className="h3">Verifica esenzioni</h1>
      <p>Esenzioni registrate in anagrafe (AURA) per un assistito, valide alla data indicata.</p>
      <form
        noValidate
        onSubmit={submit}
        aria-label="Verifica esenzioni di un assistito"
        className="row g-3 mt-2"
      >
        <div className="col-12 col-md-4">
          <FiscalCodeField
            id="verifica-cf"
            label="Codice fiscale assistito"
            value={cf}
            onValueChange={setCf}
            error={errors.cf}
            hint="Per uno straniero senza codice fiscale: il codice STP o ENI del tesserino."
          />
        </div>
        <div className="col-12 col-md-3">
          <TextField
            id="verifica-codice"
            label="Codice esenzione (facoltativo)"
            value={code}
            onValueChange={setCode}
            autoComplete="off"
            hint="Anche come sulla ricetta, es. 0B02."
          />
        </div>
        <div className="col-12 col-md-3">
          <DateTextField
            id="verifica-data"
            label="Data di riferimento"
            value={date}
            onValueChange={setDate}
            error={errors.date}
          />
        </div>
        <div className="col-12 col-md-2 d-flex align-items-start">
          <Button type="submit" color="primary">
            Verifica
          </Button>
        </div>
      </form>
      <p className="gdpr-note">
        Ai sensi del GDPR i tuoi accessi verranno tracciati e comunicati eventualmente al cittadino
      </p>
      <div aria-live="polite">
        {loading && <Loading label="Verifica in corso…" />}
        <ErrorAlert error={error} title="Verifica non riuscita" />
        {result && result.exemptions.length === 0 && (
          <Alert
            fade={false}
            color="info"
          >{`Nessuna esenzione valida il ${formatDate(result.date)} per ${result.fiscalCode}${urlCode ? ` con il codice ${urlCode}` : ''}.`}</Alert>
        )}
        {result && result.exemptions.length > 0 && (
          <p className="h6">{`Esenzioni valide il ${formatDate(result.date)} per ${result.fiscalCode}: ${result.exemptions.length}`}</p>
        )}
      </div>
      {result && result.exemptions.length > 0 && (
        <div className="table-responsive">
          <Table>
            <caption className="visually-hidden">Esenzioni in anagrafe</caption>
            <thead>
              <tr>
                <th scope="col">Codice</th>
                <th scope="col">Descrizione</th>
                <th scope="col">Tipologia</th>
                <th scope="col">Prestazioni esenti</th>
                <th scope="col">Valida dal</th>
                <th scope="col">Valida fino al</th>
                <th scope="col">Numero pratica</th>
                <th scope="col">Fonte</th>
              </tr>
            </thead>
            <tbody>
              {result.exemptions.map((x) => (
                <tr key={`${x.code}-${x.validFrom}`}>
                  <td>{x.code}</td>
                  <td>{x.description}</td>
                  <td>{EXEMPTION_FAMILY_LABELS[x.family]}</td>
                  <td>{SCOPE_SHORT[x.scope]}</td>
                  <td>{formatDate(x.validFrom)}</td>
                  <td>{x.validUntil ? formatDate(x.validUntil) : 'senza scadenza'}</td>
                  <td>{x.caseNumber ?? ''}</td>
                  <td>{REGISTRY_SOURCE_LABELS[x.source]}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      )}
    </>
  );
}
