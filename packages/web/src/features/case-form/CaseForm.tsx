/**
 * The case form of the specialist ("Nuovo certificato di patologia") and of the counter ("Nuova
 * pratica allo sportello", with who presented it and the scanned documents): assistito, diagnosis,
 * exemption code, date of the certificate, notes. What was typed stays after an error; the server's issues are shown next
 * to their fields.
 */
import type { CaseDetail, PersonResponse } from '@esenzioni/domain';
import { formatItalianDate, parseItalianDate, todayInRome } from '@esenzioni/domain/validity';
import { useState, type FormEvent } from 'react';
import type { CaseFields, CaseFiles, Diagnosis } from '../../api/portal';
import { DIAGNOSIS_FIELD_ID, DiagnosisField } from './DiagnosisField';
import { DOCUMENT_FIELD_IDS, DocumentsFieldset } from './DocumentsFieldset';
import { CODE_FIELD_ID, ExemptionCodeField, OTHER_CODE_ID } from './ExemptionCodeField';
import { FamilyDocuments } from './FamilyDocuments';
import { NOTES_FIELD_ID, NotesField, SubmitButton } from './FormParts';
import { SummaryAlert } from '../../ui/SummaryAlert';
import { ISSUED_ON_FIELD_ID, IssuedOnField } from './IssuedOnField';
import { PERSON_FIELD_ID, PersonField } from './PersonField';
import { useSubmission } from './useSubmission';
import {
  EMPTY_INVALIDITY,
  INVALIDITY_FOCUS_ORDER,
  InvalidityFields,
  invalidityProblems,
  invalidityRequestFields,
  type InvalidityForm,
} from './InvalidityFields';
import { invalidityRuleOf } from '@esenzioni/domain/invalidity';
import { checkCaseForm, idsWithErrors } from './validation';
import { PresenterFields } from './PresenterFields';
import {
  EMPTY_PRESENTER,
  PRESENTER_FOCUS_ORDER,
  presenterFormProblems,
  presenterRequestFields,
  type PresenterForm,
} from './presenterForm';
import './form.css';

interface Props {
  mode: 'specialist' | 'counter';
  submit: (fields: CaseFields, files: CaseFiles) => Promise<CaseDetail>;
  onDone: (c: CaseDetail) => void;
}

const FOCUS_ORDER = [
  ['beneficiaryFiscalCode', PERSON_FIELD_ID],
  ...PRESENTER_FOCUS_ORDER,
  ['diagnosisCode', DIAGNOSIS_FIELD_ID],
  ['exemptionCode', CODE_FIELD_ID],
  ['exemptionCode', OTHER_CODE_ID],
  ...INVALIDITY_FOCUS_ORDER,
  ['issuedOn', ISSUED_ON_FIELD_ID],
  ['notes', NOTES_FIELD_ID],
  ['certificate', DOCUMENT_FIELD_IDS.certificate],
  ['documents', DOCUMENT_FIELD_IDS.documents],
] as const;

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
  // issue 12 §4: at the counter an invalidity code needs its verbale
  const [verbale, setVerbale] = useState<InvalidityForm>(EMPTY_INVALIDITY);
  // issue 17 §3: who presented the request at the counter
  const [presenter, setPresenter] = useState<PresenterForm>(EMPTY_PRESENTER);
  const invalidity = counter && !!invalidityRuleOf(code);
  const form = useSubmission();
  const { errors, clear } = form;
  const isoIssued = parseItalianDate(issuedOn);

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    void form.submit({
      check: async () => ({
        ...(await checkCaseForm(
          { counter, hasPerson: !!person, hasDiagnosis: !!diagnosis, code, issuedOn, certificate, documents },
          todayInRome(),
        )),
        ...(invalidity ? invalidityProblems(code, verbale) : {}),
        ...(counter ? presenterFormProblems(presenter, person, todayInRome()) : {}),
      }),
      focusOrder: (found) => idsWithErrors(found, FOCUS_ORDER),
      send: async () => {
        const fields: CaseFields = {
          beneficiaryFiscalCode: person!.fiscalCode,
          diagnosisCode: diagnosis?.code,
          exemptionCode: code.trim().toUpperCase(),
          issuedOn: isoIssued!,
          notes: notes.trim() || undefined,
          ...(invalidity ? invalidityRequestFields(code, verbale) : {}),
          ...(counter ? presenterRequestFields(presenter) : {}),
        };
        const delegation =
          counter && presenter.kind === 'DELEGATE' ? (presenter.delegation[0] ?? null) : null;
        onDone(await submit(fields, { certificate: certificate[0] ?? null, delegation, documents }));
      },
    });
  };

  return (
    <form
      className="case-form"
      noValidate
      onSubmit={onSubmit}
      aria-label={counter ? 'Nuova pratica allo sportello' : 'Nuovo certificato di patologia'}
    >
      <SummaryAlert
        summaryRef={form.summaryRef}
        title="Pratica non inviata"
        text={form.summary}
        errors={form.errors}
      />
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
      {counter && (
        <PresenterFields value={presenter} onChange={setPresenter} errors={errors} clearError={clear} />
      )}
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
        use="form"
        diagnosisCode={diagnosis?.code ?? null}
        issuedOn={isoIssued ?? undefined}
        value={code}
        onChange={(v) => {
          setCode(v);
          clear('exemptionCode');
          if (invalidityRuleOf(v)?.kind !== invalidityRuleOf(code)?.kind || !invalidityRuleOf(v))
            setVerbale({ ...EMPTY_INVALIDITY, kind: invalidityRuleOf(v)?.kind ?? '' });
        }}
        error={errors.exemptionCode}
      />
      {invalidity && (
        <InvalidityFields
          code={code}
          value={verbale}
          onChange={setVerbale}
          errors={errors}
          clearError={clear}
        />
      )}
      <IssuedOnField
        label={invalidity ? 'Data del verbale' : 'Data di rilascio del certificato'}
        value={issuedOn}
        onValueChange={(v) => {
          setIssuedOn(v);
          clear('issuedOn');
        }}
        error={errors.issuedOn}
      />
      <NotesField
        label="Nota interna (facoltativa)"
        visibility="Visibile al medico che ha inviato la pratica e agli operatori e medici di distretto dell’ASL; mai al cittadino."
        value={notes}
        onValueChange={setNotes}
        error={errors.notes}
      />
      {counter && <FamilyDocuments code={code} fallback="CHRONIC" />}
      {counter && (
        <DocumentsFieldset
          legend="Documenti scansionati"
          errors={errors}
          clearError={clear}
          slots={[
            {
              field: 'certificate',
              label: 'Certificato',
              files: certificate,
              setFiles: setCertificate,
              required: true,
            },
            {
              field: 'documents',
              label: 'Altri documenti',
              files: documents,
              setFiles: setDocuments,
            },
          ]}
        />
      )}
      <SubmitButton busy={form.busy} label={counter ? 'Invia la pratica' : 'Invia il certificato'} />
    </form>
  );
}
