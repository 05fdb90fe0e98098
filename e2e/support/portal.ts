/**
 * Helpers of the issue 4 specs (specialist, counter, citizen portal): the demo people they use, small
 * real documents made on the spot, a signed-in page in its own browser, a delegation at the counter.
 */
import { deflateSync } from 'node:zlib';
import { request as apiRequest, type Browser, type Page } from '@playwright/test';
import type { Role } from '../../packages/domain/src/index';
import { loginApi, PASSWORD, PIN, type DemoUser } from './auth';
import { BASE_URL, expect, newWatchedContext } from './fixtures';

/** Demo people of the seed (MANUAL_PEOPLE) the issue 4 specs use; each spec its own codes. */
export const PEOPLE = {
  /** the `cittadino` account, ASL Città di Torino */
  nello: { fiscalCode: 'TRNNLL53H10L219W', name: 'NELLO TRENTASEI' },
  /** ASL Città di Torino, no account: delegates NELLO at the counter */
  benedetto: { fiscalCode: 'TRNBDT47C09L219C', name: 'BENEDETTO TRENTAQUATTRO' },
  /** ASL TO3 */
  aurel: { fiscalCode: 'VNTRLA92B26L219G', name: 'AUREL VENTIDUE' },
} as const;

/** A small but real one-page PDF (header, objects, xref, trailer). */
export function tinyPdf(text = 'Certificato di prova'): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    (() => {
      const stream = `BT /F1 18 Tf 72 760 Td (${text}) Tj ET`;
      return `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
    })(),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** A real PNG (a grey square, `size` pixels) made with zlib. */
export function tinyPng(size = 16): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const raw = Buffer.alloc((size + 1) * size, 0x99);
  for (let y = 0; y < size; y++) raw[y * (size + 1)] = 0; // filter: none
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export const pdfFile = (name: string, text?: string) => ({
  name,
  mimeType: 'application/pdf',
  buffer: tinyPdf(text),
});
export const pngFile = (name: string) => ({ name, mimeType: 'image/png', buffer: tinyPng() });

/** A page in a new browser context (another person's browser), signed in; close it with page.context().close(). */
export async function pageOf(
  browser: Browser,
  user: DemoUser,
  role?: Role,
): Promise<{ page: Page; outside: string[] }> {
  const { context, outside } = await newWatchedContext(browser);
  const page = await context.newPage();
  await loginApi(page, user, role);
  return { page, outside };
}

/** A delegation registered at the counter (operatore.torino, Operatore amministrativo) by API. */
export async function counterDelegation(
  delegatorFiscalCode: string,
  delegateFiscalCode: string,
): Promise<void> {
  const ctx = await apiRequest.newContext({ baseURL: BASE_URL });
  try {
    const login = await ctx.post('/api/auth/login', {
      data: { username: 'operatore.torino', password: PASSWORD, pin: PIN },
    });
    expect(login.status()).toBe(200);
    const { csrfToken, profiles } = (await login.json()) as {
      csrfToken: string;
      profiles: { id: string; role: Role }[];
    };
    const profile = profiles.find((p) => p.role === 'ADMIN_OPERATOR');
    const chosen = await ctx.post('/api/auth/profile', {
      data: { profileId: profile?.id },
      headers: { 'X-CSRF-Token': csrfToken },
    });
    expect(chosen.status()).toBe(200);
    // the profile switch rotates the session: its answer carries the new CSRF token
    const rotated = ((await chosen.json()) as { csrfToken: string }).csrfToken;
    const res = await ctx.post('/api/delegations', {
      data: { delegatorFiscalCode, delegateFiscalCode },
      headers: { 'X-CSRF-Token': rotated },
    });
    // 409: already in force (a second run on the same database)
    expect([201, 409], await res.text()).toContain(res.status());
  } finally {
    await ctx.dispose();
  }
}

/** Picks a diagnosis in the "Diagnosi ICD-9-CM" search of the case forms. */
export async function chooseDiagnosis(page: Page, query: string, code: string): Promise<void> {
  await page.getByLabel('Cerca la diagnosi per codice o parole').fill(query);
  const radio = page.getByRole('radio', { name: new RegExp(`^${code.replace('.', '\\.')} `) });
  // bootstrap-italia draws the radio on its label: click what the user sees
  await page.locator(`label[for="diagnosi-${code}"]`).click();
  await expect(radio).toBeChecked();
  await expect(page.getByTestId('diagnosi-scelta')).toContainText(code);
}

/** The citizen's request (issue 17 §2): the condition found by its name, picked with its code. */
export async function chooseCondition(page: Page, words: string, code: string): Promise<void> {
  await page.getByLabel(/^Cerca la malattia( rara)? per nome/).fill(words);
  await page.locator(`label[for="condizione-${code}"]`).click();
  await expect(
    page.getByRole('radio', { name: new RegExp(`\\(codice ${code.replace('.', '\\.')}\\)$`) }),
  ).toBeChecked();
  await expect(page.getByTestId('condizione-scelta')).toContainText(`codice di esenzione ${code}`);
}

/** Reads a download completely. */
export async function downloadBytes(page: Page, click: () => Promise<void>): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
