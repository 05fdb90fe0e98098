/**
 * A small RFC 4180 CSV parser: our catalogues quote descriptions that contain commas and double
 * quotes ("057 … ""MODERATA"",""GRAVE"" …"), and files edited on Windows may end lines with CRLF.
 * No dependency: the files are a few MB at most and parsed once per import.
 */

/** Parses CSV text into rows of fields. A BOM is dropped; a trailing newline gives no empty row. */
export function parseCsv(text: string): string[][] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const out: string[][] = [];
  let row: string[] = [];
  let field = '';
  // anything read on the current line: a last line holding only "" is still a row
  let dirty = false;
  let i = 0;
  const n = src.length;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    out.push(row);
    row = [];
    dirty = false;
  };
  while (i < n) {
    const ch = src[i];
    dirty = true;
    if (ch === '"' && field.length === 0) {
      // quoted field: runs to the next lone quote; "" inside is a literal quote, newlines are kept
      i++;
      for (;;) {
        if (i >= n) throw new Error('CSV: virgolette non chiuse');
        const q = src.indexOf('"', i);
        if (q < 0) throw new Error('CSV: virgolette non chiuse');
        field += src.slice(i, q);
        if (src[q + 1] === '"') {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      const next = src[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        throw new Error(`CSV: carattere inatteso dopo un campo tra virgolette (riga ${out.length + 1})`);
      }
      continue;
    }
    if (ch === ',') {
      endField();
      i++;
    } else if (ch === '\r' || ch === '\n') {
      endRow();
      i += ch === '\r' && src[i + 1] === '\n' ? 2 : 1;
    } else {
      // unquoted run: copy up to the next delimiter in one slice (much faster than char by char)
      let j = i;
      while (j < n) {
        const c = src.charCodeAt(j);
        if (c === 44 || c === 10 || c === 13) break; // , \n \r
        j++;
      }
      field += src.slice(i, j);
      i = j;
    }
  }
  // last line without a newline
  if (dirty) endRow();
  return out;
}

/** Rows as objects keyed by the header; every row must have as many fields as the header. */
export function parseCsvRecords(text: string): Record<string, string>[] {
  const [header, ...body] = parseCsv(text);
  if (!header) return [];
  return body.map((fields, idx) => {
    if (fields.length !== header.length) {
      throw new Error(`CSV: la riga ${idx + 2} ha ${fields.length} campi invece di ${header.length}`);
    }
    const rec: Record<string, string> = {};
    header.forEach((name, k) => {
      rec[name] = fields[k] ?? '';
    });
    return rec;
  });
}
