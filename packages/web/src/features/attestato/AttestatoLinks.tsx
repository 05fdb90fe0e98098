/**
 * One attestato per person (issue 11 §5): "Stampa attestato" for the district and counter operators
 * (the person's every exemption in force, numbered and verifiable), "Scarica attestato" for the
 * citizen or a delegate. Plain download links: the server builds the PDF.
 */
import type { Role } from '@esenzioni/domain/enums';
import { myAttestatoUrl, personAttestatoUrl } from '../../api/portal';
import { Icon } from '../../ui/Icon';

const PRINTERS: readonly Role[] = ['DISTRICT_OPERATOR', 'ADMIN_OPERATOR'];

/** Who may print a person's attestato from the backoffice. */
export const mayPrintAttestato = (role: Role | undefined): boolean => !!role && PRINTERS.includes(role);

const CLASSES = 'btn btn-outline-primary btn-sm d-inline-flex align-items-center gap-1';

export function PrintAttestatoLink({ fiscalCode }: { fiscalCode: string }) {
  return (
    <a href={personAttestatoUrl(fiscalCode)} download className={CLASSES}>
      <Icon name="it-print" size="sm" color="primary" />
      Stampa attestato
      <span className="visually-hidden">{` delle esenzioni in vigore di ${fiscalCode}`}</span>
    </a>
  );
}

export function DownloadMyAttestatoLink({ onBehalfOf }: { onBehalfOf?: string | null }) {
  return (
    <a href={myAttestatoUrl(onBehalfOf)} download className={CLASSES}>
      <Icon name="it-download" size="sm" color="primary" />
      Scarica attestato
      <span className="visually-hidden"> di tutte le esenzioni in vigore (PDF)</span>
    </a>
  );
}
