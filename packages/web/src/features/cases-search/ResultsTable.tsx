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

export function ResultsTable({ items, onHistory }: Props) {
  const location = useLocation();
  const backTo = location.pathname + location.search;
  return (
    <div className="table-responsive">
      <Table hover className="results-table">
        <caption className="visually-hidden">Pratiche trovate</caption>
        <thead>
          <tr>
            <th scope="col">N. Pratica</th>
            <th scope="col">ASL</th>
            <th scope="col">Distretto</th>
            <th scope="col">Beneficiario</th>
            <th scope="col">Compilatore</th>
            <th scope="col">Codice</th>
            <th scope="col">Stato pratica</th>
            <th scope="col">Data Richiesta</th>
            <th scope="col">Azioni</th>
          </tr>
        </thead>
        <tbody>
          {items.map((c) => (
            <tr key={c.caseNumber} data-case-number={c.caseNumber}>
              <td className="nowrap">{c.caseNumber}</td>
              <td>{c.asl.name}</td>
              <td>{c.district?.name ?? ''}</td>
              <td>
                {fullName(c.beneficiary)}
                <span className="cell-sub">{c.beneficiary.fiscalCode}</span>
              </td>
              <td>
                {SUBMITTER_TYPE_LABELS[c.submitter.type]}
                <span className="cell-sub">{c.submitter.fiscalCode}</span>
              </td>
              <td>{c.exemptionCode}</td>
              <td>
                <Link to={`/pratiche/${c.caseNumber}`} state={{ backTo }}>
                  {CASE_STATUS_LABELS[c.status]}
                  <span className="visually-hidden"> – dettaglio pratica {c.caseNumber}</span>
                </Link>
              </td>
              <td>{formatDate(c.submittedAt)}</td>
              <td>
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
