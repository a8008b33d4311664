// Started by the yearly DRP-test Schedule of a Kritis service (serang BAB IV C.3.5 «DRP harus
// diujicobakan secara berkala minimal satu kali setahun»): opens the year's exercise — a `disaster`
// case in exercise mode with the service's RTO/RPO and approved DRP — through the durable intake
// (activity openDrpExercise, keyed by service and year) and starts it as an abandoned child, so the
// exercise outlives this short workflow. A caught-up run still opens the exercise of the year it was
// due in (the scheduled time, not the start time).
import { defineSearchAttributeKey, SearchAttributeType, WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ParentClosePolicy, proxyActivities, startChild, workflowInfo } from '@temporalio/workflow';
import type { ContinuityActivities } from '../activities/continuity.ts';
import { ACTIVITY_OPTIONS } from './activityOptions.ts';
import { disaster } from './disaster.ts';
import { SA } from './searchAttributes.ts';
import { searchAttributesEnabled } from './projection.ts';

export interface DrpTestKickoffInput { tenantId: string; serviceCode: string }

const { openDrpExercise } = proxyActivities<ContinuityActivities>(ACTIVITY_OPTIONS);
const SCHEDULED_START = defineSearchAttributeKey('TemporalScheduledStartTime', SearchAttributeType.DATETIME);

export async function drpTestKickoff(input: DrpTestKickoffInput): Promise<{ caseId: string | null; number: string | null; reason: string | null }> {
  const at = workflowInfo().typedSearchAttributes.get(SCHEDULED_START);
  const scheduledAt = at instanceof Date ? at.getTime() : Date.now();
  const opened = await openDrpExercise({ tenantId: input.tenantId, serviceCode: input.serviceCode, scheduledAt });
  if (!opened.opened) return { caseId: null, number: null, reason: opened.reason };
  try {
    await startChild(disaster, {
      workflowId: opened.workflowId, args: [opened.input], parentClosePolicy: ParentClosePolicy.ABANDON,
      ...(searchAttributesEnabled() ? { typedSearchAttributes: [
        { key: SA.tenant, value: input.tenantId }, { key: SA.caseType, value: 'disaster' }, { key: SA.caseNumber, value: opened.number },
        { key: SA.service, value: input.serviceCode }, { key: SA.state, value: 'submitted' },
      ] } : {}),
    });
  } catch (err) {
    // The intake's reconciler (or an earlier attempt) may have started it first; either way it runs once.
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
  return { caseId: opened.caseId, number: opened.number, reason: null };
}
