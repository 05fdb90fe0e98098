/**
 * The self-declaration behind an income exemption (issue 12 §1), in the operators' case detail: who
 * declared and with which title, the titolare, the household, the income of the year and the limit
 * applied, and the «certificato nominativo» to download. Nothing when the case has no declaration or
 * the profile may not read it.
 */
import type { IncomeDeclarationResponse } from '@esenzioni/domain';
import { DECLARANT_TITLE_LABELS } from '@esenzioni/domain/enums';
import { formatEuroCents } from '@esenzioni/domain/income';
import { formatItalianDate } from '@esenzioni/domain/validity';
import { useEffect, useState } from 'react';
import { get } from '../../api/client';
import { Icon } from '../../ui/Icon';

export function DeclarationSection({ caseNumber }: { caseNumber: string }) {
  const [d, setD] = useState<IncomeDeclarationResponse | null>(null);
  useEffect(() => {
    const ctrl = new AbortController();
    get<IncomeDeclarationResponse>(`/api/income-declarations/${caseNumber}`, ctrl.signal)
      .then(setD)
      .catch(() => !ctrl.signal.aborted && setD(null));
    return () => ctrl.abort();
  }, [caseNumber]);
  if (!d) return null;
  const rows: Array<[string, string]> = [
    ['Dichiarante', `${d.declarantFiscalCode} (${DECLARANT_TITLE_LABELS[d.declarantTitle]})`],
    ...(d.holderFiscalCode
      ? ([['Titolare della condizione', d.holderFiscalCode]] as Array<[string, string]>)
      : []),
    ['Data della dichiarazione', formatItalianDate(d.declaredAt.slice(0, 10))],
    ['Coniuge', d.hasSpouse ? 'sì' : 'no'],
    ['Figli a carico', String(d.dependentChildren ?? 0)],
    ...(d.householdIncomeCents !== null
      ? ([
          [`Reddito familiare ${d.incomeYear ?? ''}`.trim(), formatEuroCents(d.householdIncomeCents)],
        ] as Array<[string, string]>)
      : []),
    ...(d.thresholdCents !== null
      ? ([['Soglia (inferiore a)', formatEuroCents(d.thresholdCents)]] as Array<[string, string]>)
      : []),
  ];
  return (
    <section aria-labelledby="autocertificazione-titolo" className="mb-3">
      <h2 id="autocertificazione-titolo" className="h5">
        Autocertificazione del reddito (DPR 445/2000)
      </h2>
      {/* the detail's styles on a wrapper: the case summary stays the page's one dl.detail-dl */}
      <div className="detail-dl">
        <dl className="row">
          {rows.map(([label, value]) => (
            <div key={label} className="col-12 col-md-6">
              <dt>{label}</dt> <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </div>
      <a
        className="btn btn-outline-primary btn-sm d-inline-flex align-items-center gap-1"
        href={d.certificateUrl}
        download
      >
        <Icon name="it-download" size="sm" color="primary" />
        Scarica il certificato nominativo di esenzione per reddito
      </a>
    </section>
  );
}
