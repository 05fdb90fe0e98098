/**
 * The notes being typed on a case's detail, kept in this tab's sessionStorage until they are saved
 * (issue 17 §6): a session that expires, a reload or a conflict with another operator does not lose
 * them. Signing out removes every draft (a shared office computer keeps no case text).
 */
import { useCallback, useState } from 'react';
import type { Notes } from './NotesFields';

const PREFIX = 'esz-note-draft:';
export const NO_NOTES: Notes = { beneficiaryNote: '', internalNote: '' };

/** What a stored value holds, or the empty notes when it is missing or not ours. */
export function parseDraft(raw: string | null): Notes {
  if (!raw) return NO_NOTES;
  try {
    const v = JSON.parse(raw) as Partial<Notes>;
    return {
      beneficiaryNote: typeof v.beneficiaryNote === 'string' ? v.beneficiaryNote : '',
      internalNote: typeof v.internalNote === 'string' ? v.internalNote : '',
    };
  } catch {
    return NO_NOTES;
  }
}

const isEmpty = (n: Notes) => !n.beneficiaryNote && !n.internalNote;

function store(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

export function useNoteDraft(caseNumber: string): [Notes, (n: Notes) => void, () => void] {
  const key = PREFIX + caseNumber;
  const [draft, setDraft] = useState<{ key: string; notes: Notes }>(() => ({
    key,
    notes: parseDraft(store()?.getItem(key) ?? null),
  }));
  // another case opened in the same page: its own draft
  const current = draft.key === key ? draft.notes : parseDraft(store()?.getItem(key) ?? null);
  if (draft.key !== key) setDraft({ key, notes: current });

  const set = useCallback(
    (n: Notes) => {
      setDraft({ key, notes: n });
      if (isEmpty(n)) store()?.removeItem(key);
      else store()?.setItem(key, JSON.stringify(n));
    },
    [key],
  );
  const clear = useCallback(() => set(NO_NOTES), [set]);
  return [current, set, clear];
}

/** Every draft of this tab, removed at sign-out. */
export function clearNoteDrafts(): void {
  const s = store();
  if (!s) return;
  for (const k of Object.keys(s)) if (k.startsWith(PREFIX)) s.removeItem(k);
}
