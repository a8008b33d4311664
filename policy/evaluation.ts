// The semester evaluation (Laporan Evaluasi, Formulir I) as pure rules; serang BAB II C and BAB IV E,
// yogyakarta 2.3, kemenkeu Lampiran I D.5 (management review), dpr Pasal 22–24.
//
//   analysing --submit_analysis (each chapter's analysedBy role; all chapters in)--> approving
//   approving --approve (approvedBy)--> published          (Formulir I stored, follow-ups become improvement_action rows)
//   approving --return {chapters, reason} (approvedBy)--> analysing (those chapters cleared)
//   analysing | approving --cancel (approvedBy or administrator)--> cancelled
//
// - serang E.2.3: each chapter holds the recap (the figures Sigap computes, policy/evaluationFigures.ts),
//   «Analisa atas hambatan yang mengakibatkan tidak tercapainya target serta peluang penyempurnaan» and
//   «Tindak lanjut penyempurnaan yang akan dilakukan». A chapter whose figures show a missed target
//   needs its obstacles written (Sigap rule: a miss without an analysis cannot be evaluated).
// - The analyses are due `analysisWithin` after the evaluation opens (working time, Sigap default 10
//   working days): reminders at the SLA warning shares to the roles whose chapters are missing, one
//   escalation to the approver at the deadline; the evaluation keeps waiting. The clock pauses while
//   every chapter is in (approval), resumes when the approver returns chapters.
import type { BusinessCalendar } from './calendarTypes.ts';
import type { CaseInputBase } from './caseInput.ts';
import type { EvaluationFigures, EvaluationPeriod } from './evaluationFigures.ts';
import type { MaturityAssessment } from './maturity.ts';
import { periodStartMonths } from './evaluationPeriod.ts';
import type { EvaluationMeasure, Profile } from './profile.ts';
import type { Actor } from './requestFulfilment.ts';
import { clockView, dueAtOf, markFired, nextThreshold, pauseClock, pendingThresholds, resumeClock, startClock, stopClock, type SlaClock, type Threshold } from './sla.ts';

export interface EvaluationInput extends CaseInputBase {
  period: EvaluationPeriod;
  trigger: 'schedule' | 'manual';
  requestedBy: { username: string; name: string } | null;
  openedAt: number;
  calendar: BusinessCalendar;
}

/** A follow-up action a chapter's analysis commits to (serang E.2.3 c «Tindak lanjut penyempurnaan»). */
export interface FollowUpPlan {
  description: string;
  ownerRole: string | null;
  /** Local date YYYY-MM-DD. */
  dueOn: string | null;
}

export interface ChapterAnalysis {
  chapter: string;
  /** serang E.2.3 b: obstacles that kept the target from being met … */
  obstacles: string;
  /** … and opportunities to improve the framework. */
  improvements: string;
  followUps: FollowUpPlan[];
  by: string;
  name: string;
  at: number;
}

/** Formulir I: everything the report template reads (rendered by reports/models/evaluation.ts). */
export interface FormulirIData {
  number: string;
  state: string;
  /** Published (approved) or a draft (figures only, analyses so far). */
  published: boolean;
  period: EvaluationPeriod;
  figures: EvaluationFigures;
  chapters: Array<{
    id: string;
    title: { id: string; en: string };
    measures: string[];
    analysedByRole: string;
    analysis: { obstacles: string; improvements: string; followUps: FollowUpPlan[]; by: string; name: string; at: string } | null;
  }>;
  approval: { by: string; name: string; at: string; note: string | null } | null;
  maturity: MaturityAssessment | null;
  /** The follow-up actions this evaluation created (numbers in improvement_action), once published. */
  createdActions: Array<{ number: string; chapter: string; description: string; dueOn: string | null }>;
}

export const EVALUATION_STATES = ['analysing', 'approving', 'published', 'cancelled'] as const;
export type EvaluationState = (typeof EVALUATION_STATES)[number];

export type EvaluationCommand =
  | { action: 'submit_analysis'; chapter: string; obstacles: string; improvements: string; followUps?: Array<{ description: string; ownerRole?: string | undefined; dueOn?: string | undefined }> | undefined }
  | { action: 'approve'; note?: string | undefined }
  | { action: 'return'; chapters: string[]; reason: string }
  | { action: 'cancel'; reason: string };
export type EvaluationAction = EvaluationCommand['action'];
export const EVALUATION_ACTIONS: readonly EvaluationAction[] = ['submit_analysis', 'approve', 'return', 'cancel'];

export interface EvaluationCase {
  input: EvaluationInput;
  state: EvaluationState;
  /** Computed by the workflow's first activity; null until then (nothing can be submitted before). */
  figures: EvaluationFigures | null;
  analyses: ChapterAnalysis[];
  returns: Array<{ chapters: string[]; reason: string; by: string; name: string; at: number }>;
  approval: { by: string; name: string; at: number; note: string | null } | null;
  cancellation: { by: string; name: string; at: number; reason: string } | null;
  /** The analysis deadline (analysisWithin from the opening). */
  clock: SlaClock;
  escalatedAt: number | null;
  document: { documentId: string; sha256: string } | null;
  createdActions: FormulirIData['createdActions'];
  /** Indicator-28 maturity as the records showed it at publication (null before). */
  maturity: MaturityAssessment | null;
  calendar: BusinessCalendar;
  closedAt: number | null;
  seq: number;
}

export type EvaluationRefusal =
  | { code: 'not_waiting_for_action'; state: EvaluationState }
  | { code: 'case_closed'; state: EvaluationState }
  | { code: 'missing_role'; roles: string[] }
  | { code: 'chapter_not_in_evaluation'; chapters: string[]; known: string[] }
  | { code: 'obstacles_required'; chapter: string }
  | { code: 'unknown_owner_role'; roles: string[] }
  | { code: 'follow_up_due_before_period_end'; dueOn: string; periodEnd: string };

// ---- who does what ----------------------------------------------------------------------------------

export interface EvaluationRoles {
  /** Chapter id → the role that analyses it. */
  chapters: Array<{ id: string; role: string }>;
  approvedBy: string;
  /** Who may cancel: the approver and the administrator. */
  cancelledBy: string[];
}

export function evaluationRoles(profile: Profile): EvaluationRoles {
  const e = profile.evaluation;
  const approvedBy = e.approvedBy.role;
  return {
    chapters: e.chapters.map((c) => ({ id: c.id, role: c.analysedBy.role })),
    approvedBy,
    cancelledBy: [...new Set([approvedBy, 'administrator'])],
  };
}

/** Roles that may open an evaluation on demand: the approver, every chapter analyst, the administrator. */
export function evaluationOpenerRoles(profile: Profile): string[] {
  const r = evaluationRoles(profile);
  return [...new Set([r.approvedBy, ...r.chapters.map((c) => c.role), 'administrator'])];
}

// ---- the figures: which chapter shows a miss ----------------------------------------------------------

/** Whether the figures of a measure show a missed target (then the chapter's obstacles are required). */
export function measureMissed(figures: EvaluationFigures, measure: EvaluationMeasure): boolean {
  switch (measure) {
    case 'requests': case 'incidents': case 'maintenance': {
      const f = figures[measure];
      return f !== null && (f.notMet > 0 || f.breachedOpenAtEnd > 0);
    }
    case 'availability': return (figures.availability?.notMet ?? 0) > 0;
    case 'recovery': return (figures.recovery?.notMet ?? 0) > 0;
    case 'releases': {
      const r = figures.releases;
      return r !== null && r.rolledBack + r.failedRollback + r.failed + r.rollbackFailedOpen > 0;
    }
    case 'follow_ups': return (figures.followUps?.overdue ?? 0) > 0;
    // Counts and ratings without a target: nothing to miss.
    case 'changes': case 'problems': case 'satisfaction': return false;
  }
}

export function chapterMissed(profile: Profile, figures: EvaluationFigures, chapterId: string): boolean {
  const chapter = profile.evaluation.chapters.find((c) => c.id === chapterId);
  return chapter !== undefined && chapter.measures.some((m) => measureMissed(figures, m));
}

// ---- the case ------------------------------------------------------------------------------------------

export function newEvaluationCase(input: EvaluationInput, profile: Profile): EvaluationCase {
  const within = profile.evaluation.analysisWithin;
  const clock = startClock({ id: 'analysis', targetMs: within.ms, basis: within.basis, warningPermille: profile.sla.warningPermille.value }, input.openedAt);
  return {
    input, state: 'analysing', figures: null, analyses: [], returns: [], approval: null, cancellation: null, clock, escalatedAt: null,
    document: null, createdActions: [], maturity: null, calendar: input.calendar, closedAt: null, seq: 0,
  };
}

export function isEvaluationClosed(c: EvaluationCase): boolean {
  return c.state === 'published' || c.state === 'cancelled';
}

export function withFigures(c: EvaluationCase, figures: EvaluationFigures): EvaluationCase {
  return { ...c, figures };
}

/** Chapters still without an analysis, in the profile's order. */
export function missingChapters(c: EvaluationCase, profile: Profile): string[] {
  const done = new Set(c.analyses.map((a) => a.chapter));
  return profile.evaluation.chapters.map((x) => x.id).filter((id) => !done.has(id));
}

/** Roles whose chapters are still missing (reminders go to them). */
export function rolesMissing(c: EvaluationCase, profile: Profile): string[] {
  const missing = new Set(missingChapters(c, profile));
  return [...new Set(evaluationRoles(profile).chapters.filter((x) => missing.has(x.id)).map((x) => x.role))];
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date YYYY-MM-DD (not 2026-02-30). */
export function isLocalDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

export function evaluationRefusal(c: EvaluationCase, cmd: EvaluationCommand, actor: Actor, profile: Profile): EvaluationRefusal | null {
  if (isEvaluationClosed(c)) return { code: 'case_closed', state: c.state };
  const roles = evaluationRoles(profile);
  const needRole = (allowed: string[]): EvaluationRefusal | null => (allowed.some((r) => actor.roles.includes(r)) ? null : { code: 'missing_role', roles: allowed });
  const known = roles.chapters.map((x) => x.id);
  switch (cmd.action) {
    case 'submit_analysis': {
      if (c.state !== 'analysing' || c.figures === null) return { code: 'not_waiting_for_action', state: c.state };
      const chapter = roles.chapters.find((x) => x.id === cmd.chapter);
      if (!chapter) return { code: 'chapter_not_in_evaluation', chapters: [cmd.chapter], known };
      const missing = needRole([chapter.role]);
      if (missing) return missing;
      if (chapterMissed(profile, c.figures, chapter.id) && cmd.obstacles.trim() === '') return { code: 'obstacles_required', chapter: chapter.id };
      const profileRoles = new Set(profile.roles.map((r) => r.id));
      const badRoles = (cmd.followUps ?? []).map((f) => f.ownerRole).filter((r): r is string => r !== undefined && !profileRoles.has(r));
      if (badRoles.length) return { code: 'unknown_owner_role', roles: [...new Set(badRoles)] };
      // A follow-up is due after the period it follows up (string order is date order for YYYY-MM-DD).
      const early = (cmd.followUps ?? []).find((f) => f.dueOn !== undefined && (!isLocalDate(f.dueOn) || f.dueOn <= c.input.period.toDate));
      if (early) return { code: 'follow_up_due_before_period_end', dueOn: early.dueOn!, periodEnd: c.input.period.toDate };
      return null;
    }
    case 'approve':
      if (c.state !== 'approving') return { code: 'not_waiting_for_action', state: c.state };
      return needRole([roles.approvedBy]);
    case 'return': {
      if (c.state !== 'approving') return { code: 'not_waiting_for_action', state: c.state };
      const missing = needRole([roles.approvedBy]);
      if (missing) return missing;
      const unknown = cmd.chapters.filter((x) => !known.includes(x));
      return unknown.length ? { code: 'chapter_not_in_evaluation', chapters: unknown, known } : null;
    }
    case 'cancel':
      return needRole(roles.cancelledBy);
  }
}

/** The role `actor` acts in: the chapter's, the canceller's or the approver's role when held, else their first. */
export function evaluationActingRole(cmd: EvaluationCommand, actor: Actor, profile: Profile): string | null {
  const roles = evaluationRoles(profile);
  const wanted = cmd.action === 'submit_analysis' ? roles.chapters.filter((c) => c.id === cmd.chapter).map((c) => c.role)
    : cmd.action === 'cancel' ? roles.cancelledBy : [roles.approvedBy];
  return wanted.find((r) => actor.roles.includes(r)) ?? actor.roles[0] ?? null;
}

const trimmed = (v: string | undefined): string | null => {
  const t = v?.trim();
  return t ? t : null;
};

export function applyEvaluationCommand(c: EvaluationCase, cmd: EvaluationCommand, actor: Actor, now: number, profile: Profile): EvaluationCase {
  switch (cmd.action) {
    case 'submit_analysis': {
      const analysis: ChapterAnalysis = {
        chapter: cmd.chapter, obstacles: cmd.obstacles.trim(), improvements: cmd.improvements.trim(),
        followUps: (cmd.followUps ?? []).map((f) => ({ description: f.description.trim(), ownerRole: f.ownerRole ?? null, dueOn: f.dueOn ?? null })),
        by: actor.username, name: actor.name, at: now,
      };
      // Resubmitting while still analysing replaces the chapter's analysis.
      const order = profile.evaluation.chapters.map((x) => x.id);
      const analyses = [...c.analyses.filter((a) => a.chapter !== cmd.chapter), analysis].sort((a, b) => order.indexOf(a.chapter) - order.indexOf(b.chapter));
      const next = { ...c, analyses };
      if (missingChapters(next, profile).length > 0) return next;
      // All in: the analysis deadline no longer runs while the approver reads.
      return { ...next, state: 'approving', clock: pauseClock(c.clock, now, c.calendar) };
    }
    case 'approve':
      return {
        ...c, state: 'published', closedAt: now, clock: stopClock(c.clock, now, c.calendar),
        approval: { by: actor.username, name: actor.name, at: now, note: trimmed(cmd.note) },
      };
    case 'return': {
      const cleared = new Set(cmd.chapters);
      return {
        ...c, state: 'analysing', analyses: c.analyses.filter((a) => !cleared.has(a.chapter)), clock: resumeClock(c.clock, now),
        returns: [...c.returns, { chapters: [...cleared], reason: cmd.reason.trim(), by: actor.username, name: actor.name, at: now }],
      };
    }
    case 'cancel':
      return {
        ...c, state: 'cancelled', closedAt: now, clock: stopClock(c.clock, now, c.calendar),
        cancellation: { by: actor.username, name: actor.name, at: now, reason: cmd.reason.trim() },
      };
  }
}

export function withPublication(
  c: EvaluationCase,
  published: { document: { documentId: string; sha256: string }; createdActions: FormulirIData['createdActions']; maturity?: MaturityAssessment | null | undefined },
): EvaluationCase {
  return { ...c, document: published.document, createdActions: published.createdActions, maturity: published.maturity ?? null };
}

/** The follow-up items of the analyses, in chapter order with their index (the idempotency key of improvement_action). */
export function followUpItems(c: EvaluationCase): Array<FollowUpPlan & { chapter: string; index: number }> {
  return c.analyses.flatMap((a) => a.followUps.map((f, index) => ({ ...f, chapter: a.chapter, index })));
}

// ---- the improvement register ------------------------------------------------------------------------------

export type ImprovementRefusal = {
  code: 'unknown_improvement_method' | 'unknown_recommendation_kind' | 'unknown_owner_role' | 'invalid_due_date';
  params: Record<string, string>;
};

/**
 * A register entry names only the methods and recommendation kinds the profile regulates (dpr
 * Pasal 22 ayat (3), Pasal 24 ayat (2); none where the profile has no register), a profile role as
 * owner and a real date.
 */
export function improvementRefusal(profile: Profile, entry: { method?: string | undefined; recommendationKind?: string | undefined; ownerRole?: string | undefined; dueOn?: string | undefined }): ImprovementRefusal | null {
  const improvement = profile.evaluation.improvement;
  const methods = improvement?.methods.map((m) => m.id) ?? [];
  const kinds = improvement?.recommendationKinds.map((k) => k.id) ?? [];
  if (entry.method !== undefined && !methods.includes(entry.method)) return { code: 'unknown_improvement_method', params: { method: entry.method, known: methods.join(', ') || '-' } };
  if (entry.recommendationKind !== undefined && !kinds.includes(entry.recommendationKind)) return { code: 'unknown_recommendation_kind', params: { kind: entry.recommendationKind, known: kinds.join(', ') || '-' } };
  if (entry.ownerRole !== undefined && !profile.roles.some((r) => r.id === entry.ownerRole)) return { code: 'unknown_owner_role', params: { roles: entry.ownerRole } };
  if (entry.dueOn !== undefined && !isLocalDate(entry.dueOn)) return { code: 'invalid_due_date', params: { dueOn: entry.dueOn } };
  return null;
}

// ---- the analysis deadline ---------------------------------------------------------------------------------

/** The next reminder or the deadline while chapters are missing (none while the clock is paused). */
export function nextAnalysisThreshold(c: EvaluationCase): { threshold: Threshold; dueAt: number } | null {
  if (isEvaluationClosed(c)) return null;
  const next = nextThreshold(c.clock, c.clock.runningSince ?? 0, c.calendar);
  return next ? { threshold: next.threshold, dueAt: next.dueAt } : null;
}

/** Every pending threshold of the analysis clock with its due instant (issue 8 reminder timing). */
export function pendingAnalysisThresholds(c: EvaluationCase): Array<{ threshold: Threshold; dueAt: number }> {
  return isEvaluationClosed(c) ? [] : pendingThresholds(c.clock, c.calendar);
}

export function fireAnalysisThreshold(c: EvaluationCase, t: Threshold, now: number): EvaluationCase {
  return { ...c, clock: markFired(c.clock, t.id), escalatedAt: t.kind === 'breach' ? now : c.escalatedAt };
}

/** When the analyses are due (null while paused or stopped). */
export function analysisDueAt(c: EvaluationCase): number | null {
  return dueAtOf(c.clock, c.clock.targetMs, c.calendar);
}

// ---- read model ------------------------------------------------------------------------------------------

export function evaluationWaitingFor(c: EvaluationCase, profile: Profile): Array<{ action: EvaluationAction; roles: string[]; chapters?: string[] }> {
  const roles = evaluationRoles(profile);
  switch (c.state) {
    case 'analysing': {
      const missing = missingChapters(c, profile);
      return [{ action: 'submit_analysis', roles: rolesMissing(c, profile), chapters: missing }];
    }
    case 'approving': return [{ action: 'approve', roles: [roles.approvedBy] }, { action: 'return', roles: [roles.approvedBy] }];
    default: return [];
  }
}

const iso = (t: number) => new Date(t).toISOString();
const isoOr = (t: number | null) => (t === null ? null : iso(t));

export function evaluationSnapshot(c: EvaluationCase, profile: Profile, now: number) {
  const roles = evaluationRoles(profile);
  const view = clockView(c.clock, Math.max(now, c.clock.startedAt), c.calendar);
  const due = analysisDueAt(c);
  return {
    state: c.state as string,
    priority: null as string | null,
    assignee: null as string | null,
    waitingFor: evaluationWaitingFor(c, profile).map((w) => ({ action: w.action, party: { kind: 'role' as const, roles: w.roles }, ...(w.chapters ? { chapters: w.chapters } : {}) })),
    sla: [c.clock] as unknown[],
    dueAt: c.state === 'analysing' && due !== null ? iso(due) : null,
    breached: view.breached,
    slaMet: view.stopped && c.state === 'published' ? !view.breached : null,
    closedAt: isoOr(c.closedAt),
    data: {
      period: c.input.period, trigger: c.input.trigger, requestedBy: c.input.requestedBy, openedAt: iso(c.input.openedAt),
      approvedByRole: roles.approvedBy,
      chapters: profile.evaluation.chapters.map((ch) => {
        const a = c.analyses.find((x) => x.chapter === ch.id);
        return {
          id: ch.id, title: ch.title, measures: ch.measures, analysedByRole: ch.analysedBy.role,
          missed: c.figures ? chapterMissed(profile, c.figures, ch.id) : null,
          analysis: a ? { ...a, at: iso(a.at) } : null,
        };
      }),
      missingChapters: c.state === 'analysing' ? missingChapters(c, profile) : [],
      figures: c.figures,
      returns: c.returns.map((r) => ({ ...r, at: iso(r.at) })),
      approval: c.approval ? { ...c.approval, at: iso(c.approval.at) } : null,
      cancellation: c.cancellation ? { ...c.cancellation, at: iso(c.cancellation.at) } : null,
      dueAt: due === null ? null : iso(due), analysisClock: view, escalatedAt: isoOr(c.escalatedAt),
      document: c.document, createdActions: c.createdActions,
      closedAt: isoOr(c.closedAt),
    },
  };
}
export type EvaluationSnapshot = ReturnType<typeof evaluationSnapshot>;

// ---- Formulir I ------------------------------------------------------------------------------------------

/** What Formulir I shows of the case (maturity: assessed by the publishing activity from the records). */
export function formulirIData(c: EvaluationCase, profile: Profile, maturity: MaturityAssessment | null = c.maturity ?? null): FormulirIData {
  if (c.figures === null) throw new RangeError(`evaluation ${c.input.number} has no figures yet`);
  return {
    number: c.input.number, state: c.state, published: c.state === 'published', period: c.input.period, figures: c.figures,
    chapters: profile.evaluation.chapters.map((ch) => {
      const a = c.analyses.find((x) => x.chapter === ch.id);
      return {
        id: ch.id, title: ch.title, measures: [...ch.measures], analysedByRole: ch.analysedBy.role,
        analysis: a ? { obstacles: a.obstacles, improvements: a.improvements, followUps: a.followUps, by: a.by, name: a.name, at: iso(a.at) } : null,
      };
    }),
    approval: c.approval ? { ...c.approval, at: iso(c.approval.at) } : null,
    maturity,
    createdActions: c.createdActions,
  };
}

// ---- the review calendar -----------------------------------------------------------------------------------

/**
 * The months (1–12) in which each periodic review of the profile falls due in a year: `atLeast` runs
 * every `perMonths` months, evenly spaced from January — the months the evaluation's Schedule fires in
 * (policy/evaluationPeriod.ts periodStartMonths), and the same rule as the monthly report's Schedule
 * (policy/availabilityReport.ts availabilityReportCalendar). The evaluation itself is listed as 'evaluation'.
 */
export function reviewCalendar(profile: Profile): Array<{ id: string; title: { id: string; en: string }; role: string | null; months: number[] }> {
  const e = profile.evaluation;
  return [
    { id: 'evaluation', title: { id: 'Evaluasi Manajemen Layanan', en: 'Service management evaluation' }, role: e.approvedBy.role, months: periodStartMonths(e.cadence) },
    ...e.reviews.map((r) => ({ id: r.id, title: r.title, role: r.role, months: periodStartMonths(r.frequency) })),
  ];
}
