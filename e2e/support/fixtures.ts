/**
 * Shared fixtures: every page of every test is watched for requests outside the server (there must be
 * none), and `checkScreen` saves a screenshot under test-results/screens/ and runs axe (WCAG 2.1 A/AA).
 */
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';

export const BASE_URL = `http://127.0.0.1:${process.env.E2E_PORT ?? '3100'}`;
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Records every request of a context that does not go to the server. */
export function watchRequests(context: BrowserContext): string[] {
  const outside: string[] = [];
  context.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(BASE_URL) && !url.startsWith('data:') && !url.startsWith('blob:')) outside.push(url);
  });
  return outside;
}

/**
 * Records every Content-Security-Policy violation the browser reports (the SPA must run under the strict
 * CSP). Scripts the test itself injects (axe, page.evaluate) have no URL: what they do is not the app's,
 * and Chromium ≥ 156 reports axe's own inline styles, so those are left out.
 */
export function watchCsp(context: BrowserContext): string[] {
  const violations: string[] = [];
  context.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text()) && m.location().url !== '') violations.push(m.text());
  });
  return violations;
}

/** A new browser context (another operator's browser), watched like the default one. */
export async function newWatchedContext(
  browser: Browser,
): Promise<{ context: BrowserContext; outside: string[] }> {
  const context = await browser.newContext({
    baseURL: BASE_URL,
    locale: 'it-IT',
    timezoneId: 'Europe/Rome',
    acceptDownloads: true,
  });
  return { context, outside: watchRequests(context) };
}

export const test = base.extend<{ outsideRequests: string[]; cspViolations: string[] }>({
  outsideRequests: [
    async ({ context }, use) => {
      const outside = watchRequests(context);
      await use(outside);
      expect(outside, 'the page must make no request outside the server').toEqual([]);
    },
    { auto: true },
  ],
  cspViolations: [
    async ({ context }, use) => {
      const violations = watchCsp(context);
      await use(violations);
      expect(violations, 'the page must run under the Content-Security-Policy without violations').toEqual(
        [],
      );
    },
    { auto: true },
  ],
});
export { expect };

/** Screenshot (test-results/screens/<name>.png) and an axe scan that must find no WCAG 2.1 A/AA violation. */
export async function checkScreen(page: Page, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  // a dialog is fixed to the viewport: photograph what the user sees
  const dialogOpen = (await page.getByRole('dialog').count()) > 0;
  // caret 'initial': Playwright would otherwise inject a <style> to hide the caret, which the strict CSP refuses
  const path = `test-results/screens/${name}.png`;
  await page.screenshot({ path, fullPage: !dialogOpen, caret: 'initial' });
  // attached to the test's results too (issue 17 §7), beside the copy under test-results/screens
  await test.info().attach(name, { path, contentType: 'image/png' });
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const summary = results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
  }));
  expect(summary, `axe violations on "${name}"`).toEqual([]);
  expect(results.violations).toEqual([]);
}
