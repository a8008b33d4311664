// The step activities against a real HTTP deployment system (test/support/deployTarget.ts): the
// protocol of policy/releasePlan.ts, idempotency keys honoured across retries, the bounded wait, the
// SSRF guard, heartbeats inside an activity context, and the evaluation criteria's health checks.
import { createServer } from 'node:net';
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createStepActivities, parseAllowedHosts, stepUrlRefusal, STEP_HOST_NOT_ALLOWED, TRANSIENT_STEP_ERROR } from '../../activities/steps.ts';
import { stepIdempotencyKey, type HttpCheckCriterion, type HttpStepSpec } from '../../policy/releasePlan.ts';
import type { RunStepInput } from '../../activities/types.ts';
import { startDeployTarget, type DeployTarget } from '../support/deployTarget.ts';

let target: DeployTarget;
beforeAll(async () => { target = await startDeployTarget(); });
afterAll(async () => { await target.close(); });

const acts = createStepActivities({ allowedHosts: null, pollIntervalMs: 50, checkTimeoutMs: 2_000 });
let n = 0;
function stepInput(name: string, over: Partial<HttpStepSpec> = {}, run = 1): RunStepInput {
  const step: HttpStepSpec = {
    kind: 'http', id: name, title: `Langkah ${name}`, waitSeconds: 5,
    request: { method: 'POST', url: target.stepUrl(name), headers: { authorization: 'Bearer pipeline-token' }, body: { ref: 'v1.2.3' } }, ...over,
  };
  return { tenantId: 'serang', caseId: `case-${++n}`, releaseNumber: 'RLS-2026-000001', phase: 'deploy', step, idempotencyKey: stepIdempotencyKey(`case-${name}`, 'deploy', name, run) };
}

async function transientOf(p: Promise<unknown>): Promise<ApplicationFailure> {
  const err = await p.then(() => { throw new Error('expected a transient failure'); }, (e: unknown) => e);
  expect(err).toBeInstanceOf(ApplicationFailure);
  return err as ApplicationFailure;
}

test('a synchronous result: one call carrying the idempotency key, the release number, the plan headers and the JSON body', async () => {
  target.program('sync-ok', { mode: 'sync', message: 'deployed v1.2.3' });
  const input = stepInput('sync-ok');
  const out = await acts.runDeployStep(input);
  expect(out).toEqual({ outcome: 'succeeded', detail: 'deployed v1.2.3', httpStatus: 200, externalId: expect.stringMatching(/^job-/), calls: 1 });
  const [call] = target.calls('sync-ok');
  expect(call).toMatchObject({ method: 'POST', key: input.idempotencyKey, release: 'RLS-2026-000001', phase: 'deploy', body: { ref: 'v1.2.3' } });
  expect(call!.headers.authorization).toBe('Bearer pipeline-token');
  expect(call!.headers['content-type']).toBe('application/json');
  expect(target.executions('sync-ok')).toBe(1);
});

test('a synchronous "failed" is a failed step with the system\u2019s message, not an error', async () => {
  target.program('sync-fail', { mode: 'sync', result: 'failed', message: 'migration 42 failed' });
  expect(await acts.runDeployStep(stepInput('sync-fail'))).toMatchObject({ outcome: 'failed', detail: 'migration 42 failed', httpStatus: 200, calls: 1 });
});

test('an asynchronous job is polled through its statusUrl until it has a result', async () => {
  target.program('async-ok', { mode: 'async', runningPolls: 3 });
  const out = await acts.runDeployStep(stepInput('async-ok'));
  expect(out).toMatchObject({ outcome: 'succeeded', httpStatus: 200, calls: 5 });
  expect(target.polls('async-ok')).toBe(4);
  expect(target.calls('async-ok')).toHaveLength(1);

  target.program('async-fail', { mode: 'async', runningPolls: 1, result: 'failed', message: 'smoke test red' });
  expect(await acts.runRollbackStep({ ...stepInput('async-fail'), phase: 'rollback' })).toMatchObject({ outcome: 'failed', detail: 'smoke test red' });
  expect(target.calls('async-fail')[0]!.phase).toBe('rollback');
});

test('a webhook that accepts without a status counts as succeeded', async () => {
  target.program('hook', { mode: 'webhook' });
  expect(await acts.runDeployStep(stepInput('hook', { request: { method: 'PUT', url: target.stepUrl('hook') } }))).toMatchObject({ outcome: 'succeeded', detail: 'accepted (200)', calls: 1 });
  expect(target.calls('hook')[0]).toMatchObject({ method: 'PUT', body: undefined });
});

test('a 4xx fails the step at once, without a retry', async () => {
  target.program('reject', { rejectStatus: 409 });
  const out = await acts.runDeployStep(stepInput('reject'));
  expect(out).toMatchObject({ outcome: 'failed', httpStatus: 409, calls: 1 });
  expect(out.detail).toContain('rejected by the deployment system');
  expect(target.executions('reject')).toBe(0);
});

test('5xx, 408/429-like answers and network errors throw a retryable failure; the retry with the same key runs the job once', async () => {
  target.program('flaky', { transientFailures: 2 });
  const input = stepInput('flaky');
  for (let i = 0; i < 2; i++) {
    const err = await transientOf(acts.runDeployStep(input));
    expect(err).toMatchObject({ type: TRANSIENT_STEP_ERROR, nonRetryable: false });
    expect(err.message).toContain('503');
  }
  expect(await acts.runDeployStep(input)).toMatchObject({ outcome: 'succeeded' });
  expect(target.calls('flaky')).toHaveLength(3);
  expect(target.calls('flaky').map((c) => c.key)).toEqual([input.idempotencyKey, input.idempotencyKey, input.idempotencyKey]);
  expect(target.executions('flaky')).toBe(1);

  // The system ran the job, then the answer was lost (500): the retry sees the same job, it does not run twice.
  target.program('lost-answer', { mode: 'async', runningPolls: 1, failAfterExecute: 1 });
  const lost = stepInput('lost-answer');
  await transientOf(acts.runDeployStep(lost));
  expect(await acts.runDeployStep(lost)).toMatchObject({ outcome: 'succeeded' });
  expect(target.executions('lost-answer')).toBe(1);
  expect(target.executionsByKey().get(lost.idempotencyKey)).toBe(1);

  // A replay (run + 1) has a new key and runs the job again.
  target.program('lost-answer', { mode: 'async', runningPolls: 1 });
  expect(await acts.runDeployStep(stepInput('lost-answer', {}, 2))).toMatchObject({ outcome: 'succeeded' });
  expect(target.executions('lost-answer')).toBe(2);

  // Nobody listening: a network error, retried.
  const closed = await new Promise<number>((resolve) => { const s = createServer(); s.listen(0, '127.0.0.1', () => { const p = (s.address() as { port: number }).port; s.close(() => resolve(p)); }); });
  const refused = await transientOf(acts.runDeployStep(stepInput('nobody', { request: { method: 'POST', url: `http://127.0.0.1:${closed}/deploy` } })));
  expect(refused.type).toBe(TRANSIENT_STEP_ERROR);
});

test('no result within waitSeconds fails the step, on time', async () => {
  target.program('stuck', { mode: 'async', hold: true });
  const started = Date.now();
  const out = await acts.runDeployStep(stepInput('stuck', { waitSeconds: 1 }));
  const took = Date.now() - started;
  expect(out).toMatchObject({ outcome: 'failed', detail: expect.stringContaining('no result within 1 s') });
  expect(out.calls).toBeGreaterThan(2);
  expect(took).toBeGreaterThanOrEqual(950);
  expect(took).toBeLessThan(2_500);

  // A trigger that does not answer within the wait: transient (retried with the same key), also on time.
  target.program('slow', { delayMs: 1_500 });
  const t0 = Date.now();
  await transientOf(acts.runDeployStep(stepInput('slow', { waitSeconds: 1 })));
  expect(Date.now() - t0).toBeLessThan(2_500);
});

test('inside an activity it heartbeats while it waits, and a cancellation stops it', async () => {
  target.program('beats', { mode: 'async', runningPolls: 3 });
  const env = new MockActivityEnvironment();
  const beats: unknown[] = [];
  env.on('heartbeat', (d: unknown) => beats.push(d));
  const input = stepInput('beats');
  expect(await env.run(acts.runDeployStep, input)).toMatchObject({ outcome: 'succeeded' });
  // One before the trigger, one before each of the 4 polls (3 answered "running", the 4th the result).
  expect(beats).toHaveLength(5);
  expect(beats[0]).toMatchObject({ stage: 'trigger', idempotencyKey: input.idempotencyKey });
  expect(beats.filter((b) => (b as { stage: string }).stage === 'waiting')).toHaveLength(4);
  expect(target.polls('beats')).toBe(4);

  target.program('cancelled', { mode: 'async', hold: true });
  const env2 = new MockActivityEnvironment();
  const running = env2.run(acts.runDeployStep, stepInput('cancelled', { waitSeconds: 30 }));
  await new Promise((r) => setTimeout(r, 300));
  env2.cancel();
  await expect(running).rejects.toBeDefined();
  const pollsAtCancel = target.polls('cancelled');
  await new Promise((r) => setTimeout(r, 200));
  expect(target.polls('cancelled')).toBe(pollsAtCancel);
});

test('the SSRF guard: only http(s), and only allowed hosts when an allow-list is configured', async () => {
  expect(parseAllowedHosts(undefined)).toBeNull();
  expect(parseAllowedHosts(' ')).toBeNull();
  const allow = parseAllowedHosts('deploy.example.go.id, *.ci.example.go.id, 127.0.0.1:8080');
  expect(allow).toEqual(['deploy.example.go.id', '*.ci.example.go.id', '127.0.0.1:8080']);
  expect(stepUrlRefusal('https://deploy.example.go.id/hook', allow)).toBeNull();
  expect(stepUrlRefusal('https://a.b.ci.example.go.id/run', allow)).toBeNull();
  expect(stepUrlRefusal('https://ci.example.go.id.evil.com/run', allow)).toBe('host_not_allowed');
  expect(stepUrlRefusal('http://127.0.0.1:8080/x', allow)).toBeNull();
  expect(stepUrlRefusal('http://127.0.0.1:8081/x', allow)).toBe('host_not_allowed');
  expect(stepUrlRefusal('http://169.254.169.254/latest/meta-data', allow)).toBe('host_not_allowed');
  expect(stepUrlRefusal('file:///etc/passwd', null)).toBe('scheme_not_allowed');
  expect(stepUrlRefusal('not a url', null)).toBe('invalid_url');
  expect(stepUrlRefusal('http://169.254.169.254/', null)).toBeNull();

  const guarded = createStepActivities({ allowedHosts: ['deploy.example.go.id'], pollIntervalMs: 50 });
  target.program('guarded', {});
  const err = await guarded.runDeployStep(stepInput('guarded')).catch((e: unknown) => e);
  expect(err).toMatchObject({ type: STEP_HOST_NOT_ALLOWED, nonRetryable: true });
  expect(target.calls('guarded')).toHaveLength(0);

  // The target's own host is allowed, for the trigger and its polls; a status URL pointing elsewhere
  // is refused too (the guard checks every URL it calls, not only the plan's).
  const local = createStepActivities({ allowedHosts: [new URL(target.url).host], pollIntervalMs: 50 });
  target.program('inside', { mode: 'async', runningPolls: 1 });
  expect(await local.runDeployStep(stepInput('inside'))).toMatchObject({ outcome: 'succeeded' });
  target.program('escape', { mode: 'async', runningPolls: 1, statusUrl: 'http://169.254.169.254/latest/meta-data' });
  expect(await local.runDeployStep(stepInput('escape')).catch((e: unknown) => e)).toMatchObject({ type: STEP_HOST_NOT_ALLOWED });
  expect(target.executions('escape')).toBe(1);
});

test('an evaluation criterion is tried `attempts` times, `intervalSeconds` apart, against status and body', async () => {
  const criterion = (name: string, over: Partial<HttpCheckCriterion> = {}): HttpCheckCriterion => ({
    kind: 'http_check', id: name, title: `Cek ${name}`, url: target.healthUrl(name), expectStatus: 200, attempts: 3, intervalSeconds: 0.1, ...over,
  });
  const check = (c: HttpCheckCriterion) => acts.checkCriterion({ tenantId: 'serang', caseId: 'c1', criterion: c });

  target.health('recovering', { status: 200, body: '{"status":"UP"}', sequence: [503, 503] });
  expect(await check(criterion('recovering', { bodyContains: '"UP"' }))).toMatchObject({ outcome: 'succeeded', httpStatus: 200, calls: 3 });
  expect(target.healthCalls('recovering')).toBe(3);

  target.health('down', { status: 503 });
  const t0 = Date.now();
  const down = await check(criterion('down', { attempts: 2, intervalSeconds: 0.3 }));
  expect(Date.now() - t0).toBeGreaterThanOrEqual(280);
  expect(down).toEqual({ outcome: 'failed', detail: 'expected 200, got 503 (after 2 tries)', httpStatus: 503, externalId: null, calls: 2 });
  expect(target.healthCalls('down')).toBe(2);

  target.health('wrong-body', { status: 200, body: 'maintenance page' });
  expect(await check(criterion('wrong-body', { attempts: 1, bodyContains: 'versi 1.2.3' }))).toMatchObject({ outcome: 'failed', detail: expect.stringContaining('does not contain "versi 1.2.3"') });

  target.health('teapot', { status: 418 });
  expect(await check(criterion('teapot', { attempts: 1, expectStatus: 418 }))).toMatchObject({ outcome: 'succeeded', calls: 1 });

  const env = new MockActivityEnvironment();
  const beats: unknown[] = [];
  env.on('heartbeat', (d: unknown) => beats.push(d));
  await env.run(acts.checkCriterion, { tenantId: 'serang', caseId: 'c1', criterion: criterion('down', { attempts: 2 }) });
  expect(beats).toEqual([{ criterion: 'down', attempt: 1 }, { criterion: 'down', attempt: 2 }]);
});
