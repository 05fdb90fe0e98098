/** The date of the certificate (or verbale), typed as gg/mm/aaaa (the way the backoffice asks dates). */
import { DateTextField } from '../../ui/TextField';

export const ISSUED_ON_FIELD_ID = 'data-certificato';

interface Props {
  label: string;
  value: string;
  onValueChange: (v: string) => void;
  error?: string | null;
}

export function IssuedOnField({ label, value, onValueChange, error }: Props) {
  return (
    <div className="row">
      <div className="col-12 col-md-6">
        <DateTextField
          id={ISSUED_ON_FIELD_ID}
          label={label}
          value={value}
          onValueChange={onValueChange}
          error={error}
          hint="Formato gg/mm/aaaa"
          required
          aria-required="true"
        />
      </div>
    </div>
  );
}
