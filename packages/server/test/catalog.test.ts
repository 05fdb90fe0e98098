/**
 * The catalogue import: counts per family computed here from the CSV files with a deliberately naive
 * reader (not the product's parser), spot checks from docs/domain.md, and idempotency.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { openTestDatabase } from './helpers/db.js';
import { rows, type Database } from '../src/db/client.js';
import { exemptionCode } from '../src/db/schema.js';
import { parseCsv } from '../src/catalog/csv.js';
import { catalogIsEmpty, DEFAULT_DATA_DIR, importCatalogues } from '../src/catalog/import.js';

const lines = (file: string) =>
  fs.readFileSync(path.join(DEFAULT_DATA_DIR, file), 'utf8').split('\n').slice(1).filter(Boolean);

/** Family per code, naively: the trailing 6 fields of a catalogue line are never quoted. */
function expectedFamilies(): Record<string, number> {
  const family = (t: string) =>
    ({ MC: 'CHRONIC', RX: 'RARE', M: 'PREGNANCY', RD: 'INCOME' })[t] ??
    (['INVC', 'INVL', 'INVG', 'S0', 'V0', 'N0'].includes(t) ? 'INVALIDITY' : 'OTHER');
  const latest = new Map<string, { from: string; family: string }>();
  for (const line of lines('esenzioni_catalogo_hl7it.csv')) {
    const f = line.split(',');
    const [code, type, from] = [f[0] ?? '', f[f.length - 6] ?? '', f[f.length - 4] ?? ''];
    const seen = latest.get(code);
    if (!seen || from > seen.from) latest.set(code, { from, family: family(type) });
  }
  const counts: Record<string, number> = {};
  for (const { family: fam } of latest.values()) counts[fam] = (counts[fam] ?? 0) + 1;
  const missing = lines('esenzioni_mds_hl7it.csv')
    .map((l) => l.split(',')[0] ?? '')
    .filter((c) => !latest.has(c));
  assert.deepEqual(missing, ['E52'], 'only E52 of the mds codes is missing from the catalogue');
  counts.OTHER = (counts.OTHER ?? 0) + 1; // E52, transplant recipients: not income
  counts.RARE = (counts.RARE ?? 0) + 1; // R99 (sospetto diagnostico), data/exemption-codes-added.csv
  // the Region's own codes (issue 12 §6): the family is the 2nd field, never quoted
  for (const line of lines('regional-codes-piemonte.csv')) {
    const fam = line.split(',')[1] ?? '';
    counts[fam] = (counts[fam] ?? 0) + 1;
  }
  return counts;
}

let database: Database;
let importMs = 0;

before(async () => {
  database = await openTestDatabase();
  assert.equal(await catalogIsEmpty(database.db), true);
  const t = performance.now();
  await importCatalogues(database.db);
  importMs = performance.now() - t;
});
after(() => database.close());

const count = async (q: ReturnType<typeof sql>) => (await rows<{ n: number }>(database.db, q))[0]?.n ?? -1;

test('the CSV parser handles quoted commas, doubled quotes, CRLF, BOM and a last line without newline', () => {
  assert.deepEqual(parseCsv('\uFEFFa,b\r\n"x, y","say ""hi"""\r\n1,\n""'), [
    ['a', 'b'],
    ['x, y', 'say "hi"'],
    ['1', ''],
    [''],
  ]);
  assert.deepEqual(parseCsv('"multi\nline",2\n'), [['multi\nline', '2']]);
  assert.throws(() => parseCsv('"open,1\n'), /virgolette/);
});

test('exemption codes per family match the CSV files', async (t) => {
  t.diagnostic(`import: ${Math.round(importMs)} ms on ${database.kind}`);
  const got = await rows<{ family: string; n: number }>(
    database.db,
    sql`select family, count(*)::int as n from exemption_code group by family`,
  );
  const byFamily = Object.fromEntries(got.map((r) => [r.family, r.n]));
  assert.deepEqual(byFamily, expectedFamilies());
  // measured once from the files (data/SOURCES.md): a change in data/ must be deliberate
  assert.deepEqual(byFamily, {
    CHRONIC: 397,
    RARE: 481,
    PREGNANCY: 47,
    INVALIDITY: 37,
    INCOME: 17, // + E05, E10 of Piemonte
    DENTAL: 4, // E09, OD1, OD2, ODO1
    OTHER: 24, // + E06, E07, E08, X23, X24
  });
});

test('ASLs and diagnoses are all loaded', async () => {
  assert.equal(await count(sql`select count(*)::int as n from asl`), lines('asl_italia.csv').length);
  assert.equal(await count(sql`select count(*)::int as n from asl`), 110);
  assert.equal(await count(sql`select count(*)::int as n from asl where region_code = '010'`), 12);
  assert.equal(await count(sql`select count(*)::int as n from diagnosis`), 16_235);
  assert.equal(
    await count(sql`select count(*)::int as n from diagnosis`),
    lines('icd9cm_2007_it_diagnosi.csv').length,
  );
});

test('spot checks from docs/domain.md', async () => {
  const [d] = await rows<{ description: string; code_nodot: string }>(
    database.db,
    sql`select description, code_nodot from diagnosis where code = '296.0'`,
  );
  const raw = lines('icd9cm_2007_it_diagnosi.csv').find((l) => l.startsWith('296.0,')) ?? '';
  assert.equal(d?.code_nodot, '2960');
  assert.ok(raw.includes(`"${d?.description}"`), 'description verbatim from the file');
  assert.match(d?.description ?? '', /^Disturbo bipolare I, episodio/);

  const code = async (c: string) =>
    (await database.db.select().from(exemptionCode).where(eq(exemptionCode.code, c)))[0];
  const diabetes = await code('013.250');
  assert.equal(diabetes?.assignable, true);
  assert.equal(diabetes?.baseCode, '013');
  assert.equal(diabetes?.icd9Code, '250');
  assert.equal(diabetes?.validUntil, null, '9999-12-31 is stored as open-ended');
  assert.equal((await code('013'))?.assignable, false);
  assert.equal((await code('RF0100'))?.family, 'RARE');
  // durations come from data/exemption-durations.csv, each with its source; 048 has none
  const durations = await rows<{
    code: string;
    max_amount: number | null;
    unit: string;
    from_birth: boolean;
    source: string;
  }>(
    database.db,
    sql`select code, max_amount, unit, from_birth, source from exemption_duration order by code`,
  );
  assert.deepEqual(
    durations.map((d) => [d.code, d.max_amount, d.unit, d.from_birth]),
    [
      ['040', 3, 'YEARS', true],
      ['E01', 1, 'YEARS', false],
      ['E02', 1, 'YEARS', false],
      ['E03', 1, 'YEARS', false],
      ['E04', 1, 'YEARS', false],
    ],
  );
  for (const d of durations)
    assert.match(d.source, /^exemption-durations\.csv: docs\/domain\.md §1\.\d/, d.code);
  assert.equal((await code('RD0090'))?.validUntil, '2017-09-14');
  const bpco = await code('057');
  assert.equal(bpco?.assignable, true, 'the clean 057 row wins over its "057-…" twin');
  assert.doesNotMatch(bpco?.description ?? '', /^057-/);
  assert.equal((await code('P01'))?.typeCode, 'P0', 'the 2007 prevention P01 wins over the 1989 chronic one');
  const e52 = await code('E52');
  assert.equal(e52?.source, 'esenzioni_mds_hl7it.csv');
  assert.match(e52?.description ?? '', /trapianto/);
  assert.equal((await code('E01'))?.source, 'esenzioni_catalogo_hl7it.csv', 'catalogue row kept over mds');
});

test('exempt-service examples are marked as examples and point at existing conditions', async () => {
  const services = await rows<{ exemption_code: string; example: boolean; source: string; known: boolean }>(
    database.db,
    sql`select s.exemption_code, s.example, s.source,
          exists(select 1 from exemption_code c where c.base_code = s.exemption_code) as known
        from exempt_service s`,
  );
  assert.equal(services.length, 9);
  for (const s of services) {
    assert.equal(s.example, true);
    assert.equal(s.source, "Manuale d'uso ESENPAT (esempio)");
    assert.equal(s.known, true, s.exemption_code);
  }
});

test('a second import changes nothing and keeps what the admin set', async () => {
  assert.equal(await catalogIsEmpty(database.db), false);
  await database.db.execute(
    sql`insert into exemption_duration (code, max_amount, unit, source, set_by)
        values ('048', 5, 'YEARS', 'amministratore', 'AAAAAA00A11B000J')`,
  );
  await database.db.execute(
    sql`update exemption_duration set max_amount = 2, source = 'amministratore', set_by = 'AAAAAA00A11B000J'
         where code = 'E02'`,
  );
  const snapshot = async () =>
    rows<{ t: string; n: number }>(
      database.db,
      sql`select 'asl' as t, count(*)::int as n from asl union all
          select 'code', count(*)::int from exemption_code union all
          select 'diagnosis', count(*)::int from diagnosis union all
          select 'service', count(*)::int from exempt_service union all
          select 'service-distinct', count(distinct (exemption_code, description))::int from exempt_service union all
          select 'duration', count(*)::int from exemption_duration`,
    );
  const before = await snapshot();
  const counts = await importCatalogues(database.db);
  assert.deepEqual(counts, {
    asl: 110,
    exemptionCodes: 996,
    diagnoses: 16_235,
    exemptServices: 9,
    durations: 5,
    aliases: 4,
    familyDocuments: 22,
    regionalCodes: 11,
  });
  assert.deepEqual(await snapshot(), before);
  const kept = await rows<{ code: string; max_amount: number }>(
    database.db,
    sql`select code, max_amount from exemption_duration where code in ('048', 'E02') order by code`,
  );
  assert.deepEqual(
    kept.map((k) => [k.code, k.max_amount]),
    [
      ['048', 5],
      ['E02', 2],
    ],
    'the durations the administrator set survive a re-import',
  );
});
