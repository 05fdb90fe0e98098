/** STP/ENI identifiers (issue 12 §6): STP/ENI + 13 digits, accepted only where a code allows them. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { identifierProblem, parsePersonIdentifier, personIdentifierKind } from '../src/person-identifier.js';

test('STP and ENI: the three letters and 13 digits (region, ASL, progressive); spaces and case ignored', () => {
  assert.deepEqual(parsePersonIdentifier('stp 010301 0000123'), {
    kind: 'STP',
    value: 'STP0103010000123',
    regionCode: '010',
    aslCode: '301',
  });
  assert.equal(personIdentifierKind('ENI0102030000001'), 'ENI');
  assert.equal(personIdentifierKind('RSSMRA80A01H501U'), 'CF');
});

test('a malformed STP/ENI or fiscal code is refused with its reason', () => {
  for (const bad of ['STP010301000012', 'STP01030100001234', 'ENI01030100A0012', 'XYZ0103010000123']) {
    const p = parsePersonIdentifier(bad);
    assert.ok('problem' in p, bad);
  }
  assert.match(identifierProblem('STP01030100001', ['STP']) ?? '', /STP e 13 cifre/);
  assert.match(identifierProblem('RSSMRA80A01H501X', ['CF']) ?? '', /carattere di controllo/);
});

test('accepted where, and only where, the code allows the kind', () => {
  assert.equal(identifierProblem('STP0103010000123', ['STP'], 'E08'), null);
  assert.equal(identifierProblem('ENI0103010000123', ['CF', 'STP', 'ENI'], 'X23'), null);
  assert.match(identifierProblem('STP0103010000123', ['CF'], '048') ?? '', /048 non ammette il codice STP/);
  assert.match(
    identifierProblem('ENI0103010000123', ['STP'], 'E08') ?? '',
    /E08 non ammette il codice ENI.*ammessi codice STP/,
  );
  assert.match(
    identifierProblem('RSSMRA80A01H501U', ['ENI'], 'E07') ?? '',
    /E07 non ammette il codice fiscale/,
  );
});
