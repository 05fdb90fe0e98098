/** Serves the built web app from packages/web/dist, with the SPA fallback for client-side routes. */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

/**
 * Registers the static files; returns a reader of index.html for the SPA fallback (read on each use, so a
 * rebuild of the web app while the server runs is picked up), or null when the web app is not built.
 */
export async function registerWeb(
  app: FastifyInstance,
  webDist: string,
): Promise<(() => Promise<Buffer>) | null> {
  const index = path.join(webDist, 'index.html');
  if (!fs.existsSync(index)) {
    app.get('/', async (_req, reply) =>
      reply
        .type('text/plain; charset=utf-8')
        .send('Interfaccia web non compilata: eseguire `npm run build` (oppure `npm start`).'),
    );
    return null;
  }
  await app.register(fastifyStatic, {
    root: webDist,
    index: 'index.html',
    setHeaders: (res, filePath) => {
      if (filePath.includes(`${path.sep}assets${path.sep}`))
        res.header('Cache-Control', 'public, max-age=31536000, immutable');
    },
  });
  return () => fs.promises.readFile(index);
}
