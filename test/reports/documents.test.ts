// Formulir F, G, H and dpr's Berita Acara Serah Terima on the report engine: each built from records
// whose outcome is known (cases driven through the policy rules, a month of seeded downtime) and
// rendered with the built-in templates; the visible text is compared with golden files
// (test/reports/golden/<id>.<lang>.txt; SIGAP_UPDATE_GOLDEN=1 rewrites them). The report read from a
// case's read model equals the one the workflow stores; the stored documents use the tenant's own
// template; an empty month and bad cases answer honestly; Formulir F prints as a multi-page PDF.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { MikroORM } from '@mikro-orm/postgresql';
import { pdfPages } from '../support/pdf.ts';
import { createAvailabilityActivities, formulirFDocumentId } from '../../activities/availability.ts';
import { createDisasterActivities } from '../../activities/disasters.ts';
import { createReleaseDocumentActivities } from '../../activities/releases.ts';
import { ProblemError } from '../../api/http/problem.ts';
import { seedCalendar } from '../../db/calendar.ts';
import { closeDatabase, openDatabase } from '../../db/orm.ts';
import { seedTenant } from '../../db/seed.ts';
import { putService } from '../../db/services.ts';
import { makeCalendar } from '../../policy/calendar.ts';
import { monthPeriod } from '../../policy/availability.ts';
import {
  applyAvailabilityReportCommand, availabilityReportSnapshot, formulirF, metTarget, newAvailabilityReportCase, trendMonths, trendOf, type ServiceFigures,
} from '../../policy/availabilityReport.ts';
import { applyDisasterCommand, disasterSnapshot, drpEvaluationReport, newDisasterCase, withBackups, type DisasterCase, type DisasterCommand } from '../../policy/disaster.ts';
import { calendarOfProfile } from '../../policy/profileCalendar.ts';
import { getProfile } from '../../policy/profiles/index.ts';
import { applyReleaseCommand, newReleaseCase, releaseSnapshot, startExecution } from '../../policy/release.ts';
import type { Actor } from '../../policy/requestFulfilment.ts';
import { renderReportHtml } from '../../reports/engine.ts';
import { closePdfRenderer, renderPdf } from '../../reports/pdf.ts';
import { formulirFModel, formulirFOfCase } from '../../reports/models/availability.ts';
import { bastModel } from '../../reports/models/bast.ts';
import { drpEvaluationOfCase, formulirGModel } from '../../reports/models/drpEvaluation.ts';
import { formulirHModel } from '../../reports/models/releasePlan.ts';
import { REPORTS } from '../../reports/registry.ts';
import type { FormulirId, ReportContext, ReportLang, ReportModel } from '../../reports/types.ts';
import { startTestPostgres, type TestPostgres } from '../db/pg.ts';
import { disasterInput, people, services } from '../fixtures/disaster.ts';
import { manualPlan, releaseActors, releaseInput } from '../fixtures/releaseWorkflow.ts';

const HOUR = 3_600_000;
const serang = getProfile('serang');
const dpr = getProfile('dpr');
const cal = makeCalendar({ timezone: 'Asia/Jakarta', holidays: [], version: 1 });
const wib = (local: string) => Date.parse(`${local}+07:00`);
const NOW = wib('2026-12-05T10:00:00');
const TENANT = { id: 'serang', name: 'Dinas Komunikasi dan Informatika Kabupaten Serang', timezone: 'Asia/Jakarta' };
const GOLDEN = new URL('./golden/', import.meta.url);

/** What a reader sees: the text of the body, tags and styles removed, whitespace collapsed. */
function visibleText(html: string): string {
  return html.replace(/<style[\s\S]*?<\/style>/g, '').replace(/<title>[\s\S]*?<\/title>/g, '').replace(/<svg[\s\S]*?<\/svg>/g, ' [grafik] ')
    .replace(/<(br|\/p|\/tr|\/li|\/h[1-6]|\/div|\/caption|\/header)\b[^>]*>/g, '\n').replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&#x3D;/g, '=').replace(/&amp;/g, '&')
    .split('\n').map((l) => l.replace(/\s+/g, ' ').trim()).filter(Boolean).join('\n');
}

const render = (model: ReportModel, langs: ReportLang[], tenant = TENANT) => renderReportHtml(model, { langs, tenant, now: NOW });

/** Compares the rendered text of one language with its golden file (or writes it under SIGAP_UPDATE_GOLDEN=1). */
function expectGolden(id: FormulirId, model: ReportModel): void {
  for (const lang of ['id', 'en'] as const) {
    const text = `${visibleText(render(model, [lang]).html)}\n`;
    const file = new URL(`${id}.${lang}.txt`, GOLDEN);
    if (process.env['SIGAP_UPDATE_GOLDEN'] === '1' || !existsSync(file)) {
      mkdirSync(GOLDEN, { recursive: true });
      writeFileSync(file, text);
      if (process.env['SIGAP_UPDATE_GOLDEN'] !== '1') throw new Error(`golden file ${id}.${lang}.txt was missing and has been written: check it and run again`);
    }
    expect(text).toBe(readFileSync(file, 'utf8'));
  }
}

// ---- Formulir F from a monthly report case ----------------------------------------------------------

const figures = (code: string, name: string, bp: number, target: number | null, downtime: ServiceFigures['downtime'] = []): ServiceFigures => ({
  code, name, classification: 'kritis', schedule: '24x7', targetPercent: target, targetSource: target === null ? null : 'continuity_plan',
  committedMs: 720 * HOUR, downtimeMs: Math.round(720 * HOUR * (1 - bp / 10_000)), maintenanceExcludedMs: 2 * HOUR, basisPoints: bp, met: metTarget(bp, target),
  downtime, maintenance: [{ kind: 'release', ref: 'RLS-2026-000031', start: '2026-11-14T14:00:00.000Z', end: '2026-11-14T16:00:00.000Z', open: false, cause: 'Pembaruan <b>SIMPEG</b>' }],
  trend: trendOf(trendMonths('2026-11'), { '2026-09': 10_000, '2026-10': 9_990, '2026-11': bp }, target),
});

function acknowledgedReport() {
  let c = newAvailabilityReportCase({
    caseId: '00000000-0000-4000-8000-0000000000f1', tenantId: 'serang', profileId: 'serang', number: 'AVL-2026-000011', month: '2026-11', period: monthPeriod(2026, 11, cal),
    services: [
      figures('WEBSITE', 'Website Pemerintah Kabupaten', 9_875, 99.5, [{ kind: 'incident', ref: 'INC-2026-000042', start: '2026-11-07T02:00:00.000Z', end: '2026-11-07T11:00:00.000Z', open: false, cause: 'Disk penuh' }]),
      figures('SIMPEG', 'Sistem Informasi Kepegawaian', 10_000, 99),
    ],
    trigger: 'schedule', requestedBy: null, openedAt: wib('2026-12-01T01:00:00'), calendar: cal,
  }, serang);
  c = applyAvailabilityReportCommand(c, { action: 'prepare', services: [{ service: 'WEBSITE', causes: 'Disk penuh pada server web', utilisation: 'CPU 40 %, RAM 70 %', improvements: ['Pantau kapasitas disk'] }] },
    { username: 'teknis', name: 'Dewi Pengelola Teknis', roles: ['technical_team'] }, wib('2026-12-02T09:00:00'));
  return applyAvailabilityReportCommand(c, { action: 'acknowledge', note: 'Anggarkan UPS' }, { username: 'penyedia', name: 'Ir. Bambang Penyedia', roles: ['service_owner'] }, wib('2026-12-03T14:00:00'));
}

test('Formulir F: the report case read back from its read model is the one the workflow stores; golden text', () => {
  const c = acknowledgedReport();
  const stored = formulirFModel(formulirF(c), { regulation: serang.regulation.title });
  const fromCase = formulirFModel(formulirFOfCase('AVL-2026-000011', availabilityReportSnapshot(c, serang, NOW).data as unknown as Record<string, unknown>), { regulation: serang.regulation.title });
  expect(fromCase).toEqual(stored);
  expect(stored).toMatchObject({ formulir: 'f', filename: 'Formulir-F-AVL-2026-000011', empty: false, data: { missed: ['WEBSITE'] } });
  expect(Object.keys(stored.charts)).toEqual(['trend-WEBSITE', 'trend-SIMPEG']);
  expectGolden('f', stored);
  const html = render(stored, ['id', 'en']).html;
  // Bahasa Indonesia first; user text escaped; the trend chart inline.
  expect(html.indexOf('Pencapaian Ketersediaan')).toBeLessThan(html.indexOf('Availability achieved'));
  expect(html).toContain('Pembaruan &lt;b&gt;SIMPEG&lt;/b&gt;');
  expect(html.match(/<svg /g)).toHaveLength(4);
});

// ---- Formulir G from a disaster case ----------------------------------------------------------------

function run(c: DisasterCase, steps: Array<[Actor, DisasterCommand, number]>): DisasterCase {
  for (const [actor, cmd, at] of steps) c = applyDisasterCommand(c, cmd, actor, serang, at);
  return c;
}

function evaluatedDisaster(mode: 'real' | 'exercise' = 'real'): DisasterCase {
  const t0 = wib('2026-11-23T08:00:00');
  let c = newDisasterCase(disasterInput(t0, {
    caseId: '00000000-0000-4000-8000-0000000000d7', number: 'BCN-2026-000007', mode, occurredAt: t0 - HOUR, scenario: 'physical_damage',
    services: [services.perizinan, services.simpeg, services.website],
  }), serang);
  c = run(c, [
    [people.recovery, { action: 'record_assessment', step: 1, findings: 'Ruang server tergenang' }, t0 + 10 * 60_000],
    [people.coordinator, { action: 'record_assessment', step: 2, findings: 'Tiga layanan terhenti' }, t0 + 20 * 60_000],
    [people.recovery, { action: 'record_assessment', step: 3, findings: 'Memenuhi kriteria bencana', criteriaMet: true }, t0 + 30 * 60_000],
    [people.head, { action: 'declare', decision: 'disaster', reasons: 'Pusat Data tidak dapat dipakai' }, t0 + HOUR],
  ]);
  const base = c.baseAt!;
  c = withBackups(c, { 'PERIZINAN-ONLINE': { at: base - HOUR, reportedBy: 'teknis', source: 'manual' } });
  return run(c, [
    [people.recovery, { action: 'activate_drc', note: 'DRC Cikande' }, base + HOUR],
    [people.recovery, { action: 'post_progress', message: 'Pemulihan basis data berjalan' }, base + 2 * HOUR],
    [people.tech, { action: 'confirm_recovery', service: 'PERIZINAN-ONLINE', note: 'ok' }, base + 10 * HOUR],
    [people.tech, { action: 'confirm_recovery', service: 'SIMPEG', recoveredAt: new Date(base + 3 * HOUR).toISOString(), note: 'terlambat' }, base + 11 * HOUR],
    [people.recovery, { action: 'normalise', note: 'Kembali ke Pusat Data' }, base + 30 * HOUR],
    [people.recovery, {
      action: 'evaluate', causes: [{ service: 'SIMPEG', cause: 'Restorasi cadangan <pita> lambat & berulang' }], obstacles: 'Akses gedung ditutup 6 jam',
      improvements: ['Replikasi harian ke DRC', 'Uji pemulihan cadangan tiap bulan'],
    }, base + 48 * HOUR],
  ]);
}

test('Formulir G: the evaluation read back from the disaster read model matches the stored one; golden text', () => {
  const c = evaluatedDisaster();
  const report = drpEvaluationReport(c, serang);
  const fromCase = drpEvaluationOfCase('BCN-2026-000007', disasterSnapshot(c, serang, NOW).data as unknown as Record<string, unknown>, serang);
  // The read model keeps every step but the scenario choice with its time: the rest is the same.
  expect({ ...fromCase, timeline: [] }).toEqual({ ...report, timeline: [] });
  expect(fromCase.timeline).toEqual(report.timeline.filter((t) => !t.what.id.startsWith('Skenario dipilih')));
  const model = formulirGModel(report, { ...TENANT, regulation: serang.regulation.title });
  expect(model.data).toMatchObject({ summary: { total: 3, rtoMet: 1, rpoMet: 1 }, zone: 'WIB' });
  expectGolden('g', model);
  const html = render(model, ['id', 'en']).html;
  expect(html).toContain('Restorasi cadangan &lt;pita&gt; lambat &amp; berulang');
  expect(html).toContain('1 dari 3 layanan mencapai target RTO');
  expect(html).not.toContain('UJI COBA DRP');
  const exercise = render(formulirGModel(drpEvaluationReport(evaluatedDisaster('exercise'), serang), { ...TENANT, regulation: serang.regulation.title }), ['id', 'en']).html;
  expect(exercise).toContain('UJI COBA DRP');
  expect(exercise).toContain('DRP EXERCISE');
});

// ---- Formulir H and the BAST from a dpr release --------------------------------------------------------

function handedRelease() {
  const start = wib('2026-11-23T19:00:00');
  const input = releaseInput({ now: wib('2026-11-20T10:00:00'), tenantId: 'dpr', calendar: cal, plan: manualPlan({ start, end: start + HOUR }), requester: { username: 'pemohon', name: 'Siti Pemohon' } });
  const base = { ...input, caseId: '00000000-0000-4000-8000-0000000000a4', number: 'RLS-2026-000004', change: { ...input.change, number: 'CHG-2026-000009', category: 'standard' as const, services: ['PORTAL-DPR'] } };
  let c = startExecution(newReleaseCase(base, dpr), start);
  c = applyReleaseCommand(c, { action: 'confirm_step', step: 'install', outcome: 'succeeded', note: 'Terpasang' }, releaseActors.tech2, dpr, start + 20 * 60_000);
  c = applyReleaseCommand(c, { action: 'verify', results: [{ criterion: 'smoke', passed: true, note: 'Beranda tampil' }] }, releaseActors.tech2, dpr, start + 30 * 60_000);
  return applyReleaseCommand(c, { action: 'record_review', summary: 'Rilis berjalan sesuai rencana', followUps: ['Otomatiskan pemasangan'] }, releaseActors.owner, dpr, start + 40 * 60_000);
}

test('Formulir H: the release plan with its execution and review; golden text', () => {
  const c = handedRelease();
  expect(c.state).toBe('awaiting_handover');
  const model = formulirHModel({ number: 'RLS-2026-000004', state: c.state, data: releaseSnapshot(c, dpr).data as unknown as Record<string, unknown> }, dpr);
  expect(model.tables.map((t) => [t.id, t.rows.length])).toEqual([['steps', 1], ['criteria', 1], ['rollback', 1]]);
  expectGolden('h', model);
});

test('Berita Acara Serah Terima: what the workflow passes laid over the read model; golden text', () => {
  const c = handedRelease();
  const snap = releaseSnapshot(c, dpr).data;
  // As workflows/release.ts handoverData() passes it.
  const passed = {
    number: 'RLS-2026-000004', title: c.input.title, change: c.input.change.number, services: c.input.change.services, window: snap.plan.window,
    contents: c.input.plan.contents, method: c.input.plan.method, outcome: c.outcome, completedAt: snap.completedAt, review: snap.review,
    author: c.input.author, requester: c.input.requester, signatoryRoles: ['head_of_unit', 'requester'], maintenanceMonths: 3, tenantId: 'dpr',
  };
  const model = bastModel({
    number: 'RLS-2026-000004', title: c.input.title, data: { ...(snap as unknown as Record<string, unknown>), ...passed }, profile: dpr, timezone: 'Asia/Jakarta',
    at: wib('2026-11-24T09:00:00'), headOfUnit: { name: 'Dr. Ahmad Fauzi', nip: '197001011990031001' }, requester: { name: 'Siti Pemohon', username: 'pemohon', nip: null },
  });
  expect(model.data).toMatchObject({ change: 'CHG-2026-000009', criteria: [{ title: 'Uji asap', passed: true, detail: 'Beranda tampil' }], draft: false });
  expectGolden('bast', model);
});

test('every sample renders with the built-in templates in both languages', () => {
  for (const id of ['f', 'g', 'h', 'bast'] as const) {
    const { html, fallbacks } = render(REPORTS[id].sample(), ['id', 'en']);
    expect(fallbacks).toEqual([]);
    expect(html).toContain(REPORTS[id].title.id);
    expect(html).toContain(REPORTS[id].title.en);
  }
});

// ---- on the database: live month, empty month, stored documents, bad cases --------------------------

describe('on a database', () => {
  let pg: TestPostgres;
  let orm: MikroORM;
  const ctx = (tenantId: string, profile = serang, now = NOW): ReportContext => ({
    em: orm.em.fork(), tenant: { ...TENANT, id: tenantId }, profile, principal: null, now,
  });
  const sql = <T>(q: string, params: unknown[] = []) => orm.em.fork().execute<T[]>(q, params);
  const insertCase = (id: string, tenantId: string, type: string, number: string, state: string, data: unknown) => sql(
    `insert into sigap_case (id, tenant_id, case_type, number, workflow_id, title, state, requester_username, data) values (?, ?, ?, ?, ?, ?, ?, 'system', ?::jsonb)
     on conflict (id) do nothing`,
    [id, tenantId, type, number, `${type}:${tenantId}:${number}`, `Kasus ${number}`, state, JSON.stringify(data)]);

  beforeAll(async () => {
    pg = await startTestPostgres();
    orm = await openDatabase(pg.url);
    for (const [tenantId, profileId] of [['serang', 'serang'], ['kosong', 'serang'], ['dpr', 'dpr']] as const) {
      await seedTenant(orm, { tenantId, name: TENANT.name, profileId, timezone: 'Asia/Jakarta', catalogue: [], users: [] });
      await seedCalendar(orm.em.fork(), tenantId, calendarOfProfile(getProfile(profileId)), []);
    }
    for (const [code, target] of [['WEBSITE', '99,5 %'], ['SIMPEG', '99 %']] as const) {
      await putService(orm.em.fork(), 'serang', {
        code, name: { id: `Layanan ${code}`, en: `Service ${code}` }, nature: 'administrasi', basis: 'khusus', scope: 'instansi', classification: 'kritis', classificationSource: 'test',
        provider: null, configurationItems: [], availabilityTarget: target,
      });
    }
    // Six hours of outage in November (one entered by hand), one in October.
    await sql(`insert into downtime (id, tenant_id, service_code, starts_at, ends_at, source, source_ref, cause, recorded_by) values
      (gen_random_uuid(), 'serang', 'WEBSITE', ?, ?, 'manual', null, 'Listrik padam <gedung A>', 'teknis'),
      (gen_random_uuid(), 'serang', 'WEBSITE', ?, ?, 'manual', null, 'Jaringan putus', 'teknis')`,
    [new Date(wib('2026-11-10T09:00:00')).toISOString(), new Date(wib('2026-11-10T15:00:00')).toISOString(),
      new Date(wib('2026-10-02T09:00:00')).toISOString(), new Date(wib('2026-10-02T10:00:00')).toISOString()]);
  }, 120_000);

  afterAll(async () => {
    await closePdfRenderer();
    if (orm) await closeDatabase(orm);
    await pg?.cleanup();
  });

  test('GET /reports/f?month=: the month measured live with the monthly report\'s measurement; PDF pages and text', async () => {
    const model = await REPORTS.f.build(ctx('serang'), { month: '2026-11' });
    const web = (model.data.services as Array<{ code: string; met: boolean | null }>).find((s) => s.code === 'WEBSITE');
    // 6 h down of 720 h committed (24×7): 99.16 % (basis points, rounded down) < 99.5 %.
    expect(model.tables[0]!.rows.find((r) => r['code'] === 'WEBSITE')).toMatchObject({ availability: 99.16, target: 99.5, met: false, downtimeHours: 6 });
    expect(web?.met).toBe(false);
    expect(model).toMatchObject({ filename: 'Formulir-F-2026-11', empty: false, data: { live: true, number: null, signatures: [] } });
    expect(model.tables.find((t) => t.id === 'trend')!.rows.find((r) => r['service'] === 'WEBSITE' && r['month'] === '2026-10')).toMatchObject({ availability: 99.86, met: true }); // 1 h of 744 h
    const { html } = render(model, ['id', 'en']);
    expect(html).toContain('Pengukuran langsung');
    expect(html).toContain('Listrik padam &lt;gedung A&gt;');
    const pdf = await renderPdf(html, { executablePath: process.env['SIGAP_CHROMIUM_PATH'] ?? '/usr/bin/chromium', footerLabel: model.filename });
    const pages = await pdfPages(pdf);
    // One service per page in each language: 2 services × 2 languages.
    expect(pages.length).toBe(4);
    expect(pages[0]).toContain('Formulir F – Laporan Ketersediaan Layanan');
    expect(pages.join(' ')).toContain('99,16 %');
    expect(pages.join(' ')).toContain('Listrik padam <gedung A>');
    expect(pages[2]).toContain('Form F – Service availability report');
    expect(pages[3]).toContain(`Formulir-F-2026-11 — 4 / 4`);
  }, 60_000);

  test('an empty month renders honestly; a month not begun is refused', async () => {
    const model = await REPORTS.f.build(ctx('kosong'), { month: '2026-11' });
    expect(model.empty).toBe(true);
    const text = visibleText(render(model, ['id', 'en']).html);
    expect(text).toContain('Tidak ada data untuk periode ini.');
    expect(text).toContain('No data for this period.');
    await expect(REPORTS.f.build(ctx('serang'), { month: '2027-01' })).rejects.toMatchObject({ status: 422, code: 'invalid_month' });
    expect(REPORTS.f.params.safeParse({}).success).toBe(false);
    expect(REPORTS.f.params.safeParse({ case: 'AVL-1', month: '2026-11' }).success).toBe(false);
    expect(REPORTS.f.params.safeParse({ month: '2026-13' }).success).toBe(false);
  }, 30_000);

  test('GET /reports/f|g|h|bast?case=: the case read model; the wrong kind of case or one not evaluated is refused', async () => {
    const avl = acknowledgedReport();
    await insertCase(avl.input.caseId, 'serang', 'availability', avl.input.number, avl.state, availabilityReportSnapshot(avl, serang, NOW).data);
    expect(await REPORTS.f.build(ctx('serang'), { case: 'AVL-2026-000011' })).toEqual(formulirFModel(formulirF(avl), { regulation: serang.regulation.title }));

    const bcn = evaluatedDisaster();
    await insertCase(bcn.input.caseId, 'serang', 'disaster', bcn.input.number, bcn.state, disasterSnapshot(bcn, serang, NOW).data);
    expect(await REPORTS.g.build(ctx('serang'), { case: bcn.input.caseId })).toEqual(
      formulirGModel(drpEvaluationOfCase(bcn.input.number, disasterSnapshot(bcn, serang, NOW).data as unknown as Record<string, unknown>, serang), { ...TENANT, regulation: serang.regulation.title }));
    const open = newDisasterCase(disasterInput(NOW, { caseId: '00000000-0000-4000-8000-0000000000d8', number: 'BCN-2026-000008' }), serang);
    await insertCase(open.input.caseId, 'serang', 'disaster', open.input.number, open.state, disasterSnapshot(open, serang, NOW).data);
    await expect(REPORTS.g.build(ctx('serang'), { case: 'BCN-2026-000008' })).rejects.toMatchObject({ status: 404, code: 'drp_evaluation_not_ready' });
    await expect(REPORTS.g.build(ctx('serang'), { case: 'AVL-2026-000011' })).rejects.toMatchObject({ status: 422, code: 'report_case_type_mismatch' });
    await expect(REPORTS.h.build(ctx('serang'), { case: 'RLS-2026-999999' })).rejects.toBeInstanceOf(ProblemError);

    const rls = handedRelease();
    await insertCase(rls.input.caseId, 'dpr', 'release', rls.input.number, rls.state, releaseSnapshot(rls, dpr).data);
    const h = await REPORTS.h.build(ctx('dpr', dpr), { case: 'RLS-2026-000004' });
    expect(h.data).toMatchObject({ number: 'RLS-2026-000004', state: { id: 'Menunggu serah terima' }, outcome: { en: 'Succeeded' } });
    const bast = await REPORTS.bast.build(ctx('dpr', dpr), { case: 'RLS-2026-000004' });
    expect(bast.data).toMatchObject({ draft: false, change: 'CHG-2026-000009', requester: { name: 'Siti Pemohon' }, criteria: [{ title: 'Uji asap', passed: true }] });
    // A release still executing has no handover yet: a draft to check, saying so.
    const executing = startExecution(newReleaseCase({ ...rls.input, caseId: '00000000-0000-4000-8000-0000000000a5', number: 'RLS-2026-000005' }, dpr), NOW);
    await insertCase(executing.input.caseId, 'dpr', 'release', executing.input.number, executing.state, releaseSnapshot(executing, dpr).data);
    const draft = await REPORTS.bast.build(ctx('dpr', dpr), { case: 'RLS-2026-000005' });
    expect(draft.data).toMatchObject({ draft: true, criteria: [] });
    expect(visibleText(render(draft, ['id']).html)).toContain('DRAF — Rilis belum sampai tahap serah terima');
    expect(REPORTS.bast.availableFor?.(serang)).toBe(false);
    expect(REPORTS.bast.availableFor?.(dpr)).toBe(true);
    expect(REPORTS.f.availableFor?.(dpr)).toBe(false);
    expect(REPORTS.g.availableFor?.(dpr)).toBe(false);
  }, 30_000);

  test('stored documents: rendered once with the tenant\'s own template, Bahasa Indonesia then English', async () => {
    const body = '<p>Templat Dinas: {{report.number}} — {{report.summary.rtoMet}}/{{report.summary.total}} RTO</p>';
    await sql(`insert into report_template (id, tenant_id, template, lang, version, body, sha256, active, created_by)
      values (gen_random_uuid(), 'serang', 'g', 'id', 1, ?, encode(sha256(convert_to(?, 'UTF8')), 'hex'), true, 'admin')`, [body, body]);
    const acts = createDisasterActivities({ orm }, () => NOW);
    const bcn = evaluatedDisaster();
    const caseId = '00000000-0000-4000-8000-0000000000d9';
    const first = await acts.renderDrpEvaluation({ tenantId: 'serang', caseId, number: 'BCN-2026-000007', report: drpEvaluationReport(bcn, serang) });
    const [doc] = await sql<{ content: Buffer; filename: string }>('select content, filename from document where id = ?', [first.documentId]);
    const html = doc!.content.toString('utf8');
    expect(doc!.filename).toBe('Formulir-G-BCN-2026-000007.html');
    expect(html).toContain('Templat Dinas: BCN-2026-000007 — 1/3 RTO');
    expect(html).toContain('Recovery achieved against the RTO and RPO targets'); // English: the built-in body
    expect(html.indexOf('Templat Dinas')).toBeLessThan(html.indexOf('Recovery achieved'));

    const avlActs = createAvailabilityActivities({ orm }, () => NOW);
    const avl = acknowledgedReport();
    const f = await avlActs.renderFormulirF({ tenantId: 'serang', caseId: avl.input.caseId, number: avl.input.number, report: formulirF(avl) });
    expect(f.documentId).toBe(formulirFDocumentId(avl.input.caseId));
    expect(await avlActs.renderFormulirF({ tenantId: 'serang', caseId: avl.input.caseId, number: avl.input.number, report: { ...formulirF(avl), services: [] } })).toEqual(f);
    const [fdoc] = await sql<{ content: Buffer; kind: string; filename: string }>('select content, kind, filename from document where id = ?', [f.documentId]);
    expect(fdoc).toMatchObject({ kind: 'availability_report', filename: 'Formulir-F-AVL-2026-000011.html' });
    expect(fdoc!.content.toString('utf8')).toContain('Disk penuh pada server web');

    const rls = handedRelease();
    await insertCase(rls.input.caseId, 'dpr', 'release', rls.input.number, rls.state, releaseSnapshot(rls, dpr).data);
    await sql(`insert into app_user (id, tenant_id, username, name, nip, roles) values (gen_random_uuid(), 'dpr', 'kabiro', 'Dr. Ahmad Fauzi', '197001011990031001', '{head_of_unit}'),
      (gen_random_uuid(), 'dpr', 'pemohon', 'Siti Pemohon', '198502022010012002', '{requester}')`);
    const bast = await createReleaseDocumentActivities(orm, () => new Date(wib('2026-11-24T09:00:00')))
      .renderHandover({ tenantId: 'dpr', caseId: rls.input.caseId, number: rls.input.number, data: { change: rls.input.change.number, requester: rls.input.requester, maintenanceMonths: 3 } });
    const [bdoc] = await sql<{ content: Buffer; kind: string; filename: string }>('select content, kind, filename from document where id = ?', [bast.documentId]);
    expect(bdoc).toMatchObject({ kind: 'berita_acara_serah_terima', filename: 'BAST-RLS-2026-000004.html' });
    const text = visibleText(bdoc!.content.toString('utf8'));
    expect(text).toContain('Pada hari ini, Selasa, 24 November 2026');
    expect(text).toContain('Dr. Ahmad Fauzi\nNIP 197001011990031001');
    expect(text).toContain('Siti Pemohon\nNIP 198502022010012002');
    expect(text).toContain('Uji asap: terpenuhi (Beranda tampil)');
    expect(text).toContain('Perubahan terkait CHG-2026-000009');
  }, 60_000);
});
