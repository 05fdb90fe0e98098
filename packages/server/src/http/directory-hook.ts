/**
 * The remote person directory (issue 13 §4) asked before the request's use case, hence before any
 * transaction opens (no network call inside one): for the routes that look up a person or start a
 * request for one, the person named is brought into `person` from the regional registry service. The
 * use case then checks them as with the built-in table. A directory that does not answer is a 503.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/client.js';
import type { PersonDirectory } from '../services/directory/person-directory.js';

type Pick = (req: FastifyRequest) => string | undefined;

const field = (name: string) => (o: unknown) =>
  o && typeof o === 'object' && typeof (o as Record<string, unknown>)[name] === 'string'
    ? ((o as Record<string, string>)[name] ?? '').trim().toUpperCase()
    : undefined;

const ROUTES: Record<string, Pick> = {
  'GET /api/people/:fiscalCode': (req) => field('fiscalCode')(req.params),
  'POST /api/cases': (req) => field('beneficiaryFiscalCode')(req.body),
  'POST /api/income-declarations': (req) => field('beneficiaryFiscalCode')(req.body),
  // the citizen's own request, or for whom they act
  'POST /api/me/cases': (req) => field('onBehalfOf')(req.body) ?? req.auth?.user.fiscalCode,
  'POST /api/me/income-declarations': (req) =>
    field('beneficiaryFiscalCode')(req.body) ?? req.auth?.user.fiscalCode,
};

export function registerDirectoryHook(
  app: FastifyInstance,
  directory: PersonDirectory,
  db: Db,
  clock: () => Date,
): void {
  if (directory.kind === 'table') return;
  app.addHook('preHandler', async (req) => {
    const pick = ROUTES[`${req.method} ${req.routeOptions.url ?? ''}`];
    if (!pick || !(req.auth || req.apiClient)) return;
    const fiscalCode = pick(req);
    if (fiscalCode) await directory.refresh(db, fiscalCode, clock());
  });
}
