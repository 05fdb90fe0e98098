/** "Chi ha consultato i miei dati": who read or changed my data, when, from which ASL and why. */
import { ACCESS_ACTION_LABELS, ROLE_NAMES } from '@esenzioni/domain/enums';
import { Alert, Table } from 'design-react-kit';
import { myAccessLog } from '../../api/portal';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { usePageTitle } from '../../ui/usePageTitle';
import { BehalfSwitch } from './BehalfSwitch';
import { ScrollRegion } from './ScrollRegion';
import { useOnBehalfOf } from './behalf';
import { useLoad } from './useLoad';
import '../specialist/form/form.css';

export default function AccessLogPage() {
  usePageTitle('Chi ha consultato i miei dati');
  const [onBehalfOf] = useOnBehalfOf();
  const { data, error, loading } = useLoad(onBehalfOf ?? '', (s) => myAccessLog(onBehalfOf, s));

  return (
    <>
      <h1 className="h3">Chi ha consultato i miei dati</h1>
      <p>
        Ogni accesso degli operatori sanitari ai tuoi dati di esenzione è registrato: data e ora, ASL,
        distretto, ruolo, azione e pratica. Gli accessi più recenti sono in alto.
      </p>
      <BehalfSwitch />
      <div aria-live="polite">
        {loading && <Loading />}
        <ErrorAlert error={error} title="Non è stato possibile leggere gli accessi" />
        {data && data.length === 0 && (
          <Alert fade={false} color="info">
            Nessun accesso registrato.
          </Alert>
        )}
      </div>
      {data && data.length > 0 && (
        <ScrollRegion label="Accessi ai dati">
          <Table className="results-table">
            <caption className="visually-hidden">Accessi ai dati</caption>
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
              {data.map((a, i) => (
                <tr key={`${a.at}-${i}`}>
                  <td className="text-nowrap">{formatDateTime(a.at)}</td>
                  <td>{a.aslName ?? '—'}</td>
                  <td>{a.districtName ?? '—'}</td>
                  <td>{ROLE_NAMES[a.role]}</td>
                  <td>{ACCESS_ACTION_LABELS[a.action]}</td>
                  <td>{a.caseNumber ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        </ScrollRegion>
      )}
    </>
  );
}
