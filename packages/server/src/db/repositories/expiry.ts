/**
 * SQL of the daily expiry job (jobs/expiry.ts): the validated cases whose exemption enters its last days
 * or has ended, read from the registry row the validation wrote (its valid_until is the last valid day).
 */
import { sql } from 'drizzle-orm';
import type { CaseStatus } from '@esenzioni/domain';
import { rows, type Tx } from '../client.js';

export interface ExpiryCandidate {
  id: number;
  caseNumber: string;
  version: number;
  status: Extract<CaseStatus, 'VALIDATED' | 'EXPIRING'>;
  beneficiaryFiscalCode: string;
  /** the registry row's last valid day, YYYY-MM-DD */
  validUntil: string;
}

/**
 * VALIDATED cases whose last valid day is before `warnBefore` (→ EXPIRING or EXPIRED) and EXPIRING ones
 * whose last valid day is today (the last-day reminder) or before it (→ EXPIRED). A revoked registry row is not the job's business.
 */
export async function casesDueForExpiry(
  tx: Tx,
  today: string,
  warnBefore: string,
): Promise<ExpiryCandidate[]> {
  const found = await rows<{
    id: string | number;
    case_number: string;
    version: number;
    status: ExpiryCandidate['status'];
    beneficiary_fiscal_code: string;
    valid_until: string | Date;
  }>(
    tx,
    sql`select c.id, c.case_number, c.version, c.status, c.beneficiary_fiscal_code, r.valid_until
          from exemption_case c
          join lateral (
            select max(valid_until) as valid_until
              from registry_exemption
             where case_id = c.id and revoked_at is null and valid_until is not null
          ) r on r.valid_until is not null
         where (c.status = 'VALIDATED' and r.valid_until < ${warnBefore}::date)
            or (c.status = 'EXPIRING' and r.valid_until <= ${today}::date)
         order by c.id`,
  );
  return found.map((r) => ({
    id: Number(r.id),
    caseNumber: r.case_number,
    version: Number(r.version),
    status: r.status,
    beneficiaryFiscalCode: r.beneficiary_fiscal_code,
    validUntil: typeof r.valid_until === 'string' ? r.valid_until.slice(0, 10) : isoDateOf(r.valid_until),
  }));
}

/** node-postgres parses `date` as a local-midnight Date: read its calendar fields back. */
function isoDateOf(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
