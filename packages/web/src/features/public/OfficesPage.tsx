/**
 * «Sportelli e orari» (issue 13 §5): the active offices of an ASL, by district, with address, services,
 * weekly hours and closed days (the administration's data: GET /api/public/offices).
 */
import type { PublicOffice, PublicOffices } from '@esenzioni/domain';
import { formatItalianDate } from '@esenzioni/domain/validity';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { publicOffices } from '../../api/public';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { usePageTitle } from '../../ui/usePageTitle';
import { hoursByDay, serviceLabel } from './publicText';

export function OfficeCard({ office }: { office: PublicOffice }) {
  const days = hoursByDay(office.hours);
  const headingId = `sportello-${office.id}`;
  return (
    <section className="card card-bg shadow-sm mb-3" aria-labelledby={headingId}>
      <div className="card-body">
        <h3 id={headingId} className="h5 card-title">
          {office.name}
        </h3>
        <p className="mb-1">
          <strong>Indirizzo:</strong> {office.address}
        </p>
        <p className="mb-2">
          <strong>Servizi:</strong> {office.services.map(serviceLabel).join(', ')}
        </p>
        {days.length > 0 ? (
          <table className="table table-sm mb-2">
            <caption className="visually-hidden">Orari di apertura di {office.name}</caption>
            <thead>
              <tr>
                <th scope="col">Giorno</th>
                <th scope="col">Orario</th>
              </tr>
            </thead>
            <tbody>
              {days.map((d) => (
                <tr key={d.day}>
                  <th scope="row" className="fw-normal text-capitalize">
                    {d.day}
                  </th>
                  <td>{d.times}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>Orari non indicati.</p>
        )}
        {office.closures.length > 0 && (
          <>
            <p className="mb-1">
              <strong>Giorni di chiusura:</strong>
            </p>
            <ul>
              {office.closures.map((c) => (
                <li key={c.date}>
                  {formatItalianDate(c.date)}
                  {c.note ? ` – ${c.note}` : ''}
                </li>
              ))}
            </ul>
          </>
        )}
        {office.note && <p className="small mb-1">{office.note}</p>}
        {office.source && <p className="small text-secondary mb-0">Fonte: {office.source}</p>}
      </div>
    </section>
  );
}

export default function OfficesPage() {
  usePageTitle('Sportelli e orari');
  const [params, setParams] = useSearchParams();
  const aslId = params.get('asl') ?? undefined;
  const [loaded, setLoaded] = useState<{ for: string | undefined; data: PublicOffices } | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const ctrl = new AbortController();
    publicOffices(aslId, ctrl.signal)
      .then((data) => setLoaded({ for: aslId, data }))
      .catch((e: unknown) => !ctrl.signal.aborted && setError(e));
    return () => ctrl.abort();
  }, [aslId]);
  const data = loaded && loaded.for === aslId ? loaded.data : null;
  const asls = loaded?.data.asls ?? [];
  const districts = [...new Set(data?.items.map((o) => o.districtId) ?? [])];
  return (
    <div className="row">
      <div className="col-12 col-lg-9">
        <h1 className="h2">Sportelli e orari</h1>
        <p>
          Gli sportelli dei distretti a cui rivolgersi per le esenzioni, con i servizi offerti e gli orari di
          apertura. Prima di andare, controllare i giorni di chiusura.
        </p>
        <div className="select-wrapper mb-4" style={{ maxWidth: '28rem' }}>
          <label htmlFor="sportelli-asl">ASL</label>
          <select
            id="sportelli-asl"
            value={aslId ?? ''}
            onChange={(e) => setParams(e.target.value ? { asl: e.target.value } : {})}
          >
            <option value="">Tutte le ASL</option>
            {asls.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <ErrorAlert error={error} title="Sportelli non disponibili" />
        {!data && !error && <Loading />}
        {data && data.items.length === 0 && <p>Nessuno sportello pubblicato per questa ASL.</p>}
        {districts.map((d) => {
          const offices = data!.items.filter((o) => o.districtId === d);
          const name = offices[0]!.districtName;
          return (
            <section key={d} className="mb-4" aria-label={`${offices[0]!.aslName} – ${name}`}>
              <h2 className="h4">
                {name} <span className="small text-secondary fw-normal">– {offices[0]!.aslName}</span>
              </h2>
              {offices.map((o) => (
                <OfficeCard key={o.id} office={o} />
              ))}
            </section>
          );
        })}
      </div>
    </div>
  );
}
