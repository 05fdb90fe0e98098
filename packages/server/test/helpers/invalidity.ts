/** The verbale fields of an invalidity request (issue 12 §4), as a form sends them: a C01 that fits. */
export const C01_VERBALE = {
  invalidityKind: 'CIVIL',
  invalidityPercentage: '100',
  invalidityAccompaniment: 'false',
  verbaleNumber: 'PROVA-2019-0001',
  verbaleIssuer: 'Commissione medica di prova',
} as const;
