/**
 * "Deleghe": the delegations I gave (and can revoke, with immediate effect), the ones I received, and
 * a new delegation to a person of trust (GET/POST /api/delegations, POST …/{id}/revoke).
 */
import type { Delegation } from '@esenzioni/domain';
import { FISCAL_CODE_MESSAGES, fiscalCodeProblem, normalizeFiscalCode } from '@esenzioni/domain/fiscal-code';
import { parseItalianDate } from '@esenzioni/domain/validity';
import { Alert, Badge, Button, Modal, ModalBody, ModalFooter, ModalHeader, Table } from 'design-react-kit';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { createDelegation, listDelegations, revokeDelegation } from '../../api/portal';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { FiscalCodeField, TextField } from '../../ui/TextField';
import { usePageTitle } from '../../ui/usePageTitle';
import { focusFirst, issuesByField, type FieldErrors } from '../case-form/issues';
import { submitErrorText } from '../case-form/submitError';
import { DATE_FORMAT_PROBLEM, idsWithErrors } from '../case-form/validation';
import { ScrollRegion } from './ScrollRegion';
import { DELEGATION_STATE_LABELS, personName, personWithCode } from './labels';
import { useLoad } from './useLoad';

export function DelegationTable({
  caption,
  rows,
  who,
  onRevoke,
}: {
  caption: string;
  rows: Delegation[];
  who: 'delegate' | 'delegator';
  onRevoke?: (d: Delegation) => void;
}) {
  if (rows.length === 0) return <p>Nessuna delega.</p>;
  return (
    <ScrollRegion label={caption}>
      <Table className="results-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{who === 'delegate' ? 'Delegato' : 'Delegante'}</th>
            <th scope="col">Valida dal</th>
            <th scope="col">Valida fino al</th>
            <th scope="col">Stato</th>
            {onRevoke && <th scope="col">Azioni</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => {
            const p = d[who];
            return (
              <tr key={d.id} data-delegation-id={d.id}>
                <td>
                  {p.firstName || p.lastName ? (
                    <>
                      {personName(p)}
                      <span className="cell-sub">{p.fiscalCode}</span>
                    </>
                  ) : (
                    p.fiscalCode
                  )}
                </td>
                <td>{formatDate(d.validFrom)}</td>
                <td>{d.validUntil ? formatDate(d.validUntil) : 'fino a revoca'}</td>
                <td>
                  <Badge color={d.state === 'ACTIVE' ? 'success' : 'dark'}>
                    {DELEGATION_STATE_LABELS[d.state]}
                  </Badge>
                </td>
                {onRevoke && (
                  <td>
                    {(d.state === 'ACTIVE' || d.state === 'NOT_YET_VALID') && (
                      <Button color="danger" outline size="sm" onClick={() => onRevoke(d)}>
                        Revoca<span className="visually-hidden">{` la delega a ${personName(p)}`}</span>
                      </Button>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </Table>
    </ScrollRegion>
  );
}

const FOCUS_ORDER = [
  ['delegateFiscalCode', 'delega-cf'],
  ['validFrom', 'delega-dal'],
  ['validUntil', 'delega-al'],
] as const;

export default function DelegationsPage() {
  usePageTitle('Deleghe');
  const { data, error, loading, reload } = useLoad('me', (s) => listDelegations(s));
  const [cf, setCf] = useState('');
  const [from, setFrom] = useState('');
  const [until, setUntil] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [feedback, setFeedback] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<Delegation | null>(null);
  const [revokeError, setRevokeError] = useState<unknown>(null);
  const feedbackRef = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useEffect(() => {
    if (feedback) feedbackRef.current?.focus();
  }, [feedback]);

  const create = async (ev: FormEvent) => {
    ev.preventDefault();
    setFormError(null);
    setFeedback(null);
    const e: FieldErrors = {};
    const problem = fiscalCodeProblem(cf);
    if (problem) e.delegateFiscalCode = FISCAL_CODE_MESSAGES[problem];
    const isoFrom = from.trim() ? parseItalianDate(from) : undefined;
    const isoUntil = until.trim() ? parseItalianDate(until) : undefined;
    if (isoFrom === null) e.validFrom = DATE_FORMAT_PROBLEM;
    if (isoUntil === null) e.validUntil = DATE_FORMAT_PROBLEM;
    setErrors(e);
    if (Object.keys(e).length) {
      focusFirst(idsWithErrors(e, FOCUS_ORDER));
      return;
    }
    setBusy(true);
    try {
      const d = await createDelegation({
        delegateFiscalCode: normalizeFiscalCode(cf),
        validFrom: isoFrom ?? undefined,
        validUntil: isoUntil ?? undefined,
      });
      setCf('');
      setFrom('');
      setUntil('');
      // the same answer whether or not the code is of someone known: no name (issue 9)
      setFeedback(
        `Delega registrata per il codice fiscale ${d.delegate.fiscalCode}: la persona con questo codice fiscale può operare per tuo conto${
          d.state === 'NOT_YET_VALID' ? ` dal ${formatDate(d.validFrom)}` : ''
        }.`,
      );
      reload();
    } catch (err) {
      const byField = issuesByField(err);
      setErrors(byField);
      setFormError(submitErrorText(err));
      focusFirst(idsWithErrors(byField, FOCUS_ORDER));
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (d: Delegation) => {
    setBusy(true);
    setRevokeError(null);
    try {
      await revokeDelegation(d.id);
      setRevoking(null);
      setFeedback(`Delega a ${personName(d.delegate)} revocata: non può più operare per tuo conto.`);
      reload();
    } catch (e) {
      setRevokeError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1 className="h3">Deleghe</h1>
      <p>
        Con una delega una persona di fiducia può consultare le tue esenzioni e pratiche e inviare richieste
        per tuo conto. La revoca ha effetto immediato.
      </p>
      <div ref={feedbackRef} tabIndex={-1} aria-live="polite">
        {feedback && (
          <Alert fade={false} color="success">
            {feedback}
          </Alert>
        )}
      </div>
      {loading && <Loading />}
      <ErrorAlert error={error} title="Non è stato possibile leggere le deleghe" />
      {data && (
        <>
          <h2 className="h5 mt-4">Deleghe che ho dato</h2>
          <DelegationTable
            caption="Deleghe che ho dato"
            rows={data.asDelegator}
            who="delegate"
            onRevoke={setRevoking}
          />
          <h2 className="h5 mt-4">Deleghe che ho ricevuto</h2>
          <DelegationTable caption="Deleghe che ho ricevuto" rows={data.asDelegate} who="delegator" />
        </>
      )}
      <h2 className="h5 mt-4">Nuova delega</h2>
      <form noValidate onSubmit={(e) => void create(e)} aria-label="Nuova delega" className="row g-3">
        {formError && (
          <div className="col-12">
            <Alert fade={false} color="danger">
              <strong className="d-block">Delega non registrata</strong>
              {formError}
            </Alert>
          </div>
        )}
        <div className="col-12 col-md-6">
          <FiscalCodeField
            id="delega-cf"
            label="Codice fiscale della persona delegata"
            value={cf}
            onValueChange={setCf}
            error={errors.delegateFiscalCode}
            hint="Per riservatezza il nome della persona delegata non viene mostrato: verifica il codice fiscale."
            required
            aria-required="true"
          />
        </div>
        <div className="col-6 col-md-3">
          <TextField
            id="delega-dal"
            label="Valida dal (facoltativo)"
            value={from}
            onValueChange={setFrom}
            error={errors.validFrom}
            hint="gg/mm/aaaa; vuoto = da oggi"
            inputMode="numeric"
            autoComplete="off"
          />
        </div>
        <div className="col-6 col-md-3">
          <TextField
            id="delega-al"
            label="Valida fino al (facoltativo)"
            value={until}
            onValueChange={setUntil}
            error={errors.validUntil}
            hint="gg/mm/aaaa; vuoto = fino a revoca"
            inputMode="numeric"
            autoComplete="off"
          />
        </div>
        <div className="col-12">
          <Button type="submit" color="primary" disabled={busy}>
            Registra la delega
          </Button>
        </div>
      </form>
      <Modal
        isOpen={revoking !== null}
        toggle={busy ? undefined : () => setRevoking(null)}
        labelledBy={titleId}
        fade={false}
        onClosed={() => setRevokeError(null)}
      >
        <ModalHeader
          toggle={busy ? undefined : () => setRevoking(null)}
          closeAriaLabel="Chiudi senza revocare"
        >
          <span id={titleId}>Revoca delega</span>
        </ModalHeader>
        <ModalBody>
          <ErrorAlert error={revokeError} title="Revoca non riuscita" />
          {revoking && (
            <p>{`Vuoi revocare la delega a ${personWithCode(revoking.delegate)}? Non potrà più operare per tuo conto.`}</p>
          )}
        </ModalBody>
        <ModalFooter>
          <Button color="primary" outline onClick={() => setRevoking(null)} disabled={busy}>
            No
          </Button>
          <Button color="danger" onClick={() => revoking && void revoke(revoking)} disabled={busy}>
            Sì, revoca
          </Button>
        </ModalFooter>
      </Modal>
    </>
  );
}
