/**
 * «Quale esenzione posso chiedere?» (issue 13 §5): a few questions, then the candidate exemptions with
 * what to bring and where to go. Everything runs in the browser (guidedCheck.ts): no answer is stored
 * or sent; the page only reads the public families (documents, income limits).
 */
import { EXEMPTION_FAMILY_LABELS } from '@esenzioni/domain/enums';
import { Button } from 'design-react-kit';
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { Radio } from '../../ui/Radio';
import { usePageTitle } from '../../ui/usePageTitle';
import { FamilyDocumentsList } from './FamiliesPage';
import {
  candidateExemptions,
  EMPTY_ANSWERS,
  incomeBands,
  type Answers,
  type Employment,
  type IncomeBand,
  type Outcome,
  type Pension,
  type Residence,
} from './guidedCheck';
import { FAMILY_SLUGS } from './publicText';
import { usePublicFamilies } from './usePublicFamilies';

function Question<T extends string>({
  name,
  legend,
  options,
  value,
  onChange,
}: {
  name: string;
  legend: ReactNode;
  options: { value: T; label: string }[];
  value: T;
  onChange: (v: T) => void;
}) {
  return (
    <fieldset className="mb-4">
      <legend className="h6 fw-semibold">{legend}</legend>
      {options.map((o) => (
        <Radio
          key={o.value}
          name={name}
          id={`${name}-${o.value}`}
          value={o.value}
          checked={value === o.value}
          onChange={() => onChange(o.value)}
        >
          {o.label}
        </Radio>
      ))}
    </fieldset>
  );
}

const YES_NO = [
  { value: 'no', label: 'No' },
  { value: 'si', label: 'Sì' },
] as const;
type YesNo = (typeof YES_NO)[number]['value'];
const yn = (b: boolean): YesNo => (b ? 'si' : 'no');

export default function GuidedCheckPage() {
  usePageTitle('Quale esenzione posso chiedere?');
  const { data, error } = usePublicFamilies();
  const [a, setA] = useState<Answers>(EMPTY_ANSWERS);
  const [ageText, setAgeText] = useState('');
  const [ageError, setAgeError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const resultRef = useRef<HTMLHeadingElement>(null);
  const ageRef = useRef<HTMLInputElement>(null);
  const set = (p: Partial<Answers>) => {
    setA((x) => ({ ...x, ...p }));
    setOutcome(null);
  };
  const thresholds = data?.incomeThresholds ?? [];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const t = ageText.trim();
    const age = t === '' ? null : Number(t);
    if (age !== null && (!Number.isInteger(age) || age < 0 || age > 120)) {
      setAgeError('Indicare l’età in anni compiuti, da 0 a 120, oppure lasciare vuoto.');
      ageRef.current?.focus();
      return;
    }
    setAgeError(null);
    setOutcome(candidateExemptions({ ...a, age }, thresholds));
    window.setTimeout(() => resultRef.current?.focus(), 0);
  };

  return (
    <div className="row">
      <div className="col-12 col-lg-9">
        <h1 className="h2">Quale esenzione posso chiedere?</h1>
        <p>
          Rispondere ad alcune domande per sapere quali esenzioni si possono chiedere, che cosa portare e dove
          andare. <strong>Le risposte restano su questo dispositivo: non vengono salvate né inviate.</strong>{' '}
          Il risultato è un’indicazione: decide lo sportello dell’ASL.
        </p>
        <ErrorAlert error={error} title="Informazioni non disponibili" />
        {!data && !error && <Loading />}
        <form onSubmit={submit} noValidate className="mt-4">
          <div className="form-group mb-4" style={{ maxWidth: '16rem' }}>
            <label htmlFor="verifica-eta" className="active">
              Età (anni compiuti)
            </label>
            <input
              ref={ageRef}
              id="verifica-eta"
              type="text"
              inputMode="numeric"
              autoComplete="off"
              className={`form-control${ageError ? ' is-invalid' : ''}`}
              value={ageText}
              aria-invalid={ageError ? true : undefined}
              aria-describedby={ageError ? 'verifica-eta-errore' : undefined}
              onChange={(e) => {
                setAgeText(e.target.value);
                setOutcome(null);
              }}
            />
            {ageError && (
              <div id="verifica-eta-errore" className="invalid-feedback d-block">
                {ageError}
              </div>
            )}
          </div>
          <Question<Residence>
            name="verifica-residenza"
            legend="Residenza"
            value={a.residence}
            onChange={(v) => set({ residence: v })}
            options={[
              { value: 'REGION', label: 'Residente in Piemonte, con la tessera sanitaria' },
              { value: 'OTHER_REGION', label: 'Residente in un’altra Regione' },
              { value: 'NO_SSN', label: 'Non iscritto al Servizio sanitario nazionale (tessera STP o ENI)' },
            ]}
          />
          <Question<YesNo>
            name="verifica-coniuge"
            legend="Nel nucleo familiare c’è il coniuge?"
            value={yn(a.spouse)}
            onChange={(v) => set({ spouse: v === 'si', incomeBand: 'UNKNOWN' })}
            options={[...YES_NO]}
          />
          <Question<string>
            name="verifica-figli"
            legend="Figli a carico"
            value={String(Math.min(a.dependentChildren, 4))}
            onChange={(v) => set({ dependentChildren: Number(v), incomeBand: 'UNKNOWN' })}
            options={['0', '1', '2', '3', '4'].map((n) => ({ value: n, label: n === '4' ? '4 o più' : n }))}
          />
          <Question<IncomeBand>
            name="verifica-reddito"
            legend="Reddito complessivo del nucleo familiare nell’anno precedente"
            value={a.incomeBand}
            onChange={(v) => set({ incomeBand: v })}
            options={incomeBands(thresholds, a).map((b) => ({ value: b.band, label: b.label }))}
          />
          <Question<Employment>
            name="verifica-lavoro"
            legend="Lavoro"
            value={a.employment}
            onChange={(v) => set({ employment: v })}
            options={[
              { value: 'EMPLOYED', label: 'Occupato' },
              {
                value: 'UNEMPLOYED',
                label: 'Disoccupato: ho perso un lavoro dipendente e sono iscritto al Centro per l’impiego',
              },
              { value: 'FIRST_JOB', label: 'In cerca del primo lavoro' },
              { value: 'OTHER', label: 'Altro (studente, pensionato, casalinga…)' },
            ]}
          />
          <Question<Pension>
            name="verifica-pensione"
            legend="Pensione (propria o della persona di cui si è a carico)"
            value={a.pension}
            onChange={(v) => set({ pension: v })}
            options={[
              { value: 'NONE', label: 'Nessuna' },
              { value: 'SOCIAL', label: 'Assegno (ex pensione) sociale' },
              { value: 'MINIMUM', label: 'Pensione al minimo' },
              { value: 'OTHER', label: 'Altra pensione' },
            ]}
          />
          <Question<YesNo>
            name="verifica-gravidanza"
            legend="Gravidanza in corso?"
            value={yn(a.pregnant)}
            onChange={(v) => set({ pregnant: v === 'si' })}
            options={[...YES_NO]}
          />
          <Question<YesNo>
            name="verifica-invalidita"
            legend="Ha un verbale di invalidità (civile, di guerra, per servizio o per lavoro)?"
            value={yn(a.invalidityVerbale)}
            onChange={(v) => set({ invalidityVerbale: v === 'si' })}
            options={[...YES_NO]}
          />
          <Question<YesNo>
            name="verifica-cronica"
            legend="Ha una malattia cronica o invalidante diagnosticata?"
            value={yn(a.chronicDisease)}
            onChange={(v) => set({ chronicDisease: v === 'si' })}
            options={[...YES_NO]}
          />
          <Question<YesNo>
            name="verifica-rara"
            legend="Ha una malattia rara diagnosticata?"
            value={yn(a.rareDisease)}
            onChange={(v) => set({ rareDisease: v === 'si' })}
            options={[...YES_NO]}
          />
          <Button type="submit" color="primary" disabled={!data}>
            Vedi le esenzioni possibili
          </Button>
        </form>

        <div aria-live="polite" className="mt-5">
          {outcome && (
            <section aria-labelledby="verifica-risultato">
              <h2 id="verifica-risultato" ref={resultRef} tabIndex={-1} className="h3">
                {outcome.candidates.length > 0
                  ? 'Esenzioni che si possono chiedere'
                  : 'Nessuna esenzione trovata'}
              </h2>
              {outcome.notes.map((n) => (
                <p key={n}>{n}</p>
              ))}
              {outcome.candidates.map((c) => {
                const family = data?.items.find((f) => f.family === c.family);
                return (
                  <article key={c.family} className="card card-bg shadow-sm mb-3">
                    <div className="card-body">
                      <h3 className="h5 card-title">
                        {EXEMPTION_FAMILY_LABELS[c.family]}
                        {c.codes.length > 0 && ` (${c.codes.join(', ')})`}
                      </h3>
                      <p>{c.reason}</p>
                      {c.toVerify && (
                        <p>
                          <strong>Da verificare:</strong> dipende dal reddito del nucleo familiare, che non è
                          stato indicato.
                        </p>
                      )}
                      <h4 className="h6">Che cosa portare</h4>
                      {family ? <FamilyDocumentsList family={family} /> : <p>Elenco non disponibile.</p>}
                      <h4 className="h6">Dove andare</h4>
                      {c.family === 'PREGNANCY' ? (
                        <p>Dal proprio medico o dallo specialista: il codice si scrive sulla ricetta.</p>
                      ) : (
                        <p>
                          Allo <Link to="/sportelli">sportello del proprio distretto</Link> o, dopo l’
                          <Link to="/accesso">accesso</Link>, con la richiesta on line.{' '}
                          <Link to={`/esenzioni/${FAMILY_SLUGS[c.family]}`}>
                            Tutto sull’esenzione: {EXEMPTION_FAMILY_LABELS[c.family].toLowerCase()}
                          </Link>
                        </p>
                      )}
                    </div>
                  </article>
                );
              })}
            </section>
          )}
        </div>
      </div>
    </div>
  );
}
