import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { login, startWorld, type TestWorld } from './helpers/app.js';
import { countRows, PEOPLE, USERS } from './helpers/fixtures.js';

let w: TestWorld;
before(async () => {
  w = await startWorld();
});
after(() => w.close());

const lookup = async (username: string, fiscalCode: string) =>
  (await login(w.app, username)).req({ method: 'GET', url: `/api/people/${fiscalCode}` });

describe('person lookup for the certificate form and the counter', () => {
  test('the specialist finds any resident of the region; the read is audited', async () => {
    const res = await lookup(USERS.specialist.username, PEOPLE.bra.fiscalCode.toLowerCase());
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), {
      fiscalCode: PEOPLE.bra.fiscalCode,
      firstName: 'AUREL',
      lastName: 'VENTIDUE',
      birthDate: null,
      residence: {
        asl: { id: '010211', name: res.json().residence.asl.name },
        district: { id: '010211-BRA', name: 'Bra' },
      },
    });
    assert.equal(
      await countRows(
        w.database.db,
        'access_log',
        `action = 'READ_PERSON' and person_fiscal_code = '${PEOPLE.bra.fiscalCode}' and actor_role = 'SPECIALIST'`,
      ),
      1,
    );
  });

  test('operators find only residents of their ASL; others are 404 like unknown people', async () => {
    assert.equal((await lookup(USERS.counter.username, PEOPLE.torino.fiscalCode)).statusCode, 200);
    assert.equal((await lookup(USERS.opTorino.username, PEOPLE.torino.fiscalCode)).statusCode, 200);
    const other = await lookup(USERS.counter.username, PEOPLE.bra.fiscalCode);
    assert.equal(other.statusCode, 404);
    assert.equal(other.json().code, 'PERSON_NOT_FOUND');
    // the refused attempt on a real person is in the access log with its outcome; an unknown code writes nothing
    const denied = `action = 'READ_PERSON' and outcome = 'DENIED' and actor_fiscal_code = '${USERS.counter.fiscalCode}'`;
    assert.equal(
      await countRows(
        w.database.db,
        'access_log',
        `${denied} and person_fiscal_code = '${PEOPLE.bra.fiscalCode}'`,
      ),
      1,
    );
    assert.equal(
      await countRows(
        w.database.db,
        'access_log',
        `${denied} and person_fiscal_code = '${PEOPLE.torino.fiscalCode}'`,
      ),
      0,
    );
    assert.equal(
      (await lookup(USERS.specialist.username, 'NNTPRS90A01L219S')).json().code,
      'PERSON_NOT_FOUND',
    );
    assert.equal((await lookup(USERS.specialist.username, 'NNTPRS90A01L219X')).statusCode, 400);
    assert.equal((await lookup(USERS.gp.username, PEOPLE.torino.fiscalCode)).statusCode, 403);
    assert.equal((await lookup(USERS.citizen.username, PEOPLE.torino.fiscalCode)).statusCode, 403);
  });

  test('the OpenAPI document describes the new endpoints, with tags and content types', async () => {
    const doc = (await w.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    const expected: Array<[string, string, string]> = [
      ['/api/cases', 'post', 'pratiche'],
      ['/api/cases/suggest-codes', 'get', 'pratiche'],
      ['/api/cases/{caseNumber}/cancel', 'post', 'pratiche'],
      ['/api/people/{fiscalCode}', 'get', 'anagrafe'],
      ['/api/me/exemptions', 'get', 'cittadino'],
      ['/api/me/exemptions/{id}/attestato.pdf', 'get', 'cittadino'],
      ['/api/me/cases', 'get', 'cittadino'],
      ['/api/me/cases', 'post', 'cittadino'],
      ['/api/me/cases/{caseNumber}', 'get', 'cittadino'],
      ['/api/me/cases/{caseNumber}/cancel', 'post', 'cittadino'],
      ['/api/delegations', 'post', 'deleghe'],
      ['/api/delegations', 'get', 'deleghe'],
      ['/api/delegations/{id}/revoke', 'post', 'deleghe'],
      ['/api/notifications', 'get', 'notifiche'],
      ['/api/notifications/{id}/read', 'post', 'notifiche'],
      ['/api/admin/mail-outbox', 'get', 'amministrazione'],
    ];
    for (const [path, method, tag] of expected) {
      const op = doc.paths[path]?.[method];
      assert.ok(op, `${method} ${path}`);
      assert.deepEqual(op.tags, [tag], path);
      assert.ok(op.summary.length > 5, path);
    }
    assert.deepEqual(Object.keys(doc.paths['/api/cases'].post.requestBody.content).sort(), [
      'application/json',
      'multipart/form-data',
    ]);
    assert.ok(
      doc.paths['/api/cases'].post.requestBody.content['application/json'].schema.properties.issuedOn,
    );
  });
});
