import type { LoginMethods } from '@esenzioni/domain';
import { Alert, Button } from 'design-react-kit';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { loginMethods } from '../../api/auth';
import { Icon } from '../../ui/Icon';
import { canOpen, homePath } from '../../app/roles';
import { useSession } from '../../app/session';
import { SummaryAlert } from '../../ui/SummaryAlert';
import { TextField } from '../../ui/TextField';
import { usePageTitle } from '../../ui/usePageTitle';
import {
  IDENTITY_LOGIN_ERRORS,
  loginErrorMessage,
  validateLogin,
  type LoginFieldErrors,
  type LoginFields,
} from './loginErrors';

/** Until /api/auth/methods answers: the password form only (what every installation had before). */
const PASSWORD_ONLY: LoginMethods = {
  password: true,
  spid: false,
  cie: false,
  operatorProvider: false,
  certificate: false,
  demo: false,
};

/** issue 13: a full-page navigation to the server, which sends the browser on to the identity provider. */
function ProviderLink({ href, icon, label }: { href: string; icon: string; label: string }) {
  return (
    <a href={href} className="btn btn-primary btn-icon identity-button me-3 mb-3">
      <span className="identity-button-mark" aria-hidden="true">
        <Icon name={icon} color="primary" size="sm" />
      </span>
      <span>{label}</span>
    </a>
  );
}

export default function LoginPage() {
  usePageTitle('Accesso');
  const { session, signIn, expired } = useSession();
  const navigate = useNavigate();
  const from = (useLocation().state as { from?: string } | null)?.from;
  const [fields, setFields] = useState<LoginFields>({ username: '', password: '', pin: '' });
  const [errors, setErrors] = useState<LoginFieldErrors>({});
  // back from SPID, CIE or the regional provider with a refusal (a full page load): say why
  const [params] = useSearchParams();
  const [failure, setFailure] = useState<{ title: string; text: string } | null>(() => {
    const reason = params.get('errore');
    return (reason && IDENTITY_LOGIN_ERRORS[reason]) || null;
  });
  const [busy, setBusy] = useState(false);
  const [methods, setMethods] = useState<LoginMethods>(PASSWORD_ONLY);
  const alertRef = useRef<HTMLDivElement>(null);
  const { signInWithCertificate } = useSession();

  useEffect(() => {
    let alive = true;
    loginMethods()
      .then((m) => alive && setMethods(m))
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, []);

  useEffect(() => {
    if (failure) alertRef.current?.focus();
  }, [failure]);

  if (session && !busy) {
    return <Navigate to={session.activeProfile ? homePath(session.activeProfile) : '/profilo'} replace />;
  }

  const set = (k: keyof LoginFields) => (v: string) => setFields((f) => ({ ...f, [k]: v }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = validateLogin(fields);
    setErrors(found);
    setFailure(null);
    const first = (Object.keys(found) as (keyof LoginFields)[])[0];
    if (first) {
      document.getElementById(`login-${first}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const s = await signIn(fields.username.trim(), fields.password, fields.pin.trim());
      if (s.activeProfile)
        void navigate(canOpen(s.activeProfile, from) ? from : homePath(s.activeProfile), { replace: true });
      else void navigate('/profilo', { replace: true, state: { from } });
    } catch (err) {
      setFailure(loginErrorMessage(err));
      setFields((f) => ({ ...f, password: '', pin: '' }));
      setBusy(false);
    }
  };

  const certificate = async () => {
    setFailure(null);
    setBusy(true);
    try {
      const s = await signInWithCertificate();
      void navigate(s.activeProfile ? homePath(s.activeProfile) : '/profilo', { replace: true });
    } catch (err) {
      setFailure(loginErrorMessage(err));
      setBusy(false);
    }
  };

  const citizens = methods.spid || methods.cie;
  const operators = methods.operatorProvider || methods.certificate;

  return (
    <div className="row justify-content-center">
      <div className="col-12 col-md-8 col-lg-6">
        <h1 className="h2 mb-2">Accedi con le tue credenziali</h1>
        <p className="lead mb-4">
          {citizens
            ? 'Cittadini: con SPID o CIE. Operatori: con l’identità regionale, il certificato digitale o username, password e PIN.'
            : 'Accesso tramite username, password e PIN'}
        </p>
        {expired && !failure && (
          <Alert fade={false} color="info">
            La sessione è scaduta o è stata chiusa: accedere di nuovo.
          </Alert>
        )}
        <SummaryAlert summaryRef={alertRef} title={failure?.title ?? ''} text={failure?.text ?? null} />
        {citizens && (
          <section aria-labelledby="accesso-cittadini" className="mb-5">
            <h2 id="accesso-cittadini" className="h4">
              Cittadini
            </h2>
            <p>Entra con la tua identità digitale SPID o con la Carta d’identità elettronica (CIE).</p>
            {methods.demo && (
              <p className="small text-secondary">
                Ambiente dimostrativo: SPID e CIE sono gestori di identità di prova, con identità fittizie e
                senza credenziali.
              </p>
            )}
            <div className="d-flex flex-wrap">
              {methods.spid && (
                <ProviderLink href="/api/auth/oidc/spid/start" icon="it-user" label="Entra con SPID" />
              )}
              {methods.cie && (
                <ProviderLink href="/api/auth/oidc/cie/start" icon="it-card" label="Entra con CIE" />
              )}
            </div>
          </section>
        )}
        {operators && (
          <section aria-labelledby="accesso-operatori" className="mb-4">
            <h2 id="accesso-operatori" className="h4">
              Operatori
            </h2>
            <div className="d-flex flex-wrap">
              {methods.operatorProvider && (
                <ProviderLink
                  href="/api/auth/oidc/operatore/start"
                  icon="it-pa"
                  label="Entra con l’identità regionale"
                />
              )}
              {methods.certificate && (
                <Button
                  type="button"
                  color="primary"
                  outline
                  className="me-3 mb-3"
                  disabled={busy}
                  onClick={() => void certificate()}
                >
                  Entra con il certificato digitale
                </Button>
              )}
            </div>
          </section>
        )}
        {methods.password && operators && (
          <h2 className="h5 mt-2" id="accesso-password">
            Username, password e PIN
          </h2>
        )}
        {methods.password && (
          <form noValidate onSubmit={(e) => void submit(e)} aria-label="Accesso">
            <TextField
              id="login-username"
              label="Username"
              value={fields.username}
              onValueChange={set('username')}
              error={errors.username}
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              wrapperClassName="mt-4"
            />
            <TextField
              id="login-password"
              label="Password"
              type="password"
              value={fields.password}
              onValueChange={set('password')}
              error={errors.password}
              autoComplete="current-password"
              required
              wrapperClassName="mt-5"
            />
            <TextField
              id="login-pin"
              label="PIN"
              type="password"
              inputMode="numeric"
              value={fields.pin}
              onValueChange={set('pin')}
              error={errors.pin}
              autoComplete="off"
              required
              wrapperClassName="mt-5"
            />
            <Button type="submit" color="primary" className="mt-4" disabled={busy}>
              {busy ? 'Accesso in corso…' : 'Accedi'}
            </Button>
          </form>
        )}
      </div>
    </div>
  );
}
