/** The server's `issues` (problem+json) by field, to show each one next to its control. */
import { isApiError } from '../../api/client';

export type FieldErrors = Record<string, string>;

export function issuesByField(e: unknown): FieldErrors {
  const out: FieldErrors = {};
  if (!isApiError(e)) return out;
  for (const i of e.problem?.issues ?? []) {
    out[i.field] = out[i.field] ? `${out[i.field]} ${i.message}` : i.message;
  }
  return out;
}

/** Focus the first control (by id) that has an error, in the order of the form. */
export function focusFirst(ids: readonly (string | false | null | undefined)[]): void {
  for (const id of ids) {
    if (!id) continue;
    const el = document.getElementById(id);
    if (el) {
      el.focus();
      return;
    }
  }
}

/** For setErrors: the errors without `field` (the same object when it had none, so nothing re-renders). */
export const withoutField =
  (field: string) =>
  (errors: FieldErrors): FieldErrors => {
    if (!(field in errors)) return errors;
    const { [field]: _removed, ...rest } = errors;
    return rest;
  };
