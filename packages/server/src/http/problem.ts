/**
 * Errors at the edge: one table from domain error code to HTTP status, and the problem+json body.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { pgErrorOf } from '../db/errors.js';
import {
  databaseUnavailable,
  DomainError,
  ERROR_TITLES,
  internal,
  malformedJson,
  notFound,
  payloadTooLarge,
  rateLimited,
  unsupportedMediaType,
  validationFailed,
  type ErrorCode,
  type FieldIssue,
} from '@esenzioni/domain';
import { isDatabaseUnavailable } from '../db/unavailable.js';

export const HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  SESSION_EXPIRED: 401,
  API_KEY_INVALID: 401,
  CSRF_TOKEN_INVALID: 403,
  PROFILE_REQUIRED: 403,
  FORBIDDEN: 403,
  PROFILE_UNKNOWN: 404,
  NOT_FOUND: 404,
  CASE_NOT_FOUND: 404,
  DOCUMENT_NOT_FOUND: 404,
  EXEMPTION_CODE_UNKNOWN: 400,
  TRANSITION_NOT_ALLOWED: 409,
  VERSION_CONFLICT: 412,
  PRECONDITION_REQUIRED: 428,
  ACCOUNT_LOCKED: 429,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INTERNAL: 500,
  DATABASE_UNAVAILABLE: 503,
  PERSON_UNKNOWN: 400,
  PERSON_NOT_FOUND: 404,
  DIAGNOSIS_UNKNOWN: 400,
  EXEMPTION_CODE_NOT_ASSIGNABLE: 400,
  EXEMPTION_CODE_NOT_IN_FORCE: 400,
  EXEMPTION_DIAGNOSIS_MISMATCH: 400,
  CERTIFICATE_DATE_IN_FUTURE: 400,
  CERTIFICATE_TOO_OLD: 400,
  CASE_ALREADY_OPEN: 409,
  EXEMPTION_BLOCKED: 409,
  DELEGATION_NOT_FOUND: 404,
  DELEGATION_ALREADY_ACTIVE: 409,
  DOCUMENT_UNSAFE: 400,
  DOCUMENT_UNREADABLE: 422,
  DOCUMENT_REQUIRED: 400,
  CERTIFICATE_MISSING: 409,
  NOTIFICATION_NOT_FOUND: 404,
  EXEMPTION_NOT_FOUND: 404,
  SEGREGATION_OF_DUTIES: 403,
  EXEMPTION_AGE_LIMIT_PASSED: 400,
  EXEMPTION_ALREADY_ACTIVE: 409,
  RENEWAL_NOT_ALLOWED: 409,
  INVALIDITY_DATA_MISMATCH: 400,
  EXEMPT_SERVICES_FILE_INVALID: 400,
  MEF_IMPORT_BUSY: 409,
  PERSON_NOT_ASSISTED: 400,
  DIRECTORY_UNAVAILABLE: 503,
  PERSON_IMPORT_BUSY: 409,
  MEF_LIST_INVALID: 400,
  MEF_LIST_OUTDATED: 409,
  DECLARATION_CHECK_NOT_FOUND: 404,
  DECLARATION_CHECK_DECIDED: 409,
  IDENTITY_REFUSED: 403,
  CLIENT_CERTIFICATE_INVALID: 401,
  LOGIN_METHOD_DISABLED: 403,
  INCOME_REQUIREMENTS_NOT_MET: 400,
  INCOME_EXEMPTION_HELD: 409,
  USERNAME_TAKEN: 409,
  LAST_ADMIN: 409,
};

export function sendProblem(reply: FastifyReply, request: FastifyRequest, err: DomainError): FastifyReply {
  const status = HTTP_STATUS[err.code];
  const body: Record<string, unknown> = {
    type: `https://esenzioni.example/problemi/${err.code.toLowerCase().replace(/_/g, '-')}`,
    title: err.title,
    status,
    code: err.code,
    detail: err.detail,
    correlationId: request.id,
    ...err.extra,
  };
  if (typeof err.extra.retryAfterSeconds === 'number')
    reply.header('Retry-After', String(err.extra.retryAfterSeconds));
  return reply.code(status).type('application/problem+json; charset=utf-8').send(JSON.stringify(body));
}

const FIELD_NAMES: Record<string, string> = {
  fiscalCode: 'Codice fiscale',
  createdFrom: 'Data creazione da',
  createdTo: 'Data creazione a',
  pageSize: 'Risultati per pagina',
  reason: 'Motivazione',
  beneficiaryNote: 'Nota Beneficiario',
  internalNote: 'Nota Interna',
};

/** Turns a Fastify/Zod error into a domain error; anything unknown becomes INTERNAL. */
export function toDomainError(error: FastifyError | Error): DomainError {
  if (error instanceof DomainError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues: FieldIssue[] = error.validation.map((v) => {
      const issuePath = (v.params as { issue?: { path?: unknown[] } } | undefined)?.issue?.path;
      const field = v.instancePath.replace(/^\//, '').replace(/\//g, '.') || String(issuePath?.[0] ?? '');
      return { field, message: v.message ?? 'Valore non valido.' };
    });
    const detail = issues.map((i) => `${FIELD_NAMES[i.field] ?? i.field}: ${i.message}`).join(' ');
    return validationFailed(issues, detail);
  }
  const fe = error as FastifyError;
  if (fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (fe.statusCode === 400 && /JSON/i.test(fe.message))) {
    return malformedJson();
  }
  if (fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return malformedJson('Il corpo JSON della richiesta è vuoto.');
  }
  if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return unsupportedMediaType();
  }
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe.statusCode === 413) {
    return payloadTooLarge();
  }
  if (fe.statusCode === 404) return notFound();
  if (
    fe.code === 'FST_ERR_BAD_URL' ||
    fe.code === 'FST_ERR_ASYNC_CONSTRAINT' ||
    fe.code === 'FST_ERR_MAX_PARAM_LENGTH'
  ) {
    return validationFailed([], "L'indirizzo richiesto non è valido.");
  }
  // a value the database cannot hold (out-of-range number, malformed text or date): the caller's input, not our fault
  if (pgErrorOf(error)?.code?.startsWith('22')) {
    return validationFailed(
      [],
      'Un valore della richiesta non è valido (fuori intervallo o in un formato non ammesso).',
    );
  }
  // @fastify/rate-limit's default error (its Retry-After header is already on the reply)
  if (fe.statusCode === 429) return rateLimited();
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return validationFailed([], fe.message);
  }
  // the database is down, restarting, frozen or out of connections: a temporary condition, not a bug
  if (isDatabaseUnavailable(error)) {
    return databaseUnavailable(5);
  }
  return internal();
}

export { ERROR_TITLES };
