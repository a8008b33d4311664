// The rules behind the metrics: which audit events count as starts, closures, breaches and escalations,
// and who may read /metrics.
import type { IncomingMessage } from 'node:http';
import { caseEventKinds } from '../../observability/caseEvents.ts';
import { metricsRefusal } from '../../observability/metricsAccess.ts';
import { CaseMetricsInterceptor, createWorkerMetrics } from '../../observability/workerMetrics.ts';

const at = Date.parse('2027-02-01T03:00:00.000Z');
const event = (action: string, payload: Record<string, unknown> = {}, closedAt: string | null = null) =>
  caseEventKinds({ action, at, payload, snapshot: { closedAt } as never });

test('audit events are classified by the names the workflows give them', () => {
  expect(event('started')).toEqual({ started: true, closed: false, breach: false, escalation: false });
  expect(event('sla_breached', { escalatedTo: 'service_coordinator' })).toEqual({ started: false, closed: false, breach: true, escalation: true });
  for (const breach of ['response_breached', 'resolution_breached', 'rto_missed', 'step_overdue', 'retrospective_approval_overdue']) {
    expect(event(breach).breach).toBe(true);
  }
  for (const escalation of ['escalated', 'decision_escalated', 'analysis_escalated', 'report_escalated']) {
    expect(event(escalation)).toMatchObject({ breach: false, escalation: true });
  }
  for (const other of ['classify', 'sla_warning', 'sla_reminder', 'decision_reminder', 'estimate_exceeded']) {
    expect(event(other)).toEqual({ started: false, closed: false, breach: false, escalation: false });
  }
  // The closing event is the one whose time is the case's closing time; later events of a closed case are not.
  expect(event('confirm', {}, new Date(at).toISOString()).closed).toBe(true);
  expect(event('calendar_changed', {}, new Date(at - 60_000).toISOString()).closed).toBe(false);
});

test('every event of a recordTransitions activity (folded reminders with their breach) is counted, as one per activity was', async () => {
  const metrics = createWorkerMetrics();
  const transition = (action: string, payload: Record<string, unknown> = {}) => ({ action, at, payload, snapshot: { state: 'in_fulfilment', closedAt: null } });
  const run = (activityType: string, arg: unknown) => new CaseMetricsInterceptor(metrics, { activityType, workflowType: 'requestFulfilment' })
    .execute({ args: [arg], headers: {} } as never, async () => undefined);
  await run('recordTransitions', [transition('reminder_folded'), transition('reminder_folded'), transition('sla_breached', { escalatedTo: 'service_coordinator' })]);
  await run('recordTransition', transition('reminder_folded'));
  const text = await metrics.registry.metrics();
  expect(text).toContain('sigap_case_events_total{workflow="requestFulfilment",action="reminder_folded"} 3');
  expect(text).toContain('sigap_case_events_total{workflow="requestFulfilment",action="sla_breached"} 1');
  expect(text).toContain('sigap_sla_breaches_total{workflow="requestFulfilment",action="sla_breached"} 1');
});

const request = (remoteAddress: string, headers: Record<string, string> = {}) => ({ headers, socket: { remoteAddress } }) as unknown as IncomingMessage;

test('without a token only local callers not coming through a proxy may read metrics', () => {
  expect(metricsRefusal(request('127.0.0.1'), undefined)).toBeUndefined();
  expect(metricsRefusal(request('::1'), undefined)).toBeUndefined();
  expect(metricsRefusal(request('::ffff:127.0.0.1'), undefined)).toBeUndefined();
  expect(metricsRefusal(request('10.1.2.3'), undefined)).toMatchObject({ status: 403, code: 'forbidden' });
  expect(metricsRefusal(request('127.0.0.1', { 'x-forwarded-for': '203.0.113.9' }), undefined)).toMatchObject({ status: 403 });
  expect(metricsRefusal(request('127.0.0.1', { forwarded: 'for=203.0.113.9' }), undefined)?.detail.id).toMatch(/SIGAP_METRICS_TOKEN/);
});

test('with a token every caller must send it, local ones too', () => {
  const token = 'rahasia-prometheus-0123456789';
  expect(metricsRefusal(request('10.1.2.3', { authorization: `Bearer ${token}` }), token)).toBeUndefined();
  expect(metricsRefusal(request('127.0.0.1'), token)).toMatchObject({ status: 401, code: 'unauthenticated' });
  expect(metricsRefusal(request('10.1.2.3', { authorization: `Bearer ${token}x` }), token)).toMatchObject({ status: 401 });
  expect(metricsRefusal(request('10.1.2.3', { authorization: token }), token)).toMatchObject({ status: 401 });
});
