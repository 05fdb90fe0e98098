/**
 * Detail of one of my cases (GET /api/me/cases/{n}): state, exemption, the district's note for me
 * (never the internal note or the coded reason: the server leaves them out), and "Annulla richiesta"
 * while Inviata or In lavorazione, behind a confirmation (POST …/cancel with If-Match).
 */
import type { CaseDetail } from '@esenzioni/domain';
import { CASE_STATUS_LABELS, EXEMPTION_FAMILY_LABELS, SUBMITTER_TYPE_LABELS } from '@esenzioni/domain/enums';
import { Alert, Badge, Button, Modal, ModalBody, ModalFooter, ModalHeader } from 'design-react-kit';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { cancelMyCase, myCase } from '../../api/portal';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { errorMessage } from '../../ui/errorMessage';
import { formatDate } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { attachmentKindLabel } from '../case-detail/Documents';
import { RenewAction } from '../renewal/RenewAction';
import { ExemptServices } from '../case-detail/ExemptServices';
import { InvalidityItems } from '../case-detail/InvalidityItems';
import { RenewalLinks } from '../renewal/RenewalLinks';
import { useOnBehalfOf, usePortalTitle } from './behalf';
import { nextStep } from './nextSteps';
import { STATUS_COLORS } from './labels';
import { useLoad } from './useLoad';

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="col-12 col-md-6">
      <dt>{label}</dt> <dd>{children}</dd>
    </div>
  );
}

export default function MyCaseDetailPage() {
  const { caseNumber = '' } = useParams();
  const title = usePortalTitle(`Pratica ${caseNumber}`, (name) => `Pratica ${caseNumber} di ${name}`);
  const [onBehalfOf] = useOnBehalfOf();
  const {
    data: c,
    error,
    loading,
    set,
    reload,
  } = useLoad(`${caseNumber}|${onBehalfOf ?? ''}`, (s) => myCase(caseNumber, onBehalfOf, s));
  const [confirmOpen, setConfirmOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [feedback, setFeedback] = useState<{ kind: 'success' | 'danger'; text: string } | null>(null);
  const feedbackRef = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useEffect(() => {
    if (feedback) feedbackRef.current?.focus();
  }, [feedback]);

  const cancel = async (current: CaseDetail) => {
    setBusy(true);
    try {
      const updated = await cancelMyCase(current, onBehalfOf);
      set(updated);
      setFeedback({ kind: 'success', text: `Richiesta ${current.caseNumber} annullata.` });
    } catch (e) {
      const conflict = isApiError(e) && (e.status === 409 || e.status === 412);
      setFeedback({
        kind: 'danger',
        text: conflict
          ? 'La pratica è stata modificata nel frattempo dal distretto: ecco lo stato aggiornato. Se è ancora possibile, riprovare.'
          : errorMessage(e),
      });
      if (conflict) reload();
    } finally {
      setBusy(false);
      setConfirmOpen(false);
    }
  };

  const cancellable = c && (c.status === 'SUBMITTED' || c.status === 'IN_PROGRESS');
  return (
    <>
      <Link to="/cittadino/pratiche" className="d-inline-flex align-items-center gap-1 mb-3">
        <span aria-hidden="true">«</span> Le mie pratiche
      </Link>
      <h1 className="h3 mb-3">{title}</h1>
      <div ref={feedbackRef} tabIndex={-1} aria-live="polite">
        {feedback && (
          <Alert fade={false} color={feedback.kind}>
            {feedback.text}
          </Alert>
        )}
      </div>
      {loading && <Loading />}
      <ErrorAlert error={error} title="Non è stato possibile leggere la pratica" />
      {c && (
        <>
          <p className="mb-3">
            <Badge color={STATUS_COLORS[c.status]} className="fs-6 px-3 py-2" testId="stato-richiesta">
              {CASE_STATUS_LABELS[c.status].toUpperCase()}
            </Badge>
          </p>
          <p className="lead-next" data-testid="cosa-succede-ora">
            <span className="fw-semibold">Cosa succede ora: </span>
            {nextStep(c)}
          </p>
          <dl className="row detail-dl">
            <Item label="Beneficiario">{`${c.beneficiary.lastName} ${c.beneficiary.firstName} – ${c.beneficiary.fiscalCode}`}</Item>
            <Item label="Esenzione">
              <span className="fw-semibold">{c.exemption.code}</span> {c.exemption.description}
            </Item>
            <Item label="Pratica di esenzione per">{EXEMPTION_FAMILY_LABELS[c.family]}</Item>
            <Item label="Diagnosi">
              {c.diagnosis ? `${c.diagnosis.code} – ${c.diagnosis.description}` : 'Non indicata'}
            </Item>
            <Item label="Inviata da">
              {c.submitter.structure
                ? `${SUBMITTER_TYPE_LABELS[c.submitter.type]} – ${c.submitter.structure}`
                : SUBMITTER_TYPE_LABELS[c.submitter.type]}
            </Item>
            <Item label="Inviata il">{formatDate(c.submittedAt)}</Item>
            <Item label="Aggiornata il">{formatDate(c.updatedAt)}</Item>
            <Item label="ASL">{`${c.asl.name}${c.district ? ` – ${c.district.name}` : ''}`}</Item>
            {c.status === 'VALIDATED' && (
              <Item label="Valida">{`dal ${formatDate(c.validFrom)} ${c.validUntil ? `al ${formatDate(c.validUntil)}` : 'senza scadenza'}`}</Item>
            )}
            <InvalidityItems c={c} Item={Item} />
            <RenewalLinks detail={c} to={(n) => `/cittadino/pratiche/${n}`} Item={Item} />
          </dl>
          <ExemptServices exemptServices={c.exemptServices} scope={c.scope} services={c.services} />
          <section aria-labelledby="nota-titolo" className="mb-4">
            <h2 id="nota-titolo" className="h5">
              {c.beneficiaryNoteBy === 'BENEFICIARY' ? 'La sua nota' : 'Nota del distretto'}
            </h2>
            <p data-testid="nota-beneficiario">{c.beneficiaryNote || 'Nessuna nota.'}</p>
          </section>
          {(c.certificate.available || c.attachments.length > 0) && (
            <section aria-labelledby="documenti-titolo" className="mb-4">
              <h2 id="documenti-titolo" className="h5">
                Documenti inviati
              </h2>
              <ul>
                {c.certificate.available && (
                  <li>{c.family === 'INVALIDITY' ? 'Verbale di invalidità' : 'Certificato specialistico'}</li>
                )}
                {c.attachments.map((a) => (
                  <li key={a.id}>{`${attachmentKindLabel(a)}: ${a.fileName}`}</li>
                ))}
              </ul>
            </section>
          )}
          {!c.renewedBy && (
            <p>
              <RenewAction
                caseNumber={c.caseNumber}
                code={c.exemption.code}
                family={c.family}
                status={c.status}
                onBehalfOf={onBehalfOf}
              />
            </p>
          )}
          {cancellable && (
            <Button color="danger" outline onClick={() => setConfirmOpen(true)}>
              Annulla richiesta
            </Button>
          )}
          <Modal
            isOpen={confirmOpen}
            toggle={busy ? undefined : () => setConfirmOpen(false)}
            labelledBy={titleId}
            fade={false}
          >
            <ModalHeader
              toggle={busy ? undefined : () => setConfirmOpen(false)}
              closeAriaLabel="Chiudi senza annullare"
            >
              <span id={titleId}>Annulla richiesta</span>
            </ModalHeader>
            <ModalBody>
              <p>{`Vuoi davvero annullare la richiesta ${c.caseNumber} (${c.exemption.code})? L'operazione non si può disfare.`}</p>
            </ModalBody>
            <ModalFooter>
              <Button color="primary" outline onClick={() => setConfirmOpen(false)} disabled={busy}>
                No, torna alla pratica
              </Button>
              <Button color="danger" onClick={() => void cancel(c)} disabled={busy}>
                {busy ? 'Annullamento…' : 'Sì, annulla la richiesta'}
              </Button>
            </ModalFooter>
          </Modal>
        </>
      )}
    </>
  );
}
