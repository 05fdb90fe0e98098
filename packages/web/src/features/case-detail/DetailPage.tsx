/** Detail of a case (manual §3–6): summary, documents, cronologia, notes and the allowed actions. */
import { availableCommands } from '@esenzioni/domain/lifecycle';
import { validationBlocker } from '@esenzioni/domain/manual-rules';
import { Alert, Button } from 'design-react-kit';
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { runCommand } from '../../api/cases';
import { useSession } from '../../app/session';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Icon } from '../../ui/Icon';
import { Loading } from '../../ui/Loading';
import { usePageTitle } from '../../ui/usePageTitle';
import { mayPrintAttestato, PrintAttestatoLink } from '../attestato/AttestatoLinks';
import { CancelDialog } from './CancelDialog';
import { CaseActions } from './CaseActions';
import { CaseSummary } from './CaseSummary';
import { Documents } from './Documents';
import { HistoryDialog } from './HistoryDialog';
import { NotesFields } from './NotesFields';
import { useNoteDraft } from './noteDrafts';
import { RejectDialog } from './RejectDialog';
import { ValidateDialog } from './ValidateDialog';
import { CorrectDiagnosisDialog } from './CorrectDiagnosisDialog';
import { RevokeDialog } from './RevokeDialog';
import { AnnulDialog } from './AnnulDialog';
import { canCancelAsSender, executeSenderCancel } from './senderCancel';
import { useCaseCommands } from './useCaseCommands';
import { useCaseDetail } from './useCaseDetail';
import { DeclarationSection } from '../income/DeclarationSection';

export default function DetailPage() {
  const { caseNumber = '' } = useParams();
  usePageTitle(`Dettaglio pratica ${caseNumber}`);
  const backTo = (useLocation().state as { backTo?: string } | null)?.backTo ?? '/pratiche';
  const { session } = useSession();
  const role = session?.activeProfile?.role;
  const { detail, setDetail, error, reload } = useCaseDetail(caseNumber);
  // kept in the tab until saved: a session expiry, a reload or a conflict does not lose them
  const [notes, setNotes, clearNotes] = useNoteDraft(caseNumber);
  const [notesError, setNotesError] = useState<string | null>(null);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [rejectOpen, setRejectOpen] = useState(false);
  const [validateOpen, setValidateOpen] = useState(false);
  const [diagnosisOpen, setDiagnosisOpen] = useState(false);
  const [revokeOpen, setRevokeOpen] = useState(false);
  const [annulOpen, setAnnulOpen] = useState(false);
  const [focusFeedback, setFocusFeedback] = useState(false);
  const [cancelOpen, setCancelOpen] = useState(false);
  const [cancelBusy, setCancelBusy] = useState(false);
  const { busy, feedback, setFeedback, run } = useCaseCommands({
    detail,
    setDetail,
    reload,
    notes,
    clearNotes,
  });
  const feedbackRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (feedback) feedbackRef.current?.focus();
  }, [feedback]);

  const commands = detail && role ? availableCommands(detail.status, role) : [];
  const senderMayCancel = !!detail && canCancelAsSender(detail, role, session?.user.fiscalCode);
  const cancelAsSender = async () => {
    if (!detail) return;
    setCancelBusy(true);
    setFeedback(null);
    try {
      const outcome = await executeSenderCancel(detail.caseNumber, {
        send: () => runCommand(detail.caseNumber, 'cancel', detail.version, {}),
        reload,
      });
      if (outcome.ok) setDetail(outcome.updated);
      setFeedback(outcome.feedback);
    } finally {
      setCancelBusy(false);
      setFocusFeedback(true);
      setCancelOpen(false);
    }
  };
  const saveNotes = () => {
    if (!notes.beneficiaryNote.trim() && !notes.internalNote.trim()) {
      setNotesError('Inserire almeno una nota (beneficiario o interna).');
      document.getElementById('nota-beneficiario')?.focus();
      return;
    }
    setNotesError(null);
    void run('addNote');
  };

  return (
    <>
      <Link to={backTo} className="d-inline-flex align-items-center gap-1 mb-3">
        <span aria-hidden="true">«</span> Indietro
      </Link>
      <h1 className="h3 mb-3">Dettaglio pratica</h1>
      <div ref={feedbackRef} tabIndex={-1} aria-live="polite">
        {feedback && (
          <Alert fade={false} color={feedback.kind}>
            {feedback.title && <strong className="d-block">{feedback.title}</strong>}
            {feedback.text}
          </Alert>
        )}
      </div>
      <ErrorAlert error={error} title="Non è stato possibile leggere la pratica" />
      {!detail && !error && <Loading />}
      {detail && (
        <>
          <CaseSummary c={detail} />
          <div className="d-flex flex-wrap gap-2 mb-3">
            <Button
              color="primary"
              outline
              size="sm"
              onClick={() => setHistoryOpen(true)}
              className="d-inline-flex align-items-center gap-1"
            >
              <Icon name="it-clock" size="sm" color="primary" />
              Cronologia
            </Button>
            {mayPrintAttestato(role) && <PrintAttestatoLink fiscalCode={detail.beneficiary.fiscalCode} />}
          </div>
          <Documents c={detail} />
          {detail.family === 'INCOME' && <DeclarationSection caseNumber={detail.caseNumber} />}
          <NotesFields
            c={detail}
            notes={notes}
            onChange={(n) => {
              setNotes(n);
              setNotesError(null);
            }}
            editable={commands.includes('addNote')}
            error={notesError}
          />
          <CaseActions
            commands={commands}
            busy={busy}
            validateBlockedBy={validationBlocker(detail)}
            onCommand={(command) => {
              if (command === 'addNote') saveNotes();
              else if (command === 'reject') setRejectOpen(true);
              else if (command === 'validate') setValidateOpen(true);
              else if (command === 'correctDiagnosis') setDiagnosisOpen(true);
              else if (command === 'revoke') setRevokeOpen(true);
              else if (command === 'annul') setAnnulOpen(true);
              else void run(command);
            }}
          />
          {senderMayCancel && (
            <div className="d-flex flex-wrap gap-2 actions-bar mb-4">
              <Button color="danger" outline onClick={() => setCancelOpen(true)} disabled={cancelBusy}>
                Annulla pratica
              </Button>
            </div>
          )}
          <CancelDialog
            caseNumber={detail.caseNumber}
            isOpen={cancelOpen}
            busy={cancelBusy}
            onCancel={() => setCancelOpen(false)}
            onConfirm={() => void cancelAsSender()}
            returnFocus={!focusFeedback}
            onClosed={() => {
              if (focusFeedback) feedbackRef.current?.focus();
              setFocusFeedback(false);
            }}
          />
          <CorrectDiagnosisDialog
            c={detail}
            isOpen={diagnosisOpen}
            busy={busy === 'correctDiagnosis'}
            onCancel={() => setDiagnosisOpen(false)}
            onConfirm={async (body) => {
              await run('correctDiagnosis', undefined, body);
              setFocusFeedback(true);
              setDiagnosisOpen(false);
            }}
            returnFocus={!focusFeedback}
            onClosed={() => {
              if (focusFeedback) feedbackRef.current?.focus();
              setFocusFeedback(false);
            }}
          />
          <ValidateDialog
            c={detail}
            isOpen={validateOpen}
            busy={busy === 'validate'}
            onCancel={() => setValidateOpen(false)}
            onConfirm={async () => {
              await run('validate');
              setFocusFeedback(true);
              setValidateOpen(false);
            }}
            returnFocus={!focusFeedback}
            onClosed={() => {
              if (focusFeedback) feedbackRef.current?.focus();
              setFocusFeedback(false);
            }}
          />
          <RejectDialog
            caseNumber={detail.caseNumber}
            isOpen={rejectOpen}
            busy={busy === 'reject'}
            onCancel={() => setRejectOpen(false)}
            onConfirm={async (reason) => {
              await run('reject', reason);
              // the outcome (success or conflict) gets the focus, not the button that opened the dialog
              setFocusFeedback(true);
              setRejectOpen(false);
            }}
            returnFocus={!focusFeedback}
            onClosed={() => {
              if (focusFeedback) feedbackRef.current?.focus();
              setFocusFeedback(false);
            }}
          />
          <RevokeDialog
            c={detail}
            isOpen={revokeOpen}
            busy={busy === 'revoke'}
            onCancel={() => setRevokeOpen(false)}
            onConfirm={async (body) => {
              await run('revoke', undefined, body);
              setFocusFeedback(true);
              setRevokeOpen(false);
            }}
            returnFocus={!focusFeedback}
            onClosed={() => {
              if (focusFeedback) feedbackRef.current?.focus();
              setFocusFeedback(false);
            }}
          />
          <AnnulDialog
            c={detail}
            isOpen={annulOpen}
            busy={busy === 'annul'}
            onCancel={() => setAnnulOpen(false)}
            onConfirm={async (body) => {
              await run('annul', undefined, body);
              setFocusFeedback(true);
              setAnnulOpen(false);
            }}
            returnFocus={!focusFeedback}
            onClosed={() => {
              if (focusFeedback) feedbackRef.current?.focus();
              setFocusFeedback(false);
            }}
          />
          <HistoryDialog
            caseNumber={historyOpen ? detail.caseNumber : null}
            version={detail.version}
            onClose={() => setHistoryOpen(false)}
          />
        </>
      )}
    </>
  );
}
