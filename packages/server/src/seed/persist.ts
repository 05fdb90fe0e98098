/**
 * Writes planned demo cases: numbers them (consecutive per ASL and year, in order of submission, as
 * the live counter would), then inserts cases, history, documents, registry rows and counters.
 */
import { createHash } from 'node:crypto';
import { formatCaseNumber, todayInRome } from '@esenzioni/domain';
import type { Tx } from '../db/client.js';
import { caseRowOf, historyRowOf, registryRowOf } from '../db/repositories/case-rows.js';
import {
  insertCaseRows,
  insertDocuments,
  insertHistoryRows,
  insertRegistryRows,
  raiseCaseCounters,
  type DocumentInsert,
} from '../db/repositories/seed.js';
import type { AttachmentName, DemoFile } from './attachments.js';
import type { PlannedCase } from './cases.js';
import { renderPathologyCertificate } from './certificate-pdf.js';
import { demoVerbale } from './invalidity.js';
import { insertInvalidityDataRows } from '../db/repositories/exempt-services.js';
import type { Rng } from './prng.js';

export interface NumberedCase extends PlannedCase {
  caseNumber: string;
}

const submittedAt = (c: PlannedCase): Date => c.events[0]?.at ?? new Date(0);

/** Sorts by submission time and gives each ASL a progressive per (Rome) calendar year, from 1. */
export function numberCases(cases: PlannedCase[]): {
  numbered: NumberedCase[];
  counters: Map<string, number>;
} {
  const counters = new Map<string, number>();
  const numbered = [...cases]
    .sort((a, b) => submittedAt(a).getTime() - submittedAt(b).getTime())
    .map((c) => {
      const year = Number(todayInRome(submittedAt(c)).slice(0, 4));
      const key = `${c.person.residenceAslId}:${year}`;
      const progressive = (counters.get(key) ?? 0) + 1;
      counters.set(key, progressive);
      return { ...c, caseNumber: formatCaseNumber(year, c.person.residenceAslId, progressive) };
    });
  return { numbered, counters };
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

export interface PersistContext {
  attachments: Map<AttachmentName, DemoFile>;
  doctor: { fiscalCode: string; name: string; structure: string };
  rng: Rng;
}

/** The case row the history of `c` leaves (db/repositories/case-rows.ts: the product's shape). */
export const demoCaseRow = (c: NumberedCase) =>
  caseRowOf(
    {
      caseNumber: c.caseNumber,
      beneficiary: {
        fiscalCode: c.person.fiscalCode,
        firstName: c.person.firstName,
        lastName: c.person.lastName,
        aslId: c.person.residenceAslId,
        districtId: c.person.residenceDistrictId,
        birthDate: c.person.birthDate,
      },
      submitter: { type: c.submitterType, fiscalCode: c.submitterFiscalCode, userId: c.submitterUserId },
      code: c.code,
      diagnosisCode: c.diagnosis?.code ?? null,
      rejectionReason: c.rejectionReason,
    },
    c.events,
  );

export async function persistCases(tx: Tx, cases: NumberedCase[], ctx: PersistContext): Promise<number> {
  const rows = new Map(cases.map((c) => [c.caseNumber, demoCaseRow(c)]));
  const rowOf = (c: NumberedCase) => rows.get(c.caseNumber) ?? demoCaseRow(c);
  const ids = await insertCaseRows(tx, cases.map(rowOf));
  const idOf = (c: NumberedCase) => {
    const id = ids.get(c.caseNumber);
    if (id === undefined) throw new Error(`pratica non inserita: ${c.caseNumber}`);
    return id;
  };

  const history = cases.flatMap((c) => c.events.map((e) => historyRowOf(idOf(c), e)));
  await insertHistoryRows(tx, history);
  // issue 12 §4: every demo invalidity case has its (demo) verbale
  await insertInvalidityDataRows(
    tx,
    cases.flatMap((c) => {
      const v =
        c.code.family === 'INVALIDITY' ? demoVerbale(c.caseNumber, c.code.code, submittedAt(c)) : null;
      return v ? [{ caseId: idOf(c), ...v }] : [];
    }),
  );

  const docs: DocumentInsert[] = [];
  for (const c of cases) {
    const at = submittedAt(c);
    if (c.certificate) {
      const issued = new Date(at.getTime() - ctx.rng.int(0, 20) * 86_400_000);
      const bytes = await renderPathologyCertificate({
        caseNumber: c.caseNumber,
        beneficiary: {
          fiscalCode: c.person.fiscalCode,
          firstName: c.person.firstName,
          lastName: c.person.lastName,
          birthDate: c.person.birthDate,
        },
        doctor: ctx.doctor,
        diagnosis: c.diagnosis,
        exemption: { code: c.code.code, description: c.code.description },
        issuedOn: todayInRome(issued),
        verificationCode: `DEMO-${ctx.rng.hex(4)}-${ctx.rng.hex(4)}`,
      });
      docs.push({
        caseId: idOf(c),
        kind: 'CERTIFICATE',
        fileName: `certificato-${c.caseNumber}.pdf`,
        contentType: 'application/pdf',
        size: bytes.length,
        sha256: sha256(bytes),
        bytes,
        createdAt: at,
      });
    }
    for (const name of c.attachments) {
      const f = ctx.attachments.get(name);
      if (!f) continue;
      docs.push({
        caseId: idOf(c),
        kind: 'ATTACHMENT',
        fileName: f.fileName,
        contentType: f.contentType,
        size: f.bytes.length,
        sha256: sha256(f.bytes),
        bytes: f.bytes,
        createdAt: at,
      });
    }
  }
  await insertDocuments(tx, docs);

  // created when the case was validated, as the product writes it in the validation's statement
  const registry = cases.flatMap((c) => {
    const row = rowOf(c);
    const entry = registryRowOf({ ...row, id: idOf(c) }, row.updatedAt);
    return entry ? [entry] : [];
  });
  await insertRegistryRows(tx, registry);
  return docs.length;
}

/** The live counter continues after the demo numbers (never below what is already there). */
export async function writeCounters(tx: Tx, counters: Map<string, number>): Promise<void> {
  const values = [...counters].map(([key, lastValue]) => {
    const [aslId = '', year = '0'] = key.split(':');
    return { aslId, year: Number(year), lastValue };
  });
  await raiseCaseCounters(tx, values);
}
