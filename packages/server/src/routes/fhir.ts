/**
 * The FHIR R4 read API under /fhir (issue 14; docs/interoperability.md): the CapabilityStatement (public),
 * Patient and Coverage searches (Bundles with paging links) and Coverage reads, for the registry lookup's
 * callers (GP or district operator session, or an API key). Answers are `application/fhir+json`; every
 * error, from a malformed parameter to a refused key or an unknown path, is an OperationOutcome.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { OperationOutcomeIssue, Resource } from '@medplum/fhirtypes';
import { notFound, type DomainError } from '@esenzioni/domain';
import type { Db } from '../db/client.js';
import { readOnPrimary, type ReadOn } from '../db/replica.js';
import { redactedError } from '../db/errors.js';
import { requireActor } from '../http/auth-plugin.js';
import { HTTP_STATUS, toDomainError } from '../http/problem.js';
import { capabilityStatement, FHIR_PAGE } from '../fhir/capability.js';
import { operationOutcome } from '../fhir/resources.js';
import { readCoverage } from '../services/fhir/read-coverage.js';
import { searchCoverages } from '../services/fhir/search-coverages.js';
import { searchPatients } from '../services/fhir/search-patients.js';
import type { Clock } from '../services/context.js';

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';
const READERS = ['GP', 'DISTRICT_OPERATOR'] as const;

const paging = {
  _count: z.coerce.number().int().min(1).max(FHIR_PAGE.maxCount).default(FHIR_PAGE.defaultCount),
  _offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
};
const security: Array<Record<string, string[]>> = [{ session: [] }, { bearer: [] }];

const ISSUE_CODE: Record<number, OperationOutcomeIssue['code']> = {
  400: 'invalid',
  401: 'login',
  403: 'forbidden',
  404: 'not-found',
  412: 'conflict',
  413: 'too-long',
  415: 'not-supported',
  429: 'throttled',
  503: 'transient',
};

function sendFhir(reply: FastifyReply, status: number, resource: Resource): FastifyReply {
  return reply.code(status).type(FHIR_JSON).send(JSON.stringify(resource));
}

/** A domain error as an OperationOutcome with its HTTP status (also for malformed URLs under /fhir/, app.ts). */
export function sendOperationOutcome(
  reply: FastifyReply,
  req: FastifyRequest,
  err: DomainError,
): FastifyReply {
  const status = HTTP_STATUS[err.code];
  if (typeof err.extra.retryAfterSeconds === 'number')
    reply.header('Retry-After', String(err.extra.retryAfterSeconds));
  const outcome = operationOutcome(ISSUE_CODE[status] ?? 'exception', `${err.detail} (${req.id})`);
  return sendFhir(reply, status, outcome);
}

/** The API's base address as the caller reached it (fullUrl of entries, paging links). */
const baseOf = (req: FastifyRequest) => `${req.protocol}://${req.host}/fhir`;

/** The search's address with another `_offset` (the other parameters as the caller sent them). */
const pageUrlOf = (req: FastifyRequest, resourceType: string) => (offset: number) => {
  const query = new URLSearchParams(req.url.split('?')[1] ?? '');
  query.delete('_offset');
  query.set('_offset', String(offset));
  return `${baseOf(req)}/${resourceType}?${query.toString()}`;
};

export const fhirRoutes: FastifyPluginAsyncZod<{ db: Db; now?: Clock; readOn?: ReadOn }> = async (
  app,
  { db, now, readOn = readOnPrimary(db) },
) => {
  app.setErrorHandler((error, req, reply) => {
    const domainError = toDomainError(error as Error);
    if (domainError.code === 'INTERNAL')
      req.log.error({ err: redactedError(error as Error) }, 'unexpected error');
    return sendOperationOutcome(reply, req, domainError);
  });
  app.setNotFoundHandler((req, reply) =>
    sendOperationOutcome(reply, req, notFound('Risorsa o interazione FHIR non supportata.')),
  );
  const ctx = (req: FastifyRequest) => ({
    db,
    actor: requireActor(req, READERS, true),
    correlationId: req.id,
    ...(now ? { now } : {}),
  });
  /** issue 16: the searches read on the replica when it is within its lag bound (access log: primary) */
  const withReplica = <T>(
    req: FastifyRequest,
    read: (c: ReturnType<typeof ctx> & { readDb: Db }) => Promise<T>,
  ) => {
    const c = ctx(req);
    return readOn((readDb) => read({ ...c, readDb }));
  };

  app.get(
    '/metadata',
    {
      schema: {
        tags: ['fhir'],
        summary: 'FHIR R4: CapabilityStatement (pubblico)',
      },
    },
    (req, reply) =>
      sendFhir(reply, 200, capabilityStatement(baseOf(req), (now?.() ?? new Date()).toISOString())),
  );

  app.get(
    '/Patient',
    {
      schema: {
        tags: ['fhir'],
        summary: 'FHIR R4: ricerca di un assistito per codice fiscale (Bundle searchset)',
        querystring: z.object({ identifier: z.string().min(1).max(200), ...paging }),
        security,
      },
    },
    async (req, reply) =>
      sendFhir(
        reply,
        200,
        await withReplica(req, (c) =>
          searchPatients(c, baseOf(req), req.query.identifier, pageUrlOf(req, 'Patient')),
        ),
      ),
  );

  app.get(
    '/Coverage',
    {
      schema: {
        tags: ['fhir'],
        summary: 'FHIR R4: esenzioni di un assistito, valide a una data o tutte (Bundle searchset)',
        querystring: z.object({
          'beneficiary:identifier': z.string().min(1).max(200),
          date: z.string().max(20).optional(),
          ...paging,
        }),
        security,
      },
    },
    async (req, reply) =>
      sendFhir(
        reply,
        200,
        await withReplica(req, (c) =>
          searchCoverages(
            c,
            baseOf(req),
            {
              beneficiaryIdentifier: req.query['beneficiary:identifier'],
              date: req.query.date,
              offset: req.query._offset,
              count: req.query._count,
            },
            pageUrlOf(req, 'Coverage'),
          ),
        ),
      ),
  );

  app.get(
    '/Coverage/:id',
    {
      schema: {
        tags: ['fhir'],
        summary: 'FHIR R4: un’esenzione del registro (Coverage)',
        params: z.object({ id: z.string().min(1).max(64) }),
        security,
      },
    },
    async (req, reply) => sendFhir(reply, 200, await readCoverage(ctx(req), req.params.id)),
  );
};
