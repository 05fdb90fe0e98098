/**
 * A fake regional registry (issue 14) for tests: a FHIR server of Coverages on 127.0.0.1 that applies a
 * `PUT Coverage/{id}` once per `Idempotency-Key` (a repeated key is answered without a second effect),
 * answers `GET Coverage/{id}`, and can be slow (applies, then answers late), fail (503 without applying),
 * or go down and come back. It records every request and every effect, so tests prove exactly-once.
 */
import type { Coverage } from '@medplum/fhirtypes';
import { startFakeServer, type FakeServer } from './fake-http.js';

export interface FakeRegistry extends FakeServer {
  /** the FHIR base to configure: <origin>/fhir */
  url: string;
  /** how it answers: ok, fail (503, nothing applied), slow (applied, answered after `slowMs`) */
  mode: 'ok' | 'fail' | 'slow';
  slowMs: number;
  /** the Coverages it holds, by id */
  coverages: Map<string, Coverage>;
  /** every request: method, path, idempotency key, authorization header */
  received: Array<{ method: string; path: string; key: string | null; authorization: string | null }>;
  /** every applied change, in order: the idempotency key and the Coverage's id and status */
  effects: Array<{ key: string; id: string; status: string }>;
}

export async function startFakeRegistry(): Promise<FakeRegistry> {
  const fake = {
    mode: 'ok',
    slowMs: 0,
    coverages: new Map<string, Coverage>(),
    received: [],
    effects: [],
  } as unknown as FakeRegistry;
  const server = await startFakeServer(async (req, body) => {
    const path = (req.url ?? '').split('?')[0]!;
    const key = (req.headers['idempotency-key'] as string | undefined) ?? null;
    fake.received.push({
      method: req.method ?? '',
      path,
      key,
      authorization: (req.headers.authorization as string | undefined) ?? null,
    });
    if (fake.mode === 'fail') return { status: 503, body: { resourceType: 'OperationOutcome' } };
    const id = /^\/fhir\/Coverage\/([A-Za-z0-9.-]{1,64})$/.exec(path)?.[1];
    if (!id) return { status: 404 };
    if (req.method === 'GET') {
      const c = fake.coverages.get(id);
      return c ? { status: 200, body: c } : { status: 404 };
    }
    if (req.method !== 'PUT' || !key) return { status: 400 };
    const coverage = JSON.parse(body) as Coverage;
    if (coverage.resourceType !== 'Coverage' || coverage.id !== id) return { status: 400 };
    const seen = fake.effects.some((e) => e.key === key);
    if (!seen) {
      fake.coverages.set(id, coverage);
      fake.effects.push({ key, id, status: coverage.status });
    }
    return { status: 200, body: coverage, ...(fake.mode === 'slow' ? { delayMs: fake.slowMs } : {}) };
  });
  return Object.assign(fake, server, { url: `${server.origin}/fhir` });
}
