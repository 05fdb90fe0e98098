/** The «Revoca» and «Annulla esenzione» dialogs' logic: defaults, the body sent, what must be corrected. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { annulmentBody, revocationBody, revocationDefaults } from '../src/features/case-detail/revocation.js';

const PERIOD = { validFrom: '2025-03-13', validUntil: '2027-03-12' };
const TODAY = '2026-11-30';

describe('revocationDefaults', () => {
  test('no reason, no block, today as end date', () => {
    assert.deepEqual(revocationDefaults(PERIOD, TODAY), {
      reason: '',
      endDate: '30/11/2026',
      block: false,
      beneficiaryNote: '',
      internalNote: '',
    });
  });
  test('an exemption already past its end: that end', () => {
    assert.equal(
      revocationDefaults({ validFrom: '2025-03-13', validUntil: '2026-11-01' }, TODAY).endDate,
      '01/11/2026',
    );
  });
});

describe('revocationBody', () => {
  const form = { ...revocationDefaults(PERIOD, TODAY), reason: 'DEATH' };

  test('the reason, the end date as ISO, the block and the trimmed notes', () => {
    assert.deepEqual(
      revocationBody(
        { ...form, block: true, beneficiaryNote: '  Ci dispiace. ', internalNote: ' ' },
        PERIOD,
        TODAY,
      ),
      {
        ok: true,
        body: { reason: 'DEATH', endDate: '2026-11-30', block: true, beneficiaryNote: 'Ci dispiace.' },
      },
    );
  });

  test('an empty end date is today', () => {
    const r = revocationBody({ ...form, endDate: '' }, PERIOD, TODAY);
    assert.ok(r.ok);
    assert.equal(r.body.endDate, TODAY);
  });

  test('a missing reason and a date that is not one are both said', () => {
    assert.deepEqual(revocationBody({ ...form, reason: '', endDate: '31/02/2026' }, PERIOD, TODAY), {
      ok: false,
      errors: {
        reason: 'Scegliere il motivo della revoca.',
        endDate: 'Data non valida: usare il formato gg/mm/aaaa.',
      },
    });
  });

  test('before the start or after the end of the exemption: the domain’s message', () => {
    const early = revocationBody({ ...form, endDate: '12/03/2025' }, PERIOD, TODAY);
    assert.ok(!early.ok);
    assert.match(early.errors.endDate ?? '', /non può precedere l’inizio dell’esenzione \(13\/03\/2025\)/);
    const late = revocationBody({ ...form, endDate: '13/03/2027' }, PERIOD, TODAY);
    assert.ok(!late.ok);
    assert.match(late.errors.endDate ?? '', /successiva alla scadenza dell’esenzione \(12\/03\/2027\)/);
  });
});

test('annulmentBody: only the notes written, trimmed', () => {
  assert.deepEqual(annulmentBody({ beneficiaryNote: ' ', internalNote: ' Validata per errore ' }), {
    internalNote: 'Validata per errore',
  });
});
