/** Notes demo operators and citizens write: what the manual's "Nota Beneficiario" / "Nota Interna" hold. */
import type { RejectionReason } from '@esenzioni/domain';

export const TAKE_CHARGE_INTERNAL = [
  'Verificare la data di rilascio del certificato.',
  'Documentazione completa, da validare.',
  'Contattato il medico certificatore per un chiarimento sulla diagnosi.',
] as const;

export const WAITING_BENEFICIARY = [
  "Si prega di consegnare allo sportello del distretto copia del documento d'identità.",
  'Per completare la pratica serve il certificato specialistico aggiornato.',
] as const;

export const VALIDATED_BENEFICIARY = [
  "Esenzione validata: è già visibile nell'anagrafe regionale degli assistiti.",
  "L'attestato di esenzione può essere ritirato allo sportello del distretto.",
] as const;

export const VALIDATED_INTERNAL = ['Certificato verificato.', 'Verbale di invalidità verificato.'] as const;

export const REJECTED_BENEFICIARY: Record<RejectionReason, string> = {
  INSUFFICIENT_REQUIREMENTS: "La condizione certificata non dà diritto all'esenzione richiesta.",
  INCORRECT_DOCUMENTATION: 'Il certificato non risulta rilasciato da una struttura pubblica o accreditata.',
  INSUFFICIENT_DOCUMENTATION:
    'Manca il certificato specialistico: presentare una nuova richiesta con la documentazione completa.',
  OTHER: 'Per informazioni rivolgersi allo sportello del distretto.',
};

export const REJECTED_INTERNAL = ['Certificato scaduto.', 'Esenzione già presente in anagrafe.'] as const;

export const CANCELLED_BENEFICIARY = [
  'Richiesta inviata per errore.',
  'Sostituita da una nuova richiesta.',
] as const;
