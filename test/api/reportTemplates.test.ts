// The agency's own report templates over HTTP: an administrator replaces the letterhead and the
// rendered reports carry it (only for that agency); a template that does not compile (400 with line
// and column) or names a field the reports lack (422 with field and line) changes nothing; versions
// are kept; DELETE goes back to the built-in template; a stored template that fails with a report's
// data falls back to the built-in one and says so in Sigap-Template-Fallback.
import { randomUUID } from 'node:crypto';
import { useTestSystem } from '../support/system.ts';
import { TEMPLATE_NAMES } from '../../reports/engine.ts';

const system = useTestSystem();
const call = (who: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => system().call(who, method, `/api/v1${path}`, body, headers);
const sql = <T = unknown>(q: string, params: unknown[] = []) => system().orm.em.fork().execute<T[]>(q, params);

const LETTERHEAD = `<header class="letterhead">
  <div class="agency">PEMERINTAH KOTA SERANG<br>{{tenant.name}}</div>
  <div>Jl. Syekh Moh. Nawawi Al Bantani, Serang</div>
  <h1>{{title}}</h1>
  {{#if report.number}}<p>Nomor: {{report.number}}</p>{{/if}}
</header>`;

test('only administrators manage templates', async () => {
  for (const [method, path] of [['GET', '/report-templates'], ['GET', '/report-templates/letterhead/id'], ['PUT', '/report-templates/letterhead/id'], ['DELETE', '/report-templates/letterhead/id']] as const) {
    const res = await call('kadis', method, path, method === 'PUT' ? { body: LETTERHEAD } : undefined);
    expect([method, path, res.status, res.body.code]).toEqual([method, path, 403, 'missing_role']);
  }
  expect(await sql('select 1 from report_template')).toEqual([]);
});

test('list and read: every template in both languages, built-in until replaced', async () => {
  const list = await call('admin', 'GET', '/report-templates');
  expect(list.status).toBe(200);
  expect(list.body.items).toHaveLength(TEMPLATE_NAMES.length * 2);
  expect(list.body.items).toContainEqual({ name: 'letterhead', lang: 'id', source: 'builtin', version: null, updatedAt: null, updatedBy: null, builtIn: true });
  const one = await call('admin', 'GET', '/report-templates/letterhead/en');
  expect(one.status).toBe(200);
  expect(one.body).toMatchObject({ name: 'letterhead', lang: 'en', source: 'builtin', version: null });
  expect(one.body.body).toContain('{{tenant.name}}');
  expect((await call('admin', 'GET', '/report-templates/kop/id')).body.code).toBe('unknown_report_template');
  expect((await call('admin', 'GET', '/report-templates/letterhead/fr')).status).toBe(400);
});

test('an uploaded letterhead appears on the agency reports; bad uploads change nothing; versions; revert', async () => {
  const put = await call('admin', 'PUT', '/report-templates/letterhead/id', { body: LETTERHEAD });
  expect(put.status).toBe(200);
  expect(put.body).toMatchObject({ name: 'letterhead', lang: 'id', source: 'tenant', version: 1, updatedBy: 'admin', body: LETTERHEAD });

  const report = await call('pengelola', 'GET', '/reports/b');
  expect(report.status).toBe(200);
  expect(report.body).toContain('PEMERINTAH KOTA SERANG<br>');
  expect(report.body).toContain('Jl. Syekh Moh. Nawawi Al Bantani, Serang');
  expect(report.headers.get('sigap-template-fallback')).toBeNull();
  // Only the Bahasa Indonesia letterhead was replaced; other agencies keep theirs.
  expect((await call('pengelola', 'GET', '/reports/b?lang=en')).body).not.toContain('PEMERINTAH KOTA SERANG');
  const dpr = await call('admin', 'GET', '/reports/a', undefined, { 'x-test-tenant': 'dpr' });
  expect(dpr.status).toBe(200);
  expect(dpr.body).not.toContain('PEMERINTAH KOTA SERANG');

  // Does not compile: 400 with line and column; the active template stays.
  const syntax = await call('admin', 'PUT', '/report-templates/letterhead/id', { body: '<header>\n  <h1>{{title}</h1>\n</header>' });
  expect(syntax.status).toBe(400);
  expect(syntax.body).toMatchObject({ code: 'template_syntax_error', line: 2 });
  expect(syntax.body.column).toEqual(expect.any(Number));
  expect(syntax.body.detail).toContain('baris 2');
  // A field no report has: 422 with the field and its line; the active template stays.
  const field = await call('admin', 'PUT', '/report-templates/letterhead/id', { body: '<header>\n<h1>{{title}}</h1>\n<p>{{report.nomorSurat}}</p></header>' });
  expect(field.status).toBe(422);
  expect(field.body).toMatchObject({ code: 'template_field_missing', field: 'report.nomorSurat', line: 3 });
  const unchanged = await call('admin', 'GET', '/report-templates/letterhead/id');
  expect(unchanged.body).toMatchObject({ source: 'tenant', version: 1, body: LETTERHEAD });
  expect((await call('admin', 'GET', '/report-templates/letterhead/id/versions')).body.items).toHaveLength(1);
  expect((await call('pengelola', 'GET', '/reports/b')).body).toContain('PEMERINTAH KOTA SERANG<br>');

  // A second version replaces the first; both are kept, one active.
  const v2 = await call('admin', 'PUT', '/report-templates/letterhead/id', { body: LETTERHEAD.replace('PEMERINTAH KOTA SERANG', 'PEMKOT SERANG') });
  expect(v2.body.version).toBe(2);
  const versions = await call('admin', 'GET', '/report-templates/letterhead/id/versions');
  expect(versions.body.items.map((v: { version: number; active: boolean }) => [v.version, v.active])).toEqual([[2, true], [1, false]]);
  expect((await call('pengelola', 'GET', '/reports/b')).body).toContain('PEMKOT SERANG<br>');

  // Revert: the built-in letterhead again; a second revert has nothing to revert.
  expect((await call('admin', 'DELETE', '/report-templates/letterhead/id')).status).toBe(204);
  expect((await call('admin', 'GET', '/report-templates/letterhead/id')).body).toMatchObject({ source: 'builtin', version: null });
  expect((await call('pengelola', 'GET', '/reports/b')).body).not.toContain('PEMKOT SERANG');
  const again = await call('admin', 'DELETE', '/report-templates/letterhead/id');
  expect([again.status, again.body.code]).toEqual([404, 'template_not_customised']);
  expect(await sql('select version, active from report_template where tenant_id = ? order by version', ['serang'])).toEqual([{ version: 1, active: false }, { version: 2, active: false }]);
});

test('a whole report body replaced; a stored one that fails with the data falls back to the built-in one', async () => {
  const body = '<p class="own">Prioritas instansi: {{#each report.priorities}}{{id}} {{/each}}</p>\n{{> table tables.priorities}}\n{{> signatures}}';
  const put = await call('admin', 'PUT', '/report-templates/b/id', { body });
  expect(put.status).toBe(200);
  const own = await call('pengelola', 'GET', '/reports/b');
  expect(own.body).toContain('<p class="own">Prioritas instansi:');
  expect(own.body).not.toContain('Matriks prioritas');

  // A template stored when the report had another field (written directly: uploads are checked).
  await sql('update report_template set active = false where tenant_id = ? and template = ? and lang = ?', ['serang', 'b', 'id']);
  await sql(`insert into report_template (id, tenant_id, template, lang, version, body, sha256, active, created_by) values (?, 'serang', 'b', 'id', 99, '<p>{{report.fieldOfAnOlderVersion}}</p>', 'x', true, 'admin')`, [randomUUID()]);
  const fallback = await call('pengelola', 'GET', '/reports/b');
  expect(fallback.status).toBe(200);
  expect(fallback.headers.get('sigap-template-fallback')).toBe('b.id');
  expect(fallback.body).not.toContain('fieldOfAnOlderVersion');
  expect(fallback.body).toContain('Formulir B – Prioritas Penanganan Gangguan');
  expect((await call('admin', 'DELETE', '/report-templates/b/id')).status).toBe(204);
  expect((await call('pengelola', 'GET', '/reports/b')).headers.get('sigap-template-fallback')).toBeNull();
});
