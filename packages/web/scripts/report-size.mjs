// Prints the gzipped size of every file in dist/assets and the JavaScript of the first load
// (entry + its static imports + the chunks of the home page), failing when that is over budget.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 250;
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));
const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const kb = (n) => (n / 1024).toFixed(1).padStart(8);

const rows = readdirSync(join(dist, 'assets'))
  .filter((f) => !/\.(br|gz)$/.test(f))
  .map((f) => ({ file: `assets/${f}`, raw: readFileSync(join(dist, 'assets', f)).length }))
  .map((r) => ({ ...r, gzip: gz(r.file) }))
  .sort((a, b) => b.gzip - a.gzip);

// design-react-kit's icons are one tiny chunk each, fetched only when an icon shows: one line for all
const isIcon = (r) => /^assets\/It[A-Z][A-Za-z0-9]*-[\w-]+\.js$/.test(r.file);
const icons = rows.filter(isIcon);
console.log('\nfile'.padEnd(58) + 'raw KB'.padStart(8) + ' gzip KB'.padStart(9));
for (const r of rows.filter((x) => !isIcon(x))) console.log(r.file.padEnd(57) + kb(r.raw) + ' ' + kb(r.gzip));
if (icons.length) {
  const raw = icons.reduce((n, r) => n + r.raw, 0);
  const gzip = icons.reduce((n, r) => n + r.gzip, 0);
  console.log(`${icons.length} icon chunks (assets/It*.js, on demand)`.padEnd(57) + kb(raw) + ' ' + kb(gzip));
}

/** Files loaded with a manifest key: the chunk, its static imports, recursively. */
function closure(key, seen = new Set()) {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const k of manifest[key]?.imports ?? []) closure(k, seen);
  return seen;
}
const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
const homeKey = Object.keys(manifest).find((k) => /features\/cases-search\/SearchPage\.tsx$/.test(k));
const keys = closure(entryKey);
const initialJs = [...keys].map((k) => manifest[k].file).filter((f) => f.endsWith('.js'));
if (homeKey) closure(homeKey, keys);
const firstLoadJs = [...keys].map((k) => manifest[k].file).filter((f) => f.endsWith('.js'));
const sum = (files) => files.reduce((n, f) => n + gz(f), 0);
const initial = sum(initialJs);
const firstLoad = sum(firstLoadJs);
const css = [...keys].flatMap((k) => manifest[k].css ?? []);

console.log(
  `\nentry JS (index.html + static imports): ${initialJs.length} files, ${kb(initial).trim()} KB gzip`,
);
console.log(
  `backoffice first load JS (entry + home page "Pratiche"): ${firstLoadJs.length} files, ${kb(firstLoad).trim()} KB gzip (budget ${BUDGET_KB} KB)`,
);
console.log(`CSS of the first load: ${kb(sum(css)).trim()} KB gzip`);
if (firstLoad > BUDGET_KB * 1024) {
  console.error(
    `\nFAIL: first-load JavaScript ${kb(firstLoad).trim()} KB gzip is over the ${BUDGET_KB} KB budget`,
  );
  process.exit(1);
}
