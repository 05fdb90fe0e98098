import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pregnancyCode, pregnancyWeekFromLastPeriod } from '../src/pregnancy.js';

const TODAY = '2026-11-30';

test('the week becomes M + two digits; 1 to 41 only', () => {
  assert.deepEqual(pregnancyCode({ situation: 'WEEK', week: 12 }, 'GP', TODAY), {
    ok: true,
    code: 'M12',
    week: 12,
  });
  assert.equal((pregnancyCode({ situation: 'WEEK', week: 1 }, 'GP', TODAY) as { code: string }).code, 'M01');
  assert.equal((pregnancyCode({ situation: 'WEEK', week: 41 }, 'GP', TODAY) as { code: string }).code, 'M41');
  for (const week of [0, 42, 12.5, -3]) {
    const r = pregnancyCode({ situation: 'WEEK', week }, 'GP', TODAY);
    assert.equal(r.ok, false, String(week));
    assert.equal(!r.ok && r.field, 'week');
  }
});

test('the last menstrual period gives the week in progress', () => {
  assert.equal(pregnancyWeekFromLastPeriod(TODAY, TODAY), 1);
  assert.equal(pregnancyWeekFromLastPeriod('2026-11-24', TODAY), 1, '6 days: week 1');
  assert.equal(pregnancyWeekFromLastPeriod('2026-11-23', TODAY), 2, '7 days: week 2');
  assert.equal(pregnancyWeekFromLastPeriod('2026-09-14', TODAY), 12, '77 days: 11 weeks done, the 12th');
  // across the change from summer time (25 October 2026)
  assert.equal(pregnancyWeekFromLastPeriod('2026-10-19', TODAY), 7);
  const r = pregnancyCode({ situation: 'LAST_PERIOD', lastPeriod: '2026-09-14' }, 'SPECIALIST', TODAY);
  assert.deepEqual(r, { ok: true, code: 'M12', week: 12 });
  const future = pregnancyCode({ situation: 'LAST_PERIOD', lastPeriod: '2026-12-01' }, 'GP', TODAY);
  assert.equal(future.ok, false);
  const tooOld = pregnancyCode({ situation: 'LAST_PERIOD', lastPeriod: '2025-12-01' }, 'GP', TODAY);
  assert.equal(tooOld.ok, false);
  assert.match(!tooOld.ok ? tooOld.message : '', /M99/);
});

test('M00, M99 for anyone; M50 only for the specialist', () => {
  assert.deepEqual(pregnancyCode({ situation: 'PRECONCEPTION' }, 'GP', TODAY), {
    ok: true,
    code: 'M00',
    week: null,
  });
  assert.deepEqual(pregnancyCode({ situation: 'UNKNOWN_WEEK' }, 'GP', TODAY), {
    ok: true,
    code: 'M99',
    week: null,
  });
  assert.deepEqual(pregnancyCode({ situation: 'AT_RISK' }, 'SPECIALIST', TODAY), {
    ok: true,
    code: 'M50',
    week: null,
  });
  const gp = pregnancyCode({ situation: 'AT_RISK' }, 'GP', TODAY);
  assert.equal(gp.ok, false);
  assert.equal(!gp.ok && gp.forbidden, true);
  assert.match(!gp.ok ? gp.message : '', /specialista/);
});
