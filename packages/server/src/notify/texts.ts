/**
 * What notifications and e-mails say. Never a diagnosis, an exemption code or its description:
 * only the case number and what happened (docs/domain.md §6, coded form).
 */
import type { CaseStatus } from '@esenzioni/domain';

const WHAT: Record<CaseStatus, string> = {
  SUBMITTED: "è stata inviata all'ASL",
  IN_PROGRESS: 'è stata presa in carico dal distretto',
  VALIDATED: "è stata validata: l'esenzione è attiva e l'attestato si scarica dal portale",
  REJECTED: 'è stata respinta: le indicazioni dell’operatore sono nel dettaglio della pratica sul portale',
  CANCELLED: 'è stata annullata',
  EXPIRING: 'riguarda un’esenzione in scadenza: per rinnovarla si invia una nuova richiesta dal portale',
  EXPIRED: 'riguarda un’esenzione scaduta: per rinnovarla si invia una nuova richiesta dal portale',
  REVOKED:
    'riguarda un’esenzione revocata: le indicazioni dell’operatore sono nel dettaglio della pratica sul portale',
};

export interface Delegator {
  firstName: string;
  lastName: string;
}

/** "La tua pratica n. X è stata validata…" or, to a delegate, "La pratica n. X di NOME COGNOME…". */
export function statusText(status: CaseStatus, caseNumber: string, delegator: Delegator | null): string {
  const what = WHAT[status];
  return delegator
    ? `La pratica n. ${caseNumber} di ${delegator.firstName} ${delegator.lastName}, che segui come delegato, ${what}.`
    : `La tua pratica n. ${caseNumber} ${what}.`;
}

/**
 * An operator's notification (issue 17 §6): the doctor or counter operator who sent a case learns how it
 * ended; the district operator who had it in charge learns that a colleague decided it. The case number
 * and what happened only: no name, no code.
 */
const SENT_WHAT: Partial<Record<CaseStatus, string>> = {
  VALIDATED: 'è stata validata dal distretto',
  REJECTED: 'è stata respinta dal distretto',
  CANCELLED: 'è stata annullata',
  REVOKED: 'riguarda un’esenzione revocata dal distretto',
};
const IN_CHARGE_WHAT: Partial<Record<CaseStatus, string>> = {
  VALIDATED: 'è stata validata da un altro operatore',
  REJECTED: 'è stata respinta da un altro operatore',
};

export function staffStatusText(
  status: CaseStatus,
  caseNumber: string,
  relation: 'sent' | 'inCharge',
): string | null {
  const what = (relation === 'sent' ? SENT_WHAT : IN_CHARGE_WHAT)[status];
  if (!what) return null;
  return relation === 'sent'
    ? `La pratica n. ${caseNumber} che ha inviato ${what}.`
    : `La pratica n. ${caseNumber} che aveva in carico ${what}.`;
}

/** The reminder on an exemption's last valid day: no code, no condition, only the case number. */
export const lastDayText = (caseNumber: string) =>
  `L'esenzione della tua pratica n. ${caseNumber} scade oggi: per rinnovarla si invia una nuova richiesta dal portale.`;

export const viewedText = (caseNumber: string) =>
  `Un operatore ha consultato la tua pratica n. ${caseNumber}.`;

/** Every e-mail to a person: the greeting, the one sentence, the portal, no health data, no reply. */
export const mailBody = (text: string): string =>
  [
    'Gentile assistita, gentile assistito,',
    '',
    text,
    '',
    'Per i dettagli accedi al portale Esenzioni con le tue credenziali.',
    'Per tutelare la tua riservatezza questo messaggio non contiene dati sanitari.',
    '',
    'Messaggio automatico: non rispondere a questo indirizzo.',
  ].join('\n');

export function mailOf(text: string, caseNumber: string): { subject: string; body: string } {
  return { subject: `Esenzioni ticket: aggiornamento della pratica n. ${caseNumber}`, body: mailBody(text) };
}
