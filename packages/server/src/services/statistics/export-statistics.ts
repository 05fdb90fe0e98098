/**
 * Exports of the dashboard's tables (issue 15 §3): CSV for Excel (UTF-8 with BOM, `;`, CRLF) and XLSX
 * (exceljs), each opening with the title, the filters and the date of the figures, then the same rows as
 * the page, a suppressed cell written «< 5», a withheld one «riservato». Aggregates only, so no access-log rows.
 */
import ExcelJS from 'exceljs';
import {
  AGE_BAND_LABELS,
  EXEMPTION_FAMILY_LABELS,
  REJECTION_REASON_LABELS,
  STAT_TABLE_TITLES,
  statMonthLabel,
  SUPPRESSED_LABEL,
  SUPPRESSION_NOTE,
  WITHHELD,
  WITHHELD_LABEL,
  type StatCount,
  type StatisticsDashboard,
  type StatisticsExportQuery,
  type StatTable,
} from '@esenzioni/domain';
import { csvCell } from '../cases/export-cases.js';
import type { UseCaseContext } from '../context.js';
import { statisticsDashboard } from './statistics-dashboard.js';

type Cell = string | number | null;
export interface StatTableData {
  title: string;
  /** lines above the header: the filters and the date of the figures */
  notes: string[];
  columns: string[];
  rows: Cell[][];
}

const count = (n: StatCount): Cell => (n === null ? SUPPRESSED_LABEL : n === WITHHELD ? WITHHELD_LABEL : n);
const days = (n: number | null): Cell => (n === null ? '' : n);
const itDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** The filters line, as the page states them. */
export function filtersLine(d: StatisticsDashboard): string {
  const f = d.filters;
  return [
    `Periodo: da ${statMonthLabel(f.from)} a ${statMonthLabel(f.to)}`,
    `ASL: ${f.aslName ?? 'tutte'}`,
    `Distretto: ${f.districtName ?? 'tutti'}`,
    `Famiglia: ${f.family ? EXEMPTION_FAMILY_LABELS[f.family] : 'tutte'}`,
    `Codice: ${f.code ?? 'tutti'}`,
  ].join(', ');
}

export function tableOf(d: StatisticsDashboard, table: StatTable): StatTableData {
  const notes = [
    `Filtri: ${filtersLine(d)}`,
    d.snapshotDate
      ? `Dati aggiornati al ${itDate(d.snapshotDate)}; ${SUPPRESSION_NOTE}`
      : 'Dati non ancora calcolati',
  ];
  const base = { title: STAT_TABLE_TITLES[table], notes };
  const withAsl = d.filters.asl === null;
  const placeCols = withAsl ? ['ASL', 'Distretto'] : ['Distretto'];
  const placeCells = (r: { aslName: string; districtName: string }) =>
    withAsl ? [r.aslName, r.districtName] : [r.districtName];
  switch (table) {
    case 'flow':
      return {
        ...base,
        columns: ['Mese', 'Ricevute', 'Validate', 'Respinte', 'Annullate'],
        rows: d.flow.map((r) => [
          statMonthLabel(r.month),
          count(r.received),
          count(r.validated),
          count(r.rejected),
          count(r.cancelled),
        ]),
      };
    case 'inForceByFamily':
      return {
        ...base,
        columns: ['Famiglia', 'Esenzioni in vigore'],
        rows: d.inForceByFamily.map((r) => [EXEMPTION_FAMILY_LABELS[r.family], count(r.count)]),
      };
    case 'inForceByCode':
      return {
        ...base,
        columns: ['Codice', 'Descrizione', 'Esenzioni in vigore'],
        rows: d.inForceByCode.map((r) => [r.code, r.description ?? '', count(r.count)]),
      };
    case 'leadTimeByMonth':
      return {
        ...base,
        columns: ['Mese', 'Pratiche decise', 'Mediana (giorni)', '90° percentile (giorni)'],
        rows: d.leadTimeByMonth.map((r) => [
          statMonthLabel(r.month),
          count(r.cases),
          days(r.median),
          days(r.p90),
        ]),
      };
    case 'leadTimeByDistrict':
      return {
        ...base,
        columns: [...placeCols, 'Pratiche decise', 'Mediana (giorni)', '90° percentile (giorni)'],
        rows: d.leadTimeByDistrict.map((r) => [
          ...placeCells(r),
          count(r.cases),
          days(r.median),
          days(r.p90),
        ]),
      };
    case 'backlogByAge':
      return {
        ...base,
        columns: ['Anzianità', 'Pratiche aperte'],
        rows: d.backlogByAge.map((r) => [AGE_BAND_LABELS[r.band], count(r.count)]),
      };
    case 'backlogByDistrict':
      return {
        ...base,
        columns: [...placeCols, 'Pratiche aperte'],
        rows: d.backlogByDistrict.map((r) => [...placeCells(r), count(r.count)]),
      };
    case 'rejectionReasons':
      return {
        ...base,
        columns: ['Motivo', 'Pratiche respinte'],
        rows: d.rejectionReasons.map((r) => [REJECTION_REASON_LABELS[r.reason], count(r.count)]),
      };
    case 'expiring':
      return {
        ...base,
        columns: ['Scadenza', 'Esenzioni'],
        rows: d.expiring.map((r) => [`Entro ${r.withinDays} giorni`, count(r.count)]),
      };
  }
}

export function statTableCsv(t: StatTableData): string {
  const line = (cells: Cell[]) => cells.map((c) => csvCell(c === null ? '' : String(c))).join(';');
  const lines = [line([t.title]), ...t.notes.map((n) => line([n])), '', line(t.columns), ...t.rows.map(line)];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export async function statTableXlsx(t: StatTableData): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Esenzioni';
  const sheet = book.addWorksheet('Statistiche');
  sheet.addRow([t.title]).font = { bold: true };
  for (const n of t.notes) sheet.addRow([n]);
  sheet.addRow([]);
  sheet.addRow(t.columns).font = { bold: true };
  for (const r of t.rows) sheet.addRow(r.map((c) => (c === null ? '' : c)));
  t.columns.forEach((_, i) => {
    sheet.getColumn(i + 1).width = i === 0 ? 32 : 20;
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}

export const STAT_FILE_NAMES: Record<StatTable, string> = {
  flow: 'pratiche-per-mese',
  inForceByFamily: 'esenzioni-in-vigore-per-famiglia',
  inForceByCode: 'esenzioni-in-vigore-per-codice',
  leadTimeByMonth: 'tempi-di-decisione-per-mese',
  leadTimeByDistrict: 'tempi-di-decisione-per-distretto',
  backlogByAge: 'pratiche-aperte-per-anzianita',
  backlogByDistrict: 'pratiche-aperte-per-distretto',
  rejectionReasons: 'motivi-di-rifiuto',
  expiring: 'esenzioni-in-scadenza',
};

export async function exportStatistics(
  ctx: UseCaseContext,
  q: StatisticsExportQuery,
): Promise<{ fileName: string; contentType: string; body: string | Buffer }> {
  const { table, format, ...filters } = q;
  const data = tableOf(await statisticsDashboard(ctx, filters), table);
  const fileName = `${STAT_FILE_NAMES[table]}.${format}`;
  return format === 'csv'
    ? { fileName, contentType: 'text/csv; charset=utf-8', body: statTableCsv(data) }
    : {
        fileName,
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        body: await statTableXlsx(data),
      };
}
