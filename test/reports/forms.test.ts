// Formulir A, B, C, D, E, I, the improvement register and the management review rendered from seeded
// records with a fixed `now`: the visible text is compared with golden files (SIGAP_UPDATE_GOLDEN=1
// rewrites them), the numbers of Formulir I are checked against what was seeded, an empty period and
// an empty register print the honest empty text, a case of the wrong process is refused, and the PDFs
// of A and I have the expected pages and lines.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MikroORM } from '@mikro-orm/postgresql';
import { pdfPages } from '../support/pdf.ts';
import { ProblemError } from '../../api/http/problem.ts';
import { seedCalendar } from '../../db/calendar.ts';
import { computeEvaluationFigures } from '../../db/evaluationFigures.ts';
import { closeDatabase, openDatabase } from '../../db/orm.ts';
import { seedTenant } from '../../db/seed.ts';
import { putService } from '../../db/services.ts';
import { periodOf } from '../../policy/evaluationPeriod.ts';
import { NATIONAL_HOLIDAYS } from '../../policy/holidays.ts';
import { calendarOfProfile } from '../../policy/profileCalendar.ts';
import { getProfile } from '../../policy/profiles/index.ts';
import { renderReportHtml } from '../../reports/engine.ts';
import { sampleFormulirIData } from '../../reports/models/common/evaluationSample.ts';
import { formulirIModel } from '../../reports/models/evaluation.ts';
import { evaluationReportModel, managementReviewModel } from '../../reports/models/managementReview.ts';
import { sampleRequestForm } from '../../reports/models/requestForm.ts';
import { closePdfRenderer, renderPdf } from '../../reports/pdf.ts';
import { REPORTS } from '../../reports/registry.ts';
import type { FormulirId, ReportContext, ReportLang, ReportModel, ReportParams } from '../../reports/types.ts';
import { startTestPostgres, type TestPostgres } from '../db/pg.ts';

const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), 'golden');
const NOW = Date.parse('2026-07-15T03:00:00.000Z');
const TENANT = { id: 'serang', name: 'Pemerintah Kabupaten Serang', timezone: 'Asia/Jakarta' };
const serang = getProfile('serang');

let pg: TestPostgres;
let orm: MikroORM;

/** What a reader sees: no markup, no style, no chart drawing; one line per block, spaces collapsed. */
function visibleText(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<svg[\s\S]*?<\/svg>/g, '[grafik]')
    .replace(/<(br|\/p|\/tr|\/h[1-6]|\/caption|\/div|\/li|\/figcaption|\/header|\/section)\b[^>]*>/g, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&#x3D;/g, '=').replace(/&#x60;/g, '`').replace(/&amp;/g, '&')
    .split('\n').map((l) => l.replace(/\s+/g, ' ').trim()).filter((l) => l !== '').join('\n') + '\n';
}

function render(model: ReportModel, lang: ReportLang): string {
  const { html, fallbacks } = renderReportHtml(model, { langs: [lang], tenant: TENANT, now: NOW });
  expect(fallbacks).toEqual([]);
  return html;
}

/** Compares with test/reports/golden/<name>.<lang>.txt; SIGAP_UPDATE_GOLDEN=1 writes it instead. */
function expectGolden(name: string, lang: ReportLang, text: string) {
  const file = join(GOLDEN, `${name}.${lang}.txt`);
  if (process.env['SIGAP_UPDATE_GOLDEN'] === '1') {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, text);
  }
  if (!existsSync(file)) throw new Error(`golden file ${file} missing (run with SIGAP_UPDATE_GOLDEN=1 and review it)`);
  expect(text).toBe(readFileSync(file, 'utf8'));
}

function ctx(): ReportContext {
  return { em: orm.em.fork() as ReportContext['em'], tenant: TENANT, profile: serang, principal: null, now: NOW };
}

async function build(id: FormulirId, params: ReportParams): Promise<ReportModel> {
  const def = REPORTS[id];
  return def.build(ctx(), def.params.parse(params));
}

const pagesOf = pdfPages;

// ---- seeded records ------------------------------------------------------------------------------

const ITEM = serang.catalogue[0]!.code;

async function insertCase(c: {
  id: string; type: string; number: string; service: string | null; title: string; state: string; priority?: string | null;
  requester: string; slaMet: boolean | null; data: unknown; createdAt: string; closedAt: string | null; sla?: unknown[];
}) {
  await orm.em.fork().execute(
    `insert into sigap_case (id, tenant_id, case_type, number, workflow_id, service_code, title, state, priority, requester_username, sla, sla_met, data, created_at, updated_at, closed_at)
     values (?, 'serang', ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?, ?, ?)`,
    [c.id, c.type, c.number, `${c.type}:serang:${c.number}`, c.service, c.title, c.state, c.priority ?? null, c.requester,
      JSON.stringify(c.sla ?? []), c.slaMet, JSON.stringify(c.data), c.createdAt, c.closedAt ?? c.createdAt, c.closedAt],
  );
}

async function insertEvents(caseId: string, events: Array<[string, string, string | null, string]>) {
  let seq = 0;
  for (const [at, actor, role, action] of events) {
    seq += 1;
    await orm.em.fork().execute(
      `insert into case_event (case_id, seq, at, actor, actor_role, action, payload, prev_hash, hash) values (?, ?, ?, ?, ?, ?, '{}'::jsonb, ?, ?)`,
      [caseId, seq, at, actor, role, action, seq === 1 ? null : `h${seq - 1}`, `h${seq}`],
    );
  }
}

const REQ1 = '00000000-0000-4000-8000-0000000000a1';
const REQ2 = '00000000-0000-4000-8000-0000000000a2';
const REQ3 = '00000000-0000-4000-8000-0000000000a3';
const INC1 = '00000000-0000-4000-8000-0000000000b1';
const EVL1 = '00000000-0000-4000-8000-0000000000c1';

const incidentForm = (confirmedAt: string) => ({
  reportedAt: '2026-03-05T01:00:00.000Z', reporter: { username: 'pemohon2', name: 'Rina Pelapor' }, channel: 'phone', category: 'aplikasi', impact: 'mayor',
  priority: 'P2', urgency: 'P2', maintenance: null, confirmationChannel: 'email', symptoms: 'SIMPEG tidak dapat dibuka', status: 'closed',
  configurationItems: ['srv-simpeg-01'], service: { code: 'SIMPEG', name: 'SIMPEG', serviceType: 'administrasi', classification: 'esensial' },
  technicalHandler: { username: 'teknis', name: 'Tono Teknis' }, level: 2, estimate: null,
  activities: [{ at: '2026-03-05T02:00:00.000Z', by: 'teknis', note: 'Layanan aplikasi dijalankan ulang' }], cause: 'Memori server penuh',
  resolution: { at: '2026-03-05T04:00:00.000Z', by: 'teknis', text: 'Memori server ditambah', cause: 'Memori server penuh' },
  confirmedAt, satisfaction: 4, suggestion: 'Mohon dipantau', closedAt: confirmedAt, reopenCount: 0, reassessments: [], proposals: [], security: false, origin: null,
});

beforeAll(async () => {
  pg = await startTestPostgres();
  orm = await openDatabase(pg.url);
  await seedTenant(orm, {
    tenantId: 'serang', name: TENANT.name, profileId: 'serang', timezone: TENANT.timezone, catalogue: serang.catalogue,
    users: [
      { username: 'pemohon', name: 'Siti Pemohon', roles: ['requester'] },
      { username: 'pemohon2', name: 'Rina Pelapor', roles: ['requester'] },
      { username: 'penyedia', name: 'Pak Penyedia', roles: ['service_owner'] },
      { username: 'teknis', name: 'Tono Teknis', roles: ['technical_team'] },
      { username: 'kadis', name: 'Ibu Kepala Dinas', roles: ['head_of_unit'] },
    ],
  });
  await seedCalendar(orm.em.fork(), 'serang', calendarOfProfile(serang), [...NATIONAL_HOLIDAYS]);
  const em = orm.em.fork();
  await em.execute(`update catalogue_item set provider = 'Dinas Komunikasi dan Informatika', access_info = 'https://layanan.serangkab.go.id',
    help_contact = 'helpdesk@serangkab.go.id', help_hours = 'Senin–Jumat 07.30–16.00' where tenant_id = 'serang' and code = ?`, [ITEM]);
  for (const s of [
    { code: 'PERIZINAN', name: { id: 'Perizinan Online', en: 'Online licensing' }, nature: 'publik' as const, classification: 'kritis' as const, provider: 'DPMPTSP' },
    { code: 'SIMPEG', name: { id: 'SIMPEG', en: 'SIMPEG' }, nature: 'administrasi' as const, classification: 'esensial' as const, provider: 'BKPSDM' },
  ]) {
    await putService(em, 'serang', { ...s, basis: null, scope: null, classificationSource: 'test', configurationItems: [], availabilityTarget: null });
  }
  await em.execute(`insert into continuity_plan (tenant_id, service_code, availability_target_bp, operating_schedule, rto_ms, rpo_ms, updated_by)
    values ('serang', 'PERIZINAN', 9500, '24x7', 86400000, 86400000, 'admin'), ('serang', 'SIMPEG', 9950, 'working_calendar', null, null, 'admin')`);
  await em.execute(`insert into drp_document (id, tenant_id, service_code, version, title, recovery_activities, normalisation_activities, status, submitted_by, submitted_at, decided_by, decided_at)
    values ('00000000-0000-4000-8000-0000000000d1', 'serang', 'PERIZINAN', 1, 'DRP Perizinan', 'Pulihkan dari cadangan', 'Kembali ke DC', 'approved', 'teknis', '2026-01-10T03:00:00Z', 'penyedia', '2026-01-12T03:00:00Z')`);

  // Semester I 2026: two requests completed (one met, one missed; ratings 5 and 3), one still open, one incident met (rating 4).
  const clock = { id: 'fulfilment', targetMs: 10_800_000, basis: 'calendar', startedAt: Date.parse('2026-03-02T01:00:00Z'), accumulatedMs: 0, runningSince: null, pausedAt: null, stoppedAt: null, thresholds: [], fired: [] };
  await insertCase({ id: REQ1, type: 'request', number: 'REQ-2026-000001', service: ITEM, title: 'Akun surel pegawai baru', state: 'closed', requester: 'pemohon', slaMet: true, data: sampleRequestForm(), createdAt: '2026-03-02T01:00:00Z', closedAt: '2026-03-02T04:00:00Z', sla: [clock] });
  await insertCase({ id: REQ2, type: 'request', number: 'REQ-2026-000002', service: ITEM, title: 'Reset kata sandi', state: 'closed', requester: 'pemohon2', slaMet: false, data: { ...sampleRequestForm(), satisfaction: 3 }, createdAt: '2026-04-10T01:00:00Z', closedAt: '2026-04-11T01:00:00Z' });
  await insertCase({ id: REQ3, type: 'request', number: 'REQ-2026-000003', service: ITEM, title: 'Akun baru', state: 'in_fulfilment', requester: 'pemohon', slaMet: null, data: { ...sampleRequestForm(), satisfaction: null, confirmedAt: null }, createdAt: '2026-06-20T01:00:00Z', closedAt: null });
  await insertCase({ id: INC1, type: 'incident', number: 'INC-2026-000001', service: 'SIMPEG', title: 'SIMPEG tidak dapat dibuka', state: 'closed', priority: 'P2', requester: 'pemohon2', slaMet: true, data: incidentForm('2026-03-05T05:00:00.000Z'), createdAt: '2026-03-05T01:00:00Z', closedAt: '2026-03-05T05:00:00Z' });
  await insertEvents(REQ1, [
    ['2026-03-02T01:00:00Z', 'pemohon', 'requester', 'submitted'], ['2026-03-02T02:00:00Z', 'penyedia', 'service_owner', 'decide'],
    ['2026-03-02T03:00:00Z', 'teknis', 'technical_team', 'fulfil'], ['2026-03-02T04:00:00Z', 'pemohon', 'requester', 'confirm'],
  ]);
  await insertEvents(INC1, [['2026-03-05T01:00:00Z', 'pemohon2', 'requester', 'reported'], ['2026-03-05T05:00:00Z', 'pemohon2', 'requester', 'confirm']]);

  // A published evaluation of 2026-S1 as the workflow leaves it (snapshot data), with real figures.
  const period = periodOf('2026-S1', 'Asia/Jakarta');
  const figures = await computeEvaluationFigures(orm.em.fork(), { tenantId: 'serang', profile: serang, period, now: NOW });
  const at = '2026-07-06T03:00:00.000Z';
  await insertCase({
    id: EVL1, type: 'evaluation', number: 'EVL-2026-000001', service: null, title: 'Evaluasi Semester I 2026', state: 'published', requester: 'system', slaMet: true,
    createdAt: '2026-07-01T01:00:00Z', closedAt: '2026-07-10T03:00:00Z',
    data: {
      period, figures, createdActions: [{ number: 'TL-2026-0001', chapter: 'A', description: 'Menambah petugas layanan pada jam sibuk', dueOn: '2026-09-30' }],
      approval: { by: 'kadis', name: 'Ibu Kepala Dinas', at: '2026-07-10T03:00:00.000Z', note: 'Disetujui untuk diterbitkan' },
      chapters: serang.evaluation.chapters.map((c) => ({
        id: c.id, title: c.title, measures: c.measures, analysedByRole: c.analysedBy.role, missed: null,
        analysis: {
          chapter: c.id, obstacles: c.id === 'A' ? 'Petugas layanan kurang pada jam sibuk' : 'Tidak ada hambatan berarti',
          improvements: c.id === 'A' ? 'Otomasi reset kata sandi' : 'Tidak ada',
          followUps: c.id === 'A' ? [{ description: 'Menambah petugas layanan pada jam sibuk', ownerRole: 'service_desk', dueOn: '2026-09-30' }] : [],
          by: 'koordinator', name: 'Koordinator Layanan', at,
        },
      })),
    },
  });
  await em.execute(`insert into improvement_action (id, tenant_id, number, origin, evaluation_case_id, chapter, item_index, description, owner_role, due_on, status, resolution, resolved_by, resolved_at, created_by, created_at)
    values ('00000000-0000-4000-8000-0000000000e1', 'serang', 'TL-2026-0001', 'evaluation', ?, 'A', 0, 'Menambah petugas layanan pada jam sibuk', 'service_desk', '2026-09-30', 'done', 'Dua petugas ditambah', 'kadis', '2026-07-12T03:00:00Z', 'system', '2026-07-10T03:00:00Z')`, [EVL1]);
}, 60_000);

afterAll(async () => {
  await closePdfRenderer();
  if (orm) await closeDatabase(orm);
  await pg?.cleanup();
}, 30_000);

// ---- golden files ------------------------------------------------------------------------------

const CASES: Array<[string, FormulirId, ReportParams]> = [
  ['a', 'a', {}],
  ['b', 'b', {}],
  ['c', 'c', {}],
  ['d', 'd', { case: 'REQ-2026-000001' }],
  ['e', 'e', { case: 'INC-2026-000001' }],
  ['i', 'i', { case: 'EVL-2026-000001' }],
  ['i-preview', 'i', { from: '2026-01-01', to: '2026-06-30' }],
  ['improvement-register', 'improvement-register', {}],
];

describe.each(CASES)('%s from the seeded records', (name, id, params) => {
  test.each(['id', 'en'] as const)('renders as its golden text (%s)', async (lang) => {
    const model = await build(id, params);
    expectGolden(name, lang, visibleText(render(model, lang)));
  });
});

test.each(['id', 'en'] as const)('the management review (kemenkeu agenda 1–12) renders as its golden text (%s)', (lang) => {
  const model = managementReviewModel(sampleFormulirIData('kemenkeu'), getProfile('kemenkeu'));
  expectGolden('management-review', lang, visibleText(render(model, lang)));
});

test('every definition\'s sample renders in both languages without a fallback', () => {
  for (const id of ['a', 'b', 'c', 'd', 'e', 'i', 'improvement-register', 'management-review'] as const) {
    const { html, fallbacks } = renderReportHtml(REPORTS[id].sample(), { langs: ['id', 'en'], tenant: TENANT, now: NOW });
    expect(fallbacks).toEqual([]);
    expect(html).toContain('</html>');
  }
});

// ---- the numbers ---------------------------------------------------------------------------------

describe('Formulir I', () => {
  test('the recap of chapter A and B shows exactly the seeded outcomes', async () => {
    const model = await build('i', { from: '2026-01-01', to: '2026-06-30' });
    expect(model.empty).toBe(false);
    expect(model.title.id).toBe('Formulir I – Laporan Evaluasi (Draf)');
    const text = visibleText(render(model, 'id'));
    // 2 requests completed: 1 met, 1 missed; ratings 5 and 3 → 4,00; one still open at the end.
    expect(text).toContain('Permintaan Layanan 2 1 1 4,00 / 5 (2 penilaian)');
    expect(text).toContain('Diterima dalam periode: 3; pencapaian 50,00 %; masih terbuka di akhir periode: 1');
    // 1 incident completed and met, rated 4.
    expect(text).toContain('Penanganan Gangguan 1 1 0 4,00 / 5 (1 penilaian)');
    expect(text).toContain('Analisis belum disampaikan oleh Koordinator Layanan.');
    const requests = model.tables.find((t) => t.id === 'requests')!;
    expect(requests.rows).toEqual([expect.objectContaining({ completed: 2, met: 1, notMet: 1, attainment: 50 })]);
  });

  test('a published evaluation shows the analyses, the follow-up with its register number and the approval', async () => {
    const model = await build('i', { case: 'EVL-2026-000001' });
    expect(model.title.id).toBe('Formulir I – Laporan Evaluasi');
    expect(model.filename).toBe('Formulir-I-EVL-2026-000001');
    const text = visibleText(render(model, 'id'));
    expect(text).toContain('Hambatan yang mengakibatkan tidak terpenuhinya target: Petugas layanan kurang pada jam sibuk');
    expect(text).toMatch(/Menambah petugas layanan pada jam sibuk Pengelola Layanan 30 September 2026 TL-2026-0001/);
    expect(text).toContain('Disetujui oleh Ibu Kepala Dinas');
  });

  test('the model the publishing activity renders is the same builder (formulirIModel / evaluationReportModel)', () => {
    const data = sampleFormulirIData('serang');
    expect(evaluationReportModel(data, serang)).toEqual(formulirIModel(data, serang));
    expect(evaluationReportModel(sampleFormulirIData('kemenkeu'), getProfile('kemenkeu')).formulir).toBe('management-review');
  });

  test('a period without records is an honest empty report', async () => {
    const model = await build('i', { from: '2025-01-01', to: '2025-06-30' });
    expect(model.empty).toBe(true);
    expect(visibleText(render(model, 'id'))).toContain('Tidak ada data untuk periode ini.');
    expect(visibleText(render(model, 'en'))).toContain('No data for this period.');
  });
});

test('an empty register says so', async () => {
  const model = await build('improvement-register', { from: '2025-01-01', to: '2025-12-31' });
  expect(model.empty).toBe(true);
  expect(visibleText(render(model, 'id'))).toContain('Tidak ada data untuk periode ini.');
});

test('a case of another process is refused (422), an unknown one is not found (404)', async () => {
  const wrong = await build('d', { case: 'INC-2026-000001' }).catch((e: unknown) => e);
  expect(wrong).toBeInstanceOf(ProblemError);
  expect(wrong).toMatchObject({ status: 422, code: 'report_case_type_mismatch' });
  const missing = await build('e', { case: 'INC-2026-999999' }).catch((e: unknown) => e);
  expect(missing).toMatchObject({ status: 404, code: 'case_not_found' });
  const unknownService = await build('c', { service: 'NOPE' }).catch((e: unknown) => e);
  expect(unknownService).toMatchObject({ status: 404, code: 'unknown_service' });
});

// ---- PDF ------------------------------------------------------------------------------------------

test('Formulir I and A print as PDF with their key lines', async () => {
  const i = renderReportHtml(await build('i', { case: 'EVL-2026-000001' }), { langs: ['id', 'en'], tenant: TENANT, now: NOW });
  const iPages = await pagesOf(await renderPdf(i.html));
  const iText = iPages.join(' ');
  expect(iPages.length).toBeGreaterThanOrEqual(4);
  expect(iText).toContain('Formulir I – Laporan Evaluasi');
  expect(iText).toContain('A. Evaluasi Penyelenggaraan Permintaan Layanan');
  expect(iText).toContain('E. Evaluasi Rilis Layanan');
  expect(iText).toContain('Form I – Evaluation report');

  const a = renderReportHtml(await build('a', {}), { langs: ['id'], tenant: TENANT, now: NOW });
  const aPages = await pagesOf(await renderPdf(a.html));
  expect(aPages.length).toBeGreaterThanOrEqual(1);
  const aText = aPages.join(' ');
  expect(aText).toContain('Formulir A – Katalog Layanan');
  expect(aText).toContain('Target Pemenuhan Layanan');
  expect(aText).toContain(serang.catalogue[0]!.name.id);
}, 60_000);
