/**
 * The sentence above a form after a refused submission, in a focusable live region (the caller
 * focuses `summaryRef` so the sentence is read at once), then every field in error as a link that
 * moves the focus to it (issue 17 §6: all the errors at once, each one reachable). The details stay
 * next to the fields; the list is read from them (`aria-invalid` controls of the form and their error
 * text), so every form gets it without describing its fields twice.
 */
import { Alert } from 'design-react-kit';
import { useLayoutEffect, useState, type RefObject } from 'react';

interface Props {
  summaryRef: RefObject<HTMLDivElement | null>;
  title: string;
  /** nothing shown when null */
  text: string | null;
  /** the form's errors by field: when they change, the list of links is read again */
  errors?: Readonly<Record<string, string>>;
}

interface FieldLink {
  id: string;
  label: string;
  message: string;
}

const clean = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

/**
 * The controls in error inside `root`, with their label and the error text they are described by, in
 * the order of the form. A composite field (a search with a list to choose from) marks its error text
 * with `data-field-id` (the control to focus) and `data-field-label` instead.
 */
export function invalidFields(root: ParentNode): FieldLink[] {
  const out: FieldLink[] = [];
  for (const el of root.querySelectorAll<HTMLElement>('[aria-invalid="true"], [data-field-id]')) {
    const target = el.dataset.fieldId;
    if (target) {
      out.push({ id: target, label: el.dataset.fieldLabel ?? target, message: clean(el.textContent) });
      continue;
    }
    if (!el.id) continue;
    const labels = (el as HTMLInputElement).labels;
    const label = clean(labels?.[0]?.textContent ?? el.getAttribute('aria-label'));
    const described = (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
    const errorId = described.find((d) => d.endsWith('-errore')) ?? described[described.length - 1];
    const message = clean(errorId ? document.getElementById(errorId)?.textContent : '');
    out.push({ id: el.id, label: label || el.id, message });
  }
  return out;
}

export function SummaryAlert({ summaryRef, title, text, errors }: Props) {
  const [links, setLinks] = useState<FieldLink[]>([]);
  const errorsKey = errors ? Object.keys(errors).sort().join('|') : '';
  useLayoutEffect(() => {
    const here = summaryRef.current;
    if (!text || !here) {
      setLinks([]);
      return;
    }
    setLinks(invalidFields(here.closest('form') ?? here.parentElement ?? document));
  }, [text, errorsKey, summaryRef]);

  return (
    <div ref={summaryRef} tabIndex={-1} aria-live="assertive">
      {text && (
        <Alert fade={false} color="danger">
          <strong className="d-block">{title}</strong>
          {text}
          {links.length > 0 && (
            <ul className="mb-0 mt-2 summary-links">
              {links.map((l) => (
                <li key={l.id}>
                  <a
                    href={`#${l.id}`}
                    onClick={(e) => {
                      e.preventDefault();
                      document.getElementById(l.id)?.focus();
                    }}
                  >
                    {l.message ? `${l.label}: ${l.message}` : l.label}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </Alert>
      )}
    </div>
  );
}
