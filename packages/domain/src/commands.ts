/**
 * The catalogue of case commands: one entry per command, tying together the names a case action has
 * across the tree (the life-cycle command, the route path segment, the button label, the roles, the
 * access-log action, the registry effect and the outbox event). The routes, runCaseCommand and the web
 * client are driven by it.
 *
 * Free of Zod so that the web bundle can import it: each command's body schema is in
 * command-bodies.ts, keyed by the same command names (the type checker keeps both complete).
 */
import type { AccessAction, CaseStatus, Role } from './enums.js';
import type { EventType } from './events.js';

export const CASE_COMMANDS = [
  'takeCharge',
  'validate',
  'reject',
  'cancel',
  'addNote',
  'revoke',
  'annul',
  'correctDiagnosis',
] as const;
export type CaseCommand = (typeof CASE_COMMANDS)[number];

/** Where a command's route lives: the district's work (/api/cases/:n/…) or the sender's and citizen's. */
export type CommandSurface = 'district' | 'sender-and-citizen';

export interface CaseCommandEntry<C extends CaseCommand = CaseCommand> {
  command: C;
  /** the last segment of POST /api/cases/:caseNumber/<path> (and /api/me/cases/:caseNumber/<path>) */
  path: string;
  /** the Italian label of the button, quoted in messages («Valida») */
  label: string;
  /** the OpenAPI summary of the district route */
  summary: string;
  /** roles that may issue it (ASL, ownership and segregation of duties are checked by the service) */
  roles: readonly Role[];
  surface: CommandSurface;
  /** the access-log action of the detail returned after the command */
  accessAction: AccessAction;
  /** the registry effect: 'issues' writes the exemption in the same statement as the new state */
  exemption: 'issues' | 'ends' | null;
  /** the states it may start from */
  from: readonly CaseStatus[];
  /** the states it passes through from `from`, in order: one history row each (the last is the new state) */
  to: (from: CaseStatus) => CaseStatus[];
  /** the outbox event written with the new state when the state changes (null: never changes it) */
  emits: EventType | null;
}

const OPEN: readonly CaseStatus[] = ['SUBMITTED', 'IN_PROGRESS'];
/**
 * An exemption in force: validated, or in its last days. Revocation and annulment start only from
 * these (docs/domain.md §2.2, CSI: «only V is revocable», annulla from INV, LAV, VAL — the open states
 * are the sender's cancel here). An EXPIRED or REVOKED exemption has already ended on its own.
 */
const IN_FORCE: readonly CaseStatus[] = ['VALIDATED', 'EXPIRING'];

export const CASE_COMMAND_CATALOGUE: { readonly [C in CaseCommand]: CaseCommandEntry<C> } = {
  takeCharge: {
    command: 'takeCharge',
    path: 'take-charge',
    label: 'Prendi in carico',
    summary: 'Prendi in carico',
    roles: ['DISTRICT_OPERATOR'],
    surface: 'district',
    accessAction: 'TAKE_CHARGE',
    exemption: null,
    from: ['SUBMITTED'],
    to: () => ['IN_PROGRESS'],
    emits: 'case.status-changed',
  },
  validate: {
    command: 'validate',
    path: 'validate',
    label: 'Valida',
    summary: 'Valida (anche da Inviata, in un solo passaggio)',
    roles: ['DISTRICT_OPERATOR'],
    surface: 'district',
    accessAction: 'VALIDATE',
    exemption: 'issues',
    from: OPEN,
    // validating a SUBMITTED case records the take-charge and then the validation
    to: (from) => (from === 'SUBMITTED' ? ['IN_PROGRESS', 'VALIDATED'] : ['VALIDATED']),
    emits: 'case.status-changed',
  },
  reject: {
    command: 'reject',
    path: 'reject',
    label: 'Respingi',
    summary: 'Respingi con motivazione',
    roles: ['DISTRICT_OPERATOR'],
    surface: 'district',
    accessAction: 'REJECT',
    exemption: null,
    from: OPEN,
    to: () => ['REJECTED'],
    emits: 'case.status-changed',
  },
  cancel: {
    command: 'cancel',
    path: 'cancel',
    label: 'Annulla',
    summary: 'Annulla una pratica inviata (dal medico o dallo sportello che l’ha inviata; If-Match)',
    // only whoever sent the case or its beneficiary: the service checks who they are
    roles: ['SPECIALIST', 'CITIZEN', 'ADMIN_OPERATOR'],
    surface: 'sender-and-citizen',
    accessAction: 'CANCEL',
    exemption: null,
    from: OPEN,
    to: () => ['CANCELLED'],
    emits: 'case.status-changed',
  },
  addNote: {
    command: 'addNote',
    path: 'notes',
    label: 'Salva nota',
    summary: 'Nota Beneficiario / Nota Interna',
    roles: ['DISTRICT_OPERATOR'],
    surface: 'district',
    accessAction: 'ADD_NOTE',
    exemption: null,
    from: OPEN,
    // a note does not change the state
    to: (from) => [from],
    emits: null,
  },
  revoke: {
    command: 'revoke',
    path: 'revoke',
    label: 'Revoca',
    summary: 'Revoca un’esenzione validata (motivo, data di fine, eventuale blocco; If-Match)',
    roles: ['DISTRICT_OPERATOR'],
    surface: 'district',
    accessAction: 'REVOKE',
    // the registry row ends on the revocation's end date: a lookup for an earlier date still answers it
    exemption: 'ends',
    from: IN_FORCE,
    to: () => ['REVOKED'],
    emits: 'case.status-changed',
  },
  correctDiagnosis: {
    command: 'correctDiagnosis',
    path: 'diagnosis',
    label: 'Correggi diagnosi',
    summary:
      'Imposta o corregge diagnosi ICD-9-CM e codice esenzione prima della decisione (issue 17 §2; If-Match)',
    roles: ['DISTRICT_OPERATOR'],
    surface: 'district',
    accessAction: 'CORRECT_DIAGNOSIS',
    exemption: null,
    from: OPEN,
    to: (from) => [from],
    emits: null,
  },
  annul: {
    command: 'annul',
    path: 'annul',
    label: 'Annulla esenzione',
    summary: 'Annulla un’esenzione validata per errore: è come se non fosse mai stata rilasciata (If-Match)',
    roles: ['DISTRICT_OPERATOR'],
    surface: 'district',
    accessAction: 'ANNUL',
    // the registry row is withdrawn for every date
    exemption: 'ends',
    from: IN_FORCE,
    to: () => ['CANCELLED'],
    emits: 'case.status-changed',
  },
};

export const caseCommandEntry = <C extends CaseCommand>(command: C): CaseCommandEntry<C> =>
  CASE_COMMAND_CATALOGUE[command];

/** The entries in CASE_COMMANDS order. */
export const CASE_COMMAND_ENTRIES: readonly CaseCommandEntry[] = CASE_COMMANDS.map(caseCommandEntry);

/** The command whose route path segment is `path`, if any. */
export const commandOfPath = (path: string): CaseCommand | undefined =>
  CASE_COMMAND_ENTRIES.find((e) => e.path === path)?.command;
