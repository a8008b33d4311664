// How every workflow calls its activities: short attempts, retried with backoff until they succeed
// (activities are idempotent, so a retry never repeats a side effect).
import type { ActivityOptions } from '@temporalio/workflow';

export const ACTIVITY_OPTIONS: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
};
