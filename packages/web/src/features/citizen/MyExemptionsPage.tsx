/** "Le mie esenzioni": the exemptions in the registry with their validity, and the attestato PDF. */
import { EXEMPTION_FAMILY_LABELS } from '@esenzioni/domain/enums';
import { Alert, Badge, Table } from 'design-react-kit';
import { attestatoUrl, myExemptions } from '../../api/portal';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate } from '../../ui/format';
import { Icon } from '../../ui/Icon';
import { Loading } from '../../ui/Loading';
import { DownloadMyAttestatoLink } from '../attestato/AttestatoLinks';
import { RenewAction } from '../renewal/RenewAction';
import { BehalfSwitch } from './BehalfSwitch';
import { useOnBehalfOf, usePortalTitle } from './behalf';
import { EXEMPTION_STATE_COLORS, EXEMPTION_STATE_LABELS } from './labels';
import { useLoad } from './useLoad';

export default function MyExemptionsPage() {
  const title = usePortalTitle('Le mie esenzioni', (name) => `Esenzioni di ${name}`);
  const [onBehalfOf] = useOnBehalfOf();
  const { data, error, loading } = useLoad(onBehalfOf ?? '', (s) => myExemptions(onBehalfOf, s));

  return (
    <>
      <h1 className="h3">{title}</h1>
      <p>Le esenzioni per patologia e invalidità registrate in anagrafe, con il periodo di validità.</p>
      <BehalfSwitch />
      <div aria-live="polite">
        {loading && <Loading />}
        <ErrorAlert error={error} title="Non è stato possibile leggere le esenzioni" />
        {data && data.items.length === 0 && (
          <Alert fade={false} color="info">{`Nessuna esenzione registrata per ${data.fiscalCode}.`}</Alert>
        )}
      </div>
      {data && data.items.length > 0 && (
        <p className="d-flex flex-wrap align-items-center gap-2">
          <DownloadMyAttestatoLink onBehalfOf={onBehalfOf} />
          <span className="small">
            Un unico attestato con tutte le esenzioni in vigore oggi, verificabile con il codice QR.
          </span>
        </p>
      )}
      {data && data.items.length > 0 && (
        <div className="table-responsive">
          <Table className="results-table stack-sm">
            <caption className="visually-hidden">{`Esenzioni di ${data.fiscalCode}`}</caption>
            <thead>
              <tr>
                <th scope="col">Codice</th>
                <th scope="col">Descrizione</th>
                <th scope="col">Tipologia</th>
                <th scope="col">Valida dal</th>
                <th scope="col">Valida fino al</th>
                <th scope="col">Stato</th>
                <th scope="col">Attestato</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((x) => (
                <tr key={x.id} data-exemption-code={x.code}>
                  <td data-label="Codice" className="fw-semibold">
                    {x.code}
                  </td>
                  <td data-label="Descrizione">
                    {x.description}
                    {x.caseNumber && <span className="cell-sub">{`Pratica ${x.caseNumber}`}</span>}
                  </td>
                  <td data-label="Tipologia">{EXEMPTION_FAMILY_LABELS[x.family]}</td>
                  <td data-label="Valida dal">{formatDate(x.validFrom)}</td>
                  <td data-label="Valida fino al">
                    {x.validUntil ? formatDate(x.validUntil) : 'senza scadenza'}
                  </td>
                  <td data-label="Stato">
                    <Badge color={EXEMPTION_STATE_COLORS[x.state]}>{EXEMPTION_STATE_LABELS[x.state]}</Badge>
                    {x.caseNumber && (x.state === 'EXPIRING' || x.state === 'EXPIRED') && (
                      <div className="mt-1">
                        <RenewAction
                          caseNumber={x.caseNumber}
                          code={x.code}
                          family={x.family}
                          status={x.state}
                          onBehalfOf={onBehalfOf}
                        />
                      </div>
                    )}
                  </td>
                  <td data-label="Attestato">
                    {/* issue 12 §2: a row of the MEF list has no case and no attestato (the list is the title) */}
                    {!x.caseNumber && 'da elenco MEF'}
                    {x.state !== 'REVOKED' && x.caseNumber && (
                      <a
                        href={attestatoUrl(x.id, onBehalfOf)}
                        download
                        className="d-inline-flex align-items-center gap-1 text-nowrap"
                      >
                        <Icon name="it-download" size="sm" color="primary" />
                        Scarica PDF<span className="visually-hidden">{` dell'attestato ${x.code}`}</span>
                      </a>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      )}
    </>
  );
}
