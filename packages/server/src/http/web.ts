/** Serves the built web app from packages/web/dist, with the SPA fallback for client-side routes. */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

/**
 * Registers the static files; returns whether the web app is built (then the SPA fallback sends
 * index.html with `reply.sendFile`, read on each use, so a rebuild while the server runs is picked up).
 */
export async function registerWeb(app: FastifyInstance, webDist: string): Promise<boolean> {
  const index = path.join(webDist, 'index.html');
  if (!fs.existsSync(index)) {
    app.get('/', async (_req, reply) =>
      reply
        .type('text/plain; charset=utf-8')
        .send('Interfaccia web non compilata: eseguire `npm run build` (oppure `npm start`).'),
    );
    return false;
  }
  await app.register(fastifyStatic, {
    root: webDist,
    index: 'index.html',
    // issue 16 §7: the .br and .gz copies written at build time (packages/web/scripts/precompress.mjs) are
    // sent by Accept-Encoding negotiation, with Content-Encoding and Vary; the file itself otherwise
    preCompressed: true,
    setHeaders: (res, filePath) => {
      // hashed file names (Vite's assets/): a new build makes new names, so they never change
      if (filePath.includes(`${path.sep}assets${path.sep}`))
        res.header('Cache-Control', 'public, max-age=31536000, immutable');
      // the page that names the current assets: revalidated on every load
      else if (/^index\.html(\.br|\.gz)?$/.test(path.basename(filePath)))
        res.header('Cache-Control', 'no-cache');
    },
  });
  return true;
}
