/**
 * The «Revoca» and «Annulla esenzione» dialogs without React: the form's defaults and the body sent,
 * checked with the domain's own rule (revocationLastDay: default today, within the exemption's period)
 * so the dialog says what the server would refuse.
 */
import type { CaseCommandBody, CaseDetail, RevocationReason } from '@esenzioni/domain';
import { REVOCATION_REASONS } from '@esenzioni/domain/enums';
import { isDomainError } from '@esenzioni/domain/errors';
import { revocationLastDay } from '@esenzioni/domain/revocation';
import { formatItalianDate, parseItalianDate } from '@esenzioni/domain/validity';

export interface RevocationForm {
  /** a REVOCATION_REASONS value, '' until chosen */
  reason: string;
  /** gg/mm/aaaa */
  endDate: string;
  block: boolean;
  beneficiaryNote: string;
  internalNote: string;
}

export type RevocationErrors = Partial<Record<'reason' | 'endDate', string>>;

export type RevocationCheck =
  { ok: true; body: CaseCommandBody<'revoke'> } | { ok: false; errors: RevocationErrors };

type Period = Pick<CaseDetail, 'validFrom' | 'validUntil'>;

/** The form as the dialog opens: no reason, the end date the server would default to, no block. */
export function revocationDefaults(period: Period, today: string): RevocationForm {
  const end = period.validUntil !== null && period.validUntil < today ? period.validUntil : today;
  return { reason: '', endDate: formatItalianDate(end), block: false, beneficiaryNote: '', internalNote: '' };
}

const trimmedNotes = (f: { beneficiaryNote: string; internalNote: string }) => ({
  ...(f.beneficiaryNote.trim() ? { beneficiaryNote: f.beneficiaryNote.trim() } : {}),
  ...(f.internalNote.trim() ? { internalNote: f.internalNote.trim() } : {}),
});

/** The body of «Revoca», or what to correct: the reason is required, the end date within the period. */
export function revocationBody(form: RevocationForm, period: Period, today: string): RevocationCheck {
  const errors: RevocationErrors = {};
  const reason = REVOCATION_REASONS.find((r): r is RevocationReason => r === form.reason);
  if (!reason) errors.reason = 'Scegliere il motivo della revoca.';
  let endDate: string | undefined;
  if (form.endDate.trim()) {
    const iso = parseItalianDate(form.endDate);
    if (iso === null) errors.endDate = 'Data non valida: usare il formato gg/mm/aaaa.';
    else endDate = iso;
  }
  if (!errors.endDate) {
    try {
      endDate = revocationLastDay(period, endDate, today);
    } catch (e) {
      if (!isDomainError(e)) throw e;
      errors.endDate = e.detail;
    }
  }
  if (!reason || errors.endDate || !endDate) return { ok: false, errors };
  return { ok: true, body: { reason, endDate, block: form.block, ...trimmedNotes(form) } };
}

/** The body of «Annulla esenzione»: the notes written, trimmed. */
export const annulmentBody = (notes: {
  beneficiaryNote: string;
  internalNote: string;
}): CaseCommandBody<'annul'> => trimmedNotes(notes);
