// Activities that record what the workflow asked for, to assert on side effects in workflow tests.
import type { NotifyInput, RecordTransitionInput, SigapActivities } from '../../activities/types.ts';
import type { BusinessCalendar } from '../../policy/calendarTypes.ts';

export interface Recorded {
  transitions: Array<RecordTransitionInput & { recordedAt: number }>;
  notifications: Array<NotifyInput & { recordedAt: number }>;
}

export function recordingActivities(now: () => number, calendar: () => BusinessCalendar): { activities: SigapActivities; recorded: Recorded } {
  const recorded: Recorded = { transitions: [], notifications: [] };
  const activities: SigapActivities = {
    async recordTransition(input) { recorded.transitions.push({ ...input, recordedAt: now() }); },
    async notify(input) { recorded.notifications.push({ ...input, recordedAt: now() }); return { sent: 1, skipped: 0 }; },
    async loadCalendar() { return calendar(); },
    async listOpenCases() { return { workflowIds: [], next: null }; },
  };
  return { activities, recorded };
}
