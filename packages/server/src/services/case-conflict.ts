/**
 * The 409 and 412 of a case action, as the actor may read them. Staff are told who acted last (fiscal
 * code and role), so nobody overwrites a colleague's work silently. A citizen never learns an
 * operator's identity (issue 9 §3, Garante 2015 §5.2): they are told the role and the structure (the
 * case's ASL), or that the change came from the citizen portal.
 */
import { eq } from 'drizzle-orm';
import {
  CASE_STATUS_LABELS,
  COMMAND_LABELS,
  DomainError,
  ROLE_NAMES,
  transitionNotAllowed,
  versionConflict,
  type CaseCommand,
  type CaseStatus,
  type LastChange,
  type Role,
} from '@esenzioni/domain';
import type { Tx } from '../db/client.js';
import { asl } from '../db/schema.js';
import type { CaseRow } from '../db/repositories/cases.js';
import type { Actor } from '../auth/actor.js';

export const lastChangeOf = (c: CaseRow): LastChange | undefined =>
  c.lastActorFiscalCode && c.lastActorRole
    ? {
        at: c.updatedAt.toISOString(),
        actorFiscalCode: c.lastActorFiscalCode,
        actorRole: c.lastActorRole as Role,
      }
    : undefined;

/** "ASL CITTA' DI TORINO" stays as it is; "CN2" becomes "ASL CN2". */
export const aslLabel = (name: string): string => (/^ASL\b/i.test(name) ? name : `ASL ${name}`);

/** Who changed the case last, told to a citizen: role and structure, never the person. */
export async function lastActorForCitizen(
  tx: Tx,
  c: CaseRow,
): Promise<{ role: Role; structure: string } | undefined> {
  if (!c.lastActorRole) return undefined;
  const role = c.lastActorRole as Role;
  if (role === 'CITIZEN') return { role, structure: 'Portale del cittadino' };
  const [row] = await tx.select({ name: asl.name }).from(asl).where(eq(asl.id, c.aslId));
  return { role, structure: aslLabel(row?.name ?? c.aslId) };
}

const byWhom = (who: { role: Role; structure: string } | undefined) =>
  who ? ` (${ROLE_NAMES[who.role]}, ${who.structure})` : '';

/** 412: the case changed since the version the client saw. */
export async function versionConflictFor(tx: Tx, actor: Actor, c: CaseRow): Promise<DomainError> {
  const status = c.status as CaseStatus;
  if (actor.role !== 'CITIZEN') return versionConflict(c.caseNumber, c.version, status, lastChangeOf(c));
  const who = await lastActorForCitizen(tx, c);
  return new DomainError(
    'VERSION_CONFLICT',
    `La pratica ${c.caseNumber} è stata modificata nel frattempo${byWhom(who)}: ora è nello stato «${CASE_STATUS_LABELS[status]}». Ricarica la pratica per vederla.`,
    { currentVersion: c.version, currentStatus: status, ...(who ? { lastActor: who } : {}) },
  );
}

/** 409: the life-cycle does not allow the command from the case's state. */
export async function transitionRefusedFor(
  tx: Tx,
  actor: Actor,
  c: CaseRow,
  command: CaseCommand,
): Promise<DomainError> {
  const status = c.status as CaseStatus;
  if (actor.role !== 'CITIZEN')
    return transitionNotAllowed(c.caseNumber, status, COMMAND_LABELS[command], lastChangeOf(c));
  const who = await lastActorForCitizen(tx, c);
  return new DomainError(
    'TRANSITION_NOT_ALLOWED',
    `La pratica ${c.caseNumber} è nello stato «${CASE_STATUS_LABELS[status]}»${byWhom(who)}: l'operazione «${COMMAND_LABELS[command]}» non è consentita.`,
    { currentStatus: status, ...(who ? { lastActor: who } : {}) },
  );
}
