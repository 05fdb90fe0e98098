/**
 * Client of the issue 4 endpoints: person lookup, ICD-9-CM diagnoses and suggested codes, case
 * submission (specialist JSON, counter and citizen multipart), the citizen portal (/api/me/…),
 * delegations and notifications. JSON calls go through client.ts; multipart ones use fetch here with
 * the same CSRF token and problem+json handling.
 */
import type {
  AccessLogKind,
  CaseDetail,
  CaseList,
  CatalogExemption,
  Delegation,
  DelegationList,
  MyCaseList,
  MyAccessLogPage,
  MyExemption,
  PersonResponse,
  PortalNotification,
  Problem,
  SuggestCodesResponse,
} from '@esenzioni/domain';
import { ApiError, get, post, queryString } from './client';
import { runCommand } from './cases';

export interface Diagnosis {
  code: string;
  description: string;
  leaf: boolean;
}

const enc = encodeURIComponent;

// ---------------------------------------------------------------- lookups

export const getPerson = (fiscalCode: string, signal?: AbortSignal) =>
  get<PersonResponse>(`/api/people/${enc(fiscalCode)}`, signal);

export const searchDiagnoses = async (q: string, signal?: AbortSignal) =>
  (await get<{ items: Diagnosis[] }>(`/api/catalog/diagnoses${queryString({ q, limit: 20 })}`, signal)).items;

export const suggestCodes = (diagnosisCode: string, issuedOn?: string, signal?: AbortSignal) =>
  get<SuggestCodesResponse>(`/api/cases/suggest-codes${queryString({ diagnosisCode, issuedOn })}`, signal);

/** Assignable codes of the catalogue matching `q` (code or words), optionally of one family. */
export const searchAssignableCodes = async (q: string, family?: string, signal?: AbortSignal) =>
  (
    await get<{ items: CatalogExemption[] }>(
      `/api/catalog/exemptions${queryString({ q, family, assignableOnly: 'true', limit: 30 })}`,
      signal,
    )
  ).items;

// ---------------------------------------------------------------- multipart

async function readProblem(res: Response): Promise<Problem | null> {
  if (!(res.headers.get('content-type') ?? '').includes('json')) return null;
  try {
    const body = (await res.json()) as Partial<Problem>;
    return typeof body.code === 'string' ? (body as Problem) : null;
  } catch {
    return null;
  }
}

/**
 * POST multipart/form-data. client.ts keeps its CSRF token private, so the token is read again from
 * /api/auth/me (which also confirms the session is alive before a large upload).
 */
async function postForm<T>(path: string, form: FormData): Promise<T> {
  const { csrfToken } = await get<{ csrfToken: string }>('/api/auth/me');
  let res: Response;
  try {
    res = await fetch(path, {
      method: 'POST',
      headers: { Accept: 'application/json', 'X-CSRF-Token': csrfToken },
      credentials: 'same-origin',
      body: form,
    });
  } catch {
    throw new ApiError(0, null, 'Impossibile contattare il server. Verificare la connessione e riprovare.');
  }
  if (!res.ok) {
    throw new ApiError(res.status, await readProblem(res), `Errore ${res.status}: operazione non riuscita.`);
  }
  return (await res.json()) as T;
}

// ---------------------------------------------------------------- submission

export interface CaseFields {
  beneficiaryFiscalCode: string;
  diagnosisCode?: string;
  exemptionCode: string;
  issuedOn: string;
  notes?: string;
  /** issue 12 §4: the verbale of an invalidity code (InvalidityFields), counter only */
  [verbaleField: string]: string | undefined;
}

/** The specialist's certificate (JSON): the server generates the PDF. */
export const submitSpecialistCase = (body: CaseFields) => post<CaseDetail>('/api/cases', body);

export interface CaseFiles {
  certificate: File | null;
  identityDocument?: File | null;
  /** issue 17 §3: the written delegation of a delegate at the counter */
  delegation?: File | null;
  documents: File[];
}

function formOf(fields: Record<string, string | undefined>, files: CaseFiles): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) if (v) form.append(k, v);
  if (files.certificate) form.append('certificate', files.certificate, files.certificate.name);
  if (files.identityDocument)
    form.append('identityDocument', files.identityDocument, files.identityDocument.name);
  if (files.delegation) form.append('delegation', files.delegation, files.delegation.name);
  for (const f of files.documents) form.append('documents', f, f.name);
  return form;
}

/** The counter's case with the scanned documents. */
export const submitCounterCase = (fields: CaseFields, files: CaseFiles) =>
  postForm<CaseDetail>('/api/cases', formOf({ ...fields }, files));

export interface CitizenFields {
  exemptionCode: string;
  diagnosisCode?: string;
  issuedOn: string;
  notes?: string;
  onBehalfOf?: string;
  /** the case «In scadenza» or «Scaduta» this request renews (issue 11 §3) */
  renewsCaseNumber?: string;
  /** issue 12 §4: the verbale of an invalidity code (InvalidityFields) */
  [verbaleField: string]: string | undefined;
}

export const submitMyCase = (fields: CitizenFields, files: CaseFiles) =>
  postForm<CaseDetail>('/api/me/cases', formOf({ ...fields }, files));

/** The cases the signed-in sender sent (the server scopes /api/cases by submitter for a specialist). */
export const listSentCases = (params: Record<string, string | undefined>, signal?: AbortSignal) =>
  get<CaseList>(`/api/cases${queryString(params)}`, signal);

export const certificatePdfUrl = (caseNumber: string) => `/api/cases/${enc(caseNumber)}/certificate`;

// ---------------------------------------------------------------- citizen portal

const behalf = (onBehalfOf?: string | null) => queryString({ onBehalfOf: onBehalfOf ?? undefined });

export const myExemptions = (onBehalfOf?: string | null, signal?: AbortSignal) =>
  get<{ fiscalCode: string; items: MyExemption[] }>(`/api/me/exemptions${behalf(onBehalfOf)}`, signal);

export const attestatoUrl = (id: string, onBehalfOf?: string | null) =>
  `/api/me/exemptions/${enc(id)}/attestato.pdf${behalf(onBehalfOf)}`;

/** One attestato of every exemption in force (issue 11 §5): mine or a delegator's, and any person's for operators. */
export const myAttestatoUrl = (onBehalfOf?: string | null) => `/api/me/attestato.pdf${behalf(onBehalfOf)}`;
export const personAttestatoUrl = (fiscalCode: string) => `/api/people/${enc(fiscalCode)}/attestato.pdf`;

export const myCases = (onBehalfOf?: string | null, signal?: AbortSignal) =>
  get<MyCaseList>(`/api/me/cases${behalf(onBehalfOf)}`, signal);

export const myCase = (caseNumber: string, onBehalfOf?: string | null, signal?: AbortSignal) =>
  get<CaseDetail>(`/api/me/cases/${enc(caseNumber)}${behalf(onBehalfOf)}`, signal);

/** Renewal without a new certificate (families other than CHRONIC/RARE): a new case linked to the old one. */
export const renewMyCase = (caseNumber: string, onBehalfOf?: string | null) =>
  post<CaseDetail>(`/api/me/cases/${enc(caseNumber)}/renew${behalf(onBehalfOf)}`, {});

/** The citizen's cancel: the catalogue's command, on the citizen's route. */
export const cancelMyCase = (c: CaseDetail, onBehalfOf?: string | null) =>
  runCommand(c.caseNumber, 'cancel', c.version, {}, { as: 'citizen', onBehalfOf });

export type AccessLogFilter = {
  kind?: AccessLogKind | undefined;
  /** YYYY-MM-DD, days in Europe/Rome */
  from?: string | undefined;
  to?: string | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
};

/** "Chi ha consultato i miei dati": one page, with the count of each kind of access in the period. */
export const myAccessLog = (filter: AccessLogFilter, onBehalfOf?: string | null, signal?: AbortSignal) =>
  get<MyAccessLogPage>(
    `/api/me/access-log${queryString({ ...filter, onBehalfOf: onBehalfOf ?? undefined })}`,
    signal,
  );

// ---------------------------------------------------------------- notifications

export const listNotifications = (signal?: AbortSignal) =>
  get<{ unread: number; items: PortalNotification[] }>('/api/notifications', signal);

export const markNotificationRead = (id: string) =>
  post<PortalNotification>(`/api/notifications/${enc(id)}/read`, {});

// ---------------------------------------------------------------- delegations

export const listDelegations = (signal?: AbortSignal, side?: 'given' | 'received', fiscalCode?: string) =>
  get<DelegationList>(`/api/delegations${queryString({ side, fiscalCode })}`, signal);

/** `delegatorFiscalCode`: the counter's, for a resident of its ASL (a citizen delegates for themselves). */
export const createDelegation = (body: {
  delegatorFiscalCode?: string;
  delegateFiscalCode: string;
  validFrom?: string;
  validUntil?: string;
}) => post<Delegation>('/api/delegations', body);

export const revokeDelegation = (id: string) => post<Delegation>(`/api/delegations/${enc(id)}/revoke`, {});
