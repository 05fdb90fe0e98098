/**
 * Everything under /api/cases: the district's work and the senders' cancel (work.ts: search, export,
 * detail, history, documents, the catalogue's commands) and sending a case (submission.ts: the
 * specialist's JSON, the counter's multipart with documents, the code suggestions). Two plugins, so that
 * the multipart parser is registered only where files are sent.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.js';
import type { ReadOn } from '../../db/replica.js';
import type { PortalSettings } from '../../config.js';
import type { Clock } from '../../services/context.js';
import { caseWorkRoutes } from './work.js';
import { caseSubmissionRoutes } from './submission.js';

export const caseRoutes: FastifyPluginAsyncZod<{
  db: Db;
  portal: PortalSettings;
  now?: Clock;
  readOn?: ReadOn;
}> = async (app, opts) => {
  await app.register(caseWorkRoutes, opts);
  await app.register(caseSubmissionRoutes, opts);
};
