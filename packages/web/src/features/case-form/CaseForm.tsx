/**
 * The case form of the specialist ("Nuovo certificato di patologia") and of the counter ("Nuova
 * pratica allo sportello", with the scanned documents): assistito, diagnosis, exemption code, date
 * of the certificate, notes. What was typed stays after an error; the server's issues are shown next
 * to their fields.
 */
import type { CaseDetail, PersonResponse } from '@esenzioni/domain';
import { NOTE_MAX_LENGTH } from '@esenzioni/domain/enums';
import { formatItalianDate, parseItalianDate, todayInRome } from '@esenzioni/domain/validity';
import { Alert, Button, TextArea } from 'design-react-kit';
import { useRef, useState, type FormEvent } from 'react';
import type { CaseFields, CaseFiles, Diagnosis } from '../../api/portal';
import { DateField } from './DateField';
import { DIAGNOSIS_FIELD_ID, DiagnosisField } from './DiagnosisField';
import { CODE_FIELD_ID, ExemptionCodeField } from './ExemptionCodeField';
import { DocumentsFieldset } from './DocumentsFieldset';
import { focusFirst, issuesByField, withoutField, type FieldErrors } from './issues';
import { PERSON_FIELD_ID, PersonField } from './PersonField';
import { submitErrorText } from './submitError';
import { fileProblem, tooMany } from './uploads';
import './form.css';

interface Props {
  mode: 'specialist' | 'counter';
  submit: (fields: CaseFields, files: CaseFiles) => Promise<CaseDetail>;
  onDone: (c: CaseDetail) => void;
}

export function CaseForm({ mode, submit, onDone }: Props) {
  const counter = mode === 'counter';
  const [cf, setCf] = useState('');
  const [person, setPerson] = useState<PersonResponse | null>(null);
  const [diagnosis, setDiagnosis] = useState<Diagnosis | null>(null);
  const [code, setCode] = useState('');
  const [issuedOn, setIssuedOn] = useState(formatItalianDate(todayInRome()));
  const [notes, setNotes] = useState('');
  const [certificate, setCertificate] = useState<File[]>([]);
  const [documents, setDocuments] = useState<File[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);

  const isoIssued = parseItalianDate(issuedOn);
  const clear = (field: string) => setErrors(withoutField(field));
  // the sentence above the form goes once every field it pointed at is corrected (client checks only)
  const [clientSummary, setClientSummary] = useState(false);
  const shownSummary = clientSummary && Object.keys(errors).length === 0 ? null : summary;

  const check = async (): Promise<FieldErrors> => {
    const e: FieldErrors = {};
    if (!person) e.beneficiaryFiscalCode = "Cercare l'assistito con «Cerca assistito» prima di inviare.";
    if (!counter && !diagnosis) e.diagnosisCode = "Scegliere la diagnosi dall'elenco.";
    if (!code.trim()) e.exemptionCode = 'Indicare il codice esenzione.';
    if (!isoIssued) e.issuedOn = 'Data non valida: usare il formato gg/mm/aaaa.';
    else if (isoIssued > todayInRome())
      e.issuedOn = 'La data del certificato non può essere successiva a oggi.';
    if (counter) {
      if (certificate.length === 0) e.certificate = 'Allegare il certificato scansionato.';
      else {
        const p = await fileProblem(certificate);
        if (p) e.certificate = p;
      }
      const many = tooMany(certificate.length + documents.length);
      const p = many ?? (await fileProblem(documents));
      if (p) e.documents = p;
    }
    return e;
  };

  const onSubmit = async (ev: FormEvent) => {
    ev.preventDefault();
    if (busy) return;
    setSummary(null);
    const found = await check();
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setSummary('Alcuni dati mancano o non sono validi: controllare i campi segnalati.');
      setClientSummary(true);
      focusOnErrors(found);
      return;
    }
    setBusy(true);
    try {
      const fields: CaseFields = {
        beneficiaryFiscalCode: person!.fiscalCode,
        diagnosisCode: diagnosis?.code,
        exemptionCode: code.trim().toUpperCase(),
        issuedOn: isoIssued!,
        notes: notes.trim() || undefined,
      };
      const created = await submit(fields, { certificate: certificate[0] ?? null, documents });
      onDone(created);
    } catch (e) {
      const byField = issuesByField(e);
      setErrors(byField);
      setSummary(submitErrorText(e));
      setClientSummary(false);
      window.setTimeout(() => summaryRef.current?.focus(), 0);
    } finally {
      setBusy(false);
    }
  };

  const focusOnErrors = (found: FieldErrors) =>
    window.setTimeout(
      () =>
        focusFirst([
          found.beneficiaryFiscalCode && PERSON_FIELD_ID,
          found.diagnosisCode && DIAGNOSIS_FIELD_ID,
          found.exemptionCode && CODE_FIELD_ID,
          found.exemptionCode && 'codice-__altro__',
          found.issuedOn && 'data-certificato',
          found.notes && 'note-pratica',
          found.certificate && 'certificato-file',
          found.documents && 'documenti-file',
        ]),
      0,
    );

  return (
    <form
      className="case-form"
      noValidate
      onSubmit={(e) => void onSubmit(e)}
      aria-label={counter ? 'Nuova pratica allo sportello' : 'Nuovo certificato di patologia'}
    >
      <div ref={summaryRef} tabIndex={-1} aria-live="assertive">
        {shownSummary && (
          <Alert fade={false} color="danger">
            <strong className="d-block">Pratica non inviata</strong>
            {shownSummary}
          </Alert>
        )}
      </div>
      <PersonField
        fiscalCode={cf}
        onFiscalCodeChange={setCf}
        person={person}
        onPerson={(p) => {
          setPerson(p);
          clear('beneficiaryFiscalCode');
        }}
        error={errors.beneficiaryFiscalCode}
      />
      <DiagnosisField
        selected={diagnosis}
        onSelect={(d) => {
          setDiagnosis(d);
          clear('diagnosisCode');
        }}
        error={errors.diagnosisCode}
        optional={counter}
      />
      <ExemptionCodeField
        diagnosisCode={diagnosis?.code ?? null}
        issuedOn={isoIssued ?? undefined}
        value={code}
        onChange={(v) => {
          setCode(v);
          clear('exemptionCode');
        }}
        error={errors.exemptionCode}
      />
      <div className="row">
        <div className="col-12 col-md-6">
          <DateField
            id="data-certificato"
            label="Data di rilascio del certificato"
            value={issuedOn}
            onValueChange={(v) => {
              setIssuedOn(v);
              clear('issuedOn');
            }}
            error={errors.issuedOn}
          />
        </div>
      </div>
      <TextArea
        id="note-pratica"
        label="Note (facoltative)"
        rows={3}
        maxLength={NOTE_MAX_LENGTH}
        value={notes}
        infoText={`Al massimo ${NOTE_MAX_LENGTH} caratteri.`}
        valid={errors.notes ? false : undefined}
        validationText={errors.notes}
        aria-invalid={errors.notes ? true : undefined}
        onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setNotes(e.target.value)}
      />
      {counter && (
        <DocumentsFieldset
          legend="Documenti scansionati"
          errors={errors}
          clearError={clear}
          slots={[
            {
              field: 'certificate',
              id: 'certificato-file',
              label: 'Certificato',
              files: certificate,
              setFiles: setCertificate,
              required: true,
            },
            {
              field: 'documents',
              id: 'documenti-file',
              label: 'Altri documenti',
              files: documents,
              setFiles: setDocuments,
            },
          ]}
        />
      )}
      <Button type="submit" color="primary" disabled={busy}>
        {busy ? 'Invio in corso…' : counter ? 'Invia la pratica' : 'Invia il certificato'}
      </Button>
    </form>
  );
}
