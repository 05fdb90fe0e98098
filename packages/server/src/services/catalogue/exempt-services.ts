/**
 * Exempt services (issue 12 §8): what a code covers, told the same way in the case detail, the
 * attestati and GET /api/catalog/exemptions/{code}/services; and the administrator's upload of a
 * services file (docs/exempt-services.md), every service code checked against the national
 * nomenclator, refused as a whole on any error (each error named by its line).
 */
import { createHash } from 'node:crypto';
import {
  exemptionCodeUnknown,
  exemptServicesFileInvalid,
  forbidden,
  serviceLookupCodes,
  servicesAnswer,
  todayInRome,
  type CodeServicesResponse,
  type ExemptionFamily,
  type ExemptionScope,
  type ExemptServicesUploadList,
  type ExemptServicesUploadResponse,
  type FieldIssue,
  type ServicesInfo,
} from '@esenzioni/domain';
import { parseCsv } from '../../catalog/csv.js';
import type { Db, Tx } from '../../db/client.js';
import { resolveExemptionCode } from '../../db/repositories/catalogue.js';
import {
  findUploadBySha,
  insertUpload,
  knownExemptionCodes,
  listUploads,
  nomenclatorDescriptions,
  servicesFor,
  type UploadRow,
} from '../../db/repositories/exempt-services.js';
import { nowOf, type UseCaseContext } from '../context.js';

export interface CodeServices {
  scope: ExemptionScope;
  services: ServicesInfo;
  items: Array<{ code: string | null; description: string; example: boolean; note: string | null }>;
}

/** What `code` (of `family`) covers on `on`: the scope, the sentence or the list found. */
export async function servicesOfCode(
  tx: Tx,
  code: string,
  family: ExemptionFamily,
  on: string,
): Promise<CodeServices> {
  const codes = serviceLookupCodes(code);
  const found = await servicesFor(tx, codes, on);
  const answer = servicesAnswer(code, family, found.items.length);
  const shown = answer.kind === 'LIST' ? found.items : answer.kind === 'NOT_LOADED' ? found.examples : [];
  return {
    scope: answer.scope,
    services: {
      kind: answer.kind,
      sentence: answer.sentence,
      listCode: answer.kind === 'LIST' ? found.listCode : null,
      source: answer.kind === 'LIST' ? (found.items[0]?.source ?? null) : null,
    },
    items: shown.map((s) => ({ code: s.code, description: s.description, example: s.example, note: s.note })),
  };
}

/**
 * GET /api/catalog/exemptions/{code}/services: public reference data, no person involved. A code as
 * written on prescriptions (0B02 = 002B, issue 12 §7) is resolved first; the answer names the code found.
 */
export async function codeServices(db: Db, code: string, date: string): Promise<CodeServicesResponse> {
  const row = await resolveExemptionCode(db, code);
  if (!row) throw exemptionCodeUnknown(code);
  const s = await servicesOfCode(db, row.code, row.family, date);
  return { code: row.code, description: row.description, date, ...s };
}

// ------------------------------------------------------------------ upload

export const SERVICES_FILE_HEADER = ['code', 'service_code', 'note', 'valid_from', 'valid_until', 'source'];
const MAX_ISSUES = 20;
const CODE = /^[0-9A-Z.]{1,20}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const realDate = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return DATE.test(s) && !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

/** Reads and checks the file; the rows to store, or every problem (line by line). */
export async function checkServicesFile(
  tx: Tx,
  csv: string,
): Promise<{ rows: UploadRow[]; issues: FieldIssue[] }> {
  const issues: FieldIssue[] = [];
  let table: string[][];
  try {
    table = parseCsv(csv);
  } catch (e) {
    return {
      rows: [],
      issues: [{ field: 'csv', message: `File CSV non leggibile: ${(e as Error).message}.` }],
    };
  }
  const header = (table[0] ?? []).map((h) => h.trim().toLowerCase());
  if (header.join(',') !== SERVICES_FILE_HEADER.join(',')) {
    return {
      rows: [],
      issues: [
        {
          field: 'riga 1',
          message: `Intestazione attesa: ${SERVICES_FILE_HEADER.join(',')} (trovata: ${header.join(',') || 'nessuna'}).`,
        },
      ],
    };
  }
  const body = table.slice(1).filter((r) => r.some((f) => f.trim() !== ''));
  if (body.length === 0) return { rows: [], issues: [{ field: 'csv', message: 'Il file non ha righe.' }] };
  const norm = body.map((r) => r.map((f) => f.trim()));
  const codes = await knownExemptionCodes(
    tx,
    norm.map((r) => (r[0] ?? '').toUpperCase()),
  );
  const services = await nomenclatorDescriptions(
    tx,
    norm.map((r) => r[1] ?? ''),
  );
  const out: UploadRow[] = [];
  const positions = new Map<string, number>();
  norm.forEach((r, i) => {
    const line = `riga ${i + 2}`;
    const bad = (message: string) => issues.push({ field: line, message });
    if (r.length !== SERVICES_FILE_HEADER.length) {
      bad(`attese ${SERVICES_FILE_HEADER.length} colonne, trovate ${r.length}.`);
      return;
    }
    const [rawCode, serviceCode, note, validFrom, validUntil, source] = r as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const code = rawCode.toUpperCase();
    let ok = true;
    if (!CODE.test(code) || !codes.has(code)) {
      bad(`il codice di esenzione «${rawCode}» non è nel catalogo.`);
      ok = false;
    }
    const description = services.get(serviceCode);
    if (!description) {
      bad(
        `la prestazione «${serviceCode}» non è nel nomenclatore nazionale (data/prestazioni_catalogo_nazionale.csv).`,
      );
      ok = false;
    }
    if (!realDate(validFrom)) {
      bad(`valid_from «${validFrom}» non è una data AAAA-MM-GG.`);
      ok = false;
    }
    if (validUntil && !realDate(validUntil)) {
      bad(`valid_until «${validUntil}» non è una data AAAA-MM-GG.`);
      ok = false;
    } else if (validUntil && realDate(validFrom) && validUntil < validFrom) {
      bad(`valid_until ${validUntil} precede valid_from ${validFrom}.`);
      ok = false;
    }
    if (!source) {
      bad('indicare la fonte (source) della riga.');
      ok = false;
    }
    if (note.length > 500) {
      bad('la nota supera 500 caratteri.');
      ok = false;
    }
    if (!ok) return;
    const position = (positions.get(code) ?? 0) + 1;
    positions.set(code, position);
    out.push({
      exemptionCode: code,
      serviceCode,
      description: description!,
      note: note || null,
      validFrom,
      validUntil: validUntil || null,
      source,
      position,
    });
  });
  return { rows: out, issues };
}

/** POST /api/admin/exempt-services: one version of the lists of the codes the file names. */
export async function uploadExemptServices(
  ctx: UseCaseContext,
  body: { fileName: string; csv: string },
): Promise<ExemptServicesUploadResponse> {
  if (ctx.actor.role !== 'ADMIN' || !ctx.actor.fiscalCode) throw forbidden();
  const sha256 = createHash('sha256').update(body.csv).digest('hex');
  return ctx.db.transaction(async (tx) => {
    const same = await findUploadBySha(tx, sha256);
    if (same) {
      return {
        uploadId: String(same.id),
        created: false,
        rows: same.rowCount,
        codes: same.codes,
        uploadedAt: same.uploadedAt.toISOString(),
      };
    }
    const { rows, issues } = await checkServicesFile(tx, body.csv);
    if (issues.length > 0)
      throw exemptServicesFileInvalid(issues.slice(0, MAX_ISSUES), Math.max(0, issues.length - MAX_ISSUES));
    const codes = [...new Set(rows.map((r) => r.exemptionCode))].sort();
    const up = await insertUpload(
      tx,
      { uploadedAt: nowOf(ctx), uploadedBy: ctx.actor.fiscalCode!, fileName: body.fileName, sha256, codes },
      rows,
    );
    return {
      uploadId: String(up.id),
      created: true,
      rows: rows.length,
      codes,
      uploadedAt: up.uploadedAt.toISOString(),
    };
  });
}

export async function exemptServicesUploads(ctx: UseCaseContext): Promise<ExemptServicesUploadList> {
  if (ctx.actor.role !== 'ADMIN') throw forbidden();
  const found = await listUploads(ctx.db);
  return {
    items: found.map((u) => ({
      uploadId: String(u.id),
      fileName: u.fileName,
      uploadedAt: u.uploadedAt.toISOString(),
      uploadedBy: u.uploadedBy,
      rows: u.rowCount,
      codes: u.codes,
    })),
  };
}

/** Today in Rome for the services shown with a case or an attestato. */
export const servicesDate = (ctx: UseCaseContext): string => todayInRome(nowOf(ctx));
