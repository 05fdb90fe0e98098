/**
 * Who may read the FHIR API and how its search parameters read (issue 14): the same callers as the
 * registry lookup (prescribers, district operators, authorised systems with an API key), and the
 * codice fiscale from a token `http://hl7.it/sid/codiceFiscale|<CF>` (or a bare value).
 */
import { forbidden, personIdentifierKind, validationFailed } from '@esenzioni/domain';
import { CF_SYSTEM } from '../../fhir/resources.js';
import type { UseCaseContext } from '../context.js';

const MAY_READ = new Set(['GP', 'DISTRICT_OPERATOR', 'API_CLIENT']);

export function assertMayReadFhir(ctx: UseCaseContext): void {
  const role = ctx.actor.apiKeyId !== null ? 'API_CLIENT' : ctx.actor.role;
  if (!MAY_READ.has(role))
    throw forbidden(
      'La lettura FHIR del registro è riservata a medici prescrittori, operatori di distretto e sistemi autorizzati.',
    );
}

/**
 * The fiscal code a token parameter names: `system|value` with the codice fiscale's system, or a bare
 * value; null for another system (nothing of ours matches it). A malformed value is a 400.
 */
export function fiscalCodeOfToken(param: string, token: string): string | null {
  const bar = token.indexOf('|');
  const system = bar >= 0 ? token.slice(0, bar) : null;
  const value = (bar >= 0 ? token.slice(bar + 1) : token).trim().toUpperCase();
  if (system !== null && system !== CF_SYSTEM) return null;
  if (!personIdentifierKind(value))
    throw validationFailed(
      [{ field: param, message: 'Codice fiscale (o codice STP/ENI) non valido.' }],
      `Il parametro ${param} non contiene un codice fiscale valido.`,
    );
  return value;
}

/** `YYYY-MM-DD` or `eqYYYY-MM-DD`: the day; other comparisons are not supported (400). */
export function dayOfDateParam(raw: string): string {
  const m = /^(?:eq)?(\d{4}-\d{2}-\d{2})$/.exec(raw);
  if (!m || Number.isNaN(Date.parse(`${m[1]}T00:00:00Z`)))
    throw validationFailed(
      [{ field: 'date', message: 'Una data AAAA-MM-GG, eventualmente preceduta da eq.' }],
      'Il parametro date accetta solo una data AAAA-MM-GG (confronto eq).',
    );
  return m[1]!;
}
