// The report engine without a database: strict templates (a misspelt field names itself and its line),
// escaping of user text, the shared partials and helpers in both languages and the tenant's time zone,
// falling back to the built-in template when a tenant's template fails, template checks (syntax with
// line and column; fields against the samples), and CSV/XLSX read back.
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { checkTemplateSyntax, renderPart, renderReportHtml, TemplateRenderError, TemplateSyntaxError, type RenderOptions } from '../../reports/engine.ts';
import { checkTemplate } from '../../reports/templates.ts';
import { pickTable, reportXlsx, tableCsv } from '../../reports/tabular.ts';
import type { ReportModel } from '../../reports/types.ts';

const TENANT = { id: 'serang', name: 'Dinas Komunikasi dan Informatika Kota Serang', timezone: 'Asia/Jakarta' };
/** 1 July 2026 09:30 WIB. */
const NOW = Date.UTC(2026, 6, 1, 2, 30);

function model(over: Partial<ReportModel> = {}): ReportModel {
  return {
    formulir: 'b', title: { id: 'Formulir Uji', en: 'Test form' }, filename: 'Formulir-Uji', empty: false,
    data: {
      number: 'EVL-2026-000007', period: { id: 'Semester I 2026', en: 'Semester I 2026' },
      note: '<script>alert(1)</script> & "kutip"',
      closedAt: '2026-03-05T03:00:00Z', dueOn: '2026-08-01', availabilityBp: 9950, downtimeMs: 5_400_000,
      items: [{ name: 'WEBSITE', ok: true }, { name: 'EMAIL', ok: false }],
      names: ['Andi', { id: 'Bagian Umum', en: 'General affairs' }],
      signatures: [
        { role: { id: 'Kepala Dinas', en: 'Head of Agency' }, name: 'Budi Santoso', nip: '197001012000011001', date: '2026-07-10' },
        { role: 'Saksi', name: null, date: null },
      ],
    },
    tables: [{
      id: 'services', title: { id: 'Ketersediaan Layanan', en: 'Service availability' },
      columns: [
        { key: 'service', title: { id: 'Layanan', en: 'Service' } },
        { key: 'target', title: { id: 'Target', en: 'Target' }, kind: 'percent' },
        { key: 'incidents', title: { id: 'Jumlah Gangguan', en: 'Incidents' }, kind: 'number' },
        { key: 'met', title: { id: 'Terpenuhi', en: 'Met' }, kind: 'boolean' },
        { key: 'lastOutage', title: { id: 'Gangguan Terakhir', en: 'Last outage' }, kind: 'datetime' },
        { key: 'reviewOn', title: { id: 'Tanggal Kaji', en: 'Review date' }, kind: 'date' },
      ],
      rows: [
        { service: 'WEBSITE <utama>', target: 99.5, incidents: 1234, met: true, lastOutage: '2026-03-05T03:00:00Z', reviewOn: '2026-07-01' },
        { service: 'EMAIL-DINAS', target: 99, incidents: 0, met: false, lastOutage: null, reviewOn: null },
      ],
    }],
    charts: { trend: '<svg xmlns="http://www.w3.org/2000/svg" data-chart="trend"></svg>' },
    ...over,
  };
}

const BODY_ID = `<h2>Isi</h2>
<p class="note">{{report.note}}</p>
<p>Ditutup {{datetime report.closedAt}}; batas {{date report.dueOn}}; ketersediaan {{percent report.availabilityBp basisPoints=true}}; gangguan {{hours report.downtimeMs}} jam</p>
<ul>{{#each report.items}}<li>{{name}}: {{#if ok}}ya{{else}}tidak{{/if}}</li>{{/each}}</ul>
<p>{{join report.names "; "}}</p>
{{charts.trend}}
{{> table tables.services}}
{{> signatures}}`;
const BODY_EN = BODY_ID.replace('<h2>Isi</h2>', '<h2>Body</h2>');

function opts(over: Partial<RenderOptions> = {}): RenderOptions {
  return {
    langs: ['id'], tenant: TENANT, now: NOW,
    builtIns: new Map([['b.id', BODY_ID.replace('<p>{{join report.names "; "}}</p>', '<p>{{join report.names "; "}}</p>')], ['b.en', BODY_EN]]),
    ...over,
  };
}

/** CSV read back by exceljs (fast-csv), every value as the text it is; the BOM is checked apart. */
async function parseCsv(csv: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  const sheet = await wb.csv.read(Readable.from([csv.subarray(3)]), { map: (v: unknown) => v });
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => { rows.push((row.values as unknown[]).slice(1).map((v) => (v === undefined || v === null ? '' : String(v)))); });
  return rows;
}

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#x27;': "'", '&#x3D;': '=', '&#x60;': '`', '&amp;': '&' };
/** The visible text of the document: no style, no tags, entities decoded, whitespace collapsed. */
const text = (html: string) => html.replace(/<style[\s\S]*?<\/style>/g, '').replace(/<title>[\s\S]*?<\/title>/g, '').replace(/<[^>]+>/g, ' ')
  .replace(/&(lt|gt|quot|#x27|#x3D|#x60|amp);/g, (e) => ENTITIES[e]!).replace(/\s+/g, ' ').trim();

describe('renderReportHtml', () => {
  const m = model();

  test('the letterhead, the body, the table and the signatures in Bahasa Indonesia, in the tenant time zone', () => {
    const { html, fallbacks } = renderReportHtml(m, opts());
    expect(fallbacks).toEqual([]);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<html lang="id">');
    const t = text(html);
    expect(t).toContain('Dinas Komunikasi dan Informatika Kota Serang Formulir Uji Nomor: EVL-2026-000007 Periode: Semester I 2026 Dibuat: 1 Juli 2026 pukul 09.30');
    // 03:00Z is 10:00 WIB; a local date is printed as the day it names.
    expect(t).toContain('Ditutup 5 Maret 2026 pukul 10.00; batas 1 Agustus 2026; ketersediaan 99,50%; gangguan 1,50 jam');
    expect(t).toContain('WEBSITE: ya EMAIL: tidak');
    expect(t).toContain('Andi; Bagian Umum');
    expect(t).toContain('Ketersediaan Layanan Layanan Target Jumlah Gangguan Terpenuhi Gangguan Terakhir Tanggal Kaji');
    expect(t).toContain('WEBSITE <utama> 99,50% 1.234 Ya 5 Maret 2026 pukul 10.00 1 Juli 2026');
    expect(t).toContain('EMAIL-DINAS 99,00% 0 Tidak - -');
    expect(t).toContain('Kepala Dinas Budi Santoso NIP 197001012000011001 Tanggal: 10 Juli 2026');
    expect(t).toContain('Saksi (.................................) Tanggal: ....................');
    // The table header repeats on every printed page; numbers are right-aligned.
    expect(html).toMatch(/thead \{ display: table-header-group; \}/);
    expect(html).toContain('<td class="num">1.234</td>');
  });

  test('user text is escaped; charts are markup; no external resources', () => {
    const { html } = renderReportHtml(m, opts());
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;kutip&quot;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('WEBSITE &lt;utama&gt;');
    expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg" data-chart="trend"></svg>');
    expect(html).not.toMatch(/(src|href)=["']?https?:/);
  });

  test('langs id and en: both parts in one document, the English one on a new page with English formats', () => {
    const { html } = renderReportHtml(m, opts({ langs: ['id', 'en'] }));
    const parts = html.split('<section class="report"');
    expect(parts).toHaveLength(3);
    expect(parts[1]).toContain('lang="id"');
    expect(parts[2]).toContain('lang="en"');
    expect(html).toMatch(/section\.report \+ section\.report \{ break-before: page;/);
    const en = text(parts[2]!);
    expect(en).toContain('Test form Number: EVL-2026-000007 Period: Semester I 2026 Generated: 1 July 2026 at 09:30');
    expect(en).toContain('5 March 2026 at 10:00; batas 1 August 2026; ketersediaan 99.50%; gangguan 1.50 jam');
    expect(en).toContain('WEBSITE <utama> 99.50% 1,234 Yes');
    expect(en).toContain('Head of Agency Budi Santoso NIP 197001012000011001 Date: 10 July 2026');
  });

  test('an empty table says so in the table', () => {
    const empty = model({ data: { ...m.data }, tables: [{ ...m.tables[0]!, rows: [] }] });
    const t = text(renderReportHtml(empty, opts()).html);
    expect(t).toContain('Tanggal Kaji Tidak ada data');
  });

  test('the noData partial for an honest empty report', () => {
    const body = '{{#if empty}}{{> noData}}{{else}}ada{{/if}}';
    const builtIns = new Map([['b.id', body], ['b.en', body]]);
    expect(text(renderReportHtml(model({ empty: true }), opts({ builtIns })).html)).toContain('Tidak ada data untuk periode ini.');
    expect(text(renderReportHtml(model({ empty: true }), opts({ builtIns, langs: ['en'] })).html)).toContain('No data for this period.');
    expect(text(renderReportHtml(model(), opts({ builtIns })).html)).toMatch(/ ada$/);
  });
});

describe('strict templates', () => {
  const render = (body: string, data: Record<string, unknown> = model().data) => {
    try {
      renderPart(model({ data }), 'id', TENANT, NOW, { body, letterhead: '', signatures: '' });
    } catch (err) {
      return err as TemplateRenderError;
    }
    throw new Error('rendered without error');
  };

  test('a misspelt field names the field and its line', () => {
    const err = render('<p>ok</p>\n<p>\n  {{report.nomor}}</p>');
    expect(err).toBeInstanceOf(TemplateRenderError);
    expect(err.field).toBe('report.nomor');
    expect(err.line).toBe(3);
    expect(err.column).toBe(5);
    expect(err.template).toBe('b');
    expect(err.message).toContain('"nomor" not defined');
  });

  test('inside #each the field is named as written', () => {
    const err = render('{{#each report.items}}\n{{nama}}{{/each}}');
    expect([err.field, err.line]).toEqual(['nama', 2]);
  });

  test('a helper given a missing field names it', () => {
    const err = render('x\n\n{{date report.tanggal}}');
    expect([err.field, err.line]).toEqual(['report.tanggal', 3]);
    expect(err.message).toContain('{{date}}');
  });

  test('a misspelt table or chart id throws even inside #if', () => {
    const err = render('a\n{{#if tables.servis}}x{{/if}}');
    expect(err.field).toBe('tables.servis');
    expect(err.line).toBe(2);
    expect(err.message).toContain('known: services');
    expect(render('{{charts.tren}}').field).toBe('charts.tren');
  });

  test('#if on a missing last segment is lenient (optional fields)', () => {
    expect(() => renderPart(model(), 'id', TENANT, NOW, { body: '{{#if report.optional}}x{{/if}}', letterhead: '', signatures: '' })).not.toThrow();
  });

  test('an error in a partial lists the templates it passed through', () => {
    const err = render('{{> table report}}');
    expect(err.chain).toEqual(['table', 'b']);
  });
});

describe('fallback to the built-in template', () => {
  test('a tenant body that fails with this data is replaced, and reported', () => {
    const templates = new Map([['b.id', '<p>{{report.tidakAda}}</p>'], ['letterhead.id', '<div class="kop">PEMERINTAH KOTA SERANG — {{tenant.name}}</div>']]);
    const { html, fallbacks } = renderReportHtml(model(), opts({ templates }));
    expect(fallbacks).toEqual([{ template: 'b', lang: 'id', error: expect.stringContaining('"tidakAda" not defined') }]);
    // The tenant's letterhead worked and stays; the body is the built-in one.
    expect(text(html)).toContain('PEMERINTAH KOTA SERANG — Dinas Komunikasi');
    expect(text(html)).toContain('Ketersediaan Layanan');
  });

  test('a tenant signature block that fails is replaced alone, per language', () => {
    const templates = new Map([['signatures.en', '{{#each report.signatures}}{{jabatan}}{{/each}}'], ['b.en', '<p>own body</p>{{> signatures}}']]);
    const { html, fallbacks } = renderReportHtml(model(), opts({ templates, langs: ['id', 'en'] }));
    expect(fallbacks.map((f) => `${f.template}.${f.lang}`)).toEqual(['signatures.en']);
    expect(text(html)).toContain('own body Head of Agency Budi Santoso');
  });

  test('a failing built-in template is a bug and is thrown', () => {
    expect(() => renderReportHtml(model(), opts({ builtIns: new Map([['b.id', '{{report.tidakAda}}']]) }))).toThrow(TemplateRenderError);
  });
});

describe('template checks', () => {
  test('syntax errors give the line and column', () => {
    const at = (source: string) => {
      try { checkTemplateSyntax(source); } catch (err) { return err as TemplateSyntaxError; }
      throw new Error('compiled');
    };
    const unclosed = at('<p>a</p>\n<p>{{#if report.x}}b</p>\n{{/each}}');
    expect(unclosed).toBeInstanceOf(TemplateSyntaxError);
    expect(unclosed.line).toBe(2);
    expect(unclosed.column).toEqual(expect.any(Number));
    expect(unclosed.detail).toContain("if doesn't match each");
    const broken = at('line one\n  <b>{{report.}</b>');
    expect([broken.line, broken.column]).toEqual([2, 15]);
    expect(broken.detail).toContain("got 'INVALID'");
    expect([at('{{foo').line, at('{{foo').column]).toEqual([1, 3]);
    expect(() => checkTemplateSyntax('{{#if a}}{{b}}{{/if}}')).not.toThrow();
  });

  test('a letterhead is checked against every report: a field one report lacks is refused with its line', () => {
    const good = checkTemplate('letterhead', 'id', '<div>PEMKOT SERANG</div>\n<h1>{{title}}</h1>{{#if report.number}}{{report.number}}{{/if}}', TENANT, NOW);
    expect(good).toEqual({ ok: true });
    const bad = checkTemplate('letterhead', 'id', '<div>PEMKOT SERANG</div>\n<h1>{{title}} {{report.nomorSurat}}</h1>', TENANT, NOW);
    expect(bad).toMatchObject({ ok: false, kind: 'field', field: 'report.nomorSurat', line: 2 });
    const syntax = checkTemplate('signatures', 'en', '{{#each report.signatures}}', TENANT, NOW);
    expect(syntax).toMatchObject({ ok: false, kind: 'syntax', line: 1 });
  });

  test('a signature block is checked with signers even when a sample has none', () => {
    const bad = checkTemplate('signatures', 'id', '{{#each @root.report.signatures}}\n{{jabatan}}{{/each}}', TENANT, NOW);
    expect(bad).toMatchObject({ ok: false, kind: 'field', field: 'jabatan', line: 2 });
  });
});

describe('CSV and XLSX', () => {
  const m = model();

  test('CSV: one table, UTF-8 with BOM, localized header, values in the tenant time zone', async () => {
    const csv = tableCsv(pickTable(m)!, { lang: 'id', timezone: 'Asia/Jakarta' });
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = await parseCsv(csv);
    expect(rows).toEqual([
      ['Layanan', 'Target', 'Jumlah Gangguan', 'Terpenuhi', 'Gangguan Terakhir', 'Tanggal Kaji'],
      ['WEBSITE <utama>', '99.5', '1234', 'Ya', '2026-03-05 10:00', '2026-07-01'],
      ['EMAIL-DINAS', '99', '0', 'Tidak', '', ''],
    ]);
    const en = await parseCsv(tableCsv(pickTable(m, 'services')!, { lang: 'en', timezone: 'Asia/Jakarta' }));
    expect(en[0]).toEqual(['Service', 'Target', 'Incidents', 'Met', 'Last outage', 'Review date']);
    expect(pickTable(m, 'nope')).toBeNull();
  });

  test('XLSX: a sheet per table, bold header, typed cells', async () => {
    const second = { ...m.tables[0]!, id: 'again', title: { id: 'Ketersediaan Layanan', en: 'x' } };
    const buf = await reportXlsx({ ...m, tables: [m.tables[0]!, second] }, { lang: 'id', timezone: 'Asia/Jakarta' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Ketersediaan Layanan', 'Ketersediaan Layanan 2']);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'Layanan', 'Target', 'Jumlah Gangguan', 'Terpenuhi', 'Gangguan Terakhir', 'Tanggal Kaji']);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    const row = sheet.getRow(2);
    expect(row.getCell(1).value).toBe('WEBSITE <utama>');
    expect(row.getCell(2).value).toBeCloseTo(0.995);
    expect(row.getCell(2).numFmt).toBe('0.00%');
    expect(row.getCell(3).value).toBe(1234);
    expect(row.getCell(4).value).toBe(true);
    // 10:00 WIB as Excel's zone-less wall clock.
    expect((row.getCell(5).value as Date).toISOString()).toBe('2026-03-05T10:00:00.000Z');
    expect((row.getCell(6).value as Date).toISOString()).toBe('2026-07-01T00:00:00.000Z');
    expect(sheet.getRow(3).getCell(5).value).toBeNull();
    expect(sheet.getColumn(1).width).toBeGreaterThanOrEqual('WEBSITE <utama>'.length);
  });
});
