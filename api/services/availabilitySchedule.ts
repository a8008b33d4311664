// The monthly availability-report Schedule of each tenant with an availabilityReport profile section
// (serang BAB IV C.2.4 «dipersiapkan oleh Pengelola Teknis setiap bulannya»): 01:00 local time on the
// 1st of each month (policy/availabilityReport.ts availabilityReportCalendar), starting
// workflows/availabilityMonth.ts for the month just ended. Created at API boot when missing.
import { ScheduleAlreadyRunning, ScheduleNotFoundError, ScheduleOverlapPolicy, type ScheduleOptions } from '@temporalio/client';
import { availabilityReportCalendar } from '../../policy/availabilityReport.ts';
import { effectiveProfile } from '../../policy/effectiveProfile.ts';
import type { Profile } from '../../policy/profile.ts';
import { availabilityMonth, type AvailabilityMonthInput } from '../../workflows/availabilityMonth.ts';
import { SA } from '../../workflows/searchAttributes.ts';
import type { Principal } from '../auth/principal.ts';
import type { ApiDeps } from '../deps.ts';
import { loadTenant, profileOf } from './tenants.ts';

const MONTHS = ['JANUARY', 'FEBRUARY', 'MARCH', 'APRIL', 'MAY', 'JUNE', 'JULY', 'AUGUST', 'SEPTEMBER', 'OCTOBER', 'NOVEMBER', 'DECEMBER'] as const;

/**
 * How late a missed run may still start after the Temporal service was down at its due time: 7 days
 * (a Sigap choice). A late run still reports the month that was due (the workflow reads the
 * scheduled time), and the report's deadline counts from the month end, so catching up is right;
 * beyond a week the preparer opens it on demand (POST /api/v1/availability/reports).
 */
export const AVAILABILITY_CATCHUP_WINDOW_MS = 7 * 24 * 3_600_000;

export const availabilityScheduleId = (tenantId: string) => `availability-report:${tenantId}`;

/** The Schedule of a tenant's monthly report; null where the profile has no availability report. */
export function availabilityReportSchedule(tenantId: string, profile: Profile, taskQueue: string): ScheduleOptions | null {
  const report = profile.availabilityReport;
  if (!report) return null;
  const cal = availabilityReportCalendar(report.frequency);
  const input: AvailabilityMonthInput = { tenantId, timezone: profile.timezone };
  return {
    scheduleId: availabilityScheduleId(tenantId),
    spec: {
      calendars: [{
        month: cal.months.map((m) => MONTHS[m - 1]!), dayOfMonth: cal.dayOfMonth, hour: cal.hour, minute: cal.minute, second: 0,
        comment: `Laporan Ketersediaan Layanan (Formulir F) ${report.frequency.atLeast}× per ${report.frequency.perMonths} bulan untuk bulan yang baru berakhir`,
      }],
      timezone: profile.timezone,
    },
    action: {
      type: 'startWorkflow', workflowType: availabilityMonth, workflowId: `availability-month:${tenantId}`, taskQueue, args: [input],
      typedSearchAttributes: [{ key: SA.tenant, value: tenantId }, { key: SA.caseType, value: 'availability_month' }],
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: AVAILABILITY_CATCHUP_WINDOW_MS, pauseOnFailure: false },
    memo: { source: report.frequency.source },
  };
}

/** Creates each tenant's Schedule unless it exists (an existing one, maybe paused by an operator, is left as it is). */
export async function ensureAvailabilityReportSchedules(deps: ApiDeps): Promise<Array<{ tenantId: string; scheduleId: string; created: boolean }>> {
  const tenants = await deps.orm.em.fork().execute<Array<{ id: string; profile_id: string; profile_overrides: Record<string, unknown> | null }>>(
    'select id, profile_id, profile_overrides from tenant order by id');
  const out: Array<{ tenantId: string; scheduleId: string; created: boolean }> = [];
  for (const t of tenants) {
    const options = availabilityReportSchedule(t.id, effectiveProfile(t.profile_id, t.profile_overrides ?? undefined), deps.config.TEMPORAL_TASK_QUEUE);
    if (!options) continue;
    try {
      await deps.temporal.schedule.create(options);
      out.push({ tenantId: t.id, scheduleId: options.scheduleId, created: true });
    } catch (err) {
      if (!(err instanceof ScheduleAlreadyRunning)) throw err;
      out.push({ tenantId: t.id, scheduleId: options.scheduleId, created: false });
    }
  }
  return out;
}

/** GET /availability/reports/schedule: the tenant's Schedule as Temporal holds it, with its next runs. */
export async function describeAvailabilitySchedule(deps: ApiDeps, principal: Principal) {
  const profile = profileOf(await loadTenant(deps.orm.em.fork(), principal.tenantId));
  const base = { scheduleId: availabilityScheduleId(principal.tenantId), frequency: profile.availabilityReport?.frequency ?? null };
  try {
    const d = await deps.temporal.schedule.getHandle(base.scheduleId).describe();
    return {
      ...base, exists: true, timezone: d.spec.timezone ?? null, overlap: String(d.policies.overlap), catchupWindowMs: d.policies.catchupWindow,
      paused: d.state.paused, nextRuns: d.info.nextActionTimes.map((t) => t.toISOString()),
    };
  } catch (err) {
    if (!(err instanceof ScheduleNotFoundError)) throw err;
    return { ...base, exists: false, timezone: null, overlap: null, catchupWindowMs: null, paused: null, nextRuns: [] as string[] };
  }
}
