/** "Scarica certificato" and "Scarica allegati" (when the citizen uploaded some). */
import type { CaseDetail } from '@esenzioni/domain';
import { useId, useState } from 'react';
import { attachmentUrl, certificateUrl } from '../../api/cases';
import { Icon } from '../../ui/Icon';

/** What a document is (issue 17 §1): the written delegation, the identity document, or another one. */
export const attachmentKindLabel = (a: CaseDetail['attachments'][number]): string =>
  a.kind === 'DELEGATION'
    ? 'Delega scritta'
    : a.fileName.startsWith('documento-identita_')
      ? "Documento d'identità"
      : 'Allegato';

const size = (n: number) =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;

export function Documents({ c }: { c: CaseDetail }) {
  const [open, setOpen] = useState(false);
  const listId = useId();
  if (!c.certificate.available && c.attachments.length === 0) return null;
  return (
    <div className="d-flex flex-wrap gap-2 align-items-start mb-3">
      {c.certificate.available && (
        <a
          className="btn btn-outline-primary btn-sm d-inline-flex align-items-center gap-1"
          href={certificateUrl(c.caseNumber)}
          download
        >
          <Icon name="it-download" size="sm" color="primary" />
          Scarica certificato
        </a>
      )}
      {c.attachments.length > 0 && (
        <div>
          <button
            type="button"
            className="btn btn-outline-primary btn-sm d-inline-flex align-items-center gap-1"
            aria-expanded={open}
            aria-controls={listId}
            onClick={() => setOpen((o) => !o)}
          >
            <Icon name="it-clip" size="sm" color="primary" />
            Scarica allegati ({c.attachments.length})
          </button>
          <ul
            id={listId}
            className="list-unstyled mt-2 mb-0"
            hidden={!open}
            aria-label="Allegati della richiesta"
          >
            {c.attachments.map((a) => (
              <li key={a.id}>
                <span className="fw-semibold">{`${attachmentKindLabel(a)}: `}</span>
                <a href={attachmentUrl(c.caseNumber, a.id)} download={a.fileName}>
                  {a.fileName} <span className="small">({size(a.size)})</span>
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
