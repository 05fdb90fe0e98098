/**
 * "Codici regionali" (issue 12 §6): the counter operator issues a code of the Region's file — dental care
 * (E09, OD1, OD2, ODO1), foreigners and minors (E06, E07, E08, X23, X24), Piemonte's income codes — on
 * the person's declaration. The form asks what the code's rules need (income in euro, household, permit
 * or card date, a condition of the list, name and birth date of an STP/ENI holder); the server checks
 * every rule and issues the exemption at once, or answers with the rule and the figure.
 */
import type { CaseDetail, RegionalCodeView } from '@esenzioni/domain';
import { DECLARANT_TITLE_LABELS, DECLARANT_TITLES, type DeclarantTitle } from '@esenzioni/domain/enums';
import { parseEuroToCents, formatEuroCents } from '@esenzioni/domain/income';
import { personIdentifierKind } from '@esenzioni/domain/person-identifier';
import { formatItalianDate, parseItalianDate, todayInRome } from '@esenzioni/domain/validity';
import { Alert, Button, Select } from 'design-react-kit';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { isApiError } from '../../api/client';
import { issueRegionalExemption, regionalCodes } from '../../api/regional';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { Radio } from '../../ui/Radio';
import { DateTextField, FiscalCodeField, TextField } from '../../ui/TextField';
import { usePageTitle } from '../../ui/usePageTitle';

interface Form {
  code: string;
  beneficiary: string;
  firstName: string;
  lastName: string;
  birthDate: string;
  income: string;
  householdSize: string;
  condition: string;
  permitIssuedOn: string;
  cardIssuedOn: string;
  declarantTitle: DeclarantTitle;
  declarant: string;
  documentsShown: boolean;
  dpr445Accepted: boolean;
}

const EMPTY: Form = {
  code: '',
  beneficiary: '',
  firstName: '',
  lastName: '',
  birthDate: '',
  income: '',
  householdSize: '',
  condition: '',
  permitIssuedOn: '',
  cardIssuedOn: '',
  declarantTitle: 'SELF',
  declarant: '',
  documentsShown: false,
  dpr445Accepted: false,
};

type Errors = Partial<Record<string, string>>;

/** Server fields → the ids of this form's inputs (to focus the first wrong one). */
const FIELD_IDS: Record<string, string> = {
  exemptionCode: 'regionale-codice',
  beneficiary: 'regionale-assistito',
  person: 'regionale-nome',
  birthDate: 'regionale-nascita',
  incomeCents: 'regionale-reddito',
  householdSize: 'regionale-nucleo',
  condition: 'regionale-condizione-0',
  permitIssuedOn: 'regionale-permesso',
  cardIssuedOn: 'regionale-tesserino',
  declarantTitle: 'regionale-titolo',
  declarantFiscalCode: 'regionale-dichiarante',
  documentsShown: 'regionale-documenti',
  dpr445Accepted: 'regionale-dpr445',
};

const IDENTIFIER_NAMES = { CF: 'codice fiscale', STP: 'codice STP', ENI: 'codice ENI' } as const;

export default function RegionalIssuePage() {
  usePageTitle('Codici regionali');
  const [codes, setCodes] = useState<RegionalCodeView[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [form, setForm] = useState<Form>(EMPTY);
  const [errors, setErrors] = useState<Errors>({});
  const [error, setError] = useState<unknown>(null);
  const [issued, setIssued] = useState<CaseDetail | null>(null);
  const [sending, setSending] = useState(false);

  useEffect(() => {
    const ctrl = new AbortController();
    regionalCodes(ctrl.signal)
      .then((r) => {
        const today = todayInRome();
        setCodes(
          r.codes.filter(
            (c) => c.issuedBy.includes('COUNTER') && (c.validUntil === null || c.validUntil >= today),
          ),
        );
      })
      .catch((e) => !ctrl.signal.aborted && setLoadError(e));
    return () => ctrl.abort();
  }, []);

  const chosen = useMemo(() => codes?.find((c) => c.code === form.code) ?? null, [codes, form.code]);
  const kind = personIdentifierKind(form.beneficiary);
  const temporary = kind === 'STP' || kind === 'ENI';
  const set = (patch: Partial<Form>) => setForm((f) => ({ ...f, ...patch }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!chosen) {
      setErrors({ exemptionCode: 'Scegliere il codice.' });
      return document.getElementById(FIELD_IDS.exemptionCode!)?.focus();
    }
    const local: Errors = {};
    const date = (v: string, field: string) => {
      if (!v.trim()) return undefined;
      const iso = parseItalianDate(v);
      if (!iso) local[field] = 'Data non valida: usare il formato gg/mm/aaaa.';
      return iso ?? undefined;
    };
    const incomeCents = form.income.trim() ? parseEuroToCents(form.income) : undefined;
    if (incomeCents === null) local.incomeCents = 'Importo non valido: per esempio 12.500,00.';
    const householdSize = form.householdSize.trim() ? Number(form.householdSize) : undefined;
    if (householdSize !== undefined && !(Number.isInteger(householdSize) && householdSize >= 1))
      local.householdSize = 'Indicare un numero intero, almeno 1.';
    const birthDate = date(form.birthDate, 'birthDate');
    const permitIssuedOn = date(form.permitIssuedOn, 'permitIssuedOn');
    const cardIssuedOn = date(form.cardIssuedOn, 'cardIssuedOn');
    if (Object.keys(local).length > 0) {
      setErrors(local);
      const first = Object.keys(local)[0];
      return first ? document.getElementById(FIELD_IDS[first] ?? '')?.focus() : undefined;
    }
    setErrors({});
    setError(null);
    setSending(true);
    try {
      const detail = await issueRegionalExemption({
        exemptionCode: chosen.code,
        beneficiary: form.beneficiary,
        ...(temporary && (form.firstName || form.lastName || birthDate)
          ? { person: { firstName: form.firstName, lastName: form.lastName, birthDate: birthDate ?? '' } }
          : {}),
        declarantTitle: form.declarantTitle,
        ...(form.declarantTitle !== 'SELF' && form.declarant ? { declarantFiscalCode: form.declarant } : {}),
        ...(incomeCents !== undefined && incomeCents !== null ? { incomeCents } : {}),
        ...(householdSize !== undefined ? { householdSize } : {}),
        ...(form.condition ? { condition: form.condition } : {}),
        ...(permitIssuedOn ? { permitIssuedOn } : {}),
        ...(cardIssuedOn ? { cardIssuedOn } : {}),
        documentsShown: form.documentsShown as true,
        dpr445Accepted: form.dpr445Accepted as true,
      });
      setIssued(detail);
      setForm(EMPTY);
    } catch (err) {
      setError(err);
      const issues = isApiError(err) ? (err.problem?.issues ?? []) : [];
      const byField: Errors = {};
      for (const i of issues) {
        const field = i.field.split('.')[0] ?? i.field;
        byField[field] ??= i.message;
      }
      setErrors(byField);
      const first = issues[0]?.field.split('.')[0];
      if (first && FIELD_IDS[first]) document.getElementById(FIELD_IDS[first])?.focus();
    } finally {
      setSending(false);
    }
  };

  if (loadError) return <ErrorAlert error={loadError} title="Codici regionali non disponibili" />;
  if (!codes) return <Loading />;
  const categories = [...new Set(codes.map((c) => c.categoryLabel))];
  const identifierLabel = chosen
    ? chosen.identifiers.map((k) => IDENTIFIER_NAMES[k]).join(' o ')
    : 'codice fiscale';

  return (
    <>
      <h1 className="h3">Codici regionali</h1>
      <p>
        Esenzioni della Regione (cure odontoiatriche, cittadini stranieri, minori, reddito regionale)
        rilasciate allo sportello sulla dichiarazione dell’assistito. Regole, documenti e durata sono quelli
        del file della Regione: il sistema le verifica e rilascia subito l’esenzione.
      </p>
      <div aria-live="polite">
        {issued && (
          <Alert fade={false} color="success">
            <p className="mb-1">
              {`Esenzione ${issued.exemption.code} rilasciata a ${issued.beneficiary.lastName} ${issued.beneficiary.firstName}: valida dal ${formatItalianDate(issued.validFrom)} al ${formatItalianDate(issued.validUntil)}.`}
            </p>
            <Link to={`/pratiche/${issued.caseNumber}`}>{`Apri la pratica n. ${issued.caseNumber}`}</Link>
          </Alert>
        )}
      </div>
      <form noValidate onSubmit={submit} aria-label="Rilascio di un codice regionale" className="mt-3">
        <Select
          id={FIELD_IDS.exemptionCode}
          label="Codice di esenzione"
          value={form.code}
          onChange={(v: string) => {
            set({ code: v, condition: '', income: '', householdSize: '' });
            setErrors({});
            setIssued(null);
          }}
        >
          {[
            <option key="" value="">
              Scegliere il codice
            </option>,
            ...categories.map((label) => (
              <optgroup key={label} label={label}>
                {codes
                  .filter((c) => c.categoryLabel === label)
                  .map((c) => (
                    <option key={c.code} value={c.code}>
                      {`${c.code} – ${c.description}`}
                    </option>
                  ))}
              </optgroup>
            )),
          ]}
        </Select>
        {errors.exemptionCode && <p className="text-danger small">{errors.exemptionCode}</p>}
        {chosen && <Rules code={chosen} />}
        {chosen && (
          <>
            <FiscalCodeField
              id={FIELD_IDS.beneficiary!}
              label={`Assistito: ${identifierLabel}`}
              value={form.beneficiary}
              onValueChange={(v) => set({ beneficiary: v.toUpperCase() })}
              error={errors.beneficiary}
              hint={
                chosen.identifiers.some((k) => k !== 'CF')
                  ? 'Codice STP o ENI: le tre lettere e 13 cifre, come sul tesserino.'
                  : 'Un assistito residente nella propria ASL.'
              }
            />
            {temporary && (
              <fieldset className="mb-3">
                <legend className="h5 px-0">Dati del tesserino</legend>
                <TextField
                  id={FIELD_IDS.person!}
                  label="Nome"
                  value={form.firstName}
                  onValueChange={(v) => set({ firstName: v })}
                  error={errors.person}
                />
                <TextField
                  id="regionale-cognome"
                  label="Cognome"
                  value={form.lastName}
                  onValueChange={(v) => set({ lastName: v })}
                />
                <DateTextField
                  id={FIELD_IDS.birthDate!}
                  label="Data di nascita"
                  value={form.birthDate}
                  onValueChange={(v) => set({ birthDate: v })}
                  error={errors.birthDate}
                />
              </fieldset>
            )}
            {!temporary && errors.birthDate && (
              <Alert fade={false} color="danger" className="mb-3">
                {errors.birthDate}
              </Alert>
            )}
            {chosen.needs.income && (
              <TextField
                id={FIELD_IDS.incomeCents!}
                label={
                  chosen.needs.income === 'ISEE'
                    ? 'ISEE (euro)'
                    : 'Reddito del nucleo familiare fiscale (euro)'
                }
                inputMode="decimal"
                value={form.income}
                onValueChange={(v) => set({ income: v })}
                error={errors.incomeCents}
                hint="Per esempio 12.500,00."
              />
            )}
            {chosen.needs.householdSize && (
              <TextField
                id={FIELD_IDS.householdSize!}
                label="Componenti del nucleo familiare fiscale"
                inputMode="numeric"
                value={form.householdSize}
                onValueChange={(v) => set({ householdSize: v })}
                error={errors.householdSize}
              />
            )}
            {chosen.needs.permitIssuedOn && (
              <DateTextField
                id={FIELD_IDS.permitIssuedOn!}
                label="Data di rilascio del permesso di soggiorno (o cedolino, modulo C3, attestato della Questura)"
                value={form.permitIssuedOn}
                onValueChange={(v) => set({ permitIssuedOn: v })}
                error={errors.permitIssuedOn}
              />
            )}
            {chosen.needs.cardIssuedOn && (
              <DateTextField
                id={FIELD_IDS.cardIssuedOn!}
                label="Data di rilascio del tesserino"
                value={form.cardIssuedOn}
                onValueChange={(v) => set({ cardIssuedOn: v })}
                error={errors.cardIssuedOn}
              />
            )}
            {chosen.conditions && (
              <fieldset
                className="mb-3"
                aria-describedby={errors.condition ? 'regionale-condizione-errore' : undefined}
              >
                <legend className="h5 px-0">Condizione dichiarata</legend>
                {chosen.conditions.map((c, i) => (
                  <Radio
                    key={c.key}
                    name="condizione"
                    id={`regionale-condizione-${i}`}
                    checked={form.condition === c.key}
                    onChange={() => set({ condition: c.key })}
                  >
                    {c.label}
                  </Radio>
                ))}
                {errors.condition && (
                  <p id="regionale-condizione-errore" className="text-danger small">
                    {errors.condition}
                  </p>
                )}
              </fieldset>
            )}
            <Select
              id={FIELD_IDS.declarantTitle}
              label="Chi firma la dichiarazione"
              value={form.declarantTitle}
              onChange={(v: string) => set({ declarantTitle: v as DeclarantTitle })}
            >
              {DECLARANT_TITLES.map((t) => (
                <option key={t} value={t}>
                  {DECLARANT_TITLE_LABELS[t]}
                </option>
              ))}
            </Select>
            {form.declarantTitle !== 'SELF' && (
              <FiscalCodeField
                id={FIELD_IDS.declarantFiscalCode!}
                label="Codice fiscale del dichiarante"
                value={form.declarant}
                onValueChange={(v) => set({ declarant: v.toUpperCase() })}
                error={errors.declarantFiscalCode ?? errors.declarantTitle}
              />
            )}
            <div className="form-check mb-2">
              <input
                id={FIELD_IDS.documentsShown}
                type="checkbox"
                checked={form.documentsShown}
                onChange={(e) => set({ documentsShown: e.target.checked })}
              />
              <label htmlFor={FIELD_IDS.documentsShown}>Ho visto i documenti richiesti dal codice</label>
              {errors.documentsShown && <p className="text-danger small mb-0">{errors.documentsShown}</p>}
            </div>
            <div className="form-check mb-4">
              <input
                id={FIELD_IDS.dpr445Accepted}
                type="checkbox"
                checked={form.dpr445Accepted}
                onChange={(e) => set({ dpr445Accepted: e.target.checked })}
              />
              <label htmlFor={FIELD_IDS.dpr445Accepted}>
                Il dichiarante ha sottoscritto la dichiarazione sostitutiva (artt. 46, 47 e 76 DPR 445/2000)
              </label>
              {errors.dpr445Accepted && <p className="text-danger small mb-0">{errors.dpr445Accepted}</p>}
            </div>
            <div aria-live="polite">
              <ErrorAlert error={error} title="Esenzione non rilasciata" />
            </div>
            <Button type="submit" color="primary" disabled={sending}>
              Rilascia l’esenzione
            </Button>
          </>
        )}
      </form>
    </>
  );
}

/** What the Region's file says of the chosen code. */
function Rules({ code }: { code: RegionalCodeView }) {
  return (
    <section aria-labelledby="regionale-regole" className="callout note my-3 p-3 border rounded">
      <h2 id="regionale-regole" className="h5">
        {`${code.code}: regole della Regione`}
      </h2>
      <dl className="mb-0">
        {code.age && (
          <>
            <dt>Età</dt>
            <dd>{code.age}</dd>
          </>
        )}
        {code.income && (
          <>
            <dt>Reddito</dt>
            <dd>{code.income}</dd>
          </>
        )}
        {code.copayCapCents !== null && (
          <>
            <dt>Partecipazione alla spesa</dt>
            <dd>{`fino a ${formatEuroCents(code.copayCapCents)}`}</dd>
          </>
        )}
        {code.discountPercent !== null && (
          <>
            <dt>Sconto</dt>
            <dd>{`${code.discountPercent}% sulla tariffa aziendale`}</dd>
          </>
        )}
        <dt>Durata</dt>
        <dd>{code.duration}</dd>
        <dt>Documenti da esibire</dt>
        <dd>
          <ul className="mb-0">
            {code.documents.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        </dd>
        {code.notes && (
          <>
            <dt>Note</dt>
            <dd>{code.notes}</dd>
          </>
        )}
      </dl>
    </section>
  );
}
