/** "Assistito": the fiscal code, looked up in the regional registry (GET /api/people/{cf}). */
import type { PersonResponse } from '@esenzioni/domain';
import { FISCAL_CODE_MESSAGES, fiscalCodeProblem, normalizeFiscalCode } from '@esenzioni/domain/fiscal-code';
import { Button } from 'design-react-kit';
import { useState } from 'react';
import { getPerson } from '../../api/portal';
import { useSession } from '../../app/session';
import { mayPrintAttestato, PrintAttestatoLink } from '../attestato/AttestatoLinks';
import { errorMessage } from '../../ui/errorMessage';
import { formatDate } from '../../ui/format';
import { FiscalCodeField } from '../../ui/TextField';

interface Props {
  fiscalCode: string;
  onFiscalCodeChange: (v: string) => void;
  person: PersonResponse | null;
  onPerson: (p: PersonResponse | null) => void;
  error?: string | null;
}

export const PERSON_FIELD_ID = 'assistito-cf';

export function PersonField({ fiscalCode, onFiscalCodeChange, person, onPerson, error }: Props) {
  const [busy, setBusy] = useState(false);
  const [lookupError, setLookupError] = useState<string | null>(null);
  const role = useSession().session?.activeProfile?.role;

  const lookup = async () => {
    const problem = fiscalCodeProblem(fiscalCode);
    if (problem) {
      setLookupError(FISCAL_CODE_MESSAGES[problem]);
      document.getElementById(PERSON_FIELD_ID)?.focus();
      return;
    }
    setBusy(true);
    setLookupError(null);
    try {
      onPerson(await getPerson(normalizeFiscalCode(fiscalCode)));
    } catch (e) {
      onPerson(null);
      setLookupError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const shown = lookupError ?? error ?? null;
  return (
    <fieldset className="mb-3">
      <legend className="h5 px-0">Assistito</legend>
      <div className="row g-2 align-items-start">
        <div className="col-12 col-md-7">
          <FiscalCodeField
            id={PERSON_FIELD_ID}
            label="Codice fiscale dell'assistito"
            value={fiscalCode}
            onValueChange={(v) => {
              onFiscalCodeChange(v);
              if (person && normalizeFiscalCode(v) !== person.fiscalCode) onPerson(null);
              setLookupError(null);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                void lookup();
              }
            }}
            error={shown}
            required
            aria-required="true"
          />
        </div>
        <div className="col-12 col-md-5">
          <Button type="button" color="primary" outline onClick={() => void lookup()} disabled={busy}>
            {busy ? 'Ricerca…' : 'Cerca assistito'}
          </Button>
        </div>
      </div>
      <div aria-live="polite">
        {person && (
          <div className="callout-lite border rounded p-3 mb-2" data-testid="assistito-trovato">
            <p className="fw-semibold mb-1">{`${person.lastName} ${person.firstName}`}</p>
            <p className="mb-0 small">
              {person.fiscalCode}
              {person.birthDate ? ` · nato/a il ${formatDate(person.birthDate)}` : ''}
              {person.residence.asl ? ` · ${person.residence.asl.name}` : ''}
              {person.residence.district ? ` – ${person.residence.district.name}` : ''}
            </p>
            {mayPrintAttestato(role) && (
              <div className="mt-2">
                <PrintAttestatoLink fiscalCode={person.fiscalCode} />
              </div>
            )}
          </div>
        )}
      </div>
    </fieldset>
  );
}
