/**
 * "Esenzione per reddito" online (issue 12 §1): the citizen, or a delegate acting for the delegator
 * («Per conto di»), declares the facts of E01–E04 under DPR 445/2000; the exemption is issued at once
 * when every rule of the page holds, and the certificate is downloaded here.
 */
import type { IncomeDeclarationResponse } from '@esenzioni/domain';
import { DECLARANT_TITLE_LABELS, type DeclarantTitle } from '@esenzioni/domain/enums';
import { todayInRome } from '@esenzioni/domain/validity';
import { Button, Select } from 'design-react-kit';
import { useState, type FormEvent } from 'react';
import { isApiError } from '../../api/client';
import { declareIncomeOnline } from '../../api/income';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { usePageTitle } from '../../ui/usePageTitle';
import { BehalfSwitch } from '../citizen/BehalfSwitch';
import { useOnBehalfOf } from '../citizen/behalf';
import { INCOME_FIELD_IDS, IncomeFields } from './IncomeFields';
import { IssuedIncome } from './IssuedIncome';
import { EMPTY_INCOME_FORM, incomeFacts, type IncomeFormErrors, type IncomeFormState } from './incomeForm';

const DELEGATE_TITLES: DeclarantTitle[] = ['DELEGATE', 'PARENT', 'GUARDIAN', 'RELATIVE'];

export default function CitizenIncomePage() {
  usePageTitle('Esenzione per reddito');
  const incomeYear = Number(todayInRome().slice(0, 4)) - 1;
  const [onBehalfOf] = useOnBehalfOf();
  const [title, setTitle] = useState<DeclarantTitle>('DELEGATE');
  const [form, setForm] = useState<IncomeFormState>(EMPTY_INCOME_FORM);
  const [errors, setErrors] = useState<IncomeFormErrors>({});
  const [error, setError] = useState<unknown>(null);
  const [issued, setIssued] = useState<IncomeDeclarationResponse | null>(null);
  const [sending, setSending] = useState(false);
  const set = (patch: Partial<IncomeFormState>) => setForm((f) => ({ ...f, ...patch }));
  const focusFirst = (keys: string[]) => {
    const first = keys[0];
    if (first) document.getElementById(INCOME_FIELD_IDS[first] ?? '')?.focus();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setIssued(null);
    const checked = incomeFacts(form, incomeYear);
    if (!checked.ok) {
      setErrors(checked.errors);
      return focusFirst(Object.keys(checked.errors));
    }
    setErrors({});
    setError(null);
    setSending(true);
    try {
      const view = await declareIncomeOnline(
        { ...(onBehalfOf ? { declarantTitle: title } : {}), ...checked.facts },
        onBehalfOf,
      );
      setIssued(view);
      setForm(EMPTY_INCOME_FORM);
    } catch (err) {
      setError(err);
      const issues = isApiError(err) ? (err.problem?.issues ?? []) : [];
      const byField: IncomeFormErrors = {};
      for (const i of issues) byField[i.field.split('.')[0] ?? i.field] ??= i.message;
      setErrors(byField);
      focusFirst(Object.keys(byField));
    } finally {
      setSending(false);
    }
  };

  return (
    <>
      <h1 className="h3">Esenzione per reddito</h1>
      <p>
        Autocertificazione del reddito per le esenzioni E01, E02, E03 ed E04. Si dichiara il reddito
        complessivo del nucleo familiare fiscale nel {incomeYear}. Se la dichiarazione rispetta le regole
        l’esenzione è rilasciata subito, valida fino al 31 marzo dell’anno successivo; una sola esenzione per
        reddito alla volta. L’ASL controlla a campione le dichiarazioni (art. 71 DPR 445/2000).
      </p>
      <BehalfSwitch />
      <div aria-live="polite">{issued && <IssuedIncome issued={issued} />}</div>
      <form noValidate onSubmit={submit} aria-label="Autocertificazione del reddito" className="mt-3">
        {onBehalfOf && (
          <Select
            id="reddito-titolo"
            label="A che titolo dichiaro per l’assistito"
            value={title}
            onChange={(v: string) => setTitle(v as DeclarantTitle)}
          >
            {DELEGATE_TITLES.map((t) => (
              <option key={t} value={t}>
                {DECLARANT_TITLE_LABELS[t]}
              </option>
            ))}
          </Select>
        )}
        <IncomeFields form={form} set={set} errors={errors} incomeYear={incomeYear} voice="declarant" />
        <div aria-live="polite">
          <ErrorAlert error={error} title="Esenzione non rilasciata" />
        </div>
        <Button type="submit" color="primary" disabled={sending}>
          Invia la dichiarazione
        </Button>
      </form>
    </>
  );
}
