/**
 * «Distretti e sportelli» (issue 13 §3): an ASL's districts (created, listed with their offices) and the
 * offices: address, services offered, weekly opening hours and closed days. An office made inactive
 * leaves the public page «Sportelli e orari». Errors come back next to the form, the input is kept.
 */
import type { AslView, DistrictView, OfficeInput, OfficeService, OfficeView } from '@esenzioni/domain';
import { OFFICE_SERVICE_LABELS, OFFICE_SERVICES, WEEKDAY_NAMES } from '@esenzioni/domain/offices';
import { Alert, Button } from 'design-react-kit';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import {
  adminAsls,
  adminDistricts,
  adminOffices,
  createDistrict,
  createOffice,
  updateOffice,
} from '../../api/administration';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { TextField } from '../../ui/TextField';
import { usePageTitle } from '../../ui/usePageTitle';
import { OfficeCard } from '../public/OfficesPage';
import { fieldErrors, formErrorText } from './adminForm';

interface HoursRow {
  weekday: number;
  opens: string;
  closes: string;
  note: string;
}
interface ClosureRow {
  date: string;
  note: string;
}
interface OfficeForm {
  districtId: string;
  name: string;
  address: string;
  services: OfficeService[];
  hours: HoursRow[];
  closures: ClosureRow[];
  note: string;
  source: string;
  active: boolean;
}

const emptyForm = (districtId = ''): OfficeForm => ({
  districtId,
  name: '',
  address: '',
  services: [],
  hours: [{ weekday: 1, opens: '08:30', closes: '12:00', note: '' }],
  closures: [],
  note: '',
  source: '',
  active: true,
});

const formOf = (o: OfficeView): OfficeForm => ({
  districtId: o.districtId,
  name: o.name,
  address: o.address,
  services: o.services,
  hours: o.hours.map((h) => ({ ...h, note: h.note ?? '' })),
  closures: o.closures.map((c) => ({ date: c.date, note: c.note ?? '' })),
  note: o.note ?? '',
  source: o.source ?? '',
  active: o.active,
});

const bodyOf = (f: OfficeForm): OfficeInput => ({
  ...f,
  hours: f.hours.map((h) => ({ ...h, note: h.note || undefined })),
  closures: f.closures.map((c) => ({ date: c.date, note: c.note || undefined })),
  note: f.note || undefined,
  source: f.source || undefined,
});

function OfficeFormView({
  districts,
  editing,
  onSaved,
  onCancel,
}: {
  districts: DistrictView[];
  editing: OfficeView | null;
  onSaved: (o: OfficeView) => void;
  onCancel: () => void;
}) {
  const [form, setForm] = useState<OfficeForm>(editing ? formOf(editing) : emptyForm(districts[0]?.id));
  const [error, setError] = useState<unknown>(null);
  const [sending, setSending] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  const errors = fieldErrors(error);
  const set = (p: Partial<OfficeForm>) => setForm((f) => ({ ...f, ...p }));
  const setHour = (i: number, p: Partial<HoursRow>) =>
    set({ hours: form.hours.map((h, j) => (j === i ? { ...h, ...p } : h)) });
  const setClosure = (i: number, p: Partial<ClosureRow>) =>
    set({ closures: form.closures.map((c, j) => (j === i ? { ...c, ...p } : c)) });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSending(true);
    setError(null);
    try {
      onSaved(editing ? await updateOffice(editing.id, bodyOf(form)) : await createOffice(bodyOf(form)));
    } catch (err) {
      setError(err);
      window.setTimeout(() => summary.current?.focus(), 0);
    } finally {
      setSending(false);
    }
  };

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-labelledby="sportello-form-titolo"
      className="border rounded p-3 mb-5"
    >
      <h2 id="sportello-form-titolo" className="h4" tabIndex={-1}>
        {editing ? `Modifica: ${editing.name}` : 'Nuovo sportello'}
      </h2>
      <div ref={summary} tabIndex={-1} aria-live="polite">
        {error !== null && (
          <Alert fade={false} color="danger">
            {formErrorText(error)}
          </Alert>
        )}
      </div>
      <div className="row mt-3">
        <div className="col-12 col-md-6 select-wrapper mb-4">
          <label htmlFor="sportello-distretto">Distretto</label>
          <select
            id="sportello-distretto"
            value={form.districtId}
            onChange={(e) => set({ districtId: e.target.value })}
            aria-invalid={errors.districtId ? true : undefined}
          >
            {districts.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
          {errors.districtId && <p className="text-danger small mb-0">{errors.districtId}</p>}
        </div>
        <div className="col-12 col-md-6">
          <TextField
            id="sportello-nome"
            label="Nome dello sportello"
            value={form.name}
            onValueChange={(v) => set({ name: v })}
            error={errors.name}
          />
        </div>
        <div className="col-12">
          <TextField
            id="sportello-indirizzo"
            label="Indirizzo"
            value={form.address}
            onValueChange={(v) => set({ address: v })}
            error={errors.address}
          />
        </div>
      </div>
      <fieldset className="mb-4">
        <legend className="h6">Servizi offerti</legend>
        {OFFICE_SERVICES.map((s) => (
          <div key={s} className="form-check form-check-inline">
            <input
              id={`sportello-servizio-${s}`}
              type="checkbox"
              checked={form.services.includes(s)}
              onChange={(e) =>
                set({
                  services: e.target.checked ? [...form.services, s] : form.services.filter((x) => x !== s),
                })
              }
            />
            <label htmlFor={`sportello-servizio-${s}`}>{OFFICE_SERVICE_LABELS[s]}</label>
          </div>
        ))}
        {errors.services && <p className="text-danger small mb-0">{errors.services}</p>}
      </fieldset>
      <fieldset className="mb-4">
        <legend className="h6">Orari settimanali</legend>
        {errors.hours && <p className="text-danger small">{errors.hours}</p>}
        {form.hours.map((h, i) => (
          <div key={i} className="row align-items-end border-bottom mb-2">
            <div className="col-12 col-md-3 select-wrapper mb-3">
              <label htmlFor={`orario-${i}-giorno`}>Giorno (fascia {i + 1})</label>
              <select
                id={`orario-${i}-giorno`}
                value={h.weekday}
                onChange={(e) => setHour(i, { weekday: Number(e.target.value) })}
              >
                {WEEKDAY_NAMES.map((d, n) => (
                  <option key={d} value={n + 1}>
                    {d}
                  </option>
                ))}
              </select>
            </div>
            <div className="col-6 col-md-2">
              <TextField
                id={`orario-${i}-apre`}
                label="Apre (HH:MM)"
                value={h.opens}
                onValueChange={(v) => setHour(i, { opens: v })}
                inputMode="numeric"
              />
            </div>
            <div className="col-6 col-md-2">
              <TextField
                id={`orario-${i}-chiude`}
                label="Chiude (HH:MM)"
                value={h.closes}
                onValueChange={(v) => setHour(i, { closes: v })}
                inputMode="numeric"
              />
            </div>
            <div className="col-12 col-md-3">
              <TextField
                id={`orario-${i}-nota`}
                label="Nota (facoltativa)"
                value={h.note}
                onValueChange={(v) => setHour(i, { note: v })}
              />
            </div>
            <div className="col-12 col-md-2 mb-4">
              <Button
                type="button"
                size="xs"
                color="secondary"
                outline
                onClick={() => set({ hours: form.hours.filter((_, j) => j !== i) })}
              >
                Togli la fascia {i + 1}
              </Button>
            </div>
          </div>
        ))}
        <Button
          type="button"
          size="sm"
          color="secondary"
          outline
          onClick={() =>
            set({ hours: [...form.hours, { weekday: 1, opens: '08:30', closes: '12:00', note: '' }] })
          }
        >
          Aggiungi una fascia oraria
        </Button>
      </fieldset>
      <fieldset className="mb-4">
        <legend className="h6">Giorni di chiusura</legend>
        {errors.closures && <p className="text-danger small">{errors.closures}</p>}
        {form.closures.map((c, i) => (
          <div key={i} className="row align-items-end">
            <div className="col-12 col-md-4">
              <TextField
                id={`chiusura-${i}-data`}
                label="Data (aaaa-mm-gg)"
                value={c.date}
                onValueChange={(v) => setClosure(i, { date: v })}
              />
            </div>
            <div className="col-12 col-md-5">
              <TextField
                id={`chiusura-${i}-nota`}
                label="Motivo (facoltativo)"
                value={c.note}
                onValueChange={(v) => setClosure(i, { note: v })}
              />
            </div>
            <div className="col-12 col-md-3 mb-4">
              <Button
                type="button"
                size="xs"
                color="secondary"
                outline
                onClick={() => set({ closures: form.closures.filter((_, j) => j !== i) })}
              >
                Togli il giorno {i + 1}
              </Button>
            </div>
          </div>
        ))}
        <Button
          type="button"
          size="sm"
          color="secondary"
          outline
          onClick={() => set({ closures: [...form.closures, { date: '', note: '' }] })}
        >
          Aggiungi un giorno di chiusura
        </Button>
      </fieldset>
      <div className="row">
        <div className="col-12 col-md-6">
          <TextField
            id="sportello-nota"
            label="Nota (facoltativa)"
            value={form.note}
            onValueChange={(v) => set({ note: v })}
            error={errors.note}
          />
        </div>
        <div className="col-12 col-md-6">
          <TextField
            id="sportello-fonte"
            label="Fonte dei dati (facoltativa)"
            value={form.source}
            onValueChange={(v) => set({ source: v })}
            error={errors.source}
          />
        </div>
      </div>
      <div className="form-check mb-4">
        <input
          id="sportello-attivo"
          type="checkbox"
          checked={form.active}
          onChange={(e) => set({ active: e.target.checked })}
        />
        <label htmlFor="sportello-attivo">Attivo (mostrato nella pagina pubblica)</label>
      </div>
      <div className="d-flex gap-2">
        <Button type="submit" color="primary" disabled={sending || districts.length === 0}>
          {editing ? 'Salva lo sportello' : 'Crea lo sportello'}
        </Button>
        {editing && (
          <Button type="button" color="secondary" onClick={onCancel}>
            Annulla
          </Button>
        )}
      </div>
    </form>
  );
}

export default function OfficesAdminPage() {
  usePageTitle('Distretti e sportelli');
  const [params, setParams] = useSearchParams();
  const aslId = params.get('asl') ?? '';
  const [asls, setAsls] = useState<AslView[]>([]);
  const [districts, setDistricts] = useState<DistrictView[]>([]);
  const [offices, setOffices] = useState<OfficeView[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState<OfficeView | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [districtName, setDistrictName] = useState('');
  const [districtError, setDistrictError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const ctrl = new AbortController();
    adminAsls(ctrl.signal)
      .then((r) => setAsls(r.items))
      .catch((e: unknown) => !ctrl.signal.aborted && setError(e));
    return () => ctrl.abort();
  }, []);
  const load = useCallback(
    () =>
      aslId
        ? Promise.all([adminDistricts(aslId), adminOffices(aslId)])
            .then(([d, o]) => {
              setDistricts(d.items);
              setOffices(o.items);
            })
            .catch(setError)
        : Promise.resolve(),
    [aslId],
  );
  useEffect(() => {
    void load();
  }, [load]);
  const say = (text: string) => {
    setNotice(text);
    window.setTimeout(() => noticeRef.current?.focus(), 0);
  };

  const addDistrict = async (e: FormEvent) => {
    e.preventDefault();
    setDistrictError(null);
    try {
      const d = await createDistrict(aslId, districtName);
      setDistrictName('');
      say(`Distretto «${d.name}» creato.`);
      await load();
    } catch (err) {
      setDistrictError(err);
    }
  };

  return (
    <>
      <h1 className="h2">Distretti e sportelli</h1>
      <p>
        Gli sportelli dei distretti con indirizzo, servizi, orari e giorni di chiusura: quelli attivi
        compaiono nella pagina pubblica «Sportelli e orari».
      </p>
      <div className="select-wrapper mb-4" style={{ maxWidth: '28rem' }}>
        <label htmlFor="amm-sportelli-asl">ASL</label>
        <select
          id="amm-sportelli-asl"
          value={aslId}
          onChange={(e) => {
            setEditing(null);
            setDistricts([]);
            setOffices([]);
            setParams(e.target.value ? { asl: e.target.value } : {});
          }}
        >
          <option value="">Scegliere l’ASL</option>
          {asls.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name} ({a.id})
            </option>
          ))}
        </select>
      </div>
      <ErrorAlert error={error} title="Dati non disponibili" />
      <div ref={noticeRef} tabIndex={-1} aria-live="polite">
        {notice && (
          <Alert fade={false} color="success">
            {notice}
          </Alert>
        )}
      </div>
      {aslId && (
        <>
          <h2 className="h4">Distretti</h2>
          {districts.length === 0 ? (
            <p>Nessun distretto per questa ASL.</p>
          ) : (
            <ul>
              {districts.map((d) => (
                <li key={d.id}>
                  {d.name} ({d.id}) – {d.offices === 1 ? '1 sportello' : `${d.offices} sportelli`}
                </li>
              ))}
            </ul>
          )}
          <form onSubmit={addDistrict} noValidate className="d-flex flex-wrap align-items-end gap-3 mb-5">
            <TextField
              id="nuovo-distretto"
              label="Nome del nuovo distretto"
              value={districtName}
              onValueChange={setDistrictName}
              error={districtError ? (fieldErrors(districtError).name ?? formErrorText(districtError)) : null}
              wrapperClassName="mb-0 flex-grow-1"
            />
            <Button type="submit" color="primary">
              Crea il distretto
            </Button>
          </form>
          {districts.length > 0 && (
            <OfficeFormView
              key={editing ? `m-${editing.id}` : `n-${formKey}`}
              districts={districts}
              editing={editing}
              onCancel={() => setEditing(null)}
              onSaved={(o) => {
                setEditing(null);
                setFormKey((k) => k + 1);
                say(`Sportello «${o.name}» salvato.`);
                void load();
              }}
            />
          )}
          <h2 className="h4">Sportelli</h2>
          {offices.length === 0 && <p>Nessuno sportello per questa ASL.</p>}
          {offices.map((o) => (
            <div key={o.id}>
              {!o.active && (
                <p className="mb-1 fw-semibold">Non attivo (non mostrato nella pagina pubblica)</p>
              )}
              <OfficeCard office={o} />
              <Button
                type="button"
                size="xs"
                color="secondary"
                outline
                className="mb-4"
                onClick={() => setEditing(o)}
              >
                Modifica {o.name}
              </Button>
            </div>
          ))}
        </>
      )}
    </>
  );
}
