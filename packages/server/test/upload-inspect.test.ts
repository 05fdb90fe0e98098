import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  detectType,
  inspectUpload,
  pdfActiveContent,
  sanitizeFileName,
} from '../src/uploads/inspect-upload.js';
import { checkCertificateDate, icdCovers, minusMonths } from '../src/services/cases/case-rules.js';
import { DomainError } from '@esenzioni/domain';
import { PDF_BYTES } from './helpers/fixtures.js';
import {
  EXE_BYTES,
  JPEG_BYTES,
  PDF_WITH_ESCAPED_LAUNCH,
  PDF_WITH_JAVASCRIPT,
  PNG_BYTES,
  pdfWithCompressedJavaScript,
} from './helpers/uploads.js';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof DomainError ? e.code : 'OTHER';
  }
  return 'NONE';
};
const asyncCodeOf = async (fn: () => Promise<unknown>) => {
  try {
    await fn();
  } catch (e) {
    return e instanceof DomainError ? e.code : 'OTHER';
  }
  return 'NONE';
};

describe('uploads are judged by content', () => {
  test('PDF, JPEG and PNG by magic bytes; anything else is not recognised, whatever its name', async () => {
    assert.equal(detectType(PDF_BYTES), 'application/pdf');
    assert.equal(detectType(JPEG_BYTES), 'image/jpeg');
    assert.equal(detectType(PNG_BYTES), 'image/png');
    assert.equal(detectType(EXE_BYTES), null);
    assert.equal(detectType(new Uint8Array()), null);
    assert.equal(
      await asyncCodeOf(() => inspectUpload('fattura.pdf', { bytes: EXE_BYTES })),
      'UNSUPPORTED_MEDIA_TYPE',
    );
  });

  test('PDFs with JavaScript or launch actions are refused, also escaped or compressed', async () => {
    assert.equal(pdfActiveContent(PDF_BYTES), null);
    assert.equal(pdfActiveContent(PDF_WITH_JAVASCRIPT), 'JavaScript');
    assert.equal(pdfActiveContent(PDF_WITH_ESCAPED_LAUNCH), 'Launch');
    assert.equal(pdfActiveContent(pdfWithCompressedJavaScript()), 'JavaScript');
    assert.equal(
      await asyncCodeOf(() => inspectUpload('a.pdf', { bytes: PDF_WITH_JAVASCRIPT })),
      'DOCUMENT_UNSAFE',
    );
    assert.equal(await asyncCodeOf(() => inspectUpload('a.pdf', { bytes: PDF_BYTES })), 'NONE');
    // a name that merely starts like one is harmless
    assert.equal(pdfActiveContent(Buffer.from('%PDF-1.4\n<</JSONData 1/Launcher 2>>', 'latin1')), null);
  });

  test('file names: no path, no control or reserved characters, extension of the real type', async () => {
    assert.equal(sanitizeFileName('../../etc/passwd', 'application/pdf'), 'passwd.pdf');
    assert.equal(sanitizeFileName('C:\\Users\\me\\referto <1>.PDF', 'application/pdf'), 'referto_1.pdf');
    assert.equal(sanitizeFileName('foto carta identità.jpeg', 'image/png'), 'foto_carta_identità.png');
    assert.equal(sanitizeFileName('\u0000\u202e.exe', 'image/jpeg'), 'documento.jpg');
    assert.ok(sanitizeFileName(`${'x'.repeat(300)}.pdf`, 'application/pdf').length <= 100);
    assert.equal((await inspectUpload('scan.pdf', { bytes: PNG_BYTES })).fileName, 'scan.png');
  });
});

describe('case rules as functions', () => {
  test('months back, clamped to the end of the month', () => {
    assert.equal(minusMonths('2026-08-31', 6), '2026-02-28');
    assert.equal(minusMonths('2028-08-31', 6), '2028-02-29');
    assert.equal(minusMonths('2026-03-15', 6), '2025-09-15');
  });

  test('certificate date: not in the future, not older than the maximum (the boundary day is accepted)', () => {
    assert.equal(
      codeOf(() => checkCertificateDate('2026-03-16', '2026-03-15', 6)),
      'CERTIFICATE_DATE_IN_FUTURE',
    );
    assert.equal(
      codeOf(() => checkCertificateDate('2025-09-14', '2026-03-15', 6)),
      'CERTIFICATE_TOO_OLD',
    );
    assert.equal(
      codeOf(() => checkCertificateDate('2025-09-15', '2026-03-15', 6)),
      'NONE',
    );
    assert.equal(
      codeOf(() => checkCertificateDate('2010-01-01', '2026-03-15', null)),
      'NONE',
    );
  });

  test('the ICD part of a code covers the diagnosis and its sub-codes only', () => {
    assert.ok(icdCovers('250', '250.01'));
    assert.ok(icdCovers('250', '250'));
    assert.ok(icdCovers('252.0', '252.0'));
    assert.ok(icdCovers('252.0', '252.01'));
    assert.ok(!icdCovers('252.0', '252.1'));
    assert.ok(!icdCovers('250', '296.0'));
    assert.ok(!icdCovers('25', '250.01'));
  });
});
