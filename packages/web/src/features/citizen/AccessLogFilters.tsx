/** The filter form of "Chi ha consultato i miei dati": who (kind of access) and the period. */
import { formatItalianDate, parseItalianDate } from '@esenzioni/domain/validity';
import { Button, Select } from 'design-react-kit';
import { useState, type FormEvent } from 'react';
import { DateTextField } from '../../ui/TextField';
import { KIND_CHOICES, KIND_LABELS, type AccessLogParams, type KindChoice } from './accessLogParams';

interface Props {
  value: AccessLogParams;
  onApply: (p: AccessLogParams) => void;
}

interface Draft {
  kind: KindChoice;
  from: string;
  to: string;
}

type Errors = Partial<Record<'from' | 'to', string>>;

/** gg/mm/aaaa fields → ISO dates, or the errors to show next to the fields. */
function check(d: Draft): { ok: true; from: string; to: string } | { ok: false; errors: Errors } {
  const from = d.from.trim() ? parseItalianDate(d.from) : '';
  const to = d.to.trim() ? parseItalianDate(d.to) : '';
  const errors: Errors = {};
  if (from === null) errors.from = 'Data non valida: usare il formato gg/mm/aaaa.';
  if (to === null) errors.to = 'Data non valida: usare il formato gg/mm/aaaa.';
  if (from && to && from > to) errors.from = 'La data iniziale segue la data finale.';
  return from === null || to === null || errors.from ? { ok: false, errors } : { ok: true, from, to };
}

export function AccessLogFilters({ value, onApply }: Props) {
  const [draft, setDraft] = useState<Draft>({
    kind: value.kind,
    from: formatItalianDate(value.from),
    to: formatItalianDate(value.to),
  });
  const [errors, setErrors] = useState<Errors>({});
  const set = (k: keyof Draft) => (v: string) => setDraft((d) => ({ ...d, [k]: v }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const checked = check(draft);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    onApply({ kind: draft.kind, from: checked.from, to: checked.to, page: 1 });
  };
  const reset = () => {
    setDraft({ kind: 'OPERATOR', from: '', to: '' });
    setErrors({});
    onApply({ kind: 'OPERATOR', from: '', to: '', page: 1 });
  };

  return (
    <form className="search-filters" aria-label="Filtri degli accessi" noValidate onSubmit={submit}>
      <div className="row g-3 mt-1">
        <div className="col-12 col-lg-6">
          <Select
            id="accessi-tipo"
            label="Chi ha consultato"
            value={draft.kind}
            onChange={(v: string) => set('kind')(v)}
          >
            {KIND_CHOICES.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </Select>
        </div>
        <div className="col-12 col-md-6 col-lg-3">
          <DateTextField
            id="accessi-dal"
            label="Dal"
            value={draft.from}
            onValueChange={set('from')}
            error={errors.from ?? null}
          />
        </div>
        <div className="col-12 col-md-6 col-lg-3">
          <DateTextField
            id="accessi-al"
            label="Al"
            value={draft.to}
            onValueChange={set('to')}
            error={errors.to ?? null}
          />
        </div>
      </div>
      <div className="d-flex flex-wrap gap-2 justify-content-end actions-bar">
        <Button type="button" color="primary" outline onClick={reset}>
          Azzera filtri
        </Button>
        <Button type="submit" color="primary">
          Applica filtri
        </Button>
      </div>
    </form>
  );
}
