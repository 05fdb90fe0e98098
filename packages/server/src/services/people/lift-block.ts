/**
 * Lifts a «revoca con blocco» (issue 11 §4): a district operator of the ASL that revoked the exemption
 * allows new requests of the person for the code again. The block row keeps who lifted it and when; the
 * action is in the access log. A block of another ASL, or none, is not found.
 */
import { forbidden, notFound, type BlockLifted } from '@esenzioni/domain';
import { liftBlock } from '../../db/repositories/blocks.js';
import { accessRows } from '../../audit/access-log.js';
import { accessLogWriter } from '../../audit/access-log-writer.js';
import { nowOf, type UseCaseContext } from '../context.js';

export async function liftExemptionBlock(
  ctx: UseCaseContext,
  fiscalCode: string,
  code: string,
): Promise<BlockLifted> {
  const { actor } = ctx;
  if (actor.role !== 'DISTRICT_OPERATOR' || !actor.aslId || !actor.fiscalCode) {
    throw forbidden('Il profilo attivo non consente di rimuovere un blocco di revoca.');
  }
  const at = nowOf(ctx);
  const lifted = await ctx.db.transaction((tx) =>
    liftBlock(tx, {
      fiscalCode,
      exemptionCode: code,
      aslId: actor.aslId!,
      liftedAt: at,
      liftedBy: actor.fiscalCode!,
    }),
  );
  if (!lifted) throw notFound(`Nessun blocco di revoca attivo per il codice ${code} di questo assistito.`);
  await accessLogWriter(ctx.db).append(
    accessRows(actor, 'LIFT_BLOCK', [{ personFiscalCode: fiscalCode }], ctx.correlationId, at),
  );
  return { fiscalCode, code, liftedAt: at.toISOString() };
}
