/**
 * The sentence above a form after a refused submission, in a focusable live region (the caller
 * focuses `summaryRef` so the sentence is read at once); the details go next to the fields.
 */
import { Alert } from 'design-react-kit';
import type { RefObject } from 'react';

interface Props {
  summaryRef: RefObject<HTMLDivElement | null>;
  title: string;
  /** nothing shown when null */
  text: string | null;
}

export function SummaryAlert({ summaryRef, title, text }: Props) {
  return (
    <div ref={summaryRef} tabIndex={-1} aria-live="assertive">
      {text && (
        <Alert fade={false} color="danger">
          <strong className="d-block">{title}</strong>
          {text}
        </Alert>
      )}
    </div>
  );
}
