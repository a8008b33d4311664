// Release with rollback (Rilis Layanan) as pure rules, spec §5; serang BAB IV D.3, yogyakarta
// 2.2.2.3 Tabel 9, dpr Pasal 12–16, kemenkeu Lampiran II E.3.
//
//   awaiting_plan_approval --decide_plan approve (normal: planApprover before)--> fitness_testing (dpr) | scheduled
//       (standard: no approval; emergency: approval after completion, deadline retrospectiveApprovalWithin)
//   fitness_testing --record_fitness_result (each test, outside working hours)--> awaiting_fitness_approval
//   awaiting_fitness_approval --decide_fitness approve--> scheduled | reject--> fitness_testing (a new round)
//   scheduled --(durable timer to window.start)--> executing
//   executing --every step succeeded--> verifying --every criterion passed--> reviewing
//   executing (a step failed) | verifying (a criterion failed) --> rolling_back (rollbackOrder of started steps)
//   rolling_back --every rollback step succeeded--> reviewing (outcome rolled_back)
//   rolling_back (a step failed after its retries) --> rollback_failed
//   rollback_failed --replay_rollback (administrator: from the failed step, run + 1)--> rolling_back
//   rollback_failed --resolve_rollback (administrator, written justification)--> reviewing (outcome rollback_resolved)
//   reviewing --record_review--> awaiting_retrospective_approval (emergency, undecided) | awaiting_handover (dpr, succeeded) | closed
//   awaiting_handover --sign_handover by every signatory--> maintenance (3 calendar months) --(timer)--> closed
//   awaiting_plan_approval .. scheduled --cancel--> cancelled; awaiting_plan_approval --decide_plan reject--> rejected
//
// Time is passed in (`now`, epoch ms); nothing here reads a clock, so workflows, activities and
// the API run the same rules.
import { addWorkingMs, isWorkingInstant } from './calendar.ts';
import { TIMEZONE_OFFSETS_MINUTES, type BusinessCalendar, type IndonesianTimezone } from './calendarTypes.ts';
import type { CaseInputBase } from './caseInput.ts';
import type { ChangeCategory, Duration, Profile, Source } from './profile.ts';
import {
  rollbackOrder, STEP_RETRY, stepIdempotencyKey,
  type EvaluationCriterion, type RollbackStepSpec, type StepOutcome, type StepSpec,
} from './releasePlan.ts';
import { segregationConflict, segregationRule, type DutyHolder, type SegregationConflict } from './segregation.ts';
import type { Actor, Person } from './requestFulfilment.ts';

// ---- input --------------------------------------------------------------------------------------

/** The change the release implements (spec §5.1: a release is triggered by an approved change). */
export interface ReleaseChangeRef {
  caseId: string;
  number: string;
  workflowId: string;
  category: ChangeCategory;
  /** Username of the person who initiated the change (segregation of duties). */
  initiator: string;
  /** Service codes of the change. */
  services: string[];
}

export const RELEASE_CONTENT_KINDS = ['software', 'component', 'documentation'] as const;
export type ReleaseContentKind = (typeof RELEASE_CONTENT_KINDS)[number];
export interface ReleaseContent { kind: ReleaseContentKind; name: string; version?: string | undefined }

/** The release plan, Formulir H (serang D.3.2–D.3.7, kemenkeu E.3.b.2 a, dpr Pasal 13). */
export interface ReleasePlan {
  /** The downtime window, epoch ms (start < end). */
  window: { start: number; end: number };
  expectedDowntimeMinutes: number;
  contents: ReleaseContent[];
  /** A profile.release.deploymentMethods id when the profile lists any, else free text. */
  method: string;
  steps: StepSpec[];
  evaluationCriteria: EvaluationCriterion[];
  rollbackSteps: RollbackStepSpec[];
  /** Who the downtime is announced to (serang D.3.2 «dikomunikasikan kepada para pihak yang terdampak»). */
  affectedParties: { roles: string[]; users: string[] };
  testResults?: string | undefined;
  impactAnalysis?: string | undefined;
}

export interface ReleaseInput extends CaseInputBase {
  title: string;
  change: ReleaseChangeRef;
  plan: ReleasePlan;
  author: Person;
  /** dpr: the Pemohon who signs the Berita Acara Serah Terima with the head of the IT unit; null elsewhere. */
  requester: Person | null;
  /** The tenant's business calendar (fitness tests outside working hours, retrospective deadline). */
  calendar: BusinessCalendar;
  submittedAt: number;
}

// ---- states and case ----------------------------------------------------------------------------

export const RELEASE_STATES = [
  'awaiting_plan_approval', 'fitness_testing', 'awaiting_fitness_approval', 'scheduled', 'executing', 'verifying',
  'rolling_back', 'rollback_failed', 'reviewing', 'awaiting_retrospective_approval', 'awaiting_handover', 'maintenance',
  'closed', 'rejected', 'cancelled',
] as const;
export type ReleaseState = (typeof RELEASE_STATES)[number];
export const RELEASE_TERMINAL: readonly ReleaseState[] = ['closed', 'rejected', 'cancelled'];
/** States in which the release may still be cancelled (before anything is executed). */
const BEFORE_EXECUTION: readonly ReleaseState[] = ['awaiting_plan_approval', 'fitness_testing', 'awaiting_fitness_approval', 'scheduled'];
/** States after execution finished in which a retrospective (emergency) approval may arrive. */
const AFTER_COMPLETION: readonly ReleaseState[] = ['reviewing', 'awaiting_retrospective_approval', 'awaiting_handover', 'maintenance'];

/**
 * How the release ended: deployed and verified, rolled back, a failed rollback resolved by hand, or
 * failed without a rollback (only where a profile does not require one; none of the five does).
 */
export type ReleaseOutcome = 'succeeded' | 'rolled_back' | 'rollback_resolved' | 'failed';

export type ApprovalMode = 'none' | 'before' | 'after';

export interface Decision { at: number; by: string; name: string; decision: 'approve' | 'reject'; note: string | null }

export interface PlanApproval {
  mode: ApprovalMode;
  role: string | null;
  decision: Decision | null;
  /** Emergency: when the approval after the fact was asked for, and by when it is due (working time). */
  requestedAt: number | null;
  dueAt: number | null;
  /** Emergency: when the missing decision was escalated (once). */
  overdueAt: number | null;
}

export interface FitnessResult { test: string; passed: boolean; summary: string; performedAt: number; recordedAt: number; by: string }

export interface FitnessRound {
  round: number;
  startedAt: number;
  /** The first instant outside working hours at or after the round started (dpr Pasal 14 ayat 2). */
  scheduledAt: number;
  /** When the performer was told the slot has come (the timer fired). */
  notifiedAt: number | null;
  results: FitnessResult[];
  decision: Decision | null;
}

export type StepPhase = 'deploy' | 'rollback';

/** One run of one deploy or rollback step (a replay is a new run with a new idempotency key). */
export interface StepRecord {
  phase: StepPhase;
  step: string;
  title: string;
  kind: StepSpec['kind'];
  run: number;
  status: 'running' | 'succeeded' | 'failed';
  startedAt: number;
  finishedAt: number | null;
  /** http steps: the key the deployment system sees on every retry of this run. */
  idempotencyKey: string | null;
  outcome: StepOutcome | null;
  /** Tries of the activity: STEP_RETRY.maximumAttempts when the retries were used up. */
  attempts: number;
  /** Manual steps: who confirmed. */
  by: string | null;
  note: string | null;
}

export interface CriterionResult {
  criterion: string;
  kind: EvaluationCriterion['kind'];
  passed: boolean;
  detail: string;
  at: number;
  by: string;
  outcome: StepOutcome | null;
}

export interface RollbackFailure { step: string; run: number; detail: string; attempts: number; since: number }

export interface Rollback {
  reason: 'step_failed' | 'criteria_failed';
  /** The deploy step or the criteria that failed. */
  trigger: string[];
  startedAt: number;
  /** Rollback step ids in the order they run (rollbackOrder of the deploy steps that started). */
  order: string[];
  /** Ids of rollback steps that succeeded. */
  done: string[];
  /** Current run number per rollback step (1, then + 1 per replay). */
  runs: Record<string, number>;
  failure: RollbackFailure | null;
  replays: Array<{ at: number; by: string; step: string; run: number; note: string }>;
  resolution: { at: number; by: string; justification: string; step: string } | null;
  completedAt: number | null;
}

export interface HandoverSignature { role: string; username: string; name: string; at: number; note: string | null }

export interface Handover {
  document: { documentId: string; sha256: string } | null;
  renderedAt: number | null;
  signatures: HandoverSignature[];
  /** When the last signatory signed: the handover instant. */
  completedAt: number | null;
}

export interface Maintenance { startedAt: number; endsAt: number; months: number; endedAt: number | null }

export interface ReleaseCase {
  input: ReleaseInput;
  state: ReleaseState;
  approval: PlanApproval;
  fitness: FitnessRound[];
  scheduledAt: number | null;
  executionStartedAt: number | null;
  steps: StepRecord[];
  criteria: CriterionResult[];
  rollback: Rollback | null;
  outcome: ReleaseOutcome | null;
  completedAt: number | null;
  review: { at: number; by: string; name: string; summary: string; followUps: string[] } | null;
  handover: Handover | null;
  maintenance: Maintenance | null;
  cancellation: { at: number; by: string; reason: string } | null;
  /** Who took which duty on this release (segregation of duties). */
  duties: DutyHolder[];
  calendar: BusinessCalendar;
  closedAt: number | null;
  seq: number;
}

// ---- commands and refusals ----------------------------------------------------------------------

export type ReleaseCommand =
  | { action: 'decide_plan'; decision: 'approve' | 'reject'; note?: string | undefined }
  | { action: 'record_fitness_result'; test: string; passed: boolean; summary: string; performedAt: string }
  | { action: 'decide_fitness'; decision: 'approve' | 'reject'; note?: string | undefined }
  | { action: 'confirm_step'; step: string; outcome: 'succeeded' | 'failed'; note?: string | undefined }
  | { action: 'verify'; results: Array<{ criterion: string; passed: boolean; note?: string | undefined }> }
  | { action: 'replay_rollback'; note: string }
  | { action: 'resolve_rollback'; justification: string }
  | { action: 'record_review'; summary: string; followUps?: string[] | undefined }
  | { action: 'sign_handover'; note?: string | undefined }
  | { action: 'cancel'; reason: string };
export type ReleaseAction = ReleaseCommand['action'];
export const RELEASE_ACTIONS: readonly ReleaseAction[] = [
  'decide_plan', 'record_fitness_result', 'decide_fitness', 'confirm_step', 'verify', 'replay_rollback', 'resolve_rollback', 'record_review', 'sign_handover', 'cancel',
];

/** A resolution of a failed rollback must say why (issue 5: «with a written justification»); a Sigap minimum. */
export const RESOLVE_JUSTIFICATION_MIN = {
  value: 20,
  source: { sigapDefault: 'no regulation sets a length; Sigap asks at least 20 characters so a manual resolution states what was done' } satisfies Source,
};

export type ReleaseRefusal =
  | { code: 'not_waiting_for_action'; state: ReleaseState }
  | { code: 'case_closed'; state: ReleaseState }
  | { code: 'missing_role'; roles: string[] }
  | SegregationConflict
  | { code: 'unknown_step'; step: string }
  | { code: 'step_not_waiting'; step: string; waitingFor: string | null }
  | { code: 'unknown_criterion'; criterion: string }
  | { code: 'criterion_not_manual'; criterion: string }
  | { code: 'unknown_fitness_test'; test: string; allowed: string[] }
  | { code: 'invalid_time'; field: string; value: string }
  | { code: 'fitness_inside_working_hours'; performedAt: string }
  | { code: 'fitness_in_future'; performedAt: string }
  | { code: 'fitness_before_scheduling'; performedAt: string; scheduledAt: string }
  | { code: 'fitness_tests_failed'; tests: string[] }
  | { code: 'rollback_not_failed'; state: ReleaseState }
  | { code: 'justification_too_short'; min: number }
  | { code: 'already_signed'; role: string }
  | { code: 'not_named_requester'; username: string }
  | { code: 'approval_already_decided' };

// ---- who does what ------------------------------------------------------------------------------

export interface ReleaseRoles {
  /** Writes the plan (serang: Pengelola Teknis; dpr: the coordinator, Pasal 13 ayat 2). */
  author: string;
  /** Approves the plan (serang D.3.5: Penyedia Layanan; kemenkeu: change coordinator). */
  approver: string;
  /** Executes steps and confirms manual ones: the change category's executor and the technical team. */
  executors: string[];
  /** Agrees the downtime window (serang D.3.2); null where the regulation names none. */
  downtimeAgreedWith: string | null;
  fitness: { performer: string; resultsTo: string; approver: string } | null;
  /** dpr Pasal 15 ayat 3: the head of the IT unit and the requester sign the handover. */
  signatories: string[];
  /** Replays or resolves a failed rollback; is told when one is parked. */
  administrator: string;
  /** Gets the result of the post-implementation review (serang D.3.8: the provider). */
  provider: string[];
  /** Receives escalations (an overdue or negative retrospective approval). */
  escalation: string[];
  maintenance: string | null;
}

export function releaseAvailable(profile: Profile): boolean {
  return profile.release !== null;
}

export function releaseRoles(profile: Profile, category: ChangeCategory | null = null): ReleaseRoles {
  const rel = profile.release;
  if (!rel) throw new RangeError(`profile ${profile.id} has no release process`);
  const has = (r: string) => profile.roles.some((x) => x.id === r);
  const cat = category ? profile.change?.categories.find((c) => c.id === category) : undefined;
  const executors = unique([...(cat?.executorRole ? [cat.executorRole] : []), ...['technical_team'].filter(has)]);
  const fit = rel.fitnessTests;
  return {
    author: rel.planAuthor.role,
    approver: rel.planApprover.role,
    executors: executors.length ? executors : [rel.planAuthor.role],
    downtimeAgreedWith: rel.downtimeAgreedWith?.role ?? null,
    fitness: fit ? { performer: fit.performedByRole, resultsTo: fit.resultsToRole, approver: fit.approverRole } : null,
    signatories: rel.handover?.signatoryRoles ?? [],
    administrator: 'administrator',
    provider: unique([...['service_owner'].filter(has), rel.planApprover.role]),
    escalation: unique(['head_of_unit', 'service_coordinator'].filter(has)).slice(0, 1),
    maintenance: rel.maintenancePeriod?.performedByRole ?? null,
  };
}

/**
 * How the plan of a release is approved, from the change category (serang D.3.5 Tabel Kategori Rilis,
 * spec §4): standard none, normal before execution, emergency after it. A profile without change
 * categories approves every plan before (serang D.3.5 «harus mendapat persetujuan»).
 */
export function approvalMode(profile: Profile, category: ChangeCategory): ApprovalMode {
  const cat = profile.change?.categories.find((c) => c.id === category);
  return cat?.approval ?? 'before';
}

/** The deadline of an approval after the fact (emergency), from the change category. */
export function retrospectiveDeadline(profile: Profile, category: ChangeCategory): Duration | null {
  return profile.change?.categories.find((c) => c.id === category)?.retrospectiveApprovalWithin ?? null;
}

/**
 * Whether this release runs the dpr fitness tests (Pasal 14): where the profile has them, except for an
 * emergency, which must be done now (Sigap choice: dpr defines no emergency changes, and the tests
 * outside working hours could hold a restoration until the evening or the weekend).
 */
export function fitnessRequired(profile: Profile, category: ChangeCategory): boolean {
  return profile.release?.fitnessTests != null && category !== 'emergency';
}

/**
 * Whether the plan's method is one the profile lists (kemenkeu E.3.c.1: phased, continuous, big bang,
 * pull); a profile that lists none takes any method as free text.
 */
export function deploymentMethodRefusal(profile: Profile, method: string): { code: 'release_unknown_method'; method: string; allowed: string[] } | null {
  const allowed = (profile.release?.deploymentMethods ?? []).map((m) => m.id);
  return allowed.length && !allowed.includes(method) ? { code: 'release_unknown_method', method, allowed } : null;
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

// ---- time helpers -------------------------------------------------------------------------------

const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * The first instant at or after `from` that is outside working hours on the calendar (dpr Pasal 14
 * ayat 2: fitness tests «di luar jam kerja»). Working stretches start and end on whole minutes, so the
 * search steps to the next minute boundary while inside one.
 */
export function fitnessSlot(cal: BusinessCalendar, from: number): number {
  let t = from;
  for (let i = 0; i < 8 * 24 * 60 && isWorkingInstant(cal, t); i++) t = Math.floor(t / MINUTE) * MINUTE + MINUTE;
  if (isWorkingInstant(cal, t)) throw new RangeError('the calendar has no time outside working hours within a week');
  return t;
}

function offsetMs(timezone: IndonesianTimezone): number {
  return TIMEZONE_OFFSETS_MINUTES[timezone] * MINUTE;
}

/**
 * `months` calendar months after `t` in the time zone: the same local time of day on the same day of
 * the month, or the month's last day when it is shorter (31 January + 1 month = 28/29 February).
 * dpr Pasal 16 ayat 3: «3 (tiga) bulan kalender setelah serah terima».
 */
export function addCalendarMonths(t: number, months: number, timezone: IndonesianTimezone): number {
  const off = offsetMs(timezone);
  const local = new Date(t + off);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const day = Math.min(local.getUTCDate(), lastDay);
  const tod = (t + off) - Math.floor((t + off) / DAY) * DAY;
  return Date.UTC(y, m, day) + tod - off;
}

// ---- the case ------------------------------------------------------------------------------------

export function newReleaseCase(input: ReleaseInput, profile: Profile): ReleaseCase {
  const mode = approvalMode(profile, input.change.category);
  const roles = releaseRoles(profile, input.change.category);
  const base: ReleaseCase = {
    input, state: 'awaiting_plan_approval',
    approval: { mode, role: mode === 'none' ? null : roles.approver, decision: null, requestedAt: mode === 'before' ? input.submittedAt : null, dueAt: null, overdueAt: null },
    fitness: [], scheduledAt: null, executionStartedAt: null, steps: [], criteria: [], rollback: null, outcome: null, completedAt: null,
    review: null, handover: null, maintenance: null, cancellation: null,
    duties: [{ duty: 'initiate', username: input.change.initiator }],
    calendar: input.calendar, closedAt: null, seq: 0,
  };
  return mode === 'before' ? base : afterPlanApproval(base, profile, input.submittedAt);
}

export function isReleaseClosed(c: ReleaseCase): boolean {
  return RELEASE_TERMINAL.includes(c.state);
}

/** After the plan is approved (or needs no approval before): fitness tests where required, else scheduled. */
function afterPlanApproval(c: ReleaseCase, profile: Profile, now: number): ReleaseCase {
  if (fitnessRequired(profile, c.input.change.category)) return startFitnessRound(c, now);
  return { ...c, state: 'scheduled', scheduledAt: now };
}

function startFitnessRound(c: ReleaseCase, now: number): ReleaseCase {
  const round: FitnessRound = { round: c.fitness.length + 1, startedAt: now, scheduledAt: fitnessSlot(c.calendar, now), notifiedAt: null, results: [], decision: null };
  return { ...c, state: 'fitness_testing', fitness: [...c.fitness, round] };
}

export function currentFitnessRound(c: ReleaseCase): FitnessRound | null {
  return c.fitness.at(-1) ?? null;
}

/** When the performer must be told the fitness slot has come; null when not pending. */
export function fitnessNoticeDueAt(c: ReleaseCase): number | null {
  const round = currentFitnessRound(c);
  return c.state === 'fitness_testing' && round && round.notifiedAt === null ? round.scheduledAt : null;
}

export function markFitnessNotified(c: ReleaseCase, now: number): ReleaseCase {
  const round = currentFitnessRound(c);
  if (!round) return c;
  return { ...c, fitness: [...c.fitness.slice(0, -1), { ...round, notifiedAt: now }] };
}

/** The instant the workflow starts executing: the window's start (durable timer). */
export function executionDueAt(c: ReleaseCase): number | null {
  return c.state === 'scheduled' ? c.input.plan.window.start : null;
}

// ---- refusals ---------------------------------------------------------------------------------

/** Roles that may take an action now (for the read model and the API's acting role). */
export function releaseActionRoles(c: ReleaseCase, action: ReleaseAction, profile: Profile): string[] {
  const r = releaseRoles(profile, c.input.change.category);
  switch (action) {
    case 'decide_plan': return [r.approver];
    case 'record_fitness_result': return r.fitness ? [r.fitness.performer] : [];
    case 'decide_fitness': return r.fitness ? [r.fitness.approver] : [];
    case 'confirm_step': return r.executors;
    case 'verify': return r.executors;
    case 'replay_rollback': case 'resolve_rollback': return [r.administrator];
    // The review by the plan approver or the plan's own author (checked by username in releaseRefusal).
    case 'record_review': return [r.approver];
    case 'sign_handover': return r.signatories.filter((s) => !c.handover?.signatures.some((x) => x.role === s));
    // The plan's author (by username) or the approver may call a release off before it runs.
    case 'cancel': return [r.approver];
  }
}

function statesFor(action: ReleaseAction, c: ReleaseCase): readonly ReleaseState[] {
  switch (action) {
    case 'decide_plan': return c.approval.mode === 'after' ? AFTER_COMPLETION : ['awaiting_plan_approval'];
    case 'record_fitness_result': return ['fitness_testing'];
    case 'decide_fitness': return ['awaiting_fitness_approval'];
    case 'confirm_step': return ['executing', 'rolling_back'];
    case 'verify': return ['verifying'];
    case 'replay_rollback': case 'resolve_rollback': return ['rollback_failed'];
    case 'record_review': return ['reviewing'];
    case 'sign_handover': return ['awaiting_handover'];
    case 'cancel': return BEFORE_EXECUTION;
  }
}

/** The manual step the release waits for, if any (the next deploy step, or the next rollback step). */
export function waitingStep(c: ReleaseCase): { phase: StepPhase; step: StepSpec } | null {
  if (c.state === 'executing') {
    const next = nextDeployStep(c);
    return next && next.kind === 'manual' ? { phase: 'deploy', step: next } : null;
  }
  if (c.state === 'rolling_back') {
    const next = nextRollbackStep(c);
    return next && next.kind === 'manual' ? { phase: 'rollback', step: next } : null;
  }
  return null;
}

/** Manual criteria still without a result. */
export function pendingManualCriteria(c: ReleaseCase): EvaluationCriterion[] {
  return c.input.plan.evaluationCriteria.filter((k) => k.kind === 'manual' && !c.criteria.some((r) => r.criterion === k.id));
}

export function releaseRefusal(c: ReleaseCase, cmd: ReleaseCommand, actor: Actor, profile: Profile, now: number): ReleaseRefusal | null {
  if (isReleaseClosed(c)) return { code: 'case_closed', state: c.state };
  const states = statesFor(cmd.action, c);
  if (!states.includes(c.state)) {
    if (cmd.action === 'replay_rollback' || cmd.action === 'resolve_rollback') return { code: 'rollback_not_failed', state: c.state };
    return { code: 'not_waiting_for_action', state: c.state };
  }
  const roles = releaseActionRoles(c, cmd.action, profile);
  const holds = roles.some((r) => actor.roles.includes(r));
  const rule = segregationRule(profile, 'change');
  const dutyConflict = (duty: string) => segregationConflict(rule, c.duties, { duty, username: actor.username });
  switch (cmd.action) {
    case 'decide_plan': {
      if (!holds) return { code: 'missing_role', roles };
      if (c.approval.decision) return { code: 'approval_already_decided' };
      // The plan author may not approve their own plan; nor may the change's initiator (spec §4, kemenkeu J.2).
      if (actor.username === c.input.author.username) {
        return { code: 'segregation_of_duties', rule: rule?.id ?? 'change', duty: 'approve', conflictsWith: 'plan_author', username: actor.username, relaxable: false, supervisorRole: null };
      }
      return dutyConflict('approve');
    }
    case 'record_fitness_result': {
      if (!holds) return { code: 'missing_role', roles };
      const tests = profile.release?.fitnessTests?.tests.map((t) => t.id) ?? [];
      if (!tests.includes(cmd.test)) return { code: 'unknown_fitness_test', test: cmd.test, allowed: tests };
      const at = Date.parse(cmd.performedAt);
      if (!Number.isFinite(at)) return { code: 'invalid_time', field: 'performedAt', value: cmd.performedAt };
      if (at > now) return { code: 'fitness_in_future', performedAt: cmd.performedAt };
      const round = currentFitnessRound(c)!;
      if (at < round.startedAt) return { code: 'fitness_before_scheduling', performedAt: cmd.performedAt, scheduledAt: new Date(round.scheduledAt).toISOString() };
      if (profile.release?.fitnessTests?.outsideWorkingHours.value && isWorkingInstant(c.calendar, at)) return { code: 'fitness_inside_working_hours', performedAt: cmd.performedAt };
      return null;
    }
    case 'decide_fitness': {
      if (!holds) return { code: 'missing_role', roles };
      const failed = currentFitnessRound(c)!.results.filter((r) => !r.passed).map((r) => r.test);
      if (cmd.decision === 'approve' && failed.length) return { code: 'fitness_tests_failed', tests: failed };
      return null;
    }
    case 'confirm_step': {
      if (!holds) return { code: 'missing_role', roles };
      const known = (c.state === 'executing' ? c.input.plan.steps : c.input.plan.rollbackSteps).some((s) => s.id === cmd.step);
      if (!known) return { code: 'unknown_step', step: cmd.step };
      const waiting = waitingStep(c);
      if (!waiting || waiting.step.id !== cmd.step) return { code: 'step_not_waiting', step: cmd.step, waitingFor: waiting?.step.id ?? null };
      return dutyConflict('implement');
    }
    case 'verify': {
      if (!holds) return { code: 'missing_role', roles };
      for (const r of cmd.results) {
        const k = c.input.plan.evaluationCriteria.find((x) => x.id === r.criterion);
        if (!k) return { code: 'unknown_criterion', criterion: r.criterion };
        if (k.kind !== 'manual') return { code: 'criterion_not_manual', criterion: r.criterion };
      }
      return dutyConflict('implement');
    }
    case 'replay_rollback':
      return holds ? null : { code: 'missing_role', roles };
    case 'resolve_rollback':
      if (!holds) return { code: 'missing_role', roles };
      return cmd.justification.trim().length < RESOLVE_JUSTIFICATION_MIN.value ? { code: 'justification_too_short', min: RESOLVE_JUSTIFICATION_MIN.value } : null;
    case 'record_review':
      return holds || actor.username === c.input.author.username ? null : { code: 'missing_role', roles };
    case 'sign_handover': {
      const all = releaseRoles(profile, c.input.change.category).signatories;
      const mine = all.filter((r) => actor.roles.includes(r));
      if (!mine.length) return { code: 'missing_role', roles };
      const open = mine.filter((r) => roles.includes(r));
      if (!open.length) return { code: 'already_signed', role: mine[0]! };
      // The requester who signs is the one named in the plan (dpr Pasal 15 ayat 3 «dengan Pemohon»).
      if (open.every((r) => r === 'requester') && c.input.requester && c.input.requester.username !== actor.username) {
        return { code: 'not_named_requester', username: actor.username };
      }
      return null;
    }
    case 'cancel':
      return holds || actor.username === c.input.author.username ? null : { code: 'missing_role', roles };
  }
}

/** The role `actor` acts in: one the action names, else the release's author role for its author. */
export function releaseActingRole(c: ReleaseCase, cmd: ReleaseCommand, actor: Actor, profile: Profile): string | null {
  const roles = releaseActionRoles(c, cmd.action, profile);
  return actor.roles.find((r) => roles.includes(r))
    ?? (actor.username === c.input.author.username ? releaseRoles(profile, c.input.change.category).author : null);
}

// ---- applying commands -------------------------------------------------------------------------

function decision(actor: Actor, now: number, d: 'approve' | 'reject', note: string | undefined): Decision {
  return { at: now, by: actor.username, name: actor.name, decision: d, note: note ?? null };
}

/** Applies an allowed command (check `releaseRefusal` first). Step outcomes from activities go through `recordStepOutcome`. */
export function applyReleaseCommand(c: ReleaseCase, cmd: ReleaseCommand, actor: Actor, profile: Profile, now: number): ReleaseCase {
  switch (cmd.action) {
    case 'decide_plan': {
      const approval = { ...c.approval, decision: decision(actor, now, cmd.decision, cmd.note) };
      const duties = [...c.duties, { duty: 'approve', username: actor.username }];
      if (c.approval.mode === 'after') {
        const next = { ...c, approval, duties };
        return c.state === 'awaiting_retrospective_approval' ? afterReview(next, profile, now) : next;
      }
      if (cmd.decision === 'reject') return { ...c, approval, duties, state: 'rejected', closedAt: now };
      return afterPlanApproval({ ...c, approval, duties }, profile, now);
    }
    case 'record_fitness_result': {
      const round = currentFitnessRound(c)!;
      const result: FitnessResult = { test: cmd.test, passed: cmd.passed, summary: cmd.summary, performedAt: Date.parse(cmd.performedAt), recordedAt: now, by: actor.username };
      const results = [...round.results.filter((r) => r.test !== cmd.test), result];
      const tests = profile.release?.fitnessTests?.tests.map((t) => t.id) ?? [];
      const complete = tests.every((t) => results.some((r) => r.test === t));
      return { ...c, state: complete ? 'awaiting_fitness_approval' : 'fitness_testing', fitness: [...c.fitness.slice(0, -1), { ...round, results }] };
    }
    case 'decide_fitness': {
      const round = currentFitnessRound(c)!;
      const fitness = [...c.fitness.slice(0, -1), { ...round, decision: decision(actor, now, cmd.decision, cmd.note) }];
      if (cmd.decision === 'reject') return startFitnessRound({ ...c, fitness }, now);
      return { ...c, fitness, state: 'scheduled', scheduledAt: now };
    }
    case 'confirm_step': {
      const waiting = waitingStep(c)!;
      const started = startStep(c, waiting.phase, waiting.step, now);
      const outcome: StepOutcome = { outcome: cmd.outcome, detail: cmd.note ?? '', httpStatus: null, externalId: null, calls: 0 };
      const withDuty = c.duties.some((d) => d.duty === 'implement' && d.username === actor.username) ? started : { ...started, duties: [...started.duties, { duty: 'implement', username: actor.username }] };
      return recordStepOutcome(withDuty, waiting.phase, waiting.step.id, outcome, profile, now, { by: actor.username, note: cmd.note ?? null, attempts: 1 });
    }
    case 'verify': {
      const results: CriterionResult[] = cmd.results.map((r) => ({
        criterion: r.criterion, kind: 'manual', passed: r.passed, detail: r.note ?? '', at: now, by: actor.username, outcome: null,
      }));
      const criteria = [...c.criteria.filter((x) => !results.some((r) => r.criterion === x.criterion)), ...results];
      const duties = c.duties.some((d) => d.duty === 'implement' && d.username === actor.username) ? c.duties : [...c.duties, { duty: 'implement', username: actor.username }];
      return settleVerification({ ...c, criteria, duties }, profile, now);
    }
    case 'replay_rollback': {
      const rb = c.rollback!;
      const failure = rb.failure!;
      const run = (rb.runs[failure.step] ?? 1) + 1;
      return {
        ...c, state: 'rolling_back',
        rollback: { ...rb, failure: null, runs: { ...rb.runs, [failure.step]: run }, replays: [...rb.replays, { at: now, by: actor.username, step: failure.step, run, note: cmd.note }] },
      };
    }
    case 'resolve_rollback': {
      const rb = c.rollback!;
      return complete({
        ...c, rollback: { ...rb, resolution: { at: now, by: actor.username, justification: cmd.justification, step: rb.failure!.step }, completedAt: now },
      }, 'rollback_resolved', profile, now);
    }
    case 'record_review':
      return afterReview({ ...c, review: { at: now, by: actor.username, name: actor.name, summary: cmd.summary, followUps: cmd.followUps ?? [] } }, profile, now);
    case 'sign_handover': {
      const open = releaseActionRoles(c, 'sign_handover', profile).filter((r) => actor.roles.includes(r));
      const role = open.find((r) => r !== 'requester') ?? open[0]!;
      const handover = c.handover ?? { document: null, renderedAt: null, signatures: [], completedAt: null };
      const signatures = [...handover.signatures, { role, username: actor.username, name: actor.name, at: now, note: cmd.note ?? null }];
      const done = releaseRoles(profile, c.input.change.category).signatories.every((r) => signatures.some((s) => s.role === r));
      if (!done) return { ...c, handover: { ...handover, signatures } };
      const period = profile.release!.maintenancePeriod;
      const next = { ...c, handover: { ...handover, signatures, completedAt: now } };
      if (!period) return { ...next, state: 'closed', closedAt: now };
      return { ...next, state: 'maintenance', maintenance: { startedAt: now, endsAt: addCalendarMonths(now, period.period.months, c.calendar.timezone), months: period.period.months, endedAt: null } };
    }
    case 'cancel':
      return { ...c, state: 'cancelled', closedAt: now, cancellation: { at: now, by: actor.username, reason: cmd.reason } };
  }
}

// ---- execution, verification, rollback -----------------------------------------------------------

/** The window has opened: execution starts. */
export function startExecution(c: ReleaseCase, now: number): ReleaseCase {
  return { ...c, state: 'executing', executionStartedAt: now };
}

/** The next deploy step that has not succeeded, or null when all have. */
export function nextDeployStep(c: ReleaseCase): StepSpec | null {
  return c.input.plan.steps.find((s) => !c.steps.some((r) => r.phase === 'deploy' && r.step === s.id && r.status === 'succeeded')) ?? null;
}

/** The next rollback step to run, or null when the rollback is complete. */
export function nextRollbackStep(c: ReleaseCase): RollbackStepSpec | null {
  const rb = c.rollback;
  if (!rb) return null;
  const id = rb.order.find((s) => !rb.done.includes(s));
  return id === undefined ? null : c.input.plan.rollbackSteps.find((s) => s.id === id) ?? null;
}

/** Ids of deploy steps that started (a rollback step undoing one that never started is skipped). */
export function startedDeploySteps(c: ReleaseCase): string[] {
  return unique(c.steps.filter((r) => r.phase === 'deploy').map((r) => r.step));
}

/** The run number of a step: deploy steps run once; a rollback step's run grows with each replay. */
export function stepRun(c: ReleaseCase, phase: StepPhase, stepId: string): number {
  return phase === 'rollback' ? c.rollback?.runs[stepId] ?? 1 : 1;
}

/** The idempotency key of the current run of a step. */
export function currentStepKey(c: ReleaseCase, phase: StepPhase, stepId: string): string {
  return stepIdempotencyKey(c.input.caseId, phase, stepId, stepRun(c, phase, stepId));
}

/** Marks a step's current run as started (once per run: a replayed workflow or a retry does not add one). */
export function startStep(c: ReleaseCase, phase: StepPhase, step: StepSpec, now: number): ReleaseCase {
  const run = stepRun(c, phase, step.id);
  if (c.steps.some((r) => r.phase === phase && r.step === step.id && r.run === run)) return c;
  const record: StepRecord = {
    phase, step: step.id, title: step.title, kind: step.kind, run, status: 'running', startedAt: now, finishedAt: null,
    idempotencyKey: step.kind === 'http' ? stepIdempotencyKey(c.input.caseId, phase, step.id, run) : null,
    outcome: null, attempts: 0, by: null, note: null,
  };
  return { ...c, steps: [...c.steps, record] };
}

/**
 * Records the outcome of a step's current run and moves on: the next step, verification after the
 * last deploy step, the rollback after a failed deploy step, rollback_failed after a failed rollback
 * step, the completion after the last rollback step.
 */
export function recordStepOutcome(
  c: ReleaseCase, phase: StepPhase, stepId: string, outcome: StepOutcome, profile: Profile, now: number,
  extra: { by?: string | null | undefined; note?: string | null | undefined; attempts: number },
): ReleaseCase {
  const run = stepRun(c, phase, stepId);
  const steps = c.steps.map((r) => (r.phase === phase && r.step === stepId && r.run === run
    ? { ...r, status: outcome.outcome, finishedAt: now, outcome, attempts: extra.attempts, by: extra.by ?? null, note: extra.note ?? null }
    : r));
  const next = { ...c, steps };
  if (phase === 'deploy') {
    if (outcome.outcome === 'failed') return beginRollback(next, 'step_failed', [stepId], profile, now);
    return nextDeployStep(next) ? next : { ...next, state: 'verifying' };
  }
  const rb = next.rollback!;
  if (outcome.outcome === 'failed') {
    return { ...next, state: 'rollback_failed', rollback: { ...rb, failure: { step: stepId, run, detail: outcome.detail, attempts: extra.attempts, since: now } } };
  }
  const done = { ...next, rollback: { ...rb, done: [...rb.done, stepId] } };
  if (nextRollbackStep(done)) return done;
  return complete({ ...done, rollback: { ...done.rollback!, completedAt: now } }, 'rolled_back', profile, now);
}

/** Records an http_check criterion's result. */
export function recordCriterionResult(c: ReleaseCase, criterionId: string, outcome: StepOutcome, now: number): ReleaseCase {
  const result: CriterionResult = { criterion: criterionId, kind: 'http_check', passed: outcome.outcome === 'succeeded', detail: outcome.detail, at: now, by: 'system', outcome };
  return { ...c, criteria: [...c.criteria.filter((r) => r.criterion !== criterionId), result] };
}

/** http_check criteria still to check. */
export function pendingHttpCriteria(c: ReleaseCase): EvaluationCriterion[] {
  return c.input.plan.evaluationCriteria.filter((k) => k.kind === 'http_check' && !c.criteria.some((r) => r.criterion === k.id));
}

/**
 * Decides the verification once every http_check has run: any failed criterion rolls back (serang D.3.7
 * «rencana kontinjensi harus dieksekusi») where the profile requires it; every criterion passed completes
 * the release; otherwise it waits for the manual criteria.
 */
export function settleVerification(c: ReleaseCase, profile: Profile, now: number): ReleaseCase {
  if (c.state !== 'verifying' || pendingHttpCriteria(c).length) return c;
  const failed = c.criteria.filter((r) => !r.passed).map((r) => r.criterion);
  if (failed.length) {
    return profile.release?.rollbackOnFailedCriteria.value === false
      ? complete(c, 'failed', profile, now)
      : beginRollback(c, 'criteria_failed', failed, profile, now);
  }
  return pendingManualCriteria(c).length ? c : complete(c, 'succeeded', profile, now);
}

function beginRollback(c: ReleaseCase, reason: Rollback['reason'], trigger: string[], profile: Profile, now: number): ReleaseCase {
  const order = rollbackOrder(c.input.plan.rollbackSteps, startedDeploySteps(c)).map((s) => s.id);
  const rollback: Rollback = { reason, trigger, startedAt: now, order, done: [], runs: Object.fromEntries(order.map((id) => [id, 1])), failure: null, replays: [], resolution: null, completedAt: null };
  const next: ReleaseCase = { ...c, state: 'rolling_back', rollback };
  return order.length ? next : complete({ ...next, rollback: { ...rollback, completedAt: now } }, 'rolled_back', profile, now);
}

/**
 * Execution is over (succeeded, rolled back, or a failed rollback resolved by hand): the review follows.
 * An emergency release now asks for its approval after the fact (spec §4: «approval by the service owner
 * requested afterwards»), due within the category's deadline (working time on the tenant calendar).
 */
function complete(c: ReleaseCase, outcome: ReleaseOutcome, profile: Profile, now: number): ReleaseCase {
  let next: ReleaseCase = { ...c, state: 'reviewing', outcome, completedAt: now };
  if (c.approval.mode === 'after' && c.approval.requestedAt === null) {
    next = { ...next, approval: { ...next.approval, requestedAt: now, dueAt: deadlineFrom(c.calendar, now, retrospectiveDeadline(profile, c.input.change.category)) } };
  }
  // A profile without a post-implementation review goes straight on.
  return profile.release?.postImplementationReview.value === false ? afterReview(next, profile, now) : next;
}

function deadlineFrom(cal: BusinessCalendar, from: number, within: Duration | null): number | null {
  if (!within) return null;
  return within.basis === 'working' ? addWorkingMs(cal, from, within.ms) : from + within.ms;
}

/** After the review: wait for an outstanding retrospective approval, then the dpr handover of a successful release, else close. */
function afterReview(c: ReleaseCase, profile: Profile, now: number): ReleaseCase {
  if (c.approval.mode === 'after' && !c.approval.decision) return { ...c, state: 'awaiting_retrospective_approval' };
  if (c.outcome === 'succeeded' && profile.release?.handover) {
    return { ...c, state: 'awaiting_handover', handover: c.handover ?? { document: null, renderedAt: null, signatures: [], completedAt: null } };
  }
  return { ...c, state: 'closed', closedAt: now };
}

/** The emergency approval is overdue now (once). */
export function retrospectiveOverdueAt(c: ReleaseCase): number | null {
  const a = c.approval;
  if (a.mode !== 'after' || a.decision || a.overdueAt !== null || a.dueAt === null || isReleaseClosed(c)) return null;
  return a.dueAt;
}

export function markRetrospectiveOverdue(c: ReleaseCase, now: number): ReleaseCase {
  return { ...c, approval: { ...c.approval, overdueAt: now } };
}

export function withHandoverDocument(c: ReleaseCase, doc: { documentId: string; sha256: string }, now: number): ReleaseCase {
  const handover = c.handover ?? { document: null, renderedAt: null, signatures: [], completedAt: null };
  return { ...c, handover: { ...handover, document: doc, renderedAt: now } };
}

/** When the maintenance period ends (timer), or null. */
export function maintenanceEndsAt(c: ReleaseCase): number | null {
  return c.state === 'maintenance' && c.maintenance && c.maintenance.endedAt === null ? c.maintenance.endsAt : null;
}

export function endMaintenance(c: ReleaseCase, now: number): ReleaseCase {
  return { ...c, state: 'closed', closedAt: now, maintenance: c.maintenance ? { ...c.maintenance, endedAt: now } : null };
}

export function withReleaseCalendar(c: ReleaseCase, calendar: BusinessCalendar, profile: Profile): ReleaseCase {
  if (calendar.version <= c.calendar.version) return c;
  // A fitness slot not yet reached is recomputed on the new calendar (e.g. a new holiday).
  const round = currentFitnessRound(c);
  const fitness = c.state === 'fitness_testing' && round && round.notifiedAt === null
    ? [...c.fitness.slice(0, -1), { ...round, scheduledAt: fitnessSlot(calendar, round.startedAt) }] : c.fitness;
  // A retrospective deadline not yet reached is re-targeted on the new calendar.
  const a = c.approval;
  const retarget = a.mode === 'after' && a.requestedAt !== null && a.overdueAt === null && !a.decision;
  const dueAt = retarget ? deadlineFrom(calendar, a.requestedAt!, retrospectiveDeadline(profile, c.input.change.category)) : a.dueAt;
  return { ...c, calendar, fitness, approval: { ...a, dueAt } };
}

// ---- the case's rollback as the admin list shows it --------------------------------------------

/** The retries a step gets before it counts as failed (STEP_RETRY); exported for the API's listing. */
export const STEP_ATTEMPTS = STEP_RETRY.maximumAttempts;

// ---- read model -----------------------------------------------------------------------------------

export interface ReleaseWaiting { action: ReleaseAction; roles: string[]; detail?: Record<string, unknown> | undefined }

export function releaseWaitingFor(c: ReleaseCase, profile: Profile): ReleaseWaiting[] {
  const roles = (a: ReleaseAction) => releaseActionRoles(c, a, profile);
  const out: ReleaseWaiting[] = [];
  switch (c.state) {
    case 'awaiting_plan_approval': out.push({ action: 'decide_plan', roles: roles('decide_plan') }); break;
    case 'fitness_testing': {
      const round = currentFitnessRound(c)!;
      const missing = (profile.release?.fitnessTests?.tests ?? []).map((t) => t.id).filter((t) => !round.results.some((r) => r.test === t));
      out.push({ action: 'record_fitness_result', roles: roles('record_fitness_result'), detail: { tests: missing, from: new Date(round.scheduledAt).toISOString() } });
      break;
    }
    case 'awaiting_fitness_approval': out.push({ action: 'decide_fitness', roles: roles('decide_fitness') }); break;
    case 'executing': case 'rolling_back': {
      const w = waitingStep(c);
      if (w) out.push({ action: 'confirm_step', roles: roles('confirm_step'), detail: { phase: w.phase, step: w.step.id } });
      break;
    }
    case 'verifying': {
      const manual = pendingManualCriteria(c);
      if (!pendingHttpCriteria(c).length && manual.length) out.push({ action: 'verify', roles: roles('verify'), detail: { criteria: manual.map((k) => k.id) } });
      break;
    }
    case 'rollback_failed':
      out.push({ action: 'replay_rollback', roles: roles('replay_rollback') }, { action: 'resolve_rollback', roles: roles('resolve_rollback') });
      break;
    case 'reviewing': out.push({ action: 'record_review', roles: roles('record_review') }); break;
    case 'awaiting_handover': out.push({ action: 'sign_handover', roles: roles('sign_handover') }); break;
    default: break;
  }
  if (c.approval.mode === 'after' && c.approval.requestedAt !== null && !c.approval.decision && AFTER_COMPLETION.includes(c.state)) {
    out.push({ action: 'decide_plan', roles: roles('decide_plan') });
  }
  return out;
}

export function releaseSnapshot(c: ReleaseCase, profile: Profile) {
  const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
  const plan = c.input.plan;
  const due = c.state === 'scheduled' ? plan.window.start
    : c.state === 'fitness_testing' ? currentFitnessRound(c)?.scheduledAt ?? null
      : c.state === 'maintenance' ? c.maintenance?.endsAt ?? null
        : c.approval.mode === 'after' && !c.approval.decision ? c.approval.dueAt : null;
  const lastFailure = c.rollback?.failure;
  return {
    state: c.state,
    priority: null as string | null,
    assignee: null as string | null,
    waitingFor: releaseWaitingFor(c, profile).map((w) => ({ action: w.action, party: { kind: 'role' as const, roles: w.roles }, ...(w.detail ? { detail: w.detail } : {}) })),
    sla: [] as unknown[],
    dueAt: iso(due),
    breached: c.approval.overdueAt !== null,
    slaMet: null as boolean | null,
    closedAt: iso(c.closedAt),
    data: {
      title: c.input.title,
      change: c.input.change,
      services: c.input.change.services,
      category: c.input.change.category,
      author: c.input.author,
      requester: c.input.requester,
      submittedAt: iso(c.input.submittedAt),
      plan: {
        window: { start: iso(plan.window.start), end: iso(plan.window.end) },
        expectedDowntimeMinutes: plan.expectedDowntimeMinutes, contents: plan.contents, method: plan.method,
        steps: plan.steps, evaluationCriteria: plan.evaluationCriteria, rollbackSteps: plan.rollbackSteps,
        affectedParties: plan.affectedParties, testResults: plan.testResults ?? null, impactAnalysis: plan.impactAnalysis ?? null,
      },
      status: c.state,
      approval: {
        ...c.approval, decision: c.approval.decision ? { ...c.approval.decision, at: iso(c.approval.decision.at) } : null,
        requestedAt: iso(c.approval.requestedAt), dueAt: iso(c.approval.dueAt), overdueAt: iso(c.approval.overdueAt),
      },
      fitness: c.fitness.map((r) => ({
        ...r, startedAt: iso(r.startedAt), scheduledAt: iso(r.scheduledAt), notifiedAt: iso(r.notifiedAt),
        results: r.results.map((x) => ({ ...x, performedAt: iso(x.performedAt), recordedAt: iso(x.recordedAt) })),
        decision: r.decision ? { ...r.decision, at: iso(r.decision.at) } : null,
      })),
      scheduledAt: iso(c.scheduledAt),
      executionStartedAt: iso(c.executionStartedAt),
      steps: c.steps.map((s) => ({ ...s, startedAt: iso(s.startedAt), finishedAt: iso(s.finishedAt) })),
      criteria: c.criteria.map((r) => ({ ...r, at: iso(r.at) })),
      rollback: c.rollback ? {
        ...c.rollback, startedAt: iso(c.rollback.startedAt), completedAt: iso(c.rollback.completedAt),
        failure: c.rollback.failure ? { ...c.rollback.failure, since: iso(c.rollback.failure.since) } : null,
        replays: c.rollback.replays.map((r) => ({ ...r, at: iso(r.at) })),
        resolution: c.rollback.resolution ? { ...c.rollback.resolution, at: iso(c.rollback.resolution.at) } : null,
      } : null,
      /** For the administrators' list of parked rollbacks (GET /admin/rollbacks). */
      failedRollback: c.state === 'rollback_failed' && lastFailure
        ? { step: lastFailure.step, run: lastFailure.run, lastError: lastFailure.detail, attempts: lastFailure.attempts, since: iso(lastFailure.since) } : null,
      outcome: c.outcome,
      completedAt: iso(c.completedAt),
      review: c.review ? { ...c.review, at: iso(c.review.at) } : null,
      handover: c.handover ? {
        ...c.handover, renderedAt: iso(c.handover.renderedAt), completedAt: iso(c.handover.completedAt),
        signatures: c.handover.signatures.map((s) => ({ ...s, at: iso(s.at) })),
      } : null,
      maintenance: c.maintenance ? { ...c.maintenance, startedAt: iso(c.maintenance.startedAt), endsAt: iso(c.maintenance.endsAt), endedAt: iso(c.maintenance.endedAt) } : null,
      cancellation: c.cancellation ? { ...c.cancellation, at: iso(c.cancellation.at) } : null,
      closedAt: iso(c.closedAt),
    },
  };
}
export type ReleaseSnapshot = ReturnType<typeof releaseSnapshot>;
