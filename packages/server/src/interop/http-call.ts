/**
 * One HTTP call of an outbound adapter (the regional registry, App IO), with a time limit, sorted into
 * what the outbox needs: the answer, or a DeliveryError that is transient (network, time-out, 408, 425,
 * 429, 5xx: retried with back-off) or permanent (any other 4xx: retrying cannot help, a dead letter at
 * once). The stored text is a fixed one with the status code, never the remote server's words.
 */
import { DeliveryError } from '../jobs/outbox-handler.js';

const TRANSIENT_STATUS = new Set([408, 425, 429]);

export interface HttpAnswer {
  status: number;
  body: unknown;
}

export async function httpCall(
  what: string,
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; timeoutMs: number },
  /** statuses that are an answer, not a failure (e.g. 404 for "no such resource") */
  accepted: readonly number[] = [],
): Promise<HttpAnswer> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method,
      headers: init.headers,
      ...(init.body !== undefined ? { body: init.body } : {}),
      signal: AbortSignal.timeout(init.timeoutMs),
      redirect: 'error',
    });
  } catch (e) {
    const timeout = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
    throw new DeliveryError(
      false,
      `${what}: ${timeout ? 'nessuna risposta nel tempo massimo' : 'non raggiungibile'}`,
    );
  }
  const text = await res.text().catch(() => '');
  if (res.ok || accepted.includes(res.status)) {
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    return { status: res.status, body };
  }
  const transient = res.status >= 500 || TRANSIENT_STATUS.has(res.status);
  throw new DeliveryError(!transient, `${what}: risposta HTTP ${res.status}`);
}
