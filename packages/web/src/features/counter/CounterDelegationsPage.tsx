/**
 * «Deleghe» at the counter (issue 17 §3): the operator registers the delegation a resident of the ASL
 * signed on paper — having seen it with the identity documents of delegator and delegate — and finds and
 * revokes a resident's delegations. Then the delegate acts «Per conto di» on the portal.
 */
import type { Delegation, DelegationList } from '@esenzioni/domain';
import { FISCAL_CODE_MESSAGES, fiscalCodeProblem, normalizeFiscalCode } from '@esenzioni/domain/fiscal-code';
import { parseItalianDate } from '@esenzioni/domain/validity';
import { Alert, Button } from 'design-react-kit';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { createDelegation, listDelegations, revokeDelegation } from '../../api/portal';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { SummaryAlert } from '../../ui/SummaryAlert';
import { DateTextField, FiscalCodeField } from '../../ui/TextField';
import { usePageTitle } from '../../ui/usePageTitle';
import { ConfirmDialog } from '../case-detail/ConfirmDialog';
import { focusFirst, issuesByField, type FieldErrors } from '../case-form/issues';
import { submitErrorText } from '../case-form/submitError';
import { DATE_FORMAT_PROBLEM, MISSING_OR_INVALID } from '../case-form/validation';
import { DelegationTable } from '../citizen/DelegationsPage';
import { personName } from '../citizen/labels';

const IDS = {
  delegatorFiscalCode: 'sportello-delegante',
  delegateFiscalCode: 'sportello-delegato',
  validFrom: 'sportello-delega-dal',
  validUntil: 'sportello-delega-al',
  seen: 'sportello-delega-vista',
} as const;
type Field = keyof typeof IDS;

export default function CounterDelegationsPage() {
  usePageTitle('Deleghe allo sportello');
  const [form, setForm] = useState({ delegator: '', delegate: '', from: '', until: '', seen: false });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [feedback, setFeedback] = useState<string | null>(null);
  const [lookup, setLookup] = useState('');
  const [lookupError, setLookupError] = useState<string | null>(null);
  const [found, setFound] = useState<{ fiscalCode: string; list: DelegationList } | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [revoking, setRevoking] = useState<Delegation | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const feedbackRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (feedback) feedbackRef.current?.focus();
  }, [feedback]);

  const load = async (fiscalCode: string) => {
    setLoadError(null);
    try {
      setFound({ fiscalCode, list: await listDelegations(undefined, undefined, fiscalCode) });
    } catch (e) {
      setFound(null);
      setLoadError(e);
    }
  };

  const register = async (ev: FormEvent) => {
    ev.preventDefault();
    setFeedback(null);
    const e: FieldErrors = {};
    for (const [field, value] of [
      ['delegatorFiscalCode', form.delegator],
      ['delegateFiscalCode', form.delegate],
    ] as const) {
      const problem = fiscalCodeProblem(value);
      if (problem) e[field] = FISCAL_CODE_MESSAGES[problem];
    }
    const from = form.from.trim() ? parseItalianDate(form.from) : undefined;
    const until = form.until.trim() ? parseItalianDate(form.until) : undefined;
    if (from === null) e.validFrom = DATE_FORMAT_PROBLEM;
    if (until === null) e.validUntil = DATE_FORMAT_PROBLEM;
    if (!form.seen)
      e.seen = 'Confermare di aver visto la delega firmata e i documenti d’identità di delegante e delegato.';
    setErrors(e);
    const order = (Object.keys(IDS) as Field[]).filter((f) => e[f]).map((f) => IDS[f]);
    if (order.length) {
      setSummary(MISSING_OR_INVALID);
      window.setTimeout(() => focusFirst(order), 0);
      return;
    }
    setSummary(null);
    setBusy(true);
    try {
      const d = await createDelegation({
        delegatorFiscalCode: normalizeFiscalCode(form.delegator),
        delegateFiscalCode: normalizeFiscalCode(form.delegate),
        validFrom: from ?? undefined,
        validUntil: until ?? undefined,
      });
      setForm({ delegator: '', delegate: '', from: '', until: '', seen: false });
      setFeedback(
        `Delega registrata: ${personName(d.delegate)} può operare per conto di ${personName(d.delegator)}.`,
      );
      setLookup(d.delegator.fiscalCode);
      await load(d.delegator.fiscalCode);
    } catch (err) {
      setErrors(issuesByField(err));
      setSummary(submitErrorText(err));
      window.setTimeout(() => summaryRef.current?.focus(), 0);
    } finally {
      setBusy(false);
    }
  };

  const search = async (ev: FormEvent) => {
    ev.preventDefault();
    const problem = fiscalCodeProblem(lookup);
    setLookupError(problem ? FISCAL_CODE_MESSAGES[problem] : null);
    if (problem) {
      document.getElementById('sportello-deleghe-cf')?.focus();
      return;
    }
    await load(normalizeFiscalCode(lookup));
  };

  const revoke = async (d: Delegation) => {
    setBusy(true);
    try {
      await revokeDelegation(d.id);
      setFeedback(
        `Delega a ${personName(d.delegate)} revocata: non può più operare per conto di ${personName(d.delegator)}.`,
      );
      if (found) await load(found.fiscalCode);
    } catch (e) {
      setLoadError(e);
    } finally {
      setBusy(false);
      setRevoking(null);
    }
  };

  const set = (k: keyof typeof form) => (v: string) => setForm({ ...form, [k]: v });
  return (
    <>
      <h1 className="h3">Deleghe allo sportello</h1>
      <p>
        Si registra la delega scritta che un assistito dell’ASL ha firmato, dopo aver visto la delega e i
        documenti d’identità di delegante e delegato. Il delegato potrà poi operare «Per conto di» dal
        portale. La revoca ha effetto immediato.
      </p>
      <div ref={feedbackRef} tabIndex={-1} aria-live="polite">
        {feedback && (
          <Alert fade={false} color="success">
            {feedback}
          </Alert>
        )}
      </div>
      <h2 className="h5 mt-4">Registra una delega</h2>
      <form
        noValidate
        onSubmit={(e) => void register(e)}
        aria-label="Registra una delega"
        className="row g-3"
      >
        <div className="col-12">
          <SummaryAlert
            summaryRef={summaryRef}
            title="Delega non registrata"
            text={summary}
            errors={errors}
          />
        </div>
        <div className="col-12 col-md-6">
          <FiscalCodeField
            id={IDS.delegatorFiscalCode}
            label="Codice fiscale di chi delega"
            value={form.delegator}
            onValueChange={set('delegator')}
            error={errors.delegatorFiscalCode}
          />
        </div>
        <div className="col-12 col-md-6">
          <FiscalCodeField
            id={IDS.delegateFiscalCode}
            label="Codice fiscale della persona delegata"
            value={form.delegate}
            onValueChange={set('delegate')}
            error={errors.delegateFiscalCode}
          />
        </div>
        <div className="col-6 col-md-3">
          <DateTextField
            id={IDS.validFrom}
            label="Valida dal (facoltativo)"
            value={form.from}
            onValueChange={set('from')}
            error={errors.validFrom}
            hint="vuoto = da oggi"
          />
        </div>
        <div className="col-6 col-md-3">
          <DateTextField
            id={IDS.validUntil}
            label="Valida fino al (facoltativo)"
            value={form.until}
            onValueChange={set('until')}
            error={errors.validUntil}
            hint="vuoto = fino a revoca"
          />
        </div>
        <div className="col-12">
          <div className="form-check">
            <input
              id={IDS.seen}
              type="checkbox"
              className="form-check-input"
              checked={form.seen}
              onChange={(e) => setForm({ ...form, seen: e.target.checked })}
              aria-invalid={errors.seen ? true : undefined}
              aria-describedby={errors.seen ? `${IDS.seen}-errore` : undefined}
            />
            <label htmlFor={IDS.seen} className="form-check-label">
              Ho visto la delega firmata e i documenti d’identità di delegante e delegato
            </label>
            {errors.seen && (
              <div id={`${IDS.seen}-errore`} className="invalid-feedback d-block">
                {errors.seen}
              </div>
            )}
          </div>
        </div>
        <div className="col-12">
          <Button type="submit" color="primary" disabled={busy}>
            Registra la delega
          </Button>
        </div>
      </form>

      <h2 className="h5 mt-5">Deleghe di un assistito</h2>
      <form
        noValidate
        onSubmit={(e) => void search(e)}
        aria-label="Cerca le deleghe di un assistito"
        className="row g-3"
      >
        <div className="col-12 col-md-6">
          <FiscalCodeField
            id="sportello-deleghe-cf"
            label="Codice fiscale dell’assistito"
            value={lookup}
            onValueChange={setLookup}
            error={lookupError}
          />
        </div>
        <div className="col-12 col-md-6 d-flex align-items-start">
          <Button type="submit" color="primary" outline>
            Cerca
          </Button>
        </div>
      </form>
      <ErrorAlert error={loadError} title="Non è stato possibile leggere le deleghe" />
      {found && (
        <section aria-label={`Deleghe di ${found.fiscalCode}`} className="mt-3">
          <h3 className="h6">Deleghe date</h3>
          <DelegationTable
            caption="Deleghe date"
            rows={found.list.asDelegator}
            who="delegate"
            onRevoke={setRevoking}
          />
          <h3 className="h6 mt-3">Deleghe ricevute</h3>
          <DelegationTable caption="Deleghe ricevute" rows={found.list.asDelegate} who="delegator" />
        </section>
      )}
      <ConfirmDialog
        title="REVOCA DELEGA"
        closeLabel="Chiudi senza revocare"
        confirmLabel="Sì, revoca"
        busyLabel="Revoca…"
        isOpen={revoking !== null}
        busy={busy}
        onCancel={() => setRevoking(null)}
        onConfirm={() => revoking && void revoke(revoking)}
      >
        <p className="mb-0">
          {revoking &&
            `Revocare la delega di ${personName(revoking.delegator)} a ${personName(revoking.delegate)}? Ha effetto immediato.`}
        </p>
      </ConfirmDialog>
    </>
  );
}
