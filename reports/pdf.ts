// PDF = Chromium's print of the report HTML (the same document the browser shows, so the printed
// form and the screen never differ). One browser per process, launched on the first PDF and reused;
// a page per render. The Debian `chromium` package provides the browser (scripts/bootstrap.sh).
import { accessSync, constants } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { problem } from '../api/http/problem.ts';

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

export interface PdfOptions {
  /** SIGAP_CHROMIUM_PATH (config); default /usr/bin/chromium. */
  executablePath?: string | undefined;
  /** Footer text before the page numbers, e.g. the report's file name. */
  footerLabel?: string | undefined;
}

let browser: { path: string; promise: Promise<Browser> } | null = null;

function unavailable(detail: string) {
  return problem(503, 'pdf_renderer_unavailable', { detail }, { headers: { 'Retry-After': '3600' } });
}

async function launch(executablePath: string): Promise<Browser> {
  try {
    accessSync(executablePath, constants.X_OK);
  } catch {
    throw unavailable(`${executablePath} not found`);
  }
  try {
    const b = await chromium.launch({ executablePath, args: ['--no-sandbox'], headless: true });
    // A crashed or killed browser is launched again on the next render.
    b.on('disconnected', () => { if (browser?.path === executablePath) browser = null; });
    return b;
  } catch (err) {
    throw unavailable(err instanceof Error ? err.message.split('\n')[0]! : String(err));
  }
}

function browserFor(executablePath: string): Promise<Browser> {
  if (browser && browser.path === executablePath) return browser.promise;
  const previous = browser;
  const promise = launch(executablePath);
  browser = { path: executablePath, promise };
  // A failed launch is not kept: installing chromium later works without a restart.
  promise.catch(() => { if (browser?.promise === promise) browser = null; });
  if (previous) void previous.promise.then((b) => b.close()).catch(() => undefined);
  return promise;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Prints the HTML as an A4 PDF with "page X / Y" in the footer. */
export async function renderPdf(html: string, options: PdfOptions = {}): Promise<Buffer> {
  const b = await browserFor(options.executablePath ?? DEFAULT_CHROMIUM_PATH);
  const context = await b.newContext({ javaScriptEnabled: false, offline: true });
  try {
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    const label = options.footerLabel ? `${escapeHtml(options.footerLabel)} — ` : '';
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: `<div style="font-size:8pt;width:100%;text-align:center;color:#444;font-family:sans-serif">${label}<span class="pageNumber"></span> / <span class="totalPages"></span></div>`,
      margin: { top: '18mm', bottom: '20mm', left: '16mm', right: '16mm' },
    });
    return pdf;
  } finally {
    await context.close().catch(() => undefined);
  }
}

/** Closes the browser (API shutdown, end of a test file). */
export async function closePdfRenderer(): Promise<void> {
  const current = browser;
  browser = null;
  if (current) await current.promise.then((b) => b.close()).catch(() => undefined);
}
