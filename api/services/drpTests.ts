// The yearly DRP-test Schedules (serang BAB IV C.3.5 «DRP harus diujicobakan secara berkala minimal
// satu kali setahun»): one Temporal Schedule per service whose classification requires a DRP (serang:
// Kritis) and that has a continuity plan, `drp-test:<tenant>:<service>`, firing as
// policy/continuity.ts drpTestCalendar says in the tenant's time zone. Created at API boot when
// missing, upserted when such a plan is saved. Its action starts workflows/drpTestKickoff.ts, which
// opens the year's exercise (a disaster case in exercise mode).
import { ScheduleNotFoundError, ScheduleOverlapPolicy, type ScheduleOptions } from '@temporalio/client';
import { drpTestCalendar, needsDrpTest } from '../../policy/continuity.ts';
import { effectiveProfile } from '../../policy/effectiveProfile.ts';
import type { Profile, ServiceClassification } from '../../policy/profile.ts';
import { drpTestKickoff, type DrpTestKickoffInput } from '../../workflows/drpTestKickoff.ts';
import { SA } from '../../workflows/searchAttributes.ts';
import type { Principal } from '../auth/principal.ts';
import type { ApiDeps } from '../deps.ts';
import { createScheduleIfMissing, ensureSchedules, SCHEDULE_MONTHS, type EnsuredSchedule } from './schedules.ts';
import { loadTenant, profileOf } from './tenants.ts';

const MONTHS = SCHEDULE_MONTHS;

/**
 * How late a missed kickoff may still run after the Temporal service was down at its due time: 30
 * days (a Sigap choice, as the problem review's). The kickoff opens the exercise of the year it was
 * due in, so a late run is always right; beyond that an operator opens one on demand.
 */
export const DRP_TEST_CATCHUP_WINDOW_MS = 30 * 24 * 3_600_000;

export const drpTestScheduleId = (tenantId: string, serviceCode: string) => `drp-test:${tenantId}:${serviceCode}`;

/** The Schedule of a service's DRP test; null where the profile has no disaster section. */
export function drpTestSchedule(tenantId: string, serviceCode: string, profile: Profile, taskQueue: string): ScheduleOptions | null {
  const cal = drpTestCalendar(profile);
  if (!cal || !profile.disaster) return null;
  const input: DrpTestKickoffInput = { tenantId, serviceCode };
  const f = profile.disaster.drpTest;
  return {
    scheduleId: drpTestScheduleId(tenantId, serviceCode),
    spec: {
      calendars: [{
        month: cal.months.map((m) => MONTHS[m - 1]!), dayOfMonth: cal.dayOfMonth, hour: cal.hour, minute: cal.minute, second: 0,
        comment: `Uji coba DRP ${serviceCode} (minimal ${f.atLeast}× per ${f.perMonths} bulan)`,
      }],
      timezone: cal.timezone,
    },
    action: {
      type: 'startWorkflow', workflowType: drpTestKickoff, workflowId: `drp-test:${tenantId}:${serviceCode}`, taskQueue, args: [input],
      typedSearchAttributes: [{ key: SA.tenant, value: tenantId }, { key: SA.caseType, value: 'drp_test' }, { key: SA.service, value: serviceCode }],
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: DRP_TEST_CATCHUP_WINDOW_MS, pauseOnFailure: false },
    memo: { source: f.source },
  };
}

interface PlannedService { tenant_id: string; profile_id: string; profile_overrides: Record<string, unknown> | null; code: string; classification: ServiceClassification }

async function servicesNeedingTests(deps: ApiDeps, tenantId: string | null): Promise<Array<{ tenantId: string; code: string; profile: Profile }>> {
  const rows = await deps.orm.em.fork().execute<PlannedService[]>(
    `select t.id as tenant_id, t.profile_id, t.profile_overrides, s.code, s.classification
     from continuity_plan p join service s on s.tenant_id = p.tenant_id and s.code = p.service_code join tenant t on t.id = p.tenant_id
     where s.active ${tenantId ? 'and t.id = ?' : ''} order by t.id, s.code`, tenantId ? [tenantId] : []);
  return rows.map((r) => ({ tenantId: r.tenant_id, code: r.code, profile: effectiveProfile(r.profile_id, r.profile_overrides ?? undefined), classification: r.classification }))
    .filter((r) => needsDrpTest(r.profile, r.classification, true));
}

/** Creates the DRP-test Schedule of each service that needs one, unless it exists (an existing one, maybe paused, is left as it is). */
export async function ensureDrpTestSchedules(deps: ApiDeps): Promise<EnsuredSchedule[]> {
  const services = await servicesNeedingTests(deps, null);
  return ensureSchedules(deps, services.map((s) => ({ tenantId: s.tenantId, options: drpTestSchedule(s.tenantId, s.code, s.profile, deps.config.TEMPORAL_TASK_QUEUE) })));
}

/** After a plan is saved: creates the service's Schedule, or brings its spec and action up to date (keeping a pause). */
export async function upsertDrpTestSchedule(deps: ApiDeps, tenantId: string, serviceCode: string, profile: Profile, classification: ServiceClassification): Promise<'created' | 'updated' | 'not_needed'> {
  const options = needsDrpTest(profile, classification, true) ? drpTestSchedule(tenantId, serviceCode, profile, deps.config.TEMPORAL_TASK_QUEUE) : null;
  if (!options) return 'not_needed';
  if (await createScheduleIfMissing(deps, options)) return 'created';
  await deps.temporal.schedule.getHandle(options.scheduleId).update((previous) => ({
    ...previous, spec: options.spec, action: options.action, policies: { ...previous.policies, ...options.policies },
  }));
  return 'updated';
}

/** GET /drp-tests/schedules: each service's Schedule with its next runs. */
export async function listDrpTestSchedules(deps: ApiDeps, principal: Principal) {
  const profile = profileOf(await loadTenant(deps.orm.em.fork(), principal.tenantId));
  const services = await servicesNeedingTests(deps, principal.tenantId);
  const items = [];
  for (const s of services) {
    const scheduleId = drpTestScheduleId(principal.tenantId, s.code);
    try {
      const d = await deps.temporal.schedule.getHandle(scheduleId).describe();
      const cal = d.spec.calendars?.[0];
      items.push({
        scheduleId, service: s.code, exists: true, timezone: d.spec.timezone ?? null,
        months: (cal?.month ?? []).map((r) => MONTHS.indexOf(r.start as never) + 1),
        dayOfMonth: cal?.dayOfMonth[0]?.start ?? null, hour: cal?.hour[0]?.start ?? null,
        paused: d.state.paused, nextRuns: d.info.nextActionTimes.map((t) => t.toISOString()),
      });
    } catch (err) {
      if (!(err instanceof ScheduleNotFoundError)) throw err;
      items.push({ scheduleId, service: s.code, exists: false, timezone: null, months: [], dayOfMonth: null, hour: null, paused: null, nextRuns: [] });
    }
  }
  const f = profile.disaster?.drpTest;
  return { frequency: f ? { atLeast: f.atLeast, perMonths: f.perMonths } : null, items };
}
