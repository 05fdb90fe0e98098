/**
 * Issue 11 §6 in the web client, without a browser: who is offered the sender's «Annulla», what the
 * cancel tells them, and that a 409 naming another rule (CERTIFICATE_MISSING) is not reported as
 * someone else's change.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CaseDetail, Problem } from '@esenzioni/domain';
import { ApiError } from '../src/api/client';
import { isConflict } from '../src/features/case-detail/conflict';
import { canCancelAsSender, executeSenderCancel } from '../src/features/case-detail/senderCancel';

const N = '202601030100000042';
const ME = 'SPCMRC70A01L219G';
const sent = (status: CaseDetail['status'], fiscalCode: string | null = ME) =>
  ({ status, submitter: { type: 'DOCTOR', fiscalCode } }) as Pick<CaseDetail, 'status' | 'submitter'>;
const problem = (over: Partial<Problem>): Problem => ({
  type: 'about:blank',
  title: 'x',
  status: 409,
  code: 'CERTIFICATE_MISSING',
  detail: 'x',
  correlationId: 'c',
  ...over,
});

describe('the sender’s «Annulla»', () => {
  test('offered to the specialist and the counter who sent the case, while INVIATA', () => {
    assert.equal(canCancelAsSender(sent('SUBMITTED'), 'SPECIALIST', ME), true);
    assert.equal(canCancelAsSender(sent('SUBMITTED'), 'ADMIN_OPERATOR', ME), true);
    assert.equal(canCancelAsSender(sent('IN_PROGRESS'), 'SPECIALIST', ME), false);
    assert.equal(canCancelAsSender(sent('SUBMITTED', 'ALTRO00A01L219X'), 'ADMIN_OPERATOR', ME), false);
    assert.equal(canCancelAsSender(sent('SUBMITTED'), 'DISTRICT_OPERATOR', ME), false);
    assert.equal(canCancelAsSender(sent('SUBMITTED'), 'SPECIALIST', undefined), false);
  });

  test('success names the case; a refusal in the state reloads and says so', async () => {
    const ok = await executeSenderCancel(N, {
      send: async () => ({ caseNumber: N, status: 'CANCELLED' }) as CaseDetail,
      reload: async () => null,
    });
    assert.deepEqual(ok.feedback, { kind: 'success', text: `Pratica ${N} annullata con successo` });
    let reloads = 0;
    const refused = await executeSenderCancel(N, {
      send: async () => {
        throw new ApiError(
          409,
          problem({ code: 'TRANSITION_NOT_ALLOWED', currentStatus: 'IN_PROGRESS' }),
          'x',
        );
      },
      reload: async () => {
        reloads++;
        return null;
      },
    });
    assert.equal(refused.ok, false);
    assert.equal(reloads, 1);
    assert.match(refused.feedback.title ?? '', /^Operazione «Annulla» non eseguita/);
  });
});

test('a 409 CERTIFICATE_MISSING is an error of the case, not a conflict', () => {
  assert.equal(isConflict(new ApiError(409, problem({}), 'x')), false);
  assert.equal(isConflict(new ApiError(409, problem({ code: 'TRANSITION_NOT_ALLOWED' }), 'x')), true);
  assert.equal(isConflict(new ApiError(412, problem({ status: 412, code: 'VERSION_CONFLICT' }), 'x')), true);
  assert.equal(isConflict(new ApiError(409, null, 'x')), true);
});
