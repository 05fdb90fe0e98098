/**
 * The CSV export's cap (services/export-cases.ts): up to EXPORT_MAX_ROWS (10,000) cases are exported,
 * every one an access-log row; a search matching more is refused as a whole (400, "restringere i
 * filtri"), never cut short silently, and logs nothing. The 10,000 cases are written by one
 * INSERT … SELECT generate_series, not through the API.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { EXPORT_MAX_ROWS } from '../src/services/cases/export-cases.js';
import { login, startWorld, type Client, type TestWorld } from './helpers/app.js';
import { countRows, newCase, PEOPLE, SPECIALIST_CF } from './helpers/fixtures.js';

let w: TestWorld;
let op: Client;

before(async () => {
  w = await startWorld();
  const p = PEOPLE.torino;
  // exactly the cap of SUBMITTED 048 cases in ASL Torino, a minute apart, numbered apart from newCase's
  await w.database.db.execute(sql`
    insert into exemption_case (case_number, asl_id, district_id, beneficiary_fiscal_code,
      beneficiary_first_name, beneficiary_last_name, beneficiary_first_name_key, beneficiary_last_name_key,
      submitter_type, submitter_fiscal_code, exemption_code, diagnosis_code, family, status, version,
      submitted_at, updated_at)
    select '2019' || ${p.aslId} || lpad(g::text, 8, '0'), ${p.aslId}, ${p.districtId}, ${p.fiscalCode},
      ${p.firstName}, ${p.lastName}, ${p.firstName}, ${p.lastName},
      'DOCTOR', ${SPECIALIST_CF}, '048', null, (select family from exemption_code where code = '048'),
      'SUBMITTED', 1, timestamptz '2025-01-01 08:00Z' + g * interval '1 minute',
      timestamptz '2025-01-01 08:00Z' + g * interval '1 minute'
    from generate_series(1, ${EXPORT_MAX_ROWS}) g`);
  // one more, of another code: the open cases of the ASL are now one past the cap
  await newCase(w.database.db, 'torino', '013.250', new Date('2025-06-01T09:00:00Z'));
  op = await login(w.app, 'op.torino');
});
after(() => w.close());

const exportRows = () => countRows(w.database.db, 'access_log', `action = 'EXPORT'`);

test('the cap is 10,000 rows', () => {
  assert.equal(EXPORT_MAX_ROWS, 10_000);
});

test('one case past the cap: the export is refused with a message to narrow the search, and logs nothing', async () => {
  const res = await op.req({ method: 'GET', url: '/api/cases/export.csv?view=todo' });
  assert.equal(res.statusCode, 400, res.body.slice(0, 300));
  assert.equal(res.json().code, 'VALIDATION_FAILED');
  assert.match(res.json().detail, /più di 10\.000 pratiche: restringere i filtri/);
  assert.equal(await exportRows(), 0);
  // the search itself still answers, with a capped count
  const search = await op.req({ method: 'GET', url: '/api/cases?view=todo&pageSize=10' });
  assert.equal(search.statusCode, 200);
  assert.equal(search.json().totalExact, false);
});

test('exactly the cap: all 10,000 rows, oldest first, each an EXPORT row of the access log', async () => {
  const res = await op.req({ method: 'GET', url: '/api/cases/export.csv?view=todo&exemptionCode=048' });
  assert.equal(res.statusCode, 200, res.body.slice(0, 300));
  assert.match(String(res.headers['content-type']), /^text\/csv/);
  const lines = res.body.replace(/^\uFEFF/, '').split('\r\n');
  assert.equal(lines.pop(), '', 'the file ends with a line break');
  assert.match(lines[0]!, /^N\. Pratica;ASL;/);
  const data = lines.slice(1);
  assert.equal(data.length, EXPORT_MAX_ROWS);
  assert.equal(data[0]!.split(';')[0], '201901030100000001');
  assert.equal(data.at(-1)!.split(';')[0], '201901030100010000');
  assert.equal(new Set(data.map((l) => l.split(';')[0])).size, EXPORT_MAX_ROWS, 'no case twice');
  assert.equal(await exportRows(), EXPORT_MAX_ROWS);
});
