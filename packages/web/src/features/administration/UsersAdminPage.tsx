/**
 * «Utenti e profili» (issue 13 §3): the users with their profiles, searched and paged; a new user with
 * a profile (role, ASL, district); a user's profiles changed; deactivation (their sessions end at once)
 * and reactivation. The server refuses to remove the last active administrator and says why.
 */
import type {
  AdminProfileInput,
  AdminUser,
  AdminUserList,
  AslView,
  DistrictView,
  Role,
} from '@esenzioni/domain';
import { ROLE_NAMES, ROLES } from '@esenzioni/domain/enums';
import { Alert, Button, Table } from 'design-react-kit';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import {
  activateUser,
  adminAsls,
  adminDistricts,
  adminUsers,
  createAdminUser,
  deactivateUser,
  setAdminUserProfiles,
} from '../../api/administration';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { errorMessage } from '../../ui/errorMessage';
import { Loading } from '../../ui/Loading';
import { TextField } from '../../ui/TextField';
import { usePageTitle } from '../../ui/usePageTitle';
import { fieldErrors, formErrorText } from './adminForm';

const GLOBAL_ROLES: Role[] = ['ADMIN', 'CITIZEN'];

/** Role, ASL and district of one profile; districts are loaded for the chosen ASL. */
function ProfilePicker({
  idPrefix,
  asls,
  value,
  onChange,
  errors,
}: {
  idPrefix: string;
  asls: AslView[];
  value: AdminProfileInput;
  onChange: (p: AdminProfileInput) => void;
  errors: Record<string, string>;
}) {
  const [districts, setDistricts] = useState<DistrictView[]>([]);
  const aslId = value.aslId ?? '';
  useEffect(() => {
    if (!aslId) return;
    const ctrl = new AbortController();
    adminDistricts(aslId, ctrl.signal)
      .then((r) => setDistricts(r.items))
      .catch(() => undefined);
    return () => ctrl.abort();
  }, [aslId]);
  const global = GLOBAL_ROLES.includes(value.role);
  return (
    <div className="row">
      <div className="col-12 col-md-4 select-wrapper mb-3">
        <label htmlFor={`${idPrefix}-ruolo`}>Ruolo</label>
        <select
          id={`${idPrefix}-ruolo`}
          value={value.role}
          onChange={(e) => onChange({ ...value, role: e.target.value as Role })}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_NAMES[r]}
            </option>
          ))}
        </select>
      </div>
      {!global && (
        <div className="col-12 col-md-4 select-wrapper mb-3">
          <label htmlFor={`${idPrefix}-asl`}>ASL</label>
          <select
            id={`${idPrefix}-asl`}
            value={aslId}
            aria-invalid={errors.aslId ? true : undefined}
            aria-describedby={errors.aslId ? `${idPrefix}-asl-errore` : undefined}
            onChange={(e) =>
              onChange({ ...value, aslId: e.target.value || undefined, districtId: undefined })
            }
          >
            <option value="">Scegliere l’ASL</option>
            {asls.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} ({a.id})
              </option>
            ))}
          </select>
          {errors.aslId && (
            <p id={`${idPrefix}-asl-errore`} className="text-danger small mb-0">
              {errors.aslId}
            </p>
          )}
        </div>
      )}
      {!global && (
        <div className="col-12 col-md-4 select-wrapper mb-3">
          <label htmlFor={`${idPrefix}-distretto`}>Distretto</label>
          <select
            id={`${idPrefix}-distretto`}
            value={value.districtId ?? ''}
            aria-invalid={errors.districtId ? true : undefined}
            aria-describedby={errors.districtId ? `${idPrefix}-distretto-errore` : undefined}
            onChange={(e) => onChange({ ...value, districtId: e.target.value || undefined })}
          >
            <option value="">
              {value.role === 'DISTRICT_OPERATOR' ? 'Scegliere il distretto' : 'Tutta l’ASL'}
            </option>
            {(aslId ? districts.filter((d) => d.aslId === aslId) : []).map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
          {errors.districtId && (
            <p id={`${idPrefix}-distretto-errore`} className="text-danger small mb-0">
              {errors.districtId}
            </p>
          )}
        </div>
      )}
    </div>
  );
}

const profileText = (p: AdminUser['profiles'][number]) =>
  [ROLE_NAMES[p.role], p.aslName, p.districtName].filter(Boolean).join(' – ');

const EMPTY_USER = { username: '', password: '', pin: '', fiscalCode: '', firstName: '', lastName: '' };

function NewUserForm({ asls, onCreated }: { asls: AslView[]; onCreated: (u: AdminUser) => void }) {
  const [form, setForm] = useState(EMPTY_USER);
  const [profile, setProfile] = useState<AdminProfileInput>({ role: 'DISTRICT_OPERATOR' });
  const [error, setError] = useState<unknown>(null);
  const [sending, setSending] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  const errors = fieldErrors(error);
  const field = (name: keyof typeof EMPTY_USER, label: string, type: 'text' | 'password' = 'text') => (
    <div className="col-12 col-md-6">
      <TextField
        id={`nuovo-utente-${name}`}
        type={type}
        label={label}
        value={form[name]}
        autoComplete={type === 'password' ? 'new-password' : 'off'}
        onValueChange={(v) => setForm((f) => ({ ...f, [name]: v }))}
        error={errors[name]}
      />
    </div>
  );
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSending(true);
    setError(null);
    try {
      const created = await createAdminUser({ ...form, profiles: [profile] });
      setForm(EMPTY_USER);
      onCreated(created);
    } catch (err) {
      setError(err);
      window.setTimeout(() => summary.current?.focus(), 0);
    } finally {
      setSending(false);
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="nuovo-utente-titolo" className="mb-5">
      <h2 id="nuovo-utente-titolo" className="h4">
        Nuovo utente
      </h2>
      <div ref={summary} tabIndex={-1} aria-live="polite">
        {error !== null && (
          <Alert fade={false} color="danger">
            {formErrorText(error)}
          </Alert>
        )}
      </div>
      <div className="row mt-4">
        {field('username', 'Nome utente')}
        {field('fiscalCode', 'Codice fiscale')}
        {field('firstName', 'Nome')}
        {field('lastName', 'Cognome')}
        {field('password', 'Password iniziale (almeno 12 caratteri)', 'password')}
        {field('pin', 'PIN (da 6 a 8 cifre)', 'password')}
      </div>
      <h3 className="h6">Profilo</h3>
      <ProfilePicker
        idPrefix="nuovo-utente"
        asls={asls}
        value={profile}
        onChange={setProfile}
        errors={errors}
      />
      <Button type="submit" color="primary" disabled={sending}>
        Crea utente
      </Button>
    </form>
  );
}

function ProfilesEditor({
  user,
  asls,
  onSaved,
  onClose,
}: {
  user: AdminUser;
  asls: AslView[];
  onSaved: (u: AdminUser) => void;
  onClose: () => void;
}) {
  const [profiles, setProfiles] = useState<AdminProfileInput[]>(
    user.profiles.map((p) => ({
      role: p.role,
      aslId: p.aslId ?? undefined,
      districtId: p.districtId ?? undefined,
    })),
  );
  const [error, setError] = useState<unknown>(null);
  const save = async () => {
    setError(null);
    try {
      onSaved(await setAdminUserProfiles(user.id, profiles));
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section aria-labelledby={`profili-${user.id}`} className="border rounded p-3 mb-4">
      <h2 id={`profili-${user.id}`} className="h5" tabIndex={-1}>
        Profili di {user.firstName} {user.lastName} ({user.username})
      </h2>
      <div aria-live="polite">
        {error !== null && (
          <Alert fade={false} color="danger">
            {formErrorText(error)}
          </Alert>
        )}
      </div>
      {profiles.map((p, i) => (
        <div key={i} className="border-bottom mb-3">
          <ProfilePicker
            idPrefix={`profilo-${user.id}-${i}`}
            asls={asls}
            value={p}
            onChange={(np) => setProfiles((ps) => ps.map((x, j) => (j === i ? np : x)))}
            errors={{}}
          />
          <Button
            type="button"
            color="secondary"
            outline
            size="xs"
            className="mb-3"
            onClick={() => setProfiles((ps) => ps.filter((_, j) => j !== i))}
          >
            Togli il profilo {i + 1}
          </Button>
        </div>
      ))}
      <div className="d-flex flex-wrap gap-2">
        <Button
          type="button"
          color="secondary"
          outline
          onClick={() => setProfiles((ps) => [...ps, { role: 'DISTRICT_OPERATOR' }])}
        >
          Aggiungi un profilo
        </Button>
        <Button type="button" color="primary" onClick={() => void save()}>
          Salva i profili
        </Button>
        <Button type="button" color="secondary" onClick={onClose}>
          Chiudi
        </Button>
      </div>
    </section>
  );
}

export default function UsersAdminPage() {
  usePageTitle('Utenti e profili');
  const [asls, setAsls] = useState<AslView[]>([]);
  const [q, setQ] = useState('');
  const [query, setQuery] = useState({ q: '', page: 1 });
  const [list, setList] = useState<AdminUserList | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<{ kind: 'success' | 'danger'; text: string } | null>(null);
  const [editing, setEditing] = useState<AdminUser | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const ctrl = new AbortController();
    adminAsls(ctrl.signal)
      .then((r) => setAsls(r.items))
      .catch((e: unknown) => !ctrl.signal.aborted && setError(e));
    return () => ctrl.abort();
  }, []);
  const load = useCallback(
    (signal?: AbortSignal) =>
      adminUsers(query, signal)
        .then(setList)
        .catch((e: unknown) => !signal?.aborted && setError(e)),
    [query],
  );
  useEffect(() => {
    const ctrl = new AbortController();
    void load(ctrl.signal);
    return () => ctrl.abort();
  }, [load]);

  const say = (kind: 'success' | 'danger', text: string) => {
    setNotice({ kind, text });
    window.setTimeout(() => noticeRef.current?.focus(), 0);
  };
  const toggle = async (u: AdminUser) => {
    try {
      const done = u.active ? await deactivateUser(u.id) : await activateUser(u.id);
      say(
        'success',
        done.active
          ? `Utente ${done.username} riattivato.`
          : `Utente ${done.username} disattivato: le sue sessioni sono terminate.`,
      );
      await load();
    } catch (e) {
      say('danger', errorMessage(e));
    }
  };
  const pages = list ? Math.max(1, Math.ceil(list.total / list.pageSize)) : 1;

  return (
    <>
      <h1 className="h2">Utenti e profili</h1>
      <p>Gli utenti del servizio e i loro profili. Disattivare un utente chiude subito le sue sessioni.</p>
      <NewUserForm
        asls={asls}
        onCreated={(u) => {
          say('success', `Utente ${u.username} creato.`);
          void load();
        }}
      />
      <div ref={noticeRef} tabIndex={-1} aria-live="polite">
        {notice && (
          <Alert fade={false} color={notice.kind}>
            {notice.text}
          </Alert>
        )}
      </div>
      {editing && (
        <ProfilesEditor
          key={editing.id}
          user={editing}
          asls={asls}
          onClose={() => setEditing(null)}
          onSaved={(u) => {
            setEditing(null);
            say('success', `Profili di ${u.username} salvati.`);
            void load();
          }}
        />
      )}
      <h2 className="h4">Elenco degli utenti</h2>
      <form
        role="search"
        className="d-flex flex-wrap align-items-end gap-3 mb-3"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery({ q, page: 1 });
        }}
      >
        <TextField
          id="utenti-cerca"
          type="search"
          label="Cerca per nome utente, nome, cognome o codice fiscale"
          value={q}
          onValueChange={setQ}
          wrapperClassName="mb-0 flex-grow-1"
        />
        <Button type="submit" color="primary">
          Cerca
        </Button>
      </form>
      <ErrorAlert error={error} title="Elenco non disponibile" />
      {!list && !error && <Loading />}
      {list && (
        <>
          <p aria-live="polite">
            {list.total === 1 ? '1 utente' : `${list.total} utenti`}
            {pages > 1 && ` – pagina ${list.page} di ${pages}`}
          </p>
          <div className="table-responsive">
            <Table>
              <caption className="visually-hidden">Utenti</caption>
              <thead>
                <tr>
                  <th scope="col">Utente</th>
                  <th scope="col">Profili</th>
                  <th scope="col">Stato</th>
                  <th scope="col">Azioni</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((u) => (
                  <tr key={u.id}>
                    <th scope="row" className="fw-normal">
                      <strong>{u.username}</strong>
                      <span className="d-block">
                        {u.firstName} {u.lastName}
                      </span>
                      <span className="d-block small text-secondary">{u.fiscalCode}</span>
                    </th>
                    <td>
                      <ul className="list-unstyled mb-0">
                        {u.profiles.map((p) => (
                          <li key={p.id}>{profileText(p)}</li>
                        ))}
                      </ul>
                    </td>
                    <td>
                      {u.active ? 'Attivo' : 'Disattivato'}
                      {u.sessions > 0 && (
                        <span className="d-block small">
                          {u.sessions === 1 ? '1 sessione aperta' : `${u.sessions} sessioni aperte`}
                        </span>
                      )}
                    </td>
                    <td>
                      <div className="d-flex flex-wrap gap-2">
                        <Button
                          type="button"
                          size="xs"
                          color="secondary"
                          outline
                          onClick={() => setEditing(u)}
                          aria-label={`Modifica i profili di ${u.username}`}
                        >
                          Profili
                        </Button>
                        <Button
                          type="button"
                          size="xs"
                          color={u.active ? 'danger' : 'primary'}
                          onClick={() => void toggle(u)}
                          aria-label={`${u.active ? 'Disattiva' : 'Riattiva'} ${u.username}`}
                        >
                          {u.active ? 'Disattiva' : 'Riattiva'}
                        </Button>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </div>
          {pages > 1 && (
            <nav aria-label="Pagine degli utenti" className="d-flex gap-2">
              <Button
                type="button"
                color="secondary"
                outline
                disabled={list.page <= 1}
                onClick={() => setQuery((x) => ({ ...x, page: x.page - 1 }))}
              >
                Pagina precedente
              </Button>
              <Button
                type="button"
                color="secondary"
                outline
                disabled={list.page >= pages}
                onClick={() => setQuery((x) => ({ ...x, page: x.page + 1 }))}
              >
                Pagina successiva
              </Button>
            </nav>
          )}
        </>
      )}
    </>
  );
}
