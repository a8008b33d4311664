// Activities that record what the workflow asked for, to assert on side effects in workflow tests.
import type { NotifyInput, RecordFindingInput, RecordTransitionInput, SigapActivities } from '../../activities/types.ts';
import type { BusinessCalendar } from '../../policy/calendarTypes.ts';

export interface Recorded {
  transitions: Array<RecordTransitionInput & { recordedAt: number }>;
  /** Each recordTransition(s) call with the events it carried: how many activities the audit trail took. */
  transitionCalls: Array<{ activity: 'recordTransition' | 'recordTransitions'; caseId: string; seqs: number[] }>;
  notifications: Array<NotifyInput & { recordedAt: number }>;
  findings: Array<RecordFindingInput & { recordedAt: number }>;
}

export function recordingActivities(now: () => number, calendar: () => BusinessCalendar): { activities: SigapActivities; recorded: Recorded } {
  const recorded: Recorded = { transitions: [], transitionCalls: [], notifications: [], findings: [] };
  const activities: SigapActivities = {
    async recordTransition(input) {
      recorded.transitions.push({ ...input, recordedAt: now() });
      recorded.transitionCalls.push({ activity: 'recordTransition', caseId: input.caseId, seqs: [input.seq] });
    },
    async recordTransitions(inputs) {
      recorded.transitions.push(...inputs.map((input) => ({ ...input, recordedAt: now() })));
      recorded.transitionCalls.push({ activity: 'recordTransitions', caseId: inputs[0]?.caseId ?? '', seqs: inputs.map((i) => i.seq) });
    },
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
