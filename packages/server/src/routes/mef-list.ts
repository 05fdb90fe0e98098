/**
 * /api/admin/mef-imports (ADMIN): upload of the yearly MEF list of income exemptions as `text/csv`
 * (docs/mef-list.md), answered 202 at once; the import's progress and figures, polled by the admin page.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, mefImportList, mefImportView, notFound, unsupportedMediaType } from '@esenzioni/domain';
import type { Db } from '../db/client.js';
import { requireActor } from '../http/auth-plugin.js';
import type { Clock } from '../services/context.js';
import {
  listMefImports,
  mefImportStatus,
  uploadMefList,
  type MefUploadOptions,
} from '../services/income-mef/mef-import-jobs.js';

const uploadQuery = z.object({
  fileName: z
    .string()
    .trim()
    .min(1)
    .max(200, 'Nome del file troppo lungo.')
    .regex(/^[^/\\]+$/, 'Nome del file non valido.')
    .default('elenco-mef.csv'),
});

export const mefListRoutes: FastifyPluginAsyncZod<
  { db: Db; now?: Clock } & Partial<Omit<MefUploadOptions, 'log'>>
> = async (app, { db, now, ...opts }) => {
  // the body is the file itself, left unread here and streamed from the request to a temporary file by
  // the use case (no body limit here; the use case counts the bytes). Not handed on as `body`: the
  // hardening hook walks a body's fields, and a stream is not one to walk.
  app.addContentTypeParser(['text/csv', 'text/plain'], (_req, _payload, done) => done(null, undefined));

  app.post(
    '/api/admin/mef-imports',
    {
      schema: {
        tags: ['amministrazione'],
        summary:
          'Carica l’elenco MEF delle esenzioni per reddito (CSV, docs/mef-list.md): risponde subito, poi avanza',
        querystring: uploadQuery,
        response: { 202: mefImportView },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req, ['ADMIN']);
      const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== 'text/csv' && type !== 'text/plain')
        throw unsupportedMediaType("L'elenco MEF si carica come file CSV (Content-Type: text/csv).");
      const view = await uploadMefList(
        { db, actor, correlationId: req.id, now },
        req.raw,
        req.query.fileName,
        { ...opts, bulkDb: opts.bulkDb ?? db, log: req.log },
      );
      return reply.code(202).send(view);
    },
  );

  app.get(
    '/api/admin/mef-imports',
    {
      schema: {
        tags: ['amministrazione'],
        summary: 'Gli ultimi caricamenti dell’elenco MEF, con avanzamento ed esito',
        response: { 200: mefImportList },
      },
    },
    async (req) => ({
      items: await listMefImports({ db, actor: requireActor(req, ['ADMIN']), correlationId: req.id, now }),
    }),
  );

  app.get(
    '/api/admin/mef-imports/:id',
    {
      schema: {
        tags: ['amministrazione'],
        summary: 'Avanzamento ed esito di un caricamento dell’elenco MEF',
        params: idParams,
        response: { 200: mefImportView },
      },
    },
    async (req) => {
      const view = await mefImportStatus(
        { db, actor: requireActor(req, ['ADMIN']), correlationId: req.id, now },
        Number(req.params.id),
      );
      if (!view) throw notFound('Caricamento non trovato.');
      return view;
    },
  );
};
