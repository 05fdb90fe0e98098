/** The income exemption just issued: code, validity, limit applied, and its certificate to download. */
import type { IncomeDeclarationResponse } from '@esenzioni/domain';
import { formatEuroCents } from '@esenzioni/domain/income';
import { formatItalianDate } from '@esenzioni/domain/validity';
import { Alert } from 'design-react-kit';

export function IssuedIncome({ issued }: { issued: IncomeDeclarationResponse }) {
  return (
    <Alert fade={false} color="success">
      <p className="mb-1">
        {`Esenzione ${issued.exemptionCode} rilasciata a ${issued.beneficiary.lastName} ${issued.beneficiary.firstName}: valida dal ${formatItalianDate(issued.validFrom)} al ${formatItalianDate(issued.validUntil)} (pratica n. ${issued.caseNumber}).`}
      </p>
      {issued.thresholdCents !== null && issued.householdIncomeCents !== null && (
        <p className="mb-1">
          {`Reddito dichiarato ${formatEuroCents(issued.householdIncomeCents)}, inferiore alla soglia di ${formatEuroCents(issued.thresholdCents)}.`}
        </p>
      )}
      <a href={issued.certificateUrl} download>
        Scarica il certificato nominativo di esenzione per reddito (PDF)
      </a>
    </Alert>
  );
}
