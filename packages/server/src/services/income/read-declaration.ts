/**
 * Reading an income exemption and its declaration (issue 12 §1): the counter's and district's (their
 * ASL's cases), the citizen's or delegate's (their own or the delegator's), each read audited; and the
 * PDF "certificato nominativo di esenzione per reddito".
 */
import {
  decodeFiscalCode,
  exemptionNotFound,
  forbidden,
  isIncomeCode,
  todayInRome,
  type IncomeDeclarationResponse,
} from '@esenzioni/domain';
import type { Tx } from '../../db/client.js';
import { declaredExemptionOf } from '../../db/repositories/self-declarations.js';
import { caseScope, type CaseScope } from '../../db/repositories/scope.js';
import { citizenCaseScope, resolveActingFor } from '../delegations/acting-for.js';
import { auditedRead } from '../../audit/audited-read.js';
import { renderIncomeCertificatePdf } from '../../documents/income-certificate-pdf.js';
import { nowOf, type UseCaseContext } from '../context.js';

export type IncomeDeclarationView = IncomeDeclarationResponse;
type Row = NonNullable<Awaited<ReturnType<typeof declaredExemptionOf>>>;

const certificateUrl = (path: 'counter' | 'me', caseNumber: string, onBehalfOf?: string) =>
  path === 'counter'
    ? `/api/income-declarations/${caseNumber}/certificate.pdf`
    : `/api/me/income-declarations/${caseNumber}/certificate.pdf${onBehalfOf ? `?onBehalfOf=${onBehalfOf}` : ''}`;

function viewOf(r: Row, path: 'counter' | 'me', onBehalfOf?: string): IncomeDeclarationView {
  return {
    caseNumber: r.c.caseNumber,
    exemptionCode: r.c.exemptionCode,
    description: r.description ?? '',
    beneficiary: {
      fiscalCode: r.c.beneficiaryFiscalCode,
      firstName: r.c.beneficiaryFirstName,
      lastName: r.c.beneficiaryLastName,
    },
    declarantFiscalCode: r.d.declarantFiscalCode,
    declarantTitle: r.d.declarantTitle,
    holderFiscalCode: r.d.holderFiscalCode,
    declaredAt: r.d.declaredAt.toISOString(),
    incomeYear: r.d.incomeYear,
    householdIncomeCents: r.d.householdIncomeCents,
    hasSpouse: r.d.hasSpouse,
    dependentChildren: r.d.dependentChildren,
    thresholdCents: r.d.thresholdCents,
    validFrom: r.c.validFrom ?? '',
    validUntil: r.c.validUntil,
    status: r.c.status,
    certificateUrl: certificateUrl(path, r.c.caseNumber, onBehalfOf),
  };
}

/** Right after issuing it, in the same transaction (the caller wrote the SUBMIT audit row). */
export async function readDeclaredExemption(
  tx: Tx,
  caseNumber: string,
  path: 'counter' | 'me',
  onBehalfOf?: string,
): Promise<IncomeDeclarationView> {
  const row = await declaredExemptionOf(tx, null, caseNumber);
  if (!row) throw new Error('issued declaration not found');
  return viewOf(row, path, onBehalfOf);
}

/** Operators (counter, district) of the case's ASL. */
function operatorScope(ctx: UseCaseContext): CaseScope {
  const role = ctx.actor.role;
  if (role !== 'ADMIN_OPERATOR' && role !== 'DISTRICT_OPERATOR') throw forbidden();
  return caseScope(ctx.actor);
}

async function load(
  ctx: UseCaseContext,
  db: Tx,
  caseNumber: string,
  onBehalfOf: string | undefined,
  path: 'counter' | 'me',
) {
  let scope: CaseScope;
  if (path === 'counter') scope = operatorScope(ctx);
  else {
    const acting = await resolveActingFor(db, ctx.actor, onBehalfOf, nowOf(ctx));
    scope = citizenCaseScope(ctx.actor.fiscalCode!, acting, todayInRome(nowOf(ctx)));
  }
  const row = await declaredExemptionOf(db, scope, caseNumber);
  if (!row || !isIncomeCode(row.c.exemptionCode)) throw exemptionNotFound();
  return row;
}

export function getDeclaredExemption(
  ctx: UseCaseContext,
  caseNumber: string,
  path: 'counter' | 'me',
  onBehalfOf?: string,
): Promise<IncomeDeclarationView> {
  return auditedRead(ctx, async (db, audit) => {
    const row = await load(ctx, db, caseNumber, onBehalfOf, path);
    audit('READ_DETAIL', [{ personFiscalCode: row.c.beneficiaryFiscalCode, caseNumber }]);
    return viewOf(row, path, onBehalfOf);
  });
}

/** The "certificato nominativo di esenzione per reddito" (PDF), of an exemption in force or past. */
export function incomeCertificate(
  ctx: UseCaseContext,
  caseNumber: string,
  path: 'counter' | 'me',
  onBehalfOf?: string,
): Promise<{ fileName: string; bytes: Buffer }> {
  return auditedRead(ctx, async (db, audit) => {
    const row = await load(ctx, db, caseNumber, onBehalfOf, path);
    if (row.c.status === 'CANCELLED') throw exemptionNotFound();
    audit('DOWNLOAD_EXEMPTION_CERTIFICATE', [{ personFiscalCode: row.c.beneficiaryFiscalCode, caseNumber }]);
    const bytes = await renderIncomeCertificatePdf({
      aslName: row.aslName ?? row.c.aslId,
      view: viewOf(row, path, onBehalfOf),
      birthDate:
        row.birthDate ?? decodeFiscalCode(row.c.beneficiaryFiscalCode, nowOf(ctx))?.birthDate ?? null,
      printedOn: todayInRome(nowOf(ctx)),
    });
    return { fileName: `certificato-esenzione-reddito-${caseNumber}.pdf`, bytes };
  });
}
