/**
 * The case commands of the web client without a browser: the URL of each command from the domain's
 * catalogue (staff and citizen routes), the body built from the notes, and what the user is told on
 * success, on a conflict (409/412: the case is reloaded and the message names who acted and the state
 * now) and on any other failure.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CASE_COMMANDS, type CaseDetail, type Problem } from '@esenzioni/domain';
import { CASE_COMMAND_CATALOGUE } from '@esenzioni/domain/commands';
import { ApiError } from '../src/api/client';
import { commandUrl } from '../src/api/cases';
import {
  SUCCESS,
  commandBody,
  executeCommand,
  type CommandIo,
  type DistrictCommand,
} from '../src/features/case-detail/commandRun';

const N = '202601030100000042';
const NOTES = { beneficiaryNote: '  Portare il documento.  ', internalNote: '' };

const detail = (over: Partial<CaseDetail> = {}): CaseDetail =>
  ({ caseNumber: N, version: 3, status: 'IN_PROGRESS', lastChange: null, ...over }) as CaseDetail;

const problem = (over: Partial<Problem>): Problem => ({
  type: 'about:blank',
  title: 'x',
  status: 412,
  code: 'VERSION_CONFLICT',
  detail: 'x',
  correlationId: 'c',
  ...over,
});

/** Records what was sent and reloaded; answers with `answer` (a case, or an error to throw). */
function fakeIo(answer: CaseDetail | Error, reloaded: CaseDetail | null = null) {
  const sent: Array<{ command: string; body: unknown }> = [];
  let reloads = 0;
  const io: CommandIo = {
    send: async (command, body) => {
      sent.push({ command, body });
      if (answer instanceof Error) throw answer;
      return answer;
    },
    reload: async () => {
      reloads++;
      return reloaded;
    },
  };
  return { io, sent, reloads: () => reloads };
}

describe('commandUrl: the route of each command comes from the catalogue', () => {
  test('staff routes, one per command, the path segment of its entry', () => {
    assert.deepEqual(
      CASE_COMMANDS.map((c) => commandUrl(N, c)),
      [
        `/api/cases/${N}/take-charge`,
        `/api/cases/${N}/validate`,
        `/api/cases/${N}/reject`,
        `/api/cases/${N}/cancel`,
        `/api/cases/${N}/notes`,
        `/api/cases/${N}/revoke`,
        `/api/cases/${N}/annul`,
        `/api/cases/${N}/diagnosis`,
      ],
    );
    for (const c of CASE_COMMANDS)
      assert.ok(commandUrl(N, c).endsWith(`/${CASE_COMMAND_CATALOGUE[c].path}`), c);
  });

  test("the citizen's cancel, for themselves or a delegator", () => {
    assert.equal(commandUrl(N, 'cancel', { as: 'citizen' }), `/api/me/cases/${N}/cancel`);
    assert.equal(
      commandUrl(N, 'cancel', { as: 'citizen', onBehalfOf: 'RSSMRA80A01H501U' }),
      `/api/me/cases/${N}/cancel?onBehalfOf=RSSMRA80A01H501U`,
    );
  });
});

describe('commandBody: the notes written, trimmed, and the reason of a rejection', () => {
  test('empty notes are left out', () => {
    assert.deepEqual(commandBody('takeCharge', { beneficiaryNote: ' ', internalNote: '' }), {});
    assert.deepEqual(commandBody('validate', NOTES), { beneficiaryNote: 'Portare il documento.' });
    assert.deepEqual(commandBody('addNote', { beneficiaryNote: '', internalNote: ' interna ' }), {
      internalNote: 'interna',
    });
  });

  test('a rejection carries its reason, and cannot be built without one', () => {
    assert.deepEqual(commandBody('reject', NOTES, 'MISSING_DOCUMENTS' as never), {
      reason: 'MISSING_DOCUMENTS',
      beneficiaryNote: 'Portare il documento.',
    });
    assert.throws(() => commandBody('reject', NOTES));
  });
});

describe('executeCommand: what the user is told', () => {
  test('success: the updated case and the success message of the command', async () => {
    for (const command of ['takeCharge', 'validate', 'reject', 'addNote'] as DistrictCommand[]) {
      const updated = detail({ version: 4 });
      const { io, sent, reloads } = fakeIo(updated);
      const outcome = await executeCommand(command, N, {} as never, io);
      assert.deepEqual(outcome, {
        ok: true,
        updated,
        feedback: { kind: 'success', text: SUCCESS[command](N) },
      });
      assert.deepEqual(sent, [{ command, body: {} }]);
      assert.equal(reloads(), 0);
    }
  });

  test('412: the case is reloaded and the message names who acted, when, and the state now', async () => {
    const lastChange = {
      at: '2026-03-01T09:05:00Z',
      actorFiscalCode: 'MMNSST70A01L219Z',
      actorRole: 'DISTRICT_OPERATOR' as const,
    };
    const conflict = new ApiError(412, problem({ lastChange, currentStatus: 'VALIDATED' }), 'x');
    const { io, reloads } = fakeIo(conflict, detail({ status: 'VALIDATED', version: 5, lastChange }));
    const outcome = await executeCommand('validate', N, {}, io);
    assert.equal(outcome.ok, false);
    assert.equal(reloads(), 1, 'the page shows what the other user did');
    assert.equal(outcome.feedback.kind, 'danger');
    assert.equal(
      outcome.feedback.title,
      'Operazione «Valida» non eseguita: la pratica è stata modificata da un altro utente',
    );
    assert.match(
      outcome.feedback.text,
      /^MMNSST70A01L219Z \(.+\) ha modificato la pratica il 01\/03\/2026 alle 10:05/,
    );
    assert.match(outcome.feedback.text, /Stato attuale: Validata\./);
    assert.match(outcome.feedback.text, /Le note scritte non sono state salvate\./);
  });

  test('409 without a reloaded case: the state comes from the problem', async () => {
    const conflict = new ApiError(
      409,
      problem({ status: 409, code: 'TRANSITION_NOT_ALLOWED', currentStatus: 'REJECTED' }),
      'x',
    );
    const { io, reloads } = fakeIo(conflict, null);
    const outcome = await executeCommand('takeCharge', N, {}, io);
    assert.equal(reloads(), 1);
    assert.match(
      outcome.feedback.text,
      /^Un altro utente ha modificato la pratica\. Stato attuale: Respinta\./,
    );
    assert.match(outcome.feedback.title ?? '', /«Prendi in carico» non eseguita/);
  });

  test('any other failure: no reload, the error in Italian under the command label', async () => {
    const refused = new ApiError(
      400,
      problem({
        status: 400,
        code: 'VALIDATION_FAILED',
        issues: [{ field: 'reason', message: 'Scegliere la motivazione.' }],
      }),
      'x',
    );
    const { io, reloads } = fakeIo(refused);
    const outcome = await executeCommand('reject', N, commandBody('reject', NOTES, 'OTHER' as never), io);
    assert.deepEqual(outcome, {
      ok: false,
      feedback: {
        kind: 'danger',
        title: 'Operazione «Respingi» non riuscita',
        text: 'Scegliere la motivazione.',
      },
    });
    assert.equal(reloads(), 0);
  });
});
