// The semester evaluation as pure rules: each chapter by its analyst, obstacles required where the
// figures show a miss, follow-ups with profile roles and dates after the period, approval and return
// by the approver, the analysis clock (paused while the approver reads), Formulir I's data and the
// review calendar.
import fc from 'fast-check';
import { addWorkingMs } from '../../policy/calendar.ts';
import {
  analysisDueAt, applyEvaluationCommand, evaluationRefusal, evaluationSnapshot, fireAnalysisThreshold, followUpItems, formulirIData, improvementRefusal, isLocalDate,
  measureMissed, missingChapters, newEvaluationCase, nextAnalysisThreshold, reviewCalendar, rolesMissing, withFigures,
  type EvaluationCase, type EvaluationCommand,
} from '../../policy/evaluation.ts';
import { getProfile } from '../../policy/profiles/index.ts';
import { WORKING_DAY } from '../../policy/profiles/defaults.ts';
import type { Actor } from '../../policy/requestFulfilment.ts';
import { analysis, evaluationInput, evaluators, SERANG_ANALYSTS, serangFigures, S1_2026 } from '../fixtures/evaluation.ts';
import { testCalendar } from '../fixtures/requests.ts';

const serang = getProfile('serang');
const OPENED = Date.parse('2026-07-01T01:00:00+07:00');
const CHAPTERS = ['A', 'B', 'C', 'D', 'E'];

function opened(missed: Array<'A' | 'B' | 'C' | 'D' | 'E'> = []): EvaluationCase {
  return withFigures(newEvaluationCase(evaluationInput(OPENED), serang), serangFigures(S1_2026, missed));
}
const run = (c: EvaluationCase, cmd: EvaluationCommand, actor: Actor, at = OPENED + 3_600_000) => {
  const refusal = evaluationRefusal(c, cmd, actor, serang);
  if (refusal) throw new Error(JSON.stringify(refusal));
  return applyEvaluationCommand(c, cmd, actor, at, serang);
};
const allIn = (c: EvaluationCase) => CHAPTERS.reduce((k, ch) => run(k, analysis(ch), SERANG_ANALYSTS[ch]!), c);

test('each chapter is analysed by its own role only, and only once the figures are in', () => {
  const before = newEvaluationCase(evaluationInput(OPENED), serang);
  expect(evaluationRefusal(before, analysis('A'), evaluators.coordinator, serang)).toEqual({ code: 'not_waiting_for_action', state: 'analysing' });
  const c = opened();
  expect(evaluationRefusal(c, analysis('A'), evaluators.tech, serang)).toEqual({ code: 'missing_role', roles: ['service_coordinator'] });
  expect(evaluationRefusal(c, analysis('C'), evaluators.coordinator, serang)).toEqual({ code: 'missing_role', roles: ['technical_team'] });
  expect(evaluationRefusal(c, analysis('D'), evaluators.recovery, serang)).toBeNull();
  expect(evaluationRefusal(c, analysis('F'), evaluators.coordinator, serang)).toEqual({ code: 'chapter_not_in_evaluation', chapters: ['F'], known: CHAPTERS });
  expect(evaluationRefusal(c, { action: 'approve' }, evaluators.head, serang)).toEqual({ code: 'not_waiting_for_action', state: 'analysing' });
});

test('a chapter whose figures show a miss needs its obstacles; others may leave them empty', () => {
  const c = opened(['A', 'E']);
  const empty = (chapter: string): EvaluationCommand => ({ action: 'submit_analysis', chapter, obstacles: '  ', improvements: '' });
  expect(evaluationRefusal(c, empty('A'), evaluators.coordinator, serang)).toEqual({ code: 'obstacles_required', chapter: 'A' });
  expect(evaluationRefusal(c, empty('E'), evaluators.tech, serang)).toEqual({ code: 'obstacles_required', chapter: 'E' });
  expect(evaluationRefusal(c, empty('B'), evaluators.coordinator, serang)).toBeNull();
  const f = serangFigures(S1_2026, ['C', 'D']);
  expect(['requests', 'incidents', 'availability', 'recovery', 'releases'].map((m) => measureMissed(f, m as 'requests'))).toEqual([false, false, true, true, false]);
});

test('follow-ups name profile roles and fall due after the period', () => {
  const c = opened();
  const withFollowUp = (f: { description: string; ownerRole?: string; dueOn?: string }) => evaluationRefusal(c, analysis('A', [f]), evaluators.coordinator, serang);
  expect(withFollowUp({ description: 'Pelatihan', ownerRole: 'wizard' })).toEqual({ code: 'unknown_owner_role', roles: ['wizard'] });
  expect(withFollowUp({ description: 'Pelatihan', dueOn: '2026-06-30' })).toEqual({ code: 'follow_up_due_before_period_end', dueOn: '2026-06-30', periodEnd: '2026-06-30' });
  expect(withFollowUp({ description: 'Pelatihan', dueOn: '2026-02-30' })?.code).toBe('follow_up_due_before_period_end');
  expect(withFollowUp({ description: 'Pelatihan', ownerRole: 'service_desk', dueOn: '2026-07-01' })).toBeNull();
  expect(isLocalDate('2028-02-29')).toBe(true);
  expect(isLocalDate('2027-02-29')).toBe(false);
});

test('all chapters in → approving (clock paused); return clears chapters and resumes; approve publishes', () => {
  let c = opened();
  c = run(c, analysis('A', [{ description: 'Tambah petugas', ownerRole: 'service_desk', dueOn: '2026-09-30' }]), evaluators.coordinator);
  // Resubmitting replaces the analysis.
  c = run(c, analysis('A', [{ description: 'Tambah dua petugas', dueOn: '2026-09-30' }, { description: 'Pelatihan' }]), evaluators.coordinator);
  expect(c.analyses).toHaveLength(1);
  expect(missingChapters(c, serang)).toEqual(['B', 'C', 'D', 'E']);
  expect(rolesMissing(c, serang)).toEqual(['service_coordinator', 'technical_team', 'recovery_coordinator']);
  c = ['B', 'C', 'D', 'E'].reduce((k, ch) => run(k, analysis(ch), SERANG_ANALYSTS[ch]!), c);
  expect(c.state).toBe('approving');
  expect(c.clock.pausedAt).not.toBeNull();
  expect(nextAnalysisThreshold(c)).toBeNull();
  expect(evaluationRefusal(c, { action: 'approve' }, evaluators.coordinator, serang)).toEqual({ code: 'missing_role', roles: ['head_of_unit'] });
  expect(evaluationRefusal(c, { action: 'return', chapters: ['Z'], reason: 'x' }, evaluators.head, serang)?.code).toBe('chapter_not_in_evaluation');

  c = run(c, { action: 'return', chapters: ['B', 'D'], reason: 'Lengkapi data' }, evaluators.head);
  expect(c.state).toBe('analysing');
  expect(missingChapters(c, serang)).toEqual(['B', 'D']);
  expect(c.clock.runningSince).not.toBeNull();
  expect(evaluationSnapshot(c, serang, OPENED).waitingFor).toEqual([
    { action: 'submit_analysis', party: { kind: 'role', roles: ['service_coordinator', 'recovery_coordinator'] }, chapters: ['B', 'D'] },
  ]);
  c = run(run(c, analysis('B'), evaluators.coordinator), analysis('D'), evaluators.recovery);
  c = run(c, { action: 'approve', note: 'Disetujui' }, evaluators.head);
  expect(c.state).toBe('published');
  expect(evaluationRefusal(c, { action: 'cancel', reason: 'x' }, evaluators.admin, serang)).toEqual({ code: 'case_closed', state: 'published' });
  expect(followUpItems(c).map((f) => [f.chapter, f.index, f.description, f.dueOn])).toEqual([['A', 0, 'Tambah dua petugas', '2026-09-30'], ['A', 1, 'Pelatihan', null]]);
  const form = formulirIData(c, serang);
  expect(form).toMatchObject({ published: true, approval: { by: 'kadis', note: 'Disetujui' }, period: { label: '2026-S1' } });
  expect(form.chapters.map((ch) => [ch.id, ch.analysedByRole, ch.analysis?.by])).toEqual([
    ['A', 'service_coordinator', 'koordinator'], ['B', 'service_coordinator', 'koordinator'], ['C', 'technical_team', 'teknis'],
    ['D', 'recovery_coordinator', 'pemulihan'], ['E', 'technical_team', 'teknis'],
  ]);
});

test('cancel: by the approver or an administrator, before publication', () => {
  const c = opened();
  expect(evaluationRefusal(c, { action: 'cancel', reason: 'Salah periode' }, evaluators.coordinator, serang)).toEqual({ code: 'missing_role', roles: ['head_of_unit', 'administrator'] });
  const cancelled = run(c, { action: 'cancel', reason: 'Salah periode' }, evaluators.admin);
  expect(cancelled).toMatchObject({ state: 'cancelled', cancellation: { by: 'admin', reason: 'Salah periode' } });
  expect(nextAnalysisThreshold(cancelled)).toBeNull();
});

test('the analysis deadline: 10 working days from the opening, reminders at 50/75/90 %', () => {
  let c = opened();
  const due = addWorkingMs(testCalendar, OPENED, 10 * WORKING_DAY);
  expect(analysisDueAt(c)).toBe(due);
  const fired: string[] = [];
  for (let next = nextAnalysisThreshold(c); next; next = nextAnalysisThreshold(c)) {
    fired.push(`${next.threshold.id}@${next.dueAt - OPENED}`);
    c = fireAnalysisThreshold(c, next.threshold, next.dueAt);
  }
  expect(fired.map((f) => f.split('@')[0])).toEqual(['warning-500', 'warning-750', 'warning-900', 'breach']);
  expect(Number(fired.at(-1)!.split('@')[1])).toBe(due - OPENED);
  expect(c.escalatedAt).toBe(due);
});

test('property: chapters submitted in any order by their analysts reach approval exactly when the last is in', () => {
  fc.assert(fc.property(fc.shuffledSubarray(CHAPTERS, { minLength: 1, maxLength: 5 }), (order) => {
    let c = opened(['A', 'C']);
    order.forEach((ch, i) => {
      c = run(c, analysis(ch), SERANG_ANALYSTS[ch]!);
      expect(c.state).toBe(i === CHAPTERS.length - 1 ? 'approving' : 'analysing');
    });
    expect(missingChapters(c, serang)).toEqual(CHAPTERS.filter((ch) => !order.includes(ch)));
    // Nobody but a chapter's analyst may submit it.
    for (const ch of CHAPTERS) {
      for (const who of Object.values(evaluators)) {
        const refusal = evaluationRefusal(c, analysis(ch), who, serang);
        if (c.state === 'analysing' && who !== SERANG_ANALYSTS[ch] && !who.roles.includes(SERANG_ANALYSTS[ch]!.roles[0]!)) expect(refusal?.code).toBe('missing_role');
      }
    }
  }));
  expect(allIn(opened()).state).toBe('approving');
});

test('the review calendar: the semester evaluation in January and July, the monthly availability report every month', () => {
  expect(reviewCalendar(serang)).toEqual([
    expect.objectContaining({ id: 'evaluation', months: [1, 7] }),
    expect.objectContaining({ id: 'availability_report', months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] }),
  ]);
  for (const id of ['dpr', 'kemenkeu', 'yogyakarta', 'setwapres']) {
    const p = getProfile(id);
    const cal = reviewCalendar(p);
    expect(cal[0]!.months.length * p.evaluation.cadence.perMonths).toBeGreaterThanOrEqual(12 * p.evaluation.cadence.atLeast);
    expect(cal).toHaveLength(1 + p.evaluation.reviews.length);
  }
});

test('the improvement register: dpr\'s methods and recommendation kinds only; owner roles of the profile; real dates', () => {
  const dpr = getProfile('dpr');
  expect(improvementRefusal(dpr, { method: 'benchmarking', recommendationKind: 'internal' })).toBeNull();
  expect(improvementRefusal(dpr, { method: 'survey' })?.code).toBe('unknown_improvement_method');
  expect(improvementRefusal(dpr, { recommendationKind: 'external' })?.code).toBe('unknown_recommendation_kind');
  expect(improvementRefusal(serang, { method: 'audit' })).toEqual({ code: 'unknown_improvement_method', params: { method: 'audit', known: '-' } });
  expect(improvementRefusal(serang, { ownerRole: 'wizard' })?.code).toBe('unknown_owner_role');
  expect(improvementRefusal(serang, { dueOn: '2026-13-01' })?.code).toBe('invalid_due_date');
  expect(improvementRefusal(serang, {})).toBeNull();
});
