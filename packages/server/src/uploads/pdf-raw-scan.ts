/**
 * The cheap first layer of the PDF check, run in the inspection worker before the real parser
 * (pdf-safety.ts): one forward pass over the raw bytes that
 * - reads the PDF names written in the objects (with #xx escapes decoded), skipping stream data
 *   (binary image data would otherwise produce "/JS" by chance), and in the decoded object streams;
 * - decodes every non-image stream whose filters it knows (Flate, ASCIIHex, ASCII85) to measure it:
 *   a stream decoding beyond MAX_STREAM_BYTES, or a file decoding beyond DECODE_BUDGET in all, is a
 *   bomb the parser must never be given (it would hold all of it); so is a non-image stream with
 *   LZW or RunLength, filters no modern producer uses outside images and that expand without bound.
 * It is linear: each stream is passed over once and the search resumes after it; every stream
 * decreases the budget, by what it produced or, when decoding fails, by the most it could have
 * produced. It is never the only check: the parser decides about everything it does not see.
 */
import { constants, inflateSync } from 'node:zlib';

/** Names of PDF objects that run code, open other files or programs, send data or carry files. */
export const ACTIVE_NAMES: ReadonlyMap<string, ActiveKind> = new Map<string, ActiveKind>([
  ['JS', 'javascript'],
  ['JavaScript', 'javascript'],
  ['Launch', 'action'],
  ['GoToR', 'action'],
  ['GoToE', 'action'],
  ['SubmitForm', 'action'],
  ['ImportData', 'action'],
  ['Rendition', 'multimedia'],
  ['RichMediaExecute', 'multimedia'],
  ['EmbeddedFile', 'embedded'],
  ['EmbeddedFiles', 'embedded'],
  ['FileAttachment', 'embedded'],
  ['RichMedia', 'multimedia'],
  ['Movie', 'multimedia'],
  ['Sound', 'multimedia'],
  ['Screen', 'multimedia'],
  ['XFA', 'xfa'],
  ['Encrypt', 'encrypted'],
]);

export type ActiveKind = 'javascript' | 'action' | 'embedded' | 'multimedia' | 'xfa' | 'encrypted';

/** Decoded bytes of all the non-image streams of one file: beyond it the file is refused. */
export const DECODE_BUDGET = 128 * 1024 * 1024;
/** One non-image stream decoding beyond this is a bomb. */
export const MAX_STREAM_BYTES = 32 * 1024 * 1024;
/** Deflate's largest expansion (1032:1): the most a failing stream can have produced. */
const DEFLATE_MAX_RATIO = 1032;
/**
 * How far back from `stream` the stream's `N G obj << … >>` is looked for; a stream whose dictionary
 * is not found within it is refused. The windows never overlap (each stops at the previous stream's
 * end), so their size does not make the pass any less linear.
 */
const DICT_WINDOW = 64 * 1024;

export interface RawScan {
  /** The first active name found, e.g. 'JavaScript', or null. */
  activeName: string | null;
  activeKind: ActiveKind | null;
  /**
   * A stream decoding beyond the bounds, with a filter that expands without bound, or an object
   * stream this layer cannot decode: the file is refused as unreadable.
   */
  unreadable: boolean;
}

const NAME = /\/((?:[A-Za-z0-9]|#[0-9A-Fa-f]{2})+)/g;

function firstActiveName(text: string): string | null {
  for (const m of text.matchAll(NAME)) {
    const raw = m[1] ?? '';
    const name = raw.includes('#')
      ? raw.replace(/#([0-9A-Fa-f]{2})/g, (_s, h: string) => String.fromCharCode(parseInt(h, 16)))
      : raw;
    if (ACTIVE_NAMES.has(name)) return name;
  }
  return null;
}

/** A stream dictionary's top-level entries: key (#-escapes decoded) to the raw text of its value. */
type Dict = ReadonlyMap<string, string>;

interface StreamSpan {
  /** null when no `N G obj << … >>` ends right before `stream`: the stream's dictionary is unknown */
  dict: Dict | null;
  start: number;
  end: number;
}

const decodeName = (raw: string) =>
  raw.includes('#')
    ? raw.replace(/#([0-9A-Fa-f]{2})/g, (_s, h: string) => String.fromCharCode(parseInt(h, 16)))
    : raw;

const DELIMITER = /[\s()<>[\]{}/%]/;

/** The index after a literal string `( … )` starting at `i` (nested parentheses, backslash escapes). */
function skipString(s: string, i: number): number {
  let depth = 0;
  for (let j = i; j < s.length; j++) {
    const c = s[j];
    if (c === '\\') j++;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return j + 1;
  }
  return -1;
}

/** The index after the token (string, hex string, comment, array or dictionary) starting at `i`, or -1. */
function skipComposite(s: string, i: number): number {
  let depth = 0;
  for (let j = i; j < s.length;) {
    const c = s[j]!;
    if (c === '(') {
      j = skipString(s, j);
      if (j < 0) return -1;
    } else if (c === '%') {
      const eol = s.slice(j).search(/[\r\n]/);
      if (eol < 0) return -1;
      j += eol;
    } else if (c === '<' && s[j + 1] === '<') {
      depth++;
      j += 2;
    } else if (c === '>' && s[j + 1] === '>') {
      depth--;
      j += 2;
    } else if (c === '<') {
      const close = s.indexOf('>', j);
      if (close < 0) return -1;
      j = close + 1;
    } else if (c === '[') {
      depth++;
      j++;
    } else if (c === ']') {
      depth--;
      j++;
    } else j++;
    if (depth === 0) return j;
    if (depth < 0) return -1;
  }
  return -1;
}

/**
 * Parses the balanced dictionary `<< … >>` at `i`: its end and its top-level entries. Nested
 * dictionaries, arrays, strings and comments are skipped whole, so a nested dictionary's keys
 * (`/DecodeParms << /Filter … >>`) are never taken for the stream's own.
 */
function parseDict(s: string, i: number): { end: number; entries: Map<string, string> } | null {
  const end = skipComposite(s, i);
  if (end < 0) return null;
  const entries = new Map<string, string>();
  let key: string | null = null;
  let valueAt = 0;
  const close = (at: number) => {
    if (key !== null) entries.set(key, s.slice(valueAt, at).trim());
    key = null;
  };
  for (let j = i + 2; j < end - 2;) {
    const c = s[j]!;
    if (/\s/.test(c)) {
      j++;
    } else if (c === '/') {
      let k = j + 1;
      while (k < end - 2 && !DELIMITER.test(s[k]!)) k++;
      const name = decodeName(s.slice(j + 1, k));
      // a name right after a key is its value; otherwise it starts the next entry
      if (key !== null && s.slice(valueAt, j).trim() === '') close(k);
      else {
        close(j);
        key = name;
        valueAt = k;
      }
      j = k;
    } else if (c === '(' || c === '<' || c === '[' || c === '%') {
      const k = skipComposite(s, j);
      if (k < 0) return null;
      j = k;
    } else j++;
  }
  close(end - 2);
  return { end, entries };
}

const OBJ_KEYWORD = /\d+\s+\d+\s+obj\b/g;

/**
 * The dictionary of the stream whose `stream` keyword is at `keywordAt`: the balanced `<< … >>` right
 * after an `N G obj` keyword that ends just before `stream`. The last such keyword is tried first;
 * one inside a string (`(9 0 obj <<>>)`) does not end before `stream` and the one before is tried.
 */
function streamDict(buf: Buffer, floor: number, keywordAt: number): Dict | null {
  const window = buf.toString('latin1', Math.max(floor, keywordAt - DICT_WINDOW), keywordAt);
  const starts = [...window.matchAll(OBJ_KEYWORD)].map((m) => m.index + m[0].length);
  for (const at of starts.reverse()) {
    const open = at + (/^\s*/.exec(window.slice(at))?.[0].length ?? 0);
    if (!window.startsWith('<<', open)) continue;
    const dict = parseDict(window, open);
    if (
      dict &&
      window
        .slice(dict.end)
        .replace(/%[^\r\n]*/g, '')
        .trim() === ''
    )
      return dict.entries;
  }
  return null;
}

/**
 * The stream whose `stream` keyword is at `keywordAt`, or null when its end cannot be found. Its
 * dictionary is looked for no further back than `floor` (the end of the previous stream), so the
 * windows of all streams together stay linear in the file size.
 */
function streamSpan(buf: Buffer, floor: number, keywordAt: number, dataStart: number): StreamSpan | null {
  const dict = streamDict(buf, floor, keywordAt);
  const length = /^\d{1,10}$/.exec(dict?.get('Length') ?? '');
  if (length) {
    const end = dataStart + Number(length[0]);
    if (end <= buf.length && /^\s*endstream/.test(buf.toString('latin1', end, end + 32)))
      return { dict, start: dataStart, end };
  }
  const end = buf.indexOf('endstream', dataStart, 'latin1');
  return end < 0 ? null : { dict, start: dataStart, end };
}

const CR = 13;
const LF = 10;

const isSpace = (c: number | undefined) =>
  c === 0x20 || c === 0x09 || c === 0x0c || c === 0x00 || c === CR || c === LF;

/** Right after a dictionary's `>>` (whitespace and comments between): where the parser expects `stream`. */
function afterDict(buf: Buffer, at: number): boolean {
  let i = at - 1;
  for (;;) {
    while (i >= 1 && isSpace(buf[i])) i--;
    // a comment line (`>> %x\nstream`): go back to before its `%` (one in a string only makes this stricter)
    let lineStart = i;
    while (lineStart > 0 && buf[lineStart - 1] !== CR && buf[lineStart - 1] !== LF) lineStart--;
    const percent = buf.indexOf(0x25, lineStart);
    if (percent < 0 || percent > i) break;
    i = percent - 1;
  }
  return i >= 1 && buf[i] === 0x3e && buf[i - 1] === 0x3e;
}

/**
 * The next `stream` keyword from `from` (not part of `endstream`): followed by an end of line, or
 * right after a dictionary's `>>` whatever follows it on its line. pdf.js takes the data from the
 * line after the keyword, skipping anything written after it (`stream  \n`, `stream %x\n`), so
 * a keyword is never missed for what follows it on its line.
 */
function nextStreamKeyword(buf: Buffer, from: number): { at: number; dataStart: number } | null {
  for (
    let at = buf.indexOf('stream', from, 'latin1');
    at >= 0;
    at = buf.indexOf('stream', at + 6, 'latin1')
  ) {
    if (at >= 3 && buf.toString('latin1', at - 3, at) === 'end') continue;
    const next = buf[at + 6];
    if (next !== CR && next !== LF && !afterDict(buf, at)) continue;
    // the data starts after the first end of line (CR LF counts as one), as in pdf.js's skipToNextLine
    let eol = at + 6;
    while (eol < buf.length && buf[eol] !== CR && buf[eol] !== LF) eol++;
    return {
      at,
      dataStart: Math.min(buf.length, eol + 1 + (buf[eol] === CR && buf[eol + 1] === LF ? 1 : 0)),
    };
  }
  return null;
}

type Decoded = { bytes: Buffer; cost: number } | { bytes: null; cost: number; overflow: boolean };

/** Inflates at most `limit` bytes; a truncated stream gives what it has. */
function inflateBounded(data: Buffer, limit: number): Decoded {
  try {
    const bytes = inflateSync(data, { maxOutputLength: limit, finishFlush: constants.Z_SYNC_FLUSH });
    return { bytes, cost: bytes.length };
  } catch (e) {
    const overflow = e instanceof RangeError || (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
    return { bytes: null, cost: Math.min(limit, data.length * DEFLATE_MAX_RATIO), overflow };
  }
}

function asciiHex(data: Buffer): Buffer {
  const hex = data
    .toString('latin1')
    .replace(/>[\s\S]*$/, '')
    .replace(/[^0-9A-Fa-f]/g, '');
  return Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex');
}

function ascii85(data: Buffer): Buffer {
  const text = data
    .toString('latin1')
    .replace(/~>[\s\S]*$/, '')
    .replace(/\s/g, '')
    .replace(/^<~/, '');
  const out = Buffer.alloc(Math.ceil((text.length * 4) / 5) + text.length * 4);
  let n = 0;
  let group: number[] = [];
  const flush = (count: number) => {
    let v = 0;
    for (let i = 0; i < 5; i++) v = v * 85 + (group[i] ?? 84);
    for (let i = 0; i < count; i++) out[n++] = (v >>> (24 - 8 * i)) & 0xff;
    group = [];
  };
  for (const ch of text) {
    if (ch === 'z' && group.length === 0) {
      n += 4; // four zero bytes (the buffer is zero-filled)
      continue;
    }
    const d = ch.charCodeAt(0) - 33;
    if (d < 0 || d > 84) continue;
    group.push(d);
    if (group.length === 5) flush(4);
  }
  if (group.length > 1) flush(group.length - 1);
  return out.subarray(0, n);
}

const FILTER_NAMES: Record<string, string> = {
  Fl: 'FlateDecode',
  AHx: 'ASCIIHexDecode',
  A85: 'ASCII85Decode',
  LZW: 'LZWDecode',
  RL: 'RunLengthDecode',
};

/** The stream's filters in order, full names (abbreviations expanded). */
function filtersOf(dict: Dict): string[] {
  return [...(dict.get('Filter') ?? '').matchAll(/\/([^\s/[\]<>()]+)/g)].map((f) => {
    const name = decodeName(f[1] ?? '');
    return FILTER_NAMES[name] ?? name;
  });
}

/** `9 0 R`: a value this layer does not resolve. */
const INDIRECT = /\d+\s+\d+\s+R\b/;

/**
 * A /Filter or /DecodeParms given by reference (`/Filter 9 0 R`, `[9 0 R]`): the parser resolves it,
 * this layer does not, and would read compressed bytes as text. Refused rather than guessed.
 */
const indirectDecoding = (dict: Dict) =>
  INDIRECT.test(dict.get('Filter') ?? '') || INDIRECT.test(dict.get('DecodeParms') ?? '');

/**
 * An object stream: typed /ObjStm, or with /First or /N (pdf.js reads any stream an xref entry
 * points to as one, checking only those two keys, never /Type).
 */
const isObjectStream = (dict: Dict) =>
  /\/ObjStm\b/.test(nameValue(dict, 'Type')) || dict.has('First') || dict.has('N');

/** A name-valued entry with its #-escapes decoded (`/Im#61ge` is `/Image` to the parser). */
const nameValue = (dict: Dict, key: string) => decodeName(dict.get(key) ?? '');

/**
 * An image, whose data is not decoded here (the parser decodes images only to draw them, which the
 * check never does). A stream that is also an object stream or a cross-reference stream is never
 * an image, whatever its /Subtype says: the parser reads it.
 */
const isImage = (dict: Dict) =>
  /^\/Image$/.test(nameValue(dict, 'Subtype')) &&
  !isObjectStream(dict) &&
  !/\/XRef\b/.test(nameValue(dict, 'Type'));

interface Predictor {
  predictor: number;
  /** bytes per pixel and per row, from /Colors, /BitsPerComponent and /Columns */
  bpp: number;
  rowBytes: number;
}

function predictorOf(entries: Dict): Predictor | null {
  const dict = entries.get('DecodeParms') ?? '';
  const num = (key: string, fallback: number) =>
    Number(new RegExp(`/${key}\\s+(\\d{1,6})`).exec(dict)?.[1] ?? fallback);
  const predictor = num('Predictor', 1);
  if (predictor < 2) return null;
  const bits = num('Colors', 1) * num('BitsPerComponent', 8);
  return {
    predictor,
    bpp: Math.max(1, Math.ceil(bits / 8)),
    rowBytes: Math.ceil((num('Columns', 1) * bits) / 8),
  };
}

const paeth = (a: number, b: number, c: number) => {
  const p = a + b - c;
  const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
};

/** Undoes a PNG (10–15) or TIFF (2, 8-bit) predictor: the plain bytes, whose names can be read. */
function unpredict(data: Buffer, p: Predictor): Buffer {
  const { bpp, rowBytes } = p;
  if (rowBytes <= 0) return data;
  if (p.predictor === 2) {
    const out = Buffer.from(data);
    for (let i = 0; i < out.length; i++) if (i % rowBytes >= bpp) out[i] = (out[i]! + out[i - bpp]!) & 0xff;
    return out;
  }
  const rows = Math.floor(data.length / (rowBytes + 1));
  const out = Buffer.alloc(rows * rowBytes);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (rowBytes + 1)]!;
    for (let c = 0; c < rowBytes; c++) {
      const x = data[r * (rowBytes + 1) + 1 + c]!;
      const left = c >= bpp ? out[r * rowBytes + c - bpp]! : 0;
      const up = r > 0 ? out[(r - 1) * rowBytes + c]! : 0;
      const upLeft = r > 0 && c >= bpp ? out[(r - 1) * rowBytes + c - bpp]! : 0;
      const pred =
        type === 1
          ? left
          : type === 2
            ? up
            : type === 3
              ? (left + up) >> 1
              : type === 4
                ? paeth(left, up, upLeft)
                : 0;
      out[r * rowBytes + c] = (x + pred) & 0xff;
    }
  }
  return out;
}

/** Decodes through the filters this layer knows; stops (bytes null) at the first other one. */
function decodeStream(
  data: Buffer,
  filters: readonly string[],
  predictor: Predictor | null,
  limit: number,
): Decoded {
  let bytes = data;
  let cost = 0;
  for (const f of filters) {
    if (f === 'ASCIIHexDecode') bytes = asciiHex(bytes);
    else if (f === 'ASCII85Decode') bytes = ascii85(bytes);
    else if (f === 'FlateDecode') {
      const r = inflateBounded(bytes, limit);
      cost += r.cost;
      if (!r.bytes) return { ...r, cost };
      bytes = predictor ? unpredict(r.bytes, predictor) : r.bytes;
    } else return { bytes: null, cost, overflow: false };
  }
  return { bytes, cost };
}

export function scanPdfBytes(bytes: Uint8Array): RawScan {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // the file is never turned into one string: only the text between streams and the decoded object streams
  const text = (a: number, b: number) => buf.toString('latin1', a, b);
  const found = (name: string | null): RawScan | null =>
    name ? { activeName: name, activeKind: ACTIVE_NAMES.get(name) ?? null, unreadable: false } : null;
  // an encrypted file's streams cannot be decoded here: say it is encrypted rather than unreadable
  const bomb: RawScan = buf.includes('/Encrypt', 0, 'latin1')
    ? found('Encrypt')!
    : { activeName: null, activeKind: null, unreadable: true };
  let budget = DECODE_BUDGET;
  let from = 0; // names are read from here up to the next stream's data
  for (let k = nextStreamKeyword(buf, 0); k; k = nextStreamKeyword(buf, from)) {
    const outside = found(firstActiveName(text(from, k.at)));
    if (outside) return outside;
    const span = streamSpan(buf, from, k.at, k.dataStart);
    if (!span) {
      // no end: the rest is not a stream this layer can delimit; read its names as text
      from = k.at;
      break;
    }
    // a stream whose dictionary cannot be read cannot be measured nor its objects read
    if (!span.dict) return bomb;
    const dict = span.dict;
    const filters = filtersOf(dict);
    const objectStream = isObjectStream(dict);
    const image = isImage(dict);
    if (!image && indirectDecoding(dict)) return bomb;
    if (filters.length === 0 && objectStream) {
      const inside = found(firstActiveName(text(span.start, span.end)));
      if (inside) return inside;
    }
    if (filters.length > 0 && !image) {
      if (filters.some((f) => f === 'LZWDecode' || f === 'RunLengthDecode')) return bomb;
      const limit = Math.min(budget, MAX_STREAM_BYTES) + 1;
      const decoded = decodeStream(buf.subarray(span.start, span.end), filters, predictorOf(dict), limit);
      budget -= decoded.cost;
      if (
        budget < 0 ||
        (!decoded.bytes && decoded.overflow) ||
        (decoded.bytes && decoded.bytes.length > MAX_STREAM_BYTES)
      )
        return bomb;
      // compressed objects this layer cannot read are not let through on the parser's word alone
      if (objectStream && !decoded.bytes) return bomb;
      if (decoded.bytes && objectStream) {
        const inside = found(firstActiveName(decoded.bytes.toString('latin1')));
        if (inside) return inside;
      }
    }
    from = span.end;
  }
  return (
    found(firstActiveName(text(from, buf.length))) ?? {
      activeName: null,
      activeKind: null,
      unreadable: false,
    }
  );
}
