// A real browser for console tests: Debian's Chromium (SIGAP_CHROMIUM_PATH, default /usr/bin/chromium)
// driven by playwright-core — no browser download. Screenshots go to test/.artifacts/screenshots/ (kept out
// of git) for a person to look at; accessibility is checked with axe-core injected into the page.
import { accessSync, constants, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const SCREENSHOT_DIR = join(import.meta.dirname, '..', '.artifacts', 'screenshots');
const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export function chromiumPath(): string {
  return process.env.SIGAP_CHROMIUM_PATH || '/usr/bin/chromium';
}

/** Launches headless Chromium; a missing binary fails with the variable to set. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  try {
    accessSync(executablePath, constants.X_OK);
  } catch {
    throw new Error(`No Chromium at ${executablePath}: install Debian's chromium package or set SIGAP_CHROMIUM_PATH.`);
  }
  // --no-sandbox: tests run as root in containers, where Chromium's sandbox cannot start.
  return chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
}

/** A fresh browser profile (own cookies) in Bahasa Indonesia, at a desktop size or a phone's (375×812, touch). */
export function newContext(browser: Browser, options: { lang?: 'id' | 'en'; phone?: boolean } = {}): Promise<BrowserContext> {
  return browser.newContext({
    locale: options.lang === 'en' ? 'en-US' : 'id-ID', timezoneId: 'Asia/Jakarta',
    ...(options.phone ? { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true } : { viewport: { width: 1280, height: 900 } }),
  });
}

/** How far the page is wider than the viewport (0 when nothing makes the reader scroll sideways). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const { document, innerWidth } = globalThis as unknown as { document: { documentElement: { scrollWidth: number } }; innerWidth: number };
    return Math.max(0, document.documentElement.scrollWidth - innerWidth);
  });
}

/** Saves a full-page screenshot as test/.artifacts/screenshots/<name>.png; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  /** CSS selectors of the offending elements (first few). */
  targets: string[];
}

/** The serious and critical axe-core violations of the page as it is now (WCAG 2.x A and AA rules). */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Runs in the page (no DOM types here: globalThis is the page's window).
  const loaded = await page.evaluate(() => typeof (globalThis as unknown as { axe?: unknown }).axe === 'object');
  if (!loaded) await page.addScriptTag({ path: AXE_SCRIPT });
  const violations = await page.evaluate(async () => {
    type AxeResult = { violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> };
    const { axe, document } = globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<AxeResult> }; document: unknown };
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact ?? 'minor', help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.map(String).join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * Signs in through the console's real flow: /auth/login → the demo identity provider's sign-in page (pick the
 * demo user `<tenant>:<username>`) → back at `returnTo`.
 */
export async function signIn(page: Page, baseUrl: string, account: string, returnTo = '/inbox'): Promise<void> {
  await page.goto(`${baseUrl}/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
  await page.getByLabel(/Pengguna demo|Demo user/).selectOption(account);
  await page.getByRole('button', { name: /^(Masuk|Sign in)$/ }).click();
  await page.waitForURL((url) => url.href.startsWith(baseUrl) && url.pathname === new URL(returnTo, baseUrl).pathname);
}
