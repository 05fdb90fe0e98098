/**
 * SQL of issue 12 §4 and §8: the verbale of an invalidity case (invalidity_data), the national
 * nomenclator (nomenclator_service) and the exempt-services files the administrator loads
 * (exempt_service_upload + exempt_service rows), with the lookup "most specific code first".
 */
import { desc, eq, inArray, sql } from 'drizzle-orm';
import type { InvalidityData } from '@esenzioni/domain';
import { rows, type Tx } from '../client.js';
import { exemptService, exemptServiceUpload, invalidityData, nomenclatorService } from '../schema.js';

/** `(a, b, c)`: a parenthesised list of bound values for `in`. */
const list = (values: string[]) =>
  sql`(${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )})`;

// ------------------------------------------------------------------ invalidity data

export async function insertInvalidityData(tx: Tx, caseId: number, d: InvalidityData): Promise<void> {
  await tx.insert(invalidityData).values({ caseId, ...d });
}

/** Several cases' verbale rows at once (the demo seed). */
export async function insertInvalidityDataRows(
  tx: Tx,
  data: Array<InvalidityData & { caseId: number }>,
): Promise<void> {
  for (let i = 0; i < data.length; i += 500) await tx.insert(invalidityData).values(data.slice(i, i + 500));
}

export async function findInvalidityData(tx: Tx, caseId: number): Promise<InvalidityData | null> {
  const [r] = await tx.select().from(invalidityData).where(eq(invalidityData.caseId, caseId));
  if (!r) return null;
  const { caseId: _id, ...data } = r;
  void _id;
  return data;
}

// ------------------------------------------------------------------ nomenclator

export type NomenclatorRow = typeof nomenclatorService.$inferInsert;

export async function upsertNomenclator(tx: Tx, data: NomenclatorRow[]): Promise<void> {
  for (let i = 0; i < data.length; i += 500) {
    await tx
      .insert(nomenclatorService)
      .values(data.slice(i, i + 500))
      .onConflictDoUpdate({
        target: nomenclatorService.code,
        set: { description: sql`excluded.description`, source: sql`excluded.source` },
      });
  }
}

/** The nomenclator's descriptions of these service codes (the ones it does not know are absent). */
export async function nomenclatorDescriptions(tx: Tx, codes: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const unique = [...new Set(codes)];
  for (let i = 0; i < unique.length; i += 1000) {
    const found = await tx
      .select({ code: nomenclatorService.code, description: nomenclatorService.description })
      .from(nomenclatorService)
      .where(inArray(nomenclatorService.code, unique.slice(i, i + 1000)));
    for (const r of found) out.set(r.code, r.description);
  }
  return out;
}

/** Which of these codes are exemption codes of the catalogue (a code or a base code). */
export async function knownExemptionCodes(tx: Tx, codes: string[]): Promise<Set<string>> {
  const unique = [...new Set(codes)];
  if (unique.length === 0) return new Set();
  const found = await rows<{ code: string }>(
    tx,
    sql`select code from exemption_code where code in ${list(unique)}
        union select base_code from exemption_code where base_code in ${list(unique)}`,
  );
  return new Set(found.map((r) => r.code));
}

// ------------------------------------------------------------------ uploads

export interface UploadRow {
  exemptionCode: string;
  serviceCode: string;
  description: string;
  note: string | null;
  validFrom: string;
  validUntil: string | null;
  source: string;
  position: number;
}

export async function findUploadBySha(tx: Tx, sha256: string) {
  const [r] = await tx.select().from(exemptServiceUpload).where(eq(exemptServiceUpload.sha256, sha256));
  return r;
}

export async function insertUpload(
  tx: Tx,
  u: { uploadedAt: Date; uploadedBy: string; fileName: string; sha256: string; codes: string[] },
  data: UploadRow[],
) {
  const [up] = await tx
    .insert(exemptServiceUpload)
    .values({ ...u, rowCount: data.length })
    .returning();
  if (!up) throw new Error('exempt_service_upload: insert returned no row');
  for (let i = 0; i < data.length; i += 500) {
    await tx
      .insert(exemptService)
      .values(data.slice(i, i + 500).map((r) => ({ ...r, example: false, uploadId: up.id })));
  }
  return up;
}

export const listUploads = (tx: Tx) =>
  tx.select().from(exemptServiceUpload).orderBy(desc(exemptServiceUpload.id)).limit(100);

export interface ServiceItem {
  code: string | null;
  description: string;
  example: boolean;
  note: string | null;
  source: string;
}

/**
 * The services listed for the first of `codes` (most specific first) that has a loaded list: the rows
 * of the latest file that named that code, in force on `on`. Returns the code found and its rows, or
 * the manual's example rows of the codes (`examples`) when no list is loaded for any of them.
 */
export async function servicesFor(
  tx: Tx,
  codes: string[],
  on: string,
): Promise<{ listCode: string | null; items: ServiceItem[]; examples: ServiceItem[] }> {
  const found = await rows<{
    exemption_code: string;
    service_code: string | null;
    description: string;
    example: boolean;
    note: string | null;
    source: string;
    upload_id: string | null;
  }>(
    tx,
    sql`with latest as (
          select exemption_code, max(upload_id) as upload_id
            from exempt_service
           where exemption_code in ${list(codes)} and upload_id is not null
           group by exemption_code)
        select s.exemption_code, s.service_code, s.description, s.example, s.note, s.source,
               s.upload_id::text as upload_id
          from exempt_service s
          left join latest l on l.exemption_code = s.exemption_code and l.upload_id = s.upload_id
         where s.exemption_code in ${list(codes)}
           and ((s.upload_id is null and s.example)
                or (l.upload_id is not null
                    and s.valid_from <= ${on}::date
                    and (s.valid_until is null or s.valid_until >= ${on}::date)))
         order by s.position, s.id`,
  );
  const item = (r: (typeof found)[number]): ServiceItem => ({
    code: r.service_code,
    description: r.description,
    example: r.example,
    note: r.note,
    source: r.source,
  });
  for (const code of codes) {
    const loaded = found.filter((r) => r.exemption_code === code && r.upload_id !== null);
    if (loaded.length > 0) return { listCode: code, items: loaded.map(item), examples: [] };
  }
  return {
    listCode: null,
    items: [],
    examples: found.filter((r) => r.upload_id === null).map(item),
  };
}
