// Shared by the release integration tests: an approved change over HTTP, a release plan against the
// test deployment target, and waiting for a release to reach a state.
import type { TestSystem } from './system.ts';
import type { DeployTarget } from './deployTarget.ts';

export const iso = (ms: number) => new Date(ms).toISOString();

/** A normal change on WEBSITE, initiated by `initiator` (service desk by default) and approved by the service owner: scheduled. */
let changes = 0;
export async function approvedChange(sys: TestSystem, initiator = 'pengelola'): Promise<{ id: string; number: string }> {
  // Each change its own day, so that their windows never conflict (a conflict would hold the change in window_conflict).
  const start = Date.now() + (++changes) * 86_400_000;
  const created = await sys.call(initiator, 'POST', '/api/v1/changes', {
    title: 'Pembaruan aplikasi website', reason: 'Perbaikan keamanan', category: 'normal', services: ['WEBSITE'],
    riskAnalysis: 'Risiko rendah; rollback tersedia.', implementationPlan: 'Deploy versi baru lewat pipeline.',
    window: { start: iso(start), end: iso(start + 3_600_000) },
  });
  if (created.status !== 201) throw new Error(`change not created: ${created.status} ${JSON.stringify(created.body)}`);
  await sys.started(created.body.id);
  const decided = await sys.call('penyedia', 'POST', `/api/v1/cases/${created.body.id}/actions/decide`, { decision: 'approve', note: 'Disetujui' });
  if (decided.status !== 200) throw new Error(`change not approved: ${decided.status} ${JSON.stringify(decided.body)}`);
  const scheduled = await waitForState(sys, 'penyedia', created.body.id, ['scheduled', 'implementing']);
  return { id: scheduled.id, number: scheduled.number };
}

export interface PlanOptions {
  steps?: unknown[];
  rollbackSteps?: unknown[];
  evaluationCriteria?: unknown[];
  startInMs?: number;
}

/** A release plan whose steps call the target: deploy-app (sync) and migrate-db (async), undone in reverse. */
export function releasePlan(target: DeployTarget, prefix: string, change: string, o: PlanOptions = {}) {
  const now = Date.now();
  const http = (id: string, extra: Record<string, unknown> = {}) => ({
    kind: 'http', id, title: `Langkah ${id}`, request: { method: 'POST', url: target.stepUrl(`${prefix}-${id}`), body: { version: '2.0.0' } }, waitSeconds: 20, ...extra,
  });
  return {
    title: `Rilis website 2.0 (${prefix})`, change,
    window: { start: iso(now + (o.startInMs ?? 4_000)), end: iso(now + 3_600_000) }, expectedDowntimeMinutes: 15,
    contents: [{ kind: 'software', name: 'website', version: '2.0.0' }], method: 'pipeline',
    steps: o.steps ?? [http('deploy-app'), http('migrate-db')],
    evaluationCriteria: o.evaluationCriteria ?? [{ kind: 'http_check', id: 'homepage', title: 'Beranda menjawab 200', url: target.healthUrl(`${prefix}-homepage`), attempts: 1, intervalSeconds: 0 }],
    rollbackSteps: o.rollbackSteps ?? [http('undo-app', { undoes: 'deploy-app' }), http('undo-db', { undoes: 'migrate-db' })],
    affectedParties: { roles: ['requester'], users: [] },
  };
}

export async function waitForState(sys: TestSystem, who: string, id: string, states: string[], timeoutMs = 60_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  let last: any;
  while (Date.now() < deadline) {
    last = (await sys.call(who, 'GET', `/api/v1/cases/${id}`)).body;
    if (states.includes(last?.state)) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`case ${id} did not reach ${states.join('|')} within ${timeoutMs} ms (state ${last?.state}): ${JSON.stringify(last?.data?.steps ?? last)}`);
}

export async function timelineOf(sys: TestSystem, id: string): Promise<Array<{ seq: number; action: string; actor: { username: string }; payload: any }>> {
  return (await sys.call('admin', 'GET', `/api/v1/cases/${id}/timeline`)).body.events;
}
