// The periodic incident review's Temporal Schedule per tenant (created at API boot when missing) and
// the on-demand run (POST /api/v1/problem-reviews). serang BAB IV B.3.5: «sedikitnya dua kali dalam
// setahun»; the profile's `problemReview.frequency` sets the cadence (twice a year for all five).
import { createHash, randomUUID } from 'node:crypto';
import { ScheduleOverlapPolicy, WorkflowExecutionAlreadyStartedError, type ScheduleOptions } from '@temporalio/client';
import { parsePeriod, periodBetween, problemRoles, recurrenceThreshold, reviewIntervalMonths, reviewMonths, type ReviewPeriod } from '../../policy/problem.ts';
import type { Profile } from '../../policy/profile.ts';
import { problemReview, type ProblemReviewInput, type ProblemReviewResult } from '../../workflows/problemReview.ts';
import { SA } from '../../workflows/searchAttributes.ts';
import type { Principal } from '../auth/principal.ts';
import type { ApiDeps } from '../deps.ts';
import { problem } from '../http/problem.ts';
import type { ProblemReviewBody } from '../schemas/problems.ts';
import { principalKeyOf } from './intake.ts';
import { describeSchedule, ensureSchedules, SCHEDULE_MONTHS, scheduleSummary, tenantProfiles, type EnsuredSchedule } from './schedules.ts';
import { loadTenant, profileOf } from './tenants.ts';

const MONTHS = SCHEDULE_MONTHS;

/**
 * How late a missed review may still start after the Temporal service was down at its due time:
 * 30 days (a Sigap choice). A review started late still reviews the period that was due (the
 * workflow reads the scheduled time), so catching up is always right; beyond 30 days an operator
 * runs it on demand.
 */
export const REVIEW_CATCHUP_WINDOW_MS = 30 * 24 * 3_600_000;

export const reviewScheduleId = (tenantId: string) => `problem-review:${tenantId}`;

/** The Schedule of a tenant's review: 00:00 local time on the first day of each review month; null without a review in the profile. */
export function problemReviewSchedule(tenantId: string, profile: Profile, taskQueue: string): ScheduleOptions | null {
  const interval = reviewIntervalMonths(profile);
  if (interval === null) return null;
  const months = reviewMonths(interval).map((m) => MONTHS[m - 1]!);
  const input: ProblemReviewInput = { tenantId, trigger: 'schedule' };
  return {
    scheduleId: reviewScheduleId(tenantId),
    spec: {
      calendars: [{
        month: months, dayOfMonth: 1, hour: 0, minute: 0, second: 0,
        comment: `Reviu berkala gangguan (${profile.problemReview!.frequency.atLeast}× per ${profile.problemReview!.frequency.perMonths} bulan) untuk periode yang baru berakhir`,
      }],
      timezone: profile.timezone,
    },
    action: {
      type: 'startWorkflow', workflowType: problemReview, workflowId: `problem-review:${tenantId}`, taskQueue, args: [input],
      typedSearchAttributes: [{ key: SA.tenant, value: tenantId }, { key: SA.caseType, value: 'problem_review' }],
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: REVIEW_CATCHUP_WINDOW_MS, pauseOnFailure: false },
    memo: { source: profile.problemReview!.frequency.source },
  };
}

/** Creates each tenant's review Schedule unless it exists (an existing one, maybe paused by an operator, is left as it is). */
export async function ensureProblemReviewSchedules(deps: ApiDeps): Promise<EnsuredSchedule[]> {
  const tenants = await tenantProfiles(deps);
  return ensureSchedules(deps, tenants.map((t) => ({ tenantId: t.tenantId, options: problemReviewSchedule(t.tenantId, t.profile, deps.config.TEMPORAL_TASK_QUEUE) })));
}

export async function describeReviewSchedule(deps: ApiDeps, principal: Principal) {
  const profile = profileOf(await loadTenant(deps.orm.em.fork(), principal.tenantId));
  const base = {
    scheduleId: reviewScheduleId(principal.tenantId), frequency: profile.problemReview?.frequency ?? null, threshold: recurrenceThreshold(profile),
  };
  const d = await describeSchedule(deps, base.scheduleId);
  // The months the review runs in, from the Schedule's calendar ranges (e.g. JANUARY–DECEMBER step 6).
  const months = (d?.spec.calendars ?? []).flatMap((c) => c.month.flatMap((r) => {
    const from = MONTHS.indexOf(r.start as never) + 1;
    const to = MONTHS.indexOf(r.end as never) + 1;
    return Array.from({ length: to - from + 1 }, (_, i) => from + i).filter((_, i) => i % Math.max(1, r.step ?? 1) === 0);
  }));
  return { ...base, ...scheduleSummary(d), months };
}

function periodOfBody(body: ProblemReviewBody, timezone: string, now: number): ReviewPeriod {
  const named = body.period !== undefined;
  const dated = body.from !== undefined || body.to !== undefined;
  if (named === dated) throw problem(422, 'invalid_period');
  const period = named ? parsePeriod(body.period!, timezone) : (body.from && body.to ? periodBetween(body.from, body.to, timezone) : null);
  if (!period || period.from >= now) throw problem(422, 'invalid_period');
  return period;
}

const RESULT_WAIT_MS = 30_000;

export interface ReviewView {
  caseId: string; number: string; status: 'completed' | 'running';
  period: { id: string; from: string; to: string; label: { id: string; en: string } };
  threshold: ProblemReviewResult['threshold'] | null; totals: ProblemReviewResult['totals'] | null; findings: ProblemReviewResult['findings'];
}

function viewOf(r: ProblemReviewResult): ReviewView {
  return {
    caseId: r.caseId, number: r.number, status: 'completed', threshold: r.threshold, totals: r.totals, findings: r.findings,
    period: { id: r.period.id, from: new Date(r.period.from).toISOString(), to: new Date(r.period.to).toISOString(), label: r.period.label },
  };
}

/**
 * Runs a review now for a period. The same Idempotency-Key returns the same run. Answers with the
 * result when the review finishes within 30 s (it reads aggregates, so it normally does), else
 * with the running review's case.
 */
export async function runProblemReview(deps: ApiDeps, principal: Principal, body: ProblemReviewBody, idempotencyKey: string | null): Promise<{ view: ReviewView; created: boolean; done: boolean }> {
  const profile = profileOf(await loadTenant(deps.orm.em.fork(), principal.tenantId));
  const roles = problemRoles(profile);
  if (!principal.roles.some((r) => roles.reviewRunners.includes(r))) throw problem(403, 'missing_role', { roles: roles.reviewRunners });
  if (!profile.problemReview) throw problem(422, 'problem_review_not_configured');
  const period = periodOfBody(body, profile.timezone, deps.now());
  const suffix = idempotencyKey
    ? createHash('sha256').update(`${principalKeyOf(principal)}\n${idempotencyKey}`).digest('hex').slice(0, 24)
    : randomUUID();
  const workflowId = `problem-review:${principal.tenantId}:manual:${suffix}`;
  const caseId = randomUUID();
  const input: ProblemReviewInput = {
    tenantId: principal.tenantId, trigger: 'manual', period, requestedBy: { username: principalKeyOf(principal), name: principal.name }, caseId,
  };
  let created = true;
  try {
    await deps.temporal.workflow.start(problemReview, {
      taskQueue: deps.config.TEMPORAL_TASK_QUEUE, workflowId, args: [input], workflowIdReusePolicy: 'REJECT_DUPLICATE',
      typedSearchAttributes: [{ key: SA.tenant, value: principal.tenantId }, { key: SA.caseType, value: 'problem_review' }, { key: SA.state, value: 'running' }],
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    created = false;
  }
  const handle = deps.temporal.workflow.getHandle<typeof problemReview>(workflowId);
  let timer: NodeJS.Timeout | undefined;
  const result = await Promise.race([
    handle.result(),
    new Promise<null>((resolve) => { timer = setTimeout(() => resolve(null), RESULT_WAIT_MS); }),
  ]).finally(() => clearTimeout(timer));
  if (result) {
    if (!created && result.period.id !== period.id) throw problem(422, 'idempotency_key_reused');
    return { view: viewOf(result), created, done: true };
  }
  const [row] = await deps.orm.em.fork().execute<Array<{ id: string; number: string }>>('select id, number from sigap_case where workflow_id = ?', [workflowId]);
  return {
    view: {
      caseId: row?.id ?? caseId, number: row?.number ?? '', status: 'running', threshold: null, totals: null, findings: [],
      period: { id: period.id, from: new Date(period.from).toISOString(), to: new Date(period.to).toISOString(), label: period.label },
    },
    created, done: false,
  };
}
