import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { login, startWorld, type TestWorld } from './helpers/app.js';
import { loginWithProfile } from './helpers/profile-login.js';
import { countRows, newCase, USERS } from './helpers/fixtures.js';
import { CASE_COMMAND_CATALOGUE, isDomainError, parseCaseNumber } from '@esenzioni/domain';
import type { Actor } from '../src/auth/actor.js';
import type { Tx } from '../src/db/client.js';
import { commitTransition, findCase, type CaseRow } from '../src/db/repositories/cases.js';
import { caseScope } from '../src/db/repositories/scope.js';
import { runCaseCommand } from '../src/services/cases/run-case-command.js';

let w: TestWorld;
before(async () => {
  w = await startWorld();
});
after(() => w.close());

test('two operators take charge of one case at once: exactly one succeeds, the other is told who acted; one history row', async () => {
  const n = await newCase(w.database.db, 'torino');
  const a = await login(w.app, 'op.torino');
  const b = await loginWithProfile(w.app, 'multi', 0);
  const results = await Promise.all(
    [a, b].map((c) => c.req({ method: 'POST', url: `/api/cases/${n}/take-charge`, payload: {}, ifMatch: 1 })),
  );
  const codes = results.map((r) => r.statusCode).sort();
  assert.equal(codes[0], 200);
  // the loser sent If-Match 1 too: whether it read before or after the winner's commit, the version
  // check decides (the stale read or the compare-and-set that updates no row), never the life-cycle
  assert.equal(codes[1], 412, `second answer ${codes[1]}`);
  const loser = results.find((r) => r.statusCode !== 200)!.json();
  assert.ok(loser.lastChange?.actorFiscalCode, 'the conflict names who acted');
  assert.equal(loser.currentStatus, 'IN_PROGRESS', 'and the state they left');
  const caseId = `(select id from exemption_case where case_number = '${n}')`;
  assert.equal(
    await countRows(w.database.db, 'case_history', `case_id = ${caseId} and status = 'IN_PROGRESS'`),
    1,
  );
});

const operator = (fiscalCode: string): Actor => ({
  userId: null,
  apiKeyId: null,
  fiscalCode,
  role: 'DISTRICT_OPERATOR',
  aslId: '010301',
  districtId: null,
});
const OTHER_OPERATOR = 'MMNSST70A01L219Z';

/** A take-charge by `by` of the case row `c`, expecting the version `c` has: the other writer's commit. */
const takeChargeOf = (tx: Tx, c: CaseRow, by: string, expectedVersion = c.version) => {
  const at = new Date();
  return commitTransition(tx, {
    caseId: c.id,
    expectedVersion,
    change: { status: 'IN_PROGRESS', at, actorFiscalCode: by, actorRole: 'DISTRICT_OPERATOR' },
    history: [
      {
        at,
        actorFiscalCode: by,
        actorRole: 'DISTRICT_OPERATOR',
        action: 'takeCharge',
        status: 'IN_PROGRESS',
        beneficiaryNote: null,
        internalNote: null,
      },
    ],
    event: null,
    issueExemption: false,
  });
};

test('commitTransition is a compare-and-set: a second write expecting the same version changes nothing', async () => {
  const n = await newCase(w.database.db, 'torino');
  const caseId = `(select id from exemption_case where case_number = '${n}')`;
  await w.database.db.transaction(async (tx) => {
    const c = (await findCase(tx, caseScope(operator(USERS.opTorino.fiscalCode)), n))!;
    assert.equal(c.version, 1);
    const first = await takeChargeOf(tx, c, OTHER_OPERATOR);
    assert.equal(first?.version, 2, 'the first writer moves the version');
    // the second writer read version 1 too: its statement must update no row and write nothing with it
    const second = await takeChargeOf(tx, c, USERS.opTorino.fiscalCode, 1);
    assert.equal(second, undefined, 'the stale write is refused');
  });
  assert.equal(
    await countRows(w.database.db, 'case_history', `case_id = ${caseId} and status = 'IN_PROGRESS'`),
    1,
  );
  assert.equal(
    await countRows(
      w.database.db,
      'exemption_case',
      `id = ${caseId} and version = 2 and last_actor_fiscal_code = '${OTHER_OPERATOR}'`,
    ),
    1,
  );
});

test('a command whose read passed the version check is stopped by the compare-and-set when another commits first: 412 naming who acted', async () => {
  const n = await newCase(w.database.db, 'torino');
  const ctx = {
    db: w.database.db,
    actor: operator(USERS.opTorino.fiscalCode),
    correlationId: 'concurrency-test',
  };
  let otherCommitted = false;
  // finalSet runs between the command's read (version 1, If-Match 1: the pre-check passes) and its
  // compare-and-set: the other operator's take-charge lands exactly there
  const error = await runCaseCommand(ctx, n, 1, {
    entry: CASE_COMMAND_CATALOGUE.validate,
    notes: {},
    finalSet: async (tx, c) => {
      otherCommitted = (await takeChargeOf(tx, c, OTHER_OPERATOR)) !== undefined;
      return {};
    },
  }).then(
    () => assert.fail('the command overwrote the other operator'),
    (e: unknown) => e,
  );
  assert.ok(otherCommitted, 'the other write happened between read and write');
  assert.ok(isDomainError(error), String(error));
  assert.equal(error.code, 'VERSION_CONFLICT');
  assert.equal(error.extra.currentVersion, 2);
  assert.deepEqual((error.extra.lastChange as { actorFiscalCode: string }).actorFiscalCode, OTHER_OPERATOR);
  // the command rolled back whole: no validation, no registry row
  const caseId = `(select id from exemption_case where case_number = '${n}')`;
  assert.equal(
    await countRows(w.database.db, 'case_history', `case_id = ${caseId} and status = 'VALIDATED'`),
    0,
  );
  assert.equal(await countRows(w.database.db, 'registry_exemption', `case_id = ${caseId}`), 0);
});

test('50 concurrent case creations in one ASL get 50 distinct, consecutive numbers', async () => {
  const before = await countRows(w.database.db, 'exemption_case', "asl_id = '010211'");
  const numbers = await Promise.all(
    Array.from({ length: 50 }, (_, i) => newCase(w.database.db, i % 2 ? 'bra' : 'alba', '048')),
  );
  assert.equal(new Set(numbers).size, 50);
  const progressives = numbers
    .map((n) => parseCaseNumber(n)!)
    .map((p) => {
      assert.equal(p.aslId, '010211');
      return p.progressive;
    });
  progressives.sort((x, y) => x - y);
  for (let i = 1; i < progressives.length; i++) assert.equal(progressives[i], progressives[i - 1]! + 1);
  assert.equal(progressives[0], before + 1);
});
