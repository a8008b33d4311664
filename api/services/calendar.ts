// Holiday administration. A change is committed with a new calendar version, then delivered to
// every open case by the calendarPropagation workflow (one per tenant and version, so starting it
// twice is harmless).
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { readCalendar, replaceHolidaysOfYear } from '../../db/calendar.ts';
import type { Holiday } from '../../policy/calendarTypes.ts';
import { calendarPropagation } from '../../workflows/calendarPropagation.ts';
import type { Principal } from '../auth/principal.ts';
import type { ApiDeps } from '../deps.ts';
import { problem } from '../http/problem.ts';

export async function propagateCalendar(deps: ApiDeps, tenantId: string): Promise<void> {
  const calendar = await readCalendar(deps.orm.em.fork(), tenantId);
  try {
    await deps.temporal.workflow.start(calendarPropagation, {
      taskQueue: deps.config.TEMPORAL_TASK_QUEUE,
      workflowId: `calendar:${tenantId}:v${calendar.version}`,
      args: [{ tenantId, calendar }],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}

export async function replaceHolidays(deps: ApiDeps, principal: Principal, year: number, holidays: Holiday[], expectedVersion: number | null) {
  const seen = new Set<string>();
  for (const [i, h] of holidays.entries()) {
    if (!h.date.startsWith(`${year}-`)) throw problem(400, 'holiday_outside_year', { date: h.date, year }, { errors: [{ path: `body.holidays.${i}.date`, messageKey: 'holiday_outside_year', params: { date: h.date, year } }] });
    if (seen.has(h.date)) throw problem(400, 'holiday_overlap', { date: h.date }, { errors: [{ path: `body.holidays.${i}.date`, messageKey: 'holiday_overlap', params: { date: h.date } }] });
    seen.add(h.date);
  }
  const version = await replaceHolidaysOfYear(deps.orm.em.fork(), principal.tenantId, year, holidays, principal.username, expectedVersion);
  if (version === 'stale') throw problem(412, 'calendar_version_stale');
  await propagateCalendar(deps, principal.tenantId);
  return version;
}
