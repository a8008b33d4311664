// Started by a tenant's evaluation Schedule (api/services/evaluationSchedule.ts; serang BAB II C
// «sedikitnya setiap semester»): on 1 January and 1 July (semester cadence) it works out the period
// that ended before the action was due (a caught-up run still evaluates the period that was due), has
// the period's `evaluation` case written once (idempotency key evaluation:<fromDate>:<toDate>) and
// starts its workflow as an abandoned child, like availabilityMonth.
import { defineSearchAttributeKey, SearchAttributeType, WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ParentClosePolicy, proxyActivities, startChild, workflowInfo } from '@temporalio/workflow';
import type { EvaluationActivities } from '../activities/evaluations.ts';
import type { EvaluationPeriod } from '../policy/evaluationFigures.ts';
import { periodEndedBefore, type CadenceLike } from '../policy/evaluationPeriod.ts';
import { semesterEvaluation } from './semesterEvaluation.ts';
import { ACTIVITY_OPTIONS } from './activityOptions.ts';
import { SA } from './searchAttributes.ts';
import { searchAttributesEnabled } from './projection.ts';

const { openEvaluation } = proxyActivities<EvaluationActivities>({ ...ACTIVITY_OPTIONS, startToCloseTimeout: '2 minutes' });

/** The server sets this on every workflow a Schedule starts: the time the action was due. */
const SCHEDULED_START = defineSearchAttributeKey('TemporalScheduledStartTime', SearchAttributeType.DATETIME);

export interface EvaluationKickoffInput {
  tenantId: string;
  /** The tenant's time zone (local dates); Asia/Jakarta when absent. */
  timezone?: string | undefined;
  /** The profile's cadence (profile.evaluation.cadence); a semester when absent. */
  cadence?: CadenceLike | undefined;
  /** The period to evaluate; omitted by the Schedule: the one that ended when the action was due. */
  period?: EvaluationPeriod | undefined;
}

export async function evaluationKickoff(input: EvaluationKickoffInput): Promise<{ caseId: string | null; number: string | null; tenantId: string; period: string }> {
  const due = scheduledAt() ?? Date.now();
  const period = input.period ?? periodEndedBefore(due, input.cadence ?? { atLeast: 1, perMonths: 6 }, input.timezone ?? 'Asia/Jakarta');
  const opened = await openEvaluation({ tenantId: input.tenantId, period, trigger: 'schedule', at: due });
  try {
    await startChild(semesterEvaluation, {
      workflowId: opened.workflowId, args: [opened.input], parentClosePolicy: ParentClosePolicy.ABANDON,
      ...(searchAttributesEnabled() ? { typedSearchAttributes: [
        { key: SA.tenant, value: input.tenantId }, { key: SA.caseType, value: 'evaluation' }, { key: SA.caseNumber, value: opened.number },
        { key: SA.state, value: 'analysing' },
      ] } : {}),
    });
  } catch (err) {
    // The intake's reconciler (or an earlier run for the period) may have started it first; it runs once.
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
  return { caseId: opened.caseId, number: opened.number, tenantId: input.tenantId, period: period.label ?? `${period.fromDate}..${period.toDate}` };
}

function scheduledAt(): number | null {
  const at = workflowInfo().typedSearchAttributes.get(SCHEDULED_START);
  return at instanceof Date ? at.getTime() : null;
}
