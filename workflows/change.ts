// Change management (Manajemen Perubahan), spec §4; serang BAB IV D.3.5 Tabel 4.4 "Kategori Rilis",
// kemenkeu Lampiran II E.1 and J.2–J.3, dpr Pasal 17–18. A normal change waits for its approver (or
// the change forum) with reminders and an escalation when the decision is overdue; an approved or
// standard change reserves its window (refused when another approved change or a blackout overlaps
// on a shared service) and sleeps until the window opens; an emergency change runs at once and its
// retrospective approval is due within a working-time deadline — missing or negative, it escalates
// and is recorded as a finding. The implementation is recorded by the implementer or by the release
// that references the change; the change authority reviews it and the change closes.
import {
  ApplicationFailure, patched, proxyActivities, setHandler,
} from '@temporalio/workflow';
import type { ChangeActivities, SigapActivities } from '../activities/types.ts';
import {
  applyChangeCommand, applyReleaseProgress, breachAt, changeAuthority, changeEscalationRole, changeRefusal, changeRemindersUrgent, changeSnapshot, decisionRoles,
  executorRoles, fireDecisionThreshold, isChangeClosed, newChangeCase, nextDecisionThreshold, openWindow, pendingDecisionThresholds, windowOpensAt, withConflicts,
  withReservation, withWindowConflict,
  type ChangeCase, type ChangeCommand, type ChangeInput, type ChangeSnapshot, changeActingRole,
} from '../policy/change.ts';
import { effectiveProfile } from '../policy/effectiveProfile.ts';
import type { BusinessCalendar } from '../policy/calendarTypes.ts';
import type { Actor } from '../policy/requestFulfilment.ts';
import {
  calendarChangedSignal, changeActUpdate, changeReleaseProgressSignal, changeStateQuery,
  type ActCommand, type ActResult, type ReleaseProgress,
} from './messages.ts';
import { createInbox, type Taken } from './inbox.ts';
import { ACTIVITY_OPTIONS } from './activityOptions.ts';
import { caseEventLog, caseNotice, recordCaseEvent, refusalFailure, waitForWork } from './caseEffects.ts';
import { actingOf } from '../policy/delegation.ts';
import { REMINDERS_IN_WORKING_HOURS, nextSendAt, noticeTimings, noticesDue, type NoticeStep } from '../policy/reminderHours.ts';
import type { Threshold } from '../policy/sla.ts';

const { notify, recordFinding } = proxyActivities<SigapActivities>(ACTIVITY_OPTIONS);
const { findChangeConflicts, reserveChangeWindow, releaseChangeWindow } = proxyActivities<ChangeActivities>(ACTIVITY_OPTIONS);

const SYSTEM: Actor = { username: 'system', name: 'Sigap', roles: [] };

export async function change(input: ChangeInput): Promise<ChangeSnapshot> {
  // Reminders wait for working hours (issue 8); histories recorded before this replay unchanged.
  const remindersInWorkingHours = patched(REMINDERS_IN_WORKING_HOURS);
  const profile = effectiveProfile(input.profileId, input.profileOverrides);
  let kase: ChangeCase = newChangeCase(input, profile);
  const inbox = createInbox<ActCommand<ChangeCommand>, ActResult<ChangeSnapshot>>();
  const events = caseEventLog();
  const progress: ReleaseProgress[] = [];
  const calendars: BusinessCalendar[] = [];
  const authority = changeAuthority(profile);
  const executors = executorRoles(profile, input.category);
  const initiator = input.initiator.username;
  /** Whether this change holds a row in change_window (freed once it is implemented or ends). */
  let holdsWindow = false;

  setHandler(changeStateQuery, () => kase);
  setHandler(changeReleaseProgressSignal, (p) => { progress.push(p); });
  setHandler(calendarChangedSignal, (calendar) => { calendars.push(calendar); });
  setHandler(changeActUpdate, (cmd) => inbox.submit(cmd), {
    validator: (cmd) => {
      const { refusal } = acting(cmd);
      if (refusal) throw refusalFailure(refusal);
    },
  });

  await project('started', SYSTEM, null, {
    category: input.category, services: input.services.map((s) => s.code), window: windowIso(kase), approval: kase.approval.mode,
    ...(input.standardChange ? { standardChange: input.standardChange.code } : {}), conflicts: input.conflicts.length,
    ...(input.highImpact ? { highImpact: true } : {}),
  });
  if (kase.approval.mode === 'before') {
    await refreshConflicts();
    await tell('change-approval-needed', 'requested', { toRoles: decisionRoles(kase), params: { dueAt: iso(breachAt(kase)) } });
  } else if (kase.approval.mode === 'after') {
    // The emergency change runs now: it takes its window as it is (conflicts are shown, never refused).
    if (kase.window) await reserve(true);
    await tell('change-emergency', 'started', { toRoles: [...decisionRoles(kase), ...executors], params: { dueAt: iso(breachAt(kase)) } });
  }

  while (!isChangeClosed(kase)) {
    if (kase.state === 'approved') { await reserve(false); continue; }
    const due = nextDue();
    const woken = () => inbox.waiting || progress.length > 0 || calendars.length > 0;
    await events.flush(); // a folded reminder is recorded before the case waits
    await waitForWork(woken, due);

    const calendar = calendars.splice(0).at(-1);
    if (calendar) {
      kase = { ...kase, calendar };
      await project('calendar_changed', SYSTEM, null, { version: calendar.version });
    }
    await fireDue();
    const p = progress.shift();
    if (p) await onReleaseProgress(p);
    const command = inbox.take();
    if (command) await handle(command);
  }
  await events.flush();
  if (holdsWindow) await releaseChangeWindow({ tenantId: input.tenantId, caseId: input.caseId });
  return changeSnapshot(kase, profile, Date.now());

  function nextDue(): number | null {
    const decision = remindersInWorkingHours ? nextSendAt(decisionTimings()) : nextDecisionThreshold(kase)?.dueAt ?? null;
    const times = [windowOpensAt(kase), decision].filter((t): t is number => t !== null);
    return times.length ? Math.min(...times) : null;
  }

  async function fireDue(): Promise<void> {
    const opens = windowOpensAt(kase);
    if (opens !== null && opens <= Date.now()) {
      kase = openWindow(kase, Date.now());
      await project('window_opened', SYSTEM, null, { window: windowIso(kase) });
      await tell('change-window-open', 'opened', { toRoles: executors, toUsers: [initiator] });
    }
    if (remindersInWorkingHours) {
      for (const step of noticesDue(decisionTimings(), Date.now())) await (step.action === 'send' ? fireDecision(step.threshold) : foldReminder(step));
      return;
    }
    for (let next = nextDecisionThreshold(kase); next && next.dueAt <= Date.now(); next = nextDecisionThreshold(kase)) await fireDecision(next.threshold);
  }

  /** The decision clock's pending notices and when each goes out (reminders wait for working hours unless urgent). */
  function decisionTimings() {
    return noticeTimings(kase.calendar, pendingDecisionThresholds(kase), changeRemindersUrgent(kase));
  }

  /** A deferred reminder overtaken by a later notice: recorded, not sent. */
  async function foldReminder(step: Extract<NoticeStep, { action: 'fold' }>): Promise<void> {
    kase = fireDecisionThreshold(kase, step.threshold, Date.now());
    await project('reminder_folded', SYSTEM, null, { threshold: step.threshold.id, into: step.into, dueAt: iso(step.dueAt), sendAt: iso(step.sendAt) }, { folded: true });
  }

  async function fireDecision(t: Threshold): Promise<void> {
    kase = fireDecisionThreshold(kase, t, Date.now());
    const emergency = kase.approval.mode === 'after';
    if (t.kind === 'warning') {
      if (!emergency) await refreshConflicts();
      await project('decision_reminder', SYSTEM, null, { threshold: t.id, dueAt: iso(breachAt(kase)) });
      await tell('change-decision-reminder', t.id, { toRoles: decisionRoles(kase), params: { dueAt: iso(breachAt(kase)), retrospective: emergency } });
      return;
    }
    // The deadline passed without a decision: escalate once; the case keeps waiting for the decision.
    const escalateTo = changeEscalationRole(profile);
    await project('decision_escalated', SYSTEM, null, { threshold: t.id, to: escalateTo, retrospective: emergency, dueAt: iso(breachAt(kase)) });
    await tell('change-decision-overdue', 'breach', { toRoles: [escalateTo, ...decisionRoles(kase)], params: { dueAt: iso(breachAt(kase)), retrospective: emergency } });
    if (emergency) {
      await finding('retrospective_approval_overdue', 'high', {
        id: `Persetujuan retrospektif perubahan darurat ${input.number} tidak diberikan sampai batas waktu ${iso(breachAt(kase))}`,
        en: `The retrospective approval of emergency change ${input.number} was not given by the deadline ${iso(breachAt(kase))}`,
      }, { dueAt: iso(breachAt(kase)), approverRole: kase.approval.approverRole });
    }
  }

  /** Who acts, in which role, and whether the case refuses it now (the workflow names the role). */
  function acting(cmd: ActCommand<ChangeCommand>) {
    return actingOf(cmd, Date.now(), (a) => changeRefusal(kase, cmd.command, a, profile, Date.now()), (a) => changeActingRole(kase, cmd.command, a, profile));
  }

  async function handle({ item, answer }: Taken<ActCommand<ChangeCommand>, ActResult<ChangeSnapshot>>): Promise<void> {
    const { command, updateId } = item;
    const { actor, actingRole, refusal } = acting(item);
    if (refusal) { answer(refusalFailure(refusal)); return; }
    const before = kase;
    kase = applyChangeCommand(kase, command, actor, profile, Date.now());
    const { action: _a, ...payload } = command;
    const extra: Record<string, unknown> = {};
    if (command.action === 'reschedule') Object.assign(extra, { window: windowIso(kase) });
    if (command.action === 'decide') {
      Object.assign(extra, { outcome: kase.approval.outcome, votes: kase.approval.votes.length, late: before.approval.escalatedAt !== null, retrospective: kase.approval.mode === 'after' });
    }
    await project(command.action, actor, actingRole, { ...payload, ...extra, ...(updateId ? { updateId } : {}), from: before.state, to: kase.state });
    await announce(command, before, actor);
    answer({ seq: kase.seq, snapshot: changeSnapshot(kase, profile, Date.now()) });
  }

  async function announce(command: ChangeCommand, before: ChangeCase, actor: Actor): Promise<void> {
    const key = String(kase.seq);
    switch (command.action) {
      case 'decide': {
        if (kase.approval.mode === 'after') {
          if (kase.approval.outcome === 'rejected') {
            // A negative retrospective decision: escalated and recorded for the evaluation.
            const escalateTo = changeEscalationRole(profile);
            await project('decision_escalated', SYSTEM, null, { to: escalateTo, retrospective: true, reason: 'rejected', by: actor.username });
            await tell('change-retrospective-rejected', key, { toRoles: [escalateTo, authority], toUsers: [initiator], params: { note: command.note ?? '-', by: actor.name } });
            await finding('retrospective_approval_rejected', 'high', {
              id: `Perubahan darurat ${input.number} tidak disetujui secara retrospektif oleh ${actor.name}`,
              en: `Emergency change ${input.number} was not approved retrospectively by ${actor.name}`,
            }, { by: actor.username, note: command.note ?? null });
          }
          return;
        }
        if (kase.approval.outcome === null) return; // a forum vote; the forum has not decided yet
        if (kase.state === 'rejected') await tell('change-decided', key, { toUsers: [initiator], params: { outcome: 'rejected', note: command.note ?? '-' } });
        return;
      }
      case 'record_implementation':
        await freeWindow();
        return tell('change-implemented', key, { toRoles: [authority], toUsers: [initiator], params: { outcome: command.outcome, note: command.note } });
      case 'review':
        return tell('change-closed', key, { toUsers: [initiator], toRoles: executors, params: { note: command.summary } });
      case 'cancel':
        await freeWindow();
        return tell('change-closed', key, { toUsers: [initiator], toRoles: before.state === 'awaiting_approval' ? decisionRoles(kase) : executors, params: { note: command.reason } });
      default:
        return;
    }
  }

  /** Reserves the change's window (kemenkeu E.1.b.3: other pending changes; blackout periods), or parks it in window_conflict. */
  async function reserve(force: boolean): Promise<void> {
    const window = kase.window;
    if (!window) throw ApplicationFailure.nonRetryable(`change ${input.number} has no window to reserve`);
    if (!force && window.end <= Date.now()) {
      kase = withWindowConflict(kase, [], Date.now());
      await project('window_expired', SYSTEM, null, { window: windowIso(kase) });
      await tell('change-window-conflict', `expired-${kase.seq}`, { toUsers: [initiator], params: { conflicts: '-', expired: true } });
      return;
    }
    const result = await reserveChangeWindow({ tenantId: input.tenantId, caseId: input.caseId, number: input.number, services: input.services.map((s) => s.code), window, force });
    if (result.reserved) {
      holdsWindow = true;
      if (force) {
        kase = withConflicts(kase, result.conflicts, Date.now());
        await project('window_reserved', SYSTEM, null, { window: windowIso(kase), conflicts: result.conflicts });
        return;
      }
      kase = withConflicts(withReservation(kase, Date.now()), result.conflicts, Date.now());
      await project('window_reserved', SYSTEM, null, { window: windowIso(kase) });
      const approved = { standard: kase.approval.mode === 'none', note: kase.approval.votes.at(-1)?.note ?? '-' };
      await tell('change-scheduled', `scheduled-${kase.seq}`, { toRoles: executors, toUsers: [initiator], params: approved });
      return;
    }
    kase = withWindowConflict(kase, result.conflicts, Date.now());
    await project('window_conflict', SYSTEM, null, { window: windowIso(kase), conflicts: result.conflicts });
    await tell('change-window-conflict', `conflict-${kase.seq}`, { toUsers: [initiator], params: { conflicts: describeConflicts(kase), expired: false } });
  }

  async function freeWindow(): Promise<void> {
    if (!holdsWindow) return;
    await releaseChangeWindow({ tenantId: input.tenantId, caseId: input.caseId });
    holdsWindow = false;
  }

  /** The conflicts the approver sees, refreshed before the decision (at the start and with each reminder). */
  async function refreshConflicts(): Promise<void> {
    if (!kase.window) return;
    const found = await findChangeConflicts({ tenantId: input.tenantId, caseId: input.caseId, number: input.number, services: input.services.map((s) => s.code), window: kase.window });
    const changed = JSON.stringify(found) !== JSON.stringify(kase.conflicts);
    kase = withConflicts(kase, found, Date.now());
    if (changed) await project('conflicts_refreshed', SYSTEM, null, { conflicts: found });
  }

  async function onReleaseProgress(p: ReleaseProgress): Promise<void> {
    if (isChangeClosed(kase)) return;
    const before = kase.state;
    kase = applyReleaseProgress(kase, p);
    await project('release_progress', SYSTEM, null, { release: p.release, event: p.event, note: p.note ?? null, from: before, to: kase.state });
    if (before !== 'implemented' && kase.state === 'implemented') {
      await freeWindow();
      await tell('change-implemented', `release-${kase.seq}`, { toRoles: [authority], toUsers: [initiator], params: { outcome: kase.implementation!.outcome, note: kase.implementation!.note } });
    }
  }

  async function finding(kind: string, severity: 'low' | 'medium' | 'high', summary: { id: string; en: string }, detail: Record<string, unknown>): Promise<void> {
    await recordFinding({
      dedupeKey: `${input.caseId}:${kind}`, tenantId: input.tenantId, caseId: input.caseId, caseNumber: input.number, process: 'change', kind, severity,
      summary, detail: { category: input.category, services: input.services.map((s) => s.code), ...detail }, at: Date.now(),
    });
    await project('finding_recorded', SYSTEM, null, { kind, severity });
  }

  async function tell(template: string, key: string, to: { toRoles?: string[]; toUsers?: string[]; params?: Record<string, unknown> }): Promise<void> {
    await notify(caseNotice(input, template, key, to, {
      number: input.number, title: input.title, category: input.category, services: input.services.map((s) => s.name).join(', '),
      initiator: input.initiator.name, state: kase.state, windowStart: kase.window ? iso(kase.window.start) : null, windowEnd: kase.window ? iso(kase.window.end) : null,
      reason: input.reason, ...to.params,
    }));
  }

  async function project(action: string, actor: Actor, actingRole: string | null, payload: Record<string, unknown>, { folded = false } = {}): Promise<void> {
    kase = { ...kase, seq: kase.seq + 1 };
    await recordCaseEvent(input, kase.seq, actor, actingRole, action, payload, changeSnapshot(kase, profile, Date.now()), { log: events, folded });
  }
}

function iso(t: number): string {
  return new Date(t).toISOString();
}

function windowIso(c: ChangeCase): { start: string; end: string } | null {
  return c.window ? { start: iso(c.window.start), end: iso(c.window.end) } : null;
}

function describeConflicts(c: ChangeCase): string {
  return c.conflicts.map((x) => (x.kind === 'change' ? `${x.number} (${x.window.start} – ${x.window.end})` : `blackout: ${x.reason} (${x.window.start} – ${x.window.end})`)).join('; ') || '-';
}

