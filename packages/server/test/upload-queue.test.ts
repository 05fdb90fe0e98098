/**
 * The inspection queue is bounded: past MAX_QUEUED_FILES waiting files a new one is refused at once with
 * 429 RATE_LIMITED and Retry-After, instead of waiting behind a sender of slow files (attack review).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DomainError } from '@esenzioni/domain';
import { InspectionPool, MAX_QUEUED_FILES } from '../src/uploads/inspection-pool.js';
import { PDF_BYTES } from './helpers/fixtures.js';

test(`a full inspection queue (${MAX_QUEUED_FILES} waiting) refuses the next file at once; the queued ones are still inspected`, async () => {
  const pool = new InspectionPool({ workers: 1, timeoutMs: 10_000, heapMb: 128 });
  // the first file goes to the worker, the next MAX_QUEUED_FILES wait, one more is refused
  const accepted = Array.from({ length: MAX_QUEUED_FILES + 1 }, () => pool.inspect({ bytes: PDF_BYTES }));
  const started = performance.now();
  await assert.rejects(pool.inspect({ bytes: PDF_BYTES }), (e: unknown) => {
    assert.ok(e instanceof DomainError, 'a domain error');
    assert.equal(e.code, 'RATE_LIMITED');
    assert.equal(e.extra.retryAfterSeconds, 60);
    return true;
  });
  assert.ok(performance.now() - started < 50, 'refused without waiting');
  const verdicts = await Promise.all(accepted);
  assert.equal(verdicts.length, MAX_QUEUED_FILES + 1);
});

test('at most DOCUMENT_STORE_SLOTS case transactions store documents at once; the others wait before opening theirs', async () => {
  const { DOCUMENT_STORE_SLOTS, withDocumentStoreSlot } =
    await import('../src/services/cases/case-documents.js');
  let running = 0;
  let peak = 0;
  const gates: Array<() => void> = [];
  const jobs = Array.from({ length: DOCUMENT_STORE_SLOTS + 3 }, () =>
    withDocumentStoreSlot(async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise<void>((release) => gates.push(release));
      running--;
    }),
  );
  // let every job that can start, start
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  assert.equal(running, DOCUMENT_STORE_SLOTS);
  while (gates.length > 0 || running > 0) {
    gates.shift()?.();
    await new Promise((r) => setImmediate(r));
  }
  await Promise.all(jobs);
  assert.equal(peak, DOCUMENT_STORE_SLOTS);
});
