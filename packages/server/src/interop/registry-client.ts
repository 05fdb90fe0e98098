/**
 * The port to the regional registry of assistiti (AURA in Piemonte; docs/interoperability.md) and its
 * HTTP adapter: a FHIR `PUT Coverage/{id}` of the exemption as it is now, with an `Idempotency-Key`
 * header (the same for every attempt of one change: the registry applies a change once however many
 * times it arrives), and a `GET Coverage/{id}` for the nightly reconciliation.
 */
import type { Coverage } from '@medplum/fhirtypes';
import { httpCall } from './http-call.js';

export interface RegistryPort {
  /** the registry holds `coverage` (created or replaced); throws DeliveryError on failure */
  putCoverage(coverage: Coverage, idempotencyKey: string): Promise<void>;
  /** the registry's Coverage of this id, or null when it has none */
  getCoverage(id: string): Promise<Coverage | null>;
}

export interface RegistrySettings {
  /** the registry's FHIR base, e.g. https://aura.example/fhir */
  url: string;
  /** Authorization: Bearer <token> */
  token?: string | undefined;
  /** Authorization: Basic (when no token) */
  username?: string | undefined;
  password?: string | undefined;
  timeoutMs: number;
  /** after this many failed attempts a change is a dead letter */
  maxAttempts: number;
}

const WHAT = 'registro regionale';

export function httpRegistry(s: RegistrySettings): RegistryPort {
  const base = s.url.replace(/\/+$/, '');
  const auth: Record<string, string> = s.token
    ? { authorization: `Bearer ${s.token}` }
    : s.username
      ? {
          authorization: `Basic ${Buffer.from(`${s.username}:${s.password ?? ''}`).toString('base64')}`,
        }
      : {};
  const url = (id: string) => `${base}/Coverage/${encodeURIComponent(id)}`;
  return {
    putCoverage: async (coverage, idempotencyKey) => {
      await httpCall(WHAT, url(coverage.id!), {
        method: 'PUT',
        headers: {
          ...auth,
          'content-type': 'application/fhir+json',
          accept: 'application/fhir+json',
          'idempotency-key': idempotencyKey,
        },
        body: JSON.stringify(coverage),
        timeoutMs: s.timeoutMs,
      });
    },
    getCoverage: async (id) => {
      const res = await httpCall(
        WHAT,
        url(id),
        { method: 'GET', headers: { ...auth, accept: 'application/fhir+json' }, timeoutMs: s.timeoutMs },
        [404, 410],
      );
      return res.status === 200 && res.body ? (res.body as Coverage) : null;
    },
  };
}
