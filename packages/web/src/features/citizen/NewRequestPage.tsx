/**
 * "Nuova richiesta": a pathology or invalidity exemption asked online, with the certificate (or the
 * invalidity verbale) and an identity document (multipart POST /api/me/cases). Files are checked in
 * the browser before sending (type by content, 10 MB, 5 files); the server checks again.
 */
import type { CaseDetail, CatalogExemption } from '@esenzioni/domain';
import { NOTE_MAX_LENGTH } from '@esenzioni/domain/enums';
import { formatItalianDate, parseItalianDate, todayInRome } from '@esenzioni/domain/validity';
import { Alert, Button, Select, TextArea } from 'design-react-kit';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { searchAssignableCodes, submitMyCase, type Diagnosis } from '../../api/portal';
import { usePageTitle } from '../../ui/usePageTitle';
import { DateField } from '../case-form/DateField';
import { DiagnosisField } from '../case-form/DiagnosisField';
import { CODE_FIELD_ID, ExemptionCodeField } from '../case-form/ExemptionCodeField';
import { DocumentsFieldset } from '../case-form/DocumentsFieldset';
import { focusFirst, issuesByField, withoutField, type FieldErrors } from '../case-form/issues';
import { submitErrorText } from '../case-form/submitError';
import { fileProblem, tooMany } from '../case-form/uploads';
import { BehalfSwitch } from './BehalfSwitch';
import { useOnBehalfOf } from './behalf';
import '../case-form/form.css';

type Kind = 'PATHOLOGY' | 'INVALIDITY';

export default function NewRequestPage() {
  usePageTitle('Nuova richiesta di esenzione');
  const [onBehalfOf] = useOnBehalfOf();
  const [kind, setKind] = useState<Kind>('PATHOLOGY');
  const [diagnosis, setDiagnosis] = useState<Diagnosis | null>(null);
  const [code, setCode] = useState('');
  const [invalidityCodes, setInvalidityCodes] = useState<CatalogExemption[]>([]);
  const [issuedOn, setIssuedOn] = useState(formatItalianDate(todayInRome()));
  const [notes, setNotes] = useState('');
  const [certificate, setCertificate] = useState<File[]>([]);
  const [identity, setIdentity] = useState<File[]>([]);
  const [documents, setDocuments] = useState<File[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<CaseDetail | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  const isoIssued = parseItalianDate(issuedOn);
  const clear = (field: string) => setErrors(withoutField(field));
  // the sentence above the form goes once every field it pointed at is corrected (client checks only)
  const [clientSummary, setClientSummary] = useState(false);
  const shownSummary = clientSummary && Object.keys(errors).length === 0 ? null : summary;

  useEffect(() => {
    if (kind !== 'INVALIDITY' || invalidityCodes.length) return;
    const ctrl = new AbortController();
    searchAssignableCodes('', 'INVALIDITY', ctrl.signal)
      .then(setInvalidityCodes)
      .catch(() => undefined);
    return () => ctrl.abort();
  }, [kind, invalidityCodes.length]);
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  const check = async (): Promise<FieldErrors> => {
    const e: FieldErrors = {};
    if (!code.trim()) e.exemptionCode = 'Indicare il codice esenzione.';
    if (!isoIssued) e.issuedOn = 'Data non valida: usare il formato gg/mm/aaaa.';
    else if (isoIssued > todayInRome()) e.issuedOn = 'La data non può essere successiva a oggi.';
    const required: [string, File[], string][] = [
      [
        'certificate',
        certificate,
        kind === 'INVALIDITY' ? 'Allegare il verbale di invalidità.' : 'Allegare il certificato.',
      ],
      ['identityDocument', identity, "Allegare il documento d'identità."],
    ];
    for (const [field, files, missing] of required) {
      const p = files.length === 0 ? missing : await fileProblem(files);
      if (p) e[field] = p;
    }
    const p =
      tooMany(certificate.length + identity.length + documents.length) ?? (await fileProblem(documents));
    if (p) e.documents = p;
    return e;
  };

  const onSubmit = async (ev: FormEvent) => {
    ev.preventDefault();
    if (busy) return;
    setSummary(null);
    const found = await check();
    setErrors(found);
    if (Object.keys(found).length) {
      setSummary('Alcuni dati mancano o non sono validi: controllare i campi segnalati.');
      setClientSummary(true);
      window.setTimeout(
        () =>
          focusFirst([
            found.exemptionCode && (kind === 'INVALIDITY' ? 'codice-invalidita' : CODE_FIELD_ID),
            found.exemptionCode && 'codice-__altro__',
            found.issuedOn && 'data-certificato',
            found.certificate && 'certificato-file',
            found.identityDocument && 'identita-file',
            found.documents && 'documenti-file',
          ]),
        0,
      );
      return;
    }
    setBusy(true);
    try {
      const created = await submitMyCase(
        {
          exemptionCode: code.trim().toUpperCase(),
          diagnosisCode: kind === 'PATHOLOGY' ? diagnosis?.code : undefined,
          issuedOn: isoIssued!,
          notes: notes.trim() || undefined,
          onBehalfOf: onBehalfOf ?? undefined,
        },
        { certificate: certificate[0] ?? null, identityDocument: identity[0] ?? null, documents },
      );
      setDone(created);
    } catch (e) {
      setErrors(issuesByField(e));
      setSummary(submitErrorText(e));
      setClientSummary(false);
      window.setTimeout(() => summaryRef.current?.focus(), 0);
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <>
        <h1 className="h3">Nuova richiesta di esenzione</h1>
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
      <h1 className="h3">Nuova richiesta di esenzione</h1>
      <p>
        Richiesta di esenzione per patologia (malattia cronica o rara) o per invalidità. Servono il
        certificato specialistico (o il verbale di invalidità) e un documento d&apos;identità.
      </p>
      <BehalfSwitch />
      <form
        className="case-form"
        noValidate
        onSubmit={(e) => void onSubmit(e)}
        aria-label="Nuova richiesta di esenzione"
      >
        <div ref={summaryRef} tabIndex={-1} aria-live="assertive">
          {shownSummary && (
            <Alert fade={false} color="danger">
              <strong className="d-block">Richiesta non inviata</strong>
              {shownSummary}
            </Alert>
          )}
        </div>
        <fieldset className="mb-3">
          <legend className="h5 px-0">Tipo di esenzione</legend>
          {(
            [
              ['PATHOLOGY', 'Per patologia (malattia cronica o rara)'],
              ['INVALIDITY', 'Per invalidità'],
            ] as const
          ).map(([value, label]) => (
            <div className="form-check form-check-inline" key={value}>
              <input
                className="form-check-input"
                type="radio"
                name="tipo"
                id={`tipo-${value}`}
                checked={kind === value}
                onChange={() => {
                  setKind(value);
                  setCode('');
                  setErrors({});
                }}
              />
              <label className="form-check-label" htmlFor={`tipo-${value}`}>
                {label}
              </label>
            </div>
          ))}
        </fieldset>
        {kind === 'PATHOLOGY' ? (
          <>
            <DiagnosisField
              selected={diagnosis}
              onSelect={setDiagnosis}
              error={errors.diagnosisCode}
              optional
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
          </>
        ) : (
          <div className="mb-3">
            <Select
              id="codice-invalidita"
              label="Codice esenzione per invalidità"
              value={code}
              onChange={(v: string) => {
                setCode(v);
                clear('exemptionCode');
              }}
              aria-invalid={errors.exemptionCode ? true : undefined}
              aria-describedby={errors.exemptionCode ? 'codice-invalidita-errore' : undefined}
            >
              {[
                <option key="" value="">
                  Scegliere il codice
                </option>,
                ...invalidityCodes.map((o) => (
                  <option key={o.code} value={o.code}>{`${o.code} – ${o.description}`}</option>
                )),
              ]}
            </Select>
            {errors.exemptionCode && (
              <p id="codice-invalidita-errore" className="text-danger small" role="alert">
                {errors.exemptionCode}
              </p>
            )}
          </div>
        )}
        <div className="row">
          <div className="col-12 col-md-6">
            <DateField
              id="data-certificato"
              label={kind === 'INVALIDITY' ? 'Data del verbale' : 'Data del certificato'}
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
          label="Note per il distretto (facoltative)"
          rows={3}
          maxLength={NOTE_MAX_LENGTH}
          value={notes}
          valid={errors.notes ? false : undefined}
          validationText={errors.notes}
          onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setNotes(e.target.value)}
        />
        <DocumentsFieldset
          legend="Documenti"
          errors={errors}
          clearError={clear}
          slots={[
            {
              field: 'certificate',
              id: 'certificato-file',
              label: kind === 'INVALIDITY' ? 'Verbale di invalidità' : 'Certificato specialistico',
              files: certificate,
              setFiles: setCertificate,
              required: true,
            },
            {
              field: 'identityDocument',
              id: 'identita-file',
              label: "Documento d'identità",
              files: identity,
              setFiles: setIdentity,
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
        <Button type="submit" color="primary" disabled={busy}>
          {busy ? 'Invio in corso…' : 'Invia la richiesta'}
        </Button>
      </form>
    </>
  );
}
