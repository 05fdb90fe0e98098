/** The EXPIRING rule (issue 11 §2): the last N days of an exemption's validity, its last day included. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, DEFAULT_EXPIRY_WARNING_DAYS, exemptionState } from '../src/validity.js';

const row = (validUntil: string | null, revokedAt: string | null = null) => ({
  validFrom: '2025-01-01',
  validUntil,
  revokedAt,
});

describe('exemptionState', () => {
  test('30 days by default: EXPIRING from 30 days before the end to the last valid day, EXPIRED after', () => {
    assert.equal(DEFAULT_EXPIRY_WARNING_DAYS, 30);
    const r = row('2025-12-31');
    assert.equal(exemptionState(r, '2025-12-01'), 'ACTIVE');
    assert.equal(exemptionState(r, '2025-12-02'), 'EXPIRING');
    assert.equal(exemptionState(r, '2025-12-31'), 'EXPIRING');
    assert.equal(exemptionState(r, '2026-01-01'), 'EXPIRED');
  });

  test('the number of days is a parameter (EXPIRY_WARNING_DAYS)', () => {
    const r = row('2025-12-31');
    assert.equal(exemptionState(r, '2025-12-24', 7), 'ACTIVE');
    assert.equal(exemptionState(r, '2025-12-25', 7), 'EXPIRING');
  });

  test('no end date is never EXPIRING; revoked and not yet valid keep their state', () => {
    assert.equal(exemptionState(row(null), '2099-12-31'), 'ACTIVE');
    assert.equal(exemptionState(row('2025-12-31', '2025-06-01T10:00:00Z'), '2025-12-20'), 'REVOKED');
    assert.equal(exemptionState(row('2025-01-10'), '2024-12-31'), 'NOT_YET_VALID');
  });

  test('addDays crosses months, years and leap days', () => {
    assert.equal(addDays('2024-02-28', 1), '2024-02-29');
    assert.equal(addDays('2025-02-28', 1), '2025-03-01');
    assert.equal(addDays('2025-12-31', 1), '2026-01-01');
    assert.equal(addDays('2026-01-01', -1), '2025-12-31');
    assert.equal(addDays('2025-10-26', 30), '2025-11-25');
  });
});
