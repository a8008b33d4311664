// What every Temporal Schedule Sigap keeps has in common: month names as the Schedule spec spells
// them, the tenants with their effective profiles, and "create unless it exists" — an existing
// Schedule (maybe paused by an operator) is left as it is.
import { ScheduleAlreadyRunning, ScheduleNotFoundError, type ScheduleDescription, type ScheduleOptions } from '@temporalio/client';
import { effectiveProfile } from '../../policy/effectiveProfile.ts';
import type { Profile } from '../../policy/profile.ts';
import type { ApiDeps } from '../deps.ts';

export const SCHEDULE_MONTHS = ['JANUARY', 'FEBRUARY', 'MARCH', 'APRIL', 'MAY', 'JUNE', 'JULY', 'AUGUST', 'SEPTEMBER', 'OCTOBER', 'NOVEMBER', 'DECEMBER'] as const;

export interface EnsuredSchedule { tenantId: string; scheduleId: string; created: boolean }

/** Every tenant with the profile it runs under (its overrides applied). */
export async function tenantProfiles(deps: Pick<ApiDeps, 'orm'>): Promise<Array<{ tenantId: string; profile: Profile }>> {
  const rows = await deps.orm.em.fork().execute<Array<{ id: string; profile_id: string; profile_overrides: Record<string, unknown> | null }>>(
    'select id, profile_id, profile_overrides from tenant order by id');
  return rows.map((t) => ({ tenantId: t.id, profile: effectiveProfile(t.profile_id, t.profile_overrides ?? undefined) }));
}

/** Creates the Schedule unless one with its id exists; true when it was created. */
export async function createScheduleIfMissing(deps: Pick<ApiDeps, 'temporal'>, options: ScheduleOptions): Promise<boolean> {
  try {
    await deps.temporal.schedule.create(options);
    return true;
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    return false;
  }
}

/** Creates each missing Schedule of the list (null entries: nothing to schedule). */
export async function ensureSchedules(deps: Pick<ApiDeps, 'temporal'>, wanted: Array<{ tenantId: string; options: ScheduleOptions | null }>): Promise<EnsuredSchedule[]> {
  const out: EnsuredSchedule[] = [];
  for (const { tenantId, options } of wanted) {
    if (options) out.push({ tenantId, scheduleId: options.scheduleId, created: await createScheduleIfMissing(deps, options) });
  }
  return out;
}

/** A Schedule as Temporal holds it, or null when it does not exist (yet). */
export async function describeSchedule(deps: Pick<ApiDeps, 'temporal'>, scheduleId: string): Promise<ScheduleDescription | null> {
  try {
    return await deps.temporal.schedule.getHandle(scheduleId).describe();
  } catch (err) {
    if (!(err instanceof ScheduleNotFoundError)) throw err;
    return null;
  }
}

/** What the GET …/schedule endpoints show of every Schedule: its zone, policies and next runs. */
export function scheduleSummary(d: ScheduleDescription | null) {
  return d ? {
    exists: true, timezone: d.spec.timezone ?? null, overlap: String(d.policies.overlap) as string | null,
    catchupWindowMs: d.policies.catchupWindow as number | null, paused: d.state.paused as boolean | null, nextRuns: d.info.nextActionTimes.map((t) => t.toISOString()),
  } : { exists: false, timezone: null, overlap: null, catchupWindowMs: null, paused: null, nextRuns: [] as string[] };
}
