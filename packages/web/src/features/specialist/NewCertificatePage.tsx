/** The specialist's "Nuovo certificato di patologia" (POST /api/cases, JSON: the server makes the PDF). */
import { submitSpecialistCase } from '../../api/portal';
import { CaseFormPage } from './CaseFormPage';

export default function NewCertificatePage() {
  return (
    <CaseFormPage
      title="Nuovo certificato di patologia"
      intro="Cercare l'assistito, indicare la diagnosi e il codice di esenzione: il sistema genera il certificato PDF e invia la pratica al distretto dell'ASL di residenza."
      mode="specialist"
      submit={submitSpecialistCase}
      backTo="/specialista/pratiche-inviate"
      againLabel="Nuovo certificato"
    />
  );
}
