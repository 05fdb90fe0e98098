/**
 * The push of exemptions to the regional registry (issue 14; docs/interoperability.md).
 *
 * - `withRegistryPush` wraps the handler of 'case.status-changed': in the transaction that handles the
 *   case's event (so exactly once), a validation, expiry, revocation or annulment appends one
 *   'registry.coverage-changed' event per registry exemption it changed — the case's own, and for the
 *   validation of a renewal the exemption it renews (ended the day before: RENEWED).
 * - `registryPushDelivery` delivers such an event outside any transaction: the Coverage of the row as it
 *   is now, PUT to the registry with an idempotency key fixed per event (`esenzioni-<event id>`), so a
 *   repeat after a crash or a lost answer changes nothing on the receiving side. Failures are retried with
 *   the outbox's back-off; after `maxAttempts` the event is a dead letter the administrator sees and may
 *   retry (GET /api/admin/outbox/dead).
 */
import { EVENT_TYPES, registryChangeOf, registryCoverageChanged } from '@esenzioni/domain';
import { coverageById, registryRowsOfCase } from '../db/repositories/fhir.js';
import { appendEvent } from '../db/repositories/outbox.js';
import { coverageOf } from '../fhir/resources.js';
import type { RegistryPort } from '../interop/registry-client.js';
import { DeliveryError, type ExternalDelivery, type OutboxHandler } from '../jobs/outbox-handler.js';
import { payloadOf } from './typed-handler.js';

const CHANGED = EVENT_TYPES.registryCoverageChanged;

/** The idempotency key of one change: the same for every attempt of the event. */
export const idempotencyKeyOf = (eventId: number) => `esenzioni-${eventId}`;

export function withRegistryPush(inner: OutboxHandler): OutboxHandler {
  return async (tx, payload, event) => {
    await inner(tx, payload, event);
    const p = payloadOf(EVENT_TYPES.caseStatusChanged, payload);
    const change = registryChangeOf(p.status, p.previousStatus);
    if (!change) return;
    for (const row of await registryRowsOfCase(tx, p.caseNumber)) {
      // a renewal's validation also ended the exemption it renews; nothing else touches another row
      if (row.renewed && change !== 'VALIDATED') continue;
      await appendEvent(
        tx,
        registryCoverageChanged({
          registryId: Number(row.id),
          change: row.renewed ? 'RENEWED' : change,
          caseNumber: p.caseNumber,
        }),
      );
    }
  };
}

/** Without a registry (REGISTRY_PUSH_URL unset) an event is acknowledged: nothing is sent. */
export function registryPushDelivery(registry: RegistryPort | null, maxAttempts?: number): ExternalDelivery {
  if (!registry) return { inTransaction: async () => undefined, deliver: async () => undefined };
  return {
    ...(maxAttempts ? { maxAttempts } : {}),
    deliver: async (db, payload, event) => {
      const { registryId } = payloadOf(CHANGED, payload);
      const row = await coverageById(db, registryId);
      if (!row) throw new DeliveryError(true, 'registro regionale: esenzione non trovata');
      await registry.putCoverage(coverageOf(row), idempotencyKeyOf(event.id));
      return undefined;
    },
  };
}
