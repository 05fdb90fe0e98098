import type { CaseListItem } from '@esenzioni/domain';
import { CASE_STATUS_LABELS, SUBMITTER_TYPE_LABELS } from '@esenzioni/domain/enums';
import { Table } from 'design-react-kit';
import { Link, useLocation } from 'react-router';
import { formatDate, fullName } from '../../ui/format';
import { Icon } from '../../ui/Icon';

interface Props {
  items: CaseListItem[];
  onHistory: (caseNumber: string) => void;
}

/** The manual's columns; under 576 px each row becomes a card, each cell with its column's name (styles.css .stack-sm). */
const COLUMNS = [
  'N. Pratica',
  'ASL',
  'Distretto',
  'Beneficiario',
  'Compilatore',
  'Codice',
  'Stato pratica',
  'Data Richiesta',
  'Azioni',
] as const;

export function ResultsTable({ items, onHistory }: Props) {
  const location = useLocation();
  const backTo = location.pathname + location.search;
  return (
    <div className="table-responsive">
      <Table hover className="results-table stack-sm">
        <caption className="visually-hidden">Pratiche trovate</caption>
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((c) => (
            <tr key={c.caseNumber} data-case-number={c.caseNumber}>
              <td data-label="N. Pratica" className="nowrap">
                {c.caseNumber}
              </td>
              <td data-label="ASL">{c.asl.name}</td>
              <td data-label="Distretto">{c.district?.name ?? ''}</td>
              <td data-label="Beneficiario">
                {fullName(c.beneficiary)}
                <span className="cell-sub">{c.beneficiary.fiscalCode}</span>
              </td>
              <td data-label="Compilatore">
                {SUBMITTER_TYPE_LABELS[c.submitter.type]}
                <span className="cell-sub">{c.submitter.fiscalCode}</span>
              </td>
              <td data-label="Codice">{c.exemptionCode}</td>
              <td data-label="Stato pratica">
                <Link to={`/pratiche/${c.caseNumber}`} state={{ backTo }}>
                  {CASE_STATUS_LABELS[c.status]}
                  <span className="visually-hidden"> – dettaglio pratica {c.caseNumber}</span>
                </Link>
              </td>
              <td data-label="Data Richiesta">{formatDate(c.submittedAt)}</td>
              <td data-label="Azioni">
                <button
                  type="button"
                  className="btn btn-link p-0 d-inline-flex align-items-center gap-1"
                  onClick={() => onHistory(c.caseNumber)}
                >
                  <Icon name="it-clock" size="sm" color="primary" />
                  <span>
                    Cronologia<span className="visually-hidden"> della pratica {c.caseNumber}</span>
                  </span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
