import { CASE_STATUS_LABELS, VIEW_STATUSES } from '@esenzioni/domain/enums';
import { Button, Select } from 'design-react-kit';
import type { FormEvent } from 'react';
import { Icon } from '../../ui/Icon';
import { TextField } from '../../ui/TextField';
import { ExemptionCodeField } from '../case-form/ExemptionCodeField';
import { type FilterErrors, type FilterField, type Filters } from './filters';

interface Props {
  draft: Filters;
  errors: FilterErrors;
  onChange: (f: Filters) => void;
  onSearch: () => void;
  onReset: () => void;
}

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
          <Select id="filtro-stato" label="Stato" value={draft.status} onChange={set('status')}>
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
        <div className="col-12 col-md-6 col-lg-8">
          <ExemptionCodeField
            use="filter"
            value={draft.exemptionCode}
            onChange={set('exemptionCode')}
            error={errors.exemptionCode}
          />
        </div>
        <div className="col-12 col-md-6 col-lg-4">
          <TextField
            id="filtro-da"
            label="Data creazione da"
            placeholder="gg/mm/aaaa"
            inputMode="numeric"
            value={draft.createdFrom}
            onValueChange={set('createdFrom')}
            error={errors.createdFrom}
            autoComplete="off"
          />
        </div>
        <div className="col-12 col-md-6 col-lg-4">
          <TextField
            id="filtro-a"
            label="Data creazione a"
            placeholder="gg/mm/aaaa"
            inputMode="numeric"
            value={draft.createdTo}
            onValueChange={set('createdTo')}
            error={errors.createdTo}
            autoComplete="off"
          />
        </div>
        <div className="w-100 d-none d-lg-block" />
        <div className="col-12 col-md-6 col-lg-4">
          <TextField
            id="filtro-cognome"
            label="Cognome Beneficiario"
            value={draft.lastName}
            onValueChange={set('lastName')}
            error={errors.lastName}
            autoComplete="off"
          />
        </div>
        <div className="col-12 col-md-6 col-lg-4">
          <TextField
            id="filtro-nome"
            label="Nome Beneficiario"
            value={draft.firstName}
            onValueChange={set('firstName')}
            error={errors.firstName}
            autoComplete="off"
          />
        </div>
        <div className="col-12 col-md-6 col-lg-4">
          <TextField
            id="filtro-cf"
            label="Codice fiscale Beneficiario"
            value={draft.fiscalCode}
            onValueChange={set('fiscalCode')}
            error={errors.fiscalCode}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
          />
        </div>
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
