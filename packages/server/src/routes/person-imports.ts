/**
 * /api/admin/person-imports (ADMIN, issue 13 §4): upload of the registry of assistiti as `text/csv`
 * (docs/person-directory.md), answered 202 at once; the import's progress and figures, polled.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  idParams,
  notFound,
  personImportList,
  personImportView,
  unsupportedMediaType,
} from '@esenzioni/domain';
import type { Db } from '../db/client.js';
import { requireActor } from '../http/auth-plugin.js';
import type { Clock } from '../services/context.js';
import {
  listPersonImports,
  personImportStatus,
  uploadPersonFile,
  type PersonUploadOptions,
} from '../services/directory/person-import-jobs.js';

const uploadQuery = z.object({
  fileName: z
    .string()
    .trim()
    .min(1)
    .max(200, 'Nome del file troppo lungo.')
    .regex(/^[^/\\]+$/, 'Nome del file non valido.')
    .default('assistiti.csv'),
});

export const personImportRoutes: FastifyPluginAsyncZod<
  { db: Db; now?: Clock } & Partial<Omit<PersonUploadOptions, 'log'>>
> = async (app, { db, now, ...opts }) => {
  // the body is the file, streamed by the use case to a temporary file (it counts the bytes)
  app.addContentTypeParser(['text/csv', 'text/plain'], (_req, _payload, done) => done(null, undefined));
  const tags = ['amministrazione'];

  app.post(
    '/api/admin/person-imports',
    {
      schema: {
        tags,
        summary:
          'Carica l’anagrafe degli assistiti (CSV, docs/person-directory.md): risponde subito, poi avanza',
        querystring: uploadQuery,
        response: { 202: personImportView },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req, ['ADMIN']);
      const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== 'text/csv' && type !== 'text/plain')
        throw unsupportedMediaType(
          "L'anagrafe degli assistiti si carica come file CSV (Content-Type: text/csv).",
        );
      const view = await uploadPersonFile(
        { db, actor, correlationId: req.id, now },
        req.raw,
        req.query.fileName,
        {
          ...opts,
          bulkDb: opts.bulkDb ?? db,
          log: req.log,
        },
      );
      return reply.code(202).send(view);
    },
  );

  app.get(
    '/api/admin/person-imports',
    {
      schema: {
        tags,
        summary: 'Gli ultimi caricamenti dell’anagrafe degli assistiti, con avanzamento ed esito',
        response: { 200: personImportList },
      },
    },
    async (req) => ({
      items: await listPersonImports({ db, actor: requireActor(req, ['ADMIN']), correlationId: req.id, now }),
    }),
  );

  app.get(
    '/api/admin/person-imports/:id',
    {
      schema: {
        tags,
        summary: 'Avanzamento ed esito di un caricamento dell’anagrafe degli assistiti',
        params: idParams,
        response: { 200: personImportView },
      },
    },
    async (req) => {
      const view = await personImportStatus(
        { db, actor: requireActor(req, ['ADMIN']), correlationId: req.id, now },
        Number(req.params.id),
      );
      if (!view) throw notFound('Caricamento non trovato.');
      return view;
    },
  );
};
