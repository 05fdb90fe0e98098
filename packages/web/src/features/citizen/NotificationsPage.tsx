/**
 * "Notifiche": changes of my cases and operators' views, newest first; each can be marked as read.
 * The same page in the backoffice (issue 17 §6, /notifiche): an operator's own notifications — how the
 * cases they sent ended, a colleague's decision on a case they had in charge — linking to the detail.
 */
import type { PortalNotification } from '@esenzioni/domain';
import { Alert, Badge, Button } from 'design-react-kit';
import { useState } from 'react';
import { Link } from 'react-router';
import { listNotifications, markNotificationRead } from '../../api/portal';
import { isCitizen } from '../../app/roles';
import { useSession } from '../../app/session';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { usePageTitle } from '../../ui/usePageTitle';
import { useLoad } from './useLoad';

export default function NotificationsPage() {
  usePageTitle('Notifiche');
  const citizen = isCitizen(useSession().session?.activeProfile);
  const caseLink = (n: string) => (citizen ? `/cittadino/pratiche/${n}` : `/pratiche/${n}`);
  const { data, error, loading, set } = useLoad('me', (s) => listNotifications(s));
  const [busyId, setBusyId] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);

  const markRead = async (n: PortalNotification) => {
    if (!data) return;
    setBusyId(n.id);
    setActionError(null);
    try {
      const updated = await markNotificationRead(n.id);
      set({
        unread: Math.max(0, data.unread - 1),
        items: data.items.map((x) => (x.id === n.id ? updated : x)),
      });
      // the button disappears: keep the keyboard on the same notification
      window.setTimeout(() => document.getElementById(`notifica-${n.id}`)?.focus(), 0);
    } catch (e) {
      setActionError(e);
    } finally {
      setBusyId(null);
    }
  };

  return (
    <>
      <h1 className="h3">Notifiche</h1>
      <div aria-live="polite">
        {loading && <Loading />}
        <ErrorAlert error={error ?? actionError} title="Operazione non riuscita" />
        {data && <p className="h6">{`Notifiche non lette: ${data.unread}`}</p>}
        {data && data.items.length === 0 && (
          <Alert fade={false} color="info">
            Nessuna notifica.
          </Alert>
        )}
      </div>
      {data && data.items.length > 0 && (
        <ul className="list-unstyled" aria-label="Notifiche">
          {data.items.map((n) => (
            <li
              key={n.id}
              id={`notifica-${n.id}`}
              tabIndex={-1}
              className={`border rounded p-3 mb-2${n.readAt ? '' : ' border-primary'}`}
              data-testid="notifica"
            >
              <p className="mb-1">
                {!n.readAt && (
                  <Badge color="primary" className="me-2">
                    Non letta
                  </Badge>
                )}
                {n.text}
              </p>
              <p className="small mb-1">
                {formatDateTime(n.createdAt)}
                {n.caseNumber && (
                  <>
                    {' · '}
                    <Link to={caseLink(n.caseNumber)}>{`Pratica ${n.caseNumber}`}</Link>
                  </>
                )}
              </p>
              {!n.readAt && (
                <Button
                  color="primary"
                  outline
                  size="sm"
                  disabled={busyId === n.id}
                  onClick={() => void markRead(n)}
                >
                  Segna come letta<span className="visually-hidden">{`: ${n.text}`}</span>
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
