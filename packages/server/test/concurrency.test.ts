import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { login, startWorld, type TestWorld } from './helpers/app.js';
import { loginWithProfile } from './helpers/profile-login.js';
import { countRows, newCase } from './helpers/fixtures.js';
import { parseCaseNumber } from '@esenzioni/domain';

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
