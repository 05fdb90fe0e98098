import type { CaseList } from '@esenzioni/domain';
import { PAGE_SIZE_DEFAULT } from '@esenzioni/domain/enums';
import { Alert } from 'design-react-kit';
import { Icon } from '../../ui/Icon';
import { ResultsPager } from './ResultsPager';
import { ResultsTable } from './ResultsTable';

interface Props {
  data: CaseList;
  exportHref: string;
  hrefFor: (page: number) => string;
  onHistory: (caseNumber: string) => void;
}

export function SearchResults({ data, exportHref, hrefFor, onHistory }: Props) {
  if (data.total === 0) {
    return (
      <Alert fade={false} color="warning" className="mt-3">
        <strong>ATTENZIONE!</strong> Non ci sono elementi corrispondenti ai parametri di ricerca inseriti
      </Alert>
    );
  }
  const pageSize = data.pageSize || PAGE_SIZE_DEFAULT;
  const pages = Math.max(1, Math.ceil(data.total / pageSize));
  const first = (data.page - 1) * pageSize + 1;
  const last = Math.min(data.total, first + data.items.length - 1);
  return (
    <>
      <div className="d-flex flex-wrap align-items-center justify-content-between gap-2 mt-3 mb-2">
        <p className="mb-0">
          {data.items.length > 0 && pages > 1 && (
            <span className="small d-block">{`Pratiche da ${first} a ${last}, pagina ${data.page} di ${pages}`}</span>
          )}
        </p>
        <a
          className="btn btn-outline-primary btn-sm d-inline-flex align-items-center gap-1"
          href={exportHref}
          download
        >
          <Icon name="it-download" size="sm" color="primary" />
          Esporta CSV<span className="visually-hidden"> (tutti i risultati della ricerca)</span>
        </a>
      </div>
      {data.items.length > 0 ? (
        <ResultsTable items={data.items} onHistory={onHistory} />
      ) : (
        <Alert fade={false} color="info">
          Questa pagina non contiene risultati: tornare alla pagina 1.
        </Alert>
      )}
      <ResultsPager page={data.page} pages={pages} hrefFor={hrefFor} />
    </>
  );
}
