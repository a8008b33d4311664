// Formulir G – Laporan Evaluasi DRP (serang BAB IV C.3.6 a–c; the Lampiran gives no form, «Formulir
// tidak disediakan», so the layout follows the three required contents: a. recovery achieved against
// the RTO and RPO targets, b. why targets were missed and the obstacles, c. improvements to the DRP).
// One builder for both uses: the stored document of an evaluated disaster (activities/disasters.ts
// renderDrpEvaluation, from policy/disaster.ts drpEvaluationReport) and GET /reports/g?case=BCN-…,
// which rebuilds the same DrpEvaluationReport from the case's read model.
import { z } from 'zod';
import { problem } from '../../api/http/problem.ts';
import { assessmentSteps, type DrpEvaluationReport } from '../../policy/disaster.ts';
import type { Profile } from '../../policy/profile.ts';
import type { LocalText, ReportDefinition, ReportModel, ReportTable } from '../types.ts';
import { caseFor } from './common/cases.ts';
import { both, NONE, textOr } from './common/text.ts';

const TITLE: LocalText = { id: 'Formulir G – Laporan Evaluasi DRP', en: 'Form G – DRP evaluation report' };

const UNITS: Array<{ ms: number; id: string; en: [string, string] }> = [
  { ms: 86_400_000, id: 'hari', en: ['day', 'days'] },
  { ms: 3_600_000, id: 'jam', en: ['hour', 'hours'] },
  { ms: 60_000, id: 'menit', en: ['minute', 'minutes'] },
];

/** A duration in words, e.g. "1 hari 2 jam" / "1 day 2 hours"; under a minute: "< 1 menit". */
export function durationWords(ms: number | null, lang: 'id' | 'en'): string {
  if (ms === null) return '-';
  let rest = Math.abs(ms);
  const parts: string[] = [];
  for (const u of UNITS) {
    const n = Math.floor(rest / u.ms);
    rest -= n * u.ms;
    if (n) parts.push(lang === 'id' ? `${n} ${u.id}` : `${n} ${u.en[n === 1 ? 0 : 1]}`);
  }
  if (!parts.length) return lang === 'id' ? '< 1 menit' : '< 1 minute';
  return (ms < 0 ? '-' : '') + parts.join(' ');
}

const duration = (ms: number | null): LocalText => ({ id: durationWords(ms, 'id'), en: durationWords(ms, 'en') });

/** The local abbreviation of an Indonesian time zone (printed after times on signed documents). */
export function zoneLabel(timezone: string): string {
  return timezone === 'Asia/Jakarta' ? 'WIB' : timezone === 'Asia/Makassar' ? 'WITA' : timezone === 'Asia/Jayapura' ? 'WIT' : timezone;
}

const CLASSIFICATION: Record<string, LocalText> = {
  kritis: { id: 'Kritis', en: 'Critical' }, esensial: { id: 'Esensial', en: 'Essential' }, normal: { id: 'Normal', en: 'Normal' },
};

function verdict(met: boolean | null): { missed: boolean; text: LocalText } {
  if (met === null) return { missed: false, text: { id: 'Belum diketahui', en: 'Unknown' } };
  return met ? { missed: false, text: { id: 'Tercapai', en: 'Met' } } : { missed: true, text: { id: 'Tidak tercapai', en: 'Missed' } };
}

/** The Formulir G model of an evaluated disaster or DRP exercise; times print in the tenant's zone. */
export function formulirGModel(report: DrpEvaluationReport, options: { timezone: string; regulation: string }): ReportModel {
  const exercise = report.mode === 'exercise';
  const services = report.services.map((s) => ({
    code: s.code, name: s.name, classification: CLASSIFICATION[s.classification] ?? both(s.classification),
    drp: s.drpVersion === null ? { id: 'tidak ada DRP disetujui', en: 'no approved DRP' } : both(`v${s.drpVersion}`),
    rto: s.rto ? {
      target: duration(s.rto.targetMs), deadline: s.rto.deadline, recoveredAt: s.rto.recoveredAt, achieved: duration(s.rto.achievedMs), verdict: verdict(s.rto.met),
    } : null,
    rpo: s.rpo ? {
      target: duration(s.rpo.targetMs), lastGoodBackupAt: s.rpo.lastGoodBackupAt, dataLoss: duration(s.rpo.dataLossMs), verdict: verdict(s.rpo.met),
    } : null,
  }));
  const causes = report.services.filter((s) => s.cause).map((s) => ({ code: s.code, name: s.name, cause: s.cause! }));
  const tables: ReportTable[] = [
    {
      id: 'recovery', title: { id: 'Pencapaian RTO dan RPO per layanan', en: 'RTO and RPO achieved per service' },
      columns: [
        { key: 'code', title: { id: 'Kode', en: 'Code' } }, { key: 'name', title: { id: 'Layanan', en: 'Service' } },
        { key: 'rtoTargetHours', title: { id: 'Target RTO (jam)', en: 'RTO target (h)' }, kind: 'number' },
        { key: 'recoveredAt', title: { id: 'Pulih pada', en: 'Recovered at' }, kind: 'datetime' },
        { key: 'recoveryHours', title: { id: 'Waktu pemulihan (jam)', en: 'Recovery time (h)' }, kind: 'number' },
        { key: 'rtoMet', title: { id: 'RTO tercapai', en: 'RTO met' }, kind: 'boolean' },
        { key: 'rpoTargetHours', title: { id: 'Target RPO (jam)', en: 'RPO target (h)' }, kind: 'number' },
        { key: 'lastGoodBackupAt', title: { id: 'Cadangan terakhir yang baik', en: 'Last good backup' }, kind: 'datetime' },
        { key: 'dataLossHours', title: { id: 'Rentang kehilangan data (jam)', en: 'Data-loss window (h)' }, kind: 'number' },
        { key: 'rpoMet', title: { id: 'RPO tercapai', en: 'RPO met' }, kind: 'boolean' },
        { key: 'cause', title: { id: 'Penyebab', en: 'Cause' } },
      ],
      rows: report.services.map((s) => ({
        code: s.code, name: s.name,
        rtoTargetHours: hours(s.rto?.targetMs ?? null), recoveredAt: s.rto?.recoveredAt ?? null, recoveryHours: hours(s.rto?.achievedMs ?? null), rtoMet: s.rto?.met ?? null,
        rpoTargetHours: hours(s.rpo?.targetMs ?? null), lastGoodBackupAt: s.rpo?.lastGoodBackupAt ?? null, dataLossHours: hours(s.rpo?.dataLossMs ?? null), rpoMet: s.rpo?.met ?? null,
        cause: s.cause,
      })),
    },
    {
      id: 'timeline', title: { id: 'Kronologi', en: 'Timeline' },
      columns: [
        { key: 'at', title: { id: 'Waktu', en: 'Time' }, kind: 'datetime' }, { key: 'what', title: { id: 'Kegiatan', en: 'Activity' } },
        { key: 'by', title: { id: 'Oleh', en: 'By' } },
      ],
      rows: report.timeline.map((t) => ({ at: t.at, what: t.what.id, by: t.by })),
    },
  ];
  return {
    formulir: 'g', title: TITLE, filename: `Formulir-G-${report.number}`,
    data: {
      number: report.number, title: report.title, exercise, zone: zoneLabel(options.timezone), regulation: options.regulation,
      kind: exercise ? { id: 'Uji coba DRP', en: 'DRP exercise' } : { id: 'Pelaksanaan DRP', en: 'DRP execution' },
      scenario: report.scenario ? report.scenario.title : null,
      occurredAt: report.occurredAt, declaredAt: report.declaredAt, baseAt: report.baseAt,
      drcActivatedAt: report.drcActivatedAt, normalisedAt: report.normalisedAt, evaluatedAt: report.evaluatedAt,
      measuredFrom: report.measuredFrom === 'declaration' ? { id: 'deklarasi bencana', en: 'the declaration' } : { id: 'terjadinya bencana', en: 'the disaster itself' },
      progressUpdates: report.progressUpdates,
      services,
      summary: {
        total: services.length, rtoMet: report.services.filter((s) => s.rto?.met === true).length, rpoMet: report.services.filter((s) => s.rpo?.met === true).length,
      },
      causes, obstacles: textOr(report.obstacles, NONE), improvements: report.improvements,
      evaluatedBy: report.evaluatedBy,
      timeline: report.timeline,
      signatures: [{ role: { id: 'Dievaluasi oleh Koordinator Pemulihan', en: 'Evaluated by the recovery coordinator' }, name: report.evaluatedBy.name, date: report.evaluatedAt }],
    },
    tables, charts: {}, empty: services.length === 0,
  };
}

const hours = (ms: number | null) => (ms === null ? null : Math.round((ms / 3_600_000) * 100) / 100);

// ---- the report from the case's read model ----------------------------------------------------------

type Loose = Record<string, unknown>;
const obj = (v: unknown): Loose => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Loose) : {});
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/**
 * The DrpEvaluationReport of an evaluated disaster rebuilt from sigap_case.data (policy/disaster.ts
 * disasterSnapshot): the same fields the workflow passes to the stored document. The timeline is the
 * steps the snapshot keeps with their time (recorded, assessments, declaration, DRC, recoveries,
 * progress updates, normalisation, evaluation); the choice of scenario has no time there and is
 * left out.
 */
export function drpEvaluationOfCase(number: string, data: Loose, profile: Profile): DrpEvaluationReport {
  const ev = obj(data.evaluation);
  const exercise = data.mode === 'exercise';
  const what = (t: LocalText): LocalText => (exercise ? { id: `Uji coba DRP: ${t.id}`, en: `DRP exercise: ${t.en}` } : t);
  const services = (Array.isArray(data.services) ? data.services : []).map(obj);
  const causes = (Array.isArray(ev.causes) ? ev.causes : []).map(obj);
  const timeline: DrpEvaluationReport['timeline'] = [];
  const add = (at: unknown, by: unknown, t: LocalText) => { if (str(at)) timeline.push({ at: str(at)!, what: what(t), by: str(by) ?? '-' }); };
  add(data.startedAt, obj(data.reporter).username, { id: 'Kejadian dicatat', en: 'Event recorded' });
  const steps = profile.disaster ? assessmentSteps(profile) : [];
  for (const a of (Array.isArray(data.assessments) ? data.assessments : []).map(obj)) {
    // The read model keeps the last record of a step (a step recorded again shows once, as recorded).
    const activity = steps.find((s) => s.step === a.step)?.activity ?? both('');
    add(a.at, a.by, { id: `Langkah dicatat ${String(a.step)}: ${activity.id}`, en: `Step recorded ${String(a.step)}: ${activity.en}` });
  }
  const decl = obj(data.declaration);
  if (decl.decision === 'disaster') add(decl.at, decl.by, { id: 'Bencana dideklarasikan', en: 'Disaster declared' });
  add(obj(data.drcActivation).at, obj(data.drcActivation).by, { id: 'DRC diaktifkan', en: 'DRC activated' });
  for (const s of services) add(s.recoveredAt, s.confirmedBy, { id: `Layanan pulih: ${String(s.name)}`, en: `Service recovered: ${String(s.name)}` });
  for (const p of (Array.isArray(data.progress) ? data.progress : []).map(obj)) add(p.at, p.by, { id: 'Perkembangan pemulihan disampaikan', en: 'Progress update sent' });
  add(obj(data.normalisation).at, obj(data.normalisation).by, { id: 'Normalisasi ke Pusat Data primer selesai', en: 'Normalised to the primary data centre' });
  add(ev.at, ev.by, { id: 'Evaluasi DRP (Formulir G) disusun', en: 'DRP evaluation (Formulir G) written' });
  timeline.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const scenario = obj(data.scenario);
  return {
    number, mode: exercise ? 'exercise' : 'real', title: String(data.title ?? ''),
    scenario: str(scenario.id) ? { id: String(scenario.id), title: obj(scenario.title) as LocalText } : null,
    occurredAt: String(data.occurredAt), declaredAt: str(data.declaredAt), measuredFrom: data.measuredFrom === 'disaster' ? 'disaster' : 'declaration', baseAt: str(data.baseAt),
    drcActivatedAt: str(obj(data.drcActivation).at), normalisedAt: str(obj(data.normalisation).at),
    services: services.map((s) => {
      const rto = s.rto ? obj(s.rto) : null;
      const rpo = s.rpo ? obj(s.rpo) : null;
      const recoveredAt = str(s.recoveredAt);
      const baseAt = str(data.baseAt);
      return {
        code: String(s.code), name: String(s.name), classification: s.classification as DrpEvaluationReport['services'][number]['classification'],
        drpVersion: typeof obj(s.drp).version === 'number' ? obj(s.drp).version as number : null,
        rto: rto ? {
          targetMs: Number(rto.targetMs), deadline: String(rto.deadline), recoveredAt,
          achievedMs: recoveredAt && baseAt ? Math.max(0, Date.parse(recoveredAt) - Date.parse(baseAt)) : null, met: typeof rto.met === 'boolean' ? rto.met : null,
        } : null,
        rpo: rpo ? {
          targetMs: Number(rpo.targetMs), lastGoodBackupAt: str(obj(s.lastGoodBackup).at),
          dataLossMs: typeof rpo.dataLossMs === 'number' ? rpo.dataLossMs : null, met: typeof rpo.met === 'boolean' ? rpo.met : null,
        } : null,
        cause: str(causes.find((c) => c.service === s.code)?.cause),
      };
    }),
    obstacles: String(ev.obstacles ?? ''), improvements: (Array.isArray(ev.improvements) ? ev.improvements : []).map(String),
    progressUpdates: Array.isArray(data.progress) ? data.progress.length : 0,
    evaluatedBy: { username: String(ev.by ?? ''), name: String(ev.name ?? '') }, evaluatedAt: String(ev.at ?? ''),
    timeline,
  };
}

export const formulirG: ReportDefinition = {
  id: 'g', title: TITLE,
  description: {
    id: 'Laporan evaluasi pelaksanaan atau uji coba DRP suatu bencana (case=BCN-…): pencapaian RTO/RPO, penyebab dan kendala, peluang perbaikan.',
    en: 'The evaluation of a DRP execution or exercise (case=BCN-…): RTO/RPO achieved, causes and obstacles, improvements.',
  },
  params: z.object({ case: z.string().min(1).max(64) }),
  roles: 'staff',
  availableFor: (profile) => profile.disaster !== null,
  async build(ctx, params) {
    const row = await caseFor(ctx, params.case ?? '', 'disaster', 'g');
    // Formulir G exists once the disaster is evaluated (closed with an evaluation), as GET /disasters/{id}/evaluation.
    if (!row.data.evaluation) throw problem(404, 'drp_evaluation_not_ready', { number: row.number });
    return formulirGModel(drpEvaluationOfCase(row.number, row.data, ctx.profile), { timezone: ctx.tenant.timezone, regulation: ctx.profile.regulation.title });
  },
  sample: () => formulirGModel(sampleDrpEvaluation(), { timezone: 'Asia/Jakarta', regulation: 'Peraturan Bupati Serang No. 49 Tahun 2024 tentang Pedoman Manajemen Layanan SPBE' }),
};

/** A complete made-up evaluation (every field present, lists non-empty). */
export function sampleDrpEvaluation(): DrpEvaluationReport {
  const H = 3_600_000;
  const t0 = Date.parse('2026-12-01T02:00:00Z');
  const iso = (t: number) => new Date(t).toISOString();
  return {
    number: 'BCN-2026-000007', mode: 'real', title: 'Pusat Data tergenang banjir',
    scenario: { id: 'physical_damage', title: { id: 'Kerusakan Fisik Infrastruktur Pusat Data', en: 'Physical damage to the data centre' } },
    occurredAt: iso(t0 - 2 * H), declaredAt: iso(t0), measuredFrom: 'declaration', baseAt: iso(t0), drcActivatedAt: iso(t0 + H), normalisedAt: iso(t0 + 40 * H),
    services: [
      {
        code: 'SIMPEG', name: 'Sistem Informasi Kepegawaian', classification: 'kritis', drpVersion: 2,
        rto: { targetMs: 24 * H, deadline: iso(t0 + 24 * H), recoveredAt: iso(t0 + 20 * H), achievedMs: 20 * H, met: true },
        rpo: { targetMs: 4 * H, lastGoodBackupAt: iso(t0 - 2 * H), dataLossMs: 2 * H, met: true }, cause: null,
      },
      {
        code: 'WEBSITE', name: 'Website Pemerintah Kabupaten', classification: 'esensial', drpVersion: null,
        rto: { targetMs: 24 * H, deadline: iso(t0 + 24 * H), recoveredAt: iso(t0 + 30 * H), achievedMs: 30 * H, met: false },
        rpo: null, cause: 'Cadangan rusak dan harus dipulihkan ulang',
      },
    ],
    obstacles: 'Akses ke gedung ditutup selama 6 jam', improvements: ['Replikasi harian ke DRC'], progressUpdates: 5,
    evaluatedBy: { username: 'pemulihan', name: 'Koordinator Pemulihan' }, evaluatedAt: iso(t0 + 48 * H),
    timeline: [
      { at: iso(t0), what: { id: 'Bencana dideklarasikan', en: 'Disaster declared' }, by: 'kadis' },
      { at: iso(t0 + H), what: { id: 'DRC diaktifkan', en: 'DRC activated' }, by: 'pemulihan' },
    ],
  };
}
