/**
 * "Documenti da presentare" (issue 12 §9): what the family of the chosen code asks for, from the
 * catalogue (GET /api/catalog/documents). The family is the chosen code's (looked up in the
 * catalogue, aliases included), else `fallback` (the kind of request being made).
 */
import type { ExemptionFamily, FamilyDocumentList } from '@esenzioni/domain';
import { EXEMPTION_FAMILY_LABELS } from '@esenzioni/domain/enums';
import { useEffect, useState } from 'react';
import { familyDocuments } from '../../api/catalogue';
import { searchCatalog } from '../../api/registry';

export function FamilyDocuments({ code, fallback }: { code: string; fallback: ExemptionFamily }) {
  const typed = code.trim().toUpperCase();
  const [family, setFamily] = useState<{ code: string; family: ExemptionFamily } | null>(null);
  const [list, setList] = useState<FamilyDocumentList | null>(null);

  useEffect(() => {
    if (!typed) return;
    const ctrl = new AbortController();
    const timer = window.setTimeout(() => {
      searchCatalog(typed, ctrl.signal)
        .then((items) => {
          const hit = items.find((i) => i.code === typed || (i.aliases ?? []).includes(typed));
          if (hit) setFamily({ code: typed, family: hit.family });
        })
        .catch(() => undefined); // a hint only: the form works without it
    }, 300);
    return () => {
      window.clearTimeout(timer);
      ctrl.abort();
    };
  }, [typed]);

  const wanted = typed && family?.code === typed ? family.family : fallback;
  useEffect(() => {
    const ctrl = new AbortController();
    familyDocuments(wanted, ctrl.signal)
      .then(setList)
      .catch(() => undefined);
    return () => ctrl.abort();
  }, [wanted]);

  if (!list || list.family !== wanted || list.items.length === 0) return null;
  return (
    <section className="border rounded p-3 mb-3" aria-labelledby="documenti-famiglia-titolo">
      <h2 id="documenti-famiglia-titolo" className="h6">
        Documenti da presentare – {EXEMPTION_FAMILY_LABELS[wanted]}
      </h2>
      <ul className="mb-1 small">
        {list.items.map((d) => (
          <li key={d.document}>
            {d.document}
            {!d.required && ' (se ricorre)'}
            {d.note && <span className="d-block text-secondary">{d.note}</span>}
          </li>
        ))}
      </ul>
      {list.source && <p className="small mb-0 text-secondary">Fonte: {list.source}</p>}
    </section>
  );
}
