// The disaster activities on a real PostgreSQL: the last good backup before an instant per service,
// the downtime of a real disaster opened and ended once however often a retry runs, and Formulir G
// rendered once per case (a retry returns the stored document, HTML-escaped, Bahasa Indonesia first).
import { createHash } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createDisasterActivities, drpEvaluationDocumentId, DRP_EVALUATION_DOCUMENT_KIND } from '../../activities/disasters.ts';
import { closeDatabase, openDatabase } from '../../db/orm.ts';
import type { DrpEvaluationReport } from '../../policy/disaster.ts';
import { seedTenant } from '../../db/seed.ts';
import { putService } from '../../db/services.ts';
import { durationWords } from '../../reports/models/drpEvaluation.ts';
import { startTestPostgres, type TestPostgres } from '../db/pg.ts';

let pg: TestPostgres;
let orm: MikroORM;
let acts: ReturnType<typeof createDisasterActivities>;

const HOUR = 3_600_000;
const T0 = Date.parse('2026-12-01T02:00:00Z');
const iso = (t: number) => new Date(t).toISOString();
const sql = <T>(q: string, params: unknown[] = []) => orm.em.fork().execute<T[]>(q, params);

beforeAll(async () => {
  pg = await startTestPostgres();
  orm = await openDatabase(pg.url);
  for (const tenantId of ['serang', 'dpr']) {
    await seedTenant(orm, { tenantId, name: `Pemerintah ${tenantId}`, profileId: tenantId, timezone: 'Asia/Jakarta', catalogue: [], users: [] });
    for (const code of ['SIMPEG', 'WEBSITE', 'EMAIL-DINAS']) {
      await putService(orm.em.fork(), tenantId, {
        code, name: { id: code, en: code }, nature: 'administrasi', basis: 'khusus', scope: 'instansi', classification: 'kritis', classificationSource: 'test',
        provider: null, configurationItems: [], availabilityTarget: null,
      });
    }
  }
  acts = createDisasterActivities({ orm });
}, 60_000);

afterAll(async () => {
  if (orm) await closeDatabase(orm);
  await pg?.cleanup();
});

test('lastGoodBackups: the latest backup at or before the instant, per service; null without one', async () => {
  const backup = (service: string, at: number, source: 'manual' | 'integration', by: string) => sql(
    `insert into backup_report (id, tenant_id, service_code, backup_at, reported_by, source) values (gen_random_uuid(), 'serang', ?, ?, ?, ?)`,
    [service, iso(at), by, source]);
  await backup('SIMPEG', T0 - 5 * HOUR, 'manual', 'teknis');
  await backup('SIMPEG', T0 - 2 * HOUR, 'integration', 'apikey:1');
  await backup('SIMPEG', T0 + HOUR, 'manual', 'teknis'); // after the instant: not a backup before the disaster
  await backup('WEBSITE', T0 + HOUR, 'manual', 'teknis');
  const got = await acts.lastGoodBackups({ tenantId: 'serang', services: ['SIMPEG', 'WEBSITE', 'EMAIL-DINAS'], at: T0 });
  expect(got).toEqual({
    SIMPEG: { at: T0 - 2 * HOUR, reportedBy: 'apikey:1', source: 'integration' },
    WEBSITE: null,
    'EMAIL-DINAS': null,
  });
  // Exactly at the instant counts; other tenants never do.
  expect((await acts.lastGoodBackups({ tenantId: 'serang', services: ['WEBSITE'], at: T0 + HOUR })).WEBSITE?.at).toBe(T0 + HOUR);
  expect(await acts.lastGoodBackups({ tenantId: 'dpr', services: ['SIMPEG'], at: T0 })).toEqual({ SIMPEG: null });
  expect(await acts.lastGoodBackups({ tenantId: 'serang', services: [], at: T0 })).toEqual({});
}, 30_000);

test('openDisasterDowntime / endDisasterDowntime: one row per service, idempotent under retries', async () => {
  const caseId = '00000000-0000-4000-8000-00000000d151';
  const open = { tenantId: 'serang', caseId, number: 'BCN-2026-000001', services: ['SIMPEG', 'WEBSITE', 'SIMPEG'], startsAt: T0, cause: 'Pusat Data tergenang' };
  await acts.openDisasterDowntime(open);
  await acts.openDisasterDowntime(open);
  await Promise.all([acts.openDisasterDowntime(open), acts.openDisasterDowntime(open)]);
  const rows = () => sql<{ service_code: string; starts_at: Date; ends_at: Date | null; source: string; cause: string; recorded_by: string }>(
    `select service_code, starts_at, ends_at, source, cause, recorded_by from downtime where source_ref = ? order by service_code`, [caseId]);
  expect((await rows()).map((r) => [r.service_code, iso(new Date(r.starts_at).getTime()), r.ends_at, r.source, r.recorded_by])).toEqual([
    ['SIMPEG', iso(T0), null, 'disaster', 'system'],
    ['WEBSITE', iso(T0), null, 'disaster', 'system'],
  ]);
  expect((await rows())[0]!.cause).toBe('BCN-2026-000001: Pusat Data tergenang');

  await acts.endDisasterDowntime({ tenantId: 'serang', caseId, service: 'SIMPEG', endsAt: T0 + 20 * HOUR });
  // A retry with a later instant (a replayed activity) does not move the end.
  await acts.endDisasterDowntime({ tenantId: 'serang', caseId, service: 'SIMPEG', endsAt: T0 + 30 * HOUR });
  const ended = await rows();
  expect(ended.map((r) => [r.service_code, r.ends_at ? iso(new Date(r.ends_at).getTime()) : null])).toEqual([['SIMPEG', iso(T0 + 20 * HOUR)], ['WEBSITE', null]]);

  // Recovered at the very instant the outage started: no outage at all (the table holds no empty interval).
  await acts.endDisasterDowntime({ tenantId: 'serang', caseId, service: 'WEBSITE', endsAt: T0 });
  expect((await rows()).map((r) => r.service_code)).toEqual(['SIMPEG']);
  // A service this disaster never opened: nothing happens.
  await acts.endDisasterDowntime({ tenantId: 'serang', caseId, service: 'EMAIL-DINAS', endsAt: T0 + HOUR });
  expect(await rows()).toHaveLength(1);
}, 30_000);

const report = (over: Partial<DrpEvaluationReport> = {}): DrpEvaluationReport => ({
  number: 'BCN-2026-000007', mode: 'real', title: 'Pusat Data tergenang banjir',
  scenario: { id: 'physical_damage', title: { id: 'Kerusakan Fisik Infrastruktur Pusat Data', en: 'Physical damage to the data centre' } },
  occurredAt: iso(T0 - 2 * HOUR), declaredAt: iso(T0), measuredFrom: 'declaration', baseAt: iso(T0),
  drcActivatedAt: iso(T0 + HOUR), normalisedAt: iso(T0 + 40 * HOUR),
  services: [
    {
      code: 'SIMPEG', name: 'Sistem Informasi Kepegawaian', classification: 'kritis', drpVersion: 2,
      rto: { targetMs: 24 * HOUR, deadline: iso(T0 + 24 * HOUR), recoveredAt: iso(T0 + 20 * HOUR), achievedMs: 20 * HOUR, met: true },
      rpo: { targetMs: 4 * HOUR, lastGoodBackupAt: iso(T0 - 2 * HOUR), dataLossMs: 2 * HOUR, met: true }, cause: null,
    },
    {
      code: 'WEBSITE', name: 'Website Pemerintah Kabupaten', classification: 'esensial', drpVersion: null,
      rto: { targetMs: 24 * HOUR, deadline: iso(T0 + 24 * HOUR), recoveredAt: iso(T0 + 30 * HOUR), achievedMs: 30 * HOUR, met: false },
      rpo: null, cause: 'Cadangan <disk> rusak & harus dipulihkan ulang',
    },
  ],
  obstacles: 'Akses ke gedung ditutup selama 6 jam', improvements: ['Replikasi harian ke DRC', 'Uji pemulihan cadangan tiap bulan'], progressUpdates: 5,
  evaluatedBy: { username: 'pemulihan', name: 'Koordinator Pemulihan' }, evaluatedAt: iso(T0 + 48 * HOUR),
  timeline: [
    { at: iso(T0), what: { id: 'Bencana dideklarasikan', en: 'Disaster declared' }, by: 'kadis' },
    { at: iso(T0 + HOUR), what: { id: 'DRC diaktifkan', en: 'DRC activated' }, by: 'pemulihan' },
  ],
  ...over,
});

test('renderDrpEvaluation: Formulir G stored once per case with its SHA-256; a retry returns the same document', async () => {
  const caseId = '00000000-0000-4000-8000-00000000d152';
  const first = await acts.renderDrpEvaluation({ tenantId: 'serang', caseId, number: 'BCN-2026-000007', report: report() });
  expect(first.documentId).toBe(drpEvaluationDocumentId(caseId));
  const again = await acts.renderDrpEvaluation({ tenantId: 'serang', caseId, number: 'BCN-2026-000007', report: report({ obstacles: 'lain' }) });
  expect(again).toEqual(first);
  const [doc] = await sql<{ content: Buffer; sha256: string; kind: string; case_id: string; media_type: string; filename: string }>(
    'select content, sha256, kind, case_id, media_type, filename from document where id = ?', [first.documentId]);
  expect(doc).toMatchObject({ kind: DRP_EVALUATION_DOCUMENT_KIND, case_id: caseId, media_type: 'text/html; charset=utf-8', sha256: first.sha256, filename: 'Formulir-G-BCN-2026-000007.html' });
  expect(createHash('sha256').update(doc!.content).digest('hex')).toBe(first.sha256);
  const html = doc!.content.toString('utf8');
  // Bahasa Indonesia first, then English, in one document.
  expect(html).toContain('Formulir G – Laporan Evaluasi DRP');
  expect(html).toContain('Form G – DRP evaluation report');
  expect(html.indexOf('Pencapaian pemulihan layanan')).toBeGreaterThan(0);
  expect(html.indexOf('Pencapaian pemulihan layanan')).toBeLessThan(html.indexOf('Recovery achieved against'));
  expect(html).toContain('BCN-2026-000007');
  expect(html).toContain('Kerusakan Fisik Infrastruktur Pusat Data');
  expect(html).toContain('1 dari 2 layanan mencapai target RTO');
  expect(html).toContain('1 of 2 services met their RTO');
  expect(html).toContain('20 jam');
  expect(html).toContain('1 hari 6 jam');
  expect(html).toContain('Tidak tercapai');
  expect(html).toContain('Cadangan &lt;disk&gt; rusak &amp; harus dipulihkan ulang');
  expect(html).not.toContain('<disk>');
  expect(html).toContain('Replikasi harian ke DRC');
  expect(html).toContain('1 Desember 2026 pukul 09.00 WIB'); // declaredAt in the tenant's time zone
  expect(html).toContain('Target RPO belum ditetapkan');
  expect(html).toContain('@page');
  expect(html).not.toContain('UJI COBA DRP');
  expect(await sql('select id from document where case_id = ?', [caseId])).toHaveLength(1);
}, 30_000);

test('renderDrpEvaluation: an exercise says so', async () => {
  const caseId = '00000000-0000-4000-8000-00000000d153';
  const doc = await acts.renderDrpEvaluation({ tenantId: 'serang', caseId, number: 'BCN-2026-000008', report: report({ number: 'BCN-2026-000008', mode: 'exercise' }) });
  const [row] = await sql<{ content: Buffer }>('select content from document where id = ?', [doc.documentId]);
  const html = row!.content.toString('utf8');
  expect(html).toContain('UJI COBA DRP');
  expect(html).toContain('Uji coba DRP');
  expect(html).toContain('DRP EXERCISE');
}, 30_000);

test('durationWords', () => {
  expect(durationWords(0, 'id')).toBe('< 1 menit');
  expect(durationWords(90 * 60_000, 'id')).toBe('1 jam 30 menit');
  expect(durationWords(25 * HOUR, 'en')).toBe('1 day 1 hour');
  expect(durationWords(null, 'en')).toBe('-');
});
