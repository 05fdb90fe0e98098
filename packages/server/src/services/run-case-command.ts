/**
 * The one path every case action takes, in one transaction: load the case in the actor's scope,
 * check the version the client saw (If-Match), check the life-cycle allows the command, compare-and-set
 * the new state with one history row per state passed through, the outbox event and, for a
 * validation, the registry row (one statement: commitTransition). Nothing is written unless all of it is. The access-log row of the detail returned is written after the commit,
 * before the response.
 */
import {
  ALLOWED_ROLES,
  COMMAND_LABELS,
  canApply,
  caseNotFound,
  forbidden,
  preconditionRequired,
  statusesAfter,
  type AccessAction,
  type CaseCommand,
  type CaseDetail,
  type CaseStatus,
} from '@esenzioni/domain';
import type { SQL } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import { commitTransition, findCase, type CaseRow, type Change } from '../db/repositories/cases.js';
import { caseScope } from '../db/repositories/scope.js';
import { accessRows } from '../audit/access-log.js';
import { accessLogWriter } from '../audit/access-log-writer.js';
import { buildCaseDetail } from './case-detail.js';
import { assertSegregationOfDuties } from './case-rules.js';
import { transitionRefusedFor, versionConflictFor } from './case-conflict.js';
import { nowOf, type UseCaseContext } from './context.js';

export interface CommandNotes {
  beneficiaryNote?: string | undefined;
  internalNote?: string | undefined;
}

export interface CommandSpec {
  command: CaseCommand;
  action: AccessAction;
  notes: CommandNotes;
  /** extra columns for the final state (validity, rejection) */
  finalSet?: (tx: Tx, c: CaseRow, at: Date) => Promise<Change['set']>;
  /** which cases the actor may act on, when narrower or other than caseScope (a delegate, the sender) */
  scope?: SQL;
  /** a validation: the exemption enters the registry in the same statement as the new state */
  issuesExemption?: boolean;
}

export async function runCaseCommand(
  ctx: UseCaseContext,
  caseNumber: string,
  expectedVersion: number | undefined,
  spec: CommandSpec,
): Promise<CaseDetail> {
  const { actor } = ctx;
  if (!ALLOWED_ROLES[spec.command].includes(actor.role) || !actor.fiscalCode) {
    throw forbidden(`Il profilo attivo non consente l'operazione «${COMMAND_LABELS[spec.command]}».`);
  }
  const actorFiscalCode = actor.fiscalCode;
  const updated = await ctx.db.transaction(async (tx) => {
    const scope = spec.scope ?? caseScope(actor);
    const c = await findCase(tx, scope, caseNumber);
    if (!c) throw caseNotFound(caseNumber);
    assertSegregationOfDuties(actorFiscalCode, spec.command, c);
    if (expectedVersion === undefined) throw preconditionRequired();
    if (expectedVersion !== c.version) throw await versionConflictFor(tx, actor, c);
    if (!canApply(spec.command, c.status as CaseStatus))
      throw await transitionRefusedFor(tx, actor, c, spec.command);
    const statuses = statusesAfter(spec.command, c.status as CaseStatus);
    const at = nowOf(ctx);
    const finalStatus = statuses[statuses.length - 1] as CaseStatus;
    const notes = {
      ...(spec.notes.beneficiaryNote ? { beneficiaryNote: spec.notes.beneficiaryNote } : {}),
      ...(spec.notes.internalNote ? { internalNote: spec.notes.internalNote } : {}),
    };
    const extra = spec.finalSet ? await spec.finalSet(tx, c, at) : {};
    const last = statuses.length - 1;
    const updated = await commitTransition(tx, {
      caseId: c.id,
      expectedVersion: c.version,
      change: {
        status: finalStatus,
        at,
        actorFiscalCode,
        actorRole: actor.role,
        set: { ...notes, ...extra },
      },
      history: statuses.map((status, i) => ({
        at,
        actorFiscalCode,
        actorRole: actor.role,
        action: i === last ? spec.command : 'takeCharge',
        status,
        // the notes belong to the last step
        beneficiaryNote: i === last ? (notes.beneficiaryNote ?? null) : null,
        internalNote: i === last ? (notes.internalNote ?? null) : null,
      })),
      event:
        finalStatus === c.status
          ? null
          : {
              caseNumber,
              status: finalStatus,
              previousStatus: c.status,
              beneficiaryFiscalCode: c.beneficiaryFiscalCode,
              at: at.toISOString(),
              actorFiscalCode,
              actorRole: actor.role,
            },
      issueExemption: spec.issuesExemption === true,
    });
    if (!updated) {
      // someone committed between our read and our write: report what they did
      throw await versionConflictFor(tx, actor, (await findCase(tx, scope, caseNumber)) ?? c);
    }
    return updated;
  });
  // After the commit, so no lock is held meanwhile: the detail the response returns, and its access-log
  // row (group-committed with the reads'). The response leaves only once that row is committed; the
  // action itself is already recorded, with its actor, in the case history of the same transaction.
  const [detail] = await Promise.all([
    buildCaseDetail(ctx.db, updated),
    accessLogWriter(ctx.db).append(
      accessRows(
        actor,
        spec.action,
        [{ personFiscalCode: updated.beneficiaryFiscalCode, caseNumber }],
        ctx.correlationId,
      ),
    ),
  ]);
  return detail;
}
