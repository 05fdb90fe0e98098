/**
 * HTTP hardening at the edge (issue 9 §6): security headers with a strict Content-Security-Policy that the
 * SPA passes (no inline script anywhere), HSTS when the request arrived over https, `Cache-Control: no-store`
 * on every API answer (personal data must not sit in browser or proxy caches), and a refusal of strings no
 * person types (NUL, lone UTF-16 surrogates) before any handler or the database sees them.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import helmet from '@fastify/helmet';
import { validationFailed } from '@esenzioni/domain';

/** What the web app needs, and nothing more: its own scripts, styles, fonts and images; data: for inline SVG icons. */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  // bootstrap-italia's stylesheet embeds one icon font as a data: URL
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  upgradeInsecureRequests: null,
} as const;

/** One year, as the HSTS preload rules ask; only ever sent on an https request. */
const HSTS = 'max-age=31536000; includeSubDomains';

export async function registerHardening(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: { ...CONTENT_SECURITY_POLICY } },
    // HSTS is decided per request below: on plain http (local use, tests) it would be meaningless or harmful
    hsts: false,
    crossOriginEmbedderPolicy: false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.protocol === 'https') reply.header('Strict-Transport-Security', HSTS);
    const path = req.routeOptions.url ?? req.url; // the matched route (decoded), else the raw URL
    const personal = ['/api/', '/fhir/'].some((p) => path.startsWith(p) || req.url.startsWith(p));
    if (personal && !path.startsWith('/api/docs')) {
      reply.header('Cache-Control', 'no-store');
      reply.header('Pragma', 'no-cache');
    }
    return payload;
  });
  app.addHook('preValidation', async (req) => {
    const where = unacceptableText(req);
    if (where) {
      throw validationFailed(
        [{ field: where, message: 'Caratteri non ammessi (carattere nullo o codifica non valida).' }],
        `Il campo «${where}» contiene caratteri non ammessi.`,
      );
    }
  });
}

/** A NUL, or a UTF-16 surrogate without its pair (which has no UTF-8 form): never part of real input. */
// eslint-disable-next-line no-control-regex -- the NUL is exactly what this refuses
const BAD_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const MAX_DEPTH = 20;

/** The first field (dotted path) of params, query or a JSON body whose text is unacceptable, or null. */
export function unacceptableText(req: Pick<FastifyRequest, 'params' | 'query' | 'body'>): string | null {
  return findBad(req.params, '', 0) ?? findBad(req.query, '', 0) ?? findBad(req.body, '', 0);
}

function findBad(value: unknown, path: string, depth: number): string | null {
  if (typeof value === 'string') return BAD_TEXT.test(value) ? path || 'valore' : null;
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return null;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const here = path ? `${path}.${k}` : k;
    if (BAD_TEXT.test(k)) return here;
    const found = findBad(v, here, depth + 1);
    if (found) return found;
  }
  return null;
}
