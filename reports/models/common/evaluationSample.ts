// A complete made-up evaluation (every figure present, every list non-empty) for a profile's chapters:
// the sample an uploaded Formulir I / management review template is checked against.
import type { FormulirIData } from '../../../policy/evaluation.ts';
import type { CaseChapterFigures, EvaluationFigures, GroupAttainment } from '../../../policy/evaluationFigures.ts';
import { getProfile } from '../../../policy/profiles/index.ts';

const sat = (ratings: number, meanMilli: number | null) => ({ ratings, meanMilli });

function group(key: string, name: string, completed: number, met: number): GroupAttainment {
  return {
    key, name, completed, met, notMet: completed - met, attainmentBp: Math.floor((met * 10_000) / completed),
    satisfaction: sat(completed, 4200), meetsTarget: met === completed,
  };
}

function caseChapter(byPriority: GroupAttainment[]): CaseChapterFigures {
  return {
    received: 12, completed: 10, met: 8, notMet: 2, attainmentBp: 8000, openAtEnd: 2, breachedOpenAtEnd: 1, satisfaction: sat(9, 4111),
    byService: [group('AKUN-EMAIL', 'Pembuatan akun surel', 6, 6), group('HOSTING', 'Hosting aplikasi', 4, 2)],
    byPriority,
    months: ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'].map((month, i) => ({
      month, received: 2, completed: i === 0 ? 0 : 2, met: i === 0 ? 0 : i === 3 ? 0 : 2, notMet: i === 3 ? 2 : 0,
      attainmentBp: i === 0 ? null : i === 3 ? 0 : 10_000, satisfaction: sat(i === 0 ? 0 : 2, i === 0 ? null : 4000),
    })),
    servicesMeetingTarget: 1, servicesMissingTarget: 1,
  };
}

export function sampleFigures(): EvaluationFigures {
  const period = {
    from: '2025-12-31T17:00:00.000Z', to: '2026-06-30T17:00:00.000Z', fromDate: '2026-01-01', toDate: '2026-06-30', label: '2026-S1',
    title: { id: 'Semester I 2026', en: 'First half of 2026' },
  };
  return {
    period, computedAt: '2026-07-01T01:00:00.000Z',
    requests: caseChapter([]),
    incidents: caseChapter([group('P1', 'Prioritas 1', 4, 3), group('P3', 'Prioritas 3', 6, 5)]),
    maintenance: caseChapter([]),
    availability: {
      services: [
        { code: 'PERIZINAN', name: 'Perizinan Online', targetPercent: 95, committedMs: 15_638_400_000, downtimeMs: 36_000_000, basisPoints: 9976, met: true },
        { code: 'SIMPEG', name: 'SIMPEG', targetPercent: 99.5, committedMs: 15_638_400_000, downtimeMs: 172_800_000, basisPoints: 9889, met: false },
      ],
      met: 1, notMet: 1, withoutTarget: 0,
    },
    recovery: {
      executions: [{
        caseId: '00000000-0000-4000-8000-000000000001', number: 'BCN-2026-000001', mode: 'exercise', at: '2026-02-01T01:00:00.000Z', state: 'closed',
        services: [{ code: 'PERIZINAN', name: 'Perizinan Online', rtoMet: true, rpoMet: false }], met: false,
      }],
      met: 0, notMet: 1, unmeasured: 0,
    },
    releases: {
      completed: 4, succeeded: 2, rolledBack: 1, failedRollback: 1, failed: 0, rollbackFailedOpen: 0,
      byService: [{ key: 'SIMPEG', name: 'SIMPEG', completed: 4, succeeded: 2, rolledBack: 1, failedRollback: 1, failed: 0 }],
    },
    changes: { received: 5, completed: 4, openAtEnd: 1, byState: [{ key: 'closed', count: 4 }, { key: 'awaiting_approval', count: 1 }] },
    problems: { received: 2, completed: 1, openAtEnd: 1, byState: [{ key: 'closed', count: 1 }, { key: 'investigating', count: 1 }] },
    followUps: {
      total: 2, done: 1, open: 1, overdue: 1, dropped: 0,
      items: [
        { id: '00000000-0000-4000-8000-000000000002', number: 'TL-2026-0001', evaluationNumber: 'EVL-2025-000002', chapter: 'A', description: 'Menambah petugas layanan', ownerRole: 'service_desk', dueOn: '2026-03-31', status: 'done', resolvedAt: '2026-03-20T03:00:00.000Z', resolution: 'Dua petugas ditambah' },
        { id: '00000000-0000-4000-8000-000000000003', number: 'TL-2026-0002', evaluationNumber: 'EVL-2025-000002', chapter: 'C', description: 'Memasang pemantauan memori', ownerRole: 'technical_team', dueOn: '2026-04-30', status: 'open', resolvedAt: null, resolution: null },
      ],
    },
    empty: false,
  };
}

/** A published evaluation of the profile's chapters, each analysed with one follow-up action. */
export function sampleFormulirIData(profileId: string): FormulirIData {
  const profile = getProfile(profileId);
  const at = '2026-07-06T03:00:00.000Z';
  const chapters = profile.evaluation.chapters.map((c) => ({
    id: c.id, title: c.title, measures: [...c.measures], analysedByRole: c.analysedBy.role,
    analysis: {
      obstacles: 'Kekurangan petugas pada jam sibuk', improvements: 'Otomasi pembuatan akun',
      followUps: [{ description: `Tindak lanjut bab ${c.id}`, ownerRole: c.analysedBy.role, dueOn: '2026-12-31' }],
      by: 'koordinator', name: 'Koordinator Layanan', at,
    },
  }));
  return {
    number: 'EVL-2026-000001', state: 'published', published: true, period: sampleFigures().period, figures: sampleFigures(),
    chapters,
    approval: { by: 'kadis', name: 'Kepala Dinas', at: '2026-07-10T03:00:00.000Z', note: 'Disetujui' },
    maturity: {
      level: 3, source: 'PermenPANRB 59/2020 indikator 28',
      levels: [
        { level: 1, criteria: { id: 'Dilaksanakan tanpa perencanaan', en: 'Done without a plan' }, met: true, evidence: [{ id: 'Ada kasus permintaan', en: 'Request cases exist' }] },
        { level: 4, criteria: { id: 'Dengan aplikasi dan dievaluasi', en: 'With an application and evaluated' }, met: false, evidence: [{ id: 'Belum ada evaluasi terbit', en: 'No published evaluation' }] },
      ],
      evidence: {
        at, windowFrom: '2025-07-06T03:00:00.000Z', processes: [],
        planning: { catalogueItems: 1, catalogueItemsWithTarget: 1, services: 1, servicesWithContinuityPlan: 1, priorityTargets: true },
        evaluations: { published: 0, lastPublishedAt: null, lastNumber: null }, followUps: { total: 0, done: 0, open: 0, overdue: 0 },
      },
    },
    createdActions: chapters.map((c, i) => ({ number: `TL-2026-${String(i + 3).padStart(4, '0')}`, chapter: c.id, description: `Tindak lanjut bab ${c.id}`, dueOn: '2026-12-31' })),
  };
}
