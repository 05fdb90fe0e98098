/**
 * The income self-declaration form (issue 12 §1), shared by the counter and the citizen: its state, the
 * checks made before sending (amounts typed in euro become cents; the rules themselves are the
 * server's) and the body's declared facts.
 */
import type { IncomeCode } from '@esenzioni/domain/income';
import { parseEuroToCents } from '@esenzioni/domain/income';

export interface IncomeFormState {
  code: IncomeCode | '';
  holder: string;
  income: string;
  hasSpouse: boolean;
  children: string;
  unemployedRegistered: boolean;
  firstJobSeeker: boolean;
  socialAllowance: boolean;
  minimumPension: boolean;
  dpr445Accepted: boolean;
}

export const EMPTY_INCOME_FORM: IncomeFormState = {
  code: '',
  holder: '',
  income: '',
  hasSpouse: false,
  children: '0',
  unemployedRegistered: false,
  firstJobSeeker: false,
  socialAllowance: false,
  minimumPension: false,
  dpr445Accepted: false,
};

export type IncomeFormErrors = Partial<Record<string, string>>;

/** The facts of the body, or the errors found before sending (keys: the server's field names). */
export function incomeFacts(
  f: IncomeFormState,
  incomeYear: number,
):
  | {
      ok: true;
      facts: {
        exemptionCode: IncomeCode;
        holderFiscalCode?: string;
        incomeYear: number;
        householdIncomeCents: number;
        hasSpouse: boolean;
        dependentChildren: number;
        unemployedRegistered?: boolean;
        firstJobSeeker?: boolean;
        socialAllowance?: boolean;
        minimumPension?: boolean;
        dpr445Accepted: true;
      };
    }
  | { ok: false; errors: IncomeFormErrors } {
  const errors: IncomeFormErrors = {};
  if (!f.code) errors.exemptionCode = 'Scegliere il codice di esenzione.';
  const cents = f.code === 'E03' && !f.income.trim() ? 0 : parseEuroToCents(f.income);
  if (cents === null) errors.householdIncomeCents = 'Importo non valido: per esempio 12.394,96.';
  const children = Number(f.children.trim() || '0');
  if (!Number.isInteger(children) || children < 0 || children > 30)
    errors.dependentChildren = 'Indicare un numero intero di figli a carico, da 0 a 30.';
  if (!f.dpr445Accepted)
    errors.dpr445Accepted = 'Occorre accettare la dichiarazione ai sensi del DPR 445/2000.';
  if (Object.keys(errors).length > 0 || !f.code || cents === null) return { ok: false, errors };
  return {
    ok: true,
    facts: {
      exemptionCode: f.code,
      ...(f.code !== 'E01' && f.holder.trim() ? { holderFiscalCode: f.holder.trim().toUpperCase() } : {}),
      incomeYear,
      householdIncomeCents: cents,
      hasSpouse: f.hasSpouse,
      dependentChildren: children,
      ...(f.code === 'E02'
        ? { unemployedRegistered: f.unemployedRegistered, firstJobSeeker: f.firstJobSeeker }
        : {}),
      ...(f.code === 'E03' ? { socialAllowance: f.socialAllowance } : {}),
      ...(f.code === 'E04' ? { minimumPension: f.minimumPension } : {}),
      dpr445Accepted: true,
    },
  };
}
