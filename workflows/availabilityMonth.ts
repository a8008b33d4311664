// Started by the monthly Schedule of a tenant (api/services/availabilitySchedule.ts; serang BAB IV
// C.2.4 «setiap bulannya»): works out the month that just ended from the time the action was due
// (a caught-up run still reports the month that was due), has the month's `availability` case written
// once (idempotency key availability:<YYYY-MM>) and starts its workflow as an abandoned child, like a
// request that becomes an incident (workflows/requestFulfilment.ts becomeIncident).
import { defineSearchAttributeKey, SearchAttributeType, WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ParentClosePolicy, proxyActivities, startChild, workflowInfo } from '@temporalio/workflow';
import type { AvailabilityActivities } from '../activities/availability.ts';
import { monthEndedBefore } from '../policy/availabilityReport.ts';
import { availabilityReport } from './availabilityReport.ts';
import { ACTIVITY_OPTIONS } from './activityOptions.ts';
import { SA } from './searchAttributes.ts';
import { searchAttributesEnabled } from './projection.ts';

const { openAvailabilityReport } = proxyActivities<AvailabilityActivities>({ ...ACTIVITY_OPTIONS, startToCloseTimeout: '2 minutes' });

/** The server sets this on every workflow a Schedule starts: the time the action was due. */
const SCHEDULED_START = defineSearchAttributeKey('TemporalScheduledStartTime', SearchAttributeType.DATETIME);

export interface AvailabilityMonthInput {
  tenantId: string;
  /** The tenant's time zone (local months); Asia/Jakarta when absent. */
  timezone?: string | undefined;
  /** The month to report (YYYY-MM); omitted by the Schedule: the month ended when the action was due. */
  month?: string | undefined;
}

export async function availabilityMonth(input: AvailabilityMonthInput): Promise<{ caseId: string | null; number: string | null; month: string }> {
  const due = scheduledAt() ?? Date.now();
  const month = input.month ?? monthEndedBefore(due, input.timezone ?? 'Asia/Jakarta');
  const opened = await openAvailabilityReport({ tenantId: input.tenantId, month, trigger: 'schedule', at: due });
  try {
    await startChild(availabilityReport, {
      workflowId: opened.workflowId, args: [opened.input], parentClosePolicy: ParentClosePolicy.ABANDON,
      ...(searchAttributesEnabled() ? { typedSearchAttributes: [
        { key: SA.tenant, value: input.tenantId }, { key: SA.caseType, value: 'availability' }, { key: SA.caseNumber, value: opened.number },
        { key: SA.state, value: 'submitted' },
      ] } : {}),
    });
  } catch (err) {
    // The intake's reconciler (or an earlier run for the month) may have started it first; it runs once.
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
  return { caseId: opened.caseId, number: opened.number, month };
}

function scheduledAt(): number | null {
  const at = workflowInfo().typedSearchAttributes.get(SCHEDULED_START);
  return at instanceof Date ? at.getTime() : null;
}
