/**
 * CSV export of the current search (all pages, capped), for Excel: UTF-8 with BOM, `;` separator,
 * cells starting with = + - @ neutralised against formula injection. Audited like any read.
 */
import {
  CASE_STATUS_LABELS,
  SUBMITTER_TYPE_LABELS,
  formatItalianDate,
  todayInRome,
  validationFailed,
  type CaseSearchQuery,
} from '@esenzioni/domain';
import { countCases, pageQuery, searchConditions } from '../../db/repositories/cases.js';
import { caseScope } from '../../db/repositories/scope.js';
import type { UseCaseContext } from '../context.js';
import { assertKnownCode, withCatalogueCode } from './search-cases.js';
import { auditedRead } from '../../audit/audited-read.js';

export const EXPORT_MAX_ROWS = 10_000;

export function csvCell(value: string): string {
  const neutral = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[";\r\n]/.test(neutral) ? `"${neutral.replace(/"/g, '""')}"` : neutral;
}

const HEADER = [
  'N. Pratica',
  'ASL',
  'Distretto',
  'Cognome',
  'Nome',
  'Codice fiscale',
  'Compilatore',
  'CF compilatore',
  'Codice',
  'Stato pratica',
  'Data richiesta',
];

export async function exportCasesCsv(ctx: UseCaseContext, typed: CaseSearchQuery): Promise<string> {
  const q = await withCatalogueCode(ctx.db, typed); // 0B02 searches 002B (issue 12 §7)
  const where = searchConditions(caseScope(ctx.actor), q);
  return auditedRead(ctx, async (db, audit) => {
    const total = await countCases(db, where, EXPORT_MAX_ROWS);
    if (total === 0) await assertKnownCode(db, q.exemptionCode);
    if (total > EXPORT_MAX_ROWS) {
      throw validationFailed(
        [],
        `La ricerca restituisce più di ${EXPORT_MAX_ROWS.toLocaleString('it-IT')} pratiche: restringere i filtri per esportarle.`,
      );
    }
    const rows = await pageQuery(db, where, q, EXPORT_MAX_ROWS, 0);
    audit(
      'EXPORT',
      rows.map((r) => ({ personFiscalCode: r.fiscalCode, caseNumber: r.caseNumber })),
    );
    const lines = [HEADER.map(csvCell).join(';')];
    for (const r of rows) {
      lines.push(
        [
          r.caseNumber,
          r.aslName,
          r.districtName ?? '',
          r.lastName,
          r.firstName,
          r.fiscalCode,
          SUBMITTER_TYPE_LABELS[r.submitterType] ?? r.submitterType,
          r.submitterFiscalCode,
          r.exemptionCode,
          CASE_STATUS_LABELS[r.status] ?? r.status,
          formatItalianDate(todayInRome(r.submittedAt)),
        ]
          .map(csvCell)
          .join(';'),
      );
    }
    return `\uFEFF${lines.join('\r\n')}\r\n`;
  });
}
