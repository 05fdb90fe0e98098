/**
 * «Documenti per le esenzioni» (issue 12 §9): what each family of exemptions asks to bring, from the
 * catalogue (GET /api/catalog/documents, public). Readable before signing in, linked from the footer.
 */
import type { ExemptionFamily, FamilyDocumentList } from '@esenzioni/domain';
import { EXEMPTION_FAMILY_LABELS } from '@esenzioni/domain/enums';
import { useEffect, useState } from 'react';
import { familyDocuments } from '../../api/catalogue';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { usePageTitle } from '../../ui/usePageTitle';

const FAMILIES: ExemptionFamily[] = ['CHRONIC', 'RARE', 'INVALIDITY', 'INCOME', 'DENTAL'];

export default function FamilyDocumentsPage() {
  usePageTitle('Documenti per le esenzioni');
  const [lists, setLists] = useState<FamilyDocumentList[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const ctrl = new AbortController();
    Promise.all(FAMILIES.map((f) => familyDocuments(f, ctrl.signal)))
      .then(setLists)
      .catch((e: unknown) => !ctrl.signal.aborted && setError(e));
    return () => ctrl.abort();
  }, []);

  return (
    <article className="row">
      <div className="col-12 col-lg-9">
        <h1 className="h2">Documenti per le esenzioni</h1>
        <p>
          Che cosa presentare, allo sportello o nella richiesta on line, per ciascun tipo di esenzione. Per la
          gravidanza non serve una richiesta: il medico scrive il codice sulla ricetta.
        </p>
        <ErrorAlert error={error} title="Elenco non disponibile" />
        {!lists && !error && <Loading label="Caricamento in corso…" />}
        {lists?.map((l) => (
          <section key={l.family} aria-labelledby={`documenti-${l.family}`} className="mt-4">
            <h2 id={`documenti-${l.family}`} className="h4">
              {EXEMPTION_FAMILY_LABELS[l.family]}
            </h2>
            <ul>
              {l.items.map((d) => (
                <li key={d.document}>
                  {d.document}
                  {!d.required && ' (se ricorre)'}
                  {d.note && <span className="d-block small text-secondary">{d.note}</span>}
                </li>
              ))}
            </ul>
            {l.source && <p className="small text-secondary">Fonte: {l.source}</p>}
          </section>
        ))}
      </div>
    </article>
  );
}
