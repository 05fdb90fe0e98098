/** The counter's "Nuova pratica allo sportello" with the scanned documents (multipart POST /api/cases). */
import { submitCounterCase } from '../../api/portal';
import { CaseFormPage } from './CaseFormPage';

export default function CounterCasePage() {
  return (
    <CaseFormPage
      title="Nuova pratica allo sportello"
      intro="Pratica per un assistito della propria ASL presentata allo sportello: allegare il certificato scansionato ed eventuali altri documenti."
      mode="counter"
      submit={submitCounterCase}
      backTo="/sportello/nuova-pratica"
      againLabel="Nuova pratica"
    />
  );
}
