/**
 * The Region's codes (issue 12 §6): GET /api/regional/codes — the codes of data/regional-codes-<REGION>.csv
 * with their rules, for every signed-in profile (reference data); POST /api/regional/exemptions — the
 * counter operator issues one on the person's declaration (rules checked, issued at once).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { caseDetail, regionalCodesResponse, regionalIssueBody } from '@esenzioni/domain';
import type { Db } from '../db/client.js';
import { requireActor, requireSession } from '../http/auth-plugin.js';
import { submissionRateLimit } from '../uploads/multipart-form.js';
import { regionalCodes } from '../services/regional/regional-codes.js';
import { issueRegionalExemption } from '../services/regional/issue-regional-exemption.js';
import type { Clock } from '../services/context.js';

export const regionalRoutes: FastifyPluginAsyncZod<{
  db: Db;
  now?: Clock;
  region: string;
  cutoff?: string;
}> = async (app, { db, now, region, cutoff }) => {
  const tags = ['codici regionali'];
  app.get(
    '/api/regional/codes',
    {
      schema: {
        tags,
        summary: 'Codici di esenzione della Regione configurata (REGION) con le loro regole',
        response: { 200: regionalCodesResponse },
      },
    },
    async (req) => {
      requireSession(req);
      return regionalCodes(db, region);
    },
  );

  app.post(
    '/api/regional/exemptions',
    {
      config: submissionRateLimit,
      schema: {
        tags,
        summary: 'Rilascia allo sportello un codice regionale sulla dichiarazione dell’assistito',
        description:
          'Operatore di sportello (ADMIN_OPERATOR): codice del file della Regione rilasciabile allo sportello e in vigore; ' +
          'assistito della propria ASL con codice fiscale, oppure codice STP/ENI (STP/ENI + 13 cifre) solo dove il codice lo ammette ' +
          '(con nome, cognome e data di nascita se non è in anagrafe); regole del file (età, reddito in centesimi, componenti del nucleo, ' +
          'condizione dell’elenco, sei mesi dal permesso o dal tesserino). L’esenzione è rilasciata subito (pratica Validata).',
        body: regionalIssueBody,
        response: { 201: caseDetail },
      },
    },
    async (req, reply) => {
      const ctx = { db, actor: requireActor(req, ['ADMIN_OPERATOR']), correlationId: req.id, now };
      const detail = await issueRegionalExemption(ctx, req.body, cutoff ? { cutoff } : {});
      return reply
        .code(201)
        .header('ETag', `"${detail.version}"`)
        .header('Location', `/api/cases/${detail.caseNumber}`)
        .send(detail);
    },
  );
};
