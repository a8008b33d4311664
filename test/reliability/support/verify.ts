// What a reliability run must leave behind, checked against the records and the real sinks:
// - every case accepted (201) exists once, reaches the state its flow drives it to, with a contiguous
//   audit trail in which every action (by its Idempotency-Key) is recorded exactly once;
// - mail: one notification row per (case, template, recipient); each sent and at the SMTP sink under
//   its Message-ID. Extra copies of a Message-ID are Sigap's documented at-least-once window (the status
//   update of a send was lost to a kill, so the retry sent it again with the same Message-ID and content):
//   they must be identical, and they are reported. No message arrives that no notification row explains;
// - webhooks: every audit event queued once per subscription and received (counted by webhook-id);
//   receivers drop repeats of an id, so repeats are reported, not failed;
// - deployment: one execution per idempotency key, each deploy step once (and started and completed once
//   on the timeline), no rollback;
// - SLA: each breaching request breached once (one `sla_breached` event, one notice per recipient).
import type { MikroORM } from '@mikro-orm/postgresql';
import { messageIdFor } from '../../../activities/notify.ts';
import type { DeployTarget } from '../../support/deployTarget.ts';
import type { SmtpSink } from '../../support/smtpSink.ts';
import type { Integrator } from './integrator.ts';
import type { Expectation } from './load.ts';
import type { WebhookReceiver } from './webhookReceiver.ts';

export interface Sinks { smtp: SmtpSink; target: DeployTarget; hooks: WebhookReceiver; subscriptionId: string }
export interface Report {
  mailCopiesOverOne: Record<string, number>; webhookRepeats: Record<string, number>; notices: number; webhooks: number; deployCalls: number;
  /** The notice that took longest from its row to 'sent' (a kill mid-send waits for its claim to lapse). */
  slowestNotice: string;
}

const sql = <T>(orm: MikroORM, q: string, params: unknown[] = []) => orm.em.fork().execute<T[]>(q, params);
const emailOf = (username: string) => `${username}@serang.sigap.test`;

/** Reads until every case is in a final state of its flow (through the API, which may be restarting). */
export async function waitForFinalStates(client: Integrator, expectations: Expectation[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const all = expectations.flatMap((e) => [e, ...e.related.map((r) => ({ ...e, ...r, breaches: false }))]);
  for (const e of all) {
    for (;;) {
      const got = await client.send('admin', 'GET', `/cases/${e.id}`);
      if (e.states.includes(got.body?.state) && (!e.breaches || got.body?.breached === true)) break;
      if (Date.now() > deadline) throw new Error(`${e.title} (${e.id}) is ${got.body?.state}${e.breaches ? `, breached ${got.body?.breached}` : ''}; expected ${e.states.join('|')}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

/** Waits until nothing is in flight: every notification sent, every webhook delivered, every expected notice at the sink. */
export async function waitForQuiet(orm: MikroORM, sinks: Sinks, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const [pending] = await sql<{ mail: number; hooks: number; undelivered: number }>(orm, `
      select (select count(*)::int from notification where status <> 'sent') as mail,
             (select count(*)::int from webhook_delivery where status <> 'delivered') as hooks,
             (select count(*)::int from case_event e where e.seq >= 1 and not exists (
                select 1 from webhook_delivery d where d.case_id = e.case_id and d.event_seq = e.seq)) as undelivered`);
    const sent = await sql<{ dedupe_key: string }>(orm, `select dedupe_key from notification`);
    const atSink = new Set(sinks.smtp.messages.map((m) => m.parsed.messageId));
    const missingMail = sent.filter((n) => !atSink.has(messageIdFor(n.dedupe_key))).length;
    const received = sinks.hooks.counts();
    const ids = await sql<{ id: string }>(orm, 'select id from webhook_delivery where subscription_id = ?', [sinks.subscriptionId]);
    const missingHooks = ids.filter((d) => !received.has(d.id)).length;
    last = `notifications not sent ${pending!.mail}, not at the sink ${missingMail}; webhooks not delivered ${pending!.hooks}, not received ${missingHooks}, events not queued ${pending!.undelivered}`;
    if (pending!.mail + pending!.hooks + pending!.undelivered + missingMail + missingHooks === 0) return;
    await new Promise((r) => setTimeout(r, 1_000));
  }
  throw new Error(`side effects did not settle within ${timeoutMs} ms: ${last}`);
}

export async function verifyRun(orm: MikroORM, client: Integrator, sinks: Sinks, expectations: Expectation[]): Promise<Report> {
  // Every 201 is a case that exists, and it is one of the flows' cases.
  const accepted = [...new Set(client.accepted(['/requests', '/incidents', '/changes', '/releases']))];
  expect(accepted.length).toBeGreaterThanOrEqual(expectations.length);
  const cases = await sql<{ id: string; case_type: string; title: string; state: string; breached: boolean }>(orm,
    'select id, case_type, title, state, breached from sigap_case');
  const byId = new Map(cases.map((c) => [c.id, c]));
  expect(accepted.filter((id) => !byId.has(id))).toEqual([]);
  // No flow's case exists twice (a creation whose answer was lost was re-sent with its key).
  const caseIds = expectations.flatMap((e) => [e.id, ...e.related.map((r) => r.id)]);
  expect(cases.map((c) => c.id).sort()).toEqual([...new Set(caseIds)].sort());
  for (const e of expectations) {
    expect({ title: e.title, copies: cases.filter((c) => c.title === e.title || c.title.endsWith(`: ${e.title}`)).length })
      .toEqual({ title: e.title, copies: e.kind === 'release' ? 2 : 1 }); // a release and its change carry the same title
    const { state, breached } = byId.get(e.id)!;
    expect({ title: e.title, state, breached })
      .toEqual({ title: e.title, state: e.states.includes(state) ? state : e.states.join('|'), breached: e.breaches ? true : expect.any(Boolean) });
  }

  for (const r of expectations.flatMap((e) => e.related)) {
    const { state } = byId.get(r.id)!;
    expect({ id: r.id, state }).toEqual({ id: r.id, state: r.states.includes(state) ? state : r.states.join('|') });
  }

  // Audit trails: contiguous, each action once.
  const events = await sql<{ case_id: string; seq: number; action: string; update_id: string | null; step: string | null }>(orm,
    `select case_id, seq, action, payload->>'updateId' as update_id, payload->>'step' as step from case_event order by case_id, seq`);
  for (const id of caseIds) {
    const trail = events.filter((ev) => ev.case_id === id);
    expect({ id, seqs: trail.map((ev) => ev.seq) }).toEqual({ id, seqs: trail.map((_, i) => i) });
  }
  for (const e of expectations) {
    for (const a of e.actions) {
      const recorded = events.filter((ev) => ev.update_id === `${a.who}:${a.key}`).map((ev) => ev.action);
      expect({ case: e.title, action: a.action, recorded }).toEqual({ case: e.title, action: a.action, recorded: [a.action] });
    }
    if (e.kind === 'release') {
      const steps = events.filter((ev) => ev.case_id === e.id && (ev.action === 'step_started' || ev.action === 'step_completed')).map((ev) => `${ev.action}:${ev.step}`);
      expect({ case: e.title, steps }).toEqual({ case: e.title, steps: ['step_started:deploy-app', 'step_completed:deploy-app', 'step_started:migrate-db', 'step_completed:migrate-db'] });
    }
    const breaches = events.filter((ev) => ev.case_id === e.id && ev.action === 'sla_breached').length;
    if (e.kind === 'breachingRequest') expect({ case: e.title, breaches }).toEqual({ case: e.title, breaches: 1 });
  }

  // Mail.
  const notifications = await sql<{ case_id: string; template: string; recipient: string; dedupe_key: string; status: string }>(orm,
    'select case_id, template, recipient, dedupe_key, status from notification');
  const perNotice = new Map<string, number>();
  for (const n of notifications) perNotice.set(`${n.case_id} ${n.template} ${n.recipient}`, (perNotice.get(`${n.case_id} ${n.template} ${n.recipient}`) ?? 0) + 1);
  expect([...perNotice].filter(([, count]) => count !== 1)).toEqual([]);
  for (const e of expectations) {
    for (const { caseId, template, recipient } of e.notices) {
      expect({ case: e.title, template, recipient, rows: perNotice.get(`${caseId} ${template} ${recipient}`) ?? 0 }).toEqual({ case: e.title, template, recipient, rows: 1 });
    }
  }
  const byMessageId = new Map<string, typeof sinks.smtp.messages>();
  for (const m of sinks.smtp.messages) byMessageId.set(m.parsed.messageId ?? '', [...(byMessageId.get(m.parsed.messageId ?? '') ?? []), m]);
  const explained = new Set(notifications.map((n) => messageIdFor(n.dedupe_key)));
  expect([...byMessageId.keys()].filter((id) => !explained.has(id))).toEqual([]);
  const mailCopiesOverOne: Record<string, number> = {};
  for (const n of notifications) {
    const copies = byMessageId.get(messageIdFor(n.dedupe_key)) ?? [];
    expect({ notice: n.dedupe_key, status: n.status, atSink: copies.length > 0 }).toEqual({ notice: n.dedupe_key, status: 'sent', atSink: true });
    for (const c of copies) {
      expect({ notice: n.dedupe_key, to: c.envelope.to, subject: c.parsed.subject, text: c.parsed.text })
        .toEqual({ notice: n.dedupe_key, to: [emailOf(n.recipient)], subject: copies[0]!.parsed.subject, text: copies[0]!.parsed.text });
    }
    if (copies.length > 1) mailCopiesOverOne[n.dedupe_key] = copies.length;
  }

  // Webhooks: every event queued once for the subscription, every delivery received with its own event.
  const deliveries = await sql<{ id: string; case_id: string; event_seq: number; status: string }>(orm,
    'select id, case_id, event_seq, status from webhook_delivery where subscription_id = ?', [sinks.subscriptionId]);
  const queued = new Set(deliveries.map((d) => `${d.case_id}:${d.event_seq}`));
  expect(events.filter((ev) => ev.seq >= 1 && !queued.has(`${ev.case_id}:${ev.seq}`))).toEqual([]);
  const received = sinks.hooks.counts();
  const messages = sinks.hooks.messages();
  for (const d of deliveries) {
    expect({ id: d.id, status: d.status, received: received.has(d.id), event: messages.get(d.id)?.data })
      .toEqual({ id: d.id, status: 'delivered', received: true, event: expect.objectContaining({ caseId: d.case_id, seq: d.event_seq }) });
  }
  expect([...received.keys()].filter((id) => !deliveries.some((d) => d.id === id))).toEqual([]);
  const webhookRepeats = Object.fromEntries([...received].filter(([, n]) => n > 1));

  // Deployment system: one execution per idempotency key; each deploy step of each release once, no rollback.
  expect([...sinks.target.executionsByKey()].filter(([, n]) => n !== 1)).toEqual([]);
  for (const e of expectations) {
    for (const step of e.deploySteps) expect({ step, executions: sinks.target.executions(step) }).toEqual({ step, executions: 1 });
    for (const step of e.deploySteps.map((s) => s.replace(/-(deploy-app|migrate-db)$/, (_, d: string) => (d === 'deploy-app' ? '-undo-app' : '-undo-db')))) {
      expect({ step, executions: sinks.target.executions(step) }).toEqual({ step, executions: 0 });
    }
  }
  const [slowest] = await sql<{ dedupe_key: string; ms: number }>(orm,
    `select dedupe_key, (extract(epoch from sent_at - created_at) * 1000)::int as ms from notification order by sent_at - created_at desc limit 1`);
  return {
    slowestNotice: slowest ? `${slowest.dedupe_key} ${slowest.ms} ms` : 'none',
    mailCopiesOverOne, webhookRepeats, notices: notifications.length, webhooks: deliveries.length,
    deployCalls: expectations.flatMap((e) => e.deploySteps).reduce((n, s) => n + sinks.target.calls(s).length, 0),
  };
}
