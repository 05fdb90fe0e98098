/**
 * The pregnancy code for a prescriber (issue 12 §5, docs/domain.md §1.6): the week, or the last
 * menstrual period, becomes M01–M41; M00 before conception; M99 when the week cannot be stated; M50
 * (gravidanza a rischio) only for a specialist. No case, no attestato: catalogue data and a
 * computation, no personal data, so not audited.
 */
import {
  exemptionCodeNotInForce,
  exemptionCodeUnknown,
  forbidden,
  isInForceOn,
  pregnancyCode,
  todayInRome,
  validationFailed,
  type PregnancyAnswer,
  type PregnancyInput,
  type PregnancyQuery,
} from '@esenzioni/domain';
import { findExemptionCode } from '../../db/repositories/catalogue.js';
import { nowOf, type UseCaseContext } from '../context.js';

const NOTE =
  'Il codice si scrive sulla ricetta: per la gravidanza non si apre una pratica e non si rilascia un attestato.';

/** The query as a situation: the week or the date given, else the situation named. */
function inputOf(q: PregnancyQuery): PregnancyInput {
  const situation = q.situation ?? (q.week !== undefined ? 'WEEK' : q.lastPeriod ? 'LAST_PERIOD' : undefined);
  switch (situation) {
    case 'WEEK':
      if (q.week === undefined)
        throw validationFailed(
          [{ field: 'week', message: 'Indicare la settimana.' }],
          'Indicare la settimana di gravidanza.',
        );
      return { situation, week: q.week };
    case 'LAST_PERIOD':
      if (!q.lastPeriod)
        throw validationFailed(
          [{ field: 'lastPeriod', message: 'Indicare la data.' }],
          'Indicare la data dell’ultima mestruazione.',
        );
      return { situation, lastPeriod: q.lastPeriod };
    case 'UNKNOWN_WEEK':
    case 'PRECONCEPTION':
    case 'AT_RISK':
      return { situation };
    case undefined:
      throw validationFailed(
        [{ field: 'week', message: 'Indicare la settimana o la data dell’ultima mestruazione.' }],
        'Indicare la settimana di gravidanza, la data dell’ultima mestruazione o la situazione (settimana non determinabile, epoca pre-concezionale, gravidanza a rischio).',
      );
  }
}

export async function pregnancyCodeLookup(ctx: UseCaseContext, q: PregnancyQuery): Promise<PregnancyAnswer> {
  const today = todayInRome(nowOf(ctx));
  const outcome = pregnancyCode(inputOf(q), ctx.actor.role, today);
  if (!outcome.ok) {
    if (outcome.forbidden) throw forbidden(outcome.message);
    throw validationFailed([{ field: outcome.field, message: outcome.message }], outcome.message);
  }
  const row = await findExemptionCode(ctx.db, outcome.code);
  if (!row) throw exemptionCodeUnknown(outcome.code);
  if (!isInForceOn(today, row)) throw exemptionCodeNotInForce(row.code, today, row.validFrom, row.validUntil);
  return { code: row.code, description: row.description, week: outcome.week, note: NOTE };
}
