/**
 * Issue 13 §4: the import of the registry of assistiti into the person directory (its progress and
 * figures, docs/person-directory.md).
 */
import { z } from 'zod';
import { PERSON_IMPORT_STATUSES } from './enums.js';

export const personImportView = z.object({
  id: z.string(),
  fileName: z.string(),
  status: z.enum(PERSON_IMPORT_STATUSES),
  /** 0–100: the file read (loading) then the merge (the last 10 %) */
  percent: z.number().int().min(0).max(100),
  rowsRead: z.number().int(),
  rowsRejected: z.number().int(),
  /** the first rejected lines: number and reason, never the content */
  rejectedSample: z.array(z.object({ line: z.number().int(), reason: z.string() })),
  inserted: z.number().int().nullable(),
  updated: z.number().int().nullable(),
  unchanged: z.number().int().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
});
export type PersonImportView = z.infer<typeof personImportView>;
export const personImportList = z.object({ items: z.array(personImportView) });
