// The monthly availability report (Formulir F), serang BAB IV C.2.3–2.4: the technical team prepares
// it (utilisation, causes of missed targets, improvements), the service owner acknowledges it;
// reminders at the SLA warning shares of `acknowledgeWithin` (counted from the month end), one
// escalation to the head of unit at the deadline (the report keeps waiting). On acknowledgement
// Formulir F is rendered and stored as the case's document.
import { condition, patched, proxyActivities, setHandler } from '@temporalio/workflow';
import type { AvailabilityActivities } from '../activities/availability.ts';
import type { SigapActivities } from '../activities/types.ts';
import {
  applyAvailabilityReportCommand, availabilityReportRefusal, availabilityReportRoles, availabilityReportSnapshot, fireReportThreshold, formulirF,
  isAvailabilityReportClosed, missedServices, monthLabel, newAvailabilityReportCase, nextReportThreshold, pendingReportThresholds, reportDueAt, withDocument,
  type AvailabilityReportCase, type AvailabilityReportCommand, type AvailabilityReportInput, type AvailabilityReportSnapshot, availabilityReportActingRole,
} from '../policy/availabilityReport.ts';
import { effectiveProfile } from '../policy/effectiveProfile.ts';
import type { Actor } from '../policy/requestFulfilment.ts';
import { availabilityReportActUpdate, availabilityReportStateQuery, type ActCommand, type ActResult } from './messages.ts';
import { createInbox, type Taken } from './inbox.ts';
import { ACTIVITY_OPTIONS } from './activityOptions.ts';
import { caseEventLog, caseNotice, recordCaseEvent, refusalFailure } from './caseEffects.ts';
import { actingOf } from '../policy/delegation.ts';
import { REMINDERS_IN_WORKING_HOURS, nextSendAt, noticeTimings, noticesDue, type NoticeStep } from '../policy/reminderHours.ts';
import type { Threshold } from '../policy/sla.ts';

const { notify } = proxyActivities<SigapActivities>(ACTIVITY_OPTIONS);
const { renderFormulirF } = proxyActivities<AvailabilityActivities>(ACTIVITY_OPTIONS);

const SYSTEM: Actor = { username: 'system', name: 'Sigap', roles: [] };

export async function availabilityReport(input: AvailabilityReportInput): Promise<AvailabilityReportSnapshot> {
  // Reminders wait for working hours (issue 8); histories recorded before this replay unchanged.
  const remindersInWorkingHours = patched(REMINDERS_IN_WORKING_HOURS);
  const profile = effectiveProfile(input.profileId, input.profileOverrides);
  const roles = availabilityReportRoles(profile);
  let kase: AvailabilityReportCase = newAvailabilityReportCase(input, profile);
  const inbox = createInbox<ActCommand<AvailabilityReportCommand>, ActResult<AvailabilityReportSnapshot>>();
  const events = caseEventLog();
  const label = monthLabel(input.month);

  setHandler(availabilityReportStateQuery, () => kase);
  setHandler(availabilityReportActUpdate, (cmd) => inbox.submit(cmd), {
    validator: (cmd) => {
      const { refusal } = acting(cmd);
      if (refusal) throw refusalFailure(refusal);
    },
  });

  await project('started', SYSTEM, null, { month: input.month, trigger: input.trigger, services: input.services.length, missed: missedServices(input) });
  await tell('availability-report-open', 'open', [roles.preparedBy]);

  while (!isAvailabilityReportClosed(kase)) {
    const next = remindersInWorkingHours ? nextSendAt(timings()) : nextReportThreshold(kase)?.dueAt ?? null;
    await events.flush(); // a folded reminder is recorded before the case waits
    if (next === null) await condition(() => inbox.waiting);
    else if (next > Date.now()) await condition(() => inbox.waiting, next - Date.now());
    await fireDue();
    const command = inbox.take();
    if (command) await handle(command);
  }
  await events.flush();
  return availabilityReportSnapshot(kase, profile, Date.now());

  async function fireDue(): Promise<void> {
    if (remindersInWorkingHours) {
      for (const step of noticesDue(timings(), Date.now())) await (step.action === 'send' ? fire(step.threshold) : fold(step));
      return;
    }
    for (let next = nextReportThreshold(kase); next && next.dueAt <= Date.now(); next = nextReportThreshold(kase)) await fire(next.threshold);
  }

  /** The report clock's pending notices and when each goes out (reminders wait for working hours). */
  function timings() {
    return noticeTimings(kase.calendar, pendingReportThresholds(kase), false);
  }

  async function fire(t: Threshold): Promise<void> {
    kase = fireReportThreshold(kase, t, Date.now());
    const waitingOn = kase.state === 'preparing' ? roles.preparedBy : roles.acknowledgedBy;
    if (t.kind === 'breach') {
      await project('report_escalated', SYSTEM, null, { threshold: t.id, to: roles.escalateTo, waitingOn });
      await tell('availability-report-overdue', 'breach', [roles.escalateTo, waitingOn]);
    } else {
      await project('report_reminder', SYSTEM, null, { threshold: t.id, waitingOn });
      await tell('availability-report-reminder', t.id, [waitingOn]);
    }
  }

  /** A deferred reminder overtaken by a later notice: recorded, not sent. */
  async function fold(step: Extract<NoticeStep, { action: 'fold' }>): Promise<void> {
    kase = fireReportThreshold(kase, step.threshold, Date.now());
    await project('reminder_folded', SYSTEM, null, { threshold: step.threshold.id, into: step.into, dueAt: new Date(step.dueAt).toISOString(), sendAt: new Date(step.sendAt).toISOString() }, { folded: true });
  }

  /** Who acts, in which role, and whether the case refuses it now (the workflow names the role). */
  function acting(cmd: ActCommand<AvailabilityReportCommand>) {
    return actingOf(cmd, Date.now(), (a) => availabilityReportRefusal(kase, cmd.command, a, profile), (a) => availabilityReportActingRole(cmd.command, a, profile));
  }

  async function handle({ item, answer }: Taken<ActCommand<AvailabilityReportCommand>, ActResult<AvailabilityReportSnapshot>>): Promise<void> {
    const { command, updateId } = item;
    const { actor, actingRole, refusal } = acting(item);
    if (refusal) { answer(refusalFailure(refusal)); return; }
    const before = kase;
    kase = applyAvailabilityReportCommand(kase, command, actor, Date.now());
    const { action: _a, ...payload } = command;
    await project(command.action, actor, actingRole, { ...payload, ...(updateId ? { updateId } : {}), from: before.state, to: kase.state });
    if (command.action === 'prepare') {
      await tell('availability-report-prepared', `prepared-${kase.seq}`, [roles.acknowledgedBy], { preparedBy: actor.name });
    } else {
      const document = await renderFormulirF({ tenantId: input.tenantId, caseId: input.caseId, number: input.number, report: formulirF(kase) });
      kase = withDocument(kase, document);
      await project('formulir_f_rendered', SYSTEM, null, { documentId: document.documentId, sha256: document.sha256 });
      await tell('availability-report-acknowledged', 'acknowledged', [roles.preparedBy], { acknowledgedBy: actor.name }, kase.preparation ? [kase.preparation.by] : []);
    }
    answer({ seq: kase.seq, snapshot: availabilityReportSnapshot(kase, profile, Date.now()) });
  }

  async function tell(template: string, key: string, toRoles: string[], params: Record<string, unknown> = {}, toUsers: string[] = []): Promise<void> {
    const due = reportDueAt(kase);
    await notify(caseNotice(input, template, key, { toRoles, toUsers }, {
      number: input.number, month: input.month, period: label.id, periodEn: label.en, dueAt: due === null ? null : new Date(due).toISOString(),
      missed: missedServices(input).join(', ') || '-', prepared: kase.preparation !== null, state: kase.state, ...params,
    }));
  }

  async function project(action: string, actor: Actor, actingRole: string | null, payload: Record<string, unknown>, { folded = false } = {}): Promise<void> {
    kase = { ...kase, seq: kase.seq + 1 };
    await recordCaseEvent(input, kase.seq, actor, actingRole, action, payload, availabilityReportSnapshot(kase, profile, Date.now()), { log: events, folded });
  }
}

