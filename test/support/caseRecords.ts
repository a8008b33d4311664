// What a time-skipping workflow test asserts on: the refusal an update came back with, and the audit
// events, notifications and findings the recording activities saw for one case.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { Recorded } from '../workflows/recordingActivities.ts';

/** The refusal (code and details) a workflow's update validator or main loop answered with. */
export async function refusalOf(p: Promise<unknown>): Promise<{ code: string } & Record<string, unknown>> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  return ((err as WorkflowUpdateFailedError).cause as { details?: Array<{ code: string } & Record<string, unknown>> }).details![0]!;
}

/** The refusal code of a refused update. */
export async function refusalCode(p: Promise<unknown>): Promise<string> {
  return (await refusalOf(p)).code;
}

/** Per-case views of what the recording activities saw. */
export function caseRecords(ts: { recorded: Recorded }) {
  return {
    events: (caseId: string, action?: string) => ts.recorded.transitions.filter((t) => t.caseId === caseId && (!action || t.action === action)),
    mails: (caseId: string, template: string) => ts.recorded.notifications.filter((n) => n.caseId === caseId && n.template === template),
    findings: (caseId: string) => ts.recorded.findings.filter((f) => f.caseId === caseId),
  };
}
