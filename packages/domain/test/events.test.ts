/** The outbox events: one schema per type, builders that write the type, payload problems without values. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  EVENT_TYPES,
  OUTBOX_PAYLOADS,
  caseStatusChanged,
  caseViewed,
  exemptionLastDay,
  isEventType,
  mailSend,
  outboxEvent,
  parsePayload,
} from '../src/events.js';

const CASE = '202401021100000023';
const FC = 'RSSMRA80A01H501U';

const statusChanged = caseStatusChanged({
  caseNumber: CASE,
  status: 'VALIDATED',
  previousStatus: 'IN_PROGRESS',
  beneficiaryFiscalCode: FC,
  at: '2026-03-01T10:00:00.000Z',
  actorFiscalCode: 'VRDLGU70B02L219X',
  actorRole: 'DISTRICT_OPERATOR',
});

describe('the union of outbox events', () => {
  test('every event type has a payload schema, and nothing else does', () => {
    assert.deepEqual(Object.keys(OUTBOX_PAYLOADS).sort(), Object.values(EVENT_TYPES).sort());
    assert.deepEqual(Object.values(EVENT_TYPES).sort(), [
      'appio.send',
      'case.status-changed',
      'case.viewed',
      'exemption.last-day',
      'mail.send',
      'mef.exemption-ended',
      'registry.coverage-changed',
    ]);
    assert.equal(isEventType('case.viewed'), true);
    assert.equal(isEventType('case.deleted'), false);
    assert.equal(isEventType('toString'), false, 'not fooled by Object.prototype');
  });

  test('the builders write the type, and what they build parses back as itself', () => {
    const built = [
      statusChanged,
      caseStatusChanged({ ...statusChanged.payload, previousStatus: null, status: 'SUBMITTED' }),
      caseViewed({ caseNumber: CASE, beneficiaryFiscalCode: FC, day: '2026-03-01' }),
      exemptionLastDay({ caseNumber: CASE, beneficiaryFiscalCode: FC, day: '2026-03-01' }),
      mailSend({ mailId: 42 }),
    ];
    assert.deepEqual(
      built.map((e) => e.eventType),
      ['case.status-changed', 'case.status-changed', 'case.viewed', 'exemption.last-day', 'mail.send'],
    );
    for (const e of built) assert.deepEqual(outboxEvent.parse(JSON.parse(JSON.stringify(e))), e);
  });

  test('the discriminator picks the schema: a payload of another type does not parse', () => {
    const wrong = { eventType: 'case.viewed', payload: statusChanged.payload };
    assert.equal(outboxEvent.safeParse(wrong).success, false);
    assert.equal(outboxEvent.safeParse({ eventType: 'case.deleted', payload: {} }).success, false);
  });

  test('a mail id stored as text (jsonb from SQL) parses as a number', () => {
    assert.deepEqual(parsePayload('mail.send', { mailId: '7' }), { ok: true, payload: { mailId: 7 } });
  });
});

describe('mef.exemption-ended (issue 12 §2)', () => {
  test('written by SQL (jsonb_build_object: importId may come as text), it parses; a bad day does not', () => {
    const payload = { fiscalCode: FC, code: 'E01', listYear: 2026, importId: '7', lastDay: '2026-05-04' };
    assert.deepEqual(parsePayload('mef.exemption-ended', payload), {
      ok: true,
      payload: { ...payload, importId: 7 },
    });
    const bad = parsePayload('mef.exemption-ended', { ...payload, lastDay: '04/05/2026' });
    assert.equal(bad.ok, false);
  });
});

describe('parsePayload: the problem of a bad payload names fields, never values', () => {
  test('a status outside the life-cycle, a missing case number', () => {
    const r = parsePayload('case.status-changed', {
      ...statusChanged.payload,
      caseNumber: undefined,
      status: 'ARCHIVED',
    });
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(
      r.problem,
      "payload non valido per l'evento case.status-changed (campi: caseNumber, status)",
    );
    assert.ok(!r.problem.includes(FC) && !r.problem.includes('ARCHIVED'), r.problem);
  });

  test('a fiscal code in the wrong place is not echoed', () => {
    const r = parsePayload('case.viewed', { caseNumber: FC, beneficiaryFiscalCode: FC, day: FC });
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.ok(!r.problem.includes(FC), r.problem);
      assert.match(r.problem, /campi: caseNumber, day/);
    }
  });

  test('not an object at all', () => {
    const r = parsePayload('mail.send', 'mailId=1');
    assert.deepEqual(r, {
      ok: false,
      problem: "payload non valido per l'evento mail.send (campi: (payload))",
    });
  });

  test('a good payload comes back typed', () => {
    const r = parsePayload('case.status-changed', statusChanged.payload);
    assert.ok(r.ok);
    if (r.ok) assert.equal(r.payload.status, 'VALIDATED');
  });
});
