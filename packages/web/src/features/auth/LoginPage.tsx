import { Alert, Button } from 'design-react-kit';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { canOpen, homePath } from '../../app/roles';
import { useSession } from '../../app/session';
import { SummaryAlert } from '../../ui/SummaryAlert';
import { TextField } from '../../ui/TextField';
import { usePageTitle } from '../../ui/usePageTitle';
import { loginErrorMessage, validateLogin, type LoginFieldErrors, type LoginFields } from './loginErrors';

export default function LoginPage() {
  usePageTitle('Accesso');
  const { session, signIn, expired } = useSession();
  const navigate = useNavigate();
  const from = (useLocation().state as { from?: string } | null)?.from;
  const [fields, setFields] = useState<LoginFields>({ username: '', password: '', pin: '' });
  const [errors, setErrors] = useState<LoginFieldErrors>({});
  const [failure, setFailure] = useState<{ title: string; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);

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

  return (
    <div className="row justify-content-center">
      <div className="col-12 col-md-8 col-lg-6">
        <h1 className="h2 mb-2">Accedi con le tue credenziali</h1>
        <p className="lead mb-4">Accesso tramite username, password e PIN</p>
        {expired && !failure && (
          <Alert fade={false} color="info">
            La sessione è scaduta o è stata chiusa: accedere di nuovo.
          </Alert>
        )}
        <SummaryAlert summaryRef={alertRef} title={failure?.title ?? ''} text={failure?.text ?? null} />
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
      </div>
    </div>
  );
}
