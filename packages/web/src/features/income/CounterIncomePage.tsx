/**
 * "Esenzione per reddito" at the counter (issue 12 §1): the operator enters what the declarant signs —
 * beneficiary of the ASL, declarant and title, identity document, the declared facts — and the server
 * issues the exemption at once when every rule of the page holds, or refuses it naming the rule and
 * the figure.
 */
import type { IncomeDeclarationResponse } from '@esenzioni/domain';
import { DECLARANT_TITLE_LABELS, DECLARANT_TITLES, type DeclarantTitle } from '@esenzioni/domain/enums';
import { parseItalianDate, todayInRome } from '@esenzioni/domain/validity';
import { Button, Select } from 'design-react-kit';
import { useState, type FormEvent } from 'react';
import { isApiError } from '../../api/client';
import { declareIncomeAtCounter } from '../../api/income';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { DateTextField, FiscalCodeField, TextField } from '../../ui/TextField';
import { usePageTitle } from '../../ui/usePageTitle';
import { INCOME_FIELD_IDS, IncomeFields } from './IncomeFields';
import { IssuedIncome } from './IssuedIncome';
import { EMPTY_INCOME_FORM, incomeFacts, type IncomeFormErrors, type IncomeFormState } from './incomeForm';

const DOCUMENT_KINDS = [
  ['CARTA_IDENTITA', "Carta d'identità"],
  ['PASSAPORTO', 'Passaporto'],
  ['PATENTE', 'Patente di guida'],
] as const;

interface Who {
  beneficiary: string;
  declarant: string;
  title: DeclarantTitle;
  docKind: (typeof DOCUMENT_KINDS)[number][0];
  docNumber: string;
  docIssuedBy: string;
  docExpiresOn: string;
}
const EMPTY_WHO: Who = {
  beneficiary: '',
  declarant: '',
  title: 'SELF',
  docKind: 'CARTA_IDENTITA',
  docNumber: '',
  docIssuedBy: '',
  docExpiresOn: '',
};

const IDS: Record<string, string> = {
  ...INCOME_FIELD_IDS,
  beneficiaryFiscalCode: 'reddito-beneficiario',
  declarantTitle: 'reddito-titolo',
  declarantFiscalCode: 'reddito-dichiarante',
  identityDocument: 'reddito-documento-numero',
};

export default function CounterIncomePage() {
  usePageTitle('Esenzione per reddito');
  const incomeYear = Number(todayInRome().slice(0, 4)) - 1;
  const [who, setWho] = useState<Who>(EMPTY_WHO);
  const [form, setForm] = useState<IncomeFormState>(EMPTY_INCOME_FORM);
  const [errors, setErrors] = useState<IncomeFormErrors>({});
  const [error, setError] = useState<unknown>(null);
  const [issued, setIssued] = useState<IncomeDeclarationResponse | null>(null);
  const [sending, setSending] = useState(false);
  const set = (patch: Partial<IncomeFormState>) => setForm((f) => ({ ...f, ...patch }));
  const setW = (patch: Partial<Who>) => setWho((w) => ({ ...w, ...patch }));

  const focusFirst = (keys: string[]) => {
    const first = keys[0];
    if (first) document.getElementById(IDS[first] ?? '')?.focus();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setIssued(null);
    const checked = incomeFacts(form, incomeYear);
    const local: IncomeFormErrors = checked.ok ? {} : { ...checked.errors };
    if (!who.beneficiary.trim()) local.beneficiaryFiscalCode = 'Inserire il codice fiscale del beneficiario.';
    const expiresOn = parseItalianDate(who.docExpiresOn);
    if (!expiresOn) local.identityDocument = 'Data di scadenza del documento non valida (gg/mm/aaaa).';
    if (!checked.ok || Object.keys(local).length > 0) {
      setErrors(local);
      return focusFirst(Object.keys(local));
    }
    setErrors({});
    setError(null);
    setSending(true);
    try {
      const view = await declareIncomeAtCounter({
        beneficiaryFiscalCode: who.beneficiary.trim(),
        declarantFiscalCode: (who.title === 'SELF' || who.title === 'ASSISTED_BY_CURATOR'
          ? who.beneficiary
          : who.declarant
        ).trim(),
        declarantTitle: who.title,
        identityDocument: {
          kind: who.docKind,
          number: who.docNumber.trim(),
          issuedBy: who.docIssuedBy.trim(),
          expiresOn: expiresOn!,
        },
        ...checked.facts,
      });
      setIssued(view);
      setForm(EMPTY_INCOME_FORM);
      setWho(EMPTY_WHO);
    } catch (err) {
      setError(err);
      const issues = isApiError(err) ? (err.problem?.issues ?? []) : [];
      const byField: IncomeFormErrors = {};
      for (const i of issues) byField[i.field.split('.')[0] ?? i.field] ??= i.message;
      setErrors(byField);
      focusFirst(Object.keys(byField));
    } finally {
      setSending(false);
    }
  };

  const selfDeclares = who.title === 'SELF' || who.title === 'ASSISTED_BY_CURATOR';
  return (
    <>
      <h1 className="h3">Esenzione per reddito</h1>
      <p>
        Autocertificazione del reddito (E01–E04) resa allo sportello: se la dichiarazione rispetta le regole
        l’esenzione è rilasciata subito, valida fino al 31 marzo dell’anno successivo, e si stampa il
        certificato nominativo. Il reddito è quello del nucleo familiare fiscale nel {incomeYear}.
      </p>
      <div aria-live="polite">{issued && <IssuedIncome issued={issued} />}</div>
      <form
        noValidate
        onSubmit={submit}
        aria-label="Autocertificazione del reddito allo sportello"
        className="mt-3"
      >
        <FiscalCodeField
          id={IDS.beneficiaryFiscalCode!}
          label="Codice fiscale del beneficiario"
          value={who.beneficiary}
          onValueChange={(v) => setW({ beneficiary: v.toUpperCase() })}
          error={errors.beneficiaryFiscalCode}
          hint="Un assistito residente nella propria ASL."
        />
        <Select
          id={IDS.declarantTitle}
          label="Chi firma la dichiarazione"
          value={who.title}
          onChange={(v: string) => setW({ title: v as DeclarantTitle })}
        >
          {DECLARANT_TITLES.map((t) => (
            <option key={t} value={t}>
              {DECLARANT_TITLE_LABELS[t]}
            </option>
          ))}
        </Select>
        {errors.declarantTitle && <p className="text-danger small">{errors.declarantTitle}</p>}
        {!selfDeclares && (
          <FiscalCodeField
            id={IDS.declarantFiscalCode!}
            label="Codice fiscale del dichiarante"
            value={who.declarant}
            onValueChange={(v) => setW({ declarant: v.toUpperCase() })}
            error={errors.declarantFiscalCode}
          />
        )}
        <fieldset className="mb-3">
          <legend className="h5 px-0">Documento d’identità del dichiarante</legend>
          <Select
            id="reddito-documento-tipo"
            label="Tipo di documento"
            value={who.docKind}
            onChange={(v: string) => setW({ docKind: v as Who['docKind'] })}
          >
            {DOCUMENT_KINDS.map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </Select>
          <TextField
            id={IDS.identityDocument!}
            label="Numero del documento"
            value={who.docNumber}
            onValueChange={(v) => setW({ docNumber: v })}
            error={errors.identityDocument}
          />
          <TextField
            id="reddito-documento-ente"
            label="Rilasciato da"
            value={who.docIssuedBy}
            onValueChange={(v) => setW({ docIssuedBy: v })}
          />
          <DateTextField
            id="reddito-documento-scadenza"
            label="Scadenza del documento"
            value={who.docExpiresOn}
            onValueChange={(v) => setW({ docExpiresOn: v })}
          />
        </fieldset>
        <IncomeFields form={form} set={set} errors={errors} incomeYear={incomeYear} voice="operator" />
        <div aria-live="polite">
          <ErrorAlert error={error} title="Esenzione non rilasciata" />
        </div>
        <Button type="submit" color="primary" disabled={sending}>
          Rilascia l’esenzione
        </Button>
      </form>
    </>
  );
}
