// The approval of one submitted DRP version (serang BAB IV C.3.2 «Dokumen DRP harus mendapat
// persetujuan dari Penyedia Layanan yaitu pejabat setingkat minimal eselon II»; yogyakarta Tabel 8;
// kemenkeu G.2). The approver decides within profile.disaster.drpApprovalWithin (working time):
// reminders at the SLA warning shares, one escalation to the head of unit at the deadline, and the
// case keeps waiting. Approving marks the version approved and supersedes the previously approved one
// (activity, one transaction); rejecting or the author's withdrawal closes the version.
import { condition, patched, proxyActivities, setHandler } from '@temporalio/workflow';
import type { ContinuityActivities } from '../activities/continuity.ts';
import type { SigapActivities } from '../activities/types.ts';
import {
  applyDrpCommand, drpApprover, drpDecisionDueAt, drpEscalationRole, drpRefusal, drpSnapshot, fireDrpThreshold, isDrpClosed, newDrpCase,
  nextDrpThreshold, pendingDrpThresholds, withDrpCalendar, type DrpCase, type DrpCommand, type DrpInput, type DrpSnapshot, drpActingRole,
} from '../policy/continuity.ts';
import { effectiveProfile } from '../policy/effectiveProfile.ts';
import type { BusinessCalendar } from '../policy/calendarTypes.ts';
import type { Actor } from '../policy/requestFulfilment.ts';
import { calendarChangedSignal, drpActUpdate, drpStateQuery, type ActCommand, type ActResult } from './messages.ts';
import { createInbox, type Taken } from './inbox.ts';
import { ACTIVITY_OPTIONS } from './activityOptions.ts';
import { caseEventLog, caseNotice, recordCaseEvent, refusalFailure } from './caseEffects.ts';
import { actingOf } from '../policy/delegation.ts';
import { REMINDERS_IN_WORKING_HOURS, nextSendAt, noticeTimings, noticesDue, type NoticeStep } from '../policy/reminderHours.ts';
import type { Threshold } from '../policy/sla.ts';

const { notify } = proxyActivities<SigapActivities>(ACTIVITY_OPTIONS);
const { settleDrpVersion } = proxyActivities<ContinuityActivities>(ACTIVITY_OPTIONS);

const SYSTEM: Actor = { username: 'system', name: 'Sigap', roles: [] };

export async function drpApproval(input: DrpInput): Promise<DrpSnapshot> {
  // Reminders wait for working hours (issue 8); histories recorded before this replay unchanged.
  const remindersInWorkingHours = patched(REMINDERS_IN_WORKING_HOURS);
  const profile = effectiveProfile(input.profileId, input.profileOverrides);
  let kase: DrpCase = newDrpCase(input, profile);
  const inbox = createInbox<ActCommand<DrpCommand>, ActResult<DrpSnapshot>>();
  const events = caseEventLog();
  const calendars: BusinessCalendar[] = [];
  const approverRole = drpApprover(profile).role;
  const runBy = profile.disaster?.drpRunBy.role;

  setHandler(drpStateQuery, () => kase);
  setHandler(calendarChangedSignal, (calendar) => { calendars.push(calendar); });
  setHandler(drpActUpdate, (cmd) => inbox.submit(cmd), {
    validator: (cmd) => {
      const { refusal } = acting(cmd);
      if (refusal) throw refusalFailure(refusal);
    },
  });

  await project('started', SYSTEM, null, { service: input.service.code, version: input.version, dueAt: iso(drpDecisionDueAt(kase)) });
  await tell('drp-approval-needed', 'requested', { toRoles: [approverRole] });

  while (!isDrpClosed(kase)) {
    const next = remindersInWorkingHours ? nextSendAt(timings()) : nextDrpThreshold(kase)?.dueAt ?? null;
    const woken = () => inbox.waiting || calendars.length > 0;
    await events.flush(); // a folded reminder is recorded before the case waits
    if (next === null) await condition(woken);
    else if (next > Date.now()) await condition(woken, next - Date.now());

    const calendar = calendars.splice(0).at(-1);
    if (calendar) {
      kase = withDrpCalendar(kase, calendar);
      await project('calendar_changed', SYSTEM, null, { version: calendar.version, dueAt: iso(drpDecisionDueAt(kase)) });
    }
    await fireDue();
    const command = inbox.take();
    if (command) await handle(command);
  }
  await events.flush();
  return drpSnapshot(kase, profile, Date.now());

  async function fireDue(): Promise<void> {
    if (remindersInWorkingHours) {
      for (const step of noticesDue(timings(), Date.now())) await (step.action === 'send' ? fire(step.threshold) : fold(step));
      return;
    }
    for (let next = nextDrpThreshold(kase); next && next.dueAt <= Date.now(); next = nextDrpThreshold(kase)) await fire(next.threshold);
  }

  /** The decision clock's pending notices and when each goes out (a DRP approval is planning, not a disaster: reminders wait). */
  function timings() {
    return noticeTimings(kase.calendar, pendingDrpThresholds(kase), false);
  }

  async function fire(t: Threshold): Promise<void> {
    kase = fireDrpThreshold(kase, t, Date.now());
    const dueAt = iso(drpDecisionDueAt(kase));
    if (t.kind !== 'breach') {
      await project('decision_reminder', SYSTEM, null, { threshold: t.id, dueAt });
      await tell('drp-decision-reminder', t.id, { toRoles: [approverRole] });
      return;
    }
    const escalateTo = drpEscalationRole(profile);
    await project('decision_escalated', SYSTEM, null, { threshold: t.id, to: escalateTo, dueAt });
    await tell('drp-decision-overdue', 'breach', { toRoles: [escalateTo, approverRole] });
  }

  /** A deferred reminder overtaken by a later notice: recorded, not sent. */
  async function fold(step: Extract<NoticeStep, { action: 'fold' }>): Promise<void> {
    kase = fireDrpThreshold(kase, step.threshold, Date.now());
    await project('reminder_folded', SYSTEM, null, { threshold: step.threshold.id, into: step.into, dueAt: iso(step.dueAt), sendAt: iso(step.sendAt) }, { folded: true });
  }

  /** Who acts, in which role, and whether the case refuses it now (the workflow names the role). */
  function acting(cmd: ActCommand<DrpCommand>) {
    return actingOf(cmd, Date.now(), (a) => drpRefusal(kase, cmd.command, a, profile), (a) => drpActingRole(kase, cmd.command, a, profile));
  }

  async function handle({ item, answer }: Taken<ActCommand<DrpCommand>, ActResult<DrpSnapshot>>): Promise<void> {
    const { command, updateId } = item;
    const { actor, actingRole, refusal } = acting(item);
    if (refusal) { answer(refusalFailure(refusal)); return; }
    const late = kase.escalatedAt !== null;
    kase = applyDrpCommand(kase, command, actor, profile, Date.now());
    await settleDrpVersion({
      tenantId: input.tenantId, drpId: input.drpId, caseId: input.caseId, outcome: kase.state as 'approved' | 'rejected' | 'withdrawn',
      by: actor.username, at: Date.now(), note: command.action === 'decide' ? (command.note ?? null) : command.reason,
    });
    const { action: _a, ...payload } = command;
    await project(command.action, actor, actingRole, { ...payload, outcome: kase.state, late, ...(updateId ? { updateId } : {}) });
    if (command.action === 'decide') {
      await tell('drp-decided', 'decided', { toUsers: [input.author.username], toRoles: runBy ? [runBy] : [], params: { outcome: kase.state, approved: kase.state === 'approved', note: command.note ?? '-', by: actor.name } });
    } else {
      await tell('drp-withdrawn', 'withdrawn', { toRoles: [approverRole], params: { note: command.reason, by: actor.name } });
    }
    answer({ seq: kase.seq, snapshot: drpSnapshot(kase, profile, Date.now()) });
  }

  async function tell(template: string, key: string, to: { toRoles?: string[]; toUsers?: string[]; params?: Record<string, unknown> }): Promise<void> {
    await notify(caseNotice(input, template, key, to, {
      number: input.number, title: input.title, service: input.service.name, serviceCode: input.service.code, version: input.version,
      author: input.author.name, dueAt: iso(drpDecisionDueAt(kase)), state: kase.state, ...to.params,
    }));
  }

  async function project(action: string, actor: Actor, actingRole: string | null, payload: Record<string, unknown>, { folded = false } = {}): Promise<void> {
    kase = { ...kase, seq: kase.seq + 1 };
    await recordCaseEvent(input, kase.seq, actor, actingRole, action, payload, drpSnapshot(kase, profile, Date.now()), { log: events, folded });
  }
}

function iso(t: number): string {
  return new Date(t).toISOString();
}

