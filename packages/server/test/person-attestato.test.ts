/**
 * One attestato per person (issue 11 §5): operators of the person's ASL and the citizen (or a delegate)
 * get one numbered PDF of every exemption in force today, stored and audited; the public check answers
 * "valido alla data …" while every listed exemption holds, then "non valido", and nothing personal.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatItalianDate, todayInRome } from '@esenzioni/domain';
import { buildApp } from '../src/app.js';
import { asc, eq } from 'drizzle-orm';
import { personAttestato, registryExemption } from '../src/db/schema.js';
import { renderPersonAttestatoPdf } from '../src/documents/person-attestato-pdf.js';
import { login, TEST_APP_CONFIG, type Client, type TestWorld } from './helpers/app.js';
import { openTestDatabase } from './helpers/db.js';
import { loginAll } from './helpers/portal-world.js';
import { countRows, PEOPLE, USERS } from './helpers/fixtures.js';
import { pdfText } from './helpers/pdf-text.js';

const DAY = 86_400_000;
let at = new Date();
const clock = () => at;
const today = todayInRome(at);
const inTenDays = todayInRome(new Date(at.getTime() + 10 * DAY));

let w: TestWorld;
let op: Client;
let counter: Client;
let opBra: Client;
let lucia: Client;
let giovanni: Client;
let gp: Client;
const L = PEOPLE.lucia.fiscalCode;

before(async () => {
  const database = await openTestDatabase({ fixtures: true });
  const app = await buildApp({
    db: database.db,
    logger: false,
    clock,
    config: { ...TEST_APP_CONFIG, seedDemo: true },
  });
  w = {
    app,
    database,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
  // lucia (ASL Città di Torino): one exemption with no end, one ending in ten days, one over in 2021
  await database.db.insert(registryExemption).values([
    { fiscalCode: L, exemptionCode: '013.250', family: 'CHRONIC', validFrom: '2020-01-01', aslId: '010301' },
    {
      fiscalCode: L,
      exemptionCode: '054.720.0',
      family: 'CHRONIC',
      validFrom: '2021-06-01',
      validUntil: inTenDays,
      aslId: '010301',
    },
    {
      fiscalCode: L,
      exemptionCode: '026.252.0',
      family: 'CHRONIC',
      validFrom: '2019-01-01',
      validUntil: '2021-12-31',
      aslId: '010301',
    },
  ]);
  [op, counter, opBra, lucia, giovanni, gp] = await loginAll(
    app,
    USERS.opTorino.username,
    USERS.counter.username,
    USERS.opCn2.username,
    USERS.lucia.username,
    USERS.giovanni.username,
    USERS.gp.username,
  );
});
after(() => w.close());

const codeOf = (text: string): string => {
  const m = /Codice di verifica: \n?([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(text);
  assert.ok(m, 'the PDF prints its verification code');
  return m[1]!;
};
const verify = (code: string) =>
  w.app.inject({ method: 'GET', url: `/api/attestati/verify/${encodeURIComponent(code)}` });

describe('one attestato per person', () => {
  let code = '';

  test('an operator of the person’s ASL prints every exemption in force today, and not the expired one', async () => {
    const before = await countRows(w.database.db, 'person_attestato');
    const res = await op.req({ method: 'GET', url: `/api/people/${L}/attestato.pdf` });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.match(
      String(res.headers['content-disposition']),
      /^attachment; filename="attestato-esenzioni-\d+\.pdf"$/,
    );
    const text = pdfText(res.rawPayload);
    assert.match(text, /ATTESTATO DI ESENZIONE/);
    assert.match(text, /VERDI LUCIA/);
    assert.match(text, /013\.250/);
    assert.match(text, /054\.720\.0/);
    assert.doesNotMatch(text, /026\.252\.0/, 'an exemption over in 2021 is not listed');
    assert.match(text, /senza scadenza/);
    assert.match(text, new RegExp(formatItalianDate(inTenDays).replace(/\//g, '\\/')));
    assert.match(text, /ESENZIONE 1 DI 2/);
    assert.match(text, /Prestazioni esenti/);
    assert.match(text, new RegExp(`Data di emissione: \\n${formatItalianDate(today).replace(/\//g, '\\/')}`));
    assert.match(text, /Numero: \n\d+/);
    assert.match(text, /DEMO/, 'demo data is marked');
    assert.match(text, /\/api\/attestati\/verify\/[0-9A-Z-]{19}/, 'the verify URL is printed');
    assert.match(res.rawPayload.toString('latin1'), /\/Subtype \/Image/, 'the QR code is drawn');
    code = codeOf(text);
    assert.equal(await countRows(w.database.db, 'person_attestato'), before + 1);
    assert.equal(
      await countRows(
        w.database.db,
        'access_log',
        `action = 'DOWNLOAD_EXEMPTION_CERTIFICATE' and person_fiscal_code = '${L}' and actor_role = 'DISTRICT_OPERATOR' and outcome = 'OK'`,
      ),
      1,
    );
  });

  test('the counter of the same ASL prints it too; each print has its own number and code', async () => {
    const res = await counter.req({ method: 'GET', url: `/api/people/${L}/attestato.pdf` });
    assert.equal(res.statusCode, 200, res.body);
    const other = codeOf(pdfText(res.rawPayload));
    assert.notEqual(other, code);
    const [a, b] = await w.database.db
      .select({ number: personAttestato.number })
      .from(personAttestato)
      .where(eq(personAttestato.fiscalCode, L))
      .orderBy(asc(personAttestato.number));
    assert.ok(Number(b!.number) > Number(a!.number));
  });

  test('an operator of another ASL gets 404, logged as DENIED; other roles 403', async () => {
    const res = await opBra.req({ method: 'GET', url: `/api/people/${L}/attestato.pdf` });
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().code, 'PERSON_NOT_FOUND');
    assert.equal(
      await countRows(
        w.database.db,
        'access_log',
        `action = 'DOWNLOAD_EXEMPTION_CERTIFICATE' and person_fiscal_code = '${L}' and outcome = 'DENIED'`,
      ),
      1,
    );
    assert.equal((await gp.req({ method: 'GET', url: `/api/people/${L}/attestato.pdf` })).statusCode, 403);
    assert.equal((await lucia.req({ method: 'GET', url: `/api/people/${L}/attestato.pdf` })).statusCode, 403);
  });

  test('the citizen downloads theirs; a delegate with a delegation in force too, without one not', async () => {
    const mine = await lucia.req({ method: 'GET', url: '/api/me/attestato.pdf' });
    assert.equal(mine.statusCode, 200, mine.body);
    const text = pdfText(mine.rawPayload);
    assert.match(text, /VERDI LUCIA/);
    assert.match(text, /013\.250/);
    assert.doesNotMatch(text, /026\.252\.0/);

    assert.equal(
      (await giovanni.req({ method: 'GET', url: `/api/me/attestato.pdf?onBehalfOf=${L}` })).statusCode,
      404,
    );
    const made = await lucia.req({
      method: 'POST',
      url: '/api/delegations',
      payload: { delegateFiscalCode: PEOPLE.giovanni.fiscalCode },
    });
    assert.equal(made.statusCode, 201, made.body);
    const asDelegate = await giovanni.req({ method: 'GET', url: `/api/me/attestato.pdf?onBehalfOf=${L}` });
    assert.equal(asDelegate.statusCode, 200, asDelegate.body);
    assert.match(pdfText(asDelegate.rawPayload), /VERDI LUCIA/);
    assert.equal(
      await countRows(
        w.database.db,
        'access_log',
        `action = 'DOWNLOAD_EXEMPTION_CERTIFICATE' and person_fiscal_code = '${L}' and actor_role = 'CITIZEN' and outcome = 'OK'`,
      ),
      2,
    );
    // giovanni's own attestato lists nothing of lucia's
    const own = pdfText((await giovanni.req({ method: 'GET', url: '/api/me/attestato.pdf' })).rawPayload);
    assert.match(own, /BIANCHI GIOVANNI/);
    assert.match(own, /non risultano esenzioni in vigore/);
    assert.doesNotMatch(own, /VERDI|013\.250/);
  });

  test('the public check: valid today, with no personal data; any spelling of the code', async () => {
    const res = await verify(code);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { esito: `valido alla data ${formatItalianDate(today)}`, valido: true });
    assert.doesNotMatch(res.body, new RegExp(`${L}|VERDI|LUCIA|013|054|diabete|artrite`, 'i'));
    assert.equal((await verify(code.replace(/-/g, '').toLowerCase())).json().valido, true);
  });

  test('an unknown or malformed code is "non valido", like an invalid one', async () => {
    for (const c of ['ABCD-EFGH-JKMN-PQRS', 'x', '0000000000000000', "'; select 1 --"]) {
      const res = await verify(c);
      assert.equal(res.statusCode, 200, `${c}: ${res.body}`);
      assert.deepEqual(res.json(), { esito: 'non valido', valido: false });
    }
  });

  test('after a listed exemption ends, the attestato is "non valido"; a new one lists what remains', async () => {
    at = new Date(at.getTime() + 11 * DAY);
    try {
      assert.deepEqual((await verify(code)).json(), { esito: 'non valido', valido: false });
      // eleven days later the morning's session is long over: log in again
      const opLater = await login(w.app, USERS.opTorino.username);
      const res = await opLater.req({ method: 'GET', url: `/api/people/${L}/attestato.pdf` });
      assert.equal(res.statusCode, 200, res.body);
      const text = pdfText(res.rawPayload);
      assert.match(text, /013\.250/);
      assert.doesNotMatch(text, /054\.720\.0/);
      const fresh = await verify(codeOf(text));
      assert.deepEqual(fresh.json(), {
        esito: `valido alla data ${formatItalianDate(todayInRome(at))}`,
        valido: true,
      });
    } finally {
      at = new Date(at.getTime() - 11 * DAY);
    }
  });
});

test('the PDF has no DEMO mark when the data is not demo data', async () => {
  const bytes = await renderPersonAttestatoPdf({
    aslName: 'ASL Città di Torino',
    beneficiary: { fiscalCode: L, firstName: 'LUCIA', lastName: 'VERDI', birthDate: '1985-08-01' },
    exemptions: [
      {
        code: '013.250',
        description: 'Diabete mellito',
        family: 'CHRONIC',
        validFrom: '2020-01-01',
        validUntil: null,
        services: [],
      },
    ],
    number: 7,
    issuedOn: '2026-11-30',
    verificationCode: 'ABCD-EFGH-JKMN-PQRS',
    verifyUrl: 'https://esenzioni.example.org/api/attestati/verify/ABCD-EFGH-JKMN-PQRS',
    demo: false,
  });
  const text = pdfText(bytes);
  assert.doesNotMatch(text, /DEMO/);
  assert.match(
    text,
    /Esente limitatamente alle prestazioni previste per la condizione dalla normativa vigente/,
  );
});

test('the public check is rate limited per source address (429 problem+json)', async () => {
  let res = await verify('ABCD-EFGH-JKMN-PQRS');
  for (let i = 0; i < 40 && res.statusCode !== 429; i++) res = await verify('ABCD-EFGH-JKMN-PQRS');
  assert.equal(res.statusCode, 429);
  assert.equal(res.json().code, 'RATE_LIMITED');
  assert.match(String(res.headers['content-type']), /application\/problem\+json/);
});
