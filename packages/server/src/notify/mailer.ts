/** Sends e-mail through SMTP (nodemailer) when SMTP_URL is set; without it there is no mailer. */
import nodemailer from 'nodemailer';
import type { MailSettings } from '../config.js';
import { DeliveryError } from '../jobs/outbox-handler.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** stable per mail row, so a receiving server can recognise a repeated delivery */
  messageId: string;
}

export interface Mailer {
  /** throws DeliveryError (permanent or transient, with a text free of addresses) */
  send(mail: OutgoingMail): Promise<void>;
}

/**
 * Bounds on a hung SMTP server (nodemailer's defaults are 2 min to connect and 10 min of socket
 * silence): the outbox worker waits for each send, and its lease must outlast them.
 */
export interface SmtpTimeouts {
  connectMs: number;
  greetingMs: number;
  socketMs: number;
}

export const DEFAULT_SMTP_TIMEOUTS: SmtpTimeouts = {
  connectMs: 10_000,
  greetingMs: 10_000,
  socketMs: 20_000,
};

/** `smtp://user:pass@host:587`, options as query (`?ignoreTLS=true`, `?requireTLS=true`). */
export function createSmtpMailer(
  settings: MailSettings,
  timeouts: SmtpTimeouts = DEFAULT_SMTP_TIMEOUTS,
): Mailer | null {
  if (!settings.smtpUrl) return null;
  const transport = nodemailer.createTransport({
    url: settings.smtpUrl,
    connectionTimeout: timeouts.connectMs,
    greetingTimeout: timeouts.greetingMs,
    socketTimeout: timeouts.socketMs,
  });
  return {
    send: async (m) => {
      try {
        await transport.sendMail({
          from: settings.from,
          to: m.to,
          subject: m.subject,
          text: m.text,
          messageId: m.messageId,
        });
      } catch (e) {
        throw smtpFailure(e);
      }
    },
  };
}

/**
 * An SMTP failure as stored and logged: the reply code and its class, or the network error code, with
 * a fixed text. The server's own words are dropped: they echo the recipient's address.
 * 5xx: permanent (the server refuses this message: retrying cannot help); 4xx and network: transient.
 */
export function smtpFailure(e: unknown): DeliveryError {
  const { responseCode, code } = (typeof e === 'object' && e !== null ? e : {}) as {
    responseCode?: unknown;
    code?: unknown;
  };
  if (typeof responseCode === 'number' && responseCode >= 500)
    return new DeliveryError(true, `SMTP ${responseCode}: rifiuto permanente del server di posta`);
  if (typeof responseCode === 'number' && responseCode >= 400)
    return new DeliveryError(false, `SMTP ${responseCode}: errore temporaneo del server di posta`);
  const network = typeof code === 'string' && /^[A-Z_]{3,20}$/.test(code) ? code : 'ERRORE';
  return new DeliveryError(false, `SMTP ${network}: server di posta non raggiungibile o senza risposta`);
}

/** nodemailer's error codes (connection, protocol, envelope, authentication): for the process-level policy. */
const MAIL_ERROR_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ETLS',
  'EPROTOCOL',
  'EENVELOPE',
  'EMESSAGE',
  'EAUTH',
  'ENOAUTH',
  'ESTREAM',
]);

export function isMailError(e: unknown): boolean {
  if (e instanceof DeliveryError) return true;
  const { code, responseCode } = (typeof e === 'object' && e !== null ? e : {}) as {
    code?: unknown;
    responseCode?: unknown;
  };
  return typeof responseCode === 'number' || (typeof code === 'string' && MAIL_ERROR_CODES.has(code));
}
