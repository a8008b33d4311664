// Each tenant's evaluation Schedule (serang BAB II C «melaksanakan evaluasi Manajemen Layanan SPBE
// sedikitnya setiap semester»): 01:00 local time on day 1 of the months that start a period of the
// profile's cadence (semester: 1 January and 1 July; yearly: 1 January; policy/evaluationPeriod.ts
// periodStartMonths), starting workflows/evaluationKickoff.ts for the period just ended. Created at
// API boot when missing.
import { ScheduleOverlapPolicy, type ScheduleOptions } from '@temporalio/client';
import { periodStartMonths } from '../../policy/evaluationPeriod.ts';
import type { Profile } from '../../policy/profile.ts';
import { evaluationKickoff, type EvaluationKickoffInput } from '../../workflows/evaluationKickoff.ts';
import { SA } from '../../workflows/searchAttributes.ts';
import type { Principal } from '../auth/principal.ts';
import type { ApiDeps } from '../deps.ts';
import { describeSchedule, ensureSchedules, SCHEDULE_MONTHS, scheduleSummary, tenantProfiles, type EnsuredSchedule } from './schedules.ts';
import { loadTenant, profileOf } from './tenants.ts';

/**
 * How late a missed run may still start after the Temporal service was down at its due time: 30 days
 * (a Sigap choice). A late run still evaluates the period that was due (the kickoff reads the scheduled
 * time) and the analyses are due 10 working days after it opens, so catching up within the first month
 * of the new period is right; beyond that an analyst or the approver opens it on demand
 * (POST /api/v1/evaluations), which finds the same case if the run did happen.
 */
export const EVALUATION_CATCHUP_WINDOW_MS = 30 * 24 * 3_600_000;

export const evaluationScheduleId = (tenantId: string) => `evaluation:${tenantId}`;

/** 01:00 local time: after midnight's period end, before the working day. */
export const EVALUATION_RUN_AT = { dayOfMonth: 1, hour: 1, minute: 0 } as const;

export function evaluationSchedule(tenantId: string, profile: Profile, taskQueue: string): ScheduleOptions {
  const cadence = profile.evaluation.cadence;
  const months = periodStartMonths(cadence);
  const input: EvaluationKickoffInput = { tenantId, timezone: profile.timezone, cadence: { atLeast: cadence.atLeast, perMonths: cadence.perMonths } };
  return {
    scheduleId: evaluationScheduleId(tenantId),
    spec: {
      calendars: [{
        month: months.map((m) => SCHEDULE_MONTHS[m - 1]!), dayOfMonth: EVALUATION_RUN_AT.dayOfMonth, hour: EVALUATION_RUN_AT.hour, minute: EVALUATION_RUN_AT.minute, second: 0,
        comment: `Evaluasi Manajemen Layanan ${cadence.atLeast}× per ${cadence.perMonths} bulan untuk periode yang baru berakhir`,
      }],
      timezone: profile.timezone,
    },
    action: {
      type: 'startWorkflow', workflowType: evaluationKickoff, workflowId: `evaluation-kickoff:${tenantId}`, taskQueue, args: [input],
      typedSearchAttributes: [{ key: SA.tenant, value: tenantId }, { key: SA.caseType, value: 'evaluation_kickoff' }],
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: EVALUATION_CATCHUP_WINDOW_MS, pauseOnFailure: false },
    memo: { source: cadence.source },
  };
}

/** Creates each tenant's Schedule unless it exists (an existing one, maybe paused by an operator, is left as it is). */
export async function ensureEvaluationSchedules(deps: ApiDeps): Promise<EnsuredSchedule[]> {
  const tenants = await tenantProfiles(deps);
  return ensureSchedules(deps, tenants.map((t) => ({ tenantId: t.tenantId, options: evaluationSchedule(t.tenantId, t.profile, deps.config.TEMPORAL_TASK_QUEUE) })));
}

/** GET /evaluations/schedule: the tenant's Schedule as Temporal holds it, with its next runs. */
export async function describeEvaluationSchedule(deps: ApiDeps, principal: Principal) {
  const profile = profileOf(await loadTenant(deps.orm.em.fork(), principal.tenantId));
  const base = { scheduleId: evaluationScheduleId(principal.tenantId), cadence: profile.evaluation.cadence, months: periodStartMonths(profile.evaluation.cadence) };
  return { ...base, ...scheduleSummary(await describeSchedule(deps, base.scheduleId)) };
}
