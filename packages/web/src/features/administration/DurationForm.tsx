/**
 * «Durata delle esenzioni per codice» (issue 13 §3, on the Parameters page): how long an exemption issued
 * for a code lasts — an amount and its unit, «senza scadenza», or nothing of its own (the base code's or the
 * catalogue's applies) — counted from the validation or from birth, with the source of the rule.
 */
import { CODE_DURATION_UNIT_LABELS, CODE_DURATION_UNITS } from '@esenzioni/domain/durations';
import { Alert, Button } from 'design-react-kit';
import { useRef, useState, type FormEvent } from 'react';
import { setCodeDuration, type CodeDurationSet } from '../../api/administration';
import { TextField } from '../../ui/TextField';
import { fieldErrors, formErrorText } from './adminForm';

type Unit = NonNullable<CodeDurationSet['unit']> | '';

export function DurationForm() {
  const [code, setCode] = useState('');
  const [amount, setAmount] = useState('');
  const [unit, setUnit] = useState<Unit>('YEARS');
  const [fromBirth, setFromBirth] = useState(false);
  const [source, setSource] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const live = useRef<HTMLDivElement>(null);
  const errors = fieldErrors(error);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setNotice(null);
    if (!code.trim()) {
      setError({ local: 'Indicare il codice esenzione.' });
      window.setTimeout(() => document.getElementById('durata-codice')?.focus(), 0);
      return;
    }
    const n = Number(amount.trim());
    try {
      const saved = await setCodeDuration(code, {
        amount:
          unit === '' || unit === 'UNLIMITED' || amount.trim() === ''
            ? null
            : Number.isFinite(n)
              ? n
              : Number.NaN,
        unit: unit === '' ? null : unit,
        fromBirth,
        ...(source.trim() ? { source: source.trim() } : {}),
      });
      setNotice(
        unit === ''
          ? `Codice ${saved.code}: tolta la durata propria, vale quella del codice base o del catalogo.`
          : `Codice ${saved.code} (${saved.description}): ${
              unit === 'UNLIMITED' ? 'senza scadenza' : `${amount.trim()} ${CODE_DURATION_UNIT_LABELS[unit]}`
            }${fromBirth ? ' dalla nascita' : ''}.`,
      );
    } catch (err) {
      setError(err);
    }
    window.setTimeout(() => live.current?.focus(), 0);
  };

  const local = (error as { local?: string } | null)?.local;
  return (
    <section aria-labelledby="durate-titolo" className="mt-5">
      <h2 id="durate-titolo" className="h4">
        Durata delle esenzioni per codice
      </h2>
      <p>
        Quanto vale un’esenzione rilasciata per un codice: una durata con la sua unità, «senza scadenza»,
        oppure nessuna durata propria (vale quella del codice base o del catalogo). Si applica alle esenzioni
        validate da quel momento.
      </p>
      <form onSubmit={submit} noValidate className="row align-items-end">
        <div className="col-12 col-md-3">
          <TextField
            id="durata-codice"
            label="Codice esenzione"
            value={code}
            onValueChange={setCode}
            error={local ?? errors.code ?? errors.exemptionCode}
            autoComplete="off"
          />
        </div>
        <div className="col-12 col-md-2">
          <TextField
            id="durata-valore"
            label="Durata"
            value={amount}
            onValueChange={setAmount}
            error={errors.amount ?? errors.maxAmount}
            inputMode="numeric"
            disabled={unit === '' || unit === 'UNLIMITED'}
          />
        </div>
        <div className="col-12 col-md-3 select-wrapper mb-4">
          <label htmlFor="durata-unita">Unità</label>
          <select id="durata-unita" value={unit} onChange={(e) => setUnit(e.target.value as Unit)}>
            {CODE_DURATION_UNITS.map((u) => (
              <option key={u} value={u}>
                {CODE_DURATION_UNIT_LABELS[u]}
              </option>
            ))}
            <option value="">nessuna durata propria</option>
          </select>
        </div>
        <div className="col-12 col-md-4">
          <TextField id="durata-fonte" label="Fonte (facoltativa)" value={source} onValueChange={setSource} />
        </div>
        <div className="col-12 mb-3">
          <div className="form-check">
            <input
              id="durata-nascita"
              type="checkbox"
              checked={fromBirth}
              onChange={(e) => setFromBirth(e.target.checked)}
            />
            <label htmlFor="durata-nascita">Contata dalla data di nascita</label>
          </div>
        </div>
        <div className="col-12 mb-4">
          <Button type="submit" color="primary">
            Imposta la durata
          </Button>
        </div>
      </form>
      <div ref={live} tabIndex={-1} aria-live="polite">
        {error !== null && !local && (
          <Alert fade={false} color="danger">
            {formErrorText(error)}
          </Alert>
        )}
        {notice && (
          <Alert fade={false} color="success">
            {notice}
          </Alert>
        )}
      </div>
    </section>
  );
}
