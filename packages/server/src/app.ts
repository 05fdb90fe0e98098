/**
 * buildApp(deps): the Fastify application, never listening. main.ts composes it; tests inject into it.
 */
import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { notFound } from '@esenzioni/domain';
import type { Db } from './db/client.js';
import { readOnPrimary, type ReadOn } from './db/replica.js';
import { Readiness } from './http/health.js';
import type { Config } from './config.js';
import { sendProblem, toDomainError } from './http/problem.js';
import { redactedError } from './db/errors.js';

export { redactedError };
import { authPlugin } from './http/auth-plugin.js';
import { registerMetrics } from './http/metrics.js';
import { accessLogWriter } from './audit/access-log-writer.js';
import { registerWeb } from './http/web.js';
import { registerHealth } from './http/health.js';
import { clientCorrelationId, guardOperationalRoutes } from './http/operational.js';
import { registerHardening } from './http/hardening.js';
import rateLimit from '@fastify/rate-limit';
import { authRoutes } from './routes/auth.js';
import { caseRoutes } from './routes/cases/index.js';
import { registryRoutes } from './routes/registry.js';
import { fhirRoutes, sendOperationOutcome } from './routes/fhir.js';
import { meRoutes } from './routes/me/index.js';
import { catalogRoutes } from './routes/catalog.js';
import { adminRoutes } from './routes/admin.js';
import { administrationRoutes } from './routes/administration.js';
import { publicRoutes } from './routes/public.js';
import { exemptServicesRoutes } from './routes/exempt-services.js';
import { peopleRoutes } from './routes/people.js';
import { delegationRoutes } from './routes/delegations.js';
import { notificationRoutes } from './routes/notifications.js';
import { attestatiRoutes } from './routes/attestati.js';
import { mefListRoutes } from './routes/mef-list.js';
import { declarationCheckRoutes } from './routes/declaration-checks.js';
import { regionalRoutes } from './routes/regional.js';
import { incomeRoutes } from './routes/income.js';
import { statisticsRoutes } from './routes/statistics.js';
import { DEFAULT_PORTAL_SETTINGS, type PortalSettings } from './config.js';
import { registerDirectoryHook } from './http/directory-hook.js';
import { tableDirectory, type PersonDirectory } from './services/directory/person-directory.js';
import { personImportRoutes } from './routes/person-imports.js';
import { DEFAULT_EXPIRY_WARNING_DAYS } from '@esenzioni/domain';
import { identityRoutes } from './routes/identity.js';
import { PASSWORD_ONLY, prepareIdentity } from './auth/identity-setup.js';
import { registerDemoProviders } from './auth/demo-idp.js';

export interface AppDeps {
  db: Db;
  config: Pick<
    Config,
    'sessionIdleMs' | 'sessionMaxMs' | 'cookieSecure' | 'trustProxy' | 'webDist' | 'logLevel'
  > &
    Partial<
      Pick<
        Config,
        | 'requestTimeoutMs'
        | 'exposeApiDocs'
        | 'metricsAccess'
        | 'seedDemo'
        | 'region'
        | 'mefUploadMaxBytes'
        | 'personUploadMaxBytes'
        | 'expiryWarningDays'
        | 'identity'
        | 'env'
      >
    >;
  /** pino options or false (tests) */
  logger?: boolean | object;
  /** case submission and upload rules; defaults: 6 months, 10 MB, 5 files */
  portal?: PortalSettings;
  /** the clock of sessions (idle timeout, absolute lifetime), logins and use cases; tests move it. Default: the system clock */
  clock?: () => Date;
  /** where the logger writes (default: stdout); tests capture the lines with it */
  logStream?: { write(line: string): void };
  /** issue 12 §2: long jobs (the MEF list import) on a pool without statement timeouts; default `db` */
  bulkDb?: Db;
  /** issue 13 §4: the person directory (default: the built-in table, filled by the CSV import) */
  personDirectory?: PersonDirectory;
  /** issue 13: HTTPS on this server; with `ca`, browsers are asked for a client certificate (digital-certificate login) */
  https?: { key: string | Buffer; cert: string | Buffer; ca?: string | Buffer | undefined };
  /** issue 16: where the reads that may lag run (a streaming replica, db/replica.ts); default: `db` */
  readOn?: ReadOn;
  /** issue 16: /readyz answers 503 once `draining` is set (graceful shutdown, main.ts) */
  readiness?: Readiness;
}

/** Never log credentials, cookies or the CSRF token; personal data never goes in URLs we log as-is. */
const REDACT = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
];

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const requestTimeout = deps.config.requestTimeoutMs ?? 120_000;
  const clock = deps.clock ?? (() => new Date());
  const app = Fastify({
    logger: deps.logger ?? {
      level: deps.config.logLevel,
      redact: REDACT,
      ...(deps.logStream ? { stream: deps.logStream } : {}),
    },
    // the correlation id names access-log rows: always the server's own, never one a client chose
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    trustProxy: deps.config.trustProxy,
    // the client certificate is asked for, never required: citizens and password users have none
    ...(deps.https
      ? { https: { ...deps.https, requestCert: deps.https.ca !== undefined, rejectUnauthorized: false } }
      : {}),
    bodyLimit: 1_048_576,
    // a slow or stalled request (headers and body) is answered 408 and closed instead of holding a socket for ever
    requestTimeout,
    connectionTimeout: requestTimeout + 10_000,
    // Node checks request timeouts on an interval (30 s by default): check often enough for the limit to mean something
    http: {
      connectionsCheckingInterval: Math.min(30_000, Math.max(100, Math.floor(requestTimeout / 4))),
      headersTimeout: Math.min(60_000, requestTimeout),
    },
    // a malformed or over-long URL is refused before routing: answer it as problem+json like every other 4xx
    // (the FHIR API's as an OperationOutcome, issue 14)
    frameworkErrors: (error, req, reply) =>
      req.url.startsWith('/fhir/')
        ? sendOperationOutcome(reply, req, toDomainError(error))
        : sendProblem(reply, req, toDomainError(error)),
    // query strings and paths carry fiscal codes: log the route, not the URL
    logController: new LogController({ disableRequestLogging: true }),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.addHook('onRequest', async (req, reply) => {
    reply.header('X-Correlation-Id', req.id);
  });
  app.addHook('onResponse', async (req, reply) => {
    req.log.info(
      {
        method: req.method,
        route: req.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
        ...clientCorrelationId(req.headers['x-correlation-id']),
      },
      'request',
    );
  });
  await registerHardening(app);

  app.setErrorHandler((error, req, reply) => {
    const domainError = toDomainError(error as Error);
    if (domainError.code === 'INTERNAL')
      req.log.error({ err: redactedError(error as Error) }, 'unexpected error');
    app.countProblem(domainError.code);
    return sendProblem(reply, req, domainError);
  });

  guardOperationalRoutes(app, deps.config.metricsAccess ?? { kind: 'open' });
  registerMetrics(app);
  // audited reads still being written are committed before the database is closed
  app.addHook('onClose', () => accessLogWriter(deps.db).drain());
  await app.register(cookie);
  // per-route limits only (config.rateLimit on the route); answers 429 problem+json through the error handler
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Esenzioni — API',
        description: 'API della piattaforma regionale per le esenzioni ticket.',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'esz_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  if (deps.config.exposeApiDocs ?? true) await app.register(swaggerUi, { routePrefix: '/api/docs' });

  await app.register(authPlugin, {
    db: deps.db,
    policy: { idleMs: deps.config.sessionIdleMs, maxMs: deps.config.sessionMaxMs },
    clock,
  });

  registerHealth(app, deps.db, deps.readiness ?? new Readiness());

  const opts = { db: deps.db, now: clock };
  // issue 16: the routes whose reads may run on the replica (registry lookup, searches, dashboard)
  const reads = { ...opts, readOn: deps.readOn ?? readOnPrimary(deps.db) };
  // issue 13 §4: a remote registry of assistiti is asked before the use case (before any transaction)
  registerDirectoryHook(app, deps.personDirectory ?? tableDirectory, deps.db, clock);
  await app.register(authRoutes, {
    db: deps.db,
    policy: { idleMs: deps.config.sessionIdleMs, maxMs: deps.config.sessionMaxMs },
    cookieSecure: deps.config.cookieSecure,
    now: clock,
    passwordLogin: deps.config.identity?.passwordLogin ?? true,
  });
  // issue 13: SPID, CIE, the regional provider (and the demo ones outside production), the digital certificate
  const identity = deps.config.identity
    ? await prepareIdentity(
        deps.db,
        deps.config.identity,
        deps.config.trustProxy,
        deps.config.env === 'production',
      )
    : PASSWORD_ONLY;
  if (identity.demo) await registerDemoProviders(app, identity.demo);
  await app.register(identityRoutes, {
    db: deps.db,
    policy: { idleMs: deps.config.sessionIdleMs, maxMs: deps.config.sessionMaxMs },
    cookieSecure: deps.config.cookieSecure,
    now: clock,
    identity: identity.runtime,
  });
  const portal = deps.portal ?? DEFAULT_PORTAL_SETTINGS;
  // one plugin per URL prefix (routes/<prefix>.ts or routes/<prefix>/index.ts)
  await app.register(caseRoutes, { ...reads, portal });
  // attestati print a "DEMO" mark when the data is the demo seed's
  const demo = deps.config.seedDemo ?? false;
  await app.register(meRoutes, { ...opts, portal, demo });
  await app.register(registryRoutes, reads);
  // issue 14: the FHIR R4 read API of the registry (its errors are OperationOutcomes)
  await app.register(fhirRoutes, { ...reads, prefix: '/fhir' });
  await app.register(catalogRoutes, opts);
  await app.register(adminRoutes, opts);
  // issue 13 §3, §5: the administration and the public front door
  await app.register(administrationRoutes, {
    ...opts,
    defaults: {
      certificateMaxAgeMonths: portal.certificateMaxAgeMonths,
      expiryReminderDays: deps.config.expiryWarningDays ?? DEFAULT_EXPIRY_WARNING_DAYS,
    },
  });
  await app.register(publicRoutes, opts);
  await app.register(exemptServicesRoutes, opts);
  await app.register(peopleRoutes, { ...opts, demo });
  await app.register(delegationRoutes, opts);
  await app.register(notificationRoutes, opts);
  await app.register(attestatiRoutes, opts);
  // issue 12 §6: the Region's codes and their issuance at the counter
  await app.register(regionalRoutes, {
    ...opts,
    region: deps.config.region ?? 'piemonte',
    // CUTOFF durations end on the income cut-off (INCOME_VALIDITY_CUTOFF) of the following year
    ...(portal.incomeValidity ? { cutoff: portal.incomeValidity.cutoff } : {}),
  });
  // issue 12 §2: the MEF list upload and its progress
  await app.register(mefListRoutes, {
    ...opts,
    ...(deps.bulkDb ? { bulkDb: deps.bulkDb } : {}),
    ...(deps.config.mefUploadMaxBytes ? { maxBytes: deps.config.mefUploadMaxBytes } : {}),
    ...(portal.incomeValidity ? { validityCutoff: portal.incomeValidity.cutoff } : {}),
  });
  // issue 13 §4: the import of the registry of assistiti into the person directory
  await app.register(personImportRoutes, {
    ...opts,
    ...(deps.bulkDb ? { bulkDb: deps.bulkDb } : {}),
    ...(deps.config.personUploadMaxBytes ? { maxBytes: deps.config.personUploadMaxBytes } : {}),
  });
  // issue 12 §3: checks of self-declarations (art. 71 DPR 445/2000)
  await app.register(declarationCheckRoutes, opts);
  // issue 12 §1: income self-declarations at the counter and online
  await app.register(incomeRoutes, {
    ...opts,
    ...(portal.incomeValidity ? { validity: portal.incomeValidity } : {}),
  });

  // issue 15: statistics for the ASL managers and the Region (aggregates only)
  await app.register(statisticsRoutes, reads);

  const webBuilt = await registerWeb(app, deps.config.webDist);
  app.setNotFoundHandler(async (req, reply) => {
    if (webBuilt && req.method === 'GET' && !req.url.startsWith('/api/')) {
      // client-side routes: index.html (compressed by negotiation, no-cache: see http/web.ts)
      return reply.sendFile('index.html');
    }
    return sendProblem(reply, req, notFound(`Nessuna risorsa per ${req.method} ${req.url.split('?')[0]}.`));
  });
  return app;
}
