/**
 * «Cosa succede ora» (issue 17 §6): one sentence per state of a citizen's case, saying what happens next
 * and what they can do. Never the coded reason or an operator's name: the district's note says why.
 */
import type { CaseDetail } from '@esenzioni/domain';
import { formatItalianDate } from '@esenzioni/domain/validity';

export function nextStep(c: Pick<CaseDetail, 'status' | 'validUntil'>): string {
  switch (c.status) {
    case 'SUBMITTED':
      return 'La richiesta è arrivata al distretto della sua ASL, che la esaminerà. Riceverà una notifica a ogni cambio di stato.';
    case 'IN_PROGRESS':
      return 'Il distretto sta esaminando la richiesta. Se servono altri documenti, la nota del distretto lo dirà.';
    case 'VALIDATED':
      return 'L’esenzione è attiva: il medico e la farmacia la vedono al momento della prescrizione. L’attestato si scarica da «Le mie esenzioni».';
    case 'REJECTED':
      return 'La richiesta non è stata accolta: la nota del distretto spiega perché. Può presentare una nuova richiesta con la documentazione completa da «Nuova richiesta».';
    case 'CANCELLED':
      return 'La richiesta è stata annullata: nessuna esenzione è stata rilasciata.';
    case 'EXPIRING':
      return `L’esenzione scade il ${formatItalianDate(c.validUntil)}: può chiederne il rinnovo.`;
    case 'EXPIRED':
      return 'L’esenzione è scaduta: per averla di nuovo ne chieda il rinnovo.';
    case 'REVOKED':
      return 'L’esenzione è stata revocata: la nota del distretto spiega perché. Per chiarimenti si rivolga al distretto della sua ASL.';
  }
}
