/** "Per conto di": switch between oneself and the people who delegated me (active delegations). */
import type { Delegation } from '@esenzioni/domain';
import { Alert, Select } from 'design-react-kit';
import { useEffect, useState } from 'react';
import { listDelegations } from '../../api/portal';
import { useSession } from '../../app/session';
import { useOnBehalfOf } from './behalf';
import { personName, personWithCode } from './labels';
import './BehalfSwitch.css';

export function BehalfSwitch() {
  const user = useSession().session?.user;
  const [onBehalfOf, setOnBehalfOf] = useOnBehalfOf();
  const [delegators, setDelegators] = useState<Delegation[] | null>(null);

  useEffect(() => {
    const ctrl = new AbortController();
    // only the delegations received: the switch shows nothing else, and each person listed is an access-log row
    listDelegations(ctrl.signal, 'received')
      .then((l) => setDelegators(l.asDelegate.filter((d) => d.state === 'ACTIVE')))
      .catch(() => !ctrl.signal.aborted && setDelegators([]));
    return () => ctrl.abort();
  }, []);

  // a delegation revoked or expired since it was chosen: back to oneself
  useEffect(() => {
    if (delegators && onBehalfOf && !delegators.some((d) => d.delegator.fiscalCode === onBehalfOf)) {
      setOnBehalfOf(null);
    }
  }, [delegators, onBehalfOf, setOnBehalfOf]);

  if (!delegators || delegators.length === 0) return null;
  const chosen = delegators.find((d) => d.delegator.fiscalCode === onBehalfOf);
  return (
    <div className="portal-switch mb-3">
      <Select
        id="per-conto-di"
        label="Per conto di"
        value={onBehalfOf ?? ''}
        onChange={(v: string) => {
          const d = delegators.find((x) => x.delegator.fiscalCode === v);
          setOnBehalfOf(v || null, d ? personName(d.delegator) : undefined);
        }}
      >
        {[
          <option key="" value="">
            {`Me stesso${user ? ` (${user.firstName} ${user.lastName})` : ''}`}
          </option>,
          ...delegators.map((d) => (
            <option key={d.id} value={d.delegator.fiscalCode}>
              {personWithCode(d.delegator)}
            </option>
          )),
        ]}
      </Select>
      {chosen && (
        <Alert fade={false} color="info" className="mt-2">
          {`Stai operando come delegato per conto di ${personWithCode(chosen.delegator)}.`}
        </Alert>
      )}
    </div>
  );
}
