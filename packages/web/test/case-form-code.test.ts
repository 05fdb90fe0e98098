/** The choices of the exemption code field (features/case-form/exemptionCode.ts). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { filterQuery, proposedCode, typedByHand } from '../src/features/case-form/exemptionCode';

test('the search filter: «TUTTE» or nothing lists every code of the catalogue', () => {
  assert.equal(filterQuery(''), '');
  assert.equal(filterQuery(' tutte '), '');
  assert.equal(filterQuery('TUTTE'), '');
  assert.equal(filterQuery(' 048 '), '048');
  assert.equal(filterQuery('artrite'), 'artrite');
});

const choice = {
  diagnosisCode: '714.0',
  manual: false,
  loaded: true,
  suggested: ['006', 'RF0100'],
  value: '006',
};

test('the code is chosen among the suggestions, or typed by hand', () => {
  assert.equal(typedByHand(choice), false);
  assert.equal(typedByHand({ ...choice, loaded: false, value: '' }), false, 'while the suggestions load');
  assert.equal(typedByHand({ ...choice, diagnosisCode: null }), true, 'no diagnosis');
  assert.equal(typedByHand({ ...choice, manual: true }), true, '«Altro codice assegnabile»');
  assert.equal(typedByHand({ ...choice, suggested: [] }), true, 'no code for the diagnosis');
  assert.equal(typedByHand({ ...choice, value: '048' }), true, 'a code that is not suggested');
  assert.equal(typedByHand({ ...choice, value: '' }), false);
});

test('the first suggestion is proposed when it arrives, never over a suggestion or a manual choice', () => {
  assert.equal(proposedCode({ ...choice, value: '' }), '006');
  assert.equal(proposedCode({ ...choice, value: '048' }), '006');
  assert.equal(proposedCode(choice), null);
  assert.equal(proposedCode({ ...choice, value: 'RF0100' }), null);
  assert.equal(proposedCode({ ...choice, value: '', manual: true }), null);
  assert.equal(proposedCode({ ...choice, value: '', loaded: false }), null);
  assert.equal(proposedCode({ ...choice, value: '', suggested: [] }), null);
});
