// Kill -9 the worker while a release is between its deploy steps and its verification (a deploy job
// is running on the deployment system), let the job finish while no worker runs, restart the worker:
// the release goes on from where it was. The deployment target's counters prove that no step is lost
// and none runs twice (one execution per idempotency key; the step already done is not called again).
import { useTestSystem } from '../support/system.ts';
import { startDeployTarget, type DeployTarget } from '../support/deployTarget.ts';
import { approvedChange, releasePlan, timelineOf, waitForState } from '../support/releaseFlow.ts';

const system = useTestSystem('childProcess');
let target: DeployTarget;
beforeAll(async () => { target = await startDeployTarget(); });
afterAll(async () => { await target?.close(); });

async function until(what: string, ok: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('a worker killed between deploy and verify neither loses nor repeats a step', async () => {
  target.program('crash-deploy-app', { mode: 'sync' });
  target.program('crash-migrate-db', { mode: 'async', hold: true });
  target.program('crash-undo-app', { mode: 'sync' });
  target.program('crash-undo-db', { mode: 'sync' });
  target.health('crash-homepage', { status: 200, body: 'versi 2.0.0' });

  const change = await approvedChange(system());
  const created = await system().call('teknis', 'POST', '/api/v1/releases', releasePlan(target, 'crash', change.number, {
    evaluationCriteria: [{ kind: 'http_check', id: 'homepage', title: 'Beranda', url: target.healthUrl('crash-homepage'), bodyContains: 'versi 2.0.0', attempts: 1, intervalSeconds: 0 }],
  }));
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  await system().started(id);
  expect((await system().call('penyedia', 'POST', `/api/v1/cases/${id}/actions/decide_plan`, { decision: 'approve' })).status).toBe(200);

  // deploy-app done, migrate-db triggered and being polled: kill the worker.
  await until('migrate-db to be polled', () => target.polls('crash-migrate-db') >= 2);
  expect(target.executions('crash-deploy-app')).toBe(1);
  await system().stopWorker();
  // The deployment system finishes the job while Sigap's worker is down.
  target.release('crash-migrate-db');
  const pollsWhileDown = target.polls('crash-migrate-db');
  await new Promise((r) => setTimeout(r, 1_000));
  expect(target.polls('crash-migrate-db')).toBe(pollsWhileDown);

  await system().startWorker('childProcess');
  const done = await waitForState(system(), 'penyedia', id, ['reviewing'], 90_000);
  expect(done.data).toMatchObject({ outcome: 'succeeded', rollback: null });

  // Nothing repeated: the step finished before the crash was not called again; the interrupted one was
  // re-sent with the same key (the target answered with the finished job) and ran once.
  expect(target.calls('crash-deploy-app')).toHaveLength(1);
  expect(target.executions('crash-migrate-db')).toBe(1);
  expect(target.calls('crash-migrate-db').length).toBeGreaterThanOrEqual(2);
  expect(new Set(target.calls('crash-migrate-db').map((c) => c.key))).toEqual(new Set([`sigap:${id}:deploy:migrate-db:1`]));
  for (const [key, n] of target.executionsByKey()) expect({ key, n }).toEqual({ key, n: 1 });
  expect(target.executions('crash-undo-app') + target.executions('crash-undo-db')).toBe(0);
  expect(target.healthCalls('crash-homepage')).toBe(1);

  // Nothing lost or doubled on the timeline: contiguous events, each step started and completed once.
  const events = await timelineOf(system(), id);
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i));
  expect(events.filter((e) => e.action === 'step_started').map((e) => e.payload.step)).toEqual(['deploy-app', 'migrate-db']);
  expect(events.filter((e) => e.action === 'step_completed').map((e) => `${e.payload.step}:${e.payload.outcome}`)).toEqual(['deploy-app:succeeded', 'migrate-db:succeeded']);
  expect(events.filter((e) => e.action === 'criterion_checked').map((e) => e.payload.passed)).toEqual([true]);
}, 240_000);
