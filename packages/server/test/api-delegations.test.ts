import { after, before, describe, test } from 'node:test';
import { C01_VERBALE } from './helpers/invalidity.js';
import assert from 'node:assert/strict';
import { todayInRome } from '@esenzioni/domain';
import { login, type Client, type TestWorld } from './helpers/app.js';
import { loginAll, startPortalWorld } from './helpers/portal-world.js';
import { countRows, PEOPLE, USERS } from './helpers/fixtures.js';
import { JPEG_BYTES, fields, multipartBody, pdf } from './helpers/uploads.js';

let w: TestWorld;
let lucia: Client;
let giovanni: Client;
let mario: Client;
let counter: Client;
let spec: Client;
const today = todayInRome();
const L = PEOPLE.lucia.fiscalCode;
let delegationId = '';
let luciaCase = '';
let exemptionId = '';

const delegateSends = (c: Client, onBehalfOf: string) => {
  const { payload, headers } = multipartBody([
    ...fields({ exemptionCode: 'C01', issuedOn: '2021-03-01', onBehalfOf, ...C01_VERBALE }),
    { name: 'certificate', file: pdf('verbale.pdf') },
    { name: 'identityDocument', file: { filename: 'ci.jpg', bytes: JPEG_BYTES, contentType: 'image/jpeg' } },
  ]);
  return c.req({ method: 'POST', url: '/api/me/cases', payload, headers });
};

before(async () => {
  w = await startPortalWorld();
  [lucia, giovanni, mario, counter, spec] = await loginAll(
    w.app,
    USERS.lucia.username,
    USERS.giovanni.username,
    USERS.citizen.username,
    USERS.counter.username,
    USERS.specialist.username,
  );
  luciaCase = (
    await spec.req({
      method: 'POST',
      url: '/api/cases',
      payload: { beneficiaryFiscalCode: L, exemptionCode: '048', diagnosisCode: '174.9', issuedOn: today },
    })
  ).json().caseNumber;
  const op = await login(w.app, USERS.opTorino.username);
  await op.req({ method: 'POST', url: `/api/cases/${luciaCase}/validate`, payload: {}, ifMatch: 1 });
});
after(() => w.close());

describe('delegations', () => {
  test('the delegator delegates online; both see it', async () => {
    const res = await lucia.req({
      method: 'POST',
      url: '/api/delegations',
      payload: { delegateFiscalCode: PEOPLE.giovanni.fiscalCode },
    });
    assert.equal(res.statusCode, 201, res.body);
    const d = res.json();
    delegationId = d.id;
    assert.equal(d.state, 'ACTIVE');
    // the delegator is named to themselves; the delegate is the fiscal code typed, never a name (issue 9)
    assert.deepEqual(
      [d.delegator.lastName, d.delegate.fiscalCode, d.delegate.lastName, d.validFrom, d.validUntil],
      ['VERDI', PEOPLE.giovanni.fiscalCode, null, today, null],
    );
    const received = (await giovanni.req({ method: 'GET', url: '/api/delegations' })).json().asDelegate[0];
    assert.equal(received.id, d.id);
    // the delegate, who may act for the delegator, sees the delegator's name
    assert.equal(received.delegator.lastName, 'VERDI');
    assert.equal(
      (await lucia.req({ method: 'GET', url: '/api/delegations' })).json().asDelegator[0].id,
      d.id,
    );
    const again = await lucia.req({
      method: 'POST',
      url: '/api/delegations',
      payload: { delegateFiscalCode: PEOPLE.giovanni.fiscalCode },
    });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().code, 'DELEGATION_ALREADY_ACTIVE');
    const forOther = await lucia.req({
      method: 'POST',
      url: '/api/delegations',
      payload: {
        delegatorFiscalCode: PEOPLE.torino.fiscalCode,
        delegateFiscalCode: PEOPLE.giovanni.fiscalCode,
      },
    });
    assert.equal(forOther.statusCode, 403);
    const self = await lucia.req({
      method: 'POST',
      url: '/api/delegations',
      payload: { delegateFiscalCode: L },
    });
    assert.equal(self.statusCode, 400);
  });

  test('the delegate reads the delegator’s cases and exemptions, sends and cancels for them', async () => {
    const cases = await giovanni.req({ method: 'GET', url: `/api/me/cases?onBehalfOf=${L}` });
    assert.equal(cases.statusCode, 200, cases.body);
    assert.deepEqual(
      cases.json().items.map((i: { caseNumber: string }) => i.caseNumber),
      [luciaCase],
    );
    const ex = (await giovanni.req({ method: 'GET', url: `/api/me/exemptions?onBehalfOf=${L}` })).json();
    exemptionId = ex.items[0].id;
    assert.equal(
      (
        await giovanni.req({
          method: 'GET',
          url: `/api/me/exemptions/${exemptionId}/attestato.pdf?onBehalfOf=${L}`,
        })
      ).statusCode,
      200,
    );
    const sent = await delegateSends(giovanni, L);
    assert.equal(sent.statusCode, 201, sent.body);
    assert.deepEqual(sent.json().submitter, { type: 'DELEGATE', fiscalCode: PEOPLE.giovanni.fiscalCode });
    assert.equal(sent.json().beneficiary.fiscalCode, L);
    const cancel = await giovanni.req({
      method: 'POST',
      url: `/api/me/cases/${sent.json().caseNumber}/cancel?onBehalfOf=${L}`,
      payload: {},
      ifMatch: 1,
    });
    assert.equal(cancel.json().status, 'CANCELLED');
    // the delegator's access log names the delegate's reads
    assert.ok(
      (await lucia.req({ method: 'GET', url: '/api/me/access-log' }))
        .json()
        .items.some((i: { action: string }) => i.action === 'READ_EXEMPTIONS'),
    );
    // and the delegate may read the delegator's access log, without the delegator's own reads
    await lucia.req({ method: 'GET', url: '/api/me/exemptions' });
    const log = await giovanni.req({ method: 'GET', url: `/api/me/access-log?onBehalfOf=${L}` });
    assert.equal(log.statusCode, 200, log.body);
    const actions = log.json().items.map((i: { action: string; role: string }) => `${i.role}:${i.action}`);
    assert.ok(actions.includes('DISTRICT_OPERATOR:VALIDATE'), actions.join());
    // the delegate's read is there, the delegator's own is not
    assert.equal(actions.filter((a: string) => a === 'CITIZEN:READ_EXEMPTIONS').length, 1, actions.join());
  });

  test('acting for someone who has not delegated you is 404, and nothing is stored', async () => {
    const before = await countRows(w.database.db, 'exemption_case');
    for (const url of [
      `/api/me/cases?onBehalfOf=${L}`,
      `/api/me/exemptions?onBehalfOf=${L}`,
      `/api/me/cases/${luciaCase}?onBehalfOf=${L}`,
    ]) {
      const res = await mario.req({ method: 'GET', url });
      assert.equal(res.statusCode, 404, url);
      assert.equal(res.json().code, 'DELEGATION_NOT_FOUND');
    }
    assert.equal((await delegateSends(mario, L)).statusCode, 404);
    assert.equal(await countRows(w.database.db, 'exemption_case'), before);
  });

  test('after revocation the delegate gets 404 at once, everywhere', async () => {
    assert.equal(
      (await mario.req({ method: 'POST', url: `/api/delegations/${delegationId}/revoke`, payload: {} }))
        .statusCode,
      404,
    );
    const open = await delegateSends(giovanni, L);
    assert.equal(open.statusCode, 201);
    const revoked = await lucia.req({
      method: 'POST',
      url: `/api/delegations/${delegationId}/revoke`,
      payload: {},
    });
    assert.equal(revoked.statusCode, 200, revoked.body);
    assert.equal(revoked.json().state, 'REVOKED');
    const urls = [
      `/api/me/cases?onBehalfOf=${L}`,
      `/api/me/cases/${luciaCase}?onBehalfOf=${L}`,
      `/api/me/exemptions?onBehalfOf=${L}`,
      `/api/me/exemptions/${exemptionId}/attestato.pdf?onBehalfOf=${L}`,
      `/api/me/access-log?onBehalfOf=${L}`,
    ];
    for (const url of urls) assert.equal((await giovanni.req({ method: 'GET', url })).statusCode, 404, url);
    const cancel = await giovanni.req({
      method: 'POST',
      url: `/api/me/cases/${open.json().caseNumber}/cancel?onBehalfOf=${L}`,
      payload: {},
      ifMatch: 1,
    });
    assert.equal(cancel.statusCode, 404);
    assert.equal((await delegateSends(giovanni, L)).statusCode, 404);
  });

  test('a delegation not yet started or expired gives no access', async () => {
    const tomorrow = new Date(Date.now() + 36 * 3600_000).toISOString().slice(0, 10);
    const future = await lucia.req({
      method: 'POST',
      url: '/api/delegations',
      payload: { delegateFiscalCode: PEOPLE.giovanni.fiscalCode, validFrom: tomorrow },
    });
    assert.equal(future.json().state, 'NOT_YET_VALID');
    assert.equal(
      (await giovanni.req({ method: 'GET', url: `/api/me/cases?onBehalfOf=${L}` })).statusCode,
      404,
    );
    await w.database.db.execute(
      `update delegation set valid_from = '2020-01-01', valid_until = '2020-12-31' where id = ${future.json().id}` as never,
    );
    assert.equal(
      (await giovanni.req({ method: 'GET', url: `/api/me/cases?onBehalfOf=${L}` })).statusCode,
      404,
    );
    assert.equal(
      (await lucia.req({ method: 'GET', url: '/api/delegations' })).json().asDelegator[0].state,
      'EXPIRED',
    );
  });

  test('the counter registers a delegation between two residents of its ASL, and may revoke it', async () => {
    const res = await counter.req({
      method: 'POST',
      url: '/api/delegations',
      payload: {
        delegatorFiscalCode: PEOPLE.torino.fiscalCode,
        delegateFiscalCode: PEOPLE.torino2.fiscalCode,
        validUntil: '2099-12-31',
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    const other = await counter.req({
      method: 'POST',
      url: '/api/delegations',
      payload: { delegatorFiscalCode: PEOPLE.bra.fiscalCode, delegateFiscalCode: PEOPLE.torino2.fiscalCode },
    });
    assert.equal(other.json().code, 'PERSON_UNKNOWN');
    assert.equal(other.json().issues[0].field, 'delegatorFiscalCode');
    const readsBefore = await countRows(
      w.database.db,
      'access_log',
      `action = 'READ_PERSON' and person_fiscal_code = '${PEOPLE.torino2.fiscalCode}'`,
    );
    const list = (
      await counter.req({ method: 'GET', url: `/api/delegations?fiscalCode=${PEOPLE.torino2.fiscalCode}` })
    ).json();
    assert.equal(list.asDelegate[0].id, res.json().id);
    // looking up a resident's delegations at the counter is a read of that person's data, audited
    assert.equal(
      await countRows(
        w.database.db,
        'access_log',
        `action = 'READ_PERSON' and person_fiscal_code = '${PEOPLE.torino2.fiscalCode}'`,
      ),
      readsBefore + 1,
    );
    assert.equal(
      (
        await counter.req({ method: 'POST', url: `/api/delegations/${res.json().id}/revoke`, payload: {} })
      ).json().state,
      'REVOKED',
    );
    assert.equal((await spec.req({ method: 'GET', url: '/api/delegations' })).statusCode, 403);
  });
});
