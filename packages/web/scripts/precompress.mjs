// Issue 16 §7: writes a brotli (.br, quality 11) and a gzip (.gz, level 9) copy next to every compressible
// file of dist/, so the server sends them as they are (@fastify/static `preCompressed`) instead of
// compressing each response or sending it uncompressed. node:zlib only: no plugin to keep up to date.
// A copy is kept only when it is smaller than the file; the server falls back to the file otherwise.
import { readFileSync, readdirSync, statSync, writeFileSync, unlinkSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|xml|map|webmanifest|ttf|otf|eot)$/i;
const MIN_BYTES = 512;

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* walk(p);
    else yield p;
  }
}

let files = 0;
let raw = 0;
let br = 0;
let gz = 0;
for (const file of [...walk(dist)]) {
  if (/\.(br|gz)$/.test(file)) {
    unlinkSync(file); // a stale copy from an earlier build
    continue;
  }
  if (!COMPRESSIBLE.test(file) || file.includes(`${join('.vite', '')}`)) continue;
  const body = readFileSync(file);
  if (body.length < MIN_BYTES) continue;
  const b = brotliCompressSync(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
  const g = gzipSync(body, { level: 9 });
  if (b.length < body.length) writeFileSync(`${file}.br`, b);
  if (g.length < body.length) writeFileSync(`${file}.gz`, g);
  files++;
  raw += body.length;
  br += Math.min(b.length, body.length);
  gz += Math.min(g.length, body.length);
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(
  `precompressed ${files} files of ${relative(process.cwd(), dist) || '.'}: ${kb(raw)} → brotli ${kb(br)}, gzip ${kb(gz)}`,
);
