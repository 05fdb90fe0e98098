/** The case as the manual's detail screens show it (§3–5). */
import type { CaseDetail } from '@esenzioni/domain';
import {
  CASE_STATUS_LABELS,
  EXEMPTION_FAMILY_LABELS,
  REVOCATION_REASON_LABELS,
} from '@esenzioni/domain/enums';
import { Badge } from 'design-react-kit';
import type { ReactNode } from 'react';
import { formatDate } from '../../ui/format';
import { RenewalLinks } from '../renewal/RenewalLinks';
import { ExemptServices } from './ExemptServices';
import { HandlingItems } from './Handling';
import { InvalidityItems } from './InvalidityItems';
import { STATUS_BADGE_COLORS, statusBadgeText } from './status';

function Item({ label, children, wide }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? 'col-12' : 'col-12 col-md-6'}>
      <dt>{label}</dt> <dd>{children}</dd>
    </div>
  );
}

export function CaseSummary({ c }: { c: CaseDetail }) {
  return (
    <>
      <p className="mb-3">
        <Badge color={STATUS_BADGE_COLORS[c.status]} className="fs-6 px-3 py-2" testId="stato-badge">
          {statusBadgeText(c)}
        </Badge>
      </p>
      <dl className="row detail-dl">
        <Item label="Beneficiario">
          <span className="d-block">{c.beneficiary.fiscalCode}</span>
          <span className="d-block fw-semibold">{`${c.beneficiary.lastName} ${c.beneficiary.firstName}`}</span>
        </Item>
        <Item label="Esenzione">
          <span className="fw-semibold">{c.exemption.code}</span> {c.exemption.description}
        </Item>
        <Item label="Pratica di esenzione per">{EXEMPTION_FAMILY_LABELS[c.family]}</Item>
        <Item label="Stato pratica">{CASE_STATUS_LABELS[c.status]}</Item>
        <Item label="Aggiornato al">{formatDate(c.updatedAt)}</Item>
        {c.status === 'VALIDATED' && (
          <Item label="Disponibile fino al">
            {c.validUntil ? formatDate(c.validUntil) : 'senza scadenza'}
          </Item>
        )}
        {c.status === 'REJECTED' && c.rejection && (
          <Item label="Respinta il">{formatDate(c.rejection.at)}</Item>
        )}
        {c.status === 'REVOKED' && c.revocation && (
          <>
            <Item label="Revocata il">{formatDate(c.revocation.at)}</Item>
            <Item label="Motivo della revoca">{REVOCATION_REASON_LABELS[c.revocation.reason]}</Item>
            <Item label="Valida in anagrafe fino al">{c.validUntil ? formatDate(c.validUntil) : '—'}</Item>
          </>
        )}
        <Item label="Diagnosi">
          {c.diagnosis ? `${c.diagnosis.code} - ${c.diagnosis.description}` : 'Non indicata'}
        </Item>
        <InvalidityItems c={c} Item={Item} />
        <Item label="Numero pratica">{c.caseNumber}</Item>
        <RenewalLinks detail={c} to={(n) => `/pratiche/${n}`} Item={Item} />
        <Item label="ASL">
          {c.asl.name}
          {c.district ? ` – ${c.district.name}` : ''}
        </Item>
        <Item label="Data Richiesta">{formatDate(c.submittedAt)}</Item>
        <HandlingItems c={c} Item={Item} />
      </dl>
      <ExemptServices exemptServices={c.exemptServices} scope={c.scope} services={c.services} />
    </>
  );
}
