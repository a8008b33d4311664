// Conformance provers of the evaluation rules (`evaluation.*`; serang BAB II C and BAB IV E, yogyakarta
// 2.3 and Tabel 14, kemenkeu Lampiran I D.5, dpr Pasal 22–24, setwapres L.1): each runs the pure rules
// the semesterEvaluation workflow, its Schedule, the improvement register and the maturity assessment
// apply (policy/evaluation.ts, policy/evaluationPeriod.ts, policy/maturity.ts) against the profile's value.
import { addWorkingMs, makeCalendar } from '../../policy/calendar.ts';
import {
  applyEvaluationCommand, evaluationRefusal, evaluationRoles, fireAnalysisThreshold, formulirIData, improvementRefusal, missingChapters,
  newEvaluationCase, nextAnalysisThreshold, reviewCalendar, withFigures, type EvaluationCase, type EvaluationCommand,
} from '../../policy/evaluation.ts';
import type { EvaluationFigures } from '../../policy/evaluationFigures.ts';
import { periodEndedBefore, periodMonths, periodOf, periodStartMonths } from '../../policy/evaluationPeriod.ts';
import { assessMaturity, regulatedProcesses, type MaturityEvidence } from '../../policy/maturity.ts';
import type { Frequency, Profile } from '../../policy/profile.ts';
import { calendarOfProfile } from '../../policy/profileCalendar.ts';
import type { RegulatedValue } from '../../policy/profileNumbers.ts';
import type { Actor } from '../../policy/requestFulfilment.ts';
import type { Prover } from './provers.ts';

function fail(message: string): never {
  throw new Error(message);
}
const person = (username: string, roles: string[]): Actor => ({ username, name: username, roles });
const OPENED = Date.parse('2026-07-01T01:00:00+07:00');

function figuresFor(profile: Profile): EvaluationFigures {
  const period = periodOf('2026-S1', profile.timezone);
  return {
    period, computedAt: period.to, requests: null, incidents: null, maintenance: null, availability: null, recovery: null, releases: null,
    changes: null, problems: null, followUps: null, empty: true,
  };
}

function evaluationCase(profile: Profile): EvaluationCase {
  const calendar = makeCalendar({ ...calendarOfProfile(profile), holidays: [], version: 1 });
  const input = {
    caseId: 'conformance', tenantId: profile.id, profileId: profile.id, number: 'EVL-0', period: periodOf('2026-S1', profile.timezone),
    trigger: 'schedule' as const, requestedBy: null, openedAt: OPENED, calendar,
  };
  return withFigures(newEvaluationCase(input, profile), figuresFor(profile));
}

const analysisOf = (chapter: string): EvaluationCommand => ({
  action: 'submit_analysis', chapter, obstacles: 'Hambatan', improvements: 'Peluang', followUps: [{ description: 'Tindak lanjut', dueOn: '2026-12-31' }],
});

/** Every chapter analysed by its analyst: the case then waits for the approver. */
function allAnalysed(profile: Profile): EvaluationCase {
  return evaluationRoles(profile).chapters.reduce((c, ch) => {
    const refusal = evaluationRefusal(c, analysisOf(ch.id), person(`a-${ch.role}`, [ch.role]), profile);
    if (refusal) fail(`chapter ${ch.id} refused to ${ch.role}: ${JSON.stringify(refusal)}`);
    return applyEvaluationCommand(c, analysisOf(ch.id), person(`a-${ch.role}`, [ch.role]), OPENED + 3_600_000, profile);
  }, evaluationCase(profile));
}

/** In every run of `perMonths` consecutive months (over two years) at least `atLeast` due months. */
function coversFrequency(months: number[], f: Frequency): void {
  const due = new Set([...months, ...months.map((m) => m + 12), ...months.map((m) => m + 24)]);
  for (let start = 1; start <= 12; start++) {
    let n = 0;
    for (let m = start; m < start + f.perMonths; m++) if (due.has(m)) n++;
    if (n < f.atLeast) fail(`only ${n} runs in ${f.perMonths} months from month ${start} (months ${months.join(', ')})`);
  }
}

function fullEvidence(profile: Profile): MaturityEvidence {
  return {
    at: '2026-07-01T00:00:00.000Z', windowFrom: '2025-07-01T00:00:00.000Z',
    processes: regulatedProcesses(profile).map((p) => ({ ...p, cases: 3, lastCaseAt: '2026-06-01T00:00:00.000Z' })),
    planning: { catalogueItems: 4, catalogueItemsWithTarget: 4, services: 4, servicesWithContinuityPlan: 4, priorityTargets: true },
    evaluations: { published: 1, lastPublishedAt: '2026-01-20T00:00:00.000Z', lastNumber: 'EVL-2026-000001' },
    followUps: { total: 2, done: 2, open: 0, overdue: 0 },
  };
}

export const EVALUATION_PROVERS: Array<{ pattern: RegExp; prover: Prover }> = [
  {
    pattern: /^evaluation\.cadence$/,
    prover: { kind: 'proof', name: 'policy/evaluationPeriod: the Schedule fires at the start of each period (atLeast per perMonths) and evaluates the period just ended; consecutive periods tile the year', prove(profile) {
      const f = profile.evaluation.cadence;
      const months = periodStartMonths(f);
      coversFrequency(months, f);
      const length = periodMonths(f);
      months.forEach((m) => {
        const run = Date.parse(`2027-${String(m).padStart(2, '0')}-01T01:00:00Z`) - 7 * 3_600_000;
        const p = periodEndedBefore(run, f, profile.timezone);
        const expectedFrom = m - length <= 0 ? `2026-${String(m - length + 12).padStart(2, '0')}-01` : `2027-${String(m - length).padStart(2, '0')}-01`;
        if (p.fromDate !== expectedFrom) fail(`the run of month ${m} evaluates ${p.fromDate}..${p.toDate}, expected from ${expectedFrom}`);
        if (Date.parse(p.to) > run) fail(`the run of month ${m} evaluates a period that has not ended`);
      });
    } },
  },
  {
    pattern: /^evaluation\.chapters\.\d+(\.analysedBy)?$/,
    prover: { kind: 'proof', name: 'policy/evaluation: the evaluation waits for exactly the profile\'s chapters, each analysed by its role only; other chapters are refused', prove(profile, rule: RegulatedValue) {
      const index = Number(rule.path.split('.')[2]);
      const chapter = profile.evaluation.chapters[index] ?? fail(`no chapter ${index}`);
      const c = evaluationCase(profile);
      const ids = profile.evaluation.chapters.map((x) => x.id);
      if (missingChapters(c, profile).join('|') !== ids.join('|')) fail('the evaluation does not wait for exactly the profile\'s chapters');
      const role = chapter.analysedBy.role;
      if (evaluationRefusal(c, analysisOf(chapter.id), person('a', [role]), profile) !== null) fail(`${role} may not analyse chapter ${chapter.id}`);
      const other = profile.roles.find((r) => r.id !== role)!.id;
      if (evaluationRefusal(c, analysisOf(chapter.id), person('o', [other]), profile)?.code !== 'missing_role') fail(`${other} may analyse chapter ${chapter.id}`);
      if (evaluationRefusal(c, analysisOf('no-such-chapter'), person('a', [role]), profile)?.code !== 'chapter_not_in_evaluation') fail('an unknown chapter was accepted');
      const done = applyEvaluationCommand(c, analysisOf(chapter.id), person('a', [role]), OPENED + 1, profile);
      if (missingChapters(done, profile).includes(chapter.id)) fail(`chapter ${chapter.id} still missing after its analysis`);
      if (ids.length > 1 && done.state !== 'analysing') fail('approval before every chapter was analysed');
    } },
  },
  {
    pattern: /^evaluation\.chapterContents\.\d+$/,
    prover: { kind: 'proof', name: 'policy/evaluation: Formulir I carries, per chapter, the recap figures of its measures, the analysis of obstacles and improvements, and the follow-up actions', prove(profile) {
      const c = allAnalysed(profile);
      const form = formulirIData(c, profile);
      if (form.figures !== c.figures) fail('Formulir I lacks the recap figures');
      if (form.chapters.length !== profile.evaluation.chapters.length) fail('Formulir I lacks chapters');
      for (const ch of form.chapters) {
        const want = profile.evaluation.chapters.find((x) => x.id === ch.id)!;
        if (ch.measures.join('|') !== want.measures.join('|')) fail(`chapter ${ch.id}: measures differ`);
        if (!ch.analysis?.obstacles || !ch.analysis.improvements) fail(`chapter ${ch.id}: no analysis`);
        if (ch.analysis.followUps.length !== 1) fail(`chapter ${ch.id}: follow-ups missing`);
      }
    } },
  },
  {
    pattern: /^evaluation\.reviews\.\d+\.frequency$/,
    prover: { kind: 'proof', name: 'policy/evaluation reviewCalendar: each periodic review falls due at least atLeast times in every perMonths months', prove(profile, rule: RegulatedValue) {
      const index = Number(rule.path.split('.')[2]);
      const review = profile.evaluation.reviews[index] ?? fail(`no review ${index}`);
      const entry = reviewCalendar(profile).find((r) => r.id === review.id) ?? fail(`review ${review.id} not in the calendar`);
      coversFrequency(entry.months, rule.value as Frequency);
    } },
  },
  {
    pattern: /^evaluation\.maturityLevels\.\d+$/,
    prover: { kind: 'proof', name: 'policy/maturity assessMaturity: the profile\'s levels are the ones assessed, and full evidence reaches the highest', prove(profile, rule: RegulatedValue) {
      const level = rule.value as { level: number; criteria: { id: string } };
      const a = assessMaturity(profile, fullEvidence(profile));
      const assessed = a.levels.find((l) => l.level === level.level) ?? fail(`level ${level.level} not assessed`);
      if (assessed.criteria.id !== level.criteria.id) fail(`level ${level.level} assessed by other criteria`);
      if (a.level < level.level) fail(`full evidence reaches only level ${a.level}`);
      const noFollowUp = assessMaturity(profile, { ...fullEvidence(profile), followUps: { total: 1, done: 0, open: 1, overdue: 1 } });
      if (level.level === 5 && noFollowUp.level >= 5) fail('level 5 without acted-on follow-ups');
    } },
  },
  {
    pattern: /^evaluation\.improvement\.(methods|recommendationKinds)\.\d+$/,
    prover: { kind: 'proof', name: 'policy/evaluation improvementRefusal: the register accepts exactly the profile\'s methods and recommendation kinds', prove(profile, rule: RegulatedValue) {
      const id = (rule.value as { id: string }).id;
      const field = rule.path.includes('.methods.') ? 'method' : 'recommendationKind';
      if (improvementRefusal(profile, { [field]: id }) !== null) fail(`${field} ${id} refused`);
      if (improvementRefusal(profile, { [field]: `${id}_other` }) === null) fail(`an unknown ${field} was accepted`);
    } },
  },
  {
    pattern: /^evaluation\.improvement\.register$/,
    prover: { kind: 'proof', name: 'policy/evaluation improvementRefusal: register entries with the profile\'s methods and kinds are accepted (POST /improvements; GET /reports/improvement-register)', prove(profile) {
      const imp = profile.evaluation.improvement ?? fail('no register');
      for (const m of imp.methods) for (const k of imp.recommendationKinds) {
        if (improvementRefusal(profile, { method: m.id, recommendationKind: k.id }) !== null) fail(`${m.id}/${k.id} refused`);
      }
    } },
  },
  {
    pattern: /^evaluation\.analysisWithin$/,
    prover: { kind: 'proof', name: 'policy/evaluation: the analyses are due analysisWithin after the opening (reminders first, the escalation exactly at the deadline); the clock pauses once every chapter is in', prove(profile) {
      const d = profile.evaluation.analysisWithin;
      let c = evaluationCase(profile);
      const due = d.basis === 'working' ? addWorkingMs(c.calendar, OPENED, d.ms) : OPENED + d.ms;
      let breachAt: number | null = null;
      for (let next = nextAnalysisThreshold(c); next; next = nextAnalysisThreshold(c)) {
        if (next.threshold.kind === 'breach') breachAt = next.dueAt;
        c = fireAnalysisThreshold(c, next.threshold, next.dueAt);
      }
      if (breachAt !== due) fail(`escalation at ${breachAt}, expected ${due}`);
      if (nextAnalysisThreshold(allAnalysed(profile)) !== null) fail('the deadline still runs with every chapter in');
    } },
  },
  {
    pattern: /^evaluation\.approvedBy$/,
    prover: { kind: 'proof', name: 'policy/evaluation: only the approvedBy role approves or returns; the overdue analyses escalate to it', prove(profile, rule: RegulatedValue) {
      const role = (rule.value as { role: string }).role;
      const c = allAnalysed(profile);
      if (evaluationRefusal(c, { action: 'approve' }, person('h', [role]), profile) !== null) fail(`${role} may not approve`);
      const other = profile.roles.find((r) => r.id !== role)!.id;
      if (evaluationRefusal(c, { action: 'approve' }, person('o', [other]), profile)?.code !== 'missing_role') fail(`${other} may approve`);
      if (evaluationRefusal(c, { action: 'return', chapters: [profile.evaluation.chapters[0]!.id], reason: 'x' }, person('o', [other]), profile)?.code !== 'missing_role') fail(`${other} may return`);
      if (evaluationRoles(profile).approvedBy !== role) fail('the escalation goes elsewhere');
      const published = applyEvaluationCommand(c, { action: 'approve' }, person('h', [role]), OPENED + 7_200_000, profile);
      if (published.state !== 'published') fail('approval did not publish');
    } },
  },
];
