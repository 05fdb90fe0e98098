/**
 * "Nuova richiesta": a pathology or invalidity exemption asked online, with the certificate (or the
 * invalidity verbale) and an identity document (multipart POST /api/me/cases). Files are checked in
 * the browser before sending (type by content, 10 MB, 5 files); the server checks again.
 */
import type { CaseDetail } from '@esenzioni/domain';
import { formatItalianDate, parseItalianDate, todayInRome } from '@esenzioni/domain/validity';
import { Alert } from 'design-react-kit';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { submitMyCase, type Diagnosis } from '../../api/portal';
import { SummaryAlert } from '../../ui/SummaryAlert';
import { usePageTitle } from '../../ui/usePageTitle';
import { Radio } from '../../ui/Radio';
import { DiagnosisField } from '../case-form/DiagnosisField';
import { DOCUMENT_FIELD_IDS, DocumentsFieldset } from '../case-form/DocumentsFieldset';
import { FamilyDocuments } from '../case-form/FamilyDocuments';
import { CONDITION_FIELD_ID, ConditionField } from '../case-form/ConditionField';
import { NotesField, SubmitButton } from '../case-form/FormParts';
import { INVALIDITY_CODE_ID, InvalidityCodeField } from '../case-form/InvalidityCodeField';
import {
  EMPTY_INVALIDITY,
  INVALIDITY_FOCUS_ORDER,
  InvalidityFields,
  invalidityProblems,
  invalidityRequestFields,
  type InvalidityForm,
} from '../case-form/InvalidityFields';
import { invalidityRuleOf } from '@esenzioni/domain/invalidity';
import { ISSUED_ON_FIELD_ID, IssuedOnField } from '../case-form/IssuedOnField';
import { useSubmission } from '../case-form/useSubmission';
import { checkRequest, idsWithErrors } from '../case-form/validation';
import { BehalfSwitch } from './BehalfSwitch';
import { useOnBehalfOf } from './behalf';
import '../case-form/form.css';

/** the family chosen first (issue 17 §2): a chronic or rare disease found by its name, or invalidity */
type Kind = 'CHRONIC' | 'RARE' | 'INVALIDITY';

const KINDS = [
  ['CHRONIC', 'Malattia cronica o invalidante'],
  ['RARE', 'Malattia rara'],
  ['INVALIDITY', 'Invalidità'],
] as const;

const FOCUS_ORDER = [
  ['issuedOn', ISSUED_ON_FIELD_ID],
  ['certificate', DOCUMENT_FIELD_IDS.certificate],
  ['identityDocument', DOCUMENT_FIELD_IDS.identityDocument],
  ['documents', DOCUMENT_FIELD_IDS.documents],
] as const;

export default function NewRequestPage() {
  // «Rinnova» (issue 11 §3): ?rinnova=<pratica>&codice=<codice>, the code fixed, a new certificate
  const [params] = useSearchParams();
  const renews = params.get('rinnova');
  const renewal = renews && params.get('codice') ? { caseNumber: renews, code: params.get('codice')! } : null;
  const title = renewal ? `Rinnovo dell'esenzione ${renewal.code}` : 'Nuova richiesta di esenzione';
  usePageTitle(title);
  const [onBehalfOf] = useOnBehalfOf();
  const [kind, setKind] = useState<Kind>('CHRONIC');
  const [diagnosis, setDiagnosis] = useState<Diagnosis | null>(null);
  const [code, setCode] = useState(renewal?.code ?? '');
  const [issuedOn, setIssuedOn] = useState(formatItalianDate(todayInRome()));
  const [notes, setNotes] = useState('');
  const [certificate, setCertificate] = useState<File[]>([]);
  const [identity, setIdentity] = useState<File[]>([]);
  const [documents, setDocuments] = useState<File[]>([]);
  const [done, setDone] = useState<CaseDetail | null>(null);
  // issue 12 §4: the verbale of an invalidity code
  const [verbale, setVerbale] = useState<InvalidityForm>(() => ({
    ...EMPTY_INVALIDITY,
    kind: invalidityRuleOf(renewal?.code ?? '')?.kind ?? '',
  }));
  const doneRef = useRef<HTMLDivElement>(null);
  const form = useSubmission();
  const { errors, clear } = form;
  const isoIssued = parseItalianDate(issuedOn);
  const onCode = (v: string) => {
    setCode(v);
    clear('exemptionCode');
    setVerbale({ ...EMPTY_INVALIDITY, kind: invalidityRuleOf(v)?.kind ?? '' });
  };
  const invalidity = !!invalidityRuleOf(code);

  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    const codeIds = kind === 'INVALIDITY' ? [INVALIDITY_CODE_ID] : [CONDITION_FIELD_ID];
    void form.submit({
      check: async () => ({
        ...(await checkRequest(
          {
            kind: kind === 'INVALIDITY' ? 'INVALIDITY' : 'PATHOLOGY',
            code,
            issuedOn,
            certificate,
            identityDocument: identity,
            documents,
          },
          todayInRome(),
        )),
        ...(invalidity ? invalidityProblems(code, verbale) : {}),
      }),
      focusOrder: (found) =>
        idsWithErrors(found, [
          ...codeIds.map((id) => ['exemptionCode', id] as const),
          ...INVALIDITY_FOCUS_ORDER,
          ...FOCUS_ORDER,
        ]),
      send: async () => {
        const created = await submitMyCase(
          {
            exemptionCode: code.trim().toUpperCase(),
            diagnosisCode: kind === 'INVALIDITY' ? undefined : diagnosis?.code,
            issuedOn: isoIssued!,
            notes: notes.trim() || undefined,
            onBehalfOf: onBehalfOf ?? undefined,
            renewsCaseNumber: renewal?.caseNumber,
            ...invalidityRequestFields(code, verbale),
          },
          { certificate: certificate[0] ?? null, identityDocument: identity[0] ?? null, documents },
        );
        setDone(created);
      },
    });
  };

  if (done) {
    return (
      <>
        <h1 className="h3">{title}</h1>
        <div ref={doneRef} tabIndex={-1} className="case-confirm">
          <Alert fade={false} color="success">
            <strong className="d-block">{`Richiesta n. ${done.caseNumber} inviata`}</strong>
            {`Esenzione ${done.exemption.code} ${done.exemption.description} per ${done.beneficiary.lastName} ${done.beneficiary.firstName}. Il distretto dell'ASL la esaminerà: lo stato si segue in «Le mie pratiche».`}
          </Alert>
          <Link to={`/cittadino/pratiche/${done.caseNumber}`}>{`Apri la pratica ${done.caseNumber}`}</Link>
        </div>
      </>
    );
  }

  return (
    <>
      <h1 className="h3">{title}</h1>
      {renewal ? (
        <p data-testid="rinnovo-di">
          {`Rinnovo della pratica ${renewal.caseNumber}, codice ${renewal.code}: allegare il nuovo certificato specialistico e un documento d'identità. Alla validazione la nuova esenzione sostituisce la precedente.`}
        </p>
      ) : (
        <p>
          Richiesta di esenzione per malattia cronica o rara o per invalidità. Si sceglie la malattia per
          nome, come è scritta nel certificato dello specialista; servono il certificato (o il verbale di
          invalidità) e un documento d&apos;identità.
        </p>
      )}
      <BehalfSwitch />
      <form className="case-form" noValidate onSubmit={onSubmit} aria-label={title}>
        <SummaryAlert
          summaryRef={form.summaryRef}
          title="Richiesta non inviata"
          text={form.summary}
          errors={form.errors}
        />
        {!renewal && (
          <fieldset className="mb-3">
            <legend className="h5 px-0">Tipo di esenzione</legend>
            {KINDS.map(([value, label]) => (
              <Radio
                key={value}
                name="tipo"
                id={`tipo-${value}`}
                checked={kind === value}
                onChange={() => {
                  setKind(value);
                  setCode('');
                  form.setErrors({});
                }}
                className="form-check-inline"
              >
                {label}
              </Radio>
            ))}
          </fieldset>
        )}
        {renewal ? (
          <p>
            <span className="fw-semibold">Codice esenzione: </span>
            {renewal.code}
          </p>
        ) : kind !== 'INVALIDITY' ? (
          <>
            <ConditionField
              key={kind}
              family={kind}
              value={code}
              onChange={(v) => onCode(v)}
              error={errors.exemptionCode}
            />
            <DiagnosisField
              selected={diagnosis}
              onSelect={setDiagnosis}
              error={errors.diagnosisCode}
              optional
              hint="Solo se la conosce: altrimenti la indica il distretto leggendo il certificato."
            />
          </>
        ) : (
          <InvalidityCodeField value={code} onChange={onCode} error={errors.exemptionCode} />
        )}
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
          label={kind === 'INVALIDITY' ? 'Data del verbale' : 'Data del certificato'}
          value={issuedOn}
          onValueChange={(v) => {
            setIssuedOn(v);
            clear('issuedOn');
          }}
          error={errors.issuedOn}
        />
        <NotesField
          label="Note per il distretto (facoltative)"
          value={notes}
          onValueChange={setNotes}
          error={errors.notes}
        />
        <FamilyDocuments code={code} fallback={kind} />
        <DocumentsFieldset
          legend="Documenti"
          errors={errors}
          clearError={clear}
          slots={[
            {
              field: 'certificate',
              label: kind === 'INVALIDITY' ? 'Verbale di invalidità' : 'Certificato specialistico',
              files: certificate,
              setFiles: setCertificate,
              required: true,
            },
            {
              field: 'identityDocument',
              label: "Documento d'identità",
              files: identity,
              setFiles: setIdentity,
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
        <SubmitButton busy={form.busy} label="Invia la richiesta" />
      </form>
    </>
  );
}
