/**
 * «Statistiche» (issue 15): the dashboard of the ASL managers (their ASL) and of the Region (every ASL).
 * Aggregates only; a count of 1–4 people is «< 5». Each chart (recharts, SVG, hidden from assistive
 * technology) has the same figures in a table beside it, with a caption, and CSV/XLSX downloads of that
 * table with the filters written in the file. The filters live in the address, so a view can be shared.
 * A lazy route: recharts is loaded only here, never in the first load of the backoffice.
 */
import type { StatisticsDashboard } from '@esenzioni/domain';
import {
  EXEMPTION_FAMILIES,
  EXEMPTION_FAMILY_LABELS,
  REJECTION_REASON_LABELS,
} from '@esenzioni/domain/enums';
import {
  AGE_BAND_LABELS,
  chartValue,
  STAT_TABLE_TITLES,
  SUPPRESSION_NOTE,
  type StatTable,
} from '@esenzioni/domain/statistics';
import { Button } from 'design-react-kit';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { statisticsDashboard, statisticsExportUrl, type StatFilters } from '../../api/statistics';
import { useSession } from '../../app/session';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate, formatDateTime } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { usePageTitle } from '../../ui/usePageTitle';
import { ScrollRegion } from '../citizen/ScrollRegion';
import { formatCount, formatDays, formatMonthLong, formatMonthShort, formatNumber } from './statFormat';

const TITLE = 'Statistiche';
const FILTER_KEYS = ['from', 'to', 'asl', 'district', 'family', 'code'] as const;
// the palette of bootstrap-italia (contrast ≥ 3:1 on white)
const COLORS = { blue: '#0066cc', green: '#008055', red: '#cc334d', grey: '#5c6f82', orange: '#a66300' };

const axisTick = { fontSize: 12 };
const tickCount = (v: unknown) => (typeof v === 'number' ? formatNumber(v) : String(v));

function filtersOf(sp: URLSearchParams): StatFilters {
  const f: StatFilters = {};
  for (const k of FILTER_KEYS) {
    const v = sp.get(k);
    if (v) f[k] = v;
  }
  return f;
}

/** A chart (hidden from assistive technology: the table beside it has its figures). */
function Chart({ children, height = 280 }: { children: ReactNode; height?: number }) {
  return (
    <div aria-hidden="true" className="stat-chart mb-3" style={{ width: '100%', height }}>
      <ResponsiveContainer width="100%" height="100%">
        {children as React.ReactElement}
      </ResponsiveContainer>
    </div>
  );
}

function Downloads({ table, filters }: { table: StatTable; filters: StatFilters }) {
  const name = STAT_TABLE_TITLES[table];
  return (
    <p className="d-flex flex-wrap gap-3 small">
      <a href={statisticsExportUrl(filters, table, 'csv')} download aria-label={`Scarica CSV: ${name}`}>
        Scarica CSV
      </a>
      <a href={statisticsExportUrl(filters, table, 'xlsx')} download aria-label={`Scarica XLSX: ${name}`}>
        Scarica XLSX
      </a>
    </p>
  );
}

function DataTable({
  caption,
  head,
  rows,
}: {
  caption: string;
  head: string[];
  rows: Array<Array<string | number>>;
}) {
  return (
    <ScrollRegion label={caption}>
      <table className="table table-sm stat-table">
        <caption className="caption-top">{caption}</caption>
        <thead>
          <tr>
            {head.map((h, i) => (
              <th key={h} scope="col" className={i > 0 ? 'text-end' : undefined}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={head.length}>Nessun dato per i filtri scelti.</td>
            </tr>
          )}
          {rows.map((r, i) => (
            <tr key={i}>
              {r.map((c, j) =>
                j === 0 ? (
                  <th key={j} scope="row" className="fw-normal">
                    {c}
                  </th>
                ) : (
                  <td key={j} className="text-end">
                    {c}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function Section({
  id,
  table,
  filters,
  note,
  chart,
  children,
}: {
  id: string;
  table: StatTable;
  filters: StatFilters;
  note?: string;
  chart: ReactNode;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="mb-5">
      <h2 id={id} className="h4">
        {STAT_TABLE_TITLES[table]}
      </h2>
      {note && <p className="small text-secondary">{note}</p>}
      <div className="row">
        <div className="col-12 col-lg-7">{chart}</div>
        <div className="col-12 col-lg-5">
          {children}
          <Downloads table={table} filters={filters} />
        </div>
      </div>
    </section>
  );
}

function FilterForm({
  data,
  filters,
  regional,
  onApply,
}: {
  data: StatisticsDashboard | null;
  filters: StatFilters;
  regional: boolean;
  onApply: (f: StatFilters) => void;
}) {
  // the form is keyed by the address: a new address starts it again from the filters applied
  const [f, setF] = useState<StatFilters>(filters);
  const set = (k: keyof StatFilters) => (e: { target: { value: string } }) =>
    setF((prev) => ({ ...prev, [k]: e.target.value || undefined }));
  const districts = (data?.options.districts ?? []).filter((d) => !f.asl || d.aslId === f.asl);
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    onApply(f);
  };
  return (
    <form onSubmit={submit} className="border rounded p-3 mb-4" aria-labelledby="filtri-statistiche">
      <h2 id="filtri-statistiche" className="h5">
        Filtri
      </h2>
      <div className="row g-3">
        <div className="col-6 col-md-3">
          <label htmlFor="stat-da" className="form-label d-block">
            Dal mese
          </label>
          <input
            id="stat-da"
            type="month"
            className="form-control"
            value={f.from ?? data?.filters.from ?? ''}
            onChange={set('from')}
          />
        </div>
        <div className="col-6 col-md-3">
          <label htmlFor="stat-a" className="form-label d-block">
            Al mese
          </label>
          <input
            id="stat-a"
            type="month"
            className="form-control"
            value={f.to ?? data?.filters.to ?? ''}
            onChange={set('to')}
          />
        </div>
        {regional && (
          <div className="col-12 col-md-6">
            <label htmlFor="stat-asl" className="form-label d-block">
              ASL
            </label>
            <select
              id="stat-asl"
              className="form-select"
              value={f.asl ?? ''}
              onChange={(e) =>
                setF((prev) => ({ ...prev, asl: e.target.value || undefined, district: undefined }))
              }
            >
              <option value="">Tutte le ASL</option>
              {data?.options.asls.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="col-12 col-md-4">
          <label htmlFor="stat-distretto" className="form-label d-block">
            Distretto
          </label>
          <select
            id="stat-distretto"
            className="form-select"
            value={f.district ?? ''}
            onChange={set('district')}
          >
            <option value="">Tutti i distretti</option>
            {districts.map((d) => (
              <option key={d.id} value={d.id}>
                {regional && !f.asl
                  ? `${d.name} (${data?.options.asls.find((a) => a.id === d.aslId)?.name ?? d.aslId})`
                  : d.name}
              </option>
            ))}
          </select>
        </div>
        <div className="col-12 col-md-4">
          <label htmlFor="stat-famiglia" className="form-label d-block">
            Famiglia di esenzione
          </label>
          <select id="stat-famiglia" className="form-select" value={f.family ?? ''} onChange={set('family')}>
            <option value="">Tutte le famiglie</option>
            {EXEMPTION_FAMILIES.map((fam) => (
              <option key={fam} value={fam}>
                {EXEMPTION_FAMILY_LABELS[fam]}
              </option>
            ))}
          </select>
        </div>
        <div className="col-12 col-md-4">
          <label htmlFor="stat-codice" className="form-label d-block">
            Codice di esenzione (es. 048)
          </label>
          <input
            id="stat-codice"
            className="form-control"
            value={f.code ?? ''}
            onChange={set('code')}
            maxLength={20}
            autoComplete="off"
          />
        </div>
      </div>
      <div className="d-flex gap-2 mt-3">
        <Button type="submit" color="primary">
          Applica filtri
        </Button>
        <Button type="button" color="secondary" outline onClick={() => onApply({})}>
          Azzera filtri
        </Button>
      </div>
    </form>
  );
}

export default function StatisticsPage() {
  usePageTitle(TITLE);
  const { session } = useSession();
  const regional = session?.activeProfile?.role === 'REGION_ANALYST';
  const [sp, setSp] = useSearchParams();
  const filters = filtersOf(sp);
  const key = sp.toString();
  // the last answer and the address it answered; while another loads, the previous figures stay
  const [loaded, setLoaded] = useState<{
    key: string;
    data: StatisticsDashboard | null;
    error: unknown;
  } | null>(null);
  const loading = loaded?.key !== key;
  const error = loading ? null : loaded?.error;

  useEffect(() => {
    const ctrl = new AbortController();
    statisticsDashboard(filtersOf(new URLSearchParams(key)), ctrl.signal)
      .then((data) => setLoaded({ key, data, error: null }))
      .catch((e: unknown) => {
        if (!ctrl.signal.aborted) setLoaded((prev) => ({ key, data: prev?.data ?? null, error: e }));
      });
    return () => ctrl.abort();
  }, [key]);

  const apply = (f: StatFilters) => {
    const next = new URLSearchParams();
    for (const k of FILTER_KEYS) if (f[k]) next.set(k, f[k]);
    setSp(next);
  };

  const d = loaded?.data ?? null;
  const withAsl = d ? d.filters.asl === null : false;
  const placeName = (r: { aslName: string; districtName: string }) =>
    withAsl ? `${r.districtName} – ${r.aslName}` : r.districtName;
  const snapshot = d?.snapshotDate ? formatDate(d.snapshotDate) : null;

  return (
    <>
      <h1 className="h3">{TITLE}</h1>
      <p>
        {`Dati aggregati sulle pratiche di esenzione: ${d?.filters.aslName ?? 'tutte le ASL della Regione'}. `}
        {`Nessun dato personale: ${SUPPRESSION_NOTE}.`}
      </p>
      {d && (
        <p className="small" data-testid="aggiornamento">
          {d.refreshedAt
            ? `Dati aggiornati il ${formatDateTime(d.refreshedAt)}; pratiche aperte ed esenzioni in vigore alla data del ${snapshot}.`
            : 'Le statistiche non sono ancora state calcolate: saranno disponibili dopo il primo aggiornamento notturno.'}
        </p>
      )}
      <FilterForm key={key} data={d} filters={filters} regional={regional} onApply={apply} />
      <div aria-live="polite">
        <ErrorAlert error={error} title="Statistiche non disponibili" />
        {loading && <Loading label="Caricamento delle statistiche…" />}
      </div>
      {d && (
        <div aria-busy={loading}>
          <p className="fw-semibold">
            {`Periodo: da ${formatMonthLong(d.filters.from)} a ${formatMonthLong(d.filters.to)}`}
            {d.filters.districtName ? ` · ${d.filters.districtName}` : ''}
            {d.filters.family ? ` · ${EXEMPTION_FAMILY_LABELS[d.filters.family]}` : ''}
            {d.filters.code ? ` · codice ${d.filters.code}` : ''}
          </p>

          <Section
            id="stat-flussi"
            table="flow"
            filters={filters}
            note="Ricevute: per mese di invio; validate, respinte e annullate: per mese della decisione."
            chart={
              <Chart>
                <BarChart
                  accessibilityLayer={false}
                  data={d.flow.map((r) => ({
                    label: formatMonthShort(r.month),
                    received: chartValue(r.received),
                    validated: chartValue(r.validated),
                    rejected: chartValue(r.rejected),
                    cancelled: chartValue(r.cancelled),
                  }))}
                >
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="label" tick={axisTick} />
                  <YAxis tick={axisTick} tickFormatter={tickCount} allowDecimals={false} />
                  <Tooltip formatter={tickCount} />
                  <Legend />
                  <Bar isAnimationActive={false} dataKey="received" name="Ricevute" fill={COLORS.blue} />
                  <Bar isAnimationActive={false} dataKey="validated" name="Validate" fill={COLORS.green} />
                  <Bar isAnimationActive={false} dataKey="rejected" name="Respinte" fill={COLORS.red} />
                  <Bar isAnimationActive={false} dataKey="cancelled" name="Annullate" fill={COLORS.grey} />
                </BarChart>
              </Chart>
            }
          >
            <DataTable
              caption={STAT_TABLE_TITLES.flow}
              head={['Mese', 'Ricevute', 'Validate', 'Respinte', 'Annullate']}
              rows={d.flow.map((r) => [
                formatMonthLong(r.month),
                formatCount(r.received),
                formatCount(r.validated),
                formatCount(r.rejected),
                formatCount(r.cancelled),
              ])}
            />
          </Section>

          <Section
            id="stat-famiglie"
            table="inForceByFamily"
            filters={filters}
            note={snapshot ? `Esenzioni in vigore il ${snapshot}.` : undefined}
            chart={
              <Chart>
                <BarChart
                  accessibilityLayer={false}
                  layout="vertical"
                  data={d.inForceByFamily.map((r) => ({
                    label: EXEMPTION_FAMILY_LABELS[r.family],
                    count: chartValue(r.count),
                  }))}
                  margin={{ left: 24 }}
                >
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis type="number" tick={axisTick} tickFormatter={tickCount} allowDecimals={false} />
                  <YAxis type="category" dataKey="label" width={130} tick={axisTick} />
                  <Tooltip formatter={tickCount} />
                  <Bar
                    isAnimationActive={false}
                    dataKey="count"
                    name="Esenzioni in vigore"
                    fill={COLORS.blue}
                  />
                </BarChart>
              </Chart>
            }
          >
            <DataTable
              caption={STAT_TABLE_TITLES.inForceByFamily}
              head={['Famiglia', 'Esenzioni in vigore']}
              rows={d.inForceByFamily.map((r) => [EXEMPTION_FAMILY_LABELS[r.family], formatCount(r.count)])}
            />
          </Section>

          <Section
            id="stat-codici"
            table="inForceByCode"
            filters={filters}
            chart={
              <Chart height={Math.max(220, d.inForceByCode.length * 26)}>
                <BarChart
                  accessibilityLayer={false}
                  layout="vertical"
                  data={d.inForceByCode.map((r) => ({ code: r.code, count: chartValue(r.count) }))}
                >
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis type="number" tick={axisTick} tickFormatter={tickCount} allowDecimals={false} />
                  <YAxis type="category" dataKey="code" width={70} tick={axisTick} />
                  <Tooltip formatter={tickCount} />
                  <Bar
                    isAnimationActive={false}
                    dataKey="count"
                    name="Esenzioni in vigore"
                    fill={COLORS.green}
                  />
                </BarChart>
              </Chart>
            }
          >
            <DataTable
              caption={STAT_TABLE_TITLES.inForceByCode}
              head={['Codice', 'Descrizione', 'Esenzioni']}
              rows={d.inForceByCode.map((r) => [r.code, r.description ?? '', formatCount(r.count)])}
            />
          </Section>

          <Section
            id="stat-tempi-mese"
            table="leadTimeByMonth"
            filters={filters}
            note="Giorni di calendario dall'invio della richiesta alla validazione o al rifiuto: mediana e 90° percentile, per mese della decisione."
            chart={
              <Chart>
                <LineChart
                  accessibilityLayer={false}
                  data={d.leadTimeByMonth.map((r) => ({ ...r, label: formatMonthShort(r.month) }))}
                >
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="label" tick={axisTick} />
                  <YAxis tick={axisTick} allowDecimals={false} />
                  <Tooltip />
                  <Legend />
                  <Line
                    isAnimationActive={false}
                    dataKey="median"
                    name="Mediana (giorni)"
                    stroke={COLORS.blue}
                    strokeWidth={2}
                  />
                  <Line
                    isAnimationActive={false}
                    dataKey="p90"
                    name="90° percentile (giorni)"
                    stroke={COLORS.orange}
                    strokeWidth={2}
                    strokeDasharray="6 3"
                  />
                </LineChart>
              </Chart>
            }
          >
            <DataTable
              caption={STAT_TABLE_TITLES.leadTimeByMonth}
              head={['Mese', 'Decise', 'Mediana (gg)', '90° perc. (gg)']}
              rows={d.leadTimeByMonth.map((r) => [
                formatMonthLong(r.month),
                formatCount(r.cases),
                formatDays(r.median),
                formatDays(r.p90),
              ])}
            />
          </Section>

          <Section
            id="stat-tempi-distretto"
            table="leadTimeByDistrict"
            filters={filters}
            chart={
              <Chart height={Math.max(220, d.leadTimeByDistrict.length * 30)}>
                <BarChart
                  accessibilityLayer={false}
                  layout="vertical"
                  data={d.leadTimeByDistrict.map((r) => ({ ...r, label: placeName(r) }))}
                >
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis type="number" tick={axisTick} allowDecimals={false} />
                  <YAxis type="category" dataKey="label" width={140} tick={axisTick} />
                  <Tooltip />
                  <Legend />
                  <Bar
                    isAnimationActive={false}
                    dataKey="median"
                    name="Mediana (giorni)"
                    fill={COLORS.blue}
                  />
                  <Bar
                    isAnimationActive={false}
                    dataKey="p90"
                    name="90° percentile (giorni)"
                    fill={COLORS.orange}
                  />
                </BarChart>
              </Chart>
            }
          >
            <DataTable
              caption={STAT_TABLE_TITLES.leadTimeByDistrict}
              head={['Distretto', 'Decise', 'Mediana (gg)', '90° perc. (gg)']}
              rows={d.leadTimeByDistrict.map((r) => [
                placeName(r),
                formatCount(r.cases),
                formatDays(r.median),
                formatDays(r.p90),
              ])}
            />
          </Section>

          <Section
            id="stat-arretrato"
            table="backlogByAge"
            filters={filters}
            note={
              snapshot
                ? `Pratiche inviate o in lavorazione il ${snapshot}, per giorni dall'invio.`
                : undefined
            }
            chart={
              <Chart height={220}>
                <BarChart
                  accessibilityLayer={false}
                  data={d.backlogByAge.map((r) => ({
                    label: AGE_BAND_LABELS[r.band],
                    count: chartValue(r.count),
                  }))}
                >
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="label" tick={axisTick} />
                  <YAxis tick={axisTick} tickFormatter={tickCount} allowDecimals={false} />
                  <Tooltip formatter={tickCount} />
                  <Bar
                    isAnimationActive={false}
                    dataKey="count"
                    name="Pratiche aperte"
                    fill={COLORS.orange}
                  />
                </BarChart>
              </Chart>
            }
          >
            <DataTable
              caption={STAT_TABLE_TITLES.backlogByAge}
              head={['Anzianità', 'Pratiche aperte']}
              rows={d.backlogByAge.map((r) => [AGE_BAND_LABELS[r.band], formatCount(r.count)])}
            />
          </Section>

          <Section
            id="stat-arretrato-distretto"
            table="backlogByDistrict"
            filters={filters}
            chart={
              <Chart height={Math.max(220, d.backlogByDistrict.length * 30)}>
                <BarChart
                  accessibilityLayer={false}
                  layout="vertical"
                  data={d.backlogByDistrict.map((r) => ({ label: placeName(r), count: chartValue(r.count) }))}
                >
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis type="number" tick={axisTick} tickFormatter={tickCount} allowDecimals={false} />
                  <YAxis type="category" dataKey="label" width={140} tick={axisTick} />
                  <Tooltip formatter={tickCount} />
                  <Bar
                    isAnimationActive={false}
                    dataKey="count"
                    name="Pratiche aperte"
                    fill={COLORS.orange}
                  />
                </BarChart>
              </Chart>
            }
          >
            <DataTable
              caption={STAT_TABLE_TITLES.backlogByDistrict}
              head={['Distretto', 'Pratiche aperte']}
              rows={d.backlogByDistrict.map((r) => [placeName(r), formatCount(r.count)])}
            />
          </Section>

          <Section
            id="stat-rifiuti"
            table="rejectionReasons"
            filters={filters}
            chart={
              <Chart height={220}>
                <BarChart
                  accessibilityLayer={false}
                  layout="vertical"
                  data={d.rejectionReasons.map((r) => ({
                    label: REJECTION_REASON_LABELS[r.reason],
                    count: chartValue(r.count),
                  }))}
                >
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis type="number" tick={axisTick} tickFormatter={tickCount} allowDecimals={false} />
                  <YAxis type="category" dataKey="label" width={170} tick={axisTick} />
                  <Tooltip formatter={tickCount} />
                  <Bar isAnimationActive={false} dataKey="count" name="Pratiche respinte" fill={COLORS.red} />
                </BarChart>
              </Chart>
            }
          >
            <DataTable
              caption={STAT_TABLE_TITLES.rejectionReasons}
              head={['Motivo', 'Pratiche respinte']}
              rows={d.rejectionReasons.map((r) => [REJECTION_REASON_LABELS[r.reason], formatCount(r.count)])}
            />
          </Section>

          <Section
            id="stat-scadenze"
            table="expiring"
            filters={filters}
            note={
              snapshot
                ? `Esenzioni in vigore il ${snapshot} con una data di fine entro 30, 60 e 90 giorni (le esenzioni senza scadenza non sono contate).`
                : undefined
            }
            chart={
              <Chart height={220}>
                <BarChart
                  accessibilityLayer={false}
                  data={d.expiring.map((r) => ({
                    label: `Entro ${r.withinDays} giorni`,
                    count: chartValue(r.count),
                  }))}
                >
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="label" tick={axisTick} />
                  <YAxis tick={axisTick} tickFormatter={tickCount} allowDecimals={false} />
                  <Tooltip formatter={tickCount} />
                  <Bar
                    isAnimationActive={false}
                    dataKey="count"
                    name="Esenzioni in scadenza"
                    fill={COLORS.grey}
                  />
                </BarChart>
              </Chart>
            }
          >
            <DataTable
              caption={STAT_TABLE_TITLES.expiring}
              head={['Scadenza', 'Esenzioni']}
              rows={d.expiring.map((r) => [`Entro ${r.withinDays} giorni`, formatCount(r.count)])}
            />
          </Section>
        </div>
      )}
    </>
  );
}
