/**
 * «Controlli autocertificazioni» (issue 12 §3): the worklist of the district operators of an ASL (of their
 * district when the profile names one, as for cases) and the
 * outcome of a check. Reading the list is audited (READ_DECLARATION_CHECKS, one row per person listed);
 * an outcome is recorded once (409 after) and audited (DECIDE_DECLARATION_CHECK). «Non conforme» revokes
 * the exemption in the same transaction, with the revocation's own path (reason FALSE_DECLARATION, last
 * day today, history row, registry end, the person's notification) and lists the case for referral to the
 * judicial authority (art. 76 DPR 445/2000); an exemption no longer in force is not revoked again.
 */
import {
  CASE_COMMAND_CATALOGUE,
  DECLARATION_CHECK_OUTCOME_LABELS,
  declarationCheckDecided,
  declarationCheckNotFound,
  forbidden,
  revocationLastDay,
  todayInRome,
  type DeclarationCheckItem,
  type DeclarationCheckOutcome,
  type DeclarationCheckList,
  type DeclarationCheckOutcomeBody,
} from '@esenzioni/domain';
import { accessRows } from '../../audit/access-log.js';
import { accessLogWriter } from '../../audit/access-log-writer.js';
import { auditedRead } from '../../audit/audited-read.js';
import {
  checkOfAsl,
  checksOfAsl,
  decideCheck,
  samplesOfAsl,
  type CheckView,
} from '../../db/repositories/declaration-checks.js';
import { caseScope } from '../../db/repositories/scope.js';
import { runCaseCommand } from '../cases/run-case-command.js';
import { nowOf, type UseCaseContext } from '../context.js';

function operatorAsl(ctx: UseCaseContext): string {
  if (ctx.actor.role !== 'DISTRICT_OPERATOR' || !ctx.actor.aslId || !ctx.actor.fiscalCode)
    throw forbidden(
      'I controlli delle autocertificazioni sono riservati agli operatori di distretto dell’ASL.',
    );
  return ctx.actor.aslId;
}

export async function listDeclarationChecks(
  ctx: UseCaseContext,
  q: { period?: string | undefined; view: CheckView },
): Promise<DeclarationCheckList> {
  const aslId = operatorAsl(ctx);
  return auditedRead(ctx, async (db, audit) => {
    const [found, samples] = await Promise.all([
      checksOfAsl(db, aslId, caseScope(ctx.actor), {
        ...(q.period ? { period: q.period } : {}),
        view: q.view,
      }),
      samplesOfAsl(db, aslId),
    ]);
    if (found.length > 0)
      audit(
        'READ_DECLARATION_CHECKS',
        found.map((r) => ({ personFiscalCode: r.beneficiaryFiscalCode, caseNumber: r.caseNumber })),
      );
    return {
      items: found.map((r): DeclarationCheckItem => ({
        id: String(r.check.id),
        period: r.check.period,
        sampledAt: r.check.sampledAt.toISOString(),
        caseNumber: r.caseNumber,
        code: r.code,
        beneficiaryFiscalCode: r.beneficiaryFiscalCode,
        beneficiaryName: `${r.firstName} ${r.lastName}`,
        declarantFiscalCode: r.declarantFiscalCode,
        declaredAt: r.declaredAt.toISOString(),
        outcome: r.check.outcome,
        note: r.check.note,
        decidedBy: r.check.decidedBy,
        decidedAt: r.check.decidedAt?.toISOString() ?? null,
        referral: r.check.outcome === 'NON_CONFORMING',
      })),
      samples: samples.map((s) => ({
        period: s.period,
        sampledAt: s.sampledAt.toISOString(),
        percent: Number(s.percent),
        population: s.population,
        sampleSize: s.sampleSize,
      })),
    };
  });
}

const REVOCATION_NOTE =
  'Esenzione revocata: il controllo sulla dichiarazione sostitutiva (art. 71 DPR 445/2000) ha dato esito non conforme.';

/** Records the outcome of check `id`; «non conforme» revokes the exemption (when still in force). */
export async function decideDeclarationCheck(
  ctx: UseCaseContext,
  id: number,
  body: DeclarationCheckOutcomeBody,
): Promise<{ outcome: DeclarationCheckOutcome; revoked: boolean; caseNumber: string }> {
  const aslId = operatorAsl(ctx);
  const actorFiscalCode = ctx.actor.fiscalCode!;
  const check = await checkOfAsl(ctx.db, id, aslId, caseScope(ctx.actor));
  if (!check) throw declarationCheckNotFound();
  if (check.check.outcome)
    throw declarationCheckDecided(DECLARATION_CHECK_OUTCOME_LABELS[check.check.outcome]);
  const note = body.note?.length ? body.note : null;
  const decide = async (tx: Parameters<typeof decideCheck>[0], at: Date) => {
    if (!(await decideCheck(tx, id, { outcome: body.outcome, note, by: actorFiscalCode, at })))
      throw declarationCheckDecided('registrato da un altro operatore');
  };
  const revoke = CASE_COMMAND_CATALOGUE.revoke;
  let revoked = false;
  if (body.outcome === 'NON_CONFORMING' && revoke.from.includes(check.status)) {
    const today = todayInRome(nowOf(ctx));
    // the revocation's own path; the outcome is written in its transaction (finalSet), so both or neither
    await runCaseCommand(ctx, check.caseNumber, check.version, {
      entry: revoke,
      notes: { beneficiaryNote: REVOCATION_NOTE, ...(note ? { internalNote: note } : {}) },
      finalSet: async (tx, c, at) => {
        await decide(tx, at);
        return {
          revocationReason: 'FALSE_DECLARATION',
          revokedAt: at,
          validUntil: revocationLastDay(c, undefined, today),
        };
      },
      endExemption: (c) => ({ revokeOn: revocationLastDay(c, undefined, today) }),
    });
    revoked = true;
  } else {
    await ctx.db.transaction((tx) => decide(tx, nowOf(ctx)));
  }
  await accessLogWriter(ctx.db).append(
    accessRows(
      ctx.actor,
      'DECIDE_DECLARATION_CHECK',
      [{ personFiscalCode: check.beneficiaryFiscalCode, caseNumber: check.caseNumber }],
      ctx.correlationId,
    ),
  );
  return { outcome: body.outcome, revoked, caseNumber: check.caseNumber };
}
