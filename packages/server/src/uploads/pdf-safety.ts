/**
 * The real PDF check, run only inside an inspection worker (inspect-worker.ts): pdf.js (the parser of
 * Firefox's viewer) opens the document, decoding every filter, predictor, object stream and the
 * encryption, and we ask it what a viewer would act on. Anything it cannot parse, or that it reports
 * as encrypted, XFA, JavaScript, an action that leaves the document, an embedded file or multimedia,
 * is refused: the check fails closed. pdf.js skips what it cannot build with a console warning
 * (an annotation it cannot parse, an action it does not implement): those warnings refuse the file too.
 */
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import type { ActiveKind } from './pdf-raw-scan.js';

export type PdfVerdict = { ok: true } | { ok: false; kind: ActiveKind | 'unreadable'; reason: string };

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

const MULTIMEDIA_SUBTYPES = new Set(['RichMedia', 'Movie', 'Sound', 'Screen', '3D']);
/** Links a viewer may follow: web pages and mail, nothing local or scripted. */
const SAFE_URL = /^(https?:|mailto:)/i;

/** What pdf.js reports about an annotation (see Annotation.data in pdf.worker.mjs). */
interface AnnotationData {
  subtype?: string;
  actions?: Record<string, string[]> | null;
  attachment?: unknown;
  unsafeUrl?: string;
  url?: string;
  action?: string;
}

interface OutlineNode {
  unsafeUrl?: string | undefined;
  url?: string | null;
  attachment?: unknown;
  items: OutlineNode[];
}

class Refusal extends Error {
  constructor(
    readonly kind: ActiveKind | 'unreadable',
    readonly reason: string,
  ) {
    super(reason);
  }
}

const refuse = (kind: ActiveKind | 'unreadable', reason: string): never => {
  throw new Refusal(kind, reason);
};

/** pdf.js warnings that mean a part of the document was skipped, not checked. */
function refuseOnWarnings(warnings: readonly string[]): void {
  for (const w of warnings) {
    if (/unsupported action|unimplemented "GoToE"/.test(w)) refuse('action', 'azione non supportata');
    if (/_parsedAnnotations|Embedded file specification/.test(w))
      refuse('unreadable', 'annotazione non leggibile');
  }
}

const nonEmpty = (v: unknown): boolean =>
  v !== null && v !== undefined && (typeof v !== 'object' || Object.keys(v).length > 0);

function checkLink(data: { unsafeUrl?: string | undefined; attachment?: unknown }): void {
  if (data.attachment !== undefined && data.attachment !== null)
    refuse('embedded', 'collegamento a un file incorporato');
  if (typeof data.unsafeUrl === 'string' && !SAFE_URL.test(data.unsafeUrl.trim()))
    refuse('action', 'collegamento a un file o programma');
}

function checkOutline(nodes: readonly OutlineNode[] | null, depth = 0): void {
  if (!nodes || depth > 64) return;
  for (const n of nodes) {
    checkLink(n);
    checkOutline(n.items, depth + 1);
  }
}

function checkAnnotation(a: AnnotationData): void {
  if (nonEmpty(a.actions)) refuse('javascript', 'JavaScript in un’annotazione o campo');
  if (a.subtype === 'FileAttachment') refuse('embedded', 'file allegato come annotazione');
  if (a.subtype && MULTIMEDIA_SUBTYPES.has(a.subtype)) refuse('multimedia', `annotazione ${a.subtype}`);
  checkLink(a);
}

async function checkPage(page: PDFPageProxy): Promise<void> {
  if (nonEmpty(await page.getJSActions())) refuse('javascript', 'JavaScript nella pagina');
  for (const a of (await page.getAnnotations({ intent: 'any' })) as AnnotationData[]) checkAnnotation(a);
}

async function checkDocument(doc: PDFDocumentProxy): Promise<void> {
  const { info } = (await doc.getMetadata()) as {
    info: { EncryptFilterName?: string | null; IsXFAPresent?: boolean };
  };
  if (info.EncryptFilterName) refuse('encrypted', 'documento cifrato');
  if (info.IsXFAPresent) refuse('xfa', 'modulo XFA');
  if ((await doc.getPermissions()) !== null) refuse('encrypted', 'documento con restrizioni di cifratura');
  if (nonEmpty(await doc.getJSActions())) refuse('javascript', 'JavaScript del documento');
  if (await doc.hasJSActions()) refuse('javascript', 'JavaScript nei campi del modulo');
  const fields = (await doc.getFieldObjects()) as Record<string, Array<{ actions?: unknown }>> | null;
  if (fields && Object.values(fields).some((list) => list.some((f) => nonEmpty(f.actions))))
    refuse('javascript', 'JavaScript nei campi del modulo');
  const open = (await doc.getOpenAction()) as { url?: string; unsafeUrl?: string } | null;
  if (open) checkLink(open);
  checkOutline((await doc.getOutline()) as OutlineNode[] | null);
  for (let i = 1; i <= doc.numPages; i++) await checkPage(await doc.getPage(i));
  // last: pdf.js decodes the attachments' contents to list them
  if (nonEmpty(await doc.getAttachments())) refuse('embedded', 'file incorporati');
}

/**
 * Opens `data` with pdf.js and checks it. `warnings` receives pdf.js's console warnings (the worker
 * redirects them there), so a part that pdf.js skipped refuses the document.
 */
export async function checkPdf(pdfjs: PdfJs, data: Uint8Array, warnings: string[]): Promise<PdfVerdict> {
  const task = pdfjs.getDocument({
    data,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    enableXfa: false,
    disableAutoFetch: true,
    disableStream: true,
    verbosity: pdfjs.VerbosityLevel.WARNINGS,
  });
  try {
    const doc = await task.promise;
    await checkDocument(doc);
    refuseOnWarnings(warnings);
    return { ok: true };
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, kind: e.kind, reason: e.reason };
    if ((e as { name?: string }).name === 'PasswordException')
      return { ok: false, kind: 'encrypted', reason: 'protetto da password' };
    return { ok: false, kind: 'unreadable', reason: 'struttura PDF non valida' };
  } finally {
    await task.destroy();
  }
}
