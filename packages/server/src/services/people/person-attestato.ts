/**
 * One attestato per person (issue 11 §5; docs/domain.md §1.3): every exemption the registry holds in
 * force today for the person, in one numbered, dated PDF with a verification code and its QR code.
 * Printed by the district and counter operators of the person's ASL (another ASL: not found, the
 * attempt logged) and by the citizen or a delegate; every print is an audited read and is stored
 * (person_attestato). The public check answers only "valido alla data …" or "non valido".
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  forbidden,
  formatItalianDate,
  isInForceOn,
  personNotFound,
  todayInRome,
  type AttestatoVerifyResponse,
} from '@esenzioni/domain';
import type { Db } from '../../db/client.js';
import {
  attestatoByVerificationCode,
  exemptionsInForceWithServices,
  insertPersonAttestato,
  personForAttestato,
  registryRowsByIds,
  type AttestatoExemption,
} from '../../db/repositories/attestati.js';
import { servicesOfCode } from '../catalogue/exempt-services.js';
import { renderPersonAttestatoPdf } from '../../documents/person-attestato-pdf.js';
import { auditedRead, type Audit } from '../../audit/audited-read.js';
import { resolveActingFor } from '../delegations/acting-for.js';
import { nowOf, type UseCaseContext } from '../context.js';

export interface AttestatoOptions {
  /** the data is demo data (SEED_DEMO): the PDF says so */
  demo: boolean;
  /** origin of the public check's URL, e.g. https://esenzioni.example.org */
  origin: string;
}

export interface AttestatoFile {
  fileName: string;
  bytes: Buffer;
}

/** Crockford's base32: no I, L, O, U, so a code read aloud or typed is not misread. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 16; // 80 random bits

export function newVerificationCode(): string {
  const bytes = randomBytes(CODE_LENGTH);
  let code = '';
  for (const b of bytes) code += ALPHABET[b & 31];
  return code;
}

/** As printed: four groups of four. */
export const printedCode = (code: string): string => code.replace(/(.{4})(?=.)/g, '$1-');

/** What a typed or scanned code becomes before the lookup: upper case, without separators. */
export const normalizedCode = (typed: string): string => typed.toUpperCase().replace(/[^0-9A-Z]/g, '');

export const verifyPath = (code: string): string => `/api/attestati/verify/${printedCode(code)}`;

/** sha256 of the listed rows as they were: a row changed since (end date, revocation) no longer matches. */
export function exemptionsHash(
  rows: Array<{ id: number; code: string; validFrom: string; validUntil: string | null }>,
): string {
  const canonical = rows
    .map((r) => ({ id: r.id, code: r.code, from: r.validFrom, until: r.validUntil }))
    .sort((a, b) => a.id - b.id);
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

async function issue(
  ctx: UseCaseContext,
  db: Db,
  audit: Audit,
  p: NonNullable<Awaited<ReturnType<typeof personForAttestato>>>,
  options: AttestatoOptions,
): Promise<AttestatoFile> {
  const now = nowOf(ctx);
  const today = todayInRome(now);
  const exemptions: AttestatoExemption[] = await exemptionsInForceWithServices(db, p.fiscalCode, today);
  // issue 12 §4, §8: each code's scope and services as the detail tells them (sentence, list, not loaded)
  const printed = [];
  for (const e of exemptions) {
    const s = await servicesOfCode(db, e.code, e.family, today);
    printed.push({ ...e, services: s.items, scope: s.scope, servicesSentence: s.services.sentence });
  }
  const verificationCode = newVerificationCode();
  const number = await insertPersonAttestato(db, {
    fiscalCode: p.fiscalCode,
    issuedAt: now,
    validOn: today,
    verificationCode,
    registryIds: exemptions.map((e) => e.id),
    exemptionsHash: exemptionsHash(exemptions),
  });
  audit('DOWNLOAD_EXEMPTION_CERTIFICATE', [{ personFiscalCode: p.fiscalCode }]);
  const bytes = await renderPersonAttestatoPdf({
    aslName: p.aslName ?? p.aslId ?? 'Servizio sanitario regionale',
    beneficiary: {
      fiscalCode: p.fiscalCode,
      firstName: p.firstName,
      lastName: p.lastName,
      birthDate: p.birthDate,
    },
    exemptions: printed,
    number,
    issuedOn: today,
    verificationCode: printedCode(verificationCode),
    verifyUrl: `${options.origin}${verifyPath(verificationCode)}`,
    demo: options.demo,
  });
  return { fileName: `attestato-esenzioni-${number}.pdf`, bytes };
}

const OPERATORS = ['DISTRICT_OPERATOR', 'ADMIN_OPERATOR'];

/** An operator of the person's ASL prints the attestato at the desk. */
export async function personAttestatoForOperator(
  ctx: UseCaseContext,
  fiscalCode: string,
  options: AttestatoOptions,
): Promise<AttestatoFile> {
  const { actor } = ctx;
  if (!OPERATORS.includes(actor.role)) throw forbidden();
  return auditedRead(
    ctx,
    async (db, audit) => {
      const p = await personForAttestato(db, fiscalCode);
      if (!p || !p.aslId) throw personNotFound(fiscalCode);
      if (!actor.aslId || p.aslId !== actor.aslId) {
        // a real person outside the operator's ASL: logged as DENIED by auditedRead, answered "not found"
        throw personNotFound(fiscalCode);
      }
      return issue(ctx, db, audit, p, options);
    },
    { target: { action: 'DOWNLOAD_EXEMPTION_CERTIFICATE', personFiscalCode: fiscalCode } },
  );
}

/** The citizen's own attestato, or a delegator's (`onBehalfOf`, delegation in force today). */
export async function myAttestato(
  ctx: UseCaseContext,
  onBehalfOf: string | undefined,
  options: AttestatoOptions,
): Promise<AttestatoFile> {
  const now = nowOf(ctx);
  return auditedRead(ctx, async (db, audit) => {
    const who = await resolveActingFor(db, ctx.actor, onBehalfOf, now);
    const p = await personForAttestato(db, who.fiscalCode);
    if (!p) throw personNotFound(who.fiscalCode);
    return issue(ctx, db, audit, p, options);
  });
}

const NOT_VALID: AttestatoVerifyResponse = { esito: 'non valido', valido: false };

/**
 * The public check: "valido alla data gg/mm/aaaa" when the attestato exists, lists at least one
 * exemption, and every listed row is unchanged and in force today; otherwise "non valido" (an unknown
 * or malformed code answers the same). Nothing else leaves: no name, code or condition.
 */
export async function verifyAttestato(db: Db, typed: string, now: Date): Promise<AttestatoVerifyResponse> {
  const code = normalizedCode(typed);
  if (code.length !== CODE_LENGTH) return NOT_VALID;
  const found = await attestatoByVerificationCode(db, code);
  if (!found || found.registryIds.length === 0) return NOT_VALID;
  const today = todayInRome(now);
  const rows = await registryRowsByIds(db, found.fiscalCode, found.registryIds);
  const valid =
    rows.length === found.registryIds.length &&
    exemptionsHash(rows) === found.exemptionsHash &&
    rows.every((r) => isInForceOn(today, r));
  return valid ? { esito: `valido alla data ${formatItalianDate(today)}`, valido: true } : NOT_VALID;
}
