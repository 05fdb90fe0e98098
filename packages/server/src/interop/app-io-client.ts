/**
 * The port to App IO (the public services' app) and its adapter for the published API for services
 * (docs/interoperability.md): `POST /api/v1/profiles` with the fiscal code tells whether the person has
 * IO and accepts messages from this service (`sender_allowed`); `POST /api/v1/messages` sends one
 * message (a subject of 10–120 characters, a markdown body of 80–10000). The service's key travels in
 * `Ocp-Apim-Subscription-Key`.
 */
import { httpCall } from './http-call.js';

export interface AppIoMessage {
  subject: string;
  markdown: string;
}

export interface AppIoPort {
  /** whether the person has IO and accepts this service's messages (no profile: false) */
  senderAllowed(fiscalCode: string): Promise<boolean>;
  /** sends the message; resolves with IO's message id */
  send(fiscalCode: string, message: AppIoMessage): Promise<string>;
}

export interface AppIoSettings {
  /** e.g. https://api.io.pagopa.it */
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
}

const WHAT = 'App IO';

export function httpAppIo(s: AppIoSettings): AppIoPort {
  const base = `${s.baseUrl.replace(/\/+$/, '')}/api/v1`;
  const headers = { 'ocp-apim-subscription-key': s.apiKey, 'content-type': 'application/json' };
  return {
    senderAllowed: async (fiscalCode) => {
      const res = await httpCall(
        WHAT,
        `${base}/profiles`,
        {
          method: 'POST',
          headers,
          body: JSON.stringify({ fiscal_code: fiscalCode }),
          timeoutMs: s.timeoutMs,
        },
        [404],
      );
      return res.status === 200 && (res.body as { sender_allowed?: unknown } | null)?.sender_allowed === true;
    },
    send: async (fiscalCode, message) => {
      const res = await httpCall(WHAT, `${base}/messages`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ fiscal_code: fiscalCode, content: message }),
        timeoutMs: s.timeoutMs,
      });
      return String((res.body as { id?: unknown } | null)?.id ?? '');
    },
  };
}
