/** Sends e-mail through SMTP (nodemailer) when SMTP_URL is set; without it there is no mailer. */
import nodemailer from 'nodemailer';
import type { MailSettings } from '../config.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** stable per mail row, so a receiving server can recognise a repeated delivery */
  messageId: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
}

/** `smtp://user:pass@host:587`, options as query (`?ignoreTLS=true`, `?requireTLS=true`). */
export function createSmtpMailer(settings: MailSettings): Mailer | null {
  if (!settings.smtpUrl) return null;
  const transport = nodemailer.createTransport(settings.smtpUrl);
  return {
    send: async (m) => {
      await transport.sendMail({ from: settings.from, to: m.to, subject: m.subject, text: m.text, messageId: m.messageId });
    },
  };
}
