// When a tenant's holiday table or working week changes, every open case re-targets its SLA timers.
// This workflow delivers the new calendar to each open case by a durable signal, page by page, so a
// crash mid-way resumes where it stopped. Cases ignore a calendar older than the one they hold.
import { continueAsNew, getExternalWorkflowHandle, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { SigapActivities } from '../activities/types.ts';
import type { BusinessCalendar } from '../policy/calendarTypes.ts';
import { calendarChangedSignal } from './messages.ts';

const { listOpenCases } = proxyActivities<SigapActivities>({ startToCloseTimeout: '1 minute', retry: { maximumInterval: '1 minute' } });

const PAGE = 200;
const SIGNALS_AT_ONCE = 50;

export interface CalendarPropagationInput { tenantId: string; calendar: BusinessCalendar; after?: string | null; signalled?: number }

export async function calendarPropagation(input: CalendarPropagationInput): Promise<{ signalled: number }> {
  let after = input.after ?? null;
  let signalled = input.signalled ?? 0;
  for (;;) {
    const page = await listOpenCases({ tenantId: input.tenantId, after, limit: PAGE });
    for (let i = 0; i < page.workflowIds.length; i += SIGNALS_AT_ONCE) {
      await Promise.all(page.workflowIds.slice(i, i + SIGNALS_AT_ONCE).map(async (id) => {
        try {
          await getExternalWorkflowHandle(id).signal(calendarChangedSignal, input.calendar);
          signalled++;
        } catch {
          // The case closed meanwhile: it has no clock left to re-target.
        }
      }));
    }
    if (page.next === null) return { signalled };
    after = page.next;
    if (workflowInfo().continueAsNewSuggested) await continueAsNew<typeof calendarPropagation>({ ...input, after, signalled });
  }
}
