// Request fulfilment (Permintaan Layanan), spec §1; serang BAB IV B.2, yogyakarta Tabel 4, dpr Pasal 4–8.
// The workflow waits for the service desk, the approver, the executor and the requester in turn,
// while one durable timer per SLA threshold reminds the executor and escalates a breach to the
// service coordinator. Every step is recorded in the audit trail and the read model by activities.
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { condition, ParentClosePolicy, patched, proxyActivities, setHandler, startChild, upsertSearchAttributes } from '@temporalio/workflow';
import { incident } from './incident.ts';
import { ACTIVITY_OPTIONS } from './activityOptions.ts';
import { SA } from './searchAttributes.ts';
import { caseProjection, searchAttributesEnabled, transition } from './projection.ts';
import type { SigapActivities } from '../activities/types.ts';
import { effectiveProfile } from '../policy/effectiveProfile.ts';
import type { BusinessCalendar } from '../policy/calendarTypes.ts';
import {
  applyCommand, fireThreshold, isTerminal, newRequestCase, refusalFor, snapshot, withCalendar,
  type Actor, type RequestCase, type RequestCommand, type RequestInput, requestActingRole,
} from '../policy/requestFulfilment.ts';
import { dueThresholds, nextThreshold, pendingThresholds, type Threshold } from '../policy/sla.ts';
import { calendarChangedSignal, requestActUpdate, requestStateQuery, type ActCommand, type ActResult } from './messages.ts';
import { createInbox, type Taken } from './inbox.ts';
import type { RequestSnapshot } from '../policy/requestFulfilment.ts';
import { actingOf } from '../policy/delegation.ts';
import { REMINDERS_IN_WORKING_HOURS, nextSendAt, noticeTimings, noticesDue, type NoticeStep } from '../policy/reminderHours.ts';
import { ANSWER_BEFORE_NOTICES, caseEventLog, refusalFailure } from './caseEffects.ts';

const { notify, loadCalendar, openLinkedIncident } = proxyActivities<SigapActivities>(ACTIVITY_OPTIONS);

const SYSTEM: Actor = { username: 'system', name: 'Sigap', roles: [] };

export async function requestFulfilment(input: RequestInput): Promise<RequestSnapshot> {
  // Reminders wait for working hours (issue 8); histories recorded before this replay unchanged.
  const remindersInWorkingHours = patched(REMINDERS_IN_WORKING_HOURS);
  const profile = effectiveProfile(input.profileId, input.profileOverrides);
  let kase: RequestCase = newRequestCase(input, profile);
  const inbox = createInbox<ActCommand<RequestCommand>, ActResult<RequestSnapshot>>();
  const events = caseEventLog();
  let newerCalendar: BusinessCalendar | null = null;

  setHandler(requestStateQuery, () => kase);
  setHandler(calendarChangedSignal, (calendar) => {
    if (calendar.version > (newerCalendar ?? kase.calendar).version) newerCalendar = calendar;
  });
  setHandler(requestActUpdate, (cmd) => inbox.submit(cmd), {
    // Refuse what the case is not waiting for before it reaches history (no trace, no change).
    validator: (cmd) => {
      const { refusal } = acting(cmd);
      if (refusal) throw refusalFailure(refusal);
    },
  });

  // Event 0 (the submission) was written by the API with the intake record; announce the case.
  await project('started', SYSTEM, null, { item: input.item.code });
  // A holiday change committed while this case was being submitted may have missed its signal.
  const current = await loadCalendar(input.tenantId);
  if (current.version > (newerCalendar ?? kase.calendar).version) newerCalendar = current;
  await notify({
    dedupeKey: `${input.caseId}:received`, tenantId: input.tenantId, caseId: input.caseId, template: 'request-received',
    toRoles: [profile.requestFulfilment.serviceDeskRole], toUsers: [input.requester.username], params: caseParams(),
  });

  while (!isTerminal(kase.state)) {
    // One durable timer until the next threshold; woken early by a command or a calendar change.
    const next = remindersInWorkingHours ? nextSendAt(timings()) : nextThreshold(kase.sla, Date.now(), kase.calendar)?.dueAt ?? null;
    const woken = () => inbox.waiting || newerCalendar !== null;
    await events.flush(); // a folded reminder is recorded before the case waits
    if (next === null) await condition(woken);
    else if (next > Date.now()) await condition(woken, next - Date.now());

    if (newerCalendar) await retarget(newerCalendar);
    if (remindersInWorkingHours) {
      for (const step of noticesDue(timings(), Date.now())) await (step.action === 'send' ? fire(step.threshold) : fold(step));
    } else {
      for (const t of dueThresholds(kase.sla, Date.now(), kase.calendar)) await fire(t);
    }

    const command = inbox.take();
    if (command) await handle(command);
  }
  await events.flush();
  return snapshot(kase, profile, Date.now());

  /** Who acts, in which role, and whether the case refuses it now (the workflow names the role). */
  function acting(cmd: ActCommand<RequestCommand>) {
    return actingOf(cmd, Date.now(), (a) => refusalFor(kase, cmd.command, a, profile), (a) => requestActingRole(kase, cmd.command, a, profile));
  }

  async function handle({ item, answer }: Taken<ActCommand<RequestCommand>, ActResult<RequestSnapshot>>): Promise<void> {
    // Re-check: an earlier command in the inbox may have changed the state since validation.
    const { command, updateId } = item;
    const { actor, actingRole, refusal } = acting(item);
    if (refusal) { answer(refusalFailure(refusal)); return; }
    const before = kase;
    kase = applyCommand(kase, command, actor, Date.now());
    if (command.action === 'classify' && command.incident) await becomeIncident(actor, command.incident);
    await project(command.action, actor, actingRole, { ...commandPayload(command), ...(updateId ? { updateId } : {}) });
    const result = { seq: kase.seq, snapshot: snapshot(kase, profile, Date.now()) };
    if (patched(ANSWER_BEFORE_NOTICES)) { answer(result); await announce(before, command); return; }
    await announce(before, command);
    answer(result);
  }

  /** serang BAB IV B.2.4: a request that is really an incident continues as incident handling, linked both ways. */
  async function becomeIncident(actor: Actor, details: NonNullable<Extract<RequestCommand, { action: 'classify' }>['incident']>): Promise<void> {
    const linked = await openLinkedIncident({
      tenantId: input.tenantId, from: { caseId: input.caseId, number: input.number, type: 'request' },
      reporter: input.requester, actor: actor.username, symptoms: `${input.title}\n\n${input.description}`, incident: details,
      channel: input.channel === 'email' || input.channel === 'phone' || input.channel === 'letter' ? input.channel : 'portal',
    });
    try {
      await startChild(incident, {
        workflowId: linked.workflowId, args: [linked.input], parentClosePolicy: ParentClosePolicy.ABANDON,
        ...(searchAttributesEnabled() ? { typedSearchAttributes: [
          { key: SA.tenant, value: input.tenantId }, { key: SA.caseType, value: 'incident' }, { key: SA.caseNumber, value: linked.number },
          { key: SA.service, value: details.service.code }, { key: SA.state, value: 'submitted' },
        ] } : {}),
      });
    } catch (err) {
      // The intake's reconciler may have started it first; either way it runs once.
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
    kase = { ...kase, reclassifiedTo: { caseId: linked.caseId, number: linked.number } };
  }

  async function retarget(calendar: BusinessCalendar): Promise<void> {
    newerCalendar = null;
    kase = withCalendar(kase, calendar, Date.now());
    await project('calendar_changed', SYSTEM, null, { calendarVersion: calendar.version, dueAt: snapshot(kase, profile, Date.now()).dueAt });
  }

  /**
   * The SLA clock's pending notices and when each goes out. A service request is never P1/P2 (its
   * priority is high/medium/low, serang B.2.3; the P scale is the incident matrix): warnings wait for
   * working hours, the breach does not.
   */
  function timings() {
    return noticeTimings(kase.calendar, pendingThresholds(kase.sla, kase.calendar), false);
  }

  /** A deferred reminder overtaken by a later notice: recorded (with the notice it folded into), not sent. */
  async function fold(step: Extract<NoticeStep, { action: 'fold' }>): Promise<void> {
    kase = fireThreshold(kase, step.threshold);
    await project('reminder_folded', SYSTEM, null, { threshold: step.threshold.id, into: step.into, dueAt: new Date(step.dueAt).toISOString(), sendAt: new Date(step.sendAt).toISOString() }, { folded: true });
  }

  async function fire(t: Threshold): Promise<void> {
    kase = fireThreshold(kase, t);
    const recipients = kase.assignee ? [kase.assignee.username] : [];
    if (t.kind === 'warning' || t.kind === 'escalation') {
      await project('sla_reminder', SYSTEM, null, { threshold: t.id, atMs: t.atMs });
      await notify({
        dedupeKey: `${input.caseId}:${t.id}`, tenantId: input.tenantId, caseId: input.caseId, template: 'sla-reminder',
        toUsers: recipients, toRoles: recipients.length ? [] : [profile.requestFulfilment.serviceDeskRole], params: caseParams(),
      });
    } else {
      // Breach: escalate to the role that watches the service targets (serang BAB III: Koordinator Layanan).
      await project('sla_breached', SYSTEM, null, { escalatedTo: profile.requestFulfilment.escalationRole, targetMs: kase.sla.targetMs });
      await notify({
        dedupeKey: `${input.caseId}:breach`, tenantId: input.tenantId, caseId: input.caseId, template: 'sla-breach',
        toRoles: [profile.requestFulfilment.escalationRole], toUsers: recipients, params: caseParams(),
      });
    }
  }

  async function announce(before: RequestCase, command: RequestCommand): Promise<void> {
    const base = { tenantId: input.tenantId, caseId: input.caseId, params: caseParams() };
    const key = `${input.caseId}:${kase.seq}`;
    if (kase.state === before.state) return;
    switch (kase.state) {
      case 'awaiting_approval':
        return void await notify({ ...base, dedupeKey: key, template: 'decision-waiting', toRoles: [input.item.approverRole ?? profile.requestFulfilment.defaultApproverRole] });
      case 'in_fulfilment': {
        const executor = kase.assignee ? [kase.assignee.username] : [];
        if (command.action === 'assign') return void await notify({ ...base, dedupeKey: key, template: 'request-assigned', toUsers: [command.assignee.username] });
        if (command.action === 'provide_info') return void await notify({ ...base, dedupeKey: key, template: 'request-info-provided', toUsers: executor, params: { ...base.params, answer: command.answer } });
        return void await notify({ ...base, dedupeKey: key, template: 'request-reopened', toUsers: executor });
      }
      case 'awaiting_requester_info':
        if (command.action !== 'request_info') return;
        return void await notify({ ...base, dedupeKey: key, template: 'request-info-needed', toUsers: [input.requester.username], params: { ...base.params, question: command.question } });
      case 'awaiting_confirmation':
        return void await notify({ ...base, dedupeKey: key, template: 'request-fulfilled', toUsers: [input.requester.username] });
      case 'rejected':
        return void await notify({ ...base, dedupeKey: key, template: 'request-rejected', toUsers: [input.requester.username] });
      case 'closed':
        return void await notify({ ...base, dedupeKey: key, template: 'request-closed', toUsers: kase.assignee ? [kase.assignee.username] : [] });
      case 'reclassified':
        return void await notify({ ...base, dedupeKey: key, template: 'request-reclassified', toUsers: [input.requester.username], params: { ...base.params, incident: kase.reclassifiedTo?.number } });
      default:
        return;
    }
  }

  async function project(action: string, actor: Actor, actingRole: string | null, payload: Record<string, unknown>, { folded = false } = {}): Promise<void> {
    kase = { ...kase, seq: kase.seq + 1 };
    const snap = snapshot(kase, profile, Date.now());
    const t = transition(input, kase.seq, actor, actingRole, action, payload, caseProjection(snap, snap.formD, snap.links));
    if (folded && events.hold(t)) return; // recorded with the next event, whose search attributes are upserted then
    await events.record(t);
    if (searchAttributesEnabled()) {
      upsertSearchAttributes([
        { key: SA.state, value: snap.state }, { key: SA.breached, value: snap.breached },
        ...(snap.priority ? [{ key: SA.priority, value: snap.priority }] : []),
      ]);
    }
  }

  function caseParams(): Record<string, unknown> {
    return {
      number: input.number, title: input.title, item: input.item.name, requester: input.requester.name,
      state: kase.state, dueAt: snapshot(kase, profile, Date.now()).dueAt, assignee: kase.assignee?.name ?? null,
    };
  }
}

/** Search attributes are registered on real servers; the time-skipping test server has none. */

function commandPayload(cmd: RequestCommand): Record<string, unknown> {
  const { action: _action, ...rest } = cmd;
  return rest;
}

