/**
 * «Valida» asks for a confirmation like «Respingi» (issue 17 §6): validating issues the exemption, which
 * the registry shows at once to doctors and pharmacies; a validation is undone only by a revocation.
 */
import type { CaseDetail } from '@esenzioni/domain';
import { ConfirmDialog, type DialogControls } from './ConfirmDialog';

export function ValidateDialog({ c, ...controls }: DialogControls & { c: CaseDetail }) {
  const who = `${c.beneficiary.firstName} ${c.beneficiary.lastName}`;
  return (
    <ConfirmDialog
      title="VALIDA PRATICA"
      closeLabel="Chiudi senza validare"
      confirmLabel="Sì, valida"
      confirmColor="success"
      busyLabel="Validazione…"
      {...controls}
    >
      <p>
        Sei sicuro di voler validare la pratica {c.caseNumber}? L’esenzione {c.exemption.code} sarà rilasciata
        a {who} da oggi.
      </p>
      <p className="mb-0">
        Sarà subito visibile ai medici e alle farmacie nella verifica delle esenzioni; per toglierla servirà
        una revoca.
      </p>
    </ConfirmDialog>
  );
}
