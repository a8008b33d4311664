// SPBE service-management maturity, PermenPANRB 59/2020 indicator 28 (yogyakarta BAB III and
// Tabel 14): level 1 done without a plan; 2 planned, not yet all processes; 3 all processes;
// 4 run with a service management application and reviewed/evaluated; 5 review results followed
// up by improvements. Sigap assesses the level from evidence in its own records (db/maturityEvidence.ts
// gathers it); this module only decides, so the rule is a pure, testable function.
import type { Profile, Source } from './profile.ts';

export interface ProcessEvidence {
  /** request, incident, problem, change, release, disaster, availability, maintenance, evaluation … */
  process: string;
  /** The profile regulates the process (a process it does not regulate is not required). */
  regulated: boolean;
  /** Cases of the process in the assessment window. */
  cases: number;
  lastCaseAt: string | null;
}

export interface MaturityEvidence {
  /** The assessment instant and the window looked at (12 months back). */
  at: string;
  windowFrom: string;
  processes: ProcessEvidence[];
  planning: {
    catalogueItems: number;
    catalogueItemsWithTarget: number;
    services: number;
    servicesWithContinuityPlan: number;
    /** The profile sets priorities with response/resolution targets. */
    priorityTargets: boolean;
  };
  evaluations: { published: number; lastPublishedAt: string | null; lastNumber: string | null };
  followUps: { total: number; done: number; open: number; overdue: number };
}

export interface MaturityCriterion {
  level: number;
  criteria: { id: string; en: string };
  met: boolean;
  /** What in the records shows it, in both languages. */
  evidence: Array<{ id: string; en: string }>;
}

export interface MaturityAssessment {
  /** The highest level whose criteria, and those of every lower level, are met; 0 when none. */
  level: number;
  levels: MaturityCriterion[];
  evidence: MaturityEvidence;
  source: string;
}

// ---- the levels ----------------------------------------------------------------------------------

export interface MaturityLevelDefinition { level: number; criteria: { id: string; en: string }; source: Source }

const TABEL_14 = (quote: string): Source => ({ seed: '004_1d499493b3e12930.txt', section: `2.3 Tabel 14 (PermenPANRB 59/2020 indikator 28) «${quote}»` });

/**
 * PermenPANRB 59/2020 indicator 28, as yogyakarta 2.3 Tabel 14 quotes it («Kriteria maturitas … harus
 * mengacu pada Peraturan Menteri … Nomor 59 Tahun 2020 … yaitu pada indikator 28»): the levels every
 * agency is assessed by, used when a profile lists none of its own.
 */
export const INDICATOR_28_LEVELS: readonly MaturityLevelDefinition[] = [
  { level: 1, criteria: { id: 'Dilaksanakan tanpa perencanaan', en: 'Done without a plan' }, source: TABEL_14('Manajemen Layanan SPBE dilaksanakan tanpa perencanaan') },
  { level: 2, criteria: { id: 'Dilaksanakan dengan perencanaan, belum pada seluruh proses', en: 'Planned, not yet all processes' }, source: TABEL_14('Manajemen Layanan SPBE dilaksanakan dengan perencanaan') },
  { level: 3, criteria: { id: 'Dilaksanakan pada seluruh proses', en: 'All processes' }, source: TABEL_14('Manajemen Layanan SPBE dilaksanakan pada seluruh proses Manajemen Layanan SPBE') },
  { level: 4, criteria: { id: 'Dengan Sistem Aplikasi Manajemen Layanan SPBE, telah direviu dan dievaluasi', en: 'Run with a service management application, reviewed and evaluated' }, source: TABEL_14('telah diterapkan dengan menggunakan Sistem Aplikasi Manajemen Layanan SPBE, dan kegiatan Manajemen Layanan SPBE telah dilakukan reviu dan evaluasi') },
  { level: 5, criteria: { id: 'Hasil reviu dan evaluasi ditindaklanjuti dengan perbaikan', en: 'Review results followed up with improvements' }, source: TABEL_14('hasil reviu dan evaluasi telah ditindaklanjuti melalui perbaikan Manajemen Layanan SPBE') },
];

/** The levels the profile states (yogyakarta Tabel 14), else indicator 28. */
export function maturityLevelsOf(profile: Profile): readonly MaturityLevelDefinition[] {
  const own = profile.evaluation.maturityLevels;
  return own.length ? [...own].sort((a, b) => a.level - b.level) : INDICATOR_28_LEVELS;
}

/** The service management processes Sigap runs, with whether the profile regulates each (its section is set). */
export function regulatedProcesses(profile: Profile): Array<{ process: string; regulated: boolean }> {
  return [
    { process: 'request', regulated: true },
    { process: 'incident', regulated: profile.incident !== null },
    { process: 'problem', regulated: profile.problemReview !== null },
    { process: 'change', regulated: profile.change !== null },
    { process: 'release', regulated: profile.release !== null },
    { process: 'disaster', regulated: profile.disaster !== null },
    { process: 'availability', regulated: profile.availabilityReport !== null },
    { process: 'maintenance', regulated: profile.maintenanceSop !== null },
  ];
}

// ---- the decision ------------------------------------------------------------------------------------

type Text = { id: string; en: string };
const t = (id: string, en: string): Text => ({ id, en });
const sourceText = (s: Source): string => ('seed' in s ? `${s.seed} ${s.section}` : `Sigap: ${s.sigapDefault}`);

/**
 * What Sigap checks for each level (Sigap's reading of Tabel 14 against its own records):
 * 1 some process has cases in the last 12 months; 2 planned: catalogue items with targets, priority
 * targets, and continuity plans where the profile classifies services; 3 every process the profile
 * regulates has cases in the window; 4 the processes run in Sigap (the application) and at least one
 * evaluation was published in the window; 5 the follow-up actions are acted on: at least one done and
 * none overdue. A level counts only when every lower one is met.
 */
function checks(profile: Profile, e: MaturityEvidence): Array<{ met: boolean; evidence: Text[] }> {
  const used = e.processes.filter((p) => p.cases > 0);
  const required = e.processes.filter((p) => p.regulated);
  const missing = required.filter((p) => p.cases === 0).map((p) => p.process);
  const list = (ps: ProcessEvidence[]) => ps.map((p) => `${p.process} (${p.cases})`).join(', ') || '—';
  const pl = e.planning;
  const continuityNeeded = profile.classification !== null;
  const f = e.followUps;
  return [
    {
      met: used.length > 0,
      evidence: [t(`Proses dengan kasus dalam 12 bulan terakhir: ${list(used)}`, `Processes with cases in the last 12 months: ${list(used)}`)],
    },
    {
      met: pl.catalogueItemsWithTarget > 0 && pl.priorityTargets && (!continuityNeeded || pl.servicesWithContinuityPlan > 0),
      evidence: [
        t(`Item katalog dengan target pemenuhan: ${pl.catalogueItemsWithTarget} dari ${pl.catalogueItems}`, `Catalogue items with a fulfilment target: ${pl.catalogueItemsWithTarget} of ${pl.catalogueItems}`),
        pl.priorityTargets ? t('Prioritas gangguan dengan target respons dan penyelesaian ditetapkan', 'Incident priorities with response and resolution targets are set')
          : t('Belum ada prioritas gangguan dengan target', 'No incident priorities with targets'),
        continuityNeeded
          ? t(`Layanan dengan rencana kelangsungan (Formulir C): ${pl.servicesWithContinuityPlan} dari ${pl.services}`, `Services with a continuity plan (Formulir C): ${pl.servicesWithContinuityPlan} of ${pl.services}`)
          : t('Profil tidak mengklasifikasikan layanan; rencana kelangsungan tidak disyaratkan', 'The profile does not classify services; continuity plans are not required'),
      ],
    },
    {
      met: missing.length === 0,
      evidence: [missing.length
        ? t(`Proses yang diatur tanpa kasus dalam 12 bulan terakhir: ${missing.join(', ')}`, `Regulated processes without cases in the last 12 months: ${missing.join(', ')}`)
        : t(`Semua proses yang diatur memiliki kasus: ${list(required)}`, `Every regulated process has cases: ${list(required)}`)],
    },
    {
      met: used.length > 0 && e.evaluations.published > 0,
      evidence: [
        t(`Proses dijalankan dengan Sigap sebagai Sistem Aplikasi Manajemen Layanan SPBE: ${list(used)}`, `Processes run in Sigap, the service management application: ${list(used)}`),
        e.evaluations.published
          ? t(`Evaluasi diterbitkan dalam 12 bulan terakhir: ${e.evaluations.published} (terakhir ${e.evaluations.lastNumber ?? '—'})`, `Evaluations published in the last 12 months: ${e.evaluations.published} (last ${e.evaluations.lastNumber ?? '—'})`)
          : t('Belum ada evaluasi yang diterbitkan dalam 12 bulan terakhir', 'No evaluation published in the last 12 months'),
      ],
    },
    {
      met: f.done > 0 && f.overdue === 0,
      evidence: [t(
        `Tindak lanjut evaluasi: ${f.done} selesai, ${f.open} terbuka, ${f.overdue} melewati tenggat, dari ${f.total}`,
        `Evaluation follow-ups: ${f.done} done, ${f.open} open, ${f.overdue} overdue, of ${f.total}`,
      )],
    },
  ];
}

/** Decides the maturity level from the evidence: the highest level met with every lower one met (0 when none). */
export function assessMaturity(profile: Profile, evidence: MaturityEvidence): MaturityAssessment {
  const definitions = maturityLevelsOf(profile);
  const results = checks(profile, evidence);
  const levels: MaturityCriterion[] = definitions.map((d) => {
    const r = results[d.level - 1];
    return { level: d.level, criteria: d.criteria, met: r?.met ?? false, evidence: r?.evidence ?? [] };
  });
  let level = 0;
  for (const l of levels) {
    if (!l.met || l.level !== level + 1) break;
    level = l.level;
  }
  const src = profile.evaluation.maturityLevels.length ? profile.evaluation.maturityLevels[0]!.source : INDICATOR_28_LEVELS[0]!.source;
  return { level, levels, evidence, source: sourceText(src) };
}
