/** The choices of the exemption code field, apart from React (see ExemptionCodeField). */

/** The catalogue search for what was typed in the search filter: «TUTTE» (or nothing) lists every code. */
export const filterQuery = (typed: string): string =>
  typed.trim().toUpperCase() === 'TUTTE' ? '' : typed.trim();

export interface CodeChoice {
  diagnosisCode: string | null;
  /** «Altro codice assegnabile» was chosen */
  manual: boolean;
  /** the suggestions for the diagnosis have arrived (or failed) */
  loaded: boolean;
  /** the codes suggested for the diagnosis, in order */
  suggested: readonly string[];
  value: string;
}

/**
 * The code is typed by hand when there is no diagnosis, when the user asked for another code, when
 * the diagnosis has no suggested code, or when the value is not one of the suggestions.
 */
export const typedByHand = (c: CodeChoice): boolean =>
  !c.diagnosisCode ||
  c.manual ||
  (c.loaded && c.suggested.length === 0) ||
  (!!c.value && c.loaded && !c.suggested.includes(c.value));

/** The first suggestion is proposed as soon as it arrives, unless the value is already one of them. */
export const proposedCode = (c: Omit<CodeChoice, 'diagnosisCode'>): string | null =>
  !c.manual && c.loaded && c.suggested.length > 0 && !c.suggested.includes(c.value) ? c.suggested[0]! : null;
