/**
 * Exempt services (issue 12 §8): what a code covers (GET /api/catalog/exemptions/{code}/services, any
 * signed-in user: public reference data) and the administrator's files of services
 * (POST/GET /api/admin/exempt-services, ADMIN; layout in docs/exempt-services.md).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  codeServicesParams,
  codeServicesQuery,
  codeServicesResponse,
  exemptServicesUploadBody,
  exemptServicesUploadList,
  exemptServicesUploadResponse,
  todayInRome,
} from '@esenzioni/domain';
import type { Db } from '../db/client.js';
import { requireActor, requireSession } from '../http/auth-plugin.js';
import {
  codeServices,
  exemptServicesUploads,
  uploadExemptServices,
} from '../services/catalogue/exempt-services.js';
import type { Clock } from '../services/context.js';

export const exemptServicesRoutes: FastifyPluginAsyncZod<{ db: Db; now?: Clock }> = async (
  app,
  { db, now },
) => {
  app.get(
    '/api/catalog/exemptions/:code/services',
    {
      schema: {
        tags: ['catalogo'],
        summary:
          'Prestazioni esenti per un codice: ambito (ALL, RELATED, LIST) e frase standard, elenco caricato o «elenco non ancora caricato»',
        params: codeServicesParams,
        querystring: codeServicesQuery,
        response: { 200: codeServicesResponse },
      },
    },
    async (req) => {
      requireSession(req);
      return codeServices(db, req.params.code, req.query.date ?? todayInRome(now ? now() : new Date()));
    },
  );
  app.post(
    '/api/admin/exempt-services',
    {
      schema: {
        tags: ['amministrazione'],
        summary:
          'Carica un file CSV di prestazioni esenti (code, service_code, note, valid_from, valid_until, source): ogni prestazione è verificata sul nomenclatore nazionale; il file è una nuova versione degli elenchi dei codici che nomina',
        body: exemptServicesUploadBody,
        response: { 200: exemptServicesUploadResponse, 201: exemptServicesUploadResponse },
      },
    },
    async (req, reply) => {
      const out = await uploadExemptServices(
        { db, actor: requireActor(req, ['ADMIN']), correlationId: req.id, now },
        req.body,
      );
      return reply.code(out.created ? 201 : 200).send(out);
    },
  );
  app.get(
    '/api/admin/exempt-services',
    {
      schema: {
        tags: ['amministrazione'],
        summary: 'File di prestazioni esenti caricati (versioni), dal più recente',
        response: { 200: exemptServicesUploadList },
      },
    },
    (req) => exemptServicesUploads({ db, actor: requireActor(req, ['ADMIN']), correlationId: req.id, now }),
  );
};
