/**
 * Validazione (manual §5): issues the exemption. Valid from the validation date (Europe/Rome) until the
 * per-code duration or the catalogue's end, open-ended otherwise; the registry row is written in the same
 * transaction, so the registry lookup shows it at once ("da subito visibile su AURA").
 */
import {
  CASE_COMMAND_CATALOGUE,
  todayInRome,
  type CaseCommandBody,
  type CaseDetail,
} from '@esenzioni/domain';
import { issuedValidity } from '../../db/repositories/case-rows.js';
import { findExemptionCode } from '../../db/repositories/catalogue.js';
import { assertCertificateIfNeeded } from './case-certificate.js';
import { runCaseCommand } from './run-case-command.js';
import type { UseCaseContext } from '../context.js';

export const validateCase = (
  ctx: UseCaseContext,
  caseNumber: string,
  version: number | undefined,
  body: CaseCommandBody<'validate'>,
): Promise<CaseDetail> =>
  runCaseCommand(ctx, caseNumber, version, {
    entry: CASE_COMMAND_CATALOGUE.validate,
    notes: body ?? {},
    // a pathology or rare-disease case only with its certificate (issue 11 §6)
    guard: assertCertificateIfNeeded,
    finalSet: async (tx, c, at) =>
      // the domain's rule fed with the code's catalogue row, as every writer of cases (case-rows.ts)
      issuedValidity(
        todayInRome(at),
        (await findExemptionCode(tx, c.exemptionCode)) ?? {
          validUntil: null,
          durationAmount: null,
          durationUnit: null,
        },
      ),
  });
