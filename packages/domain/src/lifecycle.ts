/**
 * The life-cycle of an exemption case, as the backoffice manual describes it (sections 4–6).
 * A domain expert can read this file: which command is allowed from which state, and where it leads.
 */
import type { CaseStatus, Role } from './enums.js';
import { CASE_STATUSES } from './enums.js';
import { transitionNotAllowed, type LastChange } from './errors.js';

export const CASE_COMMANDS = ['takeCharge', 'validate', 'reject', 'cancel', 'addNote'] as const;
export type CaseCommand = (typeof CASE_COMMANDS)[number];

export const COMMAND_LABELS: Record<CaseCommand, string> = {
  takeCharge: 'Prendi in carico',
  validate: 'Valida',
  reject: 'Respingi',
  cancel: 'Annulla',
  addNote: 'Salva nota',
};

/** States each command may start from. */
export const ALLOWED_FROM: Record<CaseCommand, readonly CaseStatus[]> = {
  takeCharge: ['SUBMITTED'],
  validate: ['SUBMITTED', 'IN_PROGRESS'],
  reject: ['SUBMITTED', 'IN_PROGRESS'],
  cancel: ['SUBMITTED', 'IN_PROGRESS'],
  addNote: ['SUBMITTED', 'IN_PROGRESS'],
};

/** Roles that may issue each command (ASL / ownership checks are done by the service). */
export const ALLOWED_ROLES: Record<CaseCommand, readonly Role[]> = {
  takeCharge: ['DISTRICT_OPERATOR'],
  validate: ['DISTRICT_OPERATOR'],
  reject: ['DISTRICT_OPERATOR'],
  // only whoever sent the case or its beneficiary: the service checks who they are
  cancel: ['SPECIALIST', 'CITIZEN', 'ADMIN_OPERATOR'],
  addNote: ['DISTRICT_OPERATOR'],
};

export const FINAL_STATUSES: readonly CaseStatus[] = ['VALIDATED', 'REJECTED', 'CANCELLED'];

export const isFinal = (s: CaseStatus): boolean => FINAL_STATUSES.includes(s);

/**
 * The states a command passes through, in order: one history row each.
 * Validating a SUBMITTED case records the take-charge and then the validation.
 */
export function statusesAfter(command: CaseCommand, from: CaseStatus): CaseStatus[] {
  switch (command) {
    case 'takeCharge':
      return ['IN_PROGRESS'];
    case 'validate':
      return from === 'SUBMITTED' ? ['IN_PROGRESS', 'VALIDATED'] : ['VALIDATED'];
    case 'reject':
      return ['REJECTED'];
    case 'cancel':
      return ['CANCELLED'];
    case 'addNote':
      return [from];
    default: {
      const never: never = command;
      throw new Error(`unknown command ${String(never)}`);
    }
  }
}

export const canApply = (command: CaseCommand, from: CaseStatus): boolean =>
  ALLOWED_FROM[command].includes(from);

/** Throws TRANSITION_NOT_ALLOWED unless `command` is allowed from `from`; returns the resulting states. */
export function applyCommand(
  caseNumber: string,
  command: CaseCommand,
  from: CaseStatus,
  lastChange?: LastChange,
): CaseStatus[] {
  if (!canApply(command, from)) {
    throw transitionNotAllowed(caseNumber, from, COMMAND_LABELS[command], lastChange);
  }
  return statusesAfter(command, from);
}

/** Commands available for a role in a state: what the UI shows as buttons. */
export const availableCommands = (status: CaseStatus, r: Role): CaseCommand[] =>
  CASE_COMMANDS.filter((c) => canApply(c, status) && ALLOWED_ROLES[c].includes(r));

/** Exhaustiveness guard: adding a state without deciding its view breaks the build. */
export function viewOf(s: CaseStatus): 'todo' | 'closed' {
  switch (s) {
    case 'SUBMITTED':
    case 'IN_PROGRESS':
      return 'todo';
    case 'VALIDATED':
    case 'REJECTED':
    case 'CANCELLED':
      return 'closed';
    default: {
      const never: never = s;
      throw new Error(`unknown status ${String(never)}`);
    }
  }
}

export const ALL_STATUSES = CASE_STATUSES;
