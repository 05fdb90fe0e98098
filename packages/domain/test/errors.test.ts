import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as errors from '../src/errors.js';
import { ERROR_TITLES, type DomainError, type ErrorCode } from '../src/errors.js';

/** One call of every factory of errors.ts, with the arguments its call sites pass. */
const built: DomainError[] = [
  errors.validationFailed([{ field: 'fiscalCode', message: 'Obbligatorio.' }]),
  errors.malformedJson(),
  errors.payloadTooLarge(),
  errors.unsupportedMediaType(),
  errors.rateLimited(),
  errors.loginRateLimited(2),
  errors.notFound(),
  errors.internal(),
  errors.databaseUnavailable(),
  errors.unauthenticated(),
  errors.invalidCredentials(),
  errors.accountLocked(900),
  errors.sessionExpired(),
  errors.csrfTokenInvalid(),
  errors.profileRequired(),
  errors.profileUnknown(),
  errors.apiKeyInvalid(),
  errors.forbidden(),
  errors.segregationOfDuties('submitter'),
  errors.caseNotFound('202601030100000001'),
  errors.documentNotFound(),
  errors.personNotFound('RSSMRA80A01H501U'),
  errors.delegationNotFound(),
  errors.notificationNotFound(),
  errors.exemptionNotFound(),
  errors.exemptionAgeLimitPassed('040', '1956-06-09'),
  errors.exemptionAlreadyActive('048', '2027-03-31'),
  errors.renewalNotAllowed('La pratica non è in scadenza né scaduta.'),
  errors.exemptionCodeUnknown('999'),
  errors.exemptionCodeNotAssignable('048', ['CHRONIC']),
  errors.exemptionCodeNotInForce('048', '2020-01-01', '2023-01-01', null),
  errors.diagnosisUnknown('999.99'),
  errors.exemptionDiagnosisMismatch('013.250', '250', '401.9'),
  errors.exemptionDiagnosisOutOfRange('048', { from: 140, to: 239, label: 'Tumori' }, '250.00'),
  errors.personUnknown('RSSMRA80A01H501U', 'della Regione', 'beneficiaryFiscalCode'),
  errors.certificateDateInFuture('2099-01-01'),
  errors.certificateTooOld('2020-01-01', 6, '2025-07-01'),
  errors.caseAlreadyOpen(),
  errors.exemptionBlocked('048'),
  errors.delegationAlreadyActive(),
  errors.documentUnsafe('Il PDF «a.pdf» è cifrato.', 'documents', 'PDF cifrato.'),
  errors.documentUnreadable('a.pdf', 'documents'),
  errors.documentRequired('il certificato medico', 'certificate'),
  errors.certificateMissing('202601030100000001', 'CHRONIC'),
  errors.transitionNotAllowed('202601030100000001', 'VALIDATED', 'Valida'),
  errors.versionConflict('202601030100000001', 3, 'IN_PROGRESS'),
  errors.preconditionRequired(),
  // issue 12 (H4): invalidity data and exempt services
  errors.invalidityDataMismatch('C03', [{ field: 'invalidityPercentage', message: 'Fuori intervallo.' }]),
  errors.exemptServicesFileInvalid([{ field: 'riga 2', message: 'prestazione sconosciuta.' }], 0),
  // issue 12 (H3): MEF list and art. 71 checks
  errors.mefImportBusy(),
  errors.mefListInvalid('Intestazione non valida.'),
  errors.mefListOutdated(2025, 2026),
  errors.declarationCheckNotFound(),
  errors.declarationCheckDecided('conforme'),
  // issue 12 (H2): income self-declaration
  errors.incomeRequirementsNotMet('E02', [
    { field: 'householdIncomeCents', message: 'Reddito oltre la soglia.' },
  ]),
  errors.incomeExemptionHeld('E01', '2027-03-31', '202601030100000001'),
  errors.incomeCodeByDeclaration('E01'),
  // issue 13: identity
  errors.identityRefused("L'identità non ha un profilo di operatore."),
  errors.clientCertificateInvalid('Nessun certificato digitale presentato.'),
  errors.loginMethodDisabled("L'accesso con password è disattivato."),
  // issue 13: administration and the person directory
  errors.usernameTaken('mario.rossi'),
  errors.lastAdmin(),
  errors.personNotAssisted('RSSMRA80A01H501U', 'beneficiaryFiscalCode'),
  errors.directoryUnavailable(),
  errors.personImportBusy(),
];

test('every error code has its factory, with the Italian title of the code', () => {
  const codes = new Set(built.map((e) => e.code));
  assert.deepEqual([...codes].sort(), (Object.keys(ERROR_TITLES) as ErrorCode[]).sort());
  for (const e of built) {
    assert.ok(errors.isDomainError(e));
    assert.equal(e.title, ERROR_TITLES[e.code]);
    assert.ok(e.detail.length > 0, `${e.code} has a detail`);
  }
});

test('the constructor refuses a caller without the factories’ key', () => {
  const Ctor = errors.DomainError as unknown as new (...args: unknown[]) => DomainError;
  assert.throws(() => new Ctor('NOT_FOUND', 'x'), TypeError);
  assert.throws(() => new Ctor(Symbol('DomainError factory'), 'NOT_FOUND', 'x'), TypeError);
});

test('field issues, Retry-After and the last actor travel in extra', () => {
  assert.deepEqual(errors.validationFailed([], 'Indirizzo non valido.').extra, {});
  assert.deepEqual(errors.documentRequired('il certificato', 'certificate').extra.issues, [
    { field: 'certificate', message: 'Documento obbligatorio.' },
  ]);
  assert.equal(
    errors.accountLocked(60).detail,
    'Troppi tentativi di accesso non riusciti. Riprovare tra 1 minuto.',
  );
  assert.equal(errors.accountLocked(900).extra.retryAfterSeconds, 900);
  const staff = errors.versionConflict('202601030100000001', 4, 'VALIDATED', {
    at: '2026-01-10T09:00:00.000Z',
    actorFiscalCode: 'LBRCRD53H10D205E',
    actorRole: 'DISTRICT_OPERATOR',
  });
  assert.match(staff.detail, /da un altro utente \(LBRCRD53H10D205E, DISTRICT_OPERATOR\)/);
  // a citizen is told the role and the structure, never the operator's fiscal code
  const citizen = errors.transitionNotAllowed('202601030100000001', 'VALIDATED', 'Annulla', {
    role: 'DISTRICT_OPERATOR',
    structure: 'ASL CN2',
  });
  assert.doesNotMatch(citizen.detail, /LBRCRD53H10D205E/);
  assert.deepEqual(citizen.extra.lastActor, { role: 'DISTRICT_OPERATOR', structure: 'ASL CN2' });
  assert.equal(citizen.extra.lastChange, undefined);
});
