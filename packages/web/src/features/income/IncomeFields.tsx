/**
 * The declared facts of an income self-declaration (issue 12 §1), the same at the counter and online:
 * the code with the page's rule, the titolare of the condition, the fiscal household (spouse,
 * dependent children), the household income of the previous year, the condition of E02/E03/E04, and
 * the DPR 445/2000 statement.
 */
import { INCOME_CODES, INCOME_RULE_TEXT } from '@esenzioni/domain/income';
import { Radio } from '../../ui/Radio';
import { FiscalCodeField, TextField } from '../../ui/TextField';
import type { IncomeFormErrors, IncomeFormState } from './incomeForm';

export const INCOME_FIELD_IDS: Record<string, string> = {
  exemptionCode: 'reddito-codice-E01',
  holderFiscalCode: 'reddito-titolare',
  householdIncomeCents: 'reddito-importo',
  dependentChildren: 'reddito-figli',
  unemployedRegistered: 'reddito-disoccupato',
  firstJobSeeker: 'reddito-prima-occupazione',
  socialAllowance: 'reddito-assegno-sociale',
  minimumPension: 'reddito-pensione-minima',
  dpr445Accepted: 'reddito-dpr445',
};

interface Props {
  form: IncomeFormState;
  set: (patch: Partial<IncomeFormState>) => void;
  errors: IncomeFormErrors;
  incomeYear: number;
  /** who reads the statement: the declarant ("dichiaro") or the operator ("il dichiarante ha sottoscritto") */
  voice: 'declarant' | 'operator';
}

function Check(p: {
  id: string;
  checked: boolean;
  onChange: (v: boolean) => void;
  error?: string;
  children: string;
}) {
  return (
    <div className="form-check mb-2">
      <input
        id={p.id}
        type="checkbox"
        checked={p.checked}
        onChange={(e) => p.onChange(e.target.checked)}
        aria-invalid={p.error ? true : undefined}
        aria-describedby={p.error ? `${p.id}-errore` : undefined}
      />
      <label htmlFor={p.id}>{p.children}</label>
      {p.error && (
        <p id={`${p.id}-errore`} className="text-danger small mb-0">
          {p.error}
        </p>
      )}
    </div>
  );
}

export function IncomeFields({ form, set, errors, incomeYear, voice }: Props) {
  const code = form.code;
  return (
    <>
      <fieldset
        className="mb-3"
        aria-describedby={errors.exemptionCode ? 'reddito-codice-errore' : undefined}
      >
        <legend className="h5 px-0">Codice di esenzione per reddito</legend>
        {INCOME_CODES.map((c) => (
          <Radio
            key={c}
            name="codice-reddito"
            id={`reddito-codice-${c}`}
            checked={code === c}
            onChange={() => set({ code: c })}
          >
            {`${c} – ${INCOME_RULE_TEXT[c]}`}
          </Radio>
        ))}
        {errors.exemptionCode && (
          <p id="reddito-codice-errore" className="text-danger small">
            {errors.exemptionCode}
          </p>
        )}
      </fieldset>
      {code && code !== 'E01' && (
        <FiscalCodeField
          id={INCOME_FIELD_IDS.holderFiscalCode!}
          label="Codice fiscale del titolare della condizione (se diverso dal beneficiario)"
          value={form.holder}
          onValueChange={(v) => set({ holder: v.toUpperCase() })}
          error={errors.holderFiscalCode}
          hint="Il beneficiario può essere a carico di chi è disoccupato o pensionato."
        />
      )}
      {code === 'E02' && (
        <fieldset className="mb-3">
          <legend className="h5 px-0">Condizione di disoccupazione</legend>
          <Check
            id={INCOME_FIELD_IDS.unemployedRegistered!}
            checked={form.unemployedRegistered}
            onChange={(v) => set({ unemployedRegistered: v })}
            error={errors.unemployedRegistered}
          >
            Il titolare ha cessato un lavoro dipendente ed è iscritto al Centro per l’impiego
          </Check>
          <Check
            id={INCOME_FIELD_IDS.firstJobSeeker!}
            checked={form.firstJobSeeker}
            onChange={(v) => set({ firstJobSeeker: v })}
            error={errors.firstJobSeeker}
          >
            Il titolare cerca la prima occupazione (inoccupato)
          </Check>
        </fieldset>
      )}
      {code === 'E03' && (
        <Check
          id={INCOME_FIELD_IDS.socialAllowance!}
          checked={form.socialAllowance}
          onChange={(v) => set({ socialAllowance: v })}
          error={errors.socialAllowance}
        >
          Il titolare percepisce l’assegno (ex pensione) sociale
        </Check>
      )}
      {code === 'E04' && (
        <Check
          id={INCOME_FIELD_IDS.minimumPension!}
          checked={form.minimumPension}
          onChange={(v) => set({ minimumPension: v })}
          error={errors.minimumPension}
        >
          Il titolare percepisce la pensione al minimo
        </Check>
      )}
      <fieldset className="mb-3">
        <legend className="h5 px-0">Nucleo familiare fiscale</legend>
        <Check id="reddito-coniuge" checked={form.hasSpouse} onChange={(v) => set({ hasSpouse: v })}>
          Coniuge non legalmente separato
        </Check>
        <TextField
          id={INCOME_FIELD_IDS.dependentChildren!}
          label="Figli a carico"
          inputMode="numeric"
          value={form.children}
          onValueChange={(v) => set({ children: v })}
          error={errors.dependentChildren}
        />
        <TextField
          id={INCOME_FIELD_IDS.householdIncomeCents!}
          label={`Reddito complessivo del nucleo familiare fiscale nel ${incomeYear} (euro)`}
          inputMode="decimal"
          value={form.income}
          onValueChange={(v) => set({ income: v })}
          error={errors.householdIncomeCents}
          hint={code === 'E03' ? 'Per E03 non è richiesto.' : 'Per esempio 12.394,96.'}
        />
      </fieldset>
      <Check
        id={INCOME_FIELD_IDS.dpr445Accepted!}
        checked={form.dpr445Accepted}
        onChange={(v) => set({ dpr445Accepted: v })}
        error={errors.dpr445Accepted}
      >
        {voice === 'declarant'
          ? 'Dichiaro, ai sensi degli artt. 46 e 47 del DPR 445/2000, che quanto indicato è vero, consapevole delle sanzioni penali dell’art. 76 per le dichiarazioni mendaci e dei controlli dell’ASL'
          : 'Il dichiarante ha sottoscritto la dichiarazione sostitutiva (artt. 46, 47 e 76 DPR 445/2000)'}
      </Check>
    </>
  );
}
