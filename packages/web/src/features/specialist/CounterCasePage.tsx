/** The counter's "Nuova pratica allo sportello" with the scanned documents (multipart POST /api/cases). */
import type { CaseDetail } from '@esenzioni/domain';
import { useState } from 'react';
import { submitCounterCase } from '../../api/portal';
import { usePageTitle } from '../../ui/usePageTitle';
import { Confirmation } from './Confirmation';
import { CaseForm } from '../case-form/CaseForm';

export default function CounterCasePage() {
  usePageTitle('Nuova pratica allo sportello');
  const [done, setDone] = useState<CaseDetail | null>(null);
  const [round, setRound] = useState(0);
  return (
    <>
      <h1 className="h3">Nuova pratica allo sportello</h1>
      <p>
        Pratica per un assistito della propria ASL presentata allo sportello: allegare il certificato
        scansionato ed eventuali altri documenti.
      </p>
      {done ? (
        <Confirmation
          c={done}
          detailPath={`/pratiche/${done.caseNumber}`}
          backTo="/sportello/nuova-pratica"
          againLabel="Nuova pratica"
          onAgain={() => {
            setDone(null);
            setRound((r) => r + 1);
          }}
        />
      ) : (
        <CaseForm key={round} mode="counter" submit={submitCounterCase} onDone={setDone} />
      )}
    </>
  );
}
