// GET /reports and GET /reports/{formulir} over HTTP (dev Temporal server, PostgreSQL): the tenant's
// list, every format of a report (HTML with the tenant's letterhead, PDF printed by chromium, CSV with
// BOM, XLSX read back by exceljs), and the refusals — unknown report 404 with the known ids, a report
// the profile lacks 404, a period that ends before it starts 400 (before anything is built), bad
// params 400, a requester 403 (Formulir D: only their own case).
import ExcelJS from 'exceljs';
import { pdfPages } from '../support/pdf.ts';
import { useTestSystem } from '../support/system.ts';
import { closePdfRenderer } from '../../reports/pdf.ts';
import { FORMULIR_IDS } from '../../reports/types.ts';

const system = useTestSystem();
const get = (who: string, path: string, headers: Record<string, string> = {}) => system().call(who, 'GET', `/api/v1${path}`, undefined, headers);

/** The raw bytes of a response (system().call decodes text). */
async function fetchBytes(who: string, path: string): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const res = await fetch(`${system().baseUrl}/api/v1${path}`, { headers: { authorization: `Bearer ${await system().token(who)}` } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

afterAll(closePdfRenderer);

test('GET /reports: the reports of the tenant the user may read, with params and formats', async () => {
  const staff = await get('pengelola', '/reports');
  expect(staff.status).toBe(200);
  const ids = staff.body.items.map((r: { id: string }) => r.id);
  // serang: no BAST (dpr) and no management review (kemenkeu).
  expect(ids).toEqual(expect.arrayContaining(['a', 'b', 'c', 'd', 'e', 'f', 'i']));
  expect(ids).not.toContain('bast');
  expect(ids).not.toContain('management-review');
  const b = staff.body.items.find((r: { id: string }) => r.id === 'b');
  expect(b).toMatchObject({ title: { id: 'Formulir B – Prioritas Penanganan Gangguan' }, params: [], formats: ['html', 'pdf', 'csv', 'xlsx'], href: '/api/v1/reports/b' });
  expect(staff.body.items.find((r: { id: string }) => r.id === 'd')).toMatchObject({ ownCase: true, params: ['case'] });
  // A requester sees only the forms of their own cases.
  const requester = await get('pemohon', '/reports');
  expect(requester.body.items.map((r: { id: string }) => r.id).sort()).toEqual(['d', 'e']);
  // dpr has the BAST.
  const dpr = await get('admin', '/reports', { 'x-test-tenant': 'dpr' });
  expect(dpr.body.items.map((r: { id: string }) => r.id)).toContain('bast');
});

test('Formulir B as HTML in both languages: letterhead of the tenant, printable, inline with its file name', async () => {
  const res = await get('pengelola', '/reports/b');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(res.headers.get('content-disposition')).toBe(`inline; filename="Formulir-B-Prioritas-Penanganan-Gangguan.html"; filename*=UTF-8''Formulir-B-Prioritas-Penanganan-Gangguan.html`);
  expect(res.headers.get('sigap-template-fallback')).toBeNull();
  const html = res.body as string;
  expect(html.startsWith('<!doctype html>')).toBe(true);
  expect(html).toContain('<html lang="id">');
  expect(html).toMatch(/<div class="agency">[^<]*Serang[^<]*<\/div>/);
  expect(html).toContain('<h1>Formulir B – Prioritas Penanganan Gangguan</h1>');
  expect(html).toContain('@page { size: A4;');
  const en = await get('pengelola', '/reports/b?lang=en');
  expect(en.body).toContain('<html lang="en">');
  expect(en.body).toContain('<h1>Form B – Incident priorities</h1>');
  // Accept-Language picks the language when `lang` is absent.
  const accept = await get('pengelola', '/reports/b', { 'accept-language': 'en' });
  expect(accept.body).toContain('<h1>Form B – Incident priorities</h1>');
});

test('Formulir B as CSV (one table, BOM, localized header), XLSX (every table) and PDF', async () => {
  const csv = await fetchBytes('pengelola', '/reports/b?format=csv');
  expect(csv.status).toBe(200);
  expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(csv.headers.get('content-disposition')).toContain('attachment; filename="Formulir-B-Prioritas-Penanganan-Gangguan.csv"');
  expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = csv.bytes.subarray(3).toString('utf8').split('\r\n');
  expect(lines[0]).toBe('Prioritas Penanganan Gangguan,Target Waktu Tanggap,Target Waktu Penyelesaian');
  expect(lines.filter((l) => l !== '').length).toBeGreaterThan(1);
  const matrix = await fetchBytes('pengelola', '/reports/b?format=csv&table=matrix&lang=en');
  expect(matrix.headers.get('content-disposition')).toContain('Formulir-B-Prioritas-Penanganan-Gangguan-matrix.csv');
  expect(matrix.bytes.subarray(3).toString('utf8').split('\r\n')[0]).toMatch(/^Impact,Service type,/);
  const badTable = await get('pengelola', '/reports/b?format=csv&table=tidak-ada');
  expect(badTable.status).toBe(400);
  expect(badTable.body).toMatchObject({ code: 'unknown_report_table' });
  expect(badTable.body.detail).toContain('priorities, matrix');

  const xlsx = await fetchBytes('pengelola', '/reports/b?format=xlsx');
  expect(xlsx.status).toBe(200);
  expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
  expect(wb.worksheets.map((s) => s.name)).toEqual(['Prioritas Penanganan Gangguan', 'Matriks prioritas']);
  expect(wb.worksheets[0]!.getRow(1).font?.bold).toBe(true);
  expect(wb.worksheets[0]!.getRow(1).getCell(2).value).toBe('Target Waktu Tanggap');

  const pdf = await fetchBytes('pengelola', '/reports/b?format=pdf');
  expect(pdf.status).toBe(200);
  expect(pdf.headers.get('content-type')).toBe('application/pdf');
  expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const pages = await pdfPages(pdf.bytes);
  expect(pages[0]).toContain('Formulir B');
  expect(pages[0]).toContain(`1 / ${pages.length}`);
}, 60_000);

test('refusals: unknown report, report of another profile, period order, bad params, roles', async () => {
  const unknown = await get('pengelola', '/reports/formulir-z');
  expect(unknown.status).toBe(404);
  expect(unknown.body).toMatchObject({ code: 'unknown_formulir', known: [...FORMULIR_IDS] });
  expect(unknown.body.detail).toContain('a, b, c, d, e, f, g, h, i, bast');

  const bast = await get('pengelola', '/reports/bast?case=RLS-2026-000001');
  expect(bast.status).toBe(404);
  expect(bast.body.code).toBe('report_not_available');

  // Checked before the report is built (no such evaluation is needed for the refusal).
  const period = await get('koordinator', '/reports/i?from=2026-06-30&to=2026-01-01');
  expect(period.status).toBe(400);
  expect(period.body).toMatchObject({ code: 'period_ends_before_start' });
  expect(period.body.detail).toContain('2026-01-01');

  const format = await get('pengelola', '/reports/b?format=docx');
  expect(format.status).toBe(400);
  expect(format.body.code).toBe('validation_failed');

  const requester = await get('pemohon', '/reports/b');
  expect(requester.status).toBe(403);
  expect(requester.body.code).toBe('missing_role');
  expect(requester.headers.get('content-disposition')).toBeNull();

  const anonymous = await system().call(null, 'GET', '/api/v1/reports/b');
  expect(anonymous.status).toBe(401);
});

test('Formulir D: the requester reads the form of their own request, not of another one', async () => {
  const created = await system().call('pemohon', 'POST', '/api/v1/requests', { catalogueItem: 'AKUN-EMAIL', title: 'Akun email pegawai baru', description: 'Untuk staf Bidang TIK.' });
  expect(created.status).toBe(201);
  await system().started(created.body.id);
  const own = await get('pemohon', `/reports/d?case=${created.body.number}`);
  expect(own.status).toBe(200);
  expect(own.body).toContain('Akun email pegawai baru');
  const other = await get('pemohon2', `/reports/d?case=${created.body.number}`);
  expect(other.status).toBe(403);
  expect(other.body.code).toBe('missing_role');
  const staff = await get('pengelola', `/reports/d?case=${created.body.id}&format=pdf`);
  expect(staff.status).toBe(200);
  const missing = await get('pengelola', '/reports/d');
  expect(missing.status).toBe(400);
}, 60_000);
