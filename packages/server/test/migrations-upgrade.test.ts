/**
 * Upgrading a database that holds data, through every migration of the journal (issue 10, item 6).
 *
 * Starts from an EMPTY database and applies the journal's migrations one at a time with Drizzle's own
 * migrator (a copy of the migrations folder whose journal stops at that migration), the way an
 * installation upgrades one release after another; the last one is applied by the product's
 * `migrateDatabase`, which must then count every migration as applied. As soon as a migration has
 * created a table, the test writes representative rows into it with SQL valid for THAT schema version
 * (a person and a delegate, a case in each status with its history, a registry row, a document, a
 * session, outbox and mail rows, a delegation, a notification, access-log rows hashed as the code of
 * that time hashed them). After every later migration it checks that those rows are still there,
 * unchanged, and at the end that the data-changing steps did what they say (0003 generated base code,
 * 0007 outcome, 0008 dead letters and redacted errors), that the audit chain still verifies and grows,
 * that every table of the Drizzle schema can be read, and that the statistics rebuild (0025, 0031) counts the
 * upgraded cases and their lead times. The journal is read at run time: a new
 * migration is covered without editing this file. Runs on PGlite and, with DATABASE_URL, on PostgreSQL.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { getTableName, is, sql } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { MIGRATIONS_FOLDER, migrateDatabase, openDatabase, rows, type Database } from '../src/db/client.js';
import * as schema from '../src/db/schema.js';
import {
  GENESIS_HASH,
  appendToChain,
  legacyRowHash,
  lockChain,
  type AccessRowContent,
} from '../src/audit/access-log.js';
import { verifyAccessLog } from '../src/audit/verify.js';
import { dashboardFigures, statisticsComplete } from '../src/db/repositories/statistics.js';
import { refreshStatistics } from '../src/services/statistics/refresh-statistics.js';
import { useFixedTestKeys } from './helpers/audit-keys.js';

interface JournalEntry {
  idx: number;
  tag: string;
  when: number;
}
interface Journal {
  entries: JournalEntry[];
  [k: string]: unknown;
}

const journal = JSON.parse(
  fs.readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8'),
) as Journal;

/** An empty database (no migration applied): in-memory PGlite, or a new database on DATABASE_URL's server. */
async function openEmptyDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (!url) return openDatabase({ dataDir: 'memory://' });
  const name = `esz_upgrade_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const database = await openDatabase({ url: u.toString(), poolSize: 4 });
  const close = database.close;
  return {
    ...database,
    close: async () => {
      await close();
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

/** Applies the journal up to and including entry `upTo` with Drizzle's migrator (what an older release shipped). */
async function migrateUpTo(database: Database, upTo: number, workDir: string): Promise<void> {
  const folder = path.join(workDir, `upto-${upTo}`);
  fs.mkdirSync(path.join(folder, 'meta'), { recursive: true });
  const entries = journal.entries.slice(0, upTo + 1);
  for (const e of entries)
    fs.copyFileSync(path.join(MIGRATIONS_FOLDER, `${e.tag}.sql`), path.join(folder, `${e.tag}.sql`));
  fs.writeFileSync(path.join(folder, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries }));
  if (database.kind === 'pglite') {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(database.db as never, { migrationsFolder: folder });
  } else {
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');
    await migrate(database.db as never, { migrationsFolder: folder });
  }
}

const exists = async (database: Database, table: string): Promise<boolean> => {
  const [r] = await rows<{ t: string | null }>(
    database.db,
    sql`select to_regclass(${`public.${table}`})::text as t`,
  );
  return r?.t != null;
};

const run = async (database: Database, statements: string[]): Promise<void> => {
  for (const s of statements) await database.db.execute(sql.raw(s));
};

// ---- the data an installation holds ---------------------------------------------------------------

const BENEFICIARY = 'RSSMRA80A01H501U';
const DELEGATE = 'FRNSST75D50A717N';
const OPERATOR = 'LBRCRD53H10D205E';
const ASL = '010211';
const DISTRICT = '010211-BRA';
const caseNumber = (n: number) => `2024${ASL}${String(n).padStart(8, '0')}`;
const STATUSES = ['SUBMITTED', 'IN_PROGRESS', 'VALIDATED', 'REJECTED', 'CANCELLED'] as const;
/** the cronologia action that leads to each status (the case command's name, as the code writes it) */
const HISTORY_ACTION: Record<(typeof STATUSES)[number], string> = {
  SUBMITTED: 'submit',
  IN_PROGRESS: 'takeCharge',
  VALIDATED: 'validate',
  REJECTED: 'reject',
  CANCELLED: 'cancel',
};

/** Legacy access-log rows, hashed as the code before keyed hashes did (plain sha256 chain, key_id null). */
function legacyAccessRows(): { content: AccessRowContent; prev: string; hash: string }[] {
  let prev = GENESIS_HASH;
  return (['SEARCH', 'READ_DETAIL', 'VALIDATE'] as const).map((action, i) => {
    const content: AccessRowContent = {
      at: new Date(Date.UTC(2024, 4, 23, 10, 40, i)),
      actorUserId: 1,
      actorFiscalCode: OPERATOR,
      actorApiKeyId: null,
      actorRole: 'DISTRICT_OPERATOR',
      actorAslId: ASL,
      actorDistrictId: DISTRICT,
      action,
      personFiscalCode: BENEFICIARY,
      caseNumber: caseNumber(3),
      correlationId: `req-${i}`,
      outcome: 'OK',
    };
    const hash = legacyRowHash(prev, content);
    const row = { content, prev, hash };
    prev = hash;
    return row;
  });
}
const LEGACY = legacyAccessRows();
const q = (v: string | number | null) => (v === null ? 'null' : typeof v === 'number' ? String(v) : `'${v}'`);

/**
 * Groups of rows, each written as soon as the migration creating its first table has run, in the
 * columns that table had then. `tables` lists what the group fills, with the columns whose values
 * must survive every later migration unchanged (as text) and the order to read them in.
 */
interface Fixture {
  needs: string;
  insert: string[];
  tables: Record<string, { columns: string[]; order: string }>;
}

const FIXTURES: Fixture[] = [
  {
    needs: 'exemption_case',
    insert: [
      `insert into asl (id, region_code, code, name) values ('${ASL}', '010', '211', 'ASL CN2')`,
      `insert into district (id, asl_id, name) values ('${DISTRICT}', '${ASL}', 'BRA')`,
      `insert into app_user (id, username, password_hash, pin_hash, fiscal_code, first_name, last_name)
         values (1, 'operatore', '$argon2id$v=19$m=19456,t=2,p=1$x$y', '$argon2id$v=19$m=19456,t=2,p=1$x$z',
                 '${OPERATOR}', 'RICCARDO', 'LIBERO')`,
      `insert into user_profile (id, user_id, role, asl_id, district_id) values (1, 1, 'DISTRICT_OPERATOR', '${ASL}', '${DISTRICT}')`,
      `insert into person (fiscal_code, first_name, last_name, birth_date, birth_place_code, sex, residence_asl_id, residence_district_id, email)
         values ('${BENEFICIARY}', 'MARIO', 'ROSSI', '1948-10-11', 'B111', 'M', '${ASL}', '${DISTRICT}', 'mario.rossi@example.invalid'),
                ('${DELEGATE}', 'NELLO', 'TRENTASEI', '1953-06-10', 'I462', 'M', '${ASL}', null, null)`,
      `insert into case_counter (asl_id, year, last_value) values ('${ASL}', 2024, ${STATUSES.length})`,
      ...STATUSES.map(
        (status, i) =>
          `insert into exemption_case (id, case_number, asl_id, district_id, beneficiary_fiscal_code, beneficiary_first_name,
             beneficiary_last_name, beneficiary_first_name_key, beneficiary_last_name_key, submitter_type, submitter_fiscal_code,
             exemption_code, diagnosis_code, family, status, version, submitted_at, updated_at, valid_from, valid_until,
             rejection_reason, rejected_at, beneficiary_note, internal_note, last_actor_fiscal_code, last_actor_role)
           values (${i + 1}, '${caseNumber(i + 1)}', '${ASL}', '${DISTRICT}', '${BENEFICIARY}', 'MARIO', 'ROSSI', 'MARIO', 'ROSSI',
             ${q(i === 1 ? 'DELEGATE' : 'DOCTOR')}, ${q(i === 1 ? DELEGATE : 'AAAAAA00A11B000J')},
             ${q(['013.250', '054.720.0', '026.252.0', '044.296.0', '048'][i] ?? '048')}, ${q(i === 4 ? null : '252.0')},
             'CHRONIC', '${status}', ${i + 1}, '2024-05-23T10:37:42Z', '2024-07-02T09:00:00Z',
             ${q(status === 'VALIDATED' ? '2024-07-02' : null)}, ${q(status === 'VALIDATED' ? '2025-12-31' : null)},
             ${q(status === 'REJECTED' ? 'INSUFFICIENT_REQUIREMENTS' : null)}, ${q(status === 'REJECTED' ? '2024-07-02T09:00:00Z' : null)},
             ${q(status === 'SUBMITTED' ? null : 'Nota per il cittadino')}, ${q(status === 'SUBMITTED' ? null : 'Nota interna')},
             ${q(status === 'SUBMITTED' ? null : OPERATOR)}, ${q(status === 'SUBMITTED' ? null : 'DISTRICT_OPERATOR')})`,
      ),
      // the cronologia: the submission of each case, then the operator's steps
      ...STATUSES.map(
        (_, i) =>
          `insert into case_history (case_id, at, actor_fiscal_code, actor_role, action, status)
           values (${i + 1}, '2024-05-23T10:37:42Z', 'AAAAAA00A11B000J', 'SPECIALIST', '${HISTORY_ACTION.SUBMITTED}', 'SUBMITTED')`,
      ),
      ...STATUSES.slice(1).map(
        (status, j) =>
          `insert into case_history (case_id, at, actor_fiscal_code, actor_role, action, status, beneficiary_note, internal_note)
           values (${j + 2}, '2024-07-02T09:00:00Z', '${OPERATOR}', 'DISTRICT_OPERATOR',
             '${HISTORY_ACTION[status]}',
             '${status}', 'Nota per il cittadino', 'Nota interna')`,
      ),
      `insert into registry_exemption (fiscal_code, exemption_code, family, valid_from, valid_until, case_id, asl_id, created_at)
         values ('${BENEFICIARY}', '026.252.0', 'CHRONIC', '2024-07-02', '2025-12-31', 3, '${ASL}', '2024-07-02T09:00:00Z')`,
      `insert into document (case_id, kind, file_name, content_type, size, sha256, bytes, created_at)
         values (1, 'CERTIFICATE', 'certificato.pdf', 'application/pdf', 8, '${'a'.repeat(64)}', '\\x255044462d312e37', '2024-05-23T10:37:42Z')`,
      `insert into session (id, user_id, profile_id, csrf_token, created_at, last_seen_at, expires_at)
         values ('${'s'.repeat(64)}', 1, 1, '${'c'.repeat(64)}', '2024-07-02T08:00:00Z', '2024-07-02T09:00:00Z', '2099-01-01T00:00:00Z')`,
      `insert into login_attempt (username, at, success, ip) values ('operatore', '2024-07-02T08:00:00Z', true, '127.0.0.1')`,
      // one processed event, one pending, one the old worker gave up on (10 attempts) with an SMTP echo
      `insert into outbox (id, event_type, payload, created_at, processed_at, attempts, next_attempt_at, last_error) values
         (1, 'case.status-changed', '{"caseId":3,"status":"VALIDATED"}', '2024-07-02T09:00:00Z', '2024-07-02T09:00:01Z', 1, '2024-07-02T09:00:00Z', null),
         (2, 'case.status-changed', '{"caseId":2,"status":"IN_PROGRESS"}', '2024-07-02T09:00:00Z', null, 0, '2024-07-02T09:00:00Z', null),
         (3, 'mail.send', '{"mailId":1}', '2024-07-02T09:00:00Z', null, 10, '2024-07-02T09:10:00Z', '550 <mario.rossi@example.invalid>: mailbox unavailable')`,
      ...LEGACY.map(
        ({ content: c, prev, hash }) =>
          `insert into access_log (at, actor_user_id, actor_fiscal_code, actor_api_key_id, actor_role, actor_asl_id, actor_district_id,
             action, person_fiscal_code, case_number, correlation_id, prev_hash, hash)
           values ('${c.at.toISOString()}', ${q(c.actorUserId)}, ${q(c.actorFiscalCode)}, ${q(c.actorApiKeyId)}, '${c.actorRole}',
             ${q(c.actorAslId)}, ${q(c.actorDistrictId)}, '${c.action}', '${c.personFiscalCode}', ${q(c.caseNumber)},
             '${c.correlationId}', '${prev}', '${hash}')`,
      ),
    ],
    tables: {
      asl: { columns: ['id', 'region_code', 'code', 'name'], order: 'id' },
      district: { columns: ['id', 'asl_id', 'name'], order: 'id' },
      app_user: {
        columns: ['id', 'username', 'password_hash', 'pin_hash', 'fiscal_code', 'active'],
        order: 'id',
      },
      user_profile: { columns: ['id', 'user_id', 'role', 'asl_id', 'district_id'], order: 'id' },
      person: {
        columns: [
          'fiscal_code',
          'first_name',
          'last_name',
          'birth_date',
          'birth_place_code',
          'sex',
          'residence_asl_id',
          'email',
        ],
        order: 'fiscal_code',
      },
      case_counter: { columns: ['asl_id', 'year', 'last_value'], order: 'asl_id' },
      exemption_case: {
        columns: [
          'id',
          'case_number',
          'asl_id',
          'district_id',
          'beneficiary_fiscal_code',
          'beneficiary_last_name_key',
          'submitter_type',
          'submitter_fiscal_code',
          'exemption_code',
          'diagnosis_code',
          'family',
          'status',
          'version',
          'submitted_at',
          'updated_at',
          'valid_from',
          'valid_until',
          'rejection_reason',
          'rejected_at',
          'beneficiary_note',
          'internal_note',
          'last_actor_fiscal_code',
          'last_actor_role',
        ],
        order: 'id',
      },
      case_history: {
        columns: [
          'id',
          'case_id',
          'at',
          'actor_fiscal_code',
          'actor_role',
          'action',
          'status',
          'beneficiary_note',
          'internal_note',
        ],
        order: 'id',
      },
      registry_exemption: {
        columns: [
          'id',
          'fiscal_code',
          'exemption_code',
          'family',
          'valid_from',
          'valid_until',
          'case_id',
          'asl_id',
          'revoked_at',
        ],
        order: 'id',
      },
      document: { columns: ['id', 'case_id', 'kind', 'file_name', 'size', 'sha256', 'bytes'], order: 'id' },
      session: {
        columns: ['id', 'user_id', 'profile_id', 'csrf_token', 'last_seen_at', 'expires_at'],
        order: 'id',
      },
      login_attempt: { columns: ['id', 'username', 'at', 'success', 'ip'], order: 'id' },
      // last_error is rewritten on purpose by 0008 (checked at the end)
      outbox: {
        columns: ['id', 'event_type', 'payload', 'created_at', 'processed_at', 'attempts', 'next_attempt_at'],
        order: 'id',
      },
      access_log: {
        columns: [
          'id',
          'at',
          'actor_fiscal_code',
          'actor_role',
          'action',
          'person_fiscal_code',
          'case_number',
          'prev_hash',
          'hash',
        ],
        order: 'id',
      },
    },
  },
  {
    needs: 'delegation',
    insert: [
      `insert into delegation (delegator_fiscal_code, delegate_fiscal_code, valid_from, valid_until, created_at,
         created_by_user_id, created_by_fiscal_code, created_by_role)
         values ('${BENEFICIARY}', '${DELEGATE}', '2024-01-01', null, '2024-01-01T08:00:00Z', 1, '${OPERATOR}', 'DISTRICT_OPERATOR')`,
      `insert into case_certificate (case_id, issued_on, verification_code, issuer_fiscal_code, created_at)
         values (3, '2024-05-20', 'ABCD1234EFGH5678', 'AAAAAA00A11B000J', '2024-05-23T10:37:42Z')`,
      `insert into notification (event_id, recipient_fiscal_code, kind, case_number, text, dedupe_key, created_at)
         values (1, '${BENEFICIARY}', 'CASE_STATUS_CHANGED', '${caseNumber(3)}', 'La pratica ${caseNumber(3)} è stata validata.',
                 null, '2024-07-02T09:00:01Z')`,
      // mail 1 belongs to the event the old worker gave up on; mail 2 to the pending one
      `insert into mail_outbox (id, event_id, recipient_fiscal_code, to_address, subject, body, status, created_at) values
         (1, 3, '${BENEFICIARY}', 'mario.rossi@example.invalid', 'Esenzioni', 'La tua pratica è cambiata.', 'PENDING', '2024-07-02T09:00:01Z'),
         (2, 2, '${BENEFICIARY}', 'mario.rossi@example.invalid', 'Esenzioni', 'La tua pratica è cambiata.', 'PENDING', '2024-07-02T09:00:01Z')`,
    ],
    tables: {
      delegation: {
        columns: [
          'id',
          'delegator_fiscal_code',
          'delegate_fiscal_code',
          'valid_from',
          'valid_until',
          'revoked_at',
        ],
        order: 'id',
      },
      case_certificate: {
        columns: ['case_id', 'issued_on', 'verification_code', 'issuer_fiscal_code'],
        order: 'case_id',
      },
      notification: {
        columns: ['id', 'event_id', 'recipient_fiscal_code', 'kind', 'case_number', 'text', 'read_at'],
        order: 'id',
      },
      // status is rewritten on purpose by 0008 for the dead event's mail (checked at the end)
      mail_outbox: {
        columns: ['id', 'event_id', 'recipient_fiscal_code', 'to_address', 'subject', 'body', 'sent_at'],
        order: 'id',
      },
    },
  },
];

/** The surviving columns of a table as text, in a stable order. */
async function contentOf(database: Database, table: string, spec: { columns: string[]; order: string }) {
  const cols = spec.columns.map((c) => `"${c}"::text as "${c}"`).join(', ');
  return rows<Record<string, string | null>>(
    database.db,
    sql.raw(`select ${cols} from "${table}" order by ${spec.order}`),
  );
}

test('a database holding data is upgraded through every migration of the journal, one at a time, without losing or changing it', async () => {
  assert.ok(journal.entries.length >= 2, 'the journal lists the migrations');
  const keys = useFixedTestKeys();
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'esz-migrations-'));
  const database = await openEmptyDatabase();
  try {
    assert.equal(await exists(database, 'exemption_case'), false, 'the database starts empty');
    const expected = new Map<string, Record<string, string | null>[]>();
    const inserted = new Set<Fixture>();
    const last = journal.entries.length - 1;
    for (let i = 0; i <= last; i++) {
      const tag = journal.entries[i]?.tag ?? '';
      // the last migration comes with the current release: the product's own migrator applies it
      if (i < last) await migrateUpTo(database, i, workDir);
      else await migrateDatabase(database);

      for (const [table, spec] of Object.entries(
        Object.assign(
          {},
          ...FIXTURES.filter((f) => inserted.has(f)).map((f) => f.tables),
        ) as Fixture['tables'],
      ))
        assert.deepEqual(
          await contentOf(database, table, spec),
          expected.get(table),
          `${table} after ${tag}`,
        );

      for (const fixture of FIXTURES) {
        if (inserted.has(fixture) || !(await exists(database, fixture.needs))) continue;
        await run(database, fixture.insert);
        inserted.add(fixture);
        for (const [table, spec] of Object.entries(fixture.tables)) {
          const content = await contentOf(database, table, spec);
          assert.ok(content.length > 0, `${table} holds rows written at ${tag}`);
          expected.set(table, content);
        }
      }
    }
    assert.equal(inserted.size, FIXTURES.length, 'every fixture found its tables');

    // the product's migrator counts every migration as applied, and running it again changes nothing
    const applied = async () =>
      (
        await rows<{ n: number }>(
          database.db,
          sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
        )
      )[0]?.n;
    assert.equal(await applied(), journal.entries.length);
    await migrateDatabase(database);
    assert.equal(await applied(), journal.entries.length);

    // one case in each status, the generated base code (0003) computed for rows that existed before it
    const cases = await rows<{ status: string; base: string; code: string }>(
      database.db,
      sql`select status, exemption_base_code as base, exemption_code as code from exemption_case order by id`,
    );
    assert.deepEqual(
      cases.map((c) => c.status),
      [...STATUSES],
    );
    for (const c of cases) assert.equal(c.base, c.code.split('.')[0]);

    // 0008: the event the old worker left pending after 10 attempts is a dead letter, its mail DEAD, the
    // stored SMTP echo (an address) gone; the processed and the pending event are untouched
    const events = await rows<{ id: number; dead: boolean; last_error: string | null }>(
      database.db,
      sql`select id, dead_at is not null as dead, last_error from outbox order by id`,
    );
    assert.deepEqual(
      events.map((e) => [e.id, e.dead]),
      [
        [1, false],
        [2, false],
        [3, true],
      ],
    );
    assert.ok(!events.some((e) => e.last_error?.includes('@')), 'no address left in outbox.last_error');
    const mails = await rows<{ id: number; status: string }>(
      database.db,
      sql`select id, status from mail_outbox order by id`,
    );
    assert.deepEqual(mails, [
      { id: 1, status: 'DEAD' },
      { id: 2, status: 'PENDING' },
    ]);

    // the session and its user survived (0009's trigger ends sessions only when a user is deactivated)
    const [session] = await rows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from session s join app_user u on u.id = s.user_id where u.active`,
    );
    assert.equal(session?.n, 1);

    // the audit chain written before keyed hashes still verifies (0003 chain 0, 0007 outcome OK) and grows
    const before = await verifyAccessLog(database.db, 5000, keys);
    assert.deepEqual(before, {
      ok: true,
      rows: 3,
      legacyRows: 3,
      anchors: 0,
      otherInstanceAnchors: 0,
      summaries: 0,
      droppedRows: 0,
    });
    await database.db.transaction(async (tx) => {
      await lockChain(tx, 0);
      await appendToChain(tx, 0, [
        { ...LEGACY[0]!.content, at: new Date(Date.UTC(2026, 0, 1)), correlationId: 'after' },
      ]);
    });
    const after = await verifyAccessLog(database.db, 5000, keys);
    assert.deepEqual(after, {
      ok: true,
      rows: 4,
      legacyRows: 3,
      anchors: 0,
      otherInstanceAnchors: 0,
      summaries: 0,
      droppedRows: 0,
    });

    // every table and column the code's schema names exists after the upgrade
    for (const table of Object.values(schema)) {
      if (!is(table, PgTable)) continue;
      await assert.doesNotReject(database.db.select().from(table).limit(1), getTableName(table));
    }

    // the statistics tables rebuild from the upgraded cases (0025's and 0031's tables, 0031's functions)
    assert.ok((await refreshStatistics(database.db, new Date('2026-12-01T09:00:00Z'))) > 0);
    assert.equal(await statisticsComplete(database.db), true);
    const figures = await database.db.transaction((tx) =>
      dashboardFigures(
        tx,
        { from: '2024-01-01', to: '2024-12-01', aslId: null, districtId: null, family: null, code: null },
        20,
      ),
    );
    assert.deepEqual(figures.flow, [
      { month: '2024-05', received: STATUSES.length, validated: 0, rejected: 0, cancelled: 0 },
      { month: '2024-07', received: 0, validated: 1, rejected: 1, cancelled: 1 },
    ]);
    // sent 23 May, decided 2 July: 40 days, in the months' table and in the districts' running totals
    assert.deepEqual(figures.leadByMonth, [{ month: '2024-07', cases: 2, median: 40, p90: 40 }]);
    assert.deepEqual(figures.leadByDistrict, [
      { aslId: ASL, districtId: DISTRICT, cases: 2, median: 40, p90: 40 },
    ]);
  } finally {
    await database.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
});
