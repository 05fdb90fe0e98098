/**
 * The web app's first load per route (gzipped JS and CSS of the entry plus the route's lazy chunk and
 * their static imports, the same closure packages/web/scripts/report-size.mjs computes), and the time
 * until the backoffice search page is interactive in headless Chromium.
 */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { WEB_DIST } from './target.js';

export interface WebSizes {
  built: boolean;
  /** the backoffice home: entry + SearchPage */
  firstLoadJsKb: number;
  firstLoadCssKb: number;
  routes: Array<{ route: string; jsKb: number; cssKb: number }>;
}

interface ManifestEntry {
  file: string;
  imports?: string[];
  css?: string[];
  isEntry?: boolean;
}

const ROUTES: Record<string, string> = {
  LoginPage: '/accesso',
  ProfilePage: '/profilo',
  SearchPage: '/pratiche (backoffice home)',
  DetailPage: '/pratiche/:caseNumber',
  RegistryPage: '/verifica-esenzioni',
  AccessibilityPage: '/accessibilita',
  PrivacyPage: '/privacy',
  NotAvailablePage: '/servizio-non-disponibile',
  NotFoundPage: '(not found)',
};

/**
 * Bytes of the web app's own files (HTML, JS, CSS, fonts, images) on a cold first load of /pratiche: as sent
 * on the wire (body as encoded + headers) and their decoded bodies — what an uncompressing server sends.
 */
export interface FirstLoadTransfer {
  files: number;
  compressedFiles: number;
  /** JS, CSS and HTML files of 512 bytes or more sent without Content-Encoding */
  plainTextFiles: string[];
  wireBytes: number;
  bodyBytes: number;
}

const kb = (n: number) => Math.round((n / 1024) * 10) / 10;

export function webSizes(dist = WEB_DIST): WebSizes {
  const manifestFile = path.join(dist, '.vite', 'manifest.json');
  if (!fs.existsSync(manifestFile)) return { built: false, firstLoadJsKb: 0, firstLoadCssKb: 0, routes: [] };
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Record<string, ManifestEntry>;
  const gzCache = new Map<string, number>();
  const gz = (file: string) => {
    let n = gzCache.get(file);
    if (n === undefined) {
      n = gzipSync(fs.readFileSync(path.join(dist, file)), { level: 9 }).length;
      gzCache.set(file, n);
    }
    return n;
  };
  const closure = (key: string, seen = new Set<string>()): Set<string> => {
    if (seen.has(key)) return seen;
    seen.add(key);
    for (const k of manifest[key]?.imports ?? []) closure(k, seen);
    return seen;
  };
  const entryKey = Object.keys(manifest).find((k) => manifest[k]?.isEntry) ?? 'index.html';
  const measure = (keys: Set<string>) => {
    const js = [...keys].map((k) => manifest[k]?.file ?? '').filter((f) => f.endsWith('.js'));
    const css = [...new Set([...keys].flatMap((k) => manifest[k]?.css ?? []))];
    return { jsKb: kb(js.reduce((s, f) => s + gz(f), 0)), cssKb: kb(css.reduce((s, f) => s + gz(f), 0)) };
  };
  const routes = Object.keys(manifest)
    .filter((k) => /features\/.*\/(\w+Page)\.tsx$/.test(k))
    .map((k) => {
      const page = /(\w+Page)\.tsx$/.exec(k)?.[1] ?? k;
      return { route: ROUTES[page] ?? page, page, ...measure(closure(k, closure(entryKey))) };
    })
    .sort((a, b) => b.jsKb - a.jsKb);
  const home = routes.find((r) => r.page === 'SearchPage');
  return {
    built: true,
    firstLoadJsKb: home?.jsKb ?? 0,
    firstLoadCssKb: home?.cssKb ?? 0,
    routes: routes.map(({ route, jsKb, cssKb }) => ({ route, jsKb, cssKb })),
  };
}

/**
 * Milliseconds from navigation to /pratiche (logged in, cold cache: a new browser context each run)
 * until the search form's submit button is enabled and the first page of results is shown.
 */
export async function measureInteractive(
  baseUrl: string,
  sessionToken: string,
  runs: number,
  /** issue 16 §7: filled with the bytes of the first run's static files (the API's answers left out) */
  transfer?: FirstLoadTransfer,
): Promise<number[]> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const out: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext();
      try {
        await context.addCookies([{ name: 'esz_session', value: sessionToken, url: baseUrl }]);
        const page = await context.newPage();
        const finished: Promise<void>[] = [];
        if (i === 0 && transfer)
          page.on('requestfinished', (r) => {
            const u = new URL(r.url());
            if (!r.url().startsWith(baseUrl) || u.pathname.startsWith('/api/')) return;
            finished.push(
              (async () => {
                const res = await r.response();
                const sizes = await r.sizes();
                const body = res ? (await res.body()).length : 0;
                transfer.files++;
                transfer.wireBytes += sizes.responseBodySize + sizes.responseHeadersSize;
                transfer.bodyBytes += body;
                if (res?.headers()['content-encoding']) transfer.compressedFiles++;
                else if (/\.(js|css|html)$/.test(u.pathname) && body >= 512)
                  transfer.plainTextFiles.push(u.pathname);
              })().catch(() => undefined),
            );
          });
        const t = Date.now();
        await page.goto(`${baseUrl}/pratiche`, { waitUntil: 'commit' });
        await page
          .locator('main form[role=search] button[type=submit]')
          .first()
          .waitFor({ state: 'visible', timeout: 15_000 });
        await page.locator('main table tbody tr').first().waitFor({ state: 'visible', timeout: 15_000 });
        await page.waitForFunction(() => {
          const b = document.querySelector(
            'main form[role=search] button[type=submit]',
          ) as HTMLButtonElement | null;
          return b !== null && !b.disabled;
        });
        out.push(Date.now() - t);
        if (i === 0 && transfer) {
          await page.waitForLoadState('networkidle');
          await Promise.all(finished);
        }
      } catch (e) {
        // e.g. the web app rebuilt under us; the run is reported as missing, not as a crash
        console.error(`time to interactive, run ${i + 1}: ${(e as Error).message.split('\n')[0]}`);
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
  return out;
}
