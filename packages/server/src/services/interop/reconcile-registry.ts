/**
 * The nightly reconciliation of our registry with the regional one (issue 14; docs/interoperability.md):
 * the exemptions changed on the day before (Europe/Rome) and a random sample of the others are read back
 * from the registry (GET Coverage/{id}) and compared with the Coverage we would push now, on what a
 * prescriber relies on: status, validity, exemption code and state, beneficiary. The differences (ids and
 * field names only) are recorded for the administrator (GET /api/admin/registry/reconciliations); a
 * registry that does not answer ends the run, recorded as such. No transaction is held during the calls.
 */
import type { Coverage } from '@medplum/fhirtypes';
import { addDays, todayInRome } from '@esenzioni/domain';
import type { Db } from '../../db/client.js';
import { coveragesByIds, coverageIdsChangedOn, sampleCoverageIds } from '../../db/repositories/fhir.js';
import {
  recordReconciliation,
  type ReconciliationDifference,
  type ReconciliationRow,
} from '../../db/repositories/registry-reconciliation.js';
import { coverageOf } from '../../fhir/resources.js';
import type { RegistryPort } from '../../interop/registry-client.js';

/** The most changed exemptions one run compares (the rest are caught by the next days' samples). */
const MAX_CHANGED = 5_000;

/** What is compared, by name: the values a prescriber relies on. */
const COMPARED: Record<string, (c: Coverage) => unknown> = {
  status: (c) => c.status,
  'period.start': (c) => c.period?.start,
  'period.end': (c) => c.period?.end ?? null,
  'beneficiary.identifier': (c) => `${c.beneficiary?.identifier?.system}|${c.beneficiary?.identifier?.value}`,
  'exception.code': (c) => c.costToBeneficiary?.[0]?.exception?.[0]?.type?.coding?.[0]?.code,
  'exception.status': (c) =>
    c.costToBeneficiary?.[0]?.exception?.[0]?.extension?.[0]?.valueCodeableConcept?.coding?.[0]?.code,
};

/** The names of the compared fields where `remote` differs from `ours`. */
export function differingFields(ours: Coverage, remote: Coverage): string[] {
  return Object.entries(COMPARED)
    .filter(([, get]) => JSON.stringify(get(ours) ?? null) !== JSON.stringify(get(remote) ?? null))
    .map(([name]) => name);
}

export async function reconcileRegistry(
  db: Db,
  registry: RegistryPort,
  now: Date,
  sampleSize: number,
): Promise<ReconciliationRow> {
  const day = addDays(todayInRome(now), -1);
  const changed = await coverageIdsChangedOn(db, day, MAX_CHANGED);
  const sample = await sampleCoverageIds(db, sampleSize, changed);
  const ours = await coveragesByIds(db, [...changed, ...sample]);
  const differences: ReconciliationDifference[] = [];
  let checked = 0;
  let unreachable = false;
  for (const row of ours) {
    const coverage = coverageOf(row);
    let remote: Coverage | null;
    try {
      remote = await registry.getCoverage(coverage.id!);
    } catch {
      unreachable = true;
      break;
    }
    checked += 1;
    if (!remote) differences.push({ coverageId: coverage.id!, kind: 'MISSING', fields: [] });
    else {
      const fields = differingFields(coverage, remote);
      if (fields.length) differences.push({ coverageId: coverage.id!, kind: 'DIFFERENT', fields });
    }
  }
  return recordReconciliation(db, { ranAt: now, day, checked, unreachable, differences });
}
