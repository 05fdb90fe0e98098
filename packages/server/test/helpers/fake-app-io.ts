/**
 * A fake App IO (issue 14) following the published API for services: `POST /api/v1/profiles` with
 * `{ fiscal_code }` answers `{ sender_allowed }` (404: no IO profile), `POST /api/v1/messages` with
 * `{ fiscal_code, content: { subject, markdown } }` checks the lengths (subject 10–120, markdown
 * 80–10000: else 400) and answers 201 `{ id }`; both need the `Ocp-Apim-Subscription-Key` (else 401).
 * It records the messages it accepted, and can fail (500) or go down.
 */
import { startFakeServer, type FakeServer } from './fake-http.js';

export interface FakeAppIo extends FakeServer {
  apiKey: string;
  /** fiscal code → sender_allowed; a person not here has no IO profile */
  profiles: Map<string, boolean>;
  mode: 'ok' | 'fail';
  messages: Array<{ id: string; fiscal_code: string; content: { subject: string; markdown: string } }>;
  profileChecks: string[];
}

export async function startFakeAppIo(apiKey = 'chiave-di-prova-io'): Promise<FakeAppIo> {
  const fake = {
    apiKey,
    profiles: new Map(),
    mode: 'ok',
    messages: [],
    profileChecks: [],
  } as unknown as FakeAppIo;
  const server = await startFakeServer(async (req, raw) => {
    if (req.headers['ocp-apim-subscription-key'] !== fake.apiKey) return { status: 401 };
    if (fake.mode === 'fail') return { status: 500, body: { title: 'Internal error' } };
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return { status: 400 };
    }
    const fiscalCode = typeof body.fiscal_code === 'string' ? body.fiscal_code : '';
    if (!/^[A-Z0-9]{16}$/.test(fiscalCode)) return { status: 400, body: { title: 'Invalid fiscal_code' } };
    if (req.method === 'POST' && req.url === '/api/v1/profiles') {
      fake.profileChecks.push(fiscalCode);
      const allowed = fake.profiles.get(fiscalCode);
      return allowed === undefined
        ? { status: 404, body: { title: 'Profile not found' } }
        : { status: 200, body: { sender_allowed: allowed, preferred_languages: ['it_IT'] } };
    }
    if (req.method === 'POST' && req.url === '/api/v1/messages') {
      const content = body.content as { subject?: unknown; markdown?: unknown } | undefined;
      const subject = typeof content?.subject === 'string' ? content.subject : '';
      const markdown = typeof content?.markdown === 'string' ? content.markdown : '';
      if (subject.length < 10 || subject.length > 120 || markdown.length < 80 || markdown.length > 10000)
        return { status: 400, body: { title: 'Invalid message content' } };
      const id = `01HIO${String(fake.messages.length + 1).padStart(8, '0')}`;
      fake.messages.push({ id, fiscal_code: fiscalCode, content: { subject, markdown } });
      return { status: 201, body: { id } };
    }
    return { status: 404 };
  });
  return Object.assign(fake, server);
}
