/**
 * The one path every case action takes, in one transaction: load the case in the actor's scope,
 * check the version the client saw (If-Match), check the life-cycle allows the command, compare-and-set
 * the new state with one history row per state passed through, the outbox event and, for a
 * validation, the registry row (one statement: commitTransition). Nothing is written unless all of it
 * is. The access-log row of the detail returned is written after the commit, before the response.
 *
 * What the command is (roles, label, states, access action, registry effect, event) comes from its
 * entry in the domain's catalogue (CASE_COMMAND_CATALOGUE); the use case adds only what is its own.
 */
import {
  caseNotFound,
  caseStatusChanged,
  forbidden,
  preconditionRequired,
  type CaseCommand,
  type CaseCommandEntry,
  type CaseDetail,
  type CaseStatus,
} from '@esenzioni/domain';
import type { Tx } from '../../db/client.js';
import {
  commitTransition,
  findCase,
  type CaseRow,
  type Change,
  type Transition,
} from '../../db/repositories/cases.js';
import { caseScope, type CaseScope } from '../../db/repositories/scope.js';
import { accessRows } from '../../audit/access-log.js';
import { accessLogWriter } from '../../audit/access-log-writer.js';
import { buildCaseDetail } from './case-detail.js';
import { assertSegregationOfDuties } from './case-rules.js';
import { transitionRefusedFor, versionConflictFor } from './case-conflict.js';
import { nowOf, type UseCaseContext } from '../context.js';

export interface CommandNotes {
  beneficiaryNote?: string | undefined;
  internalNote?: string | undefined;
}

export interface CommandSpec<C extends CaseCommand = CaseCommand> {
  /** the command's entry in the domain catalogue */
  entry: CaseCommandEntry<C>;
  notes: CommandNotes;
  /** extra columns for the final state (validity, rejection), read in the command's transaction */
  finalSet?: (tx: Tx, c: CaseRow, at: Date) => Promise<Change['set']>;
  /** which cases the actor may act on, when narrower or other than caseScope (a delegate, the sender) */
  scope?: CaseScope;
  /** the states this actor may start from, when narrower than the catalogue's (the sender's cancel) */
  from?: readonly CaseStatus[];
  /** a rule of the case checked in the command's transaction once the state allows the command */
  guard?: (tx: Tx, c: CaseRow) => Promise<void>;
  /** for the catalogue's `exemption: 'ends'` (revoke, annul): how the registry row ends */
  endExemption?: (c: CaseRow, at: Date) => Transition['endExemption'];
}

export async function runCaseCommand(
  ctx: UseCaseContext,
  caseNumber: string,
  expectedVersion: number | undefined,
  spec: CommandSpec,
): Promise<CaseDetail> {
  const { actor } = ctx;
  const { entry } = spec;
  if (!entry.roles.includes(actor.role) || !actor.fiscalCode) {
    throw forbidden(`Il profilo attivo non consente l'operazione «${entry.label}».`);
  }
  const actorFiscalCode = actor.fiscalCode;
  const updated = await ctx.db.transaction(async (tx) => {
    const scope = spec.scope ?? caseScope(actor);
    const c = await findCase(tx, scope, caseNumber);
    if (!c) throw caseNotFound(caseNumber);
    assertSegregationOfDuties(actorFiscalCode, entry.command, c);
    if (expectedVersion === undefined) throw preconditionRequired();
    if (expectedVersion !== c.version) throw await versionConflictFor(tx, actor, c);
    const from = c.status;
    if (!(spec.from ?? entry.from).includes(from)) {
      throw await transitionRefusedFor(tx, actor, c, entry.command);
    }
    await spec.guard?.(tx, c);
    const statuses = entry.to(from);
    const at = nowOf(ctx);
    const last = statuses.length - 1;
    const finalStatus = statuses[last]!;
    const notes = {
      ...(spec.notes.beneficiaryNote ? { beneficiaryNote: spec.notes.beneficiaryNote } : {}),
      ...(spec.notes.internalNote ? { internalNote: spec.notes.internalNote } : {}),
    };
    const extra = (spec.finalSet ? await spec.finalSet(tx, c, at) : undefined) ?? {};
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
        // a validation from SUBMITTED records the take-charge first
        action: i === last ? entry.command : 'takeCharge',
        status,
        // the notes belong to the last step (a note the command writes itself, e.g. «Correggi diagnosi», too)
        beneficiaryNote: i === last ? (notes.beneficiaryNote ?? extra.beneficiaryNote ?? null) : null,
        internalNote: i === last ? (notes.internalNote ?? extra.internalNote ?? null) : null,
      })),
      event:
        entry.emits === null || finalStatus === from
          ? null
          : caseStatusChanged({
              caseNumber,
              status: finalStatus,
              previousStatus: from,
              beneficiaryFiscalCode: c.beneficiaryFiscalCode,
              at: at.toISOString(),
              actorFiscalCode,
              actorRole: actor.role,
            }),
      issueExemption: entry.exemption === 'issues',
      endExemption: entry.exemption === 'ends' ? (spec.endExemption?.(c, at) ?? null) : null,
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
    buildCaseDetail(ctx.db, updated, nowOf(ctx)),
    accessLogWriter(ctx.db).append(
      accessRows(
        actor,
        entry.accessAction,
        [{ personFiscalCode: updated.beneficiaryFiscalCode, caseNumber }],
        ctx.correlationId,
      ),
    ),
  ]);
  return detail;
}
