/**
 * Sending cases (issue 4): the specialist's certificate (JSON), the counter's case with scanned
 * documents (multipart) and the code suggestions for the certificate form. The sender's cancel is a
 * command of the catalogue, registered with the others in routes/cases/work.ts.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import {
  caseDetail,
  caseNumberParams,
  newCaseBody,
  renewBody,
  suggestCodesQuery,
  suggestCodesResponse,
  todayInRome,
  unsupportedMediaType,
  type Role,
} from '@esenzioni/domain';
import type { Db } from '../../db/client.js';
import type { PortalSettings } from '../../config.js';
import { requireActor } from '../../http/auth-plugin.js';
import { multipartFormHook, registerMultipart, submissionRateLimit } from '../../uploads/multipart-form.js';
import { submitSpecialistCase } from '../../services/cases/submit-specialist-case.js';
import { submitCounterCase } from '../../services/cases/submit-counter-case.js';
import { renewCase } from '../../services/cases/renew-case.js';
import { suggestCodes } from '../../services/catalogue/suggest-codes.js';
import { nowOf, type Clock } from '../../services/context.js';

const SENDERS: readonly Role[] = ['SPECIALIST', 'ADMIN_OPERATOR'];

export const caseSubmissionRoutes: FastifyPluginAsyncZod<{
  db: Db;
  portal: PortalSettings;
  now?: Clock;
}> = async (app, { db, portal, now }) => {
  await registerMultipart(app, portal);
  const tags = ['pratiche'];
  const ctx = (req: FastifyRequest, roles: readonly Role[]) => ({
    db,
    actor: requireActor(req, roles),
    correlationId: req.id,
    now,
  });

  const onlyCounterSendsFiles = (req: FastifyRequest) => {
    if (requireActor(req, SENDERS).role === 'SPECIALIST') {
      throw unsupportedMediaType(
        'Il medico specialista invia la pratica in JSON: il certificato PDF è generato dal sistema.',
      );
    }
  };

  app.post(
    '/api/cases',
    {
      config: submissionRateLimit,
      preValidation: multipartFormHook(portal, onlyCounterSendsFiles),
      schema: {
        tags,
        summary: 'Invia una pratica (medico specialista in JSON; sportello in multipart con i documenti)',
        description:
          'Medico specialista (SPECIALIST): JSON con diagnosi obbligatoria; il sistema genera il certificato PDF con codice di verifica. ' +
          'Operatore di sportello (ADMIN_OPERATOR): multipart/form-data con gli stessi campi e i file `certificate` (obbligatorio) e `documents` ' +
          '(facoltativi); chi presenta la richiesta in `presentedBy` (BENEFICIARY se assente; DELEGATE, PARENT o GUARDIAN con `presenterFiscalCode` ' +
          'e `presenterName`; un delegato allega la delega scritta nel file `delegation`) ' +
          `(facoltativi): PDF, JPEG o PNG, al massimo ${Math.round(portal.uploadMaxFileBytes / 1048576)} MB ciascuno e ${portal.uploadMaxFiles} in tutto. ` +
          `Regole: assistito noto alla Regione (sportello: della propria ASL), certificato non futuro e non più vecchio di ${portal.certificateMaxAgeMonths} mesi, ` +
          'codice assegnabile, in vigore alla data del certificato e coerente con la diagnosi; una sola pratica aperta per assistito e codice (409).',
        consumes: ['application/json', 'multipart/form-data'],
        body: newCaseBody,
        response: { 201: caseDetail },
      },
    },
    async (req, reply) => {
      const c = ctx(req, SENDERS);
      let detail;
      if (c.actor.role === 'SPECIALIST') detail = await submitSpecialistCase(c, req.body, portal);
      else if (req.uploads) detail = await submitCounterCase(c, req.body, req.uploads, portal);
      else
        throw unsupportedMediaType(
          'Allegare i documenti scansionati: inviare la pratica come multipart/form-data.',
        );
      return reply
        .code(201)
        .header('ETag', `"${detail.version}"`)
        .header('Location', `/api/cases/${detail.caseNumber}`)
        .send(detail);
    },
  );

  app.post(
    '/api/cases/:caseNumber/renew',
    {
      config: submissionRateLimit,
      schema: {
        tags,
        summary: 'Rinnova un’esenzione In scadenza o Scaduta: nuova pratica collegata alla precedente',
        description:
          'Medico specialista: la pratica che ha inviato, con il nuovo certificato (`issuedOn`, diagnosi facoltativa: quella della pratica). ' +
          'Sportello: una pratica della propria ASL; per patologia o malattia rara serve il nuovo certificato: ' +
          'inviare la pratica (POST /api/cases, multipart) con `renewsCaseNumber`. ' +
          'Alla validazione della nuova pratica l’esenzione precedente termina il giorno prima.',
        params: caseNumberParams,
        body: renewBody,
        response: { 201: caseDetail },
      },
    },
    async (req, reply) => {
      const detail = await renewCase(ctx(req, SENDERS), req.params.caseNumber, req.body, portal);
      return reply
        .code(201)
        .header('ETag', `"${detail.version}"`)
        .header('Location', `/api/cases/${detail.caseNumber}`)
        .send(detail);
    },
  );

  app.get(
    '/api/cases/suggest-codes',
    {
      schema: {
        tags,
        summary: 'Codici esenzione assegnabili per una diagnosi (ICD-9-CM)',
        querystring: suggestCodesQuery,
        response: { 200: suggestCodesResponse },
      },
    },
    async (req) => {
      const c = ctx(req, ['SPECIALIST', 'ADMIN_OPERATOR', 'DISTRICT_OPERATOR', 'CITIZEN']);
      return suggestCodes(db, req.query.diagnosisCode, req.query.issuedOn ?? todayInRome(nowOf(c)));
    },
  );
};
