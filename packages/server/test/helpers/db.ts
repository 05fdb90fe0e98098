/**
 * A database for one test file: in-memory PGlite by default; when DATABASE_URL is set (CI), a new
 * database on that PostgreSQL server, dropped when the file is done.
 *
 * Migrating, importing the ~27,000 catalogue rows and hashing the fixture passwords (argon2) took most
 * of the suite's time when every file did it. They are done once into a template, keyed by a hash of
 * everything they depend on (migrations, src/db, fixtures, catalogue import and data, password hashing), and
 * every file starts from a copy:
 * - PGlite: the template's data directory, dumped to a tarball in a cache directory, is loaded into each
 *   file's in-memory database (`loadDataDir`): faster than a fresh in-memory database, whose initdb
 *   alone costs more than loading the whole template;
 * - PostgreSQL: databases `esz_template_<kind>_<hash>`, built once under an advisory lock, cloned with
 *   `CREATE DATABASE … TEMPLATE …`.
 * Two templates: `migrated` (empty, what openTestDatabase() returns, as before) and `fixtures` (migrated,
 * catalogues imported and seedFixtures applied: startWorld). `{ template: false }` builds a fresh one
 * instead, for the files that test migrating itself. scripts/test-server.sh removes stale templates.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { MIGRATIONS_FOLDER, migrateDatabase, openDatabase, type Database } from '../../src/db/client.js';
import { DEFAULT_DATA_DIR } from '../../src/catalog/import.js';
import { seedFixtures } from './fixtures.js';

export type TemplateKind = 'migrated' | 'fixtures';

export interface TestDatabaseOptions {
  /** migrated, catalogues imported and seedFixtures applied (default: migrated and empty) */
  fixtures?: boolean;
  /** false: a fresh database, migrated here and now (migration tests), not a copy of a template */
  template?: boolean;
  /** with template: false, leave the fresh database unmigrated */
  migrate?: boolean;
}

export async function openTestDatabase(opts: TestDatabaseOptions = {}): Promise<Database> {
  const kind: TemplateKind = opts.fixtures ? 'fixtures' : 'migrated';
  const url = process.env.DATABASE_URL;
  if (opts.template === false) {
    const database = url ? await createPostgresDatabase(url) : await openDatabase({ dataDir: 'memory://' });
    if (opts.migrate === false) return database;
    await migrateDatabase(database);
    if (opts.fixtures) await seedFixtures(database.db);
    return database;
  }
  // a template removed meanwhile (another run's clean-up after the sources changed) is built again, once
  for (let attempt = 1; ; attempt++) {
    try {
      if (!url) {
        const tarball = await pgliteTemplate(kind);
        return await openDatabase({
          dataDir: 'memory://',
          loadDataDir: new Blob([fs.readFileSync(tarball)]),
        });
      }
      return await createPostgresDatabase(url, await postgresTemplate(url, kind));
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (attempt > 1 || (code !== 'ENOENT' && code !== '3D000')) throw e;
      pgliteBuilt.delete(kind);
      postgresBuilt.delete(kind);
    }
  }
}

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SERVER = path.resolve(HERE, '../..');

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** Everything a template's content depends on: a change to any of these builds a new template. */
export function templateHash(): string {
  const h = createHash('sha256');
  const sources = [
    ...filesUnder(MIGRATIONS_FOLDER),
    ...filesUnder(path.join(SERVER, 'src/catalog')),
    // the schema and the repositories, the catalogue import's SQL among them
    ...filesUnder(path.join(SERVER, 'src/db')),
    ...filesUnder(DEFAULT_DATA_DIR).filter((f) => f.endsWith('.csv')),
    path.join(SERVER, 'src/auth/passwords.ts'),
    path.join(HERE, 'fixtures.ts'),
    path.join(HERE, 'db.ts'),
    path.resolve(SERVER, '../../package-lock.json'), // the PGlite version: the tarball's format
  ];
  for (const f of sources) {
    h.update(path.relative(SERVER, f));
    h.update(fs.readFileSync(f));
  }
  return h.digest('hex').slice(0, 16);
}

let hashOnce: string | undefined;
const currentHash = () => (hashOnce ??= templateHash());

// ---------------------------------------------------------------- PGlite

/** Where PGlite templates are kept between runs (one tarball per kind and hash). */
export const PGLITE_TEMPLATE_DIR = path.join(os.tmpdir(), 'esz-test-templates');

async function buildPgliteTemplate(kind: TemplateKind): Promise<Blob> {
  const database = await openDatabase({ dataDir: 'memory://' });
  try {
    await migrateDatabase(database);
    if (kind === 'fixtures') await seedFixtures(database.db);
    await database.pglite!.query('checkpoint');
    return await database.pglite!.dumpDataDir('none');
  } finally {
    await database.close();
  }
}

const pgliteBuilt = new Map<TemplateKind, Promise<string>>();

/** The tarball of a PGlite template, built by the first test file that needs it (others wait for it). */
function pgliteTemplate(kind: TemplateKind): Promise<string> {
  let p = pgliteBuilt.get(kind);
  if (!p) {
    p = ensurePgliteTemplate(kind);
    pgliteBuilt.set(kind, p);
  }
  return p;
}

async function ensurePgliteTemplate(kind: TemplateKind): Promise<string> {
  fs.mkdirSync(PGLITE_TEMPLATE_DIR, { recursive: true });
  const file = path.join(PGLITE_TEMPLATE_DIR, `${kind}-${currentHash()}.tar`);
  const lock = `${file}.lock`;
  for (;;) {
    if (fs.existsSync(file)) return file;
    let fd: number;
    try {
      fd = fs.openSync(lock, 'wx');
    } catch {
      // another test process is building it: wait for the tarball, or take over a dead builder's lock
      if (lockIsStale(lock)) fs.rmSync(lock, { force: true });
      else await new Promise((r) => setTimeout(r, 100));
      continue;
    }
    try {
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      if (fs.existsSync(file)) return file;
      const blob = await buildPgliteTemplate(kind);
      const partial = `${file}.${process.pid}.partial`;
      fs.writeFileSync(partial, Buffer.from(await blob.arrayBuffer()));
      fs.renameSync(partial, file); // atomic: a reader sees the whole tarball or none
      return file;
    } finally {
      fs.rmSync(lock, { force: true });
    }
  }
}

function lockIsStale(lock: string): boolean {
  try {
    const pid = Number(fs.readFileSync(lock, 'utf8'));
    if (!pid) return Date.now() - fs.statSync(lock).mtimeMs > 10_000; // still being written, or abandoned
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

// ---------------------------------------------------------------- PostgreSQL

const TEMPLATE_LOCK = 727_010;
export const POSTGRES_TEMPLATE_PREFIX = 'esz_template_';

async function adminClient(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  c.on('error', () => undefined);
  await c.connect();
  return c;
}

const withDatabase = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

const postgresBuilt = new Map<TemplateKind, Promise<string>>();

function postgresTemplate(url: string, kind: TemplateKind): Promise<string> {
  let p = postgresBuilt.get(kind);
  if (!p) {
    p = ensurePostgresTemplate(url, kind);
    postgresBuilt.set(kind, p);
  }
  return p;
}

/**
 * Builds `esz_template_<kind>_<hash>` unless it exists: under an advisory lock (test files run two at a
 * time, in separate processes), in a database with a temporary name renamed at the end, so that a
 * builder that dies half-way never leaves a half-built template behind.
 */
async function ensurePostgresTemplate(url: string, kind: TemplateKind): Promise<string> {
  const name = `${POSTGRES_TEMPLATE_PREFIX}${kind}_${currentHash()}`;
  const admin = await adminClient(url);
  try {
    await admin.query('select pg_advisory_lock($1)', [TEMPLATE_LOCK]);
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount) return name;
    // only the holder of the lock builds: a database left half-built by a builder that died is garbage
    const orphans = await admin.query<{ datname: string }>(
      `select datname from pg_database where datname like 'esz\\_building\\_%'`,
    );
    for (const { datname } of orphans.rows)
      await admin.query(`drop database if exists ${datname} with (force)`);
    const building = `esz_building_${randomBytes(6).toString('hex')}`;
    await admin.query(`create database ${building}`);
    try {
      const database = await openDatabase({ url: withDatabase(url, building), poolSize: 4 });
      try {
        await migrateDatabase(database);
        if (kind === 'fixtures') await seedFixtures(database.db);
      } finally {
        await database.close();
      }
      await admin.query(`alter database ${building} rename to ${name}`);
    } catch (e) {
      await admin.query(`drop database if exists ${building} with (force)`).catch(() => undefined);
      throw e;
    }
    return name;
  } finally {
    await admin.query('select pg_advisory_unlock($1)', [TEMPLATE_LOCK]).catch(() => undefined);
    await admin.end().catch(() => undefined);
  }
}

/** A new database (a copy of `template` when given) that is dropped when closed. */
async function createPostgresDatabase(url: string, template?: string): Promise<Database> {
  const name = `esz_test_${randomBytes(6).toString('hex')}`;
  const admin = await adminClient(url);
  try {
    await admin.query(`create database ${name}${template ? ` template ${template}` : ''}`);
  } finally {
    await admin.end();
  }
  const database = await openDatabase({ url: withDatabase(url, name), poolSize: 20 });
  const close = database.close;
  return {
    ...database,
    close: async () => {
      await close();
      const a = await adminClient(url);
      try {
        await a.query(`drop database if exists ${name} with (force)`);
      } finally {
        await a.end();
      }
    },
  };
}

/**
 * Removes the templates of another hash (sources changed since they were built), in the PGlite cache and
 * on PostgreSQL; with `all`, the current ones too. The current ones are kept by default: the next run
 * reuses them, and another run on the same server may be cloning them right now. Called at the end of
 * scripts/test-server.sh.
 */
export async function dropTemplates(all = false): Promise<string[]> {
  const removed: string[] = [];
  const keep = currentHash();
  if (fs.existsSync(PGLITE_TEMPLATE_DIR))
    for (const f of fs.readdirSync(PGLITE_TEMPLATE_DIR))
      if (all || !f.includes(keep) || f.endsWith('.partial')) {
        fs.rmSync(path.join(PGLITE_TEMPLATE_DIR, f), { force: true });
        removed.push(f);
      }
  const url = process.env.DATABASE_URL;
  if (url) {
    const admin = await adminClient(url);
    try {
      const r = await admin.query<{ datname: string }>(
        `select datname from pg_database where datname like 'esz\\_template\\_%'`,
      );
      for (const { datname } of r.rows) {
        if (!all && datname.endsWith(`_${keep}`)) continue;
        await admin.query(`drop database if exists ${datname} with (force)`);
        removed.push(datname);
      }
    } finally {
      await admin.end();
    }
  }
  return removed;
}
