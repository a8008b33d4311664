// The monthly availability-report Schedule of each tenant with an availabilityReport profile section
// (serang BAB IV C.2.4 «dipersiapkan oleh Pengelola Teknis setiap bulannya»): 01:00 local time on the
// 1st of each month (policy/availabilityReport.ts availabilityReportCalendar), starting
// workflows/availabilityMonth.ts for the month just ended. Created at API boot when missing.
import { ScheduleOverlapPolicy, type ScheduleOptions } from '@temporalio/client';
import { availabilityReportCalendar } from '../../policy/availabilityReport.ts';
import type { Profile } from '../../policy/profile.ts';
import { availabilityMonth, type AvailabilityMonthInput } from '../../workflows/availabilityMonth.ts';
import { SA } from '../../workflows/searchAttributes.ts';
import type { Principal } from '../auth/principal.ts';
import type { ApiDeps } from '../deps.ts';
import { describeSchedule, ensureSchedules, SCHEDULE_MONTHS, scheduleSummary, tenantProfiles, type EnsuredSchedule } from './schedules.ts';
import { loadTenant, profileOf } from './tenants.ts';

const MONTHS = SCHEDULE_MONTHS;

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
export async function ensureAvailabilityReportSchedules(deps: ApiDeps): Promise<EnsuredSchedule[]> {
  const tenants = await tenantProfiles(deps);
  return ensureSchedules(deps, tenants.map((t) => ({ tenantId: t.tenantId, options: availabilityReportSchedule(t.tenantId, t.profile, deps.config.TEMPORAL_TASK_QUEUE) })));
}

/** GET /availability/reports/schedule: the tenant's Schedule as Temporal holds it, with its next runs. */
export async function describeAvailabilitySchedule(deps: ApiDeps, principal: Principal) {
  const profile = profileOf(await loadTenant(deps.orm.em.fork(), principal.tenantId));
  const base = { scheduleId: availabilityScheduleId(principal.tenantId), frequency: profile.availabilityReport?.frequency ?? null };
  return { ...base, ...scheduleSummary(await describeSchedule(deps, base.scheduleId)) };
}
