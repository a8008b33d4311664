// What an audit event (the recordTransition activity's input) means for the case counters. Pure, so the
// rules are tested on their own; the workflows name their events, this file only reads the names.
import type { RecordTransitionInput } from '../activities/types.ts';

export interface CaseEventKinds {
  /** The workflow's first event: the case runs. */
  started: boolean;
  /** The event that closed the case (its closing time is the event's time). */
  closed: boolean;
  /** A target missed: sla_breached, response_breached, resolution_breached, rto_missed, step_overdue, … */
  breach: boolean;
  /** The case was raised to someone higher: escalated, decision_escalated, or a breach sent to an escalation role. */
  escalation: boolean;
}

const BREACH = /(_breached|_missed|_overdue)$/;
const ESCALATION = /escalated$/;

export function caseEventKinds(input: Pick<RecordTransitionInput, 'action' | 'at' | 'payload' | 'snapshot'>): CaseEventKinds {
  const closedAt = input.snapshot.closedAt;
  return {
    started: input.action === 'started',
    closed: closedAt !== null && Date.parse(closedAt) === input.at,
    breach: BREACH.test(input.action),
    escalation: ESCALATION.test(input.action) || typeof input.payload.escalatedTo === 'string',
  };
}
