/**
 * Everything under /api/admin (ADMIN): the validity of exemptions issued per code, the mail outbox and
 * the outbox's dead letters, the reconciliations with the regional registry (issue 14).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { catalogExemption, CODE_DURATION_UNITS } from '@esenzioni/domain';
import type { Db } from '../db/client.js';
import { requireActor } from '../http/auth-plugin.js';
import { setCodeDuration } from '../services/catalogue/set-code-duration.js';
import type { Clock } from '../services/context.js';
import { deadEventOfMail, listDeadLetters, retryDeadLetter } from '../jobs/outbox-admin.js';
import { idParams, mailOutboxList, mailOutboxQuery, notFound } from '@esenzioni/domain';
import { listMailOutbox } from '../services/notifications/mail-outbox-list.js';
import { listReconciliations } from '../services/interop/list-reconciliations.js';

const amountField = z
  .number({ error: 'Durata non valida.' })
  .int('La durata è un numero intero.')
  .min(1, 'La durata minima è 1.')
  .max(1200)
  .nullable()
  .optional();

/**
 * The first version's body `{ amount, unit }` still works (amount = the maximum; both null: remove the
 * code's own duration); the new fields add a minimum, UNLIMITED, "counted from birth" and the source.
 */
const durationBody = z
  .object({
    amount: amountField,
    minAmount: amountField,
    maxAmount: amountField,
    unit: z
      .enum(CODE_DURATION_UNITS, { error: 'Unità non valida: DAYS, MONTHS, YEARS o UNLIMITED.' })
      .nullable(),
    fromBirth: z.boolean().optional(),
    source: z.string().trim().min(1).max(500).optional(),
  })
  .refine(
    (d) => {
      const amounts = [d.amount, d.minAmount, d.maxAmount].filter((a) => a !== null && a !== undefined);
      return d.unit === null ? amounts.length === 0 : d.unit === 'UNLIMITED' || amounts.length > 0;
    },
    {
      message: 'Indicare durata e unità insieme, oppure entrambe vuote per "senza scadenza".',
      path: ['amount'],
    },
  )
  .refine(
    (d) => d.amount === null || d.amount === undefined || d.maxAmount === undefined || d.maxAmount === null,
    {
      message: 'Indicare amount oppure maxAmount, non entrambi.',
      path: ['maxAmount'],
    },
  );

const durationOut = catalogExemption.extend({
  duration: z.object({
    amount: z.number().int().nullable(),
    unit: z.enum(CODE_DURATION_UNITS).nullable(),
  }),
  rule: z
    .object({
      minAmount: z.number().int().nullable(),
      maxAmount: z.number().int().nullable(),
      unit: z.enum(CODE_DURATION_UNITS),
      fromBirth: z.boolean(),
      source: z.string(),
      setAt: z.string(),
      setBy: z.string().nullable(),
    })
    .nullable(),
});

// ---- outbox dead letters (issue 9): events that failed for good, seen and retried by the administrator
const deadLetter = z.object({
  id: z.string(),
  eventType: z.string(),
  attempts: z.number().int(),
  /** a code and a fixed text, never the remote server's words */
  lastError: z.string().nullable(),
  createdAt: z.string(),
  deadAt: z.string(),
});

// ---- the nightly reconciliation with the regional registry (issue 14): differences by Coverage id and field
const reconciliation = z.object({
  id: z.string(),
  ranAt: z.string(),
  day: z.string(),
  checked: z.number().int(),
  unreachable: z.boolean(),
  differences: z.array(
    z.object({ coverageId: z.string(), kind: z.enum(['MISSING', 'DIFFERENT']), fields: z.array(z.string()) }),
  ),
});

export const adminRoutes: FastifyPluginAsyncZod<{ db: Db; now?: Clock }> = async (app, { db, now }) => {
  registerOutboxAdmin(app, db);
  app.get(
    '/api/admin/registry/reconciliations',
    {
      schema: {
        tags: ['amministrazione'],
        summary:
          'Riconciliazioni notturne con il registro regionale: esenzioni confrontate e differenze (id della Coverage e campi)',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(30) }),
        response: { 200: z.object({ items: z.array(reconciliation) }) },
      },
    },
    (req) =>
      listReconciliations(
        { db, actor: requireActor(req, ['ADMIN']), correlationId: req.id },
        req.query.limit,
      ),
  );
  app.put(
    '/api/admin/exemption-codes/:code/duration',
    {
      schema: {
        tags: ['amministrazione'],
        summary:
          'Durata delle esenzioni rilasciate per un codice: minimo, massimo, unità (UNLIMITED = senza scadenza), dalla nascita, fonte; unità vuota = si applica quella del codice base o la fine del catalogo',
        params: z.object({ code: z.string().min(1).max(20) }),
        body: durationBody,
        response: { 200: durationOut },
      },
    },
    (req) =>
      setCodeDuration(
        { db, actor: requireActor(req, ['ADMIN']), correlationId: req.id, now },
        req.params.code.toUpperCase(),
        req.body,
      ),
  );
};

/** GET /api/admin/outbox/dead, POST /api/admin/outbox/:id/retry, GET /api/admin/mail-outbox, POST /api/admin/mail-outbox/:id/retry (ADMIN; CSRF as every POST). */
function registerOutboxAdmin(app: Parameters<FastifyPluginAsyncZod<{ db: Db }>>[0], db: Db): void {
  app.get(
    '/api/admin/outbox/dead',
    {
      schema: {
        tags: ['amministrazione'],
        summary: 'Eventi non recapitabili (dead letter): tipo, tentativi e motivo, senza dati personali',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: { 200: z.object({ items: z.array(deadLetter) }) },
      },
    },
    (req) =>
      listDeadLetters({ db, actor: requireActor(req, ['ADMIN']), correlationId: req.id }, req.query.limit),
  );
  app.post(
    '/api/admin/outbox/:id/retry',
    {
      schema: {
        tags: ['amministrazione'],
        summary: 'Rimette in coda un evento non recapitabile',
        params: idParams,
        response: { 200: deadLetter },
      },
    },
    async (req) => {
      const retried = await retryDeadLetter(
        { db, actor: requireActor(req, ['ADMIN']), correlationId: req.id },
        Number(req.params.id),
      );
      req.log.info(
        { eventId: retried.id, eventType: retried.eventType },
        'outbox: evento non recapitabile rimesso in coda',
      );
      return retried;
    },
  );
  app.get(
    '/api/admin/mail-outbox',
    {
      schema: {
        tags: ['amministrazione'],
        summary: 'Posta in uscita: e-mail inviate o trattenute (senza SMTP configurato)',
        querystring: mailOutboxQuery,
        response: { 200: mailOutboxList },
      },
    },
    (req) => listMailOutbox({ db, actor: requireActor(req, ['ADMIN']), correlationId: req.id }, req.query),
  );
  app.post(
    '/api/admin/mail-outbox/:id/retry',
    {
      schema: {
        tags: ['amministrazione'],
        summary: "Rimette in coda l'invio di un'e-mail non recapitabile (DEAD)",
        params: idParams,
        response: { 200: deadLetter },
      },
    },
    async (req) => {
      const ctx = { db, actor: requireActor(req, ['ADMIN']), correlationId: req.id };
      const eventId = await deadEventOfMail(db, Number(req.params.id));
      if (eventId === undefined) throw notFound('Nessuna e-mail non recapitabile con questo identificativo.');
      const retried = await retryDeadLetter(ctx, eventId);
      req.log.info(
        { eventId: retried.id, mailId: req.params.id },
        "outbox: invio dell'e-mail rimesso in coda",
      );
      return retried;
    },
  );
}
