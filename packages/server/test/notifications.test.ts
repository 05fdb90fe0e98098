import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { todayInRome } from '@esenzioni/domain';
import { login, type Client, type TestWorld } from './helpers/app.js';
import { loginAll, startPortalWorld } from './helpers/portal-world.js';
import { countRows, PEOPLE, USERS } from './helpers/fixtures.js';
import { processOutboxOnce } from '../src/jobs/outbox-worker.js';
import { getCaseDetail } from '../src/services/cases/read-case.js';
import type { Actor } from '../src/auth/actor.js';

let w: TestWorld;
let lucia: Client;
let giovanni: Client;
let op: Client;
let spec: Client;
let caseNumber = '';
const today = todayInRome();
const L = PEOPLE.lucia.fiscalCode;
const G = PEOPLE.giovanni.fiscalCode;

const drain = async () => {
  while ((await processOutboxOnce(w.database.db)) > 0);
};
const notificationsOf = async (c: Client) =>
  (await c.req({ method: 'GET', url: '/api/notifications' })).json() as {
    unread: number;
    items: Array<{ id: string; kind: string; text: string; caseNumber: string }>;
  };

before(async () => {
  w = await startPortalWorld();
  [lucia, giovanni, op, spec] = await loginAll(
    w.app,
    USERS.lucia.username,
    USERS.giovanni.username,
    USERS.opTorino.username,
    USERS.specialist.username,
  );
  await lucia.req({ method: 'POST', url: '/api/delegations', payload: { delegateFiscalCode: G } });
  caseNumber = (
    await spec.req({
      method: 'POST',
      url: '/api/cases',
      payload: {
        beneficiaryFiscalCode: L,
        exemptionCode: '013.250',
        diagnosisCode: '250.01',
        issuedOn: today,
      },
    })
  ).json().caseNumber;
});
after(() => w.close());

describe('notifications on every state change', () => {
  test('the beneficiary is told the case was sent, with no code or diagnosis in the text', async () => {
    await drain();
    const mine = await notificationsOf(lucia);
    assert.equal(mine.unread, 1);
    assert.equal(mine.items[0]!.text, `La tua pratica n. ${caseNumber} è stata inviata all'ASL.`);
    assert.equal(
      await countRows(w.database.db, 'mail_outbox', `recipient_fiscal_code = '${L}' and status = 'KEPT'`),
      1,
    );
  });

  test('exactly once, even when the worker runs twice or the event is delivered again', async () => {
    await op.req({ method: 'POST', url: `/api/cases/${caseNumber}/validate`, payload: {}, ifMatch: 1 });
    await Promise.all([drain(), drain()]);
    await drain();
    const count = () =>
      countRows(
        w.database.db,
        'notification',
        `case_number = '${caseNumber}' and kind = 'CASE_STATUS_CHANGED' and audience = 'CITIZEN'`,
      );
    assert.equal(await count(), 2);
    // a crash after the side effects but before the outbox row was marked: the event comes again
    await w.database.db.execute(
      `update outbox set processed_at = null where event_type = 'case.status-changed'` as never,
    );
    await drain();
    assert.equal(await count(), 2);
    assert.equal(await countRows(w.database.db, 'mail_outbox'), 2);
    const texts = (await notificationsOf(lucia)).items.map((i) => i.text);
    assert.equal(
      texts[0],
      `La tua pratica n. ${caseNumber} è stata validata: l'esenzione è attiva e l'attestato si scarica dal portale.`,
    );
    for (const t of texts) assert.doesNotMatch(t, /013|250|diabet/i);
  });

  test('the delegate who acts is told too; after revocation no more', async () => {
    const sent = await spec.req({
      method: 'POST',
      url: '/api/cases',
      payload: { beneficiaryFiscalCode: L, exemptionCode: '048', diagnosisCode: '174.9', issuedOn: today },
    });
    const n = sent.json().caseNumber as string;
    await giovanni.req({
      method: 'POST',
      url: `/api/me/cases/${n}/cancel?onBehalfOf=${L}`,
      payload: {},
      ifMatch: 1,
    });
    await drain();
    const g = await notificationsOf(giovanni);
    assert.equal(g.items.length, 1);
    assert.equal(
      g.items[0]!.text,
      `La pratica n. ${n} di LUCIA VERDI, che segui come delegato, è stata annullata.`,
    );
    const mails = (await w.database.db.execute(
      `select to_address, body from mail_outbox where recipient_fiscal_code = '${G}'` as never,
    )) as unknown as { rows: Array<{ to_address: string; body: string }> };
    assert.equal(mails.rows[0]!.to_address, 'giovanni.bianchi@example.org');
    assert.doesNotMatch(mails.rows[0]!.body, /048|174|neoplas/i);
  });

  test('issue 17 §6: the doctor who sent the case reads in the backoffice how it ended; no mail, no name, no code', async () => {
    await drain();
    const mine = await notificationsOf(spec);
    const about = mine.items.filter((i) => i.caseNumber === caseNumber);
    assert.deepEqual(
      about.map((i) => i.text),
      [`La pratica n. ${caseNumber} che ha inviato è stata validata dal distretto.`],
    );
    // the operator who acted is not told of their own action; the citizen's list has no staff rows
    assert.equal((await notificationsOf(op)).items.filter((i) => i.caseNumber === caseNumber).length, 0);
    for (const i of (await notificationsOf(lucia)).items) assert.doesNotMatch(i.text, /che ha inviato/);
    assert.equal(
      await countRows(
        w.database.db,
        'mail_outbox',
        `recipient_fiscal_code = '${USERS.specialist.fiscalCode}'`,
      ),
      0,
    );
    // marked read in the backoffice only: the same id is not the citizen's
    const id = about[0]!.id;
    assert.equal(
      (await lucia.req({ method: 'POST', url: `/api/notifications/${id}/read`, payload: {} })).statusCode,
      404,
    );
    const read = await spec.req({ method: 'POST', url: `/api/notifications/${id}/read`, payload: {} });
    assert.equal(read.statusCode, 200, read.body);
  });

  test('issue 17 §6: the district operator who had the case in charge is told a colleague decided it', async () => {
    // a person of Bra (ASL CN2): the Bra district operator takes it, the ASL-wide one of CN2 decides
    const n = (
      await spec.req({
        method: 'POST',
        url: '/api/cases',
        payload: {
          beneficiaryFiscalCode: PEOPLE.bra.fiscalCode,
          exemptionCode: '048',
          diagnosisCode: '174.9',
          issuedOn: today,
        },
      })
    ).json().caseNumber as string;
    const bra = await login(w.app, USERS.opBra.username);
    const taken = await bra.req({
      method: 'POST',
      url: `/api/cases/${n}/take-charge`,
      payload: {},
      ifMatch: 1,
    });
    assert.equal(taken.statusCode, 200, taken.body);
    const colleague = await login(w.app, USERS.opCn2.username);
    const rejected = await colleague.req({
      method: 'POST',
      url: `/api/cases/${n}/reject`,
      payload: { reason: 'INSUFFICIENT_DOCUMENTATION' },
      ifMatch: 2,
    });
    assert.equal(rejected.statusCode, 200, rejected.body);
    await drain();
    assert.deepEqual(
      (await notificationsOf(bra)).items.filter((i) => i.caseNumber === n).map((i) => i.text),
      [`La pratica n. ${n} che aveva in carico è stata respinta da un altro operatore.`],
    );
    assert.deepEqual(
      (await notificationsOf(spec)).items.filter((i) => i.caseNumber === n).map((i) => i.text),
      [`La pratica n. ${n} che ha inviato è stata respinta dal distretto.`],
    );
    // the colleague is not told of their own decision
    assert.equal((await notificationsOf(colleague)).items.filter((i) => i.caseNumber === n).length, 0);
  });

  test('mark as read: only my own notifications', async () => {
    const [first] = (await notificationsOf(lucia)).items;
    assert.equal(
      (await giovanni.req({ method: 'POST', url: `/api/notifications/${first!.id}/read`, payload: {} }))
        .statusCode,
      404,
    );
    const read = await lucia.req({
      method: 'POST',
      url: `/api/notifications/${first!.id}/read`,
      payload: {},
    });
    assert.equal(read.statusCode, 200);
    assert.ok(read.json().readAt);
    assert.equal((await notificationsOf(lucia)).unread, (await notificationsOf(lucia)).items.length - 1);
  });

  test('the administrator reads the kept e-mails; nobody else does', async () => {
    const admin = await login(w.app, USERS.admin.username);
    const res = await admin.req({ method: 'GET', url: '/api/admin/mail-outbox?status=KEPT' });
    assert.equal(res.statusCode, 200, res.body);
    const items = res.json().items as Array<{ to: string; subject: string; body: string }>;
    assert.ok(items.length >= 3);
    assert.ok(items.every((m) => m.subject.startsWith('Esenzioni ticket: aggiornamento della pratica n.')));
    assert.ok(items.every((m) => /non contiene dati sanitari/.test(m.body)));
    assert.equal((await lucia.req({ method: 'GET', url: '/api/admin/mail-outbox' })).statusCode, 403);
  });
});

describe('"Un operatore ha consultato la tua pratica"', () => {
  const viewed = () =>
    countRows(w.database.db, 'notification', `kind = 'CASE_VIEWED' and case_number = '${caseNumber}'`);

  test('told when a district operator opens the case, at most once a day', async () => {
    await spec.req({ method: 'GET', url: `/api/cases/${caseNumber}` });
    await lucia.req({ method: 'GET', url: `/api/me/cases/${caseNumber}` });
    await drain();
    assert.equal(await viewed(), 0);
    for (let i = 0; i < 3; i++) await op.req({ method: 'GET', url: `/api/cases/${caseNumber}` });
    await drain();
    assert.equal(await viewed(), 1);
    await op.req({ method: 'GET', url: `/api/cases/${caseNumber}` });
    await drain();
    assert.equal(await viewed(), 1);
    const texts = (await notificationsOf(lucia)).items
      .filter((i) => i.kind === 'CASE_VIEWED')
      .map((i) => i.text);
    assert.deepEqual(texts, [`Un operatore ha consultato la tua pratica n. ${caseNumber}.`]);
  });

  test('the next day, once more', async () => {
    const actor: Actor = {
      userId: null,
      apiKeyId: null,
      fiscalCode: USERS.opTorino.fiscalCode,
      role: 'DISTRICT_OPERATOR',
      aslId: '010301',
      districtId: null,
    };
    const tomorrow = () => new Date(Date.now() + 24 * 3600_000);
    for (let i = 0; i < 2; i++)
      await getCaseDetail(
        { db: w.database.db, actor, correlationId: `test-view-${i}`, now: tomorrow },
        caseNumber,
      );
    await drain();
    assert.equal(await viewed(), 2);
  });
});

describe('an event whose payload does not parse', () => {
  test('is a dead letter at once, its error naming the event type and fields, never a value; the others are delivered', async () => {
    const { sql } = await import('drizzle-orm');
    const { rows } = await import('../src/db/client.js');
    const { EVENT_TYPES } = await import('@esenzioni/domain');
    const logged: string[] = [];
    const log = {
      info: (o: object, m?: string) => void logged.push(JSON.stringify(o) + (m ?? '')),
      warn: (o: object, m?: string) => void logged.push(JSON.stringify(o) + (m ?? '')),
      error: (o: object, m?: string) => void logged.push(JSON.stringify(o) + (m ?? '')),
    };
    await drain();
    const insert = async (eventType: string, payload: unknown) =>
      (
        await rows<{ id: number }>(
          w.database.db,
          sql`insert into outbox (event_type, payload) values (${eventType}, ${JSON.stringify(payload)}::jsonb) returning id`,
        )
      )[0]!.id;
    const bad = {
      status: await insert(EVENT_TYPES.caseStatusChanged, {
        caseNumber,
        status: 'ARCHIVED',
        previousStatus: null,
        beneficiaryFiscalCode: L,
        at: new Date().toISOString(),
        actorFiscalCode: L,
        actorRole: 'CITIZEN',
      }),
      viewed: await insert(EVENT_TYPES.caseViewed, { caseNumber, beneficiaryFiscalCode: L }),
      mail: await insert(EVENT_TYPES.mailSend, { mailId: L }),
    };
    // a good event beside them: one bad payload holds up nobody
    const good = await insert(EVENT_TYPES.caseViewed, {
      caseNumber,
      beneficiaryFiscalCode: L,
      day: '2031-01-01',
    });
    const notificationsBefore = await countRows(w.database.db, 'notification');
    while ((await processOutboxOnce(w.database.db, undefined, { log })) > 0);

    const outcome = async (id: number) =>
      (
        await rows<{ dead: boolean; processed: boolean; attempts: number; last_error: string | null }>(
          w.database.db,
          sql`select dead_at is not null as dead, processed_at is not null as processed, attempts, last_error
                from outbox where id = ${id}`,
        )
      )[0]!;
    const expected: Record<keyof typeof bad, string> = {
      status: "payload non valido per l'evento case.status-changed (campi: status)",
      viewed: "payload non valido per l'evento case.viewed (campi: day)",
      mail: "payload non valido per l'evento mail.send (campi: mailId)",
    };
    for (const [name, id] of Object.entries(bad) as Array<[keyof typeof bad, number]>) {
      const o = await outcome(id);
      assert.deepEqual(
        o,
        { dead: true, processed: false, attempts: 1, last_error: expected[name] },
        `${name}: dead at the first attempt, not retried`,
      );
    }
    assert.deepEqual(await outcome(good), { dead: false, processed: true, attempts: 1, last_error: null });
    assert.equal(
      await countRows(w.database.db, 'notification'),
      notificationsBefore + 1,
      'only the good one',
    );
    assert.ok(logged.length > 0, 'the dead letters are logged');
    for (const line of logged) assert.ok(!line.includes(L), `no fiscal code in the log: ${line}`);
  });
});
