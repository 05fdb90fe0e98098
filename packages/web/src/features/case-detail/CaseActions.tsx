/** Only the buttons the state and the role allow (availableCommands), one per command of the catalogue. */
import type { CaseCommand } from '@esenzioni/domain';
import { Button } from 'design-react-kit';
import { Icon } from '../../ui/Icon';
import type { DistrictCommand } from './commandRun';

interface Props {
  commands: CaseCommand[];
  busy: CaseCommand | null;
  /** reject, revoke and annul open their dialogs; the others run at once */
  onCommand: (command: DistrictCommand) => void;
  /** why «Valida» cannot be used on this case (validationBlocker): the button is disabled and says why */
  validateBlockedBy?: string | null;
}

const VALIDATE_BLOCKED_ID = 'valida-non-disponibile';

/** The buttons in the order the bar shows them (the manual's detail screen). */
const BUTTONS: ReadonlyArray<{
  command: DistrictCommand;
  text: string;
  busyText?: string;
  color: 'primary' | 'danger' | 'success';
  outline: boolean;
}> = [
  { command: 'addNote', text: 'Salva note', busyText: 'Salvataggio…', color: 'primary', outline: true },
  // issue 17 §2: opens its dialog (diagnosis and code)
  { command: 'correctDiagnosis', text: 'Correggi diagnosi', color: 'primary', outline: true },
  { command: 'reject', text: 'Respingi', color: 'danger', outline: true },
  {
    command: 'takeCharge',
    text: 'Prendi in carico',
    busyText: 'Presa in carico…',
    color: 'primary',
    outline: true,
  },
  { command: 'validate', text: 'Valida', busyText: 'Validazione…', color: 'success', outline: false },
  // on an exemption in force: each opens its confirmation dialog
  { command: 'revoke', text: 'Revoca', color: 'danger', outline: true },
  { command: 'annul', text: 'Annulla esenzione', color: 'danger', outline: true },
];

export function CaseActions({ commands, busy, onCommand, validateBlockedBy = null }: Props) {
  const shown = BUTTONS.filter((b) => commands.includes(b.command));
  if (!shown.length) return null;
  const disabled = busy !== null;
  const validateBlocked = validateBlockedBy !== null && commands.includes('validate');
  return (
    <div className="mb-4">
      <div className="d-flex flex-wrap gap-2 actions-bar" role="group" aria-label="Azioni sulla pratica">
        {shown.map((b) => {
          const blocked = b.command === 'validate' && validateBlocked;
          return (
            <Button
              key={b.command}
              color={b.color}
              outline={b.outline}
              onClick={() => onCommand(b.command)}
              disabled={disabled || blocked}
              aria-describedby={blocked ? VALIDATE_BLOCKED_ID : undefined}
              className={b.command === 'validate' ? 'd-inline-flex align-items-center gap-1' : undefined}
            >
              {b.command === 'validate' && <Icon name="it-check" size="sm" color="white" />}
              {busy === b.command && b.busyText ? b.busyText : b.text}
            </Button>
          );
        })}
      </div>
      {validateBlocked && (
        <p id={VALIDATE_BLOCKED_ID} className="note-help mt-2 mb-0" data-testid="valida-non-disponibile">
          {validateBlockedBy}
        </p>
      )}
    </div>
  );
}
