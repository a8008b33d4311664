// Activities that record what the workflow asked for, to assert on side effects in workflow tests.
import type { NotifyInput, RecordFindingInput, RecordTransitionInput, SigapActivities } from '../../activities/types.ts';
import type { BusinessCalendar } from '../../policy/calendarTypes.ts';

export interface Recorded {
  transitions: Array<RecordTransitionInput & { recordedAt: number }>;
  notifications: Array<NotifyInput & { recordedAt: number }>;
  findings: Array<RecordFindingInput & { recordedAt: number }>;
}

export function recordingActivities(now: () => number, calendar: () => BusinessCalendar): { activities: SigapActivities; recorded: Recorded } {
  const recorded: Recorded = { transitions: [], notifications: [], findings: [] };
  const activities: SigapActivities = {
    async recordTransition(input) { recorded.transitions.push({ ...input, recordedAt: now() }); },
    async notify(input) { recorded.notifications.push({ ...input, recordedAt: now() }); return { sent: 1, skipped: 0 }; },
    async recordFinding(input) {
      const created = !recorded.findings.some((f) => f.dedupeKey === input.dedupeKey);
      if (created) recorded.findings.push({ ...input, recordedAt: now() });
      return { id: `finding-${input.dedupeKey}`, created };
    },
    async loadCalendar() { return calendar(); },
    async listOpenCases() { return { workflowIds: [], next: null }; },
    async openLinkedIncident(req) {
      // The intake an incident opened from a request would get: a fresh number and the incident input.
      const number = `INC-TEST-${req.from.number}`;
      return {
        caseId: `incident-of-${req.from.caseId}`, number, workflowId: `incident:${req.tenantId}:${number}`,
        input: {
          caseId: `incident-of-${req.from.caseId}`, tenantId: req.tenantId, profileId: 'serang', number, reporter: req.reporter,
          channel: req.channel, category: req.incident.category, symptoms: req.symptoms, impact: req.incident.impact, service: req.incident.service,
          configurationItems: [], confirmationChannel: 'portal' as const, security: false, reportedAt: now(), calendar: calendar(),
          origin: { type: req.from.type, id: req.from.caseId },
        },
      };
    },
  };
  return { activities, recorded };
}
