/**
 * Configuration (src/config.ts): a fresh clone runs with no settings at all; every variable is parsed
 * once, and a wrong value stops the start with one message naming every wrong variable — never echoing
 * a secret. No database: loadConfig reads only the object it is given.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { DEFAULT_PORTAL_SETTINGS, loadConfig, REPO_ROOT } from '../src/config.js';

/** The message of the error loadConfig throws for `env`. */
function refusal(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (e) {
    return (e as Error).message;
  }
  assert.fail(`accepted: ${JSON.stringify(env)}`);
}

describe('defaults: no settings at all', () => {
  const c = loadConfig({});

  test('embedded database in the checkout, demo data, local address, development', () => {
    assert.equal(c.env, 'development');
    assert.equal(c.host, '127.0.0.1');
    assert.equal(c.port, 3000);
    assert.equal(c.databaseUrl, undefined);
    assert.equal(c.databaseMigrationUrl, undefined);
    assert.equal(c.dataDir, path.join(REPO_ROOT, '.data', 'pglite'));
    assert.equal(c.seedDemo, true);
    assert.equal(c.logLevel, 'info');
    assert.equal(c.webDist, path.join(REPO_ROOT, 'packages', 'web', 'dist'));
    assert.equal(c.bootstrapAdmin, undefined);
  });

  test('sessions, proxy and cookies: 30 minutes idle, 12 hours at most, no proxy trusted, Secure by protocol', () => {
    assert.equal(c.sessionIdleMs, 30 * 60_000);
    assert.equal(c.sessionMaxMs, 12 * 3_600_000);
    assert.equal(c.trustProxy, false);
    assert.equal(c.cookieSecure, 'auto');
  });

  test('portal, mail, database limits, outbox, requests, docs and metrics', () => {
    assert.equal(c.portal.certificateMaxAgeMonths, DEFAULT_PORTAL_SETTINGS.certificateMaxAgeMonths);
    assert.equal(c.portal.uploadMaxFileBytes, DEFAULT_PORTAL_SETTINGS.uploadMaxFileBytes);
    assert.equal(c.portal.uploadMaxFiles, DEFAULT_PORTAL_SETTINGS.uploadMaxFiles);
    assert.deepEqual(c.portal.uploadInspection, { timeoutMs: 10_000 }, 'workers: chosen by the pool');
    assert.equal(c.portal.uploadMemoryBytes, 32 * 1024 * 1024);
    assert.deepEqual(c.mail, { smtpUrl: undefined, from: 'Esenzioni <noreply@esenzioni.invalid>' });
    assert.deepEqual(c.database, {
      connectMs: 3_000,
      statementMs: 5_000,
      queryMs: 6_000,
      idleInTransactionMs: 30_000,
      startupWaitMs: 60_000,
    });
    assert.equal(c.auditReadsSynchronous, true);
    assert.equal(c.outboxRetentionDays, 7);
    assert.equal(c.requestTimeoutMs, 120_000);
    assert.equal(c.exposeApiDocs, true);
    assert.deepEqual(c.metricsAccess, { kind: 'open' });
  });

  test("the audit's development keys live beside the data directory", () => {
    assert.equal(c.audit.production, false);
    assert.equal(c.audit.keyDir, path.join(REPO_ROOT, '.data'));
    assert.equal(c.audit.anchorFile, path.join(REPO_ROOT, '.data', 'audit-anchors.jsonl'));
    assert.equal(loadConfig({ DATA_DIR: '/srv/esenzioni/pglite' }).audit.keyDir, '/srv/esenzioni');
    assert.equal(
      loadConfig({ DATA_DIR: 'memory://' }).audit.keyDir,
      path.join(REPO_ROOT, '.data'),
      'an in-memory database has no directory',
    );
    const set = loadConfig({ AUDIT_KEY_DIR: '/etc/esz', AUDIT_ANCHOR_FILE: '/var/anchors.jsonl' }).audit;
    assert.deepEqual([set.keyDir, set.anchorFile], ['/etc/esz', '/var/anchors.jsonl']);
  });
});

describe('parsing the environment', () => {
  test('numbers are read from strings and converted to the units the code uses', () => {
    const c = loadConfig({
      PORT: '8080',
      SESSION_IDLE_MINUTES: '15',
      SESSION_MAX_HOURS: '8',
      UPLOAD_MAX_FILE_MB: '4',
      UPLOAD_MAX_FILES: '3',
      UPLOAD_INSPECT_WORKERS: '4',
      UPLOAD_INSPECT_TIMEOUT_SECONDS: '20',
      UPLOAD_MEMORY_MB: '64',
      CERTIFICATE_MAX_AGE_MONTHS: '12',
      DATABASE_STARTUP_WAIT_SECONDS: '0',
      DATABASE_STATEMENT_TIMEOUT_MS: '0',
      REQUEST_TIMEOUT_SECONDS: '30',
      OUTBOX_RETENTION_DAYS: '30',
    });
    assert.equal(c.port, 8080);
    assert.equal(c.sessionIdleMs, 15 * 60_000);
    assert.equal(c.sessionMaxMs, 8 * 3_600_000);
    assert.deepEqual(c.portal, {
      certificateMaxAgeMonths: 12,
      uploadMaxFileBytes: 4 * 1024 * 1024,
      uploadMaxFiles: 3,
      uploadInspection: { timeoutMs: 20_000, workers: 4 },
      uploadMemoryBytes: 64 * 1024 * 1024,
      incomeValidity: { cutoff: '03-31', extendedUntil: null },
    });
    assert.equal(c.database.startupWaitMs, 0);
    assert.equal(c.database.statementMs, 0, '0: no limit');
    assert.equal(c.requestTimeoutMs, 30_000);
    assert.equal(c.outboxRetentionDays, 30);
  });

  test('yes/no settings accept true/false, 1/0, yes/no', () => {
    for (const [v, expected] of [
      ['true', true],
      ['1', true],
      ['yes', true],
      ['false', false],
      ['0', false],
      ['no', false],
    ] as const) {
      const c = loadConfig({ SEED_DEMO: v, AUDIT_READS_SYNCHRONOUS: v, COOKIE_SECURE: v, API_DOCS: v });
      assert.deepEqual(
        [c.seedDemo, c.auditReadsSynchronous, c.cookieSecure, c.exposeApiDocs],
        [expected, expected, expected, expected],
        v,
      );
    }
  });

  test('production: never demo data, no API docs and a closed /metrics unless asked for', () => {
    const p = loadConfig({ NODE_ENV: 'production', SEED_DEMO: 'true' });
    assert.equal(p.seedDemo, false, 'SEED_DEMO is ignored in production');
    assert.equal(p.exposeApiDocs, false);
    assert.deepEqual(p.metricsAccess, { kind: 'closed' });
    assert.equal(p.audit.production, true);
    const token = 'a-metrics-token-of-32-characters';
    const open = loadConfig({ NODE_ENV: 'production', API_DOCS: 'yes', METRICS_TOKEN: token });
    assert.equal(open.exposeApiDocs, true);
    assert.deepEqual(open.metricsAccess, { kind: 'token', token });
    assert.deepEqual(loadConfig({ METRICS_TOKEN: token }).metricsAccess, { kind: 'token', token });
  });

  test('the bootstrap administrator needs all four of username, password, PIN and fiscal code', () => {
    const admin = {
      ADMIN_USERNAME: 'amministratore',
      ADMIN_PASSWORD: 'una-password-lunga',
      ADMIN_PIN: '918273',
      ADMIN_FISCAL_CODE: 'MMNSST70A01L219Z',
    };
    assert.deepEqual(loadConfig(admin).bootstrapAdmin, {
      username: 'amministratore',
      password: 'una-password-lunga',
      pin: '918273',
      fiscalCode: 'MMNSST70A01L219Z',
      firstName: 'AMMINISTRATORE',
      lastName: 'SISTEMA',
    });
    for (const missing of Object.keys(admin)) {
      const partial = { ...admin, [missing]: undefined };
      assert.equal(loadConfig(partial).bootstrapAdmin, undefined, `without ${missing}`);
    }
  });
});

describe('TRUST_PROXY', () => {
  test('off: false, 0, no, empty', () => {
    for (const v of ['false', '0', 'no', '', '  FALSE '])
      assert.equal(loadConfig({ TRUST_PROXY: v }).trustProxy, false, v);
  });

  test('true, 1, yes: a proxy on the same machine (loopback), never every hop', () => {
    for (const v of ['true', '1', 'yes', ' True '])
      assert.deepEqual(loadConfig({ TRUST_PROXY: v }).trustProxy, ['loopback'], v);
  });

  test("the proxies' addresses, CIDRs and proxy-addr names, comma-separated, spaces and case ignored", () => {
    const cases: Array<[string, string[]]> = [
      ['10.0.0.1', ['10.0.0.1']],
      ['10.0.0.0/8, 192.168.1.10', ['10.0.0.0/8', '192.168.1.10']],
      ['::1', ['::1']],
      ['FD00::/8,loopback', ['fd00::/8', 'loopback']],
      ['LOOPBACK, uniquelocal, linklocal', ['loopback', 'uniquelocal', 'linklocal']],
    ];
    for (const [v, expected] of cases)
      assert.deepEqual(loadConfig({ TRUST_PROXY: v }).trustProxy, expected, v);
  });

  test('anything else is refused, with the accepted forms in Italian', () => {
    for (const v of ['*', 'all', 'proxy.example.org', '10.0.0.1;10.0.0.2', '10.0.0.1,', '10.0.0.0/8 trust']) {
      const message = refusal({ TRUST_PROXY: v });
      assert.match(
        message,
        /^Configurazione non valida:\n {2}TRUST_PROXY: false, true \(proxy sulla stessa macchina\)/,
        v,
      );
    }
  });
});

describe('wrong values stop the start with a clear message', () => {
  const wrong: Array<[NodeJS.ProcessEnv, string]> = [
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ PORT: '80.5' }, 'PORT'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL'],
    [{ SEED_DEMO: 'maybe' }, 'SEED_DEMO'],
    [{ COOKIE_SECURE: 'sometimes' }, 'COOKIE_SECURE'],
    [{ DATABASE_URL: 'postgres server on db1' }, 'DATABASE_URL'],
    [{ SMTP_URL: 'mail server' }, 'SMTP_URL'],
    [{ SESSION_IDLE_MINUTES: '0' }, 'SESSION_IDLE_MINUTES'],
    [{ UPLOAD_MAX_FILE_MB: '101' }, 'UPLOAD_MAX_FILE_MB'],
    [{ UPLOAD_MAX_FILES: '21' }, 'UPLOAD_MAX_FILES'],
    [{ CERTIFICATE_MAX_AGE_MONTHS: '0' }, 'CERTIFICATE_MAX_AGE_MONTHS'],
    [{ DATABASE_CONNECT_TIMEOUT_MS: '50' }, 'DATABASE_CONNECT_TIMEOUT_MS'],
    [{ DATABASE_QUERY_TIMEOUT_MS: '-1' }, 'DATABASE_QUERY_TIMEOUT_MS'],
    [{ REQUEST_TIMEOUT_SECONDS: '3601' }, 'REQUEST_TIMEOUT_SECONDS'],
  ];
  for (const [env, name] of wrong)
    test(`${name}=${Object.values(env)[0]}`, () => {
      const message = refusal(env);
      assert.match(message, new RegExp(`^Configurazione non valida:\\n {2}${name}: \\S`));
    });

  test('every wrong variable is named at once, one a line', () => {
    const message = refusal({ PORT: 'abc', LOG_LEVEL: 'verbose', TRUST_PROXY: '*' });
    const lines = message.split('\n').slice(1);
    assert.deepEqual(lines.map((l) => l.trim().split(':')[0]).sort(), ['LOG_LEVEL', 'PORT', 'TRUST_PROXY']);
  });

  test('secrets too short are refused without being echoed', () => {
    const password = 'corta-pw';
    const token = 'tok-12345';
    const message = refusal({ ADMIN_PASSWORD: password, ADMIN_PIN: '123', METRICS_TOKEN: token });
    for (const name of ['ADMIN_PASSWORD', 'ADMIN_PIN', 'METRICS_TOKEN'])
      assert.match(message, new RegExp(`\\n {2}${name}: `));
    for (const secret of [password, token])
      assert.ok(!message.includes(secret), `${secret} echoed: ${message}`);
  });
});

describe('access-log retention (issue 16 §4): AUDIT_RETENTION_MONTHS', () => {
  test('24 months by default; more may be set', () => {
    assert.equal(loadConfig({}).auditRetentionMonths, 24);
    assert.equal(loadConfig({ AUDIT_RETENTION_MONTHS: '36' }).auditRetentionMonths, 36);
  });

  test('less than 24 is refused at start, with the reason (the Garante asks for 24 months at least)', () => {
    for (const v of ['23', '12', '0', '-24']) {
      const message = refusal({ AUDIT_RETENTION_MONTHS: v });
      assert.match(
        message,
        /^Configurazione non valida:\n {2}AUDIT_RETENTION_MONTHS: il registro accessi si conserva almeno 24 mesi \(Garante/,
        v,
      );
    }
    assert.match(refusal({ AUDIT_RETENTION_MONTHS: '24.5' }), /AUDIT_RETENTION_MONTHS: /);
  });
});

describe('issue 16: replica, PgBouncer, graceful shutdown', () => {
  const primary = 'postgres://app@db-primary:5432/esenzioni';
  const replica = 'postgres://app@db-replica:5432/esenzioni';

  test('defaults: no replica, no PgBouncer, pg-boss on DATABASE_URL, 5 s of drain', () => {
    const c = loadConfig({ DATABASE_URL: primary });
    assert.equal(c.replica, null);
    assert.equal(c.pgbouncer, false);
    assert.equal(c.databaseDirectUrl, primary);
    assert.equal(c.shutdownDrainMs, 5_000);
  });

  test('a replica with its lag bound and check period; the direct URL for pg-boss and migrations', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgres://app@pgbouncer:6432/esenzioni',
      DATABASE_DIRECT_URL: primary,
      DATABASE_REPLICA_URL: replica,
      DATABASE_REPLICA_MAX_LAG_MS: '2500',
      DATABASE_REPLICA_CHECK_MS: '500',
      DATABASE_PGBOUNCER: 'true',
      SHUTDOWN_DRAIN_SECONDS: '1.5',
    });
    assert.deepEqual(c.replica, { url: replica, maxLagMs: 2500, checkMs: 500 });
    assert.equal(c.pgbouncer, true);
    assert.equal(c.databaseDirectUrl, primary);
    assert.equal(c.shutdownDrainMs, 1500);
    assert.equal(
      loadConfig({ DATABASE_URL: primary, DATABASE_REPLICA_URL: replica }).replica?.maxLagMs,
      5_000,
    );
  });

  test('no DATABASE_URL (the embedded database): no direct URL, whatever DATABASE_DIRECT_URL says', () => {
    assert.equal(loadConfig({ DATABASE_DIRECT_URL: primary }).databaseDirectUrl, undefined);
  });

  test('a replica needs a primary; wrong bounds are refused', () => {
    assert.match(refusal({ DATABASE_REPLICA_URL: replica }), /DATABASE_REPLICA_URL: richiede DATABASE_URL/);
    assert.match(
      refusal({ DATABASE_URL: primary, DATABASE_REPLICA_URL: replica, DATABASE_REPLICA_MAX_LAG_MS: '-1' }),
      /DATABASE_REPLICA_MAX_LAG_MS/,
    );
    assert.match(
      refusal({ DATABASE_URL: primary, DATABASE_REPLICA_CHECK_MS: '10' }),
      /DATABASE_REPLICA_CHECK_MS/,
    );
    assert.match(refusal({ DATABASE_URL: primary, DATABASE_PGBOUNCER: 'maybe' }), /DATABASE_PGBOUNCER/);
    assert.match(
      refusal({ DATABASE_URL: primary, DATABASE_PGBOUNCER: 'true' }),
      /DATABASE_DIRECT_URL: obbligatoria con DATABASE_PGBOUNCER/,
    );
    assert.match(refusal({ SHUTDOWN_DRAIN_SECONDS: '600' }), /SHUTDOWN_DRAIN_SECONDS/);
  });
});
