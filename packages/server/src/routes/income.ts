/**
 * Income self-declarations E01–E04 (issue 12 §1):
 * - POST /api/income-declarations — the counter operator (ADMIN_OPERATOR) enters what the declarant
 *   signs for a person of the operator's ASL; GET …/{caseNumber} and …/certificate.pdf for the counter
 *   and the district operators of the ASL;
 * - POST /api/me/income-declarations — the citizen, or a delegate with `?onBehalfOf=`; GET
 *   …/{caseNumber} and …/certificate.pdf ("certificato nominativo di esenzione per reddito").
 * A declaration meeting every rule is issued at once (201); one failing a rule is refused (400) with the
 * rule and the figure; a second income exemption is refused (409).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  citizenIncomeDeclarationBody,
  counterIncomeDeclarationBody,
  incomeCaseParams,
  incomeDeclarationResponse,
  onBehalfOfQuery,
  type IncomeValidityRule,
} from '@esenzioni/domain';
import type { Db } from '../db/client.js';
import { requireActor } from '../http/auth-plugin.js';
import { sendPdf } from '../http/send-pdf.js';
import { submissionRateLimit } from '../uploads/multipart-form.js';
import {
  DEFAULT_INCOME_VALIDITY,
  declareIncomeAtCounter,
  declareIncomeOnline,
} from '../services/income/declare-income.js';
import { getDeclaredExemption, incomeCertificate } from '../services/income/read-declaration.js';
import type { Clock } from '../services/context.js';

const RULES =
  'Regole della pagina ASL: E01 meno di 6 o più di 65 anni e reddito familiare inferiore a 36.151,98 €; ' +
  'E02 disoccupato iscritto al Centro per l’impiego (non in cerca di prima occupazione) ed E04 titolare di pensione al minimo ' +
  'con più di 60 anni, reddito inferiore a 8.263,31 €, 11.362,05 € con il coniuge, più 516,46 € per figlio a carico; ' +
  'E03 titolare di assegno sociale. Importi in centesimi, reddito dell’anno precedente. Valida fino al 31 marzo ' +
  '(INCOME_VALIDITY_CUTOFF) dell’anno successivo. Una sola esenzione per reddito alla volta (409).';

export const incomeRoutes: FastifyPluginAsyncZod<{
  db: Db;
  now?: Clock;
  validity?: IncomeValidityRule;
}> = async (app, { db, now, validity }) => {
  const tags = ['esenzioni per reddito'];
  const rule = validity ?? DEFAULT_INCOME_VALIDITY;

  app.post(
    '/api/income-declarations',
    {
      config: submissionRateLimit,
      schema: {
        tags,
        summary:
          'Autocertificazione del reddito allo sportello: esenzione rilasciata subito se rispetta le regole',
        description: RULES,
        body: counterIncomeDeclarationBody,
        response: { 201: incomeDeclarationResponse },
      },
    },
    async (req, reply) => {
      const ctx = { db, actor: requireActor(req, ['ADMIN_OPERATOR']), correlationId: req.id, now };
      const view = await declareIncomeAtCounter(ctx, req.body, rule);
      return reply.code(201).header('Location', `/api/income-declarations/${view.caseNumber}`).send(view);
    },
  );

  app.get(
    '/api/income-declarations/:caseNumber',
    {
      schema: {
        tags,
        summary: 'Esenzione per reddito e sua autocertificazione (operatori dell’ASL)',
        params: incomeCaseParams,
        response: { 200: incomeDeclarationResponse },
      },
    },
    (req) =>
      getDeclaredExemption(
        { db, actor: requireActor(req, ['ADMIN_OPERATOR', 'DISTRICT_OPERATOR']), correlationId: req.id, now },
        req.params.caseNumber,
        'counter',
      ),
  );

  app.get(
    '/api/income-declarations/:caseNumber/certificate.pdf',
    {
      schema: {
        tags,
        summary: 'Certificato nominativo di esenzione per reddito (PDF), operatori dell’ASL',
        params: incomeCaseParams,
      },
    },
    async (req, reply) => {
      const ctx = {
        db,
        actor: requireActor(req, ['ADMIN_OPERATOR', 'DISTRICT_OPERATOR']),
        correlationId: req.id,
        now,
      };
      return sendPdf(reply, await incomeCertificate(ctx, req.params.caseNumber, 'counter'));
    },
  );

  app.post(
    '/api/me/income-declarations',
    {
      config: submissionRateLimit,
      schema: {
        tags,
        summary: 'Autocertificazione del reddito online (cittadino o delegato con onBehalfOf)',
        description: RULES,
        querystring: onBehalfOfQuery,
        body: citizenIncomeDeclarationBody,
        response: { 201: incomeDeclarationResponse },
      },
    },
    async (req, reply) => {
      const ctx = { db, actor: requireActor(req, ['CITIZEN']), correlationId: req.id, now };
      const view = await declareIncomeOnline(ctx, req.body, req.query.onBehalfOf, rule);
      return reply.code(201).send(view);
    },
  );

  app.get(
    '/api/me/income-declarations/:caseNumber',
    {
      schema: {
        tags,
        summary: 'La mia esenzione per reddito e la mia autocertificazione (o di chi mi ha delegato)',
        params: incomeCaseParams,
        querystring: onBehalfOfQuery,
      },
    },
    (req) =>
      getDeclaredExemption(
        { db, actor: requireActor(req, ['CITIZEN']), correlationId: req.id, now },
        req.params.caseNumber,
        'me',
        req.query.onBehalfOf,
      ),
  );

  app.get(
    '/api/me/income-declarations/:caseNumber/certificate.pdf',
    {
      schema: {
        tags,
        summary: 'Il mio certificato nominativo di esenzione per reddito (PDF)',
        params: incomeCaseParams,
        querystring: onBehalfOfQuery,
      },
    },
    async (req, reply) => {
      const ctx = { db, actor: requireActor(req, ['CITIZEN']), correlationId: req.id, now };
      return sendPdf(reply, await incomeCertificate(ctx, req.params.caseNumber, 'me', req.query.onBehalfOf));
    },
  );
};
