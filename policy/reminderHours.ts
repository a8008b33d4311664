// When the notices of a threshold clock go out (issue 8: "Reminders respect the recipient's working
// calendar unless the case is P1/P2 or a disaster"). Pure and deterministic: workflows plan their
// timers with it, so a reminder that falls outside working time waits for the next working stretch on
// a durable timer, and a case that moved on in the meantime sends nothing.
//
// Rules:
// - Only reminders (threshold kind `warning`: "act before the deadline") wait. Breaches and
//   escalations go out at their instant, day and night: something already went wrong and someone
//   else must step in.
// - Nothing waits for an urgent case: an incident of priority P1/P2 (issue 8), an emergency change
//   (policy/change.ts `changeRemindersUrgent`), anything of a disaster (workflows/disaster.ts keeps its
//   warnings and progress reminders 24/7 and never consults this module).
// - The recipient's working calendar is the tenant's business calendar (policy/calendar.ts): a
//   reminder outside working time is sent at the start of the next working stretch
//   (`nextWorkingInstant`). Sigap default: the instant a stretch closes (16:00) still counts as inside
//   it, because working-time clocks put their thresholds exactly there (addWorkingMs ends a target on
//   a stretch end) and such a reminder belongs to the day that just ended, not to the next morning.
// - Folding (Sigap default): a deferred reminder is dropped when a later notice of the same clock goes
//   out no later than it would — several reminders shifted onto the same Monday 07:30 send only the
//   latest, and a reminder overtaken by the breach or an escalation is not sent after it. A folded
//   reminder is recorded (`reminder_folded` on the timeline), never lost silently.
import { isWorkingInstant, nextWorkingInstant } from './calendar.ts';
import type { BusinessCalendar } from './calendarTypes.ts';
import type { Threshold, ThresholdKind } from './sla.ts';

/** patched() id of the workflows that plan their reminders with this module (histories recorded before it replay unchanged). */
export const REMINDERS_IN_WORKING_HOURS = 'reminders-in-working-hours';

/**
 * patched() id: a folded reminder is recorded in one activity with the next event of the case (the notice
 * it folded into) instead of an activity of its own; histories recorded before it replay unchanged.
 */
export const FOLDED_REMINDERS_WITH_NEXT_EVENT = 'folded-reminders-with-next-event';

/** Incident priorities whose notices never wait (issue 8: "unless the case is P1/P2"). */
export const URGENT_PRIORITIES: readonly string[] = ['P1', 'P2'];

export function isUrgentPriority(priority: string | null | undefined): boolean {
  return priority !== null && priority !== undefined && URGENT_PRIORITIES.includes(priority);
}

/** Whether a notice of this kind waits for working time. */
export function waitsForWorkingTime(kind: ThresholdKind, urgent: boolean): boolean {
  return kind === 'warning' && !urgent;
}

/** Whether t is working time on the calendar, counting the instant a stretch closes as inside it. */
export function withinWorkingHours(cal: BusinessCalendar, t: number): boolean {
  return isWorkingInstant(cal, t) || isWorkingInstant(cal, t - 1);
}

/**
 * The instant a reminder due at `dueAt` is sent: `dueAt` itself inside working hours, else the start of
 * the next working stretch (after weekends, breaks, nights and holidays). Always >= dueAt.
 */
export function reminderSendAt(cal: BusinessCalendar, dueAt: number): number {
  return withinWorkingHours(cal, dueAt) ? dueAt : nextWorkingInstant(cal, dueAt);
}

/** A threshold of one clock that has not fired yet, with the instant it falls due. */
export interface PendingNotice {
  threshold: Threshold;
  dueAt: number;
}

export interface NoticeTiming extends PendingNotice {
  /** When the notice goes out: dueAt, or later for a reminder outside working hours. */
  sendAt: number;
}

/** The send instants of a clock's pending thresholds (given in threshold order). */
export function noticeTimings(cal: BusinessCalendar, pending: readonly PendingNotice[], urgent: boolean): NoticeTiming[] {
  return pending.map((p) => ({ ...p, sendAt: waitsForWorkingTime(p.threshold.kind, urgent) ? reminderSendAt(cal, p.dueAt) : p.dueAt }));
}

/** The instant the workflow must wake next for these notices; null when none is pending. */
export function nextSendAt(timings: readonly NoticeTiming[]): number | null {
  return timings.length ? Math.min(...timings.map((t) => t.sendAt)) : null;
}

export type NoticeStep =
  | (NoticeTiming & { action: 'send' })
  /** Not sent: `into` is the later threshold whose notice goes out instead. */
  | (NoticeTiming & { action: 'fold'; into: string });

/**
 * What happens at `now` to a clock's pending thresholds (in threshold order): the notices whose send
 * instant has come are sent, and a deferred reminder overtaken by a later notice that goes out now is
 * folded into the last notice sent now. Thresholds not listed stay pending.
 */
export function noticesDue(timings: readonly NoticeTiming[], now: number): NoticeStep[] {
  const sentNow = timings.map((t, i) => ({ t, i })).filter(({ t }) => t.sendAt <= now);
  const last = sentNow.at(-1);
  if (!last) return [];
  const steps: NoticeStep[] = [];
  timings.forEach((t, i) => {
    const deferred = t.sendAt > t.dueAt;
    const overtaken = deferred && sentNow.some(({ t: later, i: j }) => j > i && later.sendAt <= t.sendAt);
    if (overtaken) steps.push({ ...t, action: 'fold', into: last.t.threshold.id });
    else if (t.sendAt <= now) steps.push({ ...t, action: 'send' });
  });
  return steps;
}
