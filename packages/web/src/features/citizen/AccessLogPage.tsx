/**
 * "Chi ha consultato i miei dati": who read or changed my data, when, from which ASL and why. By page,
 * filtered by period and by kind of access; the staff's reads are shown first and counted apart from
 * the automatic lookups, so that many of those cannot hide one of these (issue 9).
 */
import { ACCESS_ACTION_LABELS, ROLE_NAMES } from '@esenzioni/domain/enums';
import type { MyAccessLogPage } from '@esenzioni/domain';
import { Alert, Table } from 'design-react-kit';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { myAccessLog } from '../../api/portal';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate, formatDateTime } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { usePageTitle } from '../../ui/usePageTitle';
import { ResultsPager } from '../cases-search/ResultsPager';
import { AccessLogFilters } from './AccessLogFilters';
import { BehalfSwitch } from './BehalfSwitch';
import { ScrollRegion } from './ScrollRegion';
import { hrefOf, KIND_LABELS, readParams, type AccessLogParams } from './accessLogParams';
import { useOnBehalfOf } from './behalf';
import { useLoad } from './useLoad';

const PAGE_SIZE = 50;

function Summary({ data, params }: { data: MyAccessLogPage; params: AccessLogParams }) {
  const { counts, latestOperatorReadAt } = data;
  const link = (kind: AccessLogParams['kind'], text: string) =>
    params.kind === kind ? (
      <strong>{text}</strong>
    ) : (
      <Link to={hrefOf({ ...params, kind, page: 1 })}>{text}</Link>
    );
  return (
    <ul className="list-unstyled mb-3" aria-label="Accessi per tipo nel periodo">
      <li>
        {link('OPERATOR', `${KIND_LABELS.OPERATOR}: ${counts.OPERATOR}`)}
        {latestOperatorReadAt && ` (l’ultimo il ${formatDateTime(latestOperatorReadAt)})`}
      </li>
      <li>{link('MACHINE', `${KIND_LABELS.MACHINE}: ${counts.MACHINE}`)}</li>
      <li>{link('CITIZEN', `${KIND_LABELS.CITIZEN}: ${counts.CITIZEN}`)}</li>
    </ul>
  );
}

function emptyText(p: AccessLogParams): string {
  const period = p.from || p.to ? ' nel periodo indicato' : '';
  return p.kind === 'ALL'
    ? `Nessun accesso registrato${period}.`
    : `Nessun accesso di questo tipo${period} («${KIND_LABELS[p.kind]}»).`;
}

function AccessTable({ data, params }: { data: MyAccessLogPage; params: AccessLogParams }) {
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  return (
    <>
      <ScrollRegion label="Accessi ai dati">
        <Table className="results-table">
          <caption className="visually-hidden">{`Accessi ai dati: ${KIND_LABELS[params.kind]}, pagina ${data.page} di ${pages}`}</caption>
          <thead>
            <tr>
              <th scope="col">Data e ora</th>
              <th scope="col">ASL</th>
              <th scope="col">Distretto</th>
              <th scope="col">Ruolo</th>
              <th scope="col">Azione</th>
              <th scope="col">Pratica</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((a, i) => (
              <tr key={`${a.at}-${i}`} data-access-kind={a.kind}>
                <td className="text-nowrap">{formatDateTime(a.at)}</td>
                <td>{a.aslName ?? '—'}</td>
                <td>{a.districtName ?? '—'}</td>
                <td>{ROLE_NAMES[a.role]}</td>
                <td>
                  {ACCESS_ACTION_LABELS[a.action]}
                  {a.outcome === 'DENIED' && (
                    <span className="d-block small">
                      Tentativo non consentito: i dati non sono stati mostrati
                    </span>
                  )}
                </td>
                <td>{a.caseNumber ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      </ScrollRegion>
      <ResultsPager page={data.page} pages={pages} hrefFor={(page) => hrefOf({ ...params, page })} />
    </>
  );
}

export default function AccessLogPage() {
  usePageTitle('Chi ha consultato i miei dati');
  const [onBehalfOf] = useOnBehalfOf();
  const [sp] = useSearchParams();
  const navigate = useNavigate();
  const params = readParams(sp);
  const filter = {
    kind: params.kind === 'ALL' ? undefined : params.kind,
    from: params.from || undefined,
    to: params.to || undefined,
    page: params.page,
    pageSize: PAGE_SIZE,
  };
  const key = `${onBehalfOf ?? ''}|${hrefOf(params)}`;
  const { data, error, loading } = useLoad(key, (s) => myAccessLog(filter, onBehalfOf, s));
  const period =
    params.from || params.to
      ? ` dal ${params.from ? formatDate(params.from) : 'primo accesso'} al ${params.to ? formatDate(params.to) : 'oggi'}`
      : '';

  return (
    <>
      <h1 className="h3">Chi ha consultato i miei dati</h1>
      <p>
        Ogni accesso ai tuoi dati di esenzione è registrato: data e ora, ASL, distretto, ruolo, azione e
        pratica. Le consultazioni del personale sanitario e amministrativo sono elencate a parte da quelle
        automatiche (per esempio le verifiche del medico di famiglia o della farmacia). Gli accessi più
        recenti sono in alto.
      </p>
      <BehalfSwitch />
      {/* keyed by the address, so the form shows the filter in force after a link or "Azzera" */}
      <AccessLogFilters
        key={hrefOf({ ...params, page: 1 })}
        value={params}
        onApply={(p) => void navigate(hrefOf(p))}
      />
      <div aria-live="polite">
        {loading && <Loading />}
        <ErrorAlert error={error} title="Non è stato possibile leggere gli accessi" />
        {data && (
          <>
            <h2 className="h5 mt-4">{`Accessi trovati${period}: ${data.total}`}</h2>
            <Summary data={data} params={params} />
          </>
        )}
        {data && data.items.length === 0 && (
          <Alert fade={false} color="info">
            {emptyText(params)}
          </Alert>
        )}
      </div>
      {data && data.items.length > 0 && <AccessTable data={data} params={params} />}
    </>
  );
}
