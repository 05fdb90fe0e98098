import {
  CASE_STATUS_LABELS,
  EXEMPTION_FAMILIES,
  EXEMPTION_FAMILY_LABELS,
  VIEW_STATUSES,
} from '@esenzioni/domain/enums';
import { Button, Select } from 'design-react-kit';
import { Fragment, type ComponentProps, type FormEvent } from 'react';
import { Icon } from '../../ui/Icon';
import { DateTextField, FiscalCodeField, TextField } from '../../ui/TextField';
import { ExemptionCodeField } from '../case-form/ExemptionCodeField';
import { FIELD_IDS, type FilterErrors, type FilterField, type Filters } from './filters';

interface Props {
  draft: Filters;
  errors: FilterErrors;
  onChange: (f: Filters) => void;
  onSearch: () => void;
  onReset: () => void;
}

const NameField = (props: ComponentProps<typeof TextField>) => <TextField autoComplete="off" {...props} />;

/** The filters typed as text, in the order of the form (a new line after the dates on wide screens). */
const TEXT_FILTERS: {
  field: Exclude<FilterField, 'status' | 'family' | 'exemptionCode'>;
  label: string;
  Field: typeof TextField;
  breakAfter?: boolean;
}[] = [
  { field: 'createdFrom', label: 'Data creazione da', Field: DateTextField },
  { field: 'createdTo', label: 'Data creazione a', Field: DateTextField, breakAfter: true },
  { field: 'lastName', label: 'Cognome Beneficiario', Field: NameField },
  { field: 'firstName', label: 'Nome Beneficiario', Field: NameField },
  { field: 'fiscalCode', label: 'Codice fiscale Beneficiario', Field: FiscalCodeField },
];

/** «Codice esenzione …» of the family filtered on (the manual's label for pathologies and every family). */
const codeLabelOf = (family: string): string | undefined =>
  family === 'INCOME'
    ? 'Codice esenzione reddito'
    : family === 'INVALIDITY'
      ? 'Codice esenzione invalidità'
      : family && family !== 'CHRONIC' && family !== 'RARE'
        ? 'Codice esenzione'
        : undefined;

export function SearchForm({ draft, errors, onChange, onSearch, onReset }: Props) {
  const set = (k: FilterField) => (v: string) => onChange({ ...draft, [k]: v });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSearch();
  };

  return (
    <form
      className="search-filters"
      role="search"
      aria-label="Filtri di ricerca delle pratiche"
      noValidate
      onSubmit={submit}
    >
      <div className="row g-3 mt-1">
        <div className="col-12 col-md-6 col-lg-4">
          <Select id={FIELD_IDS.status} label="Stato" value={draft.status} onChange={set('status')}>
            {[
              <option key="" value="">
                TUTTE
              </option>,
              ...VIEW_STATUSES[draft.view].map((s) => (
                <option key={s} value={s}>
                  {CASE_STATUS_LABELS[s].toUpperCase()}
                </option>
              )),
            ]}
          </Select>
        </div>
        <div className="col-12 col-md-6 col-lg-4">
          <Select
            id={FIELD_IDS.family}
            label="Tipo di esenzione"
            value={draft.family}
            onChange={set('family')}
          >
            {[
              <option key="" value="">
                TUTTI
              </option>,
              ...EXEMPTION_FAMILIES.map((f) => (
                <option key={f} value={f}>
                  {EXEMPTION_FAMILY_LABELS[f]}
                </option>
              )),
            ]}
          </Select>
        </div>
        <div className="col-12 col-md-6 col-lg-4">
          <ExemptionCodeField
            use="filter"
            label={codeLabelOf(draft.family)}
            value={draft.exemptionCode}
            onChange={set('exemptionCode')}
            error={errors.exemptionCode}
          />
        </div>
        {TEXT_FILTERS.map(({ field, label, Field, breakAfter }) => (
          <Fragment key={field}>
            <div className="col-12 col-md-6 col-lg-4">
              <Field
                id={FIELD_IDS[field]}
                label={label}
                value={draft[field]}
                onValueChange={set(field)}
                error={errors[field]}
              />
            </div>
            {breakAfter && <div className="w-100 d-none d-lg-block" />}
          </Fragment>
        ))}
      </div>
      <div className="d-flex flex-wrap gap-2 justify-content-end actions-bar">
        <Button
          type="button"
          color="primary"
          outline
          onClick={onReset}
          className="d-inline-flex align-items-center gap-1"
        >
          Annulla Ricerca
          <Icon name="it-close" size="sm" color="primary" />
        </Button>
        <Button type="submit" color="primary" className="d-inline-flex align-items-center gap-1">
          <Icon name="it-search" size="sm" color="white" />
          Cerca
        </Button>
      </div>
    </form>
  );
}
