/**
 * The submission of a case form: the browser's checks first (errors next to their fields, the first
 * one focused, a sentence above the form), then the request; a refusal puts the server's issues next
 * to their fields and its sentence above the form, focused. What was typed stays after an error.
 */
import { useRef, useState } from 'react';
import { focusFirst, issuesByField, withoutField, type FieldErrors } from './issues';
import { submitErrorText } from './submitError';
import { MISSING_OR_INVALID } from './validation';

export interface Submission {
  /** the browser's checks: the errors by field (none: the form is sent) */
  check: () => Promise<FieldErrors>;
  /** the ids of the controls to focus for these errors, in the order of the form */
  focusOrder: (errors: FieldErrors) => readonly string[];
  send: () => Promise<void>;
}

export function useSubmission() {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [summary, setSummary] = useState<string | null>(null);
  // the sentence above the form goes once every field it pointed at is corrected (client checks only)
  const [clientSummary, setClientSummary] = useState(false);
  const [busy, setBusy] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);

  const submit = async ({ check, focusOrder, send }: Submission) => {
    if (busy) return;
    setSummary(null);
    const found = await check();
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setSummary(MISSING_OR_INVALID);
      setClientSummary(true);
      window.setTimeout(() => focusFirst(focusOrder(found)), 0);
      return;
    }
    setBusy(true);
    try {
      await send();
    } catch (e) {
      setErrors(issuesByField(e));
      setSummary(submitErrorText(e));
      setClientSummary(false);
      window.setTimeout(() => summaryRef.current?.focus(), 0);
    } finally {
      setBusy(false);
    }
  };

  return {
    errors,
    setErrors,
    /** clears one field's error (when it is edited) */
    clear: (field: string) => setErrors(withoutField(field)),
    busy,
    summary: clientSummary && Object.keys(errors).length === 0 ? null : summary,
    summaryRef,
    submit,
  };
}
