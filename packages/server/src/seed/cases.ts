/**
 * Plans the demo cases: who asks for which code, who sent it, and the history that leads to the
 * current state, following the manual's life-cycle (submit → take charge → validate/reject; cancel by
 * the sender). Pure: no database, no clock (the caller passes `now`). Random requests: requests.ts.
 */
import {
  needsCertificate,
  REJECTION_REASONS,
  type CaseStatus,
  type RejectionReason,
  type Role,
  type SubmitterType,
} from '@esenzioni/domain';
import type { AttachmentName } from './attachments.js';
import type { DemoCode } from './codes.js';
import * as N from './notes.js';
import type { DemoPerson } from './people.js';
import type { Rng } from './prng.js';

const HOUR = 3_600_000;

export interface HistoryEvent {
  at: Date;
  actorFiscalCode: string;
  actorRole: Role;
  action: 'submit' | 'takeCharge' | 'validate' | 'reject' | 'cancel' | 'addNote';
  status: CaseStatus;
  beneficiaryNote: string | null;
  internalNote: string | null;
}

export interface PlannedCase {
  person: DemoPerson;
  code: DemoCode;
  diagnosis: { code: string; description: string } | null;
  submitterType: SubmitterType;
  submitterFiscalCode: string;
  submitterUserId: number | null;
  status: CaseStatus;
  events: HistoryEvent[];
  rejectionReason: RejectionReason | null;
  certificate: boolean;
  attachments: AttachmentName[];
}

export interface Actors {
  doctor: { fiscalCode: string; userId: number | null };
  citizen: { fiscalCode: string; userId: number | null };
  /** fiscal code of the district operator who works the cases of an ASL district */
  operatorOf(aslId: string, districtId: string): string;
}

export interface CaseRequest {
  person: DemoPerson;
  code: DemoCode;
  status: CaseStatus;
  submitterType: SubmitterType;
  /** the delegate, for DELEGATE cases */
  delegate?: DemoPerson;
  attachments?: AttachmentName[];
  rejectionReason?: RejectionReason;
  /** a case stored without its certificate (from before it was required): «Valida» says why it cannot */
  withoutCertificate?: boolean;
}

export function planCase(req: CaseRequest, at: Date, actors: Actors, now: Date, rng: Rng): PlannedCase {
  const { person, code, status, submitterType } = req;
  const limit = now.getTime() - HOUR;
  // a step some hours after the previous one, never in the future
  const after = (t: Date, minH: number, maxH: number) =>
    new Date(
      Math.min(t.getTime() + (minH + rng.next() * (maxH - minH)) * HOUR, Math.max(limit, t.getTime())),
    );
  const maybe = <T extends string>(p: number, list: readonly T[]) => (rng.chance(p) ? rng.pick(list) : null);

  const own = (fiscalCode: string) => ({
    fiscalCode,
    userId: fiscalCode === actors.citizen.fiscalCode ? actors.citizen.userId : null,
  });
  const submitter =
    submitterType === 'DOCTOR'
      ? actors.doctor
      : own(
          submitterType === 'DELEGATE'
            ? (req.delegate?.fiscalCode ?? actors.citizen.fiscalCode)
            : person.fiscalCode,
        );
  const submitterRole: Role = submitterType === 'DOCTOR' ? 'SPECIALIST' : 'CITIZEN';
  const operator = actors.operatorOf(person.residenceAslId, person.residenceDistrictId);
  type Notes = { beneficiaryNote?: string | null; internalNote?: string | null };
  const events: HistoryEvent[] = [];
  const push = (t: Date, action: HistoryEvent['action'], s: CaseStatus, notes: Notes = {}) => {
    const byOperator = action !== 'submit' && action !== 'cancel';
    events.push({
      at: t,
      actorFiscalCode: byOperator ? operator : submitter.fiscalCode,
      actorRole: byOperator ? 'DISTRICT_OPERATOR' : submitterRole,
      action,
      status: s,
      beneficiaryNote: notes.beneficiaryNote ?? null,
      internalNote: notes.internalNote ?? null,
    });
  };
  const last = () => events[events.length - 1]?.at ?? at;
  const takeCharge = () =>
    push(after(last(), 2, 96), 'takeCharge', 'IN_PROGRESS', {
      internalNote: maybe(0.3, N.TAKE_CHARGE_INTERNAL),
    });

  push(at, 'submit', 'SUBMITTED');
  let rejectionReason: RejectionReason | null = null;
  switch (status) {
    case 'SUBMITTED':
      break;
    case 'IN_PROGRESS':
      takeCharge();
      if (rng.chance(0.2)) {
        push(after(last(), 1, 72), 'addNote', 'IN_PROGRESS', {
          beneficiaryNote: rng.pick(N.WAITING_BENEFICIARY),
        });
      }
      break;
    case 'VALIDATED':
      takeCharge();
      // half are validated in the same step as the take-charge (manual §5), so both rows share the time
      push(rng.chance(0.5) ? last() : after(last(), 1, 240), 'validate', 'VALIDATED', {
        beneficiaryNote: maybe(0.4, N.VALIDATED_BENEFICIARY),
        internalNote: maybe(0.3, N.VALIDATED_INTERNAL),
      });
      break;
    case 'REJECTED': {
      if (rng.chance(0.6)) takeCharge();
      const reason = req.rejectionReason ?? rng.pick(REJECTION_REASONS);
      rejectionReason = reason;
      push(after(last(), 1, 240), 'reject', 'REJECTED', {
        beneficiaryNote: rng.chance(0.8) ? N.REJECTED_BENEFICIARY[reason] : null,
        internalNote: maybe(0.4, N.REJECTED_INTERNAL),
      });
      break;
    }
    case 'CANCELLED':
      if (rng.chance(0.3)) takeCharge();
      push(after(last(), 1, 240), 'cancel', 'CANCELLED', {
        beneficiaryNote: maybe(0.4, N.CANCELLED_BENEFICIARY),
      });
      break;
    case 'EXPIRING':
    case 'EXPIRED':
    case 'REVOKED':
      // the exemption's later states come from its own life (expiry job, revocation), not from a request
      throw new Error(`lo stato ${status} non si genera come richiesta`);
    default: {
      const never: never = status;
      throw new Error(`stato sconosciuto ${String(never)}`);
    }
  }
  const fitting = code.diagnoses.filter((d) => !d.sex || d.sex === person.sex);
  const picked = fitting.length > 0 ? rng.pick(fitting) : null;
  return {
    person,
    code,
    status,
    events,
    rejectionReason,
    submitterType,
    diagnosis: picked ? { code: picked.code, description: picked.description } : null,
    submitterFiscalCode: submitter.fiscalCode,
    submitterUserId: submitter.userId,
    // the doctor's own certificate; a citizen, delegate or counter uploads one for a pathology (as the
    // product requires): a pathology case is never validated without it (issue 11 §6)
    certificate: !req.withoutCertificate && (submitterType === 'DOCTOR' || needsCertificate(code.family)),
    attachments: req.attachments ?? [],
  };
}
