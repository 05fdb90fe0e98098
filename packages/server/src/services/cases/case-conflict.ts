/**
 * The 409 and 412 of a case action, as the actor may read them. Staff are told who acted last (fiscal
 * code and role), so nobody overwrites a colleague's work silently. A citizen never learns an
 * operator's identity (issue 9 §3, Garante 2015 §5.2): they are told the role and the structure (the
 * case's ASL), or that the change came from the citizen portal.
 */
import {
  COMMAND_LABELS,
  transitionNotAllowed,
  versionConflict,
  type CaseCommand,
  type DomainError,
  type LastActorForCitizen,
  type LastChange,
} from '@esenzioni/domain';
import type { Tx } from '../../db/client.js';
import { aslNameOf, type CaseRow } from '../../db/repositories/cases.js';
import type { Actor } from '../../auth/actor.js';

export const lastChangeOf = (c: CaseRow): LastChange | undefined =>
  c.lastActorFiscalCode && c.lastActorRole
    ? {
        at: c.updatedAt.toISOString(),
        actorFiscalCode: c.lastActorFiscalCode,
        actorRole: c.lastActorRole,
      }
    : undefined;

/** "ASL CITTA' DI TORINO" stays as it is; "CN2" becomes "ASL CN2". */
export const aslLabel = (name: string): string => (/^ASL\b/i.test(name) ? name : `ASL ${name}`);

/** Who changed the case last, told to a citizen: role and structure, never the person. */
export async function lastActorForCitizen(tx: Tx, c: CaseRow): Promise<LastActorForCitizen | undefined> {
  if (!c.lastActorRole) return undefined;
  const role = c.lastActorRole;
  if (role === 'CITIZEN') return { role, structure: 'Portale del cittadino' };
  return { role, structure: aslLabel((await aslNameOf(tx, c.aslId)) ?? c.aslId) };
}

/** What the actor may be told of who changed the case last. */
const lastChangeFor = async (tx: Tx, actor: Actor, c: CaseRow) =>
  actor.role === 'CITIZEN' ? lastActorForCitizen(tx, c) : lastChangeOf(c);

/** 412: the case changed since the version the client saw. */
export async function versionConflictFor(tx: Tx, actor: Actor, c: CaseRow): Promise<DomainError> {
  return versionConflict(c.caseNumber, c.version, c.status, await lastChangeFor(tx, actor, c));
}

/** 409: the life-cycle does not allow the command from the case's state. */
export async function transitionRefusedFor(
  tx: Tx,
  actor: Actor,
  c: CaseRow,
  command: CaseCommand,
): Promise<DomainError> {
  return transitionNotAllowed(
    c.caseNumber,
    c.status,
    COMMAND_LABELS[command],
    await lastChangeFor(tx, actor, c),
  );
}
