/** Only the buttons the state and the role allow (availableCommands). */
import type { CaseCommand } from '@esenzioni/domain';
import { Button } from 'design-react-kit';
import { Icon } from '../../ui/Icon';

interface Props {
  commands: CaseCommand[];
  busy: CaseCommand | null;
  onTakeCharge: () => void;
  onValidate: () => void;
  onReject: () => void;
  onSaveNotes: () => void;
}

export function CaseActions({ commands, busy, onTakeCharge, onValidate, onReject, onSaveNotes }: Props) {
  const has = (c: CaseCommand) => commands.includes(c);
  if (!['takeCharge', 'validate', 'reject', 'addNote'].some((c) => has(c as CaseCommand))) return null;
  const disabled = busy !== null;
  return (
    <div className="d-flex flex-wrap gap-2 actions-bar mb-4" role="group" aria-label="Azioni sulla pratica">
      {has('addNote') && (
        <Button color="primary" outline onClick={onSaveNotes} disabled={disabled}>
          {busy === 'addNote' ? 'Salvataggio…' : 'Salva note'}
        </Button>
      )}
      {has('reject') && (
        <Button color="danger" outline onClick={onReject} disabled={disabled}>
          Respingi
        </Button>
      )}
      {has('takeCharge') && (
        <Button color="primary" outline onClick={onTakeCharge} disabled={disabled}>
          {busy === 'takeCharge' ? 'Presa in carico…' : 'Prendi in carico'}
        </Button>
      )}
      {has('validate') && (
        <Button
          color="success"
          onClick={onValidate}
          disabled={disabled}
          className="d-inline-flex align-items-center gap-1"
        >
          <Icon name="it-check" size="sm" color="white" />
          {busy === 'validate' ? 'Validazione…' : 'Valida'}
        </Button>
      )}
    </div>
  );
}
