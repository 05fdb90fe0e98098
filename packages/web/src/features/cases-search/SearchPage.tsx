/** Home (manual §3.2): tabs "Pratiche da fare" / "Pratiche chiuse", filters, results. */
import { Nav, NavItem, NavLink } from 'design-react-kit';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { exportCsvUrl } from '../../api/cases';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Icon } from '../../ui/Icon';
import { Loading } from '../../ui/Loading';
import { usePageTitle } from '../../ui/usePageTitle';
import { HistoryDialog } from '../case-detail/HistoryDialog';
import {
  apiParams,
  FIELD_IDS,
  fieldIssues,
  emptyFilters,
  filtersFromUrl,
  filtersToUrl,
  pageFromUrl,
  validateFilters,
  type FilterErrors,
  type FilterField,
  type Filters,
} from './filters';
import { SearchForm } from './SearchForm';
import { SearchResults } from './SearchResults';
import { useCaseSearch } from './useCaseSearch';

const TABS = [
  { view: 'todo', label: 'Pratiche da fare' },
  { view: 'closed', label: 'Pratiche chiuse' },
] as const;

export default function SearchPage() {
  const [sp, setSp] = useSearchParams();
  const urlKey = sp.toString();
  const applied = useMemo(() => filtersFromUrl(new URLSearchParams(urlKey)), [urlKey]);
  const page = pageFromUrl(sp);
  const urlErrors = useMemo(() => validateFilters(applied), [applied]);
  const valid = Object.keys(urlErrors).length === 0;
  usePageTitle(applied.view === 'todo' ? 'Pratiche da fare' : 'Pratiche chiuse');

  const [draft, setDraft] = useState<Filters>(applied);
  const [errors, setErrors] = useState<FilterErrors>(urlErrors);
  const [historyOf, setHistoryOf] = useState<string | null>(null);
  // the manual's collapsible «Filtri» box: open at first, closed to leave the results the screen
  const [filtersOpen, setFiltersOpen] = useState(true);
  // back/forward or a link changed the URL: the form shows the filters of the URL again
  const [formKey, setFormKey] = useState(urlKey);
  if (formKey !== urlKey) {
    setFormKey(urlKey);
    setDraft(applied);
    setErrors(urlErrors);
  }

  const params = valid ? apiParams(applied, page) : null;
  const state = useCaseSearch(params);
  const serverErrors = state.kind === 'error' ? fieldIssues(state.error) : {};
  const shownErrors = { ...serverErrors, ...errors };

  const search = () => {
    const found = validateFilters(draft);
    setErrors(found);
    const first = (Object.keys(found) as FilterField[])[0];
    if (first) {
      document.getElementById(FIELD_IDS[first])?.focus();
      return;
    }
    setSp(filtersToUrl(draft));
  };
  const reset = () => {
    setDraft(emptyFilters(applied.view));
    setErrors({});
    setSp(filtersToUrl(emptyFilters(applied.view)));
  };
  const tabHref = (view: Filters['view']) => `?${filtersToUrl({ ...applied, view, status: '' })}`;
  const hrefFor = (p: number) => `?${filtersToUrl(applied, p)}`;
  // results belong to the filters on screen: none while a filter is wrong or a search is running
  const draftValid = Object.keys(errors).length === 0;
  const data = state.kind === 'done' && draftValid ? state.data : null;

  return (
    <>
      <h1 className="h3 mb-3">Pratiche di esenzione</h1>
      <Nav tabs className="mb-3" aria-label="Elenchi di pratiche">
        {TABS.map((t) => (
          <NavItem key={t.view}>
            <NavLink
              tag={Link}
              to={tabHref(t.view)}
              active={applied.view === t.view}
              aria-current={applied.view === t.view ? 'page' : undefined}
            >
              {t.label}
            </NavLink>
          </NavItem>
        ))}
      </Nav>
      <div className="filters-box">
        <h2 className="h5 mb-0">
          <button
            type="button"
            className="btn btn-link p-0 d-inline-flex align-items-center gap-1 filters-toggle"
            aria-expanded={filtersOpen}
            aria-controls="filtri-ricerca"
            onClick={() => setFiltersOpen((o) => !o)}
          >
            Filtri
            <Icon name={filtersOpen ? 'it-collapse' : 'it-expand'} size="sm" color="primary" />
          </button>
        </h2>
        <div id="filtri-ricerca" hidden={!filtersOpen}>
          <SearchForm
            draft={draft}
            errors={shownErrors}
            onChange={setDraft}
            onSearch={search}
            onReset={reset}
          />
        </div>
      </div>
      <p className="gdpr-note mt-3">
        Ai sensi del GDPR i tuoi accessi verranno tracciati e comunicati eventualmente al cittadino
      </p>
      <section aria-labelledby="risultati-titolo" className="mt-2">
        <h2 id="risultati-titolo" className="visually-hidden">
          Risultati
        </h2>
        <div aria-live="polite" aria-atomic="true">
          {data && (
            <p className="h6 mb-0">
              {`Risultati trovati: ${data.totalExact === false ? 'più di ' : ''}${data.total.toLocaleString('it-IT')}`}
            </p>
          )}
          {state.kind === 'loading' && <Loading label="Ricerca in corso…" />}
        </div>
        {(!valid || !draftValid) && (
          <p className="text-danger mt-3">Correggere i filtri evidenziati per eseguire la ricerca.</p>
        )}
        {state.kind === 'error' && Object.keys(serverErrors).length > 0 && (
          <p className="text-danger mt-3">Correggere i filtri evidenziati per eseguire la ricerca.</p>
        )}
        {state.kind === 'error' && Object.keys(serverErrors).length === 0 && (
          <ErrorAlert error={state.error} title="Ricerca non riuscita" />
        )}
        {data && params && (
          <SearchResults
            data={data}
            exportHref={exportCsvUrl(params)}
            hrefFor={hrefFor}
            onHistory={setHistoryOf}
          />
        )}
      </section>
      <HistoryDialog caseNumber={historyOf} onClose={() => setHistoryOf(null)} />
    </>
  );
}
