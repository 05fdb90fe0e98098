/**
 * The case life-cycle as a table (GLOSSARY.md, docs/domain.md §2): every command × every status.
 * The expected table is written out here, not derived from ALLOWED_FROM, so a change in the code shows.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ACCESS_ACTIONS,
  CASE_STATUSES,
  CASE_STATUS_LABELS,
  ROLES,
  type AccessAction,
  VIEW_STATUSES,
  type CaseStatus,
  type Role,
} from '../src/enums.js';
import { DomainError, isDomainError } from '../src/errors.js';
import {
  CASE_COMMAND_CATALOGUE,
  CASE_COMMAND_ENTRIES,
  caseCommandEntry,
  commandOfPath,
} from '../src/commands.js';
import { CASE_COMMAND_BODIES } from '../src/command-bodies.js';
import { EVENT_TYPES, type EventType } from '../src/events.js';
import {
  ALLOWED_FROM,
  ALLOWED_ROLES,
  EXEMPTION_COMMANDS,
  EXEMPTION_LIFE_STATUSES,
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
    EXPIRING: null,
    EXPIRED: null,
    REVOKED: null,
  },
  validate: {
    SUBMITTED: ['IN_PROGRESS', 'VALIDATED'], // records the take-charge too
    IN_PROGRESS: ['VALIDATED'],
    VALIDATED: null,
    REJECTED: null,
    CANCELLED: null,
    EXPIRING: null,
    EXPIRED: null,
    REVOKED: null,
  },
  reject: {
    SUBMITTED: ['REJECTED'],
    IN_PROGRESS: ['REJECTED'],
    VALIDATED: null,
    REJECTED: null,
    CANCELLED: null,
    EXPIRING: null,
    EXPIRED: null,
    REVOKED: null,
  },
  cancel: {
    SUBMITTED: ['CANCELLED'],
    IN_PROGRESS: ['CANCELLED'],
    VALIDATED: null,
    REJECTED: null,
    CANCELLED: null,
    EXPIRING: null,
    EXPIRED: null,
    REVOKED: null,
  },
  addNote: {
    SUBMITTED: ['SUBMITTED'], // a note does not change the state
    IN_PROGRESS: ['IN_PROGRESS'],
    VALIDATED: null,
    REJECTED: null,
    CANCELLED: null,
    EXPIRING: null,
    EXPIRED: null,
    REVOKED: null,
  },
  // an exemption in force (VALIDATED or in its last days) is revoked; an ended one (EXPIRED, REVOKED) is not
  revoke: {
    SUBMITTED: null,
    IN_PROGRESS: null,
    VALIDATED: ['REVOKED'],
    REJECTED: null,
    CANCELLED: null,
    EXPIRING: ['REVOKED'],
    EXPIRED: null,
    REVOKED: null,
  },
  // docs/domain.md §2: CSI annuls from INV, LAV, VAL; the open states are the sender's «Annulla» here
  annul: {
    SUBMITTED: null,
    IN_PROGRESS: null,
    VALIDATED: ['CANCELLED'],
    REJECTED: null,
    CANCELLED: null,
    EXPIRING: ['CANCELLED'],
    EXPIRED: null,
    REVOKED: null,
  },
  // issue 17 §2: the district sets the diagnosis of an open case, the state stays
  correctDiagnosis: {
    SUBMITTED: ['SUBMITTED'],
    IN_PROGRESS: ['IN_PROGRESS'],
    VALIDATED: null,
    REJECTED: null,
    CANCELLED: null,
    EXPIRING: null,
    EXPIRED: null,
    REVOKED: null,
  },
};

const ITALIAN_STATUS: Record<CaseStatus, string> = {
  SUBMITTED: 'Inviata',
  IN_PROGRESS: 'In lavorazione',
  VALIDATED: 'Validata',
  REJECTED: 'Respinta',
  CANCELLED: 'Annullata',
  EXPIRING: 'In scadenza',
  EXPIRED: 'Scaduta',
  REVOKED: 'Revocata',
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
      revoke: 'Revoca',
      annul: 'Annulla esenzione',
      correctDiagnosis: 'Correggi diagnosi',
    });
  });
});

describe('final statuses', () => {
  test('VALIDATED, REJECTED, CANCELLED and the exemption states are final for the work on a case', () => {
    const finals = ['CANCELLED', 'EXPIRED', 'EXPIRING', 'REJECTED', 'REVOKED', 'VALIDATED'];
    assert.deepEqual([...FINAL_STATUSES].sort(), finals);
    assert.deepEqual([...EXEMPTION_COMMANDS].sort(), ['annul', 'revoke']);
    for (const status of CASE_STATUSES) {
      const final = finals.includes(status);
      assert.equal(isFinal(status), final, status);
      assert.equal(
        CASE_COMMANDS.some((c) => !EXEMPTION_COMMANDS.includes(c) && canApply(c, status)),
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
    // the exemption's own life (the expiry job: EXPIRING, EXPIRED) is not reached by the case commands;
    // REVOKED is, by «Revoca»
    const byJob: readonly CaseStatus[] = EXEMPTION_LIFE_STATUSES.filter((s) => s !== 'REVOKED');
    const byCommands = CASE_STATUSES.filter((s) => !byJob.includes(s));
    assert.deepEqual([...reachable].sort(), [...byCommands].sort());
    for (const c of CASE_COMMANDS) {
      assert.ok(!statusesAfter(c, 'IN_PROGRESS').includes('SUBMITTED'), c);
    }
  });
});

describe('availableCommands: what each role sees as buttons', () => {
  const none: CaseCommand[] = [];
  const districtOperator: Record<CaseStatus, CaseCommand[]> = {
    SUBMITTED: ['takeCharge', 'validate', 'reject', 'addNote', 'correctDiagnosis'],
    IN_PROGRESS: ['validate', 'reject', 'addNote', 'correctDiagnosis'],
    VALIDATED: ['revoke', 'annul'],
    REJECTED: none,
    CANCELLED: none,
    EXPIRING: ['revoke', 'annul'],
    EXPIRED: none,
    REVOKED: none,
  };
  // whoever sent the case may withdraw it before a decision (ownership is checked by the service)
  const sender: Record<CaseStatus, CaseCommand[]> = {
    SUBMITTED: ['cancel'],
    IN_PROGRESS: ['cancel'],
    VALIDATED: none,
    REJECTED: none,
    CANCELLED: none,
    EXPIRING: none,
    EXPIRED: none,
    REVOKED: none,
  };
  const nothing: Record<CaseStatus, CaseCommand[]> = {
    SUBMITTED: none,
    IN_PROGRESS: none,
    VALIDATED: none,
    REJECTED: none,
    CANCELLED: none,
    EXPIRING: none,
    EXPIRED: none,
    REVOKED: none,
  };
  const EXPECTED_BY_ROLE: Record<Role, Record<CaseStatus, CaseCommand[]>> = {
    DISTRICT_OPERATOR: districtOperator,
    SPECIALIST: sender,
    ADMIN_OPERATOR: sender,
    CITIZEN: sender,
    GP: nothing,
    ADMIN: nothing,
    ASL_MANAGER: nothing,
    REGION_ANALYST: nothing,
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
    EXPIRING: 'closed',
    EXPIRED: 'closed',
    REVOKED: 'closed',
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
    assert.throws(() => viewOf('ARCHIVED' as CaseStatus), /unknown status ARCHIVED/);
  });
});

describe('the command catalogue ties each command to its route, label, roles, access action and event', () => {
  /** Written out, not derived: renaming a route or an event shows here. */
  const EXPECTED_ENTRIES: Record<
    CaseCommand,
    { path: string; accessAction: AccessAction; emits: EventType | null; exemption: 'issues' | 'ends' | null }
  > = {
    takeCharge: {
      path: 'take-charge',
      accessAction: 'TAKE_CHARGE',
      emits: 'case.status-changed',
      exemption: null,
    },
    validate: {
      path: 'validate',
      accessAction: 'VALIDATE',
      emits: 'case.status-changed',
      exemption: 'issues',
    },
    reject: { path: 'reject', accessAction: 'REJECT', emits: 'case.status-changed', exemption: null },
    cancel: { path: 'cancel', accessAction: 'CANCEL', emits: 'case.status-changed', exemption: null },
    addNote: { path: 'notes', accessAction: 'ADD_NOTE', emits: null, exemption: null },
    revoke: { path: 'revoke', accessAction: 'REVOKE', emits: 'case.status-changed', exemption: 'ends' },
    annul: { path: 'annul', accessAction: 'ANNUL', emits: 'case.status-changed', exemption: 'ends' },
    correctDiagnosis: { path: 'diagnosis', accessAction: 'CORRECT_DIAGNOSIS', emits: null, exemption: null },
  };

  test('one entry per command, under its own name, in CASE_COMMANDS order', () => {
    assert.deepEqual(Object.keys(CASE_COMMAND_CATALOGUE).sort(), [...CASE_COMMANDS].sort());
    assert.deepEqual(
      CASE_COMMAND_ENTRIES.map((e) => e.command),
      [...CASE_COMMANDS],
    );
    for (const c of CASE_COMMANDS) assert.equal(caseCommandEntry(c).command, c);
  });

  test('every command has a route path, label, summary, roles, access action, event and body schema', () => {
    for (const e of CASE_COMMAND_ENTRIES) {
      const want = EXPECTED_ENTRIES[e.command];
      assert.equal(e.path, want.path, e.command);
      assert.match(e.path, /^[a-z]+(-[a-z]+)*$/, `${e.command}: a URL segment`);
      assert.equal(e.accessAction, want.accessAction, e.command);
      assert.ok(ACCESS_ACTIONS.includes(e.accessAction), e.command);
      assert.equal(e.emits, want.emits, e.command);
      if (e.emits) assert.ok(Object.values(EVENT_TYPES).includes(e.emits), e.command);
      assert.equal(e.exemption, want.exemption, e.command);
      assert.ok(e.label.length > 0 && e.summary.length > 0, e.command);
      assert.ok(e.roles.length > 0 && e.roles.every((r) => ROLES.includes(r)), e.command);
      assert.ok(CASE_COMMAND_BODIES[e.command], `${e.command}: body schema`);
    }
  });

  test('the route set equals the catalogue: paths are distinct and each leads back to its command', () => {
    const paths = CASE_COMMAND_ENTRIES.map((e) => e.path);
    assert.equal(new Set(paths).size, paths.length);
    assert.deepEqual(
      paths.sort(),
      Object.values(EXPECTED_ENTRIES)
        .map((e) => e.path)
        .sort(),
    );
    for (const e of CASE_COMMAND_ENTRIES) assert.equal(commandOfPath(e.path), e.command);
    assert.equal(commandOfPath('delete'), undefined);
  });

  test('a command emits an event exactly when it can change the state', () => {
    for (const e of CASE_COMMAND_ENTRIES) {
      const changes = e.from.some((s) => e.to(s).at(-1) !== s);
      assert.equal(e.emits !== null, changes, e.command);
    }
  });

  test('only the validation issues an exemption, and it ends in VALIDATED', () => {
    const issuing = CASE_COMMAND_ENTRIES.filter((e) => e.exemption === 'issues');
    assert.deepEqual(
      issuing.map((e) => e.command),
      ['validate'],
    );
    for (const s of issuing[0]!.from) assert.equal(issuing[0]!.to(s).at(-1), 'VALIDATED');
  });

  test('the life-cycle tables are the catalogue', () => {
    for (const e of CASE_COMMAND_ENTRIES) {
      assert.equal(COMMAND_LABELS[e.command], e.label);
      assert.deepEqual(ALLOWED_FROM[e.command], e.from);
      assert.deepEqual(ALLOWED_ROLES[e.command], e.roles);
    }
  });

  test('the body schemas accept what the forms send and refuse what they must not', () => {
    assert.equal(CASE_COMMAND_BODIES.takeCharge.safeParse(undefined).success, true);
    assert.equal(CASE_COMMAND_BODIES.validate.safeParse({ beneficiaryNote: 'ok' }).success, true);
    assert.equal(CASE_COMMAND_BODIES.reject.safeParse({}).success, false, 'reject needs a reason');
    assert.equal(CASE_COMMAND_BODIES.addNote.safeParse({}).success, false, 'a note needs some text');
    assert.equal(CASE_COMMAND_BODIES.cancel.safeParse({}).success, true);
    assert.equal(CASE_COMMAND_BODIES.revoke.safeParse({}).success, false, 'a revocation needs a reason');
    assert.equal(CASE_COMMAND_BODIES.revoke.safeParse({ reason: 'BORED' }).success, false);
    const revoke = CASE_COMMAND_BODIES.revoke.parse({ reason: 'DEATH', endDate: '' });
    assert.equal(revoke.endDate, undefined, 'an empty date is the default (today)');
    assert.equal(revoke.block, false);
    assert.equal(
      CASE_COMMAND_BODIES.revoke.safeParse({ reason: 'DEATH', endDate: '2025-02-30' }).success,
      false,
      'a date that does not exist',
    );
    assert.equal(CASE_COMMAND_BODIES.annul.safeParse(undefined).success, true);
  });
});
