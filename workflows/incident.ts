// Incident handling (Penanganan Gangguan), spec §2; serang BAB IV B.3, yogyakarta Tabel 5 and 13,
// kemenkeu F.1, dpr Pasal 19–21. The service desk responds (stopping the response clock), handles
// or escalates to the technical team, which sets an estimate; the escalation ladder climbs on
// durable timers when nobody acts; the reporter confirms the fix (stopping the resolution clock).
import { ApplicationFailure, condition, patched, proxyActivities, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import { escalateToProblem, PROBLEM_FROM_PROPOSAL } from './problem.ts';
import type { SigapActivities } from '../activities/types.ts';
import type { BusinessCalendar } from '../policy/calendarTypes.ts';
import { effectiveProfile } from '../policy/effectiveProfile.ts';
import {
  alertResolutionKnown, applyIncidentCommand, estimateExceeded, fireIncidentThreshold, ladderOf, incidentRefusal, incidentRemindersUrgent, incidentSnapshot, isClosed, newIncidentCase,
  recordAlertResolved, reportedByIntegration, withIncidentCalendar,
  type IncidentCase, type IncidentCommand, type IncidentInput, type IncidentSnapshot, incidentActingRole,
} from '../policy/incident.ts';
import type { Actor } from '../policy/requestFulfilment.ts';
import { dueThresholds, nextThreshold, pendingThresholds, type Threshold } from '../policy/sla.ts';
import { calendarChangedSignal, incidentActUpdate, incidentAlertResolvedUpdate, incidentStateQuery, type AlertResolvedCommand, type ActCommand, type ActResult } from './messages.ts';
import { createInbox } from './inbox.ts';
import { ACTIVITY_OPTIONS } from './activityOptions.ts';
import { SA } from './searchAttributes.ts';
import { caseProjection, searchAttributesEnabled, transition } from './projection.ts';
import { actingOf } from '../policy/delegation.ts';
import { caseEventLog, refusalFailure } from './caseEffects.ts';
import { REMINDERS_IN_WORKING_HOURS, nextSendAt, noticeTimings, noticesDue, type NoticeStep } from '../policy/reminderHours.ts';

const { notify, loadCalendar } = proxyActivities<SigapActivities>(ACTIVITY_OPTIONS);

const SYSTEM: Actor = { username: 'system', name: 'Sigap', roles: [] };
type Snapshot = IncidentSnapshot;
type Answer = (result: ActResult<Snapshot> | ApplicationFailure) => void;

export async function incident(input: IncidentInput): Promise<Snapshot> {
  // Reminders of P3 and lower wait for working hours (issue 8); histories recorded before this replay unchanged.
  const remindersInWorkingHours = patched(REMINDERS_IN_WORKING_HOURS);
  const profile = effectiveProfile(input.profileId, input.profileOverrides);
  let kase: IncidentCase = newIncidentCase(input, profile);
  // Actions and alert resolutions share one inbox, so they apply in arrival order.
  type Queued = { cmd: ActCommand<IncidentCommand> } | { alert: AlertResolvedCommand };
  const inbox = createInbox<Queued, ActResult<Snapshot>>();
  const events = caseEventLog();
  let newerCalendar: BusinessCalendar | null = null;
  const deskRole = profile.requestFulfilment.serviceDeskRole;
  // The role that watches service targets (serang BAB III: Koordinator Layanan) hears of every breach.
  const watcherRole = profile.requestFulfilment.escalationRole;
  const ownerRole = profile.roles.some((r) => r.id === 'service_owner') ? 'service_owner' : watcherRole;

  setHandler(incidentStateQuery, () => kase);
  setHandler(calendarChangedSignal, (calendar) => {
    if (calendar.version > (newerCalendar ?? kase.calendar).version) newerCalendar = calendar;
  });
  setHandler(incidentActUpdate, (cmd) => inbox.submit({ cmd }), {
    validator: (cmd) => {
      const { refusal } = acting(cmd);
      if (refusal) throw refusalFailure(refusal);
    },
  });
  setHandler(incidentAlertResolvedUpdate, (alert) => inbox.submit({ alert }), {
    validator: (_alert) => {
      if (isClosed(kase)) throw refusalFailure({ code: 'case_closed', state: kase.state });
    },
  });

  await project('started', SYSTEM, null, { priority: kase.priority, service: input.service.code });
  const current = await loadCalendar(input.tenantId);
  if (current.version > (newerCalendar ?? kase.calendar).version) newerCalendar = current;
  await tell('incident-reported', 'reported', { toRoles: [deskRole, ...(input.security ? securityRoles() : [])], toUsers: [input.reporter.username] });

  while (!isClosed(kase)) {
    const deadline = nextDeadline();
    const woken = () => inbox.waiting || newerCalendar !== null;
    await events.flush(); // a folded reminder is recorded before the case waits
    if (deadline === null) await condition(woken);
    else if (deadline > Date.now()) await condition(woken, deadline - Date.now());

    if (newerCalendar) await retarget(newerCalendar);
    await fireDue();
    const taken = inbox.take();
    if (taken) await ('alert' in taken.item ? alertResolved(taken.item.alert, taken.answer) : handle(taken.item.cmd, taken.answer));
  }
  await events.flush();
  return incidentSnapshot(kase, profile, Date.now());

  /** The earliest instant something must happen: a clock threshold or the end of the estimate. */
  function nextDeadline(): number | null {
    const now = Date.now();
    const times = (['response', 'resolution'] as const)
      .map((clock) => (remindersInWorkingHours ? nextSendAt(timings(clock)) : legacyNext(clock, now)))
      .filter((t): t is number => t !== null);
    if (kase.estimate && !kase.estimate.exceeded && kase.state === 'handling_technical') times.push(kase.estimate.setAt + kase.estimate.ms);
    return times.length ? Math.min(...times) : null;
  }

  function legacyNext(clock: 'response' | 'resolution', now: number): number | null {
    const k = kase.clocks[clock];
    return k ? nextThreshold(k, now, kase.calendar)?.dueAt ?? null : null;
  }

  /** A clock's pending notices and when each goes out: reminders of a P3 or lower wait for working hours. */
  function timings(clock: 'response' | 'resolution') {
    const k = kase.clocks[clock];
    return k ? noticeTimings(kase.calendar, pendingThresholds(k, kase.calendar), incidentRemindersUrgent(kase)) : [];
  }

  /** A deferred reminder overtaken by a later notice (a breach, a ladder step, a later reminder): recorded, not sent. */
  async function fold(clock: 'response' | 'resolution', step: Extract<NoticeStep, { action: 'fold' }>): Promise<void> {
    kase = fireIncidentThreshold(kase, clock, step.threshold);
    await project('reminder_folded', SYSTEM, null, { clock, threshold: step.threshold.id, into: step.into, dueAt: new Date(step.dueAt).toISOString(), sendAt: new Date(step.sendAt).toISOString() }, { folded: true });
  }

  async function fireDue(): Promise<void> {
    const now = Date.now();
    for (const clock of ['response', 'resolution'] as const) {
      if (remindersInWorkingHours) {
        for (const step of noticesDue(timings(clock), now)) await (step.action === 'send' ? fire(clock, step.threshold) : fold(clock, step));
        continue;
      }
      const k = kase.clocks[clock];
      if (k) for (const t of dueThresholds(k, now, kase.calendar)) await fire(clock, t);
    }
    if (kase.estimate && !kase.estimate.exceeded && kase.state === 'handling_technical' && kase.estimate.setAt + kase.estimate.ms <= now) {
      kase = estimateExceeded(kase, profile);
      // B.3.3: beyond the estimate the technical team reports progress up to the service owner.
      await project('estimate_exceeded', SYSTEM, null, { estimateMs: kase.estimate!.ms, level: kase.level });
      await tell('incident-estimate-exceeded', 'estimate', { toRoles: [ownerRole, ...ladderRoles(kase.level)], toUsers: handlerUsers() });
    }
  }

  async function fire(clock: 'response' | 'resolution', t: Threshold): Promise<void> {
    kase = fireIncidentThreshold(kase, clock, t);
    if (t.kind === 'escalation') {
      // The ladder climbs because nobody closed the incident in time (yogyakarta Tabel 13; serang B.3).
      await project('escalated', SYSTEM, null, { level: kase.level, trigger: t.id });
      await tell('incident-escalated', t.id, { toRoles: ladderRoles(kase.level), toUsers: handlerUsers() });
    } else if (t.kind === 'warning') {
      await project('sla_warning', SYSTEM, null, { clock, threshold: t.id });
      await tell('incident-warning', `${clock}-${t.id}`, { toRoles: handlerUsers().length ? [] : ladderRoles(kase.level), toUsers: handlerUsers() });
    } else {
      await project(clock === 'response' ? 'response_breached' : 'resolution_breached', SYSTEM, null, { clock, targetMs: kase.clocks[clock]!.targetMs, escalatedTo: watcherRole });
      await tell(clock === 'response' ? 'incident-response-breach' : 'incident-resolution-breach', `${clock}-breach`, {
        toRoles: clock === 'response' ? [watcherRole, deskRole] : [watcherRole, ownerRole], toUsers: handlerUsers(),
      });
    }
  }

  /** The monitoring says the alert cleared: recorded once per alert episode; the case stays open until confirmed. */
  async function alertResolved({ actor, actingRole, alert }: AlertResolvedCommand, answer: Answer): Promise<void> {
    if (isClosed(kase)) { answer(refusalFailure({ code: 'case_closed', state: kase.state })); return; }
    if (!alertResolutionKnown(kase, alert)) {
      kase = recordAlertResolved(kase, alert, actor, Date.now());
      await project('alert_resolved', actor, actingRole, { ...alert });
    }
    answer({ seq: kase.seq, snapshot: incidentSnapshot(kase, profile, Date.now()) });
  }

  /** Who acts, in which role, and whether the case refuses it now (the workflow names the role). */
  function acting(cmd: ActCommand<IncidentCommand>) {
    return actingOf(cmd, Date.now(), (a) => incidentRefusal(kase, cmd.command, a, profile), (a) => incidentActingRole(kase, cmd.command, a));
  }

  async function handle(cmd: ActCommand<IncidentCommand>, answer: Answer): Promise<void> {
    const { command, updateId } = cmd;
    const { actor, actingRole, refusal } = acting(cmd);
    if (refusal) { answer(refusalFailure(refusal)); return; }
    kase = applyIncidentCommand(kase, command, actor, profile, Date.now());
    const { action: _a, ...payload } = command;
    await project(command.action, actor, actingRole, { ...payload, ...(updateId ? { updateId } : {}), ...(command.action === 'reassess' ? { priority: kase.priority } : {}) });
    await announce(command);
    // kemenkeu F.1.b.3, serang B.3.3: a proposal for problem management opens (or joins) a problem, linked both ways.
    if (command.action === 'propose' && command.kind === 'problem' && patched(PROBLEM_FROM_PROPOSAL)) {
      const linked = await escalateToProblem(input, kase.seq, actor, actingRole, command.note);
      if (linked) await project('problem_linked', SYSTEM, null, linked);
    }
    answer({ seq: kase.seq, snapshot: incidentSnapshot(kase, profile, Date.now()) });
  }

  async function announce(command: IncidentCommand): Promise<void> {
    const key = String(kase.seq);
    switch (command.action) {
      case 'escalate': return tell('incident-escalated', key, { toRoles: ladderRoles(2) });
      // An integration cannot confirm: the service desk confirms in its place (policy/incident.ts).
      case 'resolve': return tell('incident-resolved', key, reportedByIntegration(kase) ? { toRoles: [deskRole] } : { toUsers: [input.reporter.username] });
      case 'involve_security': return tell('incident-security', key, { toRoles: securityRoles() });
      case 'reassess': return tell('incident-reassessed', key, { toRoles: [deskRole], toUsers: handlerUsers() });
      case 'propose': return tell('incident-proposal', key, { toRoles: [ownerRole], params: { proposal: command.kind, note: command.note } });
      case 'reopen': return tell('incident-reopened', key, { toRoles: handlerUsers().length ? [] : [deskRole], toUsers: handlerUsers() });
      default: return;
    }
  }

  async function retarget(calendar: BusinessCalendar): Promise<void> {
    newerCalendar = null;
    kase = withIncidentCalendar(kase, calendar, Date.now());
    await project('calendar_changed', SYSTEM, null, { calendarVersion: calendar.version, dueAt: incidentSnapshot(kase, profile, Date.now()).dueAt });
  }

  function ladderRoles(level: number): string[] {
    const step = ladderOf(profile, input).find((s) => s.level === level);
    return step ? [step.leadRole, ...step.assistingRoles] : [watcherRole];
  }
  function securityRoles(): string[] {
    const role = profile.incident?.securityIncidents?.role;
    return role ? [role] : [];
  }
  function handlerUsers(): string[] {
    return kase.handler ? [kase.handler.username] : [];
  }

  async function tell(template: string, key: string, to: { toRoles?: string[]; toUsers?: string[]; params?: Record<string, unknown> }): Promise<void> {
    const snap = incidentSnapshot(kase, profile, Date.now());
    await notify({
      dedupeKey: `${input.caseId}:${template}:${key}`, tenantId: input.tenantId, caseId: input.caseId, template,
      toRoles: [...new Set(to.toRoles ?? [])], toUsers: [...new Set(to.toUsers ?? [])],
      params: {
        number: input.number, title: `${input.service.name}: ${input.category}`, service: input.service.name, priority: kase.priority,
        reporter: input.reporter.name, state: kase.state, level: kase.level, dueAt: snap.dueAt, symptoms: input.symptoms, ...to.params,
      },
    });
  }

  async function project(action: string, actor: Actor, actingRole: string | null, payload: Record<string, unknown>, { folded = false } = {}): Promise<void> {
    kase = { ...kase, seq: kase.seq + 1 };
    const snap = incidentSnapshot(kase, profile, Date.now());
    const t = transition(input, kase.seq, actor, actingRole, action, payload, caseProjection(snap, snap.formE));
    if (folded && events.hold(t)) return; // recorded with the next event, whose search attributes are upserted then
    await events.record(t);
    if (searchAttributesEnabled()) {
      upsertSearchAttributes([{ key: SA.state, value: snap.state }, { key: SA.breached, value: snap.breached }, ...(snap.priority ? [{ key: SA.priority, value: snap.priority }] : [])]);
    }
  }
}

