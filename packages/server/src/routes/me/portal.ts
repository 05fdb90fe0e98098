/**
 * The citizen portal (/api/me/…): my exemptions and their attestato, my cases, a new request with
 * documents, cancel. Every route takes `?onBehalfOf=<codice fiscale>` to act for a delegator.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import {
  CASE_COMMAND_BODIES,
  CASE_COMMAND_CATALOGUE,
  caseDetail,
  caseNumberParams,
  citizenCaseFields,
  idParams,
  myCaseList,
  myExemptionList,
  onBehalfOfQuery,
  renewBody,
  unsupportedMediaType,
} from '@esenzioni/domain';
import type { Db } from '../../db/client.js';
import type { PortalSettings } from '../../config.js';
import { sendPdf } from '../../http/send-pdf.js';
import { requireActor } from '../../http/auth-plugin.js';
import { versionFromIfMatch } from '../../http/if-match.js';
import { multipartFormHook, registerMultipart, submissionRateLimit } from '../../uploads/multipart-form.js';
import { listMyExemptions, exemptionAttestato } from '../../services/portal/my-exemptions.js';
import { getMyCase, listMyCases } from '../../services/portal/my-cases.js';
import { submitCitizenCase } from '../../services/cases/submit-citizen-case.js';
import { cancelMyCase } from '../../services/cases/cancel-case.js';
import { renewCase } from '../../services/cases/renew-case.js';
import type { Clock } from '../../services/context.js';
import { myAttestato } from '../../services/people/person-attestato.js';
import { requestOrigin } from '../attestati.js';

export const portalRoutes: FastifyPluginAsyncZod<{
  db: Db;
  portal: PortalSettings;
  now?: Clock;
  demo?: boolean;
}> = async (app, { db, portal, now, demo }) => {
  await registerMultipart(app, portal);
  const tags = ['cittadino'];
  const ctx = (req: FastifyRequest) => ({
    db,
    actor: requireActor(req, ['CITIZEN']),
    correlationId: req.id,
    now,
  });

  app.get(
    '/api/me/exemptions',
    {
      schema: {
        tags,
        summary: 'Le mie esenzioni (o di chi mi ha delegato), con validità',
        querystring: onBehalfOfQuery,
        response: { 200: myExemptionList },
      },
    },
    (req) => listMyExemptions(ctx(req), req.query.onBehalfOf),
  );

  app.get(
    '/api/me/exemptions/:id/attestato.pdf',
    {
      schema: {
        tags,
        summary: 'Attestato di esenzione (PDF) di un’esenzione validata',
        params: idParams,
        querystring: onBehalfOfQuery,
      },
    },
    async (req, reply) => {
      const file = await exemptionAttestato(ctx(req), Number(req.params.id), req.query.onBehalfOf);
      return sendPdf(reply, file);
    },
  );

  app.get(
    '/api/me/attestato.pdf',
    {
      schema: {
        tags,
        summary: 'Attestato (PDF) di tutte le mie esenzioni in vigore, numerato e verificabile',
        querystring: onBehalfOfQuery,
      },
    },
    async (req, reply) => {
      const file = await myAttestato(ctx(req), req.query.onBehalfOf, {
        demo: demo ?? false,
        origin: requestOrigin(req),
      });
      return sendPdf(reply, file);
    },
  );

  app.get(
    '/api/me/cases',
    {
      schema: {
        tags,
        summary: 'Le mie pratiche (o di chi mi ha delegato)',
        querystring: onBehalfOfQuery,
        response: { 200: myCaseList },
      },
    },
    (req) => listMyCases(ctx(req), req.query.onBehalfOf),
  );

  app.get(
    '/api/me/cases/:caseNumber',
    {
      schema: {
        tags,
        summary: 'Dettaglio di una mia pratica (senza nota interna né motivazione codificata)',
        params: caseNumberParams,
        querystring: onBehalfOfQuery,
        response: { 200: caseDetail },
      },
    },
    async (req, reply) => {
      const d = await getMyCase(ctx(req), req.params.caseNumber, req.query.onBehalfOf);
      return reply.header('ETag', `"${d.version}"`).send(d);
    },
  );

  app.post(
    '/api/me/cases',
    {
      config: submissionRateLimit,
      preValidation: multipartFormHook(portal, (req) => void requireActor(req, ['CITIZEN'])),
      schema: {
        tags,
        summary:
          'Nuova richiesta di esenzione per patologia o invalidità, con certificato e documento d’identità',
        description:
          'multipart/form-data: i campi indicati e i file `certificate` e `identityDocument` (obbligatori) e `documents` (facoltativi): ' +
          `PDF, JPEG o PNG, al massimo ${Math.round(portal.uploadMaxFileBytes / 1048576)} MB ciascuno e ${portal.uploadMaxFiles} in tutto. ` +
          'Con `onBehalfOf` la richiesta è inviata come delegato.',
        consumes: ['multipart/form-data'],
        body: citizenCaseFields,
        response: { 201: caseDetail },
      },
    },
    async (req, reply) => {
      const c = ctx(req);
      if (!req.uploads)
        throw unsupportedMediaType('Inviare la richiesta come multipart/form-data con i documenti allegati.');
      const d = await submitCitizenCase(c, req.body, req.uploads, portal);
      return reply
        .code(201)
        .header('ETag', `"${d.version}"`)
        .header('Location', `/api/me/cases/${d.caseNumber}`)
        .send(d);
    },
  );

  app.post(
    '/api/me/cases/:caseNumber/renew',
    {
      config: submissionRateLimit,
      schema: {
        tags,
        summary: 'Rinnova una mia esenzione In scadenza o Scaduta: nuova pratica collegata alla precedente',
        description:
          'Per patologia o malattia rara serve il nuovo certificato: inviare la nuova richiesta (POST /api/me/cases) con `renewsCaseNumber`.',
        params: caseNumberParams,
        querystring: onBehalfOfQuery,
        body: renewBody,
        response: { 201: caseDetail },
      },
    },
    async (req, reply) => {
      const d = await renewCase(ctx(req), req.params.caseNumber, req.body, portal, req.query.onBehalfOf);
      return reply
        .code(201)
        .header('ETag', `"${d.version}"`)
        .header('Location', `/api/me/cases/${d.caseNumber}`)
        .send(d);
    },
  );

  app.post(
    `/api/me/cases/:caseNumber/${CASE_COMMAND_CATALOGUE.cancel.path}`,
    {
      schema: {
        tags,
        summary: 'Annulla una mia pratica ancora Inviata o In lavorazione (If-Match)',
        params: caseNumberParams,
        querystring: onBehalfOfQuery,
        body: CASE_COMMAND_BODIES.cancel,
        response: { 200: caseDetail },
      },
    },
    async (req, reply) => {
      const d = await cancelMyCase(
        ctx(req),
        req.params.caseNumber,
        versionFromIfMatch(req.headers['if-match']),
        req.body,
        req.query.onBehalfOf,
      );
      return reply.header('ETag', `"${d.version}"`).send(d);
    },
  );
};
