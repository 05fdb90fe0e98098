/**
 * FHIR R4 resources of the platform (issue 14; docs/interoperability.md): an exemption is a Coverage
 * following HL7 Italia's convention for exemptions (the public-policy Coverage of the person, the
 * exemption as `costToBeneficiary.exception` with the national exemption code, its period and its
 * state), a person is a Patient identified by the codice fiscale. Pure functions of database rows: the
 * read API and the push to the regional registry build the same resource from the same row.
 */
import { createHash } from 'node:crypto';
import type {
  Bundle,
  BundleEntry,
  BundleLink,
  Coverage,
  OperationOutcome,
  OperationOutcomeIssue,
  Patient,
} from '@medplum/fhirtypes';
import { EXEMPTION_SCOPE_LABELS, exemptionScopeOf, type ExemptionFamily } from '@esenzioni/domain';
import type { CoverageRow, PatientRow } from '../db/repositories/fhir.js';

/** The codice fiscale (HL7 Italia's identifier system). */
export const CF_SYSTEM = 'http://hl7.it/sid/codiceFiscale';
/** The national exemption codes (OID 2.16.840.1.113883.2.9.6.1.22). */
export const EXEMPTION_CODE_SYSTEM = 'urn:oid:2.16.840.1.113883.2.9.6.1.22';
/** The Ministry's codes of the ASLs (FLS). */
export const ASL_SYSTEM = 'http://terminology.hl7.it/sid/minsan-fls';
/** HL7 Italia's extension for the state of an exemption, valued from v3 ActStatus. */
export const EXEMPTION_STATUS_EXTENSION =
  'http://hl7.it/fhir/dossier-pharma/StructureDefinition/coverage-exceptionStatus';
const ACT_STATUS = 'http://terminology.hl7.org/CodeSystem/v3-ActStatus';
const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const DATA_ABSENT = 'http://hl7.org/fhir/StructureDefinition/data-absent-reason';
/** The platform's own identifier and code systems. */
export const LOCAL_BASE = 'https://esenzioni.example/fhir';
export const REGISTRY_ID_SYSTEM = `${LOCAL_BASE}/sid/esenzione`;
export const CASE_NUMBER_SYSTEM = `${LOCAL_BASE}/sid/pratica`;
export const SCOPE_SYSTEM = `${LOCAL_BASE}/CodeSystem/ambito-prestazioni`;

/** The life of an exemption as the Coverage tells it. */
export type ExemptionState = 'active' | 'expired' | 'revoked' | 'annulled';

/**
 * From the registry row alone (never the clock, so a pushed Coverage and a later reading agree): annulled
 * (withdrawn, as never held), revoked, expired (the expiry sweep, or a MEF list that no longer names the
 * person), else active — a renewed row is active until its shortened end, which `period.end` tells.
 */
export function exemptionStateOf(r: CoverageRow): ExemptionState {
  if (r.revoked_at !== null) return 'annulled';
  if (r.case_status === 'REVOKED') return 'revoked';
  if (r.case_status === 'EXPIRED' || (r.case_status === null && r.ended_by_import !== null)) return 'expired';
  return 'active';
}

const COVERAGE_STATUS: Record<ExemptionState, Coverage['status']> = {
  active: 'active',
  expired: 'active',
  revoked: 'cancelled',
  annulled: 'entered-in-error',
};
const ACT_STATUS_OF: Record<ExemptionState, { code: string; display: string }> = {
  active: { code: 'active', display: 'active' },
  expired: { code: 'completed', display: 'completed' },
  revoked: { code: 'aborted', display: 'aborted' },
  annulled: { code: 'nullified', display: 'nullified' },
};

/** A Patient's id: not the fiscal code (ids travel in URLs and logs), a digest of it. */
export const patientIdOf = (fiscalCode: string) =>
  `p-${createHash('sha256').update(`esenzioni:patient:${fiscalCode}`).digest('hex').slice(0, 32)}`;

export function coverageOf(r: CoverageRow): Coverage {
  const state = exemptionStateOf(r);
  const period = { start: r.valid_from, ...(r.valid_until ? { end: r.valid_until } : {}) };
  const scope = exemptionScopeOf(r.exemption_code, r.family as ExemptionFamily);
  return {
    resourceType: 'Coverage',
    id: String(r.id),
    identifier: [
      { system: REGISTRY_ID_SYSTEM, value: String(r.id) },
      ...(r.case_number ? [{ system: CASE_NUMBER_SYSTEM, value: r.case_number }] : []),
    ],
    status: COVERAGE_STATUS[state],
    type: { coding: [{ system: ACT_CODE, code: 'PUBLICPOL', display: 'public healthcare' }] },
    // a logical reference: the Patient is found by its identifier (Patient?identifier=…)
    beneficiary: {
      type: 'Patient',
      identifier: { system: CF_SYSTEM, value: r.fiscal_code },
    },
    period,
    payor: [
      r.asl_id
        ? {
            type: 'Organization',
            identifier: { system: ASL_SYSTEM, value: r.asl_id },
            ...(r.asl_name ? { display: r.asl_name } : {}),
          }
        : { type: 'Organization', display: 'Servizio sanitario nazionale' },
    ],
    costToBeneficiary: [
      {
        // the services the exemption covers (all, those related to the invalidity, the condition's list)
        type: {
          coding: [{ system: SCOPE_SYSTEM, code: scope, display: EXEMPTION_SCOPE_LABELS[scope] }],
        },
        // no amount: the exemption waives the co-payment, it does not fix one
        valueMoney: { extension: [{ url: DATA_ABSENT, valueCode: 'not-applicable' }] },
        exception: [
          {
            extension: [
              {
                url: EXEMPTION_STATUS_EXTENSION,
                valueCodeableConcept: { coding: [{ system: ACT_STATUS, ...ACT_STATUS_OF[state] }] },
              },
            ],
            type: {
              coding: [
                {
                  system: EXEMPTION_CODE_SYSTEM,
                  code: r.exemption_code,
                  ...(r.description ? { display: r.description } : {}),
                },
              ],
            },
            period,
          },
        ],
      },
    ],
  };
}

export function patientOfRow(p: PatientRow): Patient {
  const gender = p.sex === 'M' ? 'male' : p.sex === 'F' ? 'female' : undefined;
  return {
    resourceType: 'Patient',
    id: patientIdOf(p.fiscal_code),
    identifier: [{ system: CF_SYSTEM, value: p.fiscal_code }],
    name: [{ family: p.last_name, given: [p.first_name] }],
    ...(gender ? { gender } : {}),
    ...(p.birth_date ? { birthDate: p.birth_date } : {}),
  };
}

/** A searchset Bundle: the page's entries, the total and the paging links (self, first, previous, next). */
export function searchset<T extends Coverage | Patient>(
  base: string,
  resources: T[],
  total: number,
  page: { url: (offset: number) => string; offset: number; count: number },
): Bundle<T> {
  const link: BundleLink[] = [
    { relation: 'self', url: page.url(page.offset) },
    { relation: 'first', url: page.url(0) },
  ];
  if (page.offset > 0)
    link.push({ relation: 'previous', url: page.url(Math.max(0, page.offset - page.count)) });
  if (page.offset + page.count < total)
    link.push({ relation: 'next', url: page.url(page.offset + page.count) });
  const entry: BundleEntry<T>[] = resources.map((resource) => ({
    fullUrl: `${base}/${resource.resourceType}/${resource.id}`,
    resource,
    search: { mode: 'match' },
  }));
  return { resourceType: 'Bundle', type: 'searchset', total, link, ...(entry.length ? { entry } : {}) };
}

export function operationOutcome(
  code: OperationOutcomeIssue['code'],
  diagnostics: string,
  severity: OperationOutcomeIssue['severity'] = 'error',
): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [{ severity, code, diagnostics }] };
}
