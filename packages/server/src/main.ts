/**
 * Composition root: config → database (waited for, migrated, catalogues, demo data) → app → workers → listen.
 *
 * Failure policy (issue 9): a start-up that cannot complete (invalid configuration, database not reachable
 * within DATABASE_STARTUP_WAIT_SECONDS) prints ONE readable line and exits non-zero, for the supervisor to
 * restart; once running, database and mail errors never end the process (requests answer 503 and the
 * pool reconnects; the outbox retries), while any other uncaught error is logged and ends it, since the
 * process state is then unknown.
 */
import { httpDirectory } from './services/directory/person-directory.js';
import { readFileSync } from 'node:fs';
import { loadConfig, type Config } from './config.js';
import { setAuditReadsSynchronous } from './audit/access-log-writer.js';
import {
  connectionConfig,
  migrateDatabase,
  openDatabase,
  waitForDatabase,
  type Database,
  type DatabaseTimeouts,
} from './db/client.js';
import { buildApp } from './app.js';
import { prepareDatabase } from './db/prepare.js';
import { redactedError } from './db/errors.js';
import { databaseErrorLine, isDatabaseUnavailable } from './db/unavailable.js';
import { replicaMetrics, setOutboxStatsSource } from './http/metrics.js';
import { Readiness } from './http/health.js';
import { ReadReplica, REPLICA_POOL, readOnReplica } from './db/replica.js';
import { startOutboxWorker } from './jobs/outbox-worker.js';
import { outboxRetentionTask, outboxStats } from './jobs/outbox-admin.js';
import { startMaintenance } from './jobs/maintenance.js';
import { expiryJob } from './jobs/expiry.js';
import { declarationCheckJob } from './jobs/declaration-check-schedule.js';
import { startScheduledJobs } from './jobs/scheduled-jobs.js';
import { statisticsJob } from './jobs/statistics-schedule.js';
import { authMaintenanceTasks } from './auth/purge.js';
import { loadAuditKeys, setAuditKeys } from './audit/keys.js';
import { auditAnchorTask } from './audit/anchor-task.js';
import { accessLogPartitionsTask, accessLogRetentionJob } from './audit/retention.js';
import { notificationHandlers } from './notify/handlers.js';
import { httpAppIo } from './interop/app-io-client.js';
import { httpRegistry } from './interop/registry-client.js';
import { registryReconciliationJob } from './jobs/registry-reconciliation.js';
import { createSmtpMailer, isMailError } from './notify/mailer.js';

interface Log {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  fatal(obj: object, msg: string): void;
}

/** Until the app's logger exists, lines go to stderr as they are. */
let log: Log = {
  info: (_o, msg) => console.error(msg),
  warn: (o, msg) => console.error(`${msg} ${JSON.stringify(o)}`),
  fatal: (o, msg) => console.error(`${msg} ${JSON.stringify(o)}`),
};

/** Database and mail errors that escaped their caller are logged and survived; anything else ends the process. */
function onStrayError(kind: 'unhandledRejection' | 'uncaughtException', e: unknown): void {
  if (isDatabaseUnavailable(e) || isMailError(e)) {
    log.warn(
      { kind, reason: isMailError(e) ? 'mail' : databaseErrorLine(e) },
      'errore del database o della posta non gestito: il processo continua',
    );
    return;
  }
  log.fatal(
    { kind, err: e instanceof Error ? redactedError(e) : { type: typeof e } },
    'errore imprevisto: il processo termina',
  );
  process.exitCode = 1;
  setTimeout(() => process.exit(1), 100).unref();
}
process.on('unhandledRejection', (reason) => onStrayError('unhandledRejection', reason));
process.on('uncaughtException', (err) => onStrayError('uncaughtException', err));

/** Start-up failures end here: one line, no stack trace, exit code 1. */
function fail(e: unknown): never {
  const text = e instanceof Error ? e.message.replace(/params:[\s\S]*$/, '') : String(e);
  const message =
    isDatabaseUnavailable(e) && !/database non raggiungibile/.test(text)
      ? `database non disponibile (${databaseErrorLine(e)})`
      : text.replace(/\s*\n\s*/g, '; ').trim();
  console.error(`Esenzioni: avvio non riuscito: ${message}`);
  process.exit(1);
}

/** HTTPS (issue 13): the server's certificate and key, and the CA of operators' client certificates. */
function readTls(tls: NonNullable<Config['tls']>) {
  try {
    return {
      cert: readFileSync(tls.certFile),
      key: readFileSync(tls.keyFile),
      ...(tls.clientCaFile ? { ca: readFileSync(tls.clientCaFile) } : {}),
    };
  } catch (e) {
    return fail(
      new Error(
        `TLS_CERT_FILE/TLS_KEY_FILE/TLS_CLIENT_CA_FILE non leggibili: ${e instanceof Error ? e.message : ''}`,
      ),
    );
  }
}

const timeoutsOf = (c: Config): DatabaseTimeouts => ({
  connectMs: c.database.connectMs,
  statementMs: c.database.statementMs,
  queryMs: c.database.queryMs,
  idleInTransactionMs: c.database.idleInTransactionMs,
});

async function openWhenReachable(config: Config): Promise<Database> {
  if (config.databaseUrl) {
    const totalMs = config.database.startupWaitMs;
    await waitForDatabase(connectionConfig(config.databaseUrl, timeoutsOf(config), config.pgbouncer), {
      totalMs,
      log: (line) => console.error(line),
    });
  }
  return openDatabase({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    timeouts: timeoutsOf(config),
    onConnectionError: (message) => log.warn({}, message),
    pgbouncer: config.pgbouncer,
  });
}

/**
 * issue 16 §2: the streaming replica's pool and its lag monitor. Opened without waiting: a replica that
 * is away at start-up is only not used (reads go to the primary) until its first good measure.
 */
async function openReplica(config: Config, primary: Database) {
  if (!config.replica) return null;
  const replicaDb = await openDatabase({
    url: config.replica.url,
    poolSize: REPLICA_POOL.poolSize,
    timeouts: { ...timeoutsOf(config), connectMs: REPLICA_POOL.connectMs, queryMs: REPLICA_POOL.queryMs },
    onConnectionError: (message) => log.warn({}, `replica: ${message}`),
  });
  const replica = new ReadReplica(primary.db, replicaDb.db, {
    maxLagMs: config.replica.maxLagMs,
    checkMs: config.replica.checkMs,
    onRead: (route) => replicaMetrics.reads.inc({ route }),
    onMeasure: (s) => {
      replicaMetrics.usable.set(s.usable ? 1 : 0);
      if (s.lagMs === null) replicaMetrics.lag.reset();
      else replicaMetrics.lag.set(s.lagMs / 1000);
    },
    log: (s) =>
      log.info(
        { reason: s.reason, lagMs: s.lagMs },
        s.usable ? 'replica in uso per le letture' : 'replica non in uso: letture sul primario',
      ),
  }).start();
  return { replica, close: () => replicaDb.close() };
}

/**
 * In production the app's role owns no table (it cannot disable the audit triggers), so migrations run
 * with the owner's DATABASE_MIGRATION_URL on a connection of their own; without it, as today, with the
 * app's own connection (development, the embedded database, a single-role installation).
 */
async function migrateAsOwner(config: Config, database: Database): Promise<void> {
  // through PgBouncer the migrations' session advisory lock would not hold: they connect directly
  const url = config.databaseMigrationUrl ?? (config.pgbouncer ? config.databaseDirectUrl : undefined);
  if (!url) return migrateDatabase(database);
  await waitForDatabase(connectionConfig(url, timeoutsOf(config)), {
    totalMs: config.database.startupWaitMs,
    log: (line) => console.error(line),
  });
  const owner = await openDatabase({
    url,
    timeouts: timeoutsOf(config),
    poolSize: 1,
  });
  try {
    await migrateDatabase(owner);
  } finally {
    await owner.close();
  }
}

async function start(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    fail(e);
  }
  setAuditReadsSynchronous(config.auditReadsSynchronous);
  // the audit keys live outside the database; a missing production key stops the start, not the first read
  try {
    setAuditKeys(loadAuditKeys(config.audit));
  } catch (e) {
    fail(e);
  }
  const database = await openWhenReachable(config);
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}`;
  await migrateAsOwner(config, database);
  const prepared = await prepareDatabase(database.db, config);
  // issue 12 §2: the MEF list import's long merge runs on two connections without statement timeouts
  // (directly on the primary: through PgBouncer its connect_query would set the pool's limits)
  const bulk = config.databaseDirectUrl
    ? await openDatabase({
        url: config.databaseDirectUrl,
        poolSize: 2,
        timeouts: {
          connectMs: config.database.connectMs,
          idleInTransactionMs: config.database.idleInTransactionMs,
        },
        onConnectionError: (message) => log.warn({}, message),
      })
    : null;
  const replica = await openReplica(config, database);
  const readiness = new Readiness();
  const app = await buildApp({
    db: database.db,
    ...(replica ? { readOn: readOnReplica(replica.replica) } : {}),
    readiness,
    config,
    portal: config.portal,
    ...(bulk ? { bulkDb: bulk.db } : {}),
    // issue 13 §4: a regional registry service when PERSON_DIRECTORY_URL is set, else the built-in table
    ...(config.personDirectory ? { personDirectory: httpDirectory(config.personDirectory) } : {}),
    ...(config.tls ? { https: readTls(config.tls) } : {}),
  });
  log = app.log;
  setOutboxStatsSource(() => outboxStats(database.db));
  // without SMTP_URL the e-mails are kept in mail_outbox (GET /api/admin/mail-outbox)
  // issue 14: the regional registry and App IO, each only when configured (off by default)
  const registry = config.interop.registry ? httpRegistry(config.interop.registry) : null;
  const appIo = config.interop.appIo ? httpAppIo(config.interop.appIo) : null;
  const worker = startOutboxWorker(
    database.db,
    app.log,
    1000,
    notificationHandlers(createSmtpMailer(config.mail), {
      registry: registry ? { port: registry, maxAttempts: config.interop.registry!.maxAttempts } : null,
      appIo,
    }),
  );
  const policy = { idleMs: config.sessionIdleMs, maxMs: config.sessionMaxMs };
  // the daily expiry sweep, the monthly sample of self-declarations (issue 12 §3), the statistics (issue 15)
  const scheduled = [
    expiryJob(config.expiryWarningDays),
    declarationCheckJob(config.declarationCheckPercent),
    ...(registry ? [registryReconciliationJob(registry, config.interop.reconcileSample)] : []),
    // issue 15: the pre-aggregated tables of the statistics dashboard
    statisticsJob(),
    // issue 16 §4: the access log's expired month partitions dropped after their signed summary
    accessLogRetentionJob(config.auditRetentionMonths),
  ];
  const maintenance = startMaintenance(
    database.db,
    [
      outboxRetentionTask(config.outboxRetentionDays),
      ...authMaintenanceTasks(policy),
      auditAnchorTask,
      // issue 16 §4: the access log's current and next months have their partitions
      accessLogPartitionsTask,
      // the jobs on a calendar: pg-boss on PostgreSQL (below), the maintenance runner on PGlite (one process)
      ...(config.databaseUrl ? [] : scheduled),
    ],
    { log: app.log },
  );
  // pg-boss on the primary directly (DATABASE_DIRECT_URL through a PgBouncer: docs/scaling-ops.md)
  const calendar = config.databaseDirectUrl
    ? await startScheduledJobs({
        connectionString: config.databaseDirectUrl,
        db: database.db,
        jobs: scheduled,
        log: app.log,
      })
    : null;

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    // issue 16 §1: drain, then stop — /readyz fails first so that the load balancer stops sending, the
    // requests already here are answered, then the server closes (a late request is answered 503)
    // (SIGTERM: the supervisor's stop; SIGINT, Ctrl-C at a terminal, closes at once)
    const drainMs = signal === 'SIGTERM' ? config.shutdownDrainMs : 0;
    readiness.draining = true;
    app.log.info({ signal, drainMs }, 'shutting down: draining');
    if (drainMs > 0) await new Promise((r) => setTimeout(r, drainMs));
    await app.close();
    await worker.stop();
    await maintenance.stop();
    await calendar?.stop();
    await replica?.replica.stop();
    await replica?.close();
    await bulk?.close();
    await database.close();
    app.log.info({ signal }, 'shut down');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ host: config.host, port: config.port });
  void maintenance.tick();
  const url = `${config.tls ? 'https' : 'http'}://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  console.log(`\nEsenzioni — database: ${where}`);
  if (prepared.catalogImported) console.log('Cataloghi importati (esenzioni, ICD-9-CM 2007, ASL).');
  if (prepared.demoAccounts.length) {
    console.log('\nAccount dimostrativi (password Esenzioni-Demo-2026, PIN 246810):');
    for (const a of prepared.demoAccounts) console.log(`  ${a.username.padEnd(18)} ${a.description}`);
  }
  if (config.identity.demoProvider)
    console.log(
      `\nSPID e CIE dimostrativi: ${config.identity.publicUrl}/accesso → «Entra con SPID» o «Entra con CIE».`,
    );
  console.log(`\nServer listening on ${url}  (API: ${url}/api/docs)\n`);
}

start().catch(fail);
