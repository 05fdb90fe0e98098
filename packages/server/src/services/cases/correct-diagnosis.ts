/**
 * «Correggi diagnosi» (issue 17 §2): before deciding, the district operator sets or corrects the
 * ICD-9-CM diagnosis of an open case (a citizen may send none) and, with it, the exemption code — the
 * sub-code that covers it, of the same family. The rules of a request hold: a known diagnosis, a code
 * assignable and in force today, the two consistent. The state does not change; the cronologia records
 * what was corrected, from what to what, with the operator's note (internal: the citizen never reads it).
 */
import {
  CASE_COMMAND_CATALOGUE,
  todayInRome,
  type CaseCommandBody,
  type CaseDetail,
} from '@esenzioni/domain';
import { checkConsistency, loadAssignableCode, loadDiagnosis } from './case-rules.js';
import { runCaseCommand } from './run-case-command.js';
import { nowOf, type UseCaseContext } from '../context.js';

export function correctDiagnosis(
  ctx: UseCaseContext,
  caseNumber: string,
  version: number | undefined,
  body: CaseCommandBody<'correctDiagnosis'>,
): Promise<CaseDetail> {
  let record = '';
  return runCaseCommand(ctx, caseNumber, version, {
    entry: CASE_COMMAND_CATALOGUE.correctDiagnosis,
    notes: {},
    finalSet: async (tx, c) => {
      const diag = await loadDiagnosis(tx, body.diagnosisCode);
      const code = await loadAssignableCode(
        tx,
        body.exemptionCode ?? c.exemptionCode,
        todayInRome(nowOf(ctx)),
        [c.family],
        diag.code,
      );
      checkConsistency(code, diag);
      const changes = [
        c.diagnosisCode !== diag.code ? `diagnosi ${c.diagnosisCode ?? 'non indicata'} → ${diag.code}` : null,
        c.exemptionCode !== code.code ? `codice ${c.exemptionCode} → ${code.code}` : null,
      ].filter(Boolean);
      record = `Corretti da distretto: ${changes.length ? changes.join('; ') : 'nessuna modifica'}.`;
      const internalNote = body.internalNote ? `${record} ${body.internalNote}` : record;
      return { diagnosisCode: diag.code, exemptionCode: code.code, internalNote };
    },
  });
}
