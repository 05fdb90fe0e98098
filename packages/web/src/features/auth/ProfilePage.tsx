/** Profile and service choice (manual §3.2): profile, ASL, location, then the service. */
import type { Profile } from '@esenzioni/domain';
import { ROLE_NAMES } from '@esenzioni/domain/enums';
import { Button } from 'design-react-kit';
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { canOpen, homePath } from '../../app/roles';
import { useSession } from '../../app/session';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Icon } from '../../ui/Icon';
import { Radio } from '../../ui/Radio';
import { SERVICE_NAME, usePageTitle } from '../../ui/usePageTitle';

const location = (p: Profile) => p.districtName ?? p.aslName ?? 'Regione Piemonte';

export default function ProfilePage() {
  usePageTitle('Scelta del profilo e del servizio');
  const { session, activateProfile } = useSession();
  const navigate = useNavigate();
  const from = (useLocation().state as { from?: string } | null)?.from;
  const profiles = session?.profiles ?? [];
  const [selected, setSelected] = useState(session?.activeProfile?.id ?? profiles[0]?.id ?? '');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const enter = async () => {
    setBusy(true);
    setError(null);
    try {
      const active = await activateProfile(selected);
      void navigate(canOpen(active, from) ? from : homePath(active), { replace: true });
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <div className="row">
      <div className="col-12">
        <h1 className="h2">Scelta del profilo e del servizio</h1>
        <p>Scegliere il profilo di accesso, poi il servizio tra quelli a cui si è abilitati.</p>
        <ErrorAlert error={error} title="Non è stato possibile attivare il profilo" />
      </div>
      <div className="col-12 col-lg-6">
        <fieldset>
          <legend className="h5 px-0">Profilo di accesso</legend>
          {profiles.map((p) => (
            <Radio
              key={p.id}
              name="profilo"
              id={`profilo-${p.id}`}
              value={p.id}
              checked={selected === p.id}
              onChange={() => setSelected(p.id)}
            >
              <span className="fw-semibold d-block">{ROLE_NAMES[p.role]}</span>
              <span className="d-block">ASL: {p.aslName ?? 'Regione Piemonte'}</span>
              <span className="d-block">Collocazione: {location(p)}</span>
            </Radio>
          ))}
        </fieldset>
      </div>
      <div className="col-12 col-lg-6">
        <h2 className="h5">Servizi</h2>
        <div className="card-wrapper card-space">
          <div className="card card-bg">
            <div className="card-body">
              <p className="card-text">
                Servizio on line per la gestione ed il rilascio delle esenzioni per patologia.
              </p>
              <Button
                color="primary"
                onClick={() => void enter()}
                disabled={busy || !selected}
                className="d-inline-flex align-items-center gap-2"
              >
                <Icon name="it-arrow-right" color="white" size="sm" />
                {SERVICE_NAME}
              </Button>
            </div>
          </div>
        </div>
      </div>
    </div>
  );
}
