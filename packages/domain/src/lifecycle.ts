/**
 * The life-cycle of an exemption case, as the backoffice manual describes it (sections 4–6).
 * A domain expert can read this file and commands.ts (the catalogue: which command is allowed from which
 * state, and where it leads).
 */
import type { CaseStatus, Role } from './enums.js';
import { CASE_STATUSES } from './enums.js';
import { transitionNotAllowed, type LastChange } from './errors.js';
import { CASE_COMMANDS, CASE_COMMAND_CATALOGUE, type CaseCommand } from './commands.js';

export { CASE_COMMANDS, type CaseCommand } from './commands.js';

/** The Italian label of each command (the catalogue's). */
export const COMMAND_LABELS = Object.fromEntries(
  CASE_COMMANDS.map((c) => [c, CASE_COMMAND_CATALOGUE[c].label]),
) as Record<CaseCommand, string>;

/** States each command may start from (the catalogue's). */
export const ALLOWED_FROM = Object.fromEntries(
  CASE_COMMANDS.map((c) => [c, CASE_COMMAND_CATALOGUE[c].from]),
) as Record<CaseCommand, readonly CaseStatus[]>;

/** Roles that may issue each command (ASL / ownership checks are done by the service). */
export const ALLOWED_ROLES = Object.fromEntries(
  CASE_COMMANDS.map((c) => [c, CASE_COMMAND_CATALOGUE[c].roles]),
) as Record<CaseCommand, readonly Role[]>;

/** States an exemption reaches by its own life after validation (expiry job, revocation), not by a case command. */
export const EXEMPTION_LIFE_STATUSES: readonly CaseStatus[] = ['EXPIRING', 'EXPIRED', 'REVOKED'];

/**
 * Commands on an exemption already issued (revoke, annul: the catalogue's `exemption: 'ends'`), as
 * opposed to the work on a case, which ends at the decision.
 */
export const EXEMPTION_COMMANDS: readonly CaseCommand[] = CASE_COMMANDS.filter(
  (c) => CASE_COMMAND_CATALOGUE[c].exemption === 'ends',
);

/**
 * States of a closed case: no command of the work on a case leaves them. Only the EXEMPTION_COMMANDS
 * act on an exemption in force (VALIDATED, EXPIRING); the expiry job moves it on by its own life.
 */
export const FINAL_STATUSES: readonly CaseStatus[] = [
  'VALIDATED',
  'REJECTED',
  'CANCELLED',
  'EXPIRING',
  'EXPIRED',
  'REVOKED',
];

export const isFinal = (s: CaseStatus): boolean => FINAL_STATUSES.includes(s);

/**
 * The states a command passes through, in order: one history row each.
 * Validating a SUBMITTED case records the take-charge and then the validation.
 */
export const statusesAfter = (command: CaseCommand, from: CaseStatus): CaseStatus[] =>
  CASE_COMMAND_CATALOGUE[command].to(from);

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
    case 'EXPIRING':
    case 'EXPIRED':
    case 'REVOKED':
      return 'closed';
    default: {
      const never: never = s;
      throw new Error(`unknown status ${String(never)}`);
    }
  }
}

export const ALL_STATUSES = CASE_STATUSES;
