/** The last day of a revoked exemption (issue 11 §4): default today, within the exemption's period. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isDomainError } from '../src/errors.js';
import { revocationLastDay } from '../src/revocation.js';

const refusedOnEndDate = (e: unknown) => {
  assert.ok(isDomainError(e));
  assert.equal(e.code, 'VALIDATION_FAILED');
  assert.deepEqual(
    (e.extra.issues as Array<{ field: string }>).map((i) => i.field),
    ['endDate'],
  );
  return true;
};

test('by default the exemption ends today', () => {
  assert.equal(
    revocationLastDay({ validFrom: '2025-03-13', validUntil: null }, undefined, '2026-11-30'),
    '2026-11-30',
  );
  assert.equal(
    revocationLastDay({ validFrom: '2025-03-13', validUntil: '2027-03-12' }, undefined, '2026-11-30'),
    '2026-11-30',
  );
});

test('by default, an exemption whose own end is past ends on that day, not later', () => {
  assert.equal(
    revocationLastDay({ validFrom: '2025-03-13', validUntil: '2026-11-29' }, undefined, '2026-11-30'),
    '2026-11-29',
  );
});

test('a chosen day within the period is kept, its first and last day included', () => {
  const period = { validFrom: '2025-03-13', validUntil: '2027-03-12' };
  assert.equal(revocationLastDay(period, '2025-03-13', '2026-11-30'), '2025-03-13');
  assert.equal(revocationLastDay(period, '2026-01-31', '2026-11-30'), '2026-01-31');
  assert.equal(revocationLastDay(period, '2027-03-12', '2026-11-30'), '2027-03-12');
});

test('never before the start, never after the current end: 400 on the field', () => {
  const period = { validFrom: '2025-03-13', validUntil: '2027-03-12' };
  assert.throws(() => revocationLastDay(period, '2025-03-12', '2026-11-30'), refusedOnEndDate);
  assert.throws(() => revocationLastDay(period, '2027-03-13', '2026-11-30'), refusedOnEndDate);
  assert.throws(
    () => revocationLastDay({ validFrom: '2026-12-01', validUntil: null }, undefined, '2026-11-30'),
    (e: unknown) => refusedOnEndDate(e) && isDomainError(e) && /01\/12\/2026/.test(e.detail),
  );
});
