/**
 * Rules the manual states (issue 11 §6), as the domain holds them: the tab a state filter belongs to,
 * why «Valida» is blocked, who reads the Nota Beneficiario, from where the sender cancels.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { caseSearchQuery } from '../src/api.js';
import { CASE_STATUSES, VIEW_STATUSES, type CaseStatus } from '../src/enums.js';
import {
  beneficiaryNoteReachesCitizen,
  needsCertificate,
  SENDER_CANCEL_FROM,
  validationBlocker,
} from '../src/manual-rules.js';
import { CASE_COMMAND_CATALOGUE } from '../src/commands.js';

describe('caseSearchQuery: a state filter belongs to its tab', () => {
  for (const view of ['todo', 'closed'] as const)
    for (const status of CASE_STATUSES) {
      const belongs = VIEW_STATUSES[view].includes(status as CaseStatus);
      test(`${view} + ${status}: ${belongs ? 'accepted' : 'refused on status'}`, () => {
        const r = caseSearchQuery.safeParse({ view, status });
        assert.equal(r.success, belongs);
        if (!r.success) {
          const issue = r.error.issues.find((i) => i.path.join('.') === 'status');
          assert.ok(issue);
          assert.match(
            issue.message,
            /^Lo stato «.+» non appartiene a «Pratiche (da fare|chiuse)»: ammessi /,
          );
        }
      });
    }

  test('the default tab is "Pratiche da fare"', () => {
    assert.equal(caseSearchQuery.safeParse({ status: 'VALIDATED' }).success, false);
    assert.equal(caseSearchQuery.safeParse({ status: 'SUBMITTED' }).success, true);
  });
});

describe('«Valida» blocked without the certificate', () => {
  test('pathology and rare disease need it; other families do not', () => {
    assert.equal(needsCertificate('CHRONIC'), true);
    assert.equal(needsCertificate('RARE'), true);
    for (const f of ['INVALIDITY', 'INCOME', 'PREGNANCY', 'DENTAL', 'OTHER'] as const)
      assert.equal(needsCertificate(f), false, f);
  });

  test('the reason, in Italian, only when the certificate is missing', () => {
    assert.match(
      validationBlocker({ family: 'RARE', certificate: { available: false } }) ?? '',
      /^Non è possibile validare: .*certificato/,
    );
    assert.equal(validationBlocker({ family: 'RARE', certificate: { available: true } }), null);
    assert.equal(validationBlocker({ family: 'INCOME', certificate: { available: false } }), null);
  });
});

describe('notes and cancel', () => {
  test('the Nota Beneficiario reaches the citizen only on what the citizen or a delegate sent', () => {
    assert.equal(beneficiaryNoteReachesCitizen('CITIZEN'), true);
    assert.equal(beneficiaryNoteReachesCitizen('DELEGATE'), true);
    assert.equal(beneficiaryNoteReachesCitizen('DOCTOR'), false);
    assert.equal(beneficiaryNoteReachesCitizen('OPERATOR'), false);
  });

  test('the sender cancels only from INVIATA, within what the catalogue allows', () => {
    assert.deepEqual(SENDER_CANCEL_FROM, ['SUBMITTED']);
    for (const s of SENDER_CANCEL_FROM) assert.ok(CASE_COMMAND_CATALOGUE.cancel.from.includes(s));
  });
});
