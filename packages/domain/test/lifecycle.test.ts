/**
 * The case life-cycle as a table (GLOSSARY.md, DOMAIN.md §2): every command × every status.
 * The expected table is written out here, not derived from ALLOWED_FROM, so a change in the code shows.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CASE_STATUSES,
  CASE_STATUS_LABELS,
  ROLES,
  VIEW_STATUSES,
  type CaseStatus,
  type Role,
} from '../src/enums.js';
import { DomainError, isDomainError } from '../src/errors.js';
import {
  CASE_COMMANDS,
  COMMAND_LABELS,
  FINAL_STATUSES,
  applyCommand,
  availableCommands,
  canApply,
  isFinal,
  statusesAfter,
  viewOf,
  type CaseCommand,
} from '../src/lifecycle.js';

const CASE = '202401021100000023';

/** null = TRANSITION_NOT_ALLOWED; otherwise the statuses the command passes through (one history row each). */
const EXPECTED: Record<CaseCommand, Record<CaseStatus, CaseStatus[] | null>> = {
  takeCharge: {
    SUBMITTED: ['IN_PROGRESS'],
    IN_PROGRESS: null,
    VALIDATED: null,
    REJECTED: null,
    CANCELLED: null,
  },
  validate: {
    SUBMITTED: ['IN_PROGRESS', 'VALIDATED'], // records the take-charge too
    IN_PROGRESS: ['VALIDATED'],
    VALIDATED: null,
    REJECTED: null,
    CANCELLED: null,
  },
  reject: {
    SUBMITTED: ['REJECTED'],
    IN_PROGRESS: ['REJECTED'],
    VALIDATED: null,
    REJECTED: null,
    CANCELLED: null,
  },
  cancel: {
    SUBMITTED: ['CANCELLED'],
    IN_PROGRESS: ['CANCELLED'],
    VALIDATED: null,
    REJECTED: null,
    CANCELLED: null,
  },
  addNote: {
    SUBMITTED: ['SUBMITTED'], // a note does not change the state
    IN_PROGRESS: ['IN_PROGRESS'],
    VALIDATED: null,
    REJECTED: null,
    CANCELLED: null,
  },
};

const ITALIAN_STATUS: Record<CaseStatus, string> = {
  SUBMITTED: 'Inviata',
  IN_PROGRESS: 'In lavorazione',
  VALIDATED: 'Validata',
  REJECTED: 'Respinta',
  CANCELLED: 'Annullata',
};

/** Runs `fn`, asserts it throws a DomainError and returns it. */
function thrown(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    assert.ok(isDomainError(e), `expected a DomainError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected an exception');
}

describe('the table covers exactly the commands and statuses of the code', () => {
  test('commands', () => {
    assert.deepEqual([...CASE_COMMANDS].sort(), Object.keys(EXPECTED).sort());
  });
  test('statuses', () => {
    assert.deepEqual([...CASE_STATUSES].sort(), Object.keys(ITALIAN_STATUS).sort());
    assert.deepEqual(CASE_STATUS_LABELS, ITALIAN_STATUS);
  });
});

describe('applyCommand: command × status', () => {
  for (const command of CASE_COMMANDS) {
    for (const status of CASE_STATUSES) {
      const expected = EXPECTED[command][status];
      if (expected) {
        test(`${command} from ${status} → ${expected.join(' → ')}`, () => {
          assert.equal(canApply(command, status), true);
          assert.deepEqual(applyCommand(CASE, command, status), expected);
          assert.deepEqual(statusesAfter(command, status), expected);
        });
      } else {
        test(`${command} from ${status} → TRANSITION_NOT_ALLOWED`, () => {
          assert.equal(canApply(command, status), false);
          const e = thrown(() => applyCommand(CASE, command, status));
          assert.equal(e.code, 'TRANSITION_NOT_ALLOWED');
          assert.equal(e.title, 'Operazione non consentita nello stato attuale');
          assert.ok(e.detail.includes(CASE), e.detail);
          assert.ok(e.detail.includes(`«${ITALIAN_STATUS[status]}»`), e.detail);
          assert.ok(e.detail.includes(`«${COMMAND_LABELS[command]}»`), e.detail);
          assert.equal(e.extra.currentStatus, status);
        });
      }
    }
  }

  test('the detail reads as an Italian sentence', () => {
    const e = thrown(() => applyCommand(CASE, 'validate', 'REJECTED'));
    assert.equal(
      e.detail,
      `La pratica ${CASE} è nello stato «Respinta»: l'operazione «Valida» non è consentita.`,
    );
  });

  test('the detail names who set the current state, when known', () => {
    const lastChange = {
      at: '2024-03-01T10:00:00Z',
      actorFiscalCode: 'RSSMRA80A01H501U',
      actorRole: 'DISTRICT_OPERATOR' as const,
    };
    const e = thrown(() => applyCommand(CASE, 'takeCharge', 'IN_PROGRESS', lastChange));
    assert.equal(
      e.detail,
      `La pratica ${CASE} è nello stato «In lavorazione», impostato da RSSMRA80A01H501U (DISTRICT_OPERATOR): ` +
        `l'operazione «Prendi in carico» non è consentita.`,
    );
    assert.deepEqual(e.extra.lastChange, lastChange);
  });

  test('command labels are the Italian button texts', () => {
    assert.deepEqual(COMMAND_LABELS, {
      takeCharge: 'Prendi in carico',
      validate: 'Valida',
      reject: 'Respingi',
      cancel: 'Annulla',
      addNote: 'Salva nota',
    });
  });
});

describe('final statuses', () => {
  test('VALIDATED, REJECTED and CANCELLED are final; nothing is allowed from them', () => {
    assert.deepEqual([...FINAL_STATUSES].sort(), ['CANCELLED', 'REJECTED', 'VALIDATED']);
    for (const status of CASE_STATUSES) {
      const final = ['VALIDATED', 'REJECTED', 'CANCELLED'].includes(status);
      assert.equal(isFinal(status), final, status);
      assert.equal(
        CASE_COMMANDS.some((c) => canApply(c, status)),
        !final,
        status,
      );
    }
  });

  test('every path from SUBMITTED ends in a final status', () => {
    // walk the graph: from any non-final status some command leads on, and no command leads back to SUBMITTED
    const reachable = new Set<CaseStatus>(['SUBMITTED']);
    let grew = true;
    while (grew) {
      grew = false;
      for (const s of [...reachable]) {
        for (const c of CASE_COMMANDS) {
          if (!canApply(c, s)) continue;
          for (const next of statusesAfter(c, s)) {
            if (!reachable.has(next)) {
              reachable.add(next);
              grew = true;
            }
          }
        }
      }
    }
    assert.deepEqual([...reachable].sort(), [...CASE_STATUSES].sort());
    for (const c of CASE_COMMANDS) {
      assert.ok(!statusesAfter(c, 'IN_PROGRESS').includes('SUBMITTED'), c);
    }
  });
});

describe('availableCommands: what each role sees as buttons', () => {
  const none: CaseCommand[] = [];
  const districtOperator: Record<CaseStatus, CaseCommand[]> = {
    SUBMITTED: ['takeCharge', 'validate', 'reject', 'addNote'],
    IN_PROGRESS: ['validate', 'reject', 'addNote'],
    VALIDATED: none,
    REJECTED: none,
    CANCELLED: none,
  };
  // whoever sent the case may withdraw it before a decision (ownership is checked by the service)
  const sender: Record<CaseStatus, CaseCommand[]> = {
    SUBMITTED: ['cancel'],
    IN_PROGRESS: ['cancel'],
    VALIDATED: none,
    REJECTED: none,
    CANCELLED: none,
  };
  const nothing: Record<CaseStatus, CaseCommand[]> = {
    SUBMITTED: none,
    IN_PROGRESS: none,
    VALIDATED: none,
    REJECTED: none,
    CANCELLED: none,
  };
  const EXPECTED_BY_ROLE: Record<Role, Record<CaseStatus, CaseCommand[]>> = {
    DISTRICT_OPERATOR: districtOperator,
    SPECIALIST: sender,
    ADMIN_OPERATOR: sender,
    CITIZEN: sender,
    GP: nothing,
    ADMIN: nothing,
  };

  test('the table covers every role', () => {
    assert.deepEqual([...ROLES].sort(), Object.keys(EXPECTED_BY_ROLE).sort());
  });

  for (const role of ROLES) {
    for (const status of CASE_STATUSES) {
      test(`${role} in ${status}: ${EXPECTED_BY_ROLE[role][status].join(', ') || 'nothing'}`, () => {
        assert.deepEqual(availableCommands(status, role), EXPECTED_BY_ROLE[role][status]);
      });
    }
  }

  test('an available command is always one applyCommand accepts', () => {
    for (const role of ROLES) {
      for (const status of CASE_STATUSES) {
        for (const c of availableCommands(status, role)) {
          assert.doesNotThrow(() => applyCommand(CASE, c, status), `${role} ${c} ${status}`);
        }
      }
    }
  });
});

describe('viewOf: "Pratiche da fare" and "Pratiche chiuse"', () => {
  const expected: Record<CaseStatus, 'todo' | 'closed'> = {
    SUBMITTED: 'todo',
    IN_PROGRESS: 'todo',
    VALIDATED: 'closed',
    REJECTED: 'closed',
    CANCELLED: 'closed',
  };
  for (const status of CASE_STATUSES) {
    test(`${status} → ${expected[status]}`, () => {
      assert.equal(viewOf(status), expected[status]);
      assert.ok(VIEW_STATUSES[expected[status]].includes(status), 'VIEW_STATUSES agrees');
    });
  }

  test('closed = final', () => {
    for (const status of CASE_STATUSES) assert.equal(viewOf(status) === 'closed', isFinal(status), status);
  });

  test('an unknown status is refused, not silently put in a view', () => {
    assert.throws(() => viewOf('EXPIRED' as CaseStatus), /unknown status EXPIRED/);
  });
});
