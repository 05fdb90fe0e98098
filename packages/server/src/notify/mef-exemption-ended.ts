/**
 * A MEF-list income exemption ended (issue 12 §2): the new list no longer names the person. The person
 * is told in the app and by e-mail (when an address is known), once per import, person and code
 * (dedupe key). No condition is named: an income exemption says nothing of health, and the text says
 * only that the listed exemption ended and how to declare it again.
 */
import { EVENT_TYPES } from '@esenzioni/domain';
import { writeNotification } from '../db/repositories/notifications.js';
import { typedHandler } from './typed-handler.js';
import { mailBody } from './texts.js';

export const mefEndedKeyOf = (importId: number, fiscalCode: string, code: string) =>
  `mef-ended:${importId}:${fiscalCode}:${code}`;

/** "L'esenzione per reddito … da elenco MEF …": the last day in Italian form (gg/mm/aaaa). */
export function mefEndedText(listYear: number, lastDay: string): string {
  const [y, m, d] = lastDay.split('-');
  return (
    `La tua esenzione per reddito da elenco MEF ${listYear} è terminata il ${d}/${m}/${y}: ` +
    "il nuovo elenco del Ministero dell'economia e delle finanze non ti comprende. Se hai ancora i requisiti puoi " +
    "presentare un'autocertificazione dal portale o allo sportello della tua ASL."
  );
}

export const onMefExemptionEnded = typedHandler(EVENT_TYPES.mefExemptionEnded, async (tx, p, event) => {
  const text = mefEndedText(p.listYear, p.lastDay);
  await writeNotification(tx, {
    eventId: event.id,
    recipientFiscalCode: p.fiscalCode,
    kind: 'EXEMPTION_ENDED',
    caseNumber: null,
    text,
    dedupeKey: mefEndedKeyOf(p.importId, p.fiscalCode, p.code),
    mail: {
      subject: 'Esenzioni ticket: esenzione per reddito da elenco MEF non più valida',
      body: mailBody(text),
    },
  });
});
