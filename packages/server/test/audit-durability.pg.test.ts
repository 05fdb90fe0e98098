/**
 * Read audit rows survive a database crash (issue 9, §7). A private PostgreSQL server is started on a
 * free port of 127.0.0.1 (never the shared one), audited search pages of 20 rows are answered, then
 * every server process is killed (SIGKILL: what is only in the server's memory is gone) and the server
 * restarted. With the default synchronous batches no row of an answered read may be missing; with
 * AUDIT_READS_SYNCHRONOUS=false the rows lost are counted and printed (the WAL writer is slowed to
 * 10 s so that the loss the finding saw is reproducible rather than a matter of luck).
 *
 * Runs in the PostgreSQL pass (DATABASE_URL set) where the server's binaries are installed (Linux);
 * as root the private server runs as the `postgres` user. Bounded: a few seconds, all on /tmp.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase, rows, type Database } from '../src/db/client.js';
import { auditedRead } from '../src/audit/audited-read.js';
import { setAuditReadsSynchronous } from '../src/audit/access-log-writer.js';
import type { Actor } from '../src/auth/actor.js';
import { useFixedTestKeys } from './helpers/audit-keys.js';

// PostgreSQL only: scripts/test-server.sh runs *.pg.test.ts in its PostgreSQL pass, never on PGlite
if (!process.env.DATABASE_URL) throw new Error('set DATABASE_URL: this file needs a PostgreSQL server');

useFixedTestKeys();

function binDir(): string | null {
  try {
    return execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
  } catch {
    const debian = fs.existsSync('/usr/lib/postgresql')
      ? fs.readdirSync('/usr/lib/postgresql').sort().at(-1)
      : undefined;
    return debian ? `/usr/lib/postgresql/${debian}/bin` : null;
  }
}

const BIN = process.env.DATABASE_URL ? binDir() : null;
const isRoot = process.getuid?.() === 0;

/** Runs a server binary, as `postgres` when we are root (initdb and postgres refuse root). */
function asServerUser(cmd: string, args: string[]): { file: string; args: string[] } {
  return isRoot ? { file: 'runuser', args: ['-u', 'postgres', '--', cmd, ...args] } : { file: cmd, args };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

let dir = '';
let port = 0;
let server: ChildProcess | undefined;

function startServer(): ChildProcess {
  const { file, args } = asServerUser(path.join(BIN!, 'postgres'), [
    '-D',
    path.join(dir, 'data'),
    '-p',
    String(port),
    '-k',
    dir,
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'fsync=on',
    '-c',
    'wal_writer_delay=10000',
    '-c',
    'shared_buffers=16MB',
    '-c',
    'max_connections=20',
  ]);
  return spawn(file, args, { stdio: 'ignore' });
}

/** The processes whose parent is `pid` (Linux /proc): the server's backends and auxiliary processes. */
function childrenOf(pid: number): number[] {
  return fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        // stat: "pid (comm) state ppid …"; comm may hold spaces, so split after its closing parenthesis
        const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function waitReady(): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      execFileSync(path.join(BIN!, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-q']);
      return;
    } catch {
      if (Date.now() > deadline) throw new Error('private PostgreSQL did not start');
      await new Promise((r) => setTimeout(r, 100)); // polling a child process, not waiting for time in the code under test
    }
  }
}

/**
 * SIGKILL to the postmaster and all its processes at once (each backend leads its own process group,
 * so the group of the postmaster is not enough): whatever the server had only in memory is lost.
 */
async function crash(): Promise<void> {
  const child = server!;
  const gone =
    child.exitCode === null ? new Promise((resolve) => child.once('exit', resolve)) : Promise.resolve();
  const postmaster = Number(fs.readFileSync(path.join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
  for (const pid of [postmaster, ...childrenOf(postmaster)]) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  await gone;
  server = undefined;
}

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'esz-crash-'));
  if (isRoot) execFileSync('chown', ['postgres', dir]);
  const init = asServerUser(path.join(BIN!, 'initdb'), [
    '-D',
    path.join(dir, 'data'),
    '-U',
    'postgres',
    '--auth=trust',
    '-E',
    'UTF8',
    '--no-sync',
  ]);
  execFileSync(init.file, init.args, { stdio: 'ignore' });
  port = await freePort();
  server = startServer();
  await waitReady();
});

after(async () => {
  if (server) await crash();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  setAuditReadsSynchronous(true);
});

const operator = {
  userId: 1,
  fiscalCode: 'LBRCRD53H10D205E',
  apiKeyId: null,
  role: 'DISTRICT_OPERATOR',
  aslId: '010301',
  districtId: null,
} as unknown as Actor;
const PAGES = 40;
const PAGE_ROWS = 20;

/** Answers PAGES search pages of 20 people each, 8 at a time; resolves when every one was answered. */
async function answerPages(database: Database, label: string): Promise<void> {
  const people = Array.from({ length: PAGE_ROWS }, (_, i) => ({
    personFiscalCode: `RSSMRA80A01L${String(i).padStart(3, '0')}X`,
  }));
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < PAGES) {
        const page = next++;
        await auditedRead(
          { db: database.db, actor: operator, correlationId: `${label}-${page}` },
          async (_db, audit) => {
            audit('SEARCH', people);
            return page;
          },
        );
      }
    }),
  );
}

/** Rows of answered reads still there after a crash and restart. */
async function survivingAfterCrash(label: string, synchronous?: boolean): Promise<number> {
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const database = await openDatabase({ url, poolSize: 8, onConnectionError: () => undefined });
  try {
    await migrateDatabase(database);
    if (synchronous !== undefined) setAuditReadsSynchronous(synchronous);
    await answerPages(database, label);
    await crash(); // every page above was answered: its rows must be there after this
  } finally {
    await database.close().catch(() => undefined);
  }
  server = startServer();
  await waitReady();
  const after = await openDatabase({ url, poolSize: 1 });
  try {
    const [r] = await rows<{ n: number }>(
      after.db,
      sql`select count(*)::int as n from access_log where correlation_id like ${`${label}-%`}`,
    );
    return r!.n;
  } finally {
    await after.close();
  }
}

test('after a database crash, every access-log row of an answered read is there (default settings); with asynchronous batches some are lost', async () => {
  const expected = PAGES * PAGE_ROWS;
  const byDefault = await survivingAfterCrash('crash-default'); // first: the module's default, untouched
  const asynchronous = await survivingAfterCrash('crash-async', false);
  console.log(
    `access-log rows of ${PAGES} answered pages (${expected} rows) after a crash: default (synchronous) ${byDefault}, AUDIT_READS_SYNCHRONOUS=false ${asynchronous}`,
  );
  assert.equal(byDefault, expected, 'no row of an answered read is lost');
});
