/**
 * The workflow phase takes charge of and validates SUBMITTED cases, so each run uses some up. Before
 * it, this tops the bench ASL up to `wanted` fresh SUBMITTED cases (set-based SQL, like the generator:
 * residents of the ASL, hypertension 031, case numbers continuing the ASL's counter for this year, one
 * "submit" history row each), so every run starts from the same supply however many ran before.
 */
import type { Target } from './target.js';

export async function topUpSubmitted(target: Target, aslId: string, wanted: number): Promise<number> {
  const [have] = await target.sql<{ n: number }>(
    `select count(*)::int as n from exemption_case where asl_id = $1 and status = 'SUBMITTED' and version = 1`,
    [aslId],
  );
  const missing = wanted - Number(have?.n ?? 0);
  if (missing <= 0) return 0;
  const year = new Date().getUTCFullYear();
  const [counter] = await target.sql<{ last: number }>(
    `insert into case_counter (asl_id, year, last_value) values ($1, $2, $3)
     on conflict (asl_id, year) do update set last_value = case_counter.last_value + excluded.last_value
     returning last_value::int as last`,
    [aslId, year, missing],
  );
  const base = Number(counter?.last ?? missing) - missing;
  await target.sql(
    `with p as (
       select fiscal_code, first_name, last_name, residence_district_id as district_id, row_number() over () as rn
         from (select * from person where residence_asl_id = $1 order by random() limit $2) r
     ), doc as (select fiscal_code from person where residence_asl_id <> $1 limit 1),
     ins as (
       insert into exemption_case (case_number, asl_id, district_id, beneficiary_fiscal_code, beneficiary_first_name,
         beneficiary_last_name, beneficiary_first_name_key, beneficiary_last_name_key, submitter_type, submitter_fiscal_code,
         exemption_code, diagnosis_code, family, status, version, submitted_at, updated_at, last_actor_fiscal_code, last_actor_role)
       select $3::text || $1 || lpad(($4 + p.rn)::text, 8, '0'), $1, p.district_id, p.fiscal_code, p.first_name,
         p.last_name, p.first_name, p.last_name, 'DOCTOR', doc.fiscal_code,
         e.code, e.icd9_code, e.family, 'SUBMITTED', 1, now() - random() * interval '30 days', now(), doc.fiscal_code, 'SPECIALIST'
         from p, doc, exemption_code e where e.code = '031'
       returning id, submitted_at, submitter_fiscal_code
     )
     insert into case_history (case_id, at, actor_fiscal_code, actor_role, action, status)
     select id, submitted_at, submitter_fiscal_code, 'SPECIALIST', 'submit', 'SUBMITTED' from ins`,
    [aslId, missing, String(year), base],
  );
  return missing;
}
