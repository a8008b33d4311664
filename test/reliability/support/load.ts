// The mixed load of the reliability suite, sent through the HTTP API as integrators do (every call through
// the retrying integrator): requests that close, requests left open until their 60-second SLA target
// breaches and escalates, incidents from report to confirmation, and normal changes whose release runs two
// deployment steps against the stand-in deployment system. Each flow returns what must hold at the end:
// the state, the actions taken (with their Idempotency-Keys) and the notices its people must get.
import { randomUUID } from 'node:crypto';
import type { DeployTarget } from '../../support/deployTarget.ts';
import { iso, releasePlan } from '../../support/releaseFlow.ts';
import type { Integrator } from './integrator.ts';

export type FlowKind = 'request' | 'requestWithApproval' | 'breachingRequest' | 'incident' | 'release';

export interface Expectation {
  kind: FlowKind;
  /** Unique title: finds the case even when the answer to its creation was lost. */
  title: string;
  id: string;
  /** Acceptable final states. */
  states: string[];
  /** Every action taken, with the Idempotency-Key it was sent with (and re-sent with after a cut connection). */
  actions: Array<{ who: string; action: string; key: string }>;
  /** Notices that must reach the SMTP sink: (case, template, recipient username). */
  notices: Array<{ caseId: string; template: string; recipient: string }>;
  breaches: boolean;
  /** Release steps that must run exactly once (the stand-in target's step names). */
  deploySteps: string[];
  /** Other cases the flow opened (a release's change) and their acceptable final states. */
  related: Array<{ id: string; states: string[] }>;
}

/** The catalogue item whose SLA target (60 s, the shortest the catalogue allows) breaches during the run. */
export const SHORT_SLA_ITEM = 'UJI-SLA-1M';
const SHORT_SLA_MS = 60_000;

export async function prepareLoad(client: Integrator, webhookUrl: string): Promise<{ subscriptionId: string }> {
  const item = await client.send('admin', 'PUT', `/catalogue/${SHORT_SLA_ITEM}`, {
    name: { id: 'Uji keandalan (target 1 menit)', en: 'Reliability test (1-minute target)' },
    description: { id: 'Item katalog uji dengan target pemenuhan 1 menit', en: 'Test item with a 1-minute fulfilment target' },
    group: 'Uji', fulfilmentTarget: { ms: SHORT_SLA_MS, basis: 'calendar' }, requiresApproval: false,
  });
  if (item.status !== 200 && item.status !== 201) throw new Error(`catalogue item not stored: ${item.status} ${JSON.stringify(item.body)}`);
  const hook = await client.send('admin', 'POST', '/webhooks', { url: webhookUrl, description: 'Uji keandalan' });
  if (hook.status !== 201) throw new Error(`webhook subscription not created: ${hook.status} ${JSON.stringify(hook.body)}`);
  return { subscriptionId: hook.body.id as string };
}

class Flow {
  readonly actions: Expectation['actions'] = [];
  readonly client: Integrator;
  readonly title: string;
  constructor(client: Integrator, title: string) {
    this.client = client;
    this.title = title;
  }

  async create(who: string, path: string, body: unknown): Promise<any> {
    const res = await this.client.send(who, 'POST', path, body);
    if (res.status !== 201) throw new Error(`${this.title}: POST ${path} answered ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async act(who: string, id: string, action: string, body: unknown): Promise<any> {
    const key = randomUUID();
    this.actions.push({ who, action, key });
    const res = await this.client.send(who, 'POST', `/cases/${id}/actions/${action}`, body, { key });
    if (res.status !== 200) throw new Error(`${this.title}: ${action} by ${who} answered ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async waitFor(who: string, id: string, states: string[], timeoutMs = 240_000): Promise<any> {
    const deadline = Date.now() + timeoutMs;
    let last: any;
    while (Date.now() < deadline) {
      last = (await this.client.send(who, 'GET', `/cases/${id}`)).body;
      if (states.includes(last?.state)) return last;
      await new Promise((r) => setTimeout(r, 300));
    }
    throw new Error(`${this.title}: ${id} did not reach ${states.join('|')} (state ${last?.state})`);
  }
}

const noticesOf = (caseId: string, byTemplate: Record<string, string[]>): Expectation['notices'] =>
  Object.entries(byTemplate).flatMap(([template, recipients]) => recipients.map((recipient) => ({ caseId, template, recipient })));

const base = (kind: FlowKind, flow: Flow, id: string): Omit<Expectation, 'states' | 'notices'> =>
  ({ kind, title: flow.title, id, actions: flow.actions, breaches: false, deploySteps: [], related: [] });

async function request(client: Integrator, n: string, withApproval: boolean): Promise<Expectation> {
  const flow = new Flow(client, `Uji keandalan permintaan ${n}`);
  const created = await flow.create('pemohon', '/requests', {
    catalogueItem: withApproval ? 'HOSTING-APP' : 'AKUN-EMAIL', title: flow.title, description: 'Dibuat oleh uji keandalan.',
  });
  await flow.act('pengelola', created.id, 'classify', { classification: 'fulfilment', priority: 'medium' });
  if (withApproval) await flow.act('penyedia', created.id, 'decide', { decision: 'approve', comment: 'Disetujui' });
  await flow.act('pengelola', created.id, 'assign', { assignee: 'teknis' });
  await flow.act('teknis', created.id, 'fulfil', { resolution: 'Selesai dikerjakan.' });
  await flow.act('pemohon', created.id, 'confirm', { satisfaction: 4 });
  return {
    ...base(withApproval ? 'requestWithApproval' : 'request', flow, created.id), states: ['closed'],
    notices: noticesOf(created.id, {
      'request-received': ['pemohon', 'pengelola'], ...(withApproval ? { 'decision-waiting': ['penyedia'] } : {}),
      'request-assigned': ['teknis'], 'request-fulfilled': ['pemohon'], 'request-closed': ['teknis'],
    }),
  };
}

async function breachingRequest(client: Integrator, n: string): Promise<Expectation> {
  const flow = new Flow(client, `Uji keandalan SLA ${n}`);
  const created = await flow.create('pemohon', '/requests', { catalogueItem: SHORT_SLA_ITEM, title: flow.title, description: 'Dibiarkan melewati target.' });
  await flow.act('pengelola', created.id, 'classify', { classification: 'fulfilment', priority: 'high' });
  await flow.act('pengelola', created.id, 'assign', { assignee: 'teknis' });
  return {
    ...base('breachingRequest', flow, created.id), states: ['in_fulfilment'], breaches: true,
    // The breach is escalated to the service coordinator (and told to the executor when it was assigned in time).
    notices: noticesOf(created.id, { 'request-received': ['pemohon', 'pengelola'], 'request-assigned': ['teknis'], 'sla-breach': ['koordinator'] }),
  };
}

async function incident(client: Integrator, n: string): Promise<Expectation> {
  const flow = new Flow(client, `Uji keandalan gangguan ${n}`);
  const created = await flow.create('pemohon', '/incidents', {
    service: 'PERIZINAN-ONLINE', category: flow.title, symptoms: 'Galat 502 di halaman login.', impact: 'minor',
  });
  await flow.act('pengelola', created.id, 'respond', { note: 'Laporan diterima.' });
  await flow.act('pengelola', created.id, 'escalate', { note: 'Perlu Pengelola Teknis.' });
  await flow.act('teknis', created.id, 'resolve', { resolution: 'Layanan dijalankan ulang.', cause: 'Memori penuh' });
  await flow.act('pemohon', created.id, 'confirm', { satisfaction: 5 });
  return {
    ...base('incident', flow, created.id), states: ['closed'],
    notices: noticesOf(created.id, { 'incident-reported': ['pemohon', 'pengelola'], 'incident-escalated': ['teknis', 'teknis2'], 'incident-resolved': ['pemohon'] }),
  };
}

let windows = 0;
async function release(client: Integrator, target: DeployTarget, n: string, hold: boolean): Promise<Expectation> {
  const flow = new Flow(client, `Uji keandalan rilis ${n}`);
  const prefix = `rel-${n}`;
  // migrate-db is an asynchronous job the worker polls; held, it stays running until the test releases it.
  for (const step of ['deploy-app', 'migrate-db', 'undo-app', 'undo-db']) target.program(`${prefix}-${step}`, step === 'migrate-db' ? { mode: 'async', hold } : { mode: 'sync' });
  target.health(`${prefix}-homepage`, { status: 200 });
  // Each change its own day, so that no two windows conflict.
  const start = Date.now() + (++windows + 30) * 86_400_000;
  const change = await flow.create('pengelola', '/changes', {
    title: flow.title, reason: 'Perbaikan keamanan', category: 'normal', services: ['WEBSITE'],
    riskAnalysis: 'Risiko rendah; rollback tersedia.', implementationPlan: 'Deploy versi baru lewat pipeline.',
    window: { start: iso(start), end: iso(start + 3_600_000) },
  });
  await flow.act('penyedia', change.id, 'decide', { decision: 'approve', note: 'Disetujui' });
  await flow.waitFor('penyedia', change.id, ['scheduled', 'implementing']);
  const created = await flow.create('teknis', '/releases', { ...releasePlan(target, prefix, change.number, { startInMs: 3_000 }), title: flow.title });
  await flow.act('penyedia', created.id, 'decide_plan', { decision: 'approve' });
  return {
    ...base('release', flow, created.id), states: ['reviewing'], deploySteps: [`${prefix}-deploy-app`, `${prefix}-migrate-db`],
    related: [{ id: change.id, states: ['implemented'] }],
    notices: [
      ...noticesOf(change.id, { 'change-approval-needed': ['penyedia'], 'change-scheduled': ['pengelola', 'teknis', 'teknis2'], 'change-implemented': ['pengelola', 'penyedia'] }),
      ...noticesOf(created.id, {
        'release-plan-approval': ['penyedia'], 'release-downtime': ['pemohon', 'pemohon2', 'penyedia', 'teknis'], 'release-completed': ['penyedia', 'teknis'],
      }),
    ],
  };
}

export interface LoadPlan {
  requests: number; approvals: number; breaching: number; incidents: number; releases: number; concurrency: number;
  /** Keep each release's migrate-db job running until `target.release(step)`. */
  holdMigrations?: boolean;
}

/** Runs every flow, `concurrency` at a time, in an interleaved order; resolves with their expectations. */
export async function runLoad(client: Integrator, target: DeployTarget, plan: LoadPlan, runId: string): Promise<Expectation[]> {
  const flows: Array<() => Promise<Expectation>> = [];
  const most = Math.max(plan.requests, plan.approvals, plan.breaching, plan.incidents, plan.releases);
  for (let i = 0; i < most; i++) {
    // Breaching requests first: their 60-second clock runs while the processes are being killed.
    if (i < plan.breaching) flows.push(() => breachingRequest(client, `${runId}-${i}`));
    if (i < plan.releases) flows.push(() => release(client, target, `${runId}-${i}`, plan.holdMigrations ?? false));
    if (i < plan.requests) flows.push(() => request(client, `${runId}-${i}`, false));
    if (i < plan.incidents) flows.push(() => incident(client, `${runId}-${i}`));
    if (i < plan.approvals) flows.push(() => request(client, `${runId}-a${i}`, true));
  }
  const results: Expectation[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: plan.concurrency }, async () => {
    while (next < flows.length) results.push(await flows[next++]!());
  }));
  return results;
}
