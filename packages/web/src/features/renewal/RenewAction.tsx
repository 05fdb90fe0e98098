/**
 * «Rinnova» (issue 11 §3) on an exemption «In scadenza» or «Scaduta» of the citizen (or a delegator):
 * for a chronic or rare disease the new-request form, prefilled, where the new certificate is
 * attached; for the other families a direct request, and then the new case.
 */
import type { CaseStatus, ExemptionFamily } from '@esenzioni/domain/enums';
import { isRenewable, renewalNeedsCertificate } from '@esenzioni/domain/renewal';
import { Button } from 'design-react-kit';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { renewMyCase } from '../../api/portal';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { queryString } from '../../api/client';

/** The new-request form, prefilled for the renewal of `caseNumber` (code `code`). */
export const renewalFormUrl = (caseNumber: string, code: string, onBehalfOf?: string | null) =>
  `/cittadino/nuova-richiesta${queryString({ rinnova: caseNumber, codice: code, onBehalfOf: onBehalfOf ?? undefined })}`;

export function RenewAction({
  caseNumber,
  code,
  family,
  status,
  onBehalfOf,
}: {
  caseNumber: string;
  code: string;
  family: ExemptionFamily;
  /** the case's state: «Rinnova» only «In scadenza» or «Scaduta» */
  status: CaseStatus;
  onBehalfOf?: string | null;
}) {
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (!isRenewable(status)) return null;
  const label = `Rinnova l'esenzione ${code}`;
  // income: a new self-declaration (issue 12 §1); the Region's dental codes: at the counter only
  if (family === 'DENTAL') return null;
  if (family === 'INCOME') {
    return (
      <Link
        to="/cittadino/esenzione-reddito"
        className="btn btn-outline-primary btn-sm text-nowrap"
        aria-label={`${label}: nuova autocertificazione`}
      >
        Rinnova
      </Link>
    );
  }
  if (renewalNeedsCertificate(family)) {
    return (
      <Link
        to={renewalFormUrl(caseNumber, code, onBehalfOf)}
        className="btn btn-outline-primary btn-sm text-nowrap"
        aria-label={`${label}: nuova richiesta con il certificato`}
      >
        Rinnova
      </Link>
    );
  }
  const renew = async () => {
    setBusy(true);
    setError(null);
    try {
      const created = await renewMyCase(caseNumber, onBehalfOf);
      void navigate(
        `/cittadino/pratiche/${created.caseNumber}${queryString({ onBehalfOf: onBehalfOf ?? undefined })}`,
      );
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return (
    <>
      <Button
        color="primary"
        outline
        size="sm"
        className="text-nowrap"
        disabled={busy}
        aria-label={label}
        onClick={() => void renew()}
      >
        Rinnova
      </Button>
      <ErrorAlert error={error} title="Rinnovo non riuscito" />
    </>
  );
}
