/** The specialist's "Nuovo certificato di patologia" (POST /api/cases, JSON: the server makes the PDF). */
import type { CaseDetail } from '@esenzioni/domain';
import { useState } from 'react';
import { submitSpecialistCase } from '../../api/portal';
import { usePageTitle } from '../../ui/usePageTitle';
import { Confirmation } from './Confirmation';
import { CaseForm } from '../case-form/CaseForm';

export default function NewCertificatePage() {
  usePageTitle('Nuovo certificato di patologia');
  const [done, setDone] = useState<CaseDetail | null>(null);
  const [round, setRound] = useState(0);
  return (
    <>
      <h1 className="h3">Nuovo certificato di patologia</h1>
      <p>
        Cercare l&apos;assistito, indicare la diagnosi e il codice di esenzione: il sistema genera il
        certificato PDF e invia la pratica al distretto dell&apos;ASL di residenza.
      </p>
      {done ? (
        <Confirmation
          c={done}
          detailPath={`/pratiche/${done.caseNumber}`}
          backTo="/specialista/pratiche-inviate"
          againLabel="Nuovo certificato"
          onAgain={() => {
            setDone(null);
            setRound((r) => r + 1);
          }}
        />
      ) : (
        <CaseForm key={round} mode="specialist" submit={(f) => submitSpecialistCase(f)} onDone={setDone} />
      )}
    </>
  );
}
