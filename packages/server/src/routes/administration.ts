/**
 * The administration (issue 13 §3), ADMIN only, every change with its row of the audit trail:
 * users and profiles, API keys, ASLs, districts and offices, parameters, the trail itself.
 * (The exempt-services and regional-codes uploads, durations, outbox and MEF list: routes/admin.ts and neighbours.)
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ADMIN_PARAMETERS,
  adminAuditList,
  adminAuditQuery,
  adminParameter,
  adminParameterList,
  adminParameterSet,
  adminProfilesUpdate,
  adminUser,
  adminUserCreate,
  adminUserList,
  adminUsersQuery,
  apiKeyCreate,
  apiKeyCreated,
  apiKeyView,
  aslView,
  districtCreate,
  districtRename,
  districtView,
  idParams,
  officeInput,
  officeView,
} from '@esenzioni/domain';
import type { Db } from '../db/client.js';
import { requireActor } from '../http/auth-plugin.js';
import type { Clock } from '../services/context.js';
import { createUser, listUsers, readUser, setActive, setUserProfiles } from '../services/admin/users.js';
import { createApiKeyAudited, listApiKeys, revokeApiKeyAudited } from '../services/admin/api-keys.js';
import {
  changeOffice,
  createDistrict,
  createOffice,
  listAsls,
  listDistricts,
  listOffices,
  renameDistrictAudited,
} from '../services/admin/organisation.js';
import {
  clearParameter,
  listParameters,
  setParameter,
  type ParameterDefaults,
} from '../services/admin/parameters.js';
import { listAdminAudit } from '../services/admin/audit-trail.js';

const tags = ['amministrazione'];
const districtParams = z.object({ id: z.string().min(1).max(16) });
const aslQuery = z.object({
  aslId: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(/^\d{6}$/)
      .optional(),
  ),
  districtId: z.preprocess((v) => (v === '' ? undefined : v), z.string().max(16).optional()),
});

export const administrationRoutes: FastifyPluginAsyncZod<{
  db: Db;
  now?: Clock;
  defaults: ParameterDefaults;
}> = async (app, { db, now, defaults }) => {
  const ctx = (req: Parameters<typeof requireActor>[0]) => ({
    db,
    actor: requireActor(req, ['ADMIN']),
    correlationId: req.id,
    now,
  });

  // ---- users and profiles
  app.get(
    '/api/admin/users',
    {
      schema: {
        tags,
        summary:
          'Utenti con i loro profili (ricerca per nome utente, nome, cognome, codice fiscale; a pagine)',
        querystring: adminUsersQuery,
        response: { 200: adminUserList },
      },
    },
    (req) => listUsers(ctx(req), req.query),
  );
  app.get(
    '/api/admin/users/:id',
    {
      schema: {
        tags,
        summary: 'Un utente con i suoi profili',
        params: idParams,
        response: { 200: adminUser },
      },
    },
    (req) => readUser(ctx(req), Number(req.params.id)),
  );
  app.post(
    '/api/admin/users',
    {
      schema: {
        tags,
        summary: 'Crea un utente con i suoi profili (ruolo, ASL, distretto)',
        body: adminUserCreate,
        response: { 201: adminUser },
      },
    },
    async (req, reply) => reply.code(201).send(await createUser(ctx(req), req.body)),
  );
  app.put(
    '/api/admin/users/:id/profiles',
    {
      schema: {
        tags,
        summary:
          "Imposta i profili di un utente (non si toglie il profilo ADMIN all'ultimo amministratore attivo)",
        params: idParams,
        body: adminProfilesUpdate,
        response: { 200: adminUser },
      },
    },
    (req) => setUserProfiles(ctx(req), Number(req.params.id), req.body.profiles),
  );
  app.post(
    '/api/admin/users/:id/deactivate',
    {
      schema: {
        tags,
        summary: "Disattiva un utente: le sue sessioni terminano subito (non l'ultimo amministratore attivo)",
        params: idParams,
        response: { 200: adminUser },
      },
    },
    (req) => setActive(ctx(req), Number(req.params.id), false),
  );
  app.post(
    '/api/admin/users/:id/activate',
    {
      schema: { tags, summary: 'Riattiva un utente', params: idParams, response: { 200: adminUser } },
    },
    (req) => setActive(ctx(req), Number(req.params.id), true),
  );

  // ---- API keys
  app.get(
    '/api/admin/api-keys',
    {
      schema: {
        tags,
        summary: 'Chiavi API (nome e date; mai la chiave)',
        response: { 200: z.object({ items: z.array(apiKeyView) }) },
      },
    },
    (req) => listApiKeys(ctx(req)),
  );
  app.post(
    '/api/admin/api-keys',
    {
      schema: {
        tags,
        summary: 'Crea una chiave API: la chiave compare solo in questa risposta',
        body: apiKeyCreate,
        response: { 201: apiKeyCreated },
      },
    },
    async (req, reply) => reply.code(201).send(await createApiKeyAudited(ctx(req), req.body.name)),
  );
  app.post(
    '/api/admin/api-keys/:id/revoke',
    {
      schema: { tags, summary: 'Revoca una chiave API', params: idParams, response: { 200: apiKeyView } },
    },
    (req) => revokeApiKeyAudited(ctx(req), Number(req.params.id)),
  );

  // ---- ASLs, districts, offices
  app.get(
    '/api/admin/asls',
    { schema: { tags, summary: 'ASL', response: { 200: z.object({ items: z.array(aslView) }) } } },
    (req) => listAsls(ctx(req)),
  );
  app.get(
    '/api/admin/districts',
    {
      schema: {
        tags,
        summary: "Distretti (di un'ASL)",
        querystring: aslQuery,
        response: { 200: z.object({ items: z.array(districtView) }) },
      },
    },
    (req) => listDistricts(ctx(req), req.query.aslId),
  );
  app.post(
    '/api/admin/districts',
    {
      schema: {
        tags,
        summary: "Crea un distretto di un'ASL",
        body: districtCreate,
        response: { 201: districtView },
      },
    },
    async (req, reply) => reply.code(201).send(await createDistrict(ctx(req), req.body)),
  );
  app.put(
    '/api/admin/districts/:id',
    {
      schema: {
        tags,
        summary: 'Rinomina un distretto',
        params: districtParams,
        body: districtRename,
        response: { 200: districtView },
      },
    },
    (req) => renameDistrictAudited(ctx(req), req.params.id, req.body.name),
  );
  app.get(
    '/api/admin/offices',
    {
      schema: {
        tags,
        summary: "Sportelli (di un'ASL o di un distretto), anche non attivi",
        querystring: aslQuery,
        response: { 200: z.object({ items: z.array(officeView) }) },
      },
    },
    (req) => listOffices(ctx(req), req.query),
  );
  app.post(
    '/api/admin/offices',
    {
      schema: {
        tags,
        summary: 'Crea uno sportello: indirizzo, servizi, orari settimanali, giorni di chiusura',
        body: officeInput,
        response: { 201: officeView },
      },
    },
    async (req, reply) => reply.code(201).send(await createOffice(ctx(req), req.body)),
  );
  app.put(
    '/api/admin/offices/:id',
    {
      schema: {
        tags,
        summary: 'Modifica uno sportello (active=false lo toglie dalle pagine pubbliche)',
        params: idParams,
        body: officeInput,
        response: { 200: officeView },
      },
    },
    (req) => changeOffice(ctx(req), Number(req.params.id), req.body),
  );

  // ---- parameters
  app.get(
    '/api/admin/parameters',
    {
      schema: {
        tags,
        summary: 'Parametri impostati e valori predefiniti della configurazione',
        response: { 200: adminParameterList },
      },
    },
    (req) => listParameters(ctx(req), defaults),
  );
  app.put(
    '/api/admin/parameters',
    {
      schema: {
        tags,
        summary:
          'Imposta un parametro: età massima del certificato per Regione (3 cifre) o ASL (6 cifre), preavviso dei promemoria di scadenza',
        body: adminParameterSet,
        response: { 200: adminParameter },
      },
    },
    (req) => setParameter(ctx(req), req.body),
  );
  app.delete(
    '/api/admin/parameters/:name',
    {
      schema: {
        tags,
        summary: 'Toglie un parametro: vale di nuovo quello della Regione o della configurazione',
        params: z.object({ name: z.enum(ADMIN_PARAMETERS) }),
        querystring: z.object({ scope: z.string().max(16).default('') }),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await clearParameter(ctx(req), req.params.name, req.query.scope);
      return reply.code(204).send(null);
    },
  );

  // ---- the trail
  app.get(
    '/api/admin/audit',
    {
      schema: {
        tags,
        summary: "Registro delle modifiche dell'amministrazione (catena HMAC verificata da audit:verify)",
        querystring: adminAuditQuery,
        response: { 200: adminAuditList },
      },
    },
    (req) => listAdminAudit(ctx(req), req.query),
  );
};
