/**
 * The CapabilityStatement of the FHIR read API (GET /fhir/metadata): what is served, with which search
 * parameters, and who may read (docs/interoperability.md).
 */
import type { CapabilityStatement } from '@medplum/fhirtypes';
import { CF_SYSTEM } from './resources.js';

/** Paging of searches: `_count` results (default and largest), from `_offset`. */
export const FHIR_PAGE = { defaultCount: 20, maxCount: 100 } as const;

export function capabilityStatement(base: string, date: string): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date,
    publisher: 'Esenzioni',
    kind: 'instance',
    software: { name: 'Esenzioni' },
    implementation: {
      description: 'Esenzioni ticket: registro delle esenzioni in sola lettura (FHIR R4)',
      url: base,
    },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        documentation:
          'Sola lettura. Ogni ricerca e lettura di Patient e Coverage è registrata nel registro degli accessi. ' +
          `Paginazione: _count (predefinito ${FHIR_PAGE.defaultCount}, massimo ${FHIR_PAGE.maxCount}) e _offset; ` +
          'i link self, first, previous e next del Bundle portano alle altre pagine.',
        security: {
          description:
            'Chiave API (Authorization: Bearer) di un sistema autorizzato, oppure sessione di un medico di ' +
            'medicina generale o di un operatore di distretto. Il CapabilityStatement è pubblico.',
        },
        resource: [
          {
            type: 'Patient',
            interaction: [{ code: 'search-type' }],
            searchParam: [
              {
                name: 'identifier',
                type: 'token',
                documentation: `Obbligatorio: ${CF_SYSTEM}|<codice fiscale>.`,
              },
            ],
          },
          {
            type: 'Coverage',
            documentation:
              'Un’esenzione del registro: il codice (OID 2.16.840.1.113883.2.9.6.1.22) in ' +
              'costToBeneficiary.exception.type, la validità in period, lo stato in status ' +
              '(active; cancelled: revocata; entered-in-error: annullata) e nell’estensione dello stato ' +
              'dell’esenzione (active, completed: scaduta, aborted: revocata, nullified: annullata), ' +
              'le prestazioni esenti in costToBeneficiary.type.',
            interaction: [{ code: 'read' }, { code: 'search-type' }],
            searchParam: [
              {
                name: 'beneficiary',
                type: 'reference',
                documentation: `Obbligatorio, con il modificatore :identifier: beneficiary:identifier=${CF_SYSTEM}|<codice fiscale>.`,
              },
              {
                name: 'date',
                type: 'date',
                documentation:
                  'Facoltativo, AAAA-MM-GG (o eqAAAA-MM-GG): solo le esenzioni valide in quel giorno (da period.start a period.end, non annullate). Senza: tutte, anche concluse.',
              },
            ],
          },
        ],
      },
    ],
  };
}
