// Outbound webhooks over HTTP, on a real Temporal dev server and PostgreSQL: an administrator subscribes
// a local receiver that answers 500 twice per message and then 200; every case event arrives exactly once
// with a signature that the independent `standardwebhooks` verifier accepts, the delivery log shows the
// three attempts, and a redelivery sends the message again with the same webhook-id. Bad URLs, hosts
// outside the allowed destinations and non-administrators are refused and nothing is created.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { useTestSystem } from '../support/system.ts';
import { eventually } from '../support/eventually.ts';
import { dispatchPendingWebhooks } from '../../api/services/webhooks.ts';

const system = useTestSystem();
const post = (who: string, path: string, body: unknown, headers: Record<string, string> = {}) => system().call(who, 'POST', `/api/v1${path}`, body, headers);
const get = (who: string, path: string) => system().call(who, 'GET', `/api/v1${path}`);
const sql = <T = unknown>(q: string, params: unknown[] = []) => system().orm.em.fork().execute<T[]>(q, params);
const count = async (table: string) => Number((await sql<{ n: string }>(`select count(*) as n from ${table}`))[0]!.n);

/** A receiver that fails the first two attempts of every webhook-id with a 500, then accepts. */
interface Received { id: string; headers: IncomingHttpHeaders; body: string; status: number }
let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];
const accepted = () => received.filter((r) => r.status === 200);

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => { body += c; });
    req.on('end', () => {
      const id = String(req.headers['webhook-id']);
      const status = received.filter((r) => r.id === id).length < 2 ? 500 : 200;
      received.push({ id, headers: req.headers, body, status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/sigap-hook`;
});
afterAll(async () => { stopDispatcher(); await new Promise((r) => receiver?.close(r)); });

// The API process dispatches every 2 s (api/server.ts); the test drives the dispatcher with short retries.
const RETRY = { initialIntervalMs: 100, maximumIntervalMs: 400 };
let dispatcher: ReturnType<typeof setInterval> | undefined;
const stopDispatcher = () => clearInterval(dispatcher);

test('bad URLs, destinations outside the allow-list and non-administrators are refused; nothing is created', async () => {
  const before = await count('webhook_subscription');
  for (const url of ['ftp://127.0.0.1/hook', 'bukan url', 'javascript:alert(1)']) {
    const res = await post('admin', '/webhooks', { url });
    expect([res.status, res.body.code]).toEqual([400, 'webhook_url_invalid']);
  }
  const far = await post('admin', '/webhooks', { url: 'https://hooks.example.com/sigap' });
  expect([far.status, far.body.code]).toEqual([400, 'webhook_destination_not_allowed']);
  expect(far.body.detail).toContain('hooks.example.com');
  const en = await post('admin', '/webhooks', { url: 'http://10.0.0.5/hook' }, { 'accept-language': 'en' });
  expect(en.body.title).toBe('Webhook destination not allowed');
  expect((await post('pengelola', '/webhooks', { url: receiverUrl })).status).toBe(403);
  expect((await get('pengelola', '/webhooks')).status).toBe(403);
  expect((await post('admin', '/webhooks', { url: receiverUrl, events: ['Bukan Nama'] })).status).toBe(400);
  expect(await count('webhook_subscription')).toBe(before);
  expect(await count('webhook_delivery')).toBe(0);
});

test('each event of a case arrives exactly once, signed, after two failures; the log shows the attempts; redelivery keeps the id', async () => {
  const all = await post('admin', '/webhooks', { url: receiverUrl, description: 'Portal layanan', caseTypes: ['request'] });
  expect(all.status).toBe(201);
  expect(all.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
  const classifyOnly = await post('admin', '/webhooks', { url: receiverUrl, events: ['classify'] });
  const incidentsOnly = await post('admin', '/webhooks', { url: receiverUrl, caseTypes: ['incident'] });
  expect([classifyOnly.status, incidentsOnly.status]).toEqual([201, 201]);
  const listed = await get('admin', '/webhooks');
  expect(listed.body.items.map((s: { id: string }) => s.id).sort()).toEqual([all.body.id, classifyOnly.body.id, incidentsOnly.body.id].sort());
  expect(JSON.stringify(listed.body)).not.toContain('whsec_');

  dispatcher = setInterval(() => void dispatchPendingWebhooks(system().deps, { retry: RETRY }).catch(() => undefined), 150);
  const submitted = await post('pemohon', '/requests', { catalogueItem: 'HOSTING-APP', title: 'Hosting aplikasi webhook', description: 'VM 2 vCPU' }, { 'idempotency-key': 'webhook-1' });
  expect(submitted.status).toBe(201);
  const caseId: string = submitted.body.id;
  await system().started(caseId);
  expect((await post('pengelola', `/cases/${caseId}/actions/classify`, { classification: 'fulfilment', priority: 'medium' })).status).toBe(200);

  // Every event recorded by the workflow (seq ≥ 1) goes to the first subscription, classify also to the second.
  const events = await sql<{ seq: number; action: string }>('select seq, action from case_event where case_id = ? and seq >= 1 order by seq', [caseId]);
  expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['started', 'classify']));
  const expected = events.length + 1;
  await eventually(() => expect(accepted()).toHaveLength(expected), 60_000, 100);

  const verifier = new Webhook(all.body.secret);
  const verifier2 = new Webhook(classifyOnly.body.secret);
  const deliveries = await sql<{ id: string; subscription_id: string; event_seq: number; event_type: string }>(
    'select id, subscription_id, event_seq, event_type from webhook_delivery where case_id = ?', [caseId]);
  expect(deliveries.filter((d) => d.subscription_id === all.body.id).map((d) => d.event_seq).sort((a, b) => a - b)).toEqual(events.map((e) => e.seq));
  expect(deliveries.filter((d) => d.subscription_id === classifyOnly.body.id).map((d) => d.event_type)).toEqual(['classify']);
  expect(deliveries.filter((d) => d.subscription_id === incidentsOnly.body.id)).toEqual([]);
  for (const d of deliveries) {
    const attempts = received.filter((r) => r.id === d.id);
    expect(attempts.map((a) => a.status)).toEqual([500, 500, 200]); // exactly once accepted, after two failures
    const ok = attempts[2]!;
    const v = d.subscription_id === all.body.id ? verifier : verifier2;
    const message = v.verify(ok.body, ok.headers as Record<string, string>) as { type: string; data: { caseId: string; seq: number; event: string } };
    expect(message).toMatchObject({ type: `case.${d.event_type}`, data: { caseId, seq: d.event_seq, event: d.event_type } });
    // The other subscription's secret does not verify it.
    expect(() => (v === verifier ? verifier2 : verifier).verify(ok.body, ok.headers as Record<string, string>)).toThrow();
  }

  const log = await get('admin', `/webhooks/${all.body.id}/deliveries?pageSize=50`);
  expect(log.status).toBe(200);
  expect(log.body.total).toBe(events.length);
  for (const item of log.body.items) expect(item).toMatchObject({ status: 'delivered', attempts: 3, lastStatusCode: 200, lastError: null, redeliveries: 0 });
  const page = await get('admin', `/webhooks/${all.body.id}/deliveries?pageSize=1&page=2`);
  expect([page.body.items.length, page.body.total]).toEqual([1, events.length]);

  // Redelivery by an administrator: same webhook-id, recorded; a non-administrator may not.
  const classifyDelivery = deliveries.find((d) => d.subscription_id === classifyOnly.body.id)!;
  expect((await post('pengelola', `/webhooks/deliveries/${classifyDelivery.id}/redeliver`, {})).status).toBe(403);
  const again = await post('admin', `/webhooks/deliveries/${classifyDelivery.id}/redeliver`, {});
  expect(again.status).toBe(202);
  expect(again.body).toMatchObject({ id: classifyDelivery.id, status: 'pending', redeliveries: 1, redeliveredBy: 'admin' });
  await eventually(async () => {
    const [row] = (await get('admin', `/webhooks/${classifyOnly.body.id}/deliveries`)).body.items;
    expect(row).toMatchObject({ id: classifyDelivery.id, status: 'delivered', attempts: 4, redeliveries: 1 });
  }, 30_000, 100);
  const resent = received.filter((r) => r.id === classifyDelivery.id);
  expect(resent.map((r) => r.status)).toEqual([500, 500, 200, 200]);
  expect(verifier2.verify(resent[3]!.body, resent[3]!.headers as Record<string, string>)).toMatchObject({ type: 'case.classify' });

  // The dispatcher starts nothing twice: everything is dispatched, and the workflows' ids are taken.
  stopDispatcher();
  expect(await dispatchPendingWebhooks(system().deps, { retry: RETRY })).toBe(0);
  expect(accepted()).toHaveLength(expected + 1);

  // Revoking stops new deliveries.
  const revoked = await system().call('admin', 'DELETE', `/api/v1/webhooks/${all.body.id}`);
  expect(revoked.body).toMatchObject({ active: false });
  expect(revoked.body.revokedAt).toEqual(expect.any(String));
  expect((await post('admin', `/webhooks/deliveries/${deliveries.find((d) => d.subscription_id === all.body.id)!.id}/redeliver`, {})).body.code).toBe('webhook_subscription_revoked');
}, 120_000);
