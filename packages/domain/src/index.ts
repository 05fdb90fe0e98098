export * from './enums.js';
export * from './errors.js';
export * from './fiscal-code.js';
export * from './lifecycle.js';
export * from './case-number.js';
export * from './validity.js';
export * from './durations.js';
export * from './api.js';
export * from './api-portal.js';
export * from './api-attestati.js';
export * from './commands.js';
export * from './manual-rules.js';
export * from './command-bodies.js';
export * from './events.js';
export * from './renewal.js';
export * from './revocation.js';
export * from './invalidity.js';
export * from './exempt-services.js';
export * from './api-invalidity.js';
export * from './income.js';
export * from './api-income.js';
// issue 12: regional codes and STP/ENI identifiers (H5)
export * from './person-identifier.js';
export * from './regional.js';
export * from './api-regional.js';
// issue 12: catalogue fidelity and pregnancy (H1)
export * from './diagnosis-ranges.js';
export * from './pregnancy.js';
export * from './api-catalogue.js';
// issue 12: MEF list and art. 71 checks (H3)
export * from './api-checks.js';
// issue 17 §3: who presented a request at the counter
export * from './presenter.js';
// issue 13 §4: the person directory
export * from './api-directory.js';
// issue 13: administration and the public front door
export * from './api-admin.js';
// issue 15: statistics for the ASL managers and the Region
export * from './statistics.js';
export * from './api-statistics.js';
