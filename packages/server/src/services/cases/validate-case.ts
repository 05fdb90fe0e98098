/**
 * Validazione (manual §5): issues the exemption. Valid from the validation date (Europe/Rome) until the
 * code's duration (its own, else its base code's; 040 counted from birth) capped by the catalogue's
 * end, open-ended otherwise; the registry row is written in the same
 * transaction, so the registry lookup shows it at once ("da subito visibile su AURA").
 */
import {
  CASE_COMMAND_CATALOGUE,
  todayInRome,
  type CaseCommandBody,
  type CaseDetail,
} from '@esenzioni/domain';
import { issuedValidity } from '../../db/repositories/case-rows.js';
import { codeValidityOf } from '../../db/repositories/durations.js';
import { findPerson } from '../../db/repositories/people.js';
import { assertNotAlreadyActive, assertWithinAgeLimit } from './case-rules.js';
import { assertCertificateIfNeeded } from './case-certificate.js';
import { runCaseCommand } from './run-case-command.js';
import { nowOf, type UseCaseContext } from '../context.js';

export const validateCase = (
  ctx: UseCaseContext,
  caseNumber: string,
  version: number | undefined,
  body: CaseCommandBody<'validate'>,
): Promise<CaseDetail> =>
  runCaseCommand(ctx, caseNumber, version, {
    entry: CASE_COMMAND_CATALOGUE.validate,
    notes: body ?? {},
    guard: async (tx, c) => {
      // a pathology or rare-disease case only with its certificate (issue 11 §6)
      await assertCertificateIfNeeded(tx, c);
      // no second valid exemption of the same code or base, unless this case renews it: its row then
      // ends the day before this one starts, in the same statement (commitTransition) (issue 11 §3)
      await assertNotAlreadyActive(
        tx,
        c.beneficiaryFiscalCode,
        c.exemptionCode,
        todayInRome(nowOf(ctx)),
        c.renewsCaseId,
      );
    },
    finalSet: async (tx, c, at) => {
      const today = todayInRome(at);
      // the duration in force now (exact code, else base code) is applied once and stored: a later
      // change of the duration does not touch this exemption
      const code = (await codeValidityOf(tx, c.exemptionCode)) ?? { validUntil: null, duration: null };
      let birthDate: string | null = null;
      if (code.duration?.fromBirth) {
        const who = (await findPerson(tx, c.beneficiaryFiscalCode)) ?? {
          fiscalCode: c.beneficiaryFiscalCode,
          birthDate: null,
        };
        // 040 past its last day (the day before the third birthday) is refused here too
        birthDate = await assertWithinAgeLimit(
          tx,
          who,
          { code: c.exemptionCode, baseCode: code.duration.code },
          today,
          at,
        );
      }
      // the domain's rule, as every writer of cases (case-rows.ts)
      return issuedValidity(today, code, birthDate);
    },
  });
