/**
 * "Codice gravidanza" (issue 12 §5): the prescriber (GP or specialist) turns the week of pregnancy,
 * or the date of the last menstrual period, into the code to write on the prescription (M00–M41, M99
 * when the week is unknown, M50 for the specialist). No case and no attestato.
 */
import type { PregnancyAnswer } from '@esenzioni/domain';
import {
  LAST_PREGNANCY_WEEK,
  PREGNANCY_SITUATION_LABELS,
  type PregnancySituation,
} from '@esenzioni/domain/pregnancy';
import { parseItalianDate } from '@esenzioni/domain/validity';
import { Alert, Button } from 'design-react-kit';
import { useState, type FormEvent } from 'react';
import { lookupPregnancyCode } from '../../api/catalogue';
import { useSession } from '../../app/session';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Radio } from '../../ui/Radio';
import { DateTextField, TextField } from '../../ui/TextField';
import { usePageTitle } from '../../ui/usePageTitle';

export default function PregnancyPage() {
  usePageTitle('Codice gravidanza');
  const role = useSession().session?.activeProfile?.role;
  const situations: PregnancySituation[] = [
    'WEEK',
    'LAST_PERIOD',
    'UNKNOWN_WEEK',
    'PRECONCEPTION',
    ...(role === 'SPECIALIST' ? (['AT_RISK'] as const) : []),
  ];
  const [situation, setSituation] = useState<PregnancySituation>('WEEK');
  const [week, setWeek] = useState('');
  const [lastPeriod, setLastPeriod] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [answer, setAnswer] = useState<PregnancyAnswer | null>(null);
  const [error, setError] = useState<unknown>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setAnswer(null);
    setError(null);
    let q: { situation: string; week?: number; lastPeriod?: string } = { situation };
    if (situation === 'WEEK') {
      const n = Number(week.trim());
      if (!/^\d{1,2}$/.test(week.trim()) || n < 1 || n > LAST_PREGNANCY_WEEK) {
        setFieldError(`Indicare una settimana da 1 a ${LAST_PREGNANCY_WEEK}.`);
        return document.getElementById('gravidanza-settimana')?.focus();
      }
      q = { situation, week: n };
    }
    if (situation === 'LAST_PERIOD') {
      const iso = parseItalianDate(lastPeriod);
      if (!iso) {
        setFieldError('Data non valida: usare il formato gg/mm/aaaa.');
        return document.getElementById('gravidanza-ultima-mestruazione')?.focus();
      }
      q = { situation, lastPeriod: iso };
    }
    setFieldError(null);
    try {
      setAnswer(await lookupPregnancyCode(q));
    } catch (err) {
      setError(err);
    }
  };

  return (
    <>
      <h1 className="h3">Codice gravidanza</h1>
      <p>
        Il codice di esenzione per la gravidanza si scrive direttamente sulla ricetta: «M» seguito dalla
        settimana di gravidanza (M01–M{LAST_PREGNANCY_WEEK}), M00 in epoca pre-concezionale, M99 quando la
        settimana non è determinabile; M50 (gravidanza a rischio) lo appone lo specialista. Non si apre una
        pratica e non si rilascia un attestato.
      </p>
      <form noValidate onSubmit={submit} aria-label="Calcolo del codice gravidanza" className="mt-3">
        <fieldset className="mb-3">
          <legend className="h5 px-0">Che cosa si conosce</legend>
          {situations.map((s) => (
            <Radio
              key={s}
              name="situazione"
              id={`situazione-${s}`}
              checked={situation === s}
              onChange={() => {
                setSituation(s);
                setFieldError(null);
              }}
            >
              {PREGNANCY_SITUATION_LABELS[s]}
            </Radio>
          ))}
        </fieldset>
        {situation === 'WEEK' && (
          <TextField
            id="gravidanza-settimana"
            label="Settimana di gravidanza"
            inputMode="numeric"
            value={week}
            onValueChange={setWeek}
            error={fieldError}
            hint={`Un numero da 1 a ${LAST_PREGNANCY_WEEK}.`}
          />
        )}
        {situation === 'LAST_PERIOD' && (
          <DateTextField
            id="gravidanza-ultima-mestruazione"
            label="Primo giorno dell’ultima mestruazione"
            value={lastPeriod}
            onValueChange={setLastPeriod}
            error={fieldError}
          />
        )}
        <Button type="submit" color="primary">
          Calcola il codice
        </Button>
      </form>
      <div aria-live="polite" className="mt-3">
        <ErrorAlert error={error} title="Codice non calcolato" />
        {answer && (
          <Alert fade={false} color="success">
            <p className="h4 mb-1">
              Codice: <strong data-testid="codice-gravidanza">{answer.code}</strong>
            </p>
            <p className="mb-1">
              {answer.description}
              {answer.week !== null && ` – ${answer.week}ª settimana`}
            </p>
            <p className="mb-0 small">{answer.note}</p>
          </Alert>
        )}
      </div>
    </>
  );
}
