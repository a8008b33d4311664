// Alert intake over HTTP on a real Temporal dev server and PostgreSQL, and from a real Prometheus
// Alertmanager (the Debian package; ./sigap setup installs it) posting its webhook to the test API.
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { startAlertmanager, type TestAlertmanager } from '../support/alertmanager.ts';
import { useTestSystem } from '../support/system.ts';
import { artifactsDir } from '../support/tmp.ts';

const system = useTestSystem();
const KEY_NAME = 'Prometheus Alertmanager (uji)';
let integrator: { id: string; key: string };

beforeAll(async () => {
  const created = await system().call('admin', 'POST', '/api/v1/api-keys', { name: KEY_NAME, scopes: ['incidents:create'] });
  expect(created.status).toBe(201);
  integrator = { id: created.body.id, key: created.body.key };
});

const withKey = (key: string, method: string, url: string, body?: unknown, headers: Record<string, string> = {}) =>
  system().call(null, method, url, body, { authorization: `Bearer ${key}`, ...headers });
const webhook = (body: unknown, headers: Record<string, string> = {}) => withKey(integrator.key, 'POST', '/api/v1/integrations/alertmanager', body, headers);
const generic = (body: Record<string, unknown>) => withKey(integrator.key, 'POST', '/api/v1/integrations/alerts', body);
const countIncidents = async () => Number((await system().orm.em.fork().execute<Array<{ n: string }>>(`select count(*) as n from sigap_case where case_type = 'incident'`))[0]!.n);
const getCase = async (id: string) => (await system().call('pengelola', 'GET', `/api/v1/cases/${id}`)).body;
const timeline = async (id: string) => (await system().call('pengelola', 'GET', `/api/v1/cases/${id}/timeline`)).body.events as Array<{ action: string; actor: { username: string; role: string | null }; payload: Record<string, unknown> }>;
const alertsOf = async (query: string) => (await system().call('pengelola', 'GET', `/api/v1/integrations/alerts?${query}`)).body.items as Array<Record<string, any>>;
const act = (who: string, id: string, action: string, body: unknown) => system().call(who, 'POST', `/api/v1/cases/${id}/actions/${action}`, body);

/** An Alertmanager v4 webhook body around some alerts. */
function amPayload(alerts: Array<Record<string, unknown>>, status = 'firing') {
  return {
    version: '4', groupKey: '{}:{alertname="X"}', truncatedAlerts: 0, status, receiver: 'sigap', groupLabels: {}, commonLabels: {},
    commonAnnotations: {}, externalURL: 'http://alertmanager.test', alerts,
  };
}
function amAlert(over: Record<string, unknown> = {}, labels: Record<string, string> = {}) {
  return {
    status: 'firing', labels: { alertname: 'WebsiteDown', sigap_service: 'WEBSITE', severity: 'warning', ...labels },
    annotations: { summary: 'Website tidak merespons', description: 'HTTP 503 selama 5 menit.' },
    startsAt: '2026-11-22T01:00:00.123456789Z', endsAt: '0001-01-01T00:00:00Z', generatorURL: 'http://prometheus.test/graph', fingerprint: randomUUID().slice(0, 16),
    ...over,
  };
}

async function eventually<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('a payload that is not an Alertmanager v4 webhook (or a generic alert) gets 400 invalid_alert_payload and creates nothing', async () => {
  const before = await countIncidents();
  const v3 = await webhook({ ...amPayload([amAlert()]), version: '3' });
  expect(v3).toMatchObject({ status: 400, body: { code: 'invalid_alert_payload', type: 'https://sigap.go.id/problems/invalid_alert_payload' } });
  expect(v3.headers.get('content-type')).toMatch(/application\/problem\+json/);
  expect(v3.body.detail).toMatch(/Data peringatan tidak sesuai format webhook Alertmanager versi 4/);
  expect(v3.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.version']);

  const { fingerprint: _f, ...noFingerprint } = amAlert();
  const bad = await webhook(amPayload([amAlert(), noFingerprint]), { 'accept-language': 'en' });
  expect(bad.status).toBe(400);
  expect(bad.body.title).toBe('Invalid alert payload');
  expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.alerts.1.fingerprint']);
  expect((await webhook(amPayload([]))).body.code).toBe('invalid_alert_payload');
  expect((await webhook(amPayload([amAlert({ startsAt: 'kemarin' })]))).body.errors[0].path).toBe('body.alerts.0.startsAt');
  expect((await webhook(undefined)).body.code).toBe('invalid_alert_payload');
  expect((await webhook('{"version": "4", ', { 'content-type': 'application/json' })).body.code).toBe('malformed_json');
  expect((await generic({ source: 'zabbix', status: 'firing', service: 'WEBSITE', title: 'Down' })).body).toMatchObject({ code: 'invalid_alert_payload', errors: [{ path: 'body.fingerprint' }] });
  expect((await generic({ source: 'zabbix', fingerprint: 'x', status: 'menyala', service: 'WEBSITE', title: 'Down' })).status).toBe(400);
  expect(await countIncidents()).toBe(before);
});

test('only integrators with incidents:create and the service desk may send alerts', async () => {
  const before = await countIncidents();
  const body = amPayload([amAlert()]);
  const asRequester = await system().call('pemohon', 'POST', '/api/v1/integrations/alertmanager', body);
  expect(asRequester).toMatchObject({ status: 403, body: { code: 'missing_role' } });
  expect(asRequester.body.detail).toContain('Pengelola Layanan');
  expect((await system().call('teknis', 'POST', '/api/v1/integrations/alerts', { nonsense: true })).status).toBe(403); // before the body is judged
  const reader = await system().call('admin', 'POST', '/api/v1/api-keys', { name: 'Dasbor', scopes: ['cases:read'] });
  expect((await withKey(reader.body.key, 'POST', '/api/v1/integrations/alertmanager', body)).body.code).toBe('missing_scope');
  expect((await system().call(null, 'POST', '/api/v1/integrations/alertmanager', body)).status).toBe(401);
  expect(await countIncidents()).toBe(before);
  expect((await system().call('pemohon', 'GET', '/api/v1/integrations/alerts')).status).toBe(403);

  // A service desk user may feed an alert by hand; then the user is the reporter.
  const byDesk = await system().call('pengelola', 'POST', '/api/v1/integrations/alerts', { source: 'manual', fingerprint: randomUUID(), status: 'firing', service: 'SIMPEG', title: 'SIMPEG lambat' });
  expect(byDesk.body.results[0]).toMatchObject({ outcome: 'opened' });
  expect((await getCase(byDesk.body.results[0].caseId)).data.reporter).toEqual({ username: 'pengelola', name: 'Andi Pratama' });
});

test('an alert naming an unknown service (or none) is rejected on its own; the rest of the batch goes on', async () => {
  const before = await countIncidents();
  const unknown = await webhook(amPayload([amAlert({}, { sigap_service: 'TIDAK-ADA' })]));
  expect(unknown.status).toBe(200);
  expect(unknown.body.results).toEqual([expect.objectContaining({
    index: 0, outcome: 'rejected', caseId: null, reason: { code: 'unknown_service', message: 'Layanan TIDAK-ADA tidak terdaftar pada instansi ini.' },
  })]);
  expect(await countIncidents()).toBe(before);

  const { sigap_service: _s, ...noService } = amAlert().labels;
  const batch = await webhook(amPayload([amAlert({ labels: noService }), amAlert({}, { sigap_service: 'TIDAK-ADA' }), amAlert({}, { sigap_service: '', service: 'SIMPEG' })]), { 'accept-language': 'en' });
  expect(batch.body.received).toBe(3);
  expect(batch.body.results.map((r: { outcome: string; reason: { code: string } | null }) => [r.outcome, r.reason?.code ?? null]))
    .toEqual([['rejected', 'alert_service_missing'], ['rejected', 'unknown_service'], ['opened', null]]);
  expect(batch.body.results[0].reason.message).toMatch(/names no affected service/);
  expect(await countIncidents()).toBe(before + 1);
  const kase = await getCase(batch.body.results[2].caseId);
  expect(kase).toMatchObject({ service: 'SIMPEG', data: { impact: 'minor', channel: 'monitoring', category: 'WebsiteDown' } });
  // A resolution of an alert that never opened anything records nothing.
  const stray = await webhook(amPayload([amAlert({ status: 'resolved', endsAt: '2026-11-22T02:00:00Z' })], 'resolved'));
  expect(stray.body.results[0]).toMatchObject({ outcome: 'ignored', reason: { code: 'alert_unknown' } });
});

test('generic alerts: one incident per fingerprint, repeats counted, the resolution recorded, the service desk confirms, a new episode opens a new incident', async () => {
  const fingerprint = `web-home-${randomUUID()}`;
  const T0 = '2026-11-22T01:00:00+07:00';
  const alert = { source: 'uptime-kuma', fingerprint, status: 'firing', service: 'WEBSITE', severity: 'critical', title: 'Website tidak merespons', description: 'HTTP 503 dari https://serangkab.go.id', instance: 'VM-WEB-01', startsAt: T0 };
  const before = await countIncidents();

  const opened = await generic(alert);
  expect(opened).toMatchObject({ status: 200, body: { received: 1, results: [{ outcome: 'opened', repeatCount: 0, number: expect.stringMatching(/^INC-/) }] } });
  const id = opened.body.results[0].caseId as string;
  await system().started(id);
  const kase = await getCase(id);
  expect(kase).toMatchObject({
    type: 'incident', service: 'WEBSITE', state: 'reported', requester: `apikey:${integrator.id}`,
    links: [{ type: 'alert', id: `uptime-kuma:${fingerprint}`, relation: 'origin' }],
    data: {
      channel: 'monitoring', impact: 'mayor', category: 'Website tidak merespons', symptoms: 'HTTP 503 dari https://serangkab.go.id',
      configurationItems: ['VM-WEB-01'], reporter: { username: `apikey:${integrator.id}`, name: KEY_NAME },
    },
  });
  const submitted = (await timeline(id))[0]!;
  expect(submitted).toMatchObject({ action: 'submitted', actor: { username: `apikey:${integrator.id}`, role: 'integrator' } });

  // The same alert again (a retry, then a new evaluation): no second incident, the repeats are counted.
  expect((await generic(alert)).body.results[0]).toMatchObject({ outcome: 'repeat', caseId: id, repeatCount: 1 });
  expect((await generic({ ...alert, instance: 'VM-LAIN', startsAt: '2026-11-22T01:05:00+07:00' })).body.results[0]).toMatchObject({ outcome: 'repeat', caseId: id, repeatCount: 2 });
  expect(await countIncidents()).toBe(before + 1);

  // It clears: recorded on the case by the workflow, which stays open; a retried resolution records nothing more.
  const resolved = await generic({ ...alert, status: 'resolved', endsAt: '2026-11-22T01:20:00+07:00' });
  expect(resolved.body.results[0]).toMatchObject({ outcome: 'resolved', caseId: id });
  const events = await timeline(id);
  expect(events.at(-1)).toMatchObject({
    action: 'alert_resolved', actor: { username: `apikey:${integrator.id}`, role: 'integrator' },
    payload: { source: 'uptime-kuma', fingerprint, startsAt: '2026-11-21T18:00:00.000Z', endsAt: '2026-11-21T18:20:00.000Z' },
  });
  const after = await getCase(id);
  expect(after.state).toBe('reported');
  expect(after.data.activities.at(-1).note).toMatch(/^Peringatan pemantauan pulih: Website tidak merespons/);
  expect((await generic({ ...alert, status: 'resolved' })).body.results[0]).toMatchObject({ outcome: 'duplicate', caseId: id });
  expect((await timeline(id)).length).toBe(events.length);
  expect(await alertsOf(`caseId=${id}`)).toEqual([expect.objectContaining({
    source: 'uptime-kuma', fingerprint, status: 'resolved', repeatCount: 2, caseOpen: true, resolvedAt: '2026-11-21T18:20:00.000Z',
    startsAt: '2026-11-21T18:00:00.000Z', lastStartsAt: '2026-11-21T18:00:00.000Z',
  })]);

  // Nobody signs in as the monitoring: the service desk confirms in its place (and nobody else can).
  await act('pengelola', id, 'respond', { note: 'Diperiksa.' });
  const fixed = await act('pengelola', id, 'resolve', { resolution: 'Layanan web dijalankan ulang.' });
  expect(fixed.body.waitingFor).toEqual([
    { action: 'confirm', from: { roles: [expect.objectContaining({ id: 'service_desk' })] } },
    { action: 'reopen', from: { roles: [expect.objectContaining({ id: 'service_desk' })] } },
  ]);
  expect((await act('teknis', id, 'confirm', { satisfaction: 5 })).body.code).toBe('not_your_case');
  expect((await act('pengelola', id, 'confirm', { satisfaction: 5, suggestion: 'Pemantauan menunjukkan layanan pulih.' })).body).toMatchObject({ state: 'closed' });

  // A late retry of the same firing episode does not open anything; a new episode opens a new incident.
  expect((await generic(alert)).body.results[0]).toMatchObject({ outcome: 'duplicate', caseId: id });
  const again = await generic({ ...alert, startsAt: '2026-11-22T09:00:00+07:00' });
  expect(again.body.results[0]).toMatchObject({ outcome: 'opened', repeatCount: 0 });
  expect(again.body.results[0].caseId).not.toBe(id);
  expect(await countIncidents()).toBe(before + 2);
  expect((await alertsOf(`fingerprint=${fingerprint}`)).map((a) => [a.caseOpen, a.status])).toEqual([[true, 'firing'], [false, 'resolved']]);
});

test('concurrent deliveries of one alert open one incident, whatever their startsAt', async () => {
  const before = await countIncidents();
  const base = { source: 'zabbix', fingerprint: `trigger-${randomUUID()}`, status: 'firing', service: 'EMAIL-DINAS', title: 'Antrean surel penuh' };
  const startsAt = (i: number) => (i % 2 ? '2026-11-22T03:00:00Z' : `2026-11-22T03:00:0${i}Z`);
  const replies = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => generic({ ...base, startsAt: startsAt(i) })));
  const results = replies.map((r) => r.body.results[0] as { outcome: string; caseId: string; repeatCount: number });
  expect(results.map((r) => r.outcome).sort()).toEqual(['opened', 'repeat', 'repeat', 'repeat', 'repeat', 'repeat']);
  expect(new Set(results.map((r) => r.caseId)).size).toBe(1);
  expect(await countIncidents()).toBe(before + 1);
  expect(await alertsOf(`fingerprint=${base.fingerprint}`)).toEqual([expect.objectContaining({ repeatCount: 5, status: 'firing' })]);
});

test('a real Alertmanager: the same alert posted again and again opens ONE incident, its repeats are counted, its resolution is recorded', async () => {
  const timings: Record<string, number> = {};
  let am: TestAlertmanager | undefined;
  try {
    am = await startAlertmanager({ webhookUrl: `${system().baseUrl}/api/v1/integrations/alertmanager`, credentials: integrator.key });
    timings.alertmanagerStartMs = am.startupMs;
    const before = await countIncidents();
    const run = randomUUID().slice(0, 8);
    const alert = {
      labels: { alertname: `PerizinanDown_${run}`, sigap_service: 'PERIZINAN-ONLINE', severity: 'critical', instance: 'VM-PERIZINAN-01:9100', job: 'node' },
      annotations: { summary: 'Perizinan Online tidak dapat diakses', description: 'probe_success == 0 selama 2 menit.' },
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      generatorURL: 'http://prometheus.test/graph',
    };
    const posted = Date.now();
    for (let i = 0; i < 5; i++) {
      await am.postAlerts([alert]);
      if (i === 0) await new Promise((r) => setTimeout(r, 200));
      else await new Promise((r) => setTimeout(r, 700));
    }
    const [record] = await eventually('the incident', async () => {
      const items = await alertsOf('source=alertmanager');
      return items.filter((a) => a.alertName === alert.labels.alertname).length ? items.filter((a) => a.alertName === alert.labels.alertname) : null;
    });
    timings.firstNotificationMs = new Date(record!.firstSeen).getTime() - posted;
    // Alertmanager re-sends every repeat_interval (2 s): each is counted on the one incident.
    const repeated = await eventually('two repeats', async () => {
      const [r] = (await alertsOf(`fingerprint=${record!.fingerprint}`));
      return r && r.repeatCount >= 2 ? r : null;
    });
    timings.twoRepeatsMs = Date.now() - posted;
    expect(await alertsOf(`fingerprint=${record!.fingerprint}`)).toHaveLength(1);
    expect(await countIncidents()).toBe(before + 1);
    expect((await am.alerts()).map((a) => a.fingerprint)).toContain(record!.fingerprint); // Alertmanager's fingerprint, as sent

    const id = repeated.caseId as string;
    await system().started(id);
    expect(await getCase(id)).toMatchObject({
      service: 'PERIZINAN-ONLINE', priority: 'P1', requester: `apikey:${integrator.id}`,
      data: {
        channel: 'monitoring', impact: 'mayor', category: alert.labels.alertname, configurationItems: ['VM-PERIZINAN-01'],
        symptoms: 'Perizinan Online tidak dapat diakses\n\nprobe_success == 0 selama 2 menit.',
      },
    });

    // Prometheus sends the alert with an end in the past: Alertmanager notifies "resolved".
    const clearing = Date.now();
    await am.postAlerts([{ ...alert, endsAt: new Date(Date.now() - 1_000).toISOString() }]);
    // The workflow records it first, then the alert table (a failed update leaves the alert firing for a retry).
    const after = await eventually('the resolution', async () => {
      const [r] = await alertsOf(`fingerprint=${record!.fingerprint}`);
      return r?.status === 'resolved' ? r : null;
    });
    timings.resolvedNotificationMs = Date.now() - clearing;
    expect(after).toMatchObject({ status: 'resolved', caseOpen: true });
    expect((await timeline(id)).filter((e) => e.action === 'alert_resolved')).toEqual([expect.objectContaining({
      actor: expect.objectContaining({ username: `apikey:${integrator.id}`, role: 'integrator' }), payload: expect.objectContaining({ source: 'alertmanager', fingerprint: record!.fingerprint }),
    })]);
    expect((await getCase(id)).state).toBe('reported'); // only the confirmation closes an incident
    expect(await countIncidents()).toBe(before + 1);
    expect(am.log()).not.toMatch(/level=error/);
  } finally {
    await am?.stop();
    fs.writeFileSync(path.join(artifactsDir(), 'alertmanager-timings.json'), `${JSON.stringify(timings, null, 2)}\n`);
  }
}, 90_000);
