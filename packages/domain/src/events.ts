/**
 * The events written to the outbox table, as a Zod discriminated union on `eventType`. Every writer
 * builds its event with the builders below (no event name is written anywhere else), and every handler
 * parses the stored payload with the schema of its type: a payload that does not parse is a dead letter.
 *
 * Payloads carry identifiers only (case number, fiscal codes, states): never a diagnosis, a note or a
 * code description.
 */
import { z } from 'zod';
import { CASE_STATUSES, ROLES } from './enums.js';

export const EVENT_TYPES = {
  caseStatusChanged: 'case.status-changed',
  caseViewed: 'case.viewed',
  exemptionLastDay: 'exemption.last-day',
  mailSend: 'mail.send',
  // issue 12 (H3): a MEF-list exemption ended because the person is no longer on the list
  mefExemptionEnded: 'mef.exemption-ended',
  // issue 14: a registry exemption changed; its Coverage is pushed to the regional registry
  registryCoverageChanged: 'registry.coverage-changed',
  // issue 14: one notification delivered as an App IO message
  appIoSend: 'appio.send',
} as const;
export type EventType = (typeof EVENT_TYPES)[keyof typeof EVENT_TYPES];

const caseNumber = z.string().regex(/^\d{18}$/);
const fiscalCode = z.string().min(1).max(16);
const status = z.enum(CASE_STATUSES);

/** A case was created (previousStatus null) or changed state: the beneficiary and delegates are told. */
export const caseStatusChangedPayload = z.object({
  caseNumber,
  status,
  previousStatus: status.nullable(),
  beneficiaryFiscalCode: fiscalCode,
  at: z.iso.datetime({ offset: true }),
  actorFiscalCode: fiscalCode,
  actorRole: z.enum(ROLES),
});
export type CaseStatusChangedPayload = z.infer<typeof caseStatusChangedPayload>;

/** A district operator opened a case: the beneficiary is told, once per case and day (Europe/Rome). */
export const caseViewedPayload = z.object({
  caseNumber,
  beneficiaryFiscalCode: fiscalCode,
  day: z.iso.date(),
});
export type CaseViewedPayload = z.infer<typeof caseViewedPayload>;

/** An exemption's last valid day (expiry sweep): the beneficiary is reminded that it ends today, once. */
export const exemptionLastDayPayload = z.object({
  caseNumber,
  beneficiaryFiscalCode: fiscalCode,
  day: z.iso.date(),
});
export type ExemptionLastDayPayload = z.infer<typeof exemptionLastDayPayload>;

/** One mail_outbox row to send. */
export const mailSendPayload = z.object({ mailId: z.coerce.number().int().positive() });
export type MailSendPayload = z.infer<typeof mailSendPayload>;

/**
 * A MEF-list exemption ended (issue 12 §2): the new list no longer names the person for the code.
 * Written set-based by the import (repositories/mef-list.ts, jsonb_build_object with these fields).
 */
export const mefExemptionEndedPayload = z.object({
  fiscalCode,
  code: z.string().min(1).max(20),
  listYear: z.number().int(),
  importId: z.coerce.number().int().positive(),
  lastDay: z.iso.date(),
});
export type MefExemptionEndedPayload = z.infer<typeof mefExemptionEndedPayload>;

/** What happened to a registry exemption (issue 14): the change its push to the regional registry carries. */
export const REGISTRY_CHANGES = ['VALIDATED', 'RENEWED', 'EXPIRED', 'REVOKED', 'ANNULLED'] as const;
export type RegistryChange = (typeof REGISTRY_CHANGES)[number];

const ISSUED: readonly (typeof CASE_STATUSES)[number][] = ['VALIDATED', 'EXPIRING', 'EXPIRED'];

/**
 * The registry change a case's new state makes, if any: validation issues the exemption, the expiry
 * sweep ends it, a revocation ends it on its last day, an annulment of an issued exemption withdraws it
 * (a case cancelled before validation issued nothing). «In scadenza» changes nothing in the registry.
 */
export function registryChangeOf(
  status: (typeof CASE_STATUSES)[number],
  previousStatus: (typeof CASE_STATUSES)[number] | null,
): RegistryChange | null {
  if (status === 'VALIDATED' || status === 'EXPIRED' || status === 'REVOKED') return status;
  if (status === 'CANCELLED' && previousStatus !== null && ISSUED.includes(previousStatus)) return 'ANNULLED';
  return null;
}
/**
 * A registry exemption (registry_exemption row `registryId`, the FHIR Coverage of that id) changed:
 * written, after the case's own event, in the transaction that handles it (notify/registry-push.ts) and
 * delivered to the regional registry. The Coverage sent is the row as it is when delivered.
 */
export const registryCoverageChangedPayload = z.object({
  registryId: z.coerce.number().int().positive(),
  change: z.enum(REGISTRY_CHANGES),
  caseNumber: caseNumber.nullable(),
});
export type RegistryCoverageChangedPayload = z.infer<typeof registryCoverageChangedPayload>;

/** One notification row to deliver as an App IO message (issue 14): its id only, never its text. */
export const appIoSendPayload = z.object({ notificationId: z.coerce.number().int().positive() });
export type AppIoSendPayload = z.infer<typeof appIoSendPayload>;

export const OUTBOX_PAYLOADS = {
  [EVENT_TYPES.caseStatusChanged]: caseStatusChangedPayload,
  [EVENT_TYPES.caseViewed]: caseViewedPayload,
  [EVENT_TYPES.exemptionLastDay]: exemptionLastDayPayload,
  [EVENT_TYPES.mailSend]: mailSendPayload,
  [EVENT_TYPES.mefExemptionEnded]: mefExemptionEndedPayload,
  [EVENT_TYPES.registryCoverageChanged]: registryCoverageChangedPayload,
  [EVENT_TYPES.appIoSend]: appIoSendPayload,
} as const satisfies Record<EventType, z.ZodType>;

export type PayloadOf<T extends EventType> = z.infer<(typeof OUTBOX_PAYLOADS)[T]>;

export const outboxEvent = z.discriminatedUnion('eventType', [
  z.object({ eventType: z.literal(EVENT_TYPES.caseStatusChanged), payload: caseStatusChangedPayload }),
  z.object({ eventType: z.literal(EVENT_TYPES.caseViewed), payload: caseViewedPayload }),
  z.object({ eventType: z.literal(EVENT_TYPES.exemptionLastDay), payload: exemptionLastDayPayload }),
  z.object({ eventType: z.literal(EVENT_TYPES.mailSend), payload: mailSendPayload }),
  z.object({ eventType: z.literal(EVENT_TYPES.mefExemptionEnded), payload: mefExemptionEndedPayload }),
  z.object({
    eventType: z.literal(EVENT_TYPES.registryCoverageChanged),
    payload: registryCoverageChangedPayload,
  }),
  z.object({ eventType: z.literal(EVENT_TYPES.appIoSend), payload: appIoSendPayload }),
]);
export type OutboxEventData = z.infer<typeof outboxEvent>;
export type OutboxEventOf<T extends EventType> = Extract<OutboxEventData, { eventType: T }>;

export type CaseStatusChangedEvent = OutboxEventOf<typeof EVENT_TYPES.caseStatusChanged>;

export const isEventType = (t: string): t is EventType => Object.hasOwn(OUTBOX_PAYLOADS, t);

// ---------------------------------------------------------------- builders (one per type)

export const caseStatusChanged = (payload: CaseStatusChangedPayload): CaseStatusChangedEvent => ({
  eventType: EVENT_TYPES.caseStatusChanged,
  payload,
});

export const caseViewed = (payload: CaseViewedPayload): OutboxEventOf<typeof EVENT_TYPES.caseViewed> => ({
  eventType: EVENT_TYPES.caseViewed,
  payload,
});

export const exemptionLastDay = (
  payload: ExemptionLastDayPayload,
): OutboxEventOf<typeof EVENT_TYPES.exemptionLastDay> => ({
  eventType: EVENT_TYPES.exemptionLastDay,
  payload,
});

export const mailSend = (payload: MailSendPayload): OutboxEventOf<typeof EVENT_TYPES.mailSend> => ({
  eventType: EVENT_TYPES.mailSend,
  payload,
});

export const registryCoverageChanged = (
  payload: RegistryCoverageChangedPayload,
): OutboxEventOf<typeof EVENT_TYPES.registryCoverageChanged> => ({
  eventType: EVENT_TYPES.registryCoverageChanged,
  payload,
});

export const appIoSend = (payload: AppIoSendPayload): OutboxEventOf<typeof EVENT_TYPES.appIoSend> => ({
  eventType: EVENT_TYPES.appIoSend,
  payload,
});

/**
 * Why a stored payload does not parse, safe to store and log: the event type and the paths of the
 * fields in error, never their values (a payload holds fiscal codes).
 */
export function payloadProblem(eventType: EventType, error: z.ZodError): string {
  const fields = [...new Set(error.issues.map((i) => i.path.join('.') || '(payload)'))].slice(0, 5);
  return `payload non valido per l'evento ${eventType} (campi: ${fields.join(', ')})`;
}

/** Parses the stored payload of an event of `eventType`: the typed payload, or the safe text of the problem. */
export function parsePayload<T extends EventType>(
  eventType: T,
  payload: unknown,
): { ok: true; payload: PayloadOf<T> } | { ok: false; problem: string } {
  const r = OUTBOX_PAYLOADS[eventType].safeParse(payload);
  return r.success
    ? { ok: true, payload: r.data as PayloadOf<T> }
    : { ok: false, problem: payloadProblem(eventType, r.error) };
}
