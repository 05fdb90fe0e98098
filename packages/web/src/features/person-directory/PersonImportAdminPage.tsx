/**
 * "Anagrafe assistiti" for the administrator (issue 13 §4): upload the registry of the people assisted by
 * the regional health service (CSV, docs/person-directory.md), followed with a progress bar; the figures
 * say how many people are new, updated or unchanged and which lines were rejected (number and reason).
 */
import type { PersonImportView } from '@esenzioni/domain';
import { personImport, personImports, uploadPersonFile } from '../../api/person-directory';
import { usePageTitle } from '../../ui/usePageTitle';
import { count, CsvImportPanel } from '../imports/CsvImportPanel';

const TITLE = 'Anagrafe degli assistiti';

const doneText = (v: PersonImportView) =>
  `Anagrafe caricata: ${count(v.inserted)} persone nuove, ${count(v.updated)} aggiornate, ${count(v.unchanged)} invariate.`;

export default function PersonImportAdminPage() {
  usePageTitle(TITLE);
  return (
    <>
      <h1 className="h3">{TITLE}</h1>
      <p>
        Caricare l&apos;anagrafe regionale degli assistiti: un file CSV con la riga di intestazione{' '}
        <code>
          codice_fiscale;cognome;nome;data_nascita;sesso;comune_residenza;asl;distretto;medico;stato
        </code>{' '}
        e una riga per persona (stato A assistito, C assistenza cessata). La residenza decide l&apos;ASL e il
        distretto delle nuove pratiche; chi ha l&apos;assistenza cessata non può avviarne. Caricare di nuovo
        lo stesso file non cambia nulla; le persone assenti dal file restano come sono.
      </p>
      <CsvImportPanel<PersonImportView>
        idPrefix="anagrafe"
        formLabel="Carica l'anagrafe degli assistiti"
        fileLabel="File CSV dell'anagrafe degli assistiti"
        submitLabel="Carica l'anagrafe"
        missingFile="Scegliere il file CSV dell'anagrafe da caricare."
        emptyHistory="Nessuna anagrafe caricata."
        upload={uploadPersonFile}
        poll={personImport}
        list={personImports}
        doneText={doneText}
        columns={[
          { header: 'Nuove', cell: (h) => count(h.inserted) },
          { header: 'Aggiornate', cell: (h) => count(h.updated) },
          { header: 'Scartate', cell: (h) => count(h.rowsRejected) },
        ]}
      />
    </>
  );
}
