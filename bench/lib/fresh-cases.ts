/**
 * The workflow phase takes charge of and validates SUBMITTED cases, so each run uses some up. Before
 * it, this tops the bench ASL up to `wanted` fresh SUBMITTED cases (set-based SQL, like the generator:
 * residents of the ASL, hypertension 031, case numbers continuing the ASL's counter for this year, one
 * "submit" history row each), so every run starts from the same supply however many ran before.
 * Each SUBMITTED case of the ASL gets its certificate document, as a doctor's case has in the product:
 * a pathology case is not validated without it (issue 11 §6).
 */
import { caseHistory, document, exemptionCase } from '../../packages/server/src/db/schema.js';
import { insertSelectSql } from '../../packages/server/src/db/repositories/case-rows.js';
import type { Target } from './target.js';

export async function topUpSubmitted(target: Target, aslId: string, wanted: number): Promise<number> {
  const [have] = await target.sql<{ n: number }>(
    `select count(*)::int as n from exemption_case where asl_id = $1 and status = 'SUBMITTED' and version = 1`,
    [aslId],
  );
  const missing = wanted - Number(have?.n ?? 0);
  if (missing <= 0) {
    await certify(target, aslId);
    return 0;
  }
  const year = new Date().getUTCFullYear();
  const [counter] = await target.sql<{ last: number }>(
    `insert into case_counter (asl_id, year, last_value) values ($1, $2, $3)
     on conflict (asl_id, year) do update set last_value = case_counter.last_value + excluded.last_value
     returning last_value::int as last`,
    [aslId, year, missing],
  );
  const base = Number(counter?.last ?? missing) - missing;
  const insertCases = insertSelectSql(
    exemptionCase,
    {
      caseNumber: `$3::text || $1 || lpad(($4 + p.rn)::text, 8, '0')`,
      aslId: '$1',
      districtId: 'p.district_id',
      beneficiaryFiscalCode: 'p.fiscal_code',
      beneficiaryFirstName: 'p.first_name',
      beneficiaryLastName: 'p.last_name',
      // the generated names are upper-case ASCII: their search keys are themselves
      beneficiaryFirstNameKey: 'p.first_name',
      beneficiaryLastNameKey: 'p.last_name',
      submitterType: `'DOCTOR'`,
      submitterFiscalCode: 'doc.fiscal_code',
      exemptionCode: 'e.code',
      diagnosisCode: 'e.icd9_code',
      family: 'e.family',
      status: `'SUBMITTED'`,
      version: '1',
      submittedAt: `now() - random() * interval '30 days'`,
      updatedAt: 'now()',
      lastActorFiscalCode: 'doc.fiscal_code',
      lastActorRole: `'SPECIALIST'`,
    },
    `from p, doc, exemption_code e where e.code = '031'
       returning id, submitted_at, submitter_fiscal_code`,
  );
  await target.sql(
    insertSelectSql(
      caseHistory,
      {
        caseId: 'id',
        at: 'submitted_at',
        actorFiscalCode: 'submitter_fiscal_code',
        actorRole: `'SPECIALIST'`,
        action: `'submit'`,
        status: `'SUBMITTED'`,
      },
      'from ins',
      `p as (
       select fiscal_code, first_name, last_name, residence_district_id as district_id, row_number() over () as rn
         from (select * from person pp where residence_asl_id = $1
                  -- nobody who holds 031 in force or has a 031 case open: the product would refuse to validate
                  and not exists (select 1 from registry_exemption r
                                   where r.fiscal_code = pp.fiscal_code and split_part(r.exemption_code, '.', 1) = '031'
                                     and r.revoked_at is null and (r.valid_until is null or r.valid_until >= current_date))
                  and not exists (select 1 from exemption_case oc
                                   where oc.beneficiary_fiscal_code = pp.fiscal_code and oc.exemption_code = '031'
                                     and oc.status in ('SUBMITTED', 'IN_PROGRESS'))
                order by random() limit $2) r
     ), doc as (select fiscal_code from person where residence_asl_id <> $1 limit 1),
     ins as (${insertCases})`,
    ),
    [aslId, missing, String(year), base],
  );
  await certify(target, aslId);
  return missing;
}

/** A small certificate document for every SUBMITTED case of the ASL that has none. */
async function certify(target: Target, aslId: string): Promise<void> {
  // "%PDF-1.4 bench\n": the bytes are never inspected, only counted as the certificate
  const bytes = `'\\x255044462d312e342062656e63680a'::bytea`;
  await target.sql(
    insertSelectSql(
      document,
      {
        caseId: 'c.id',
        kind: `'CERTIFICATE'`,
        fileName: `'certificato-' || c.case_number || '.pdf'`,
        contentType: `'application/pdf'`,
        size: `length(${bytes})`,
        sha256: `encode(sha256(${bytes}), 'hex')`,
        bytes,
      },
      `from exemption_case c
        where c.asl_id = $1 and c.status = 'SUBMITTED'
          and not exists (select 1 from document d where d.case_id = c.id and d.kind = 'CERTIFICATE')`,
    ),
    [aslId],
  );
}
