// Copies the bootstrap-italia fonts and icon sprite into public/bootstrap-italia/ (git-ignored),
// so the app serves them itself and makes no request outside the server.
import { cpSync, mkdirSync, rmSync, existsSync } from 'node:fs';
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
console.log(`bootstrap-italia fonts and sprite copied to ${target}`);
