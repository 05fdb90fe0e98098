/** The user's name with a disclosure menu: active profile, change profile, logout. */
import { ROLE_NAMES } from '@esenzioni/domain/enums';
import { useEffect, useId, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Icon } from '../ui/Icon';
import { useSession, type Session } from './session';

export function UserMenu({ session }: { session: Session }) {
  const { signOut } = useSession();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const wrapper = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const { user, activeProfile, profiles } = session;

  useEffect(() => {
    if (!open) return;
    const onDoc = (e: MouseEvent) => {
      if (!wrapper.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        toggle.current?.focus();
      }
    };
    document.addEventListener('mousedown', onDoc);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDoc);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const logout = async () => {
    setOpen(false);
    await signOut().catch(() => undefined);
    await navigate('/accesso', { replace: true });
  };

  return (
    <div className="user-menu position-relative" ref={wrapper}>
      <button
        ref={toggle}
        type="button"
        className="btn btn-primary btn-sm btn-icon user-menu-toggle"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="rounded-icon" aria-hidden="true">
          <Icon name="it-user" color="primary" size="sm" />
        </span>
        <span className="d-none d-sm-inline">{`${user.firstName} ${user.lastName}`}</span>
        <span className="visually-hidden d-sm-none">{`${user.firstName} ${user.lastName}`}</span>
        <Icon name={open ? 'it-collapse' : 'it-expand'} color="white" size="sm" className="ms-1" />
      </button>
      <div id={menuId} className="user-menu-panel shadow" hidden={!open}>
        {activeProfile && (
          <p className="mb-2 small">
            <span className="fw-semibold d-block">Profilo attivo</span>
            <span className="d-block">{ROLE_NAMES[activeProfile.role]}</span>
            {activeProfile.aslName && <span className="d-block">{activeProfile.aslName}</span>}
            {activeProfile.districtName && <span className="d-block">{activeProfile.districtName}</span>}
          </p>
        )}
        <ul className="list-unstyled mb-0">
          {profiles.length > 1 && (
            <li>
              <Link className="user-menu-item" to="/profilo" onClick={() => setOpen(false)}>
                <span>Cambia profilo</span>
              </Link>
            </li>
          )}
          <li>
            <button type="button" className="user-menu-item" onClick={() => void logout()}>
              <span>Esci</span>
            </button>
          </li>
        </ul>
      </div>
    </div>
  );
}
