// PDF through Debian's chromium: a long bilingual report prints on several A4 pages with "page X / Y"
// in the footer, the English part on its own page, every row present; a missing browser is a clear
// 503 problem naming the fix.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { pdfPages } from '../support/pdf.ts';
import { renderReportHtml } from '../../reports/engine.ts';
import { closePdfRenderer, renderPdf } from '../../reports/pdf.ts';
import type { ReportModel } from '../../reports/types.ts';
import { ProblemError } from '../../api/http/problem.ts';

const ROWS = 120;
const model: ReportModel = {
  formulir: 'c', title: { id: 'Formulir Uji Cetak', en: 'Print test form' }, filename: 'Formulir-Uji-Cetak', empty: false,
  data: { number: 'UJI-0001', period: { id: 'Semester I 2026', en: 'Semester I 2026' }, signatures: [{ role: { id: 'Kepala Dinas', en: 'Head of Agency' }, name: 'Budi Santoso', date: '2026-07-10' }] },
  tables: [{
    id: 'rows', title: { id: 'Daftar Layanan', en: 'Services' },
    columns: [{ key: 'no', title: { id: 'No', en: 'No' }, kind: 'number' }, { key: 'name', title: { id: 'Nama Layanan', en: 'Service name' } }, { key: 'target', title: { id: 'Ketersediaan', en: 'Availability' }, kind: 'percent' }],
    rows: Array.from({ length: ROWS }, (_, i) => ({ no: i + 1, name: `Layanan nomor ${i + 1}`, target: 99.5 })),
  }],
  charts: {},
};
const BODY = '{{> table tables.rows}}{{> signatures}}';

const pagesOf = pdfPages;

afterAll(closePdfRenderer);

test('a long bilingual report: several A4 pages, numbered, the English part on a new page', async () => {
  const { html } = renderReportHtml(model, {
    langs: ['id', 'en'], tenant: { id: 'serang', name: 'Dinas Kominfo Kota Serang', timezone: 'Asia/Jakarta' }, now: Date.UTC(2026, 6, 1),
    builtIns: new Map([['c.id', BODY], ['c.en', BODY]]),
  });
  const pdf = await renderPdf(html, { executablePath: process.env['SIGAP_CHROMIUM_PATH'] ?? '/usr/bin/chromium', footerLabel: model.filename });
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const pages = await pagesOf(pdf);
  expect(pages.length).toBeGreaterThanOrEqual(4);
  pages.forEach((page, i) => expect(page).toContain(`Formulir-Uji-Cetak — ${i + 1} / ${pages.length}`));
  // A4 portrait: 210 × 297 mm = 595.3 × 841.9 points (Chromium rounds to whole pixels at 96 dpi).
  const task = getDocument({ data: new Uint8Array(pdf) });
  const [, , w, h] = (await (await task.promise).getPage(1)).view;
  expect(Math.abs(w! - 595.3)).toBeLessThan(1.5);
  expect(Math.abs(h! - 841.9)).toBeLessThan(1.5);
  await task.destroy();
  const english = pages.findIndex((p) => p.includes('Print test form'));
  expect(english).toBeGreaterThan(0);
  expect(pages[english]).not.toContain('Daftar Layanan');
  expect(pages[english - 1]).toContain('Kepala Dinas Budi Santoso');
  const all = pages.join(' ');
  expect(all).toContain(`Layanan nomor ${ROWS} 99,50%`);
  expect(all).toContain(`Layanan nomor ${ROWS} 99.50%`);
  // The header row repeats on the pages a table continues on.
  expect(pages[1]).toMatch(/^.*No Nama Layanan Ketersediaan/);
}, 60_000);

test('a second PDF reuses the browser', async () => {
  const started = Date.now();
  const pdf = await renderPdf('<!doctype html><p>Halo</p>');
  expect((await pagesOf(pdf)).join(' ')).toContain('Halo');
  expect(Date.now() - started).toBeLessThan(5_000);
}, 30_000);

test('no chromium: 503 pdf_renderer_unavailable saying how to install it', async () => {
  const err = await renderPdf('<p>x</p>', { executablePath: '/nonexistent/chromium' }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ProblemError);
  expect((err as ProblemError).status).toBe(503);
  expect((err as ProblemError).code).toBe('pdf_renderer_unavailable');
  expect((err as ProblemError).message).toContain('Install the chromium package');
});
