// The release plan (Formulir H; serang D.3.2–D.3.7, kemenkeu E.3.b.2 a, dpr Pasal 13) and the
// steps that do real work: an HTTP call to a deployment system (pipeline trigger or webhook, with an
// idempotency key and a bounded wait for its result), an HTTP health check that verifies an
// evaluation criterion, or a manual step an authorised person confirms. Shared by the release
// workflow, its activities (activities/steps.ts) and the API's validation.
import type { Source } from './profile.ts';

export const HTTP_STEP_METHODS = ['POST', 'PUT', 'PATCH', 'GET'] as const;
export type HttpStepMethod = (typeof HTTP_STEP_METHODS)[number];

export interface HttpStepSpec {
  kind: 'http';
  /** Unique within the plan ([a-z0-9_-]); rollback steps name the step they undo by it. */
  id: string;
  title: string;
  request: { method: HttpStepMethod; url: string; headers?: Record<string, string> | undefined; body?: unknown };
  /** How long Sigap waits for the deployment system's result before the step counts as failed. */
  waitSeconds: number;
}

export interface ManualStepSpec {
  kind: 'manual';
  id: string;
  title: string;
  instructions: string;
}

export type StepSpec = HttpStepSpec | ManualStepSpec;

/** A rollback step; `undoes` names the deploy step it reverses (it runs only when that step started). */
export type RollbackStepSpec = StepSpec & { undoes?: string | undefined };

export interface HttpCheckCriterion {
  kind: 'http_check';
  id: string;
  title: string;
  url: string;
  /** The HTTP status that passes (default 200). */
  expectStatus: number;
  /** Text the response body must contain, if any. */
  bodyContains?: string | undefined;
  /** Tries before the criterion fails, `intervalSeconds` apart. */
  attempts: number;
  intervalSeconds: number;
}

export interface ManualCriterion {
  kind: 'manual';
  id: string;
  title: string;
  description: string;
}

export type EvaluationCriterion = HttpCheckCriterion | ManualCriterion;

/** What one step or check did; recorded on the timeline. */
export interface StepOutcome {
  outcome: 'succeeded' | 'failed';
  /** Human-readable detail (the deployment system's message, the failed expectation). */
  detail: string;
  httpStatus: number | null;
  /** The deployment system's job id, when it returns one. */
  externalId: string | null;
  /** HTTP calls made for this outcome (trigger + polls, or check tries). */
  calls: number;
}

/**
 * How Sigap calls a deployment system (documented in the README):
 * - it sends `request.method` to `request.url` with the JSON body, the plan's headers and
 *   `Idempotency-Key: <key>` (the same key on every retry of the same step run, a new key on an
 *   administrator's replay) and `X-Sigap-Release: <release number>`;
 * - a 2xx answer whose JSON has `status: "succeeded" | "failed"` is the result; `"queued"` or
 *   `"running"` (or a 202) means: poll `statusUrl` (or the Location header) with GET until a result
 *   or until `waitSeconds` have passed (then the step failed: no result in time);
 * - a 2xx answer without a status is a webhook that accepted the call: succeeded;
 * - 4xx (except 408, 429) fails the step at once; 5xx, 408, 429 and network errors are retried
 *   (`STEP_RETRY`) and fail the step when the attempts are used up.
 */
export const DEPLOYMENT_PROTOCOL_VERSION = 1;

/** Retries of a step's HTTP call on transient errors; a Sigap choice, no regulation sets one. */
export const STEP_RETRY = {
  maximumAttempts: 3,
  initialIntervalMs: 2_000,
  source: { sigapDefault: 'no regulation sets how often a deployment step is retried; Sigap tries a call 3 times (2 s, 4 s apart) before the step counts as failed, and a failed rollback step is parked for an administrator' } satisfies Source,
};

/** The idempotency key of one run of one step: retries reuse it, a replay (run + 1) gets a new one. */
export function stepIdempotencyKey(caseId: string, phase: 'deploy' | 'rollback', stepId: string, run: number): string {
  return `sigap:${caseId}:${phase}:${stepId}:${run}`;
}

/**
 * The rollback steps to run, in order: the plan lists them in the order of the deploy steps they
 * undo, so they run backwards; a step that undoes a deploy step which never started is skipped.
 */
export function rollbackOrder(rollbackSteps: RollbackStepSpec[], startedDeploySteps: string[]): RollbackStepSpec[] {
  return [...rollbackSteps].reverse().filter((s) => !s.undoes || startedDeploySteps.includes(s.undoes));
}
