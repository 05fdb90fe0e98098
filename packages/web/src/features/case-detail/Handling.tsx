/**
 * What the operator needs to decide (issue 17 §1): who sent the case (the doctor and their structure,
 * the citizen, the delegate and for whom, the counter operator and who presented the request to them),
 * the certificate's date and issuer, and
 * who has the case in charge since when. Staff only: a citizen's detail carries no `handling`.
 */
import type { CaseDetail } from '@esenzioni/domain';
import type { ReactNode } from 'react';
import { formatDate, formatDateTime } from '../../ui/format';

type ItemProps = { label: string; children: ReactNode };

function who(name: string | null, fiscalCode: string | null): string {
  if (name && fiscalCode) return `${name} (${fiscalCode})`;
  return name ?? fiscalCode ?? '';
}

/** «Compilatore» as a sentence: role, name, fiscal code, structure; a delegate names the beneficiary. */
export function senderText(c: CaseDetail): string {
  const h = c.handling;
  const person = who(h?.sender.name ?? null, c.submitter.fiscalCode);
  const beneficiary = `${c.beneficiary.firstName} ${c.beneficiary.lastName}`;
  switch (c.submitter.type) {
    case 'DOCTOR':
      return `Medico specialista ${person}${h?.sender.structure ? ` – ${h.sender.structure}` : ''}`;
    case 'OPERATOR':
      return `Operatore di sportello ${person}${h?.sender.structure ? ` – Sportello ${h.sender.structure}` : ''}`;
    case 'CITIZEN':
      return `Il beneficiario, dal portale (${c.submitter.fiscalCode ?? ''})`;
    case 'DELEGATE':
      return `Delegato ${person} per conto di ${beneficiary}`;
  }
}

/** «Presentata da» (issue 17 §3): who brought a counter request, and how. */
export function presenterText(p: NonNullable<NonNullable<CaseDetail['handling']>['presentedBy']>): string {
  const named = who(p.name, p.fiscalCode);
  switch (p.kind) {
    case 'BENEFICIARY':
      return 'Il beneficiario, di persona';
    case 'DELEGATE':
      return `Delegato ${named}, con delega scritta`;
    case 'PARENT':
      return `Genitore ${named}`;
    case 'GUARDIAN':
      return `Tutore o amministratore di sostegno ${named}`;
  }
}

export function HandlingItems({ c, Item }: { c: CaseDetail; Item: (p: ItemProps) => ReactNode }) {
  const h = c.handling;
  if (!h) return null;
  const cert = h.certificate;
  return (
    <>
      <Item label="Compilatore">{senderText(c)}</Item>
      {h.presentedBy && <Item label="Presentata da">{presenterText(h.presentedBy)}</Item>}
      {cert && (
        <Item label="Certificato">
          {`del ${formatDate(cert.issuedOn)}, `}
          {cert.issuedHere
            ? `rilasciato nel servizio da ${who(cert.issuerName, cert.issuerFiscalCode)}`
            : 'caricato con la richiesta (rilasciato da una struttura esterna)'}
        </Item>
      )}
      {c.status === 'IN_PROGRESS' && (
        <Item label="In carico a">
          {h.inCharge
            ? `${who(h.inCharge.name, h.inCharge.fiscalCode)} dal ${formatDateTime(h.inCharge.since)}`
            : 'Non indicato'}
        </Item>
      )}
    </>
  );
}
