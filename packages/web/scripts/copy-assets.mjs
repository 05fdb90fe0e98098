// Copies the bootstrap-italia fonts and icon sprite into public/bootstrap-italia/ (git-ignored),
// so the app serves them itself and makes no request outside the server.
import { cpSync, mkdirSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const pkgDir = dirname(require.resolve('bootstrap-italia/package.json'));
const dist = join(pkgDir, 'dist');
const target = join(here, '..', 'public', 'bootstrap-italia');

if (!existsSync(join(dist, 'fonts'))) throw new Error(`bootstrap-italia fonts not found in ${dist}`);
rmSync(target, { recursive: true, force: true });
mkdirSync(join(target, 'svg'), { recursive: true });
cpSync(join(dist, 'fonts'), join(target, 'fonts'), { recursive: true });
cpSync(join(dist, 'svg', 'sprites.svg'), join(target, 'svg', 'sprites.svg'));

// bootstrap-italia's fonts-loader injects its @font-face rules as an inline <style> at run time, which the
// server's Content-Security-Policy (style-src 'self') refuses: run it once here, against a stand-in document,
// and ship the same rules as a static stylesheet (linked from index.html).
const captured = [];
globalThis.window = {};
globalThis.document = {
  createElement: () => ({
    set innerHTML(css) {
      captured.push(css);
    },
  }),
  getElementsByTagName: () => [{ appendChild() {} }],
};
const { default: loadFonts } = await import(require.resolve('bootstrap-italia/dist/plugins/fonts-loader.js'));
loadFonts('/bootstrap-italia/fonts');
delete globalThis.window;
delete globalThis.document;
if (captured.length !== 1 || !captured[0].includes('@font-face'))
  throw new Error('bootstrap-italia fonts-loader: no @font-face rules captured');
writeFileSync(join(target, 'fonts.css'), captured[0]);
console.log(`bootstrap-italia fonts, sprite and fonts.css copied to ${target}`);
