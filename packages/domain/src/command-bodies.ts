/**
 * The Zod body schema of each case command (the catalogue in commands.ts stays free of Zod, for the web
 * bundle). Keyed by command, so a command without a body schema does not compile.
 */
import type { z } from 'zod';
import { actionBody, annulBody, correctDiagnosisBody, notesBody, rejectBody, revokeBody } from './api.js';
import { cancelBody } from './api-portal.js';
import type { CaseCommand } from './commands.js';

export const CASE_COMMAND_BODIES = {
  takeCharge: actionBody,
  validate: actionBody,
  reject: rejectBody,
  cancel: cancelBody,
  addNote: notesBody,
  revoke: revokeBody,
  annul: annulBody,
  correctDiagnosis: correctDiagnosisBody,
} as const satisfies Record<CaseCommand, z.ZodType>;

/** The parsed body of a command. */
export type CaseCommandBody<C extends CaseCommand> = z.infer<(typeof CASE_COMMAND_BODIES)[C]>;
