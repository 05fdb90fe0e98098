/**
 * "Elenco MEF" for the administrator (issue 12 §2): upload the yearly list of people entitled to the
 * income exemptions E01, E03, E04 (CSV `codice_fiscale;codice_esenzione;anno`, docs/mef-list.md). The
 * server answers at once; the page then follows the import with a progress bar (polling its row) and
 * shows its figures: new, unchanged, reinstated, superseded, ended (those people are notified).
 */
import type { MefImportView } from '@esenzioni/domain';
import { mefImport, mefImports, uploadMefList } from '../../api/checks';
import { usePageTitle } from '../../ui/usePageTitle';
import { count, CsvImportPanel } from '../imports/CsvImportPanel';

const TITLE = 'Elenco MEF delle esenzioni per reddito';

const doneText = (v: MefImportView) =>
  `Elenco ${v.listYear ?? ''} caricato: ${count(v.inserted)} nuove esenzioni, ${count(v.unchanged)} invariate, ` +
  `${count(v.reinstated)} ripristinate, ${count(v.superseded)} sostituite dal nuovo anno, ${count(v.ended)} terminate ` +
  `(le persone interessate ricevono un avviso).`;

export default function MefListAdminPage() {
  usePageTitle(TITLE);
  return (
    <>
      <h1 className="h3">{TITLE}</h1>
      <p>
        Caricare l&apos;elenco annuale del Ministero dell&apos;economia e delle finanze degli aventi diritto
        alle esenzioni per reddito E01, E03 ed E04: un file CSV con la riga di intestazione{' '}
        <code>codice_fiscale;codice_esenzione;anno</code> e una riga per persona e codice, tutte dello stesso
        anno. Le esenzioni risultano «da elenco MEF» e valgono fino al 31 marzo dell&apos;anno successivo; chi
        non compare più nel nuovo elenco perde l&apos;esenzione da elenco e riceve un avviso. Caricare di
        nuovo lo stesso file non cambia nulla.
      </p>
      <CsvImportPanel<MefImportView>
        idPrefix="elenco-mef"
        formLabel="Carica l'elenco MEF"
        fileLabel="File CSV dell'elenco MEF"
        submitLabel="Carica l'elenco"
        missingFile="Scegliere il file CSV dell'elenco MEF da caricare."
        emptyHistory="Nessun elenco caricato."
        upload={uploadMefList}
        poll={mefImport}
        list={mefImports}
        doneText={doneText}
        columns={[
          { header: 'Anno', cell: (h) => h.listYear ?? '–' },
          { header: 'Nuove', cell: (h) => count(h.inserted) },
          { header: 'Terminate', cell: (h) => count(h.ended) },
        ]}
      />
    </>
  );
}
