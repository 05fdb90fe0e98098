/** "Le mie pratiche": the requests for me (or for whom I act), newest first. */
import { CASE_STATUS_LABELS, EXEMPTION_FAMILY_LABELS, SUBMITTER_TYPE_LABELS } from '@esenzioni/domain/enums';
import { Alert, Badge, Table } from 'design-react-kit';
import { Link } from 'react-router';
import { myCases } from '../../api/portal';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { BehalfSwitch } from './BehalfSwitch';
import { useOnBehalfOf, usePortalTitle } from './behalf';
import { STATUS_COLORS } from './labels';
import { useLoad } from './useLoad';

export default function MyCasesPage() {
  const title = usePortalTitle('Le mie pratiche', (name) => `Pratiche di ${name}`);
  const [onBehalfOf] = useOnBehalfOf();
  const { data, error, loading } = useLoad(onBehalfOf ?? '', (s) => myCases(onBehalfOf, s));

  return (
    <>
      <h1 className="h3">{title}</h1>
      <p>
        Le richieste di esenzione e il loro stato. Una richiesta ancora Inviata o In lavorazione si può
        annullare dal suo dettaglio. <Link to="/cittadino/nuova-richiesta">Nuova richiesta</Link>
      </p>
      <BehalfSwitch />
      <div aria-live="polite">
        {loading && <Loading />}
        <ErrorAlert error={error} title="Non è stato possibile leggere le pratiche" />
        {data && data.items.length === 0 && (
          <Alert fade={false} color="info">{`Nessuna pratica per ${data.fiscalCode}.`}</Alert>
        )}
      </div>
      {data && data.items.length > 0 && (
        <div className="table-responsive">
          <Table className="results-table stack-sm">
            <caption className="visually-hidden">{`Pratiche di ${data.fiscalCode}`}</caption>
            <thead>
              <tr>
                <th scope="col">Numero pratica</th>
                <th scope="col">Esenzione</th>
                <th scope="col">Inviata da</th>
                <th scope="col">Stato</th>
                <th scope="col">Inviata il</th>
                <th scope="col">Aggiornata il</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((c) => (
                <tr key={c.caseNumber} data-case-number={c.caseNumber}>
                  <td data-label="Numero pratica">
                    <Link to={`/cittadino/pratiche/${c.caseNumber}`}>
                      {c.caseNumber}
                      <span className="visually-hidden"> – dettaglio della pratica</span>
                    </Link>
                  </td>
                  <td data-label="Esenzione">
                    <span className="fw-semibold">{c.exemption.code}</span> {c.exemption.description}
                    <span className="cell-sub">{EXEMPTION_FAMILY_LABELS[c.family]}</span>
                  </td>
                  <td data-label="Inviata da">{SUBMITTER_TYPE_LABELS[c.submitter.type]}</td>
                  <td data-label="Stato">
                    <Badge color={STATUS_COLORS[c.status]}>{CASE_STATUS_LABELS[c.status]}</Badge>
                  </td>
                  <td data-label="Inviata il">{formatDate(c.submittedAt)}</td>
                  <td data-label="Aggiornata il">{formatDate(c.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      )}
    </>
  );
}
