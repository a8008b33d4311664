// How every workflow calls its activities: short attempts, retried with backoff until they succeed
// (activities are idempotent, so a retry never repeats a side effect).
import type { ActivityOptions, LocalActivityOptions } from '@temporalio/workflow';

export const ACTIVITY_OPTIONS: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
};

/**
 * Recording a case's event runs in the workflow task (caseEffects.ts). Same timeout and retries; a retry
 * further off than `localRetryThreshold` waits on a workflow timer, so a long database outage does not
 * keep the workflow task open.
 */
export const LOCAL_ACTIVITY_OPTIONS: LocalActivityOptions = {
  startToCloseTimeout: ACTIVITY_OPTIONS.startToCloseTimeout,
  retry: ACTIVITY_OPTIONS.retry,
  localRetryThreshold: '10 seconds',
};
