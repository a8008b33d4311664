// Formulir F – Laporan Ketersediaan Layanan (serang Lampiran Formulir F: Nama Layanan, Periode,
// Karakteristik Utilisasi Layanan, Pencapaian Ketersediaan, Peluang Peningkatan Ketersediaan;
// BAB IV C.2.3 a–c). One builder for both uses: the stored document of an acknowledged monthly
// report (activities/availability.ts renderFormulirF) and GET /reports/f — `?case=AVL-…` prints the
// report case as recorded, `?month=YYYY-MM` measures the month live with the same measurement the
// monthly report uses (activities/availability.ts measureMonth), without preparation or signatures.
import { z } from 'zod';
import { measureMonth } from '../../db/availabilityMeasure.ts';
import { problem } from '../../api/http/problem.ts';
import { monthAt, monthLabel, parseMonth, percentText, trendMonths, type AvailabilitySource, type FormulirF, type ServiceFigures } from '../../policy/availabilityReport.ts';
import { barChartSvg } from '../charts.ts';
import type { LocalText, ReportDefinition, ReportModel, ReportTable } from '../types.ts';
import { caseFor } from './common/cases.ts';
import { bpText, both, NONE, textOr } from './common/text.ts';

const TITLE: LocalText = { id: 'Formulir F – Laporan Ketersediaan Layanan', en: 'Form F – Service availability report' };
const HOUR = 3_600_000;

const SCHEDULES: Record<string, LocalText> = {
  '24x7': { id: '24 jam × 7 hari', en: '24 hours × 7 days' },
  '24x5': { id: '24 jam × 5 hari kerja', en: '24 hours × 5 working days' },
  working_calendar: { id: 'Jam kerja (kalender kerja instansi)', en: 'Working hours (the agency calendar)' },
};
const CLASSIFICATIONS: Record<string, LocalText> = {
  kritis: { id: 'Kritis', en: 'Critical' }, esensial: { id: 'Esensial', en: 'Essential' }, normal: { id: 'Normal', en: 'Normal' },
};
const SOURCES: Record<AvailabilitySource['kind'], LocalText> = {
  incident: { id: 'Gangguan Mayor', en: 'Major incident' },
  alert: { id: 'Peringatan pemantauan', en: 'Monitoring alert' },
  manual: { id: 'Dicatat manual', en: 'Entered by hand' },
  disaster: { id: 'Bencana', en: 'Disaster' },
  release: { id: 'Rilis terjadwal', en: 'Scheduled release' },
};
const TARGET_SOURCES: Record<string, LocalText> = {
  continuity_plan: { id: 'Formulir C – Rencana Keberlangsungan Layanan', en: 'Form C – service continuity plan' },
  catalogue: { id: 'Formulir A – Katalog Layanan', en: 'Form A – service catalogue' },
};

const verdictText = (met: boolean | null): LocalText =>
  met === null ? { id: 'Tanpa target', en: 'No target' } : met ? { id: 'Tercapai', en: 'Met' } : { id: 'Tidak tercapai', en: 'Missed' };

/** Hours with two decimals (7,50 jam / 7.50 h). */
function hoursText(ms: number): LocalText {
  const s = (ms / HOUR).toFixed(2);
  return { id: `${s.replace('.', ',')} jam`, en: `${s} h` };
}

const period = (s: AvailabilitySource) => ({
  kind: SOURCES[s.kind] ?? both(s.kind), ref: s.ref, start: s.start, end: s.end, open: s.open, cause: textOr(s.cause, NONE),
});

/** The trend as a bar chart (percent per month, the target dashed; a missed month in the warning colour). */
function trendChart(s: FormulirF['services'][number], month: string): string {
  const values = s.trend.map((t) => (t.basisPoints === null ? null : t.basisPoints / 100)).filter((v): v is number => v !== null);
  // The axis starts low enough to show the lowest month and the target (at most 0, at least 90 % when all are high).
  const floor = Math.max(0, Math.min(90, Math.floor(Math.min(...values, s.targetPercent ?? 100, 100) / 5) * 5 - 5));
  return barChartSvg(
    s.trend.map((t) => ({ label: `${t.month.slice(5)}/${t.month.slice(2, 4)}`, value: t.basisPoints === null ? null : t.basisPoints / 100, bad: t.met === false })),
    { title: `${s.code} ${month}`, unit: '%', min: floor, max: 100, target: s.targetPercent, targetLabel: 'Target' },
  );
}

export interface FormulirFOptions {
  /** The regulation the report follows (profile.regulation.title), printed as its basis. */
  regulation: string;
  /** Measured live for GET /reports/f?month= (no report case: no preparation, no signatures). */
  measuredAt?: string | undefined;
}

/** The Formulir F model of a monthly report (or of a live measurement). */
export function formulirFModel(report: FormulirF, options: FormulirFOptions): ReportModel {
  const live = options.measuredAt !== undefined;
  const services = report.services.map((s) => ({
    code: s.code, name: s.name,
    classification: s.classification ? CLASSIFICATIONS[s.classification] ?? both(s.classification) : NONE,
    schedule: SCHEDULES[s.schedule] ?? both(s.schedule),
    target: s.targetPercent === null ? { id: 'Belum ditetapkan', en: 'Not set' } : bpText(Math.round(s.targetPercent * 100)),
    targetSource: s.targetSource ? TARGET_SOURCES[s.targetSource] ?? both(s.targetSource) : NONE,
    availability: bpText(s.basisPoints), met: s.met, verdict: verdictText(s.met),
    committed: hoursText(s.committedMs), downtime: hoursText(s.downtimeMs), maintenance: hoursText(s.maintenanceExcludedMs),
    chart: `trend-${s.code}`,
    trend: s.trend.map((t) => ({ month: t.month, short: `${t.month.slice(5)}/${t.month.slice(2, 4)}`, availability: bpText(t.basisPoints), verdict: t.met === null ? NONE : verdictText(t.met) })),
    outages: s.downtime.map(period), windows: s.maintenance.map(period),
    utilisation: textOr(s.utilisation, NONE), causes: textOr(s.causes, NONE), improvements: s.improvements,
  }));
  const signatures = live ? [] : [
    { role: { id: 'Dipersiapkan oleh Pengelola Teknis', en: 'Prepared by the technical team' }, name: report.preparedBy?.name ?? null, date: report.preparedBy?.at ?? null },
    { role: { id: 'Diketahui oleh Penyedia Layanan', en: 'Acknowledged by the service owner' }, name: report.acknowledgedBy?.name ?? null, date: report.acknowledgedBy?.at ?? null },
  ];
  const tables: ReportTable[] = [
    {
      id: 'services', title: { id: 'Pencapaian ketersediaan per layanan', en: 'Availability achieved per service' },
      columns: [
        { key: 'code', title: { id: 'Kode', en: 'Code' } }, { key: 'name', title: { id: 'Nama Layanan', en: 'Service' } },
        { key: 'schedule', title: { id: 'Waktu operasional', en: 'Operating hours' } },
        { key: 'target', title: { id: 'Target', en: 'Target' }, kind: 'percent' },
        { key: 'availability', title: { id: 'Realisasi', en: 'Achieved' }, kind: 'percent' },
        { key: 'met', title: { id: 'Tercapai', en: 'Met' }, kind: 'boolean' },
        { key: 'committedHours', title: { id: 'Waktu operasional disepakati (jam)', en: 'Committed time (h)' }, kind: 'number' },
        { key: 'downtimeHours', title: { id: 'Durasi gangguan (jam)', en: 'Downtime (h)' }, kind: 'number' },
        { key: 'maintenanceHours', title: { id: 'Pemeliharaan terjadwal (jam)', en: 'Scheduled maintenance (h)' }, kind: 'number' },
      ],
      rows: report.services.map((s) => ({
        code: s.code, name: s.name, schedule: s.schedule, target: s.targetPercent, availability: s.basisPoints === null ? null : s.basisPoints / 100, met: s.met,
        committedHours: round2(s.committedMs / HOUR), downtimeHours: round2(s.downtimeMs / HOUR), maintenanceHours: round2(s.maintenanceExcludedMs / HOUR),
      })),
    },
    {
      id: 'trend', title: { id: 'Tren 12 bulan', en: '12-month trend' },
      columns: [
        { key: 'service', title: { id: 'Layanan', en: 'Service' } }, { key: 'month', title: { id: 'Bulan', en: 'Month' } },
        { key: 'availability', title: { id: 'Ketersediaan', en: 'Availability' }, kind: 'percent' },
        { key: 'met', title: { id: 'Target tercapai', en: 'Target met' }, kind: 'boolean' },
      ],
      rows: report.services.flatMap((s) => s.trend.map((t) => ({ service: s.code, month: t.month, availability: t.basisPoints === null ? null : t.basisPoints / 100, met: t.met }))),
    },
    {
      id: 'outages', title: { id: 'Gangguan', en: 'Outages' },
      columns: [
        { key: 'service', title: { id: 'Layanan', en: 'Service' } }, { key: 'kind', title: { id: 'Sumber', en: 'Source' } },
        { key: 'ref', title: { id: 'Rujukan', en: 'Reference' } }, { key: 'start', title: { id: 'Mulai', en: 'Start' }, kind: 'datetime' },
        { key: 'end', title: { id: 'Selesai', en: 'End' }, kind: 'datetime' }, { key: 'open', title: { id: 'Masih berlangsung', en: 'Ongoing' }, kind: 'boolean' },
        { key: 'cause', title: { id: 'Penyebab', en: 'Cause' } },
      ],
      rows: report.services.flatMap((s) => s.downtime.map((d) => ({ service: s.code, kind: d.kind, ref: d.ref, start: d.start, end: d.end, open: d.open, cause: d.cause }))),
    },
  ];
  return {
    formulir: 'f', title: TITLE,
    filename: live ? `Formulir-F-${report.month}` : `Formulir-F-${report.number}`,
    data: {
      // The letterhead prints `period`; `interval` is the measured span [start, end).
      number: live ? null : report.number, month: report.month, period: report.label, interval: report.period,
      live, measuredAt: options.measuredAt ?? null, regulation: options.regulation,
      services, missed: report.services.filter((s) => s.met === false).map((s) => s.code),
      preparedBy: report.preparedBy, acknowledgedBy: report.acknowledgedBy, signatures,
    },
    tables,
    charts: Object.fromEntries(report.services.map((s) => [`trend-${s.code}`, trendChart(s, report.month)])),
    // Nothing measurable: no active service, or no committed operating time in the month.
    empty: report.services.length === 0 || report.services.every((s) => s.basisPoints === null),
  };
}

const round2 = (v: number) => Math.round(v * 100) / 100;

type PreparedFigures = ServiceFigures & { utilisation?: string | null; causes?: string | null; improvements?: string[] };

const serviceOf = (s: PreparedFigures): FormulirF['services'][number] => ({
  ...s, availabilityText: percentText(s.basisPoints), targetText: s.targetPercent === null ? '-' : s.targetPercent.toFixed(2),
  utilisation: s.utilisation ?? null, causes: s.causes ?? null, improvements: s.improvements ?? [],
});

/** The FormulirF of a report case from its read model (sigap_case.data of an `availability` case). */
export function formulirFOfCase(number: string, data: Record<string, unknown>): FormulirF {
  const d = data as {
    month: string; period: { start: string; end: string }; services: PreparedFigures[];
    preparation: { by: string; name: string; at: string } | null;
    acknowledgement: { by: string; name: string; at: string; note: string | null } | null;
  };
  return {
    number, month: d.month, label: monthLabel(d.month), period: d.period, services: d.services.map(serviceOf),
    preparedBy: d.preparation ? { username: d.preparation.by, name: d.preparation.name, at: d.preparation.at } : null,
    acknowledgedBy: d.acknowledgement ? { username: d.acknowledgement.by, name: d.acknowledgement.name, at: d.acknowledgement.at, note: d.acknowledgement.note ?? null } : null,
  };
}

/** The FormulirF of a month measured now (no report case). */
export function liveFormulirF(month: string, period: { start: number; end: number }, services: ServiceFigures[]): FormulirF {
  const iso = (t: number) => new Date(t).toISOString();
  return {
    number: '', month, label: monthLabel(month), period: { start: iso(period.start), end: iso(period.end) },
    services: services.map(serviceOf), preparedBy: null, acknowledgedBy: null,
  };
}

const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

export const formulirF: ReportDefinition = {
  id: 'f', title: TITLE,
  description: {
    id: 'Ketersediaan layanan per bulan: laporan bulanan yang tercatat (case=AVL-…) atau pengukuran langsung suatu bulan (month=YYYY-MM), dengan tren 12 bulan.',
    en: 'Monthly service availability: a recorded monthly report (case=AVL-…) or a live measurement of a month (month=YYYY-MM), with the 12-month trend.',
  },
  params: z.object({ case: z.string().min(1).max(64).optional(), month: z.string().regex(MONTH_RE).optional() })
    .refine((p) => (p.case === undefined) !== (p.month === undefined), { message: 'case atau month (salah satu) / case or month (one of them)' }),
  roles: 'staff',
  availableFor: (profile) => profile.availabilityReport !== null,
  async build(ctx, params) {
    if (params.case !== undefined) {
      const row = await caseFor(ctx, params.case, 'availability', 'f');
      return formulirFModel(formulirFOfCase(row.number, row.data), { regulation: ctx.profile.regulation.title });
    }
    const month = params.month ?? '';
    // A month that has begun (the current one is measured up to now).
    if (!parseMonth(month) || month > monthAt(ctx.now, ctx.tenant.timezone)) throw problem(422, 'invalid_month', { month });
    const measured = await measureMonth(ctx.em, ctx.tenant.id, month, null, ctx.now, 12);
    const report = liveFormulirF(month, measured.period, measured.services);
    return formulirFModel(report, { regulation: ctx.profile.regulation.title, measuredAt: new Date(ctx.now).toISOString() });
  },
  sample: () => formulirFModel(sampleFormulirF(), { regulation: 'Peraturan Bupati Serang No. 49 Tahun 2024 tentang Pedoman Manajemen Layanan SPBE' }),
};

/** A complete made-up report (every field present, lists non-empty). */
export function sampleFormulirF(): FormulirF {
  const at = (d: string) => `${d}T02:00:00.000Z`;
  const trend = trendMonths('2026-11').map((month, i) => {
    const bp = i === 11 ? 9871 : 9990 - i;
    return { month, basisPoints: bp, met: bp >= 9950 };
  });
  return {
    number: 'AVL-2026-000011', month: '2026-11', label: monthLabel('2026-11'),
    period: { start: '2026-10-31T17:00:00.000Z', end: '2026-11-30T17:00:00.000Z' },
    services: [{
      code: 'SIMPEG', name: 'Sistem Informasi Kepegawaian', classification: 'kritis', schedule: '24x7', targetPercent: 99.5, targetSource: 'continuity_plan',
      committedMs: 720 * HOUR, downtimeMs: 9.3 * HOUR, maintenanceExcludedMs: 2 * HOUR, basisPoints: 9871, met: false,
      downtime: [{ kind: 'incident', ref: 'INC-2026-000042', start: at('2026-11-07'), end: at('2026-11-07').replace('02:00', '11:18'), open: false, cause: 'Disk penuh pada server basis data' }],
      maintenance: [{ kind: 'release', ref: 'RLS-2026-000003', start: at('2026-11-14'), end: at('2026-11-14').replace('02:00', '04:00'), open: false, cause: 'Pembaruan SIMPEG 2.1' }],
      trend, availabilityText: '98.71', targetText: '99.50',
      utilisation: 'CPU 45 %, RAM 70 %, penyimpanan 92 %, bandwidth 30 %', causes: 'Disk penuh pada server basis data', improvements: ['Pemantauan kapasitas disk dengan ambang 80 %'],
    }],
    preparedBy: { username: 'teknis', name: 'Pengelola Teknis', at: at('2026-12-02') },
    acknowledgedBy: { username: 'penyedia', name: 'Penyedia Layanan', at: at('2026-12-03'), note: 'Tindak lanjuti pada anggaran perubahan' },
  };
}
