/** "Does this person hold this exemption today?" — the registry (AURA) lookup for prescribers. */
import {
  exemptionCodeUnknown,
  exemptionScopeOf,
  forbidden,
  todayInRome,
  type RegistryResponse,
} from '@esenzioni/domain';
import { exemptionsInForce } from '../../db/repositories/registry.js';
import { resolveExemptionCode } from '../../db/repositories/catalogue.js';
import { nowOf, type UseCaseContext } from '../context.js';
import { auditedRead } from '../../audit/audited-read.js';

const MAY_LOOK_UP = new Set(['GP', 'DISTRICT_OPERATOR', 'API_CLIENT']);

export async function registryLookup(
  ctx: UseCaseContext,
  fiscalCode: string,
  date?: string,
  /** only this code, an alias of it (0B02 = 002B, issue 12 §7) or its sub-codes */
  code?: string,
): Promise<RegistryResponse> {
  const role = ctx.actor.apiKeyId !== null ? 'API_CLIENT' : ctx.actor.role;
  if (!MAY_LOOK_UP.has(role))
    throw forbidden(
      'La verifica delle esenzioni è riservata a medici prescrittori, operatori di distretto e sistemi autorizzati.',
    );
  const on = date ?? todayInRome(nowOf(ctx));
  return auditedRead(ctx, async (db, audit) => {
    // one prepared statement (registry repository): the query prescribers and pharmacies run most
    const wanted = code ? await resolveExemptionCode(db, code) : undefined;
    if (code && !wanted) throw exemptionCodeUnknown(code);
    const rows = (await exemptionsInForce(db, fiscalCode, on)).filter(
      (r) => !wanted || r.code === wanted.code || r.code.startsWith(`${wanted.code}.`),
    );
    audit('REGISTRY_LOOKUP', [{ personFiscalCode: fiscalCode }]);
    return {
      fiscalCode,
      date: on,
      exemptions: rows.map((r) => ({
        code: r.code,
        description: r.description ?? '',
        family: r.family,
        validFrom: r.validFrom,
        validUntil: r.validUntil,
        caseNumber: r.caseNumber ?? null,
        // issue 12 §2 (H3): the MEF list, a self-declaration (the case has one) or an attestato
        source: r.source === 'MEF_LIST' ? 'MEF_LIST' : r.declared ? 'SELF_DECLARATION' : 'ATTESTATO',
        // issue 12 §4 (H4): all services, only those related to the invalidity, or the condition's list
        scope: exemptionScopeOf(r.code, r.family),
      })),
    };
  });
}
