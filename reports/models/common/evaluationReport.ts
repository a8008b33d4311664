// The body of an evaluation report, shared by Formulir I (serang BAB IV E, Lampiran «Formulir I»;
// yogyakarta 2.3) and kemenkeu's management review inputs (Lampiran I D.5.c): per chapter of the
// profile, the recap of the figures Sigap computed (serang E.2.3 a), the analysis of obstacles and
// improvement opportunities (E.2.3 b) and the follow-up actions (E.2.3 c); then the follow-up of the
// previous evaluation, the maturity level with its evidence, and the approval.
// The recap tables follow the Lampiran: A «Jumlah Permintaan Layanan | Pencapaian Target Pemenuhan
// Layanan (Terpenuhi, Tidak Terpenuhi) | Tingkat Kepuasan Pelayanan», B the same for Gangguan (plus per
// priority), C per service «Target Ketersediaan | Realisasi Ketersediaan» and the met/not-met count,
// D per DRP execution «Pencapaian Target RTO dan RPO: Terpenuhi | Tidak Terpenuhi», E releases by outcome.
import { barChartSvg } from '../../charts.ts';
import type { FormulirIData } from '../../../policy/evaluation.ts';
import type {
  AvailabilityChapterFigures, CaseChapterFigures, CountFigures, EvaluationFigures, FollowUpFigures, GroupAttainment,
  RecoveryChapterFigures, ReleaseChapterFigures,
} from '../../../policy/evaluationFigures.ts';
import type { EvaluationMeasure, Profile } from '../../../policy/profile.ts';
import type { LocalText, ReportTable } from '../../types.ts';
import { NONE, both, bpText, ratingText, roleTitle } from './text.ts';

const MEASURE_TITLE: Record<EvaluationMeasure, LocalText> = {
  requests: { id: 'Permintaan Layanan', en: 'Service requests' },
  incidents: { id: 'Penanganan Gangguan', en: 'Incident handling' },
  availability: { id: 'Pemantauan dan Pemeliharaan Layanan', en: 'Monitoring and maintenance' },
  recovery: { id: 'Pemulihan Layanan', en: 'Service recovery' },
  releases: { id: 'Rilis Layanan', en: 'Service releases' },
  changes: { id: 'Perubahan Layanan', en: 'Changes' },
  problems: { id: 'Manajemen Masalah', en: 'Problems' },
  maintenance: { id: 'Pemeliharaan Aplikasi', en: 'Application maintenance' },
  satisfaction: { id: 'Kepuasan Pengguna', en: 'User satisfaction' },
  follow_ups: { id: 'Tindak Lanjut', en: 'Follow-up actions' },
};
const STATUS: Record<string, LocalText> = {
  open: { id: 'Belum selesai', en: 'Open' }, done: { id: 'Selesai', en: 'Done' }, dropped: { id: 'Dibatalkan', en: 'Dropped' },
};
const MODE: Record<string, LocalText> = { real: { id: 'Bencana', en: 'Disaster' }, exercise: { id: 'Uji coba DRP', en: 'DRP exercise' } };
const STATE: Record<string, LocalText> = {
  analysing: { id: 'Analisis bab', en: 'Chapter analysis' }, approving: { id: 'Menunggu persetujuan', en: 'Awaiting approval' },
  published: { id: 'Diterbitkan', en: 'Published' }, cancelled: { id: 'Dibatalkan', en: 'Cancelled' }, preview: { id: 'Pratinjau', en: 'Preview' },
};

export const MARK = '✓';
const mark = (v: boolean) => (v ? MARK : '');
const label = (g: { key: string; name: string | null }) => g.name ?? g.key;

function groupRow(g: GroupAttainment) {
  return {
    key: g.key, name: label(g), completed: g.completed, met: g.met, notMet: g.notMet, attainment: bpText(g.attainmentBp),
    satisfaction: ratingText(g.satisfaction.meanMilli), ratings: g.satisfaction.ratings,
  };
}

function caseSection(kind: 'requests' | 'incidents' | 'maintenance', f: CaseChapterFigures, chart: string) {
  const served = f.byService.filter((s) => s.completed > 0);
  return {
    kind, title: MEASURE_TITLE[kind],
    received: f.received, completed: f.completed, met: f.met, notMet: f.notMet, attainment: bpText(f.attainmentBp),
    satisfaction: ratingText(f.satisfaction.meanMilli), ratings: f.satisfaction.ratings,
    openAtEnd: f.openAtEnd, breachedOpenAtEnd: f.breachedOpenAtEnd,
    servicesMeeting: served.filter((s) => s.meetsTarget === true).map(label),
    servicesMissing: served.filter((s) => s.meetsTarget === false).map(label),
    byService: f.byService.map(groupRow),
    byPriority: f.byPriority.map(groupRow),
    hasPriorities: f.byPriority.length > 0,
    months: f.months.map((m) => ({ month: m.month, received: m.received, completed: m.completed, met: m.met, notMet: m.notMet, attainment: bpText(m.attainmentBp) })),
    chart,
  };
}

function availabilitySection(f: AvailabilityChapterFigures, chart: string) {
  return {
    kind: 'availability' as const, title: MEASURE_TITLE.availability, met: f.met, notMet: f.notMet, withoutTarget: f.withoutTarget,
    services: f.services.map((s) => ({
      code: s.code, name: s.name,
      target: s.targetPercent === null ? NONE : bpText(Math.round(s.targetPercent * 100)),
      realised: bpText(s.basisPoints),
      met: mark(s.met === true), notMet: mark(s.met === false),
    })),
    chart,
  };
}

function recoverySection(f: RecoveryChapterFigures) {
  return {
    kind: 'recovery' as const, title: MEASURE_TITLE.recovery, met: f.met, notMet: f.notMet, unmeasured: f.unmeasured,
    executions: f.executions.map((e) => ({
      number: e.number, at: e.at, mode: MODE[e.mode] ?? both(e.mode),
      met: mark(e.met === true), notMet: mark(e.met === false), unmeasured: e.met === null,
      services: e.services.map((s) => ({
        name: s.name,
        rto: s.rtoMet === null ? NONE : s.rtoMet ? { id: 'RTO terpenuhi', en: 'RTO met' } : { id: 'RTO tidak terpenuhi', en: 'RTO missed' },
        rpo: s.rpoMet === null ? NONE : s.rpoMet ? { id: 'RPO terpenuhi', en: 'RPO met' } : { id: 'RPO tidak terpenuhi', en: 'RPO missed' },
      })),
    })),
  };
}

function releaseSection(f: ReleaseChapterFigures) {
  return {
    kind: 'releases' as const, title: MEASURE_TITLE.releases,
    completed: f.completed, succeeded: f.succeeded, rolledBack: f.rolledBack, failedRollback: f.failedRollback, failed: f.failed,
    rollbackFailedOpen: f.rollbackFailedOpen,
    byService: f.byService.map((s) => ({ name: label(s), completed: s.completed, succeeded: s.succeeded, rolledBack: s.rolledBack, failedRollback: s.failedRollback, failed: s.failed })),
  };
}

function countSection(kind: 'changes' | 'problems', f: CountFigures) {
  return {
    kind, title: MEASURE_TITLE[kind], received: f.received, completed: f.completed, openAtEnd: f.openAtEnd,
    byState: f.byState.map((s) => ({ state: s.key.replaceAll('_', ' '), count: s.count })),
  };
}

function followUpSection(profile: Profile, f: FollowUpFigures) {
  return {
    kind: 'follow_ups' as const, title: { id: 'Tindak lanjut evaluasi sebelumnya', en: 'Follow-up of earlier evaluations' },
    total: f.total, done: f.done, open: f.open, overdue: f.overdue, dropped: f.dropped,
    items: f.items.map((i) => ({
      number: i.number, evaluationNumber: i.evaluationNumber ?? '–', chapter: i.chapter ?? '–', description: i.description,
      owner: roleTitle(profile, i.ownerRole), dueOn: i.dueOn, status: STATUS[i.status] ?? both(i.status), resolution: i.resolution ?? '–',
    })),
  };
}

function satisfactionSection(figures: EvaluationFigures, chart: string) {
  const rows = (['requests', 'incidents', 'maintenance'] as const).flatMap((k) => {
    const f = figures[k];
    return f ? [{ title: MEASURE_TITLE[k], ratings: f.satisfaction.ratings, mean: ratingText(f.satisfaction.meanMilli) }] : [];
  });
  return { kind: 'satisfaction' as const, title: MEASURE_TITLE.satisfaction, rows, chart };
}

type Section = ReturnType<typeof caseSection> | ReturnType<typeof availabilitySection> | ReturnType<typeof recoverySection>
  | ReturnType<typeof releaseSection> | ReturnType<typeof countSection> | ReturnType<typeof followUpSection> | ReturnType<typeof satisfactionSection>;

/** Monthly attainment (percent) of a case chapter; a month with a miss is drawn in the warning colour. */
function trendChart(f: CaseChapterFigures, title: string): string {
  return barChartSvg(
    f.months.map((m) => ({ label: m.month, value: m.attainmentBp === null ? null : m.attainmentBp / 100, bad: m.notMet > 0 })),
    { title, unit: '%', min: 0, max: 100 },
  );
}

function availabilityChart(f: AvailabilityChapterFigures, title: string): string {
  return barChartSvg(
    f.services.map((s) => ({ label: s.code, value: s.basisPoints === null ? null : s.basisPoints / 100, bad: s.met === false })),
    { title, unit: '%', max: 100 },
  );
}

function satisfactionChart(figures: EvaluationFigures, title: string): string {
  const months = figures.requests?.months ?? figures.incidents?.months ?? [];
  return barChartSvg(months.map((m, i) => {
    const parts = [figures.requests?.months[i], figures.incidents?.months[i]].filter((x) => x !== undefined);
    const ratings = parts.reduce((n, p) => n + p.satisfaction.ratings, 0);
    const sum = parts.reduce((n, p) => n + (p.satisfaction.meanMilli ?? 0) * p.satisfaction.ratings, 0);
    return { label: m.month, value: ratings > 0 ? Math.round(sum / ratings) / 1000 : null };
  }), { title, min: 0, max: 5 });
}

/** The recap sections of one chapter, in the order of its measures; charts are added to `charts`. */
function sectionsOf(chapterId: string, measures: readonly string[], figures: EvaluationFigures, profile: Profile, charts: Record<string, string>): Section[] {
  const out: Section[] = [];
  const chartId = (kind: string) => `${chapterId}-${kind}`.replace(/[^A-Za-z0-9_-]/g, '_');
  for (const m of measures as EvaluationMeasure[]) {
    if ((m === 'requests' || m === 'incidents' || m === 'maintenance') && figures[m]) {
      const id = chartId(m);
      charts[id] = trendChart(figures[m], `${chapterId} ${MEASURE_TITLE[m].id}`);
      out.push(caseSection(m, figures[m], id));
    } else if (m === 'availability' && figures.availability) {
      const id = chartId(m);
      charts[id] = availabilityChart(figures.availability, `${chapterId} ${MEASURE_TITLE.availability.id}`);
      out.push(availabilitySection(figures.availability, id));
    } else if (m === 'recovery' && figures.recovery) out.push(recoverySection(figures.recovery));
    else if (m === 'releases' && figures.releases) out.push(releaseSection(figures.releases));
    else if ((m === 'changes' || m === 'problems') && figures[m]) out.push(countSection(m, figures[m]));
    else if (m === 'follow_ups' && figures.followUps) out.push(followUpSection(profile, figures.followUps));
    // Satisfaction is part of the request and incident tables; alone it gets its own trend (kemenkeu 5).
    else if (m === 'satisfaction' && !measures.some((x) => x === 'requests' || x === 'incidents')) {
      const id = chartId(m);
      charts[id] = satisfactionChart(figures, `${chapterId} ${MEASURE_TITLE.satisfaction.id}`);
      out.push(satisfactionSection(figures, id));
    }
  }
  return out;
}

/** The tables offered as CSV/XLSX: one per kind of figure (a kind named by two chapters appears once). */
function tablesOf(figures: EvaluationFigures, profile: Profile): ReportTable[] {
  const t = (title: string, en: string) => ({ id: title, en });
  const groupCols = [
    { key: 'name', title: t('Layanan', 'Service') },
    { key: 'completed', title: t('Jumlah', 'Completed'), kind: 'number' as const },
    { key: 'met', title: t('Terpenuhi', 'Met'), kind: 'number' as const },
    { key: 'notMet', title: t('Tidak Terpenuhi', 'Not met'), kind: 'number' as const },
    { key: 'attainment', title: t('Pencapaian (%)', 'Attainment (%)'), kind: 'percent' as const },
    { key: 'satisfaction', title: t('Tingkat Kepuasan', 'Satisfaction'), kind: 'number' as const },
    { key: 'ratings', title: t('Jumlah Penilaian', 'Ratings'), kind: 'number' as const },
  ];
  const groupRows = (gs: GroupAttainment[]) => gs.map((g) => ({
    name: label(g), completed: g.completed, met: g.met, notMet: g.notMet,
    attainment: g.attainmentBp === null ? null : g.attainmentBp / 100,
    satisfaction: g.satisfaction.meanMilli === null ? null : g.satisfaction.meanMilli / 1000, ratings: g.satisfaction.ratings,
  }));
  const out: ReportTable[] = [];
  for (const k of ['requests', 'incidents', 'maintenance'] as const) {
    const f = figures[k];
    if (!f) continue;
    out.push({ id: k, title: MEASURE_TITLE[k], columns: groupCols, rows: groupRows(f.byService) });
    if (f.byPriority.length > 0) {
      out.push({ id: `${k}-priority`, title: { id: `${MEASURE_TITLE[k].id} per prioritas`, en: `${MEASURE_TITLE[k].en} by priority` }, columns: [{ key: 'name', title: t('Prioritas', 'Priority') }, ...groupCols.slice(1)], rows: groupRows(f.byPriority) });
    }
  }
  if (figures.availability) {
    out.push({
      id: 'availability', title: MEASURE_TITLE.availability,
      columns: [
        { key: 'code', title: t('Kode', 'Code') }, { key: 'name', title: t('Layanan', 'Service') },
        { key: 'target', title: t('Target Ketersediaan (%)', 'Availability target (%)'), kind: 'percent' },
        { key: 'realised', title: t('Realisasi Ketersediaan (%)', 'Realised availability (%)'), kind: 'percent' },
        { key: 'met', title: t('Terpenuhi', 'Met'), kind: 'boolean' },
      ],
      rows: figures.availability.services.map((s) => ({ code: s.code, name: s.name, target: s.targetPercent, realised: s.basisPoints === null ? null : s.basisPoints / 100, met: s.met })),
    });
  }
  if (figures.recovery) {
    out.push({
      id: 'recovery', title: MEASURE_TITLE.recovery,
      columns: [
        { key: 'number', title: t('Nomor', 'Number') }, { key: 'at', title: t('Tanggal', 'Date'), kind: 'datetime' },
        { key: 'mode', title: t('Jenis', 'Kind') }, { key: 'met', title: t('RTO dan RPO terpenuhi', 'RTO and RPO met'), kind: 'boolean' },
      ],
      rows: figures.recovery.executions.map((e) => ({ number: e.number, at: e.at, mode: e.mode, met: e.met })),
    });
  }
  if (figures.releases) {
    out.push({
      id: 'releases', title: MEASURE_TITLE.releases,
      columns: [
        { key: 'name', title: t('Layanan', 'Service') }, { key: 'completed', title: t('Jumlah', 'Completed'), kind: 'number' },
        { key: 'succeeded', title: t('Berhasil', 'Succeeded'), kind: 'number' }, { key: 'rolledBack', title: t('Dikembalikan (rollback)', 'Rolled back'), kind: 'number' },
        { key: 'failedRollback', title: t('Rollback gagal', 'Failed rollback'), kind: 'number' }, { key: 'failed', title: t('Gagal', 'Failed'), kind: 'number' },
      ],
      rows: figures.releases.byService.map((s) => ({ name: label(s), completed: s.completed, succeeded: s.succeeded, rolledBack: s.rolledBack, failedRollback: s.failedRollback, failed: s.failed })),
    });
  }
  if (figures.followUps) {
    out.push({
      id: 'follow-ups', title: { id: 'Tindak lanjut evaluasi sebelumnya', en: 'Follow-up of earlier evaluations' },
      columns: [
        { key: 'number', title: t('Nomor', 'Number') }, { key: 'evaluation', title: t('Evaluasi', 'Evaluation') },
        { key: 'description', title: t('Uraian', 'Description') }, { key: 'owner', title: t('Penanggung jawab', 'Owner') },
        { key: 'dueOn', title: t('Batas waktu', 'Due'), kind: 'date' }, { key: 'status', title: t('Status', 'Status') },
      ],
      rows: figures.followUps.items.map((i) => ({
        number: i.number, evaluation: i.evaluationNumber, description: i.description, owner: roleTitle(profile, i.ownerRole).id, dueOn: i.dueOn, status: i.status,
      })),
    });
  }
  return out;
}

export interface EvaluationBody {
  data: Record<string, unknown>;
  tables: ReportTable[];
  charts: Record<string, string>;
}

/**
 * The report body from FormulirIData (the publishing activity and GET /reports/i?case= share it).
 * `headingOf` numbers the chapters: Formulir I letters them («A. Evaluasi …»), the management review
 * numbers the agenda items.
 */
export function evaluationBody(data: FormulirIData, profile: Profile, headingOf: (id: string, title: LocalText) => LocalText): EvaluationBody {
  const charts: Record<string, string> = {};
  const f = data.figures;
  const chapters = data.chapters.map((ch) => {
    const actions = data.createdActions.filter((a) => a.chapter === ch.id);
    const a = ch.analysis;
    return {
      id: ch.id, title: ch.title, heading: headingOf(ch.id, ch.title), analysedBy: roleTitle(profile, ch.analysedByRole),
      sections: sectionsOf(ch.id, ch.measures, f, profile, charts),
      analysis: a ? {
        obstacles: a.obstacles, improvements: a.improvements, name: a.name, at: a.at,
        followUps: a.followUps.map((u, i) => ({
          description: u.description, owner: roleTitle(profile, u.ownerRole), dueOn: u.dueOn,
          // The register number once published: the activity numbers a chapter's items in order.
          number: (actions[i]?.description === u.description ? actions[i] : actions.find((x) => x.description === u.description))?.number ?? null,
        })),
      } : null,
    };
  });
  const followUpMeasured = data.chapters.some((c) => c.measures.includes('follow_ups'));
  const maturity = data.maturity;
  const approver = data.approval;
  return {
    data: {
      number: data.number, period: data.period.title, fromDate: data.period.fromDate, toDate: data.period.toDate,
      published: data.published, draft: !data.published, state: STATE[data.state] ?? both(data.state), computedAt: f.computedAt,
      chapters,
      // The follow-up of earlier evaluations closes the report unless a chapter already shows it (kemenkeu 1).
      previousFollowUps: f.followUps && !followUpMeasured ? followUpSection(profile, f.followUps) : null,
      maturity: maturity ? {
        level: maturity.level, source: maturity.source,
        levels: maturity.levels.map((l) => ({ level: l.level, criteria: l.criteria, met: mark(l.met), notMet: mark(!l.met), evidence: l.evidence })),
      } : null,
      approval: approver ? { name: approver.name, at: approver.at, note: approver.note } : null,
      createdActions: data.createdActions,
      signatures: [{
        role: roleTitle(profile, profile.evaluation.approvedBy.role), name: approver?.name ?? null, nip: null, date: approver?.at ?? null,
      }],
    },
    tables: tablesOf(f, profile),
    charts,
  };
}
