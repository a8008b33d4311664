// Request fulfilment (Permintaan Layanan) as a pure state machine.
// Flow (serang BAB IV B.2; yogyakarta Tabel 4; dpr Pasal 5–7; spec §1):
//   submitted --classify--> awaiting_approval --decide--> awaiting_assignment --assign--> in_fulfilment
//   --fulfil--> awaiting_confirmation --confirm--> closed   (reopen: back to in_fulfilment)
// The requester may cancel before the result is delivered. Workflows, the API and tests share it.
import type { ActingDelegation } from './delegation.ts';
import type { Profile } from './profile.ts';
import type { BusinessCalendar } from './calendarTypes.ts';
import type { CaseInputBase } from './caseInput.ts';
import { clockView, markFired, pauseClock, resumeClock, startClock, stopClock, type ClockView, type SlaClock, type Threshold } from './sla.ts';

export const REQUEST_STATES = [
  'submitted', 'awaiting_approval', 'awaiting_assignment', 'in_fulfilment', 'awaiting_requester_info',
  'awaiting_confirmation', 'closed', 'rejected', 'cancelled', 'reclassified',
] as const;
export type RequestState = (typeof REQUEST_STATES)[number];
export const TERMINAL_STATES: readonly RequestState[] = ['closed', 'rejected', 'cancelled', 'reclassified'];

export type Classification = 'fulfilment' | 'incident' | 'change';
export type Priority = 'high' | 'medium' | 'low';

export interface Person { username: string; name: string }

export interface Actor {
  username: string;
  name: string;
  /** Own roles first, then the roles delegations in force add (policy/delegation.ts). */
  roles: string[];
  /** Delegations (Plt./Plh.) in force for the actor when the command was sent; absent when none. */
  delegations?: ActingDelegation[] | undefined;
}

/** What the requester submitted, plus the catalogue item as it was when the case started. */
export interface RequestInput extends CaseInputBase {
  requester: Person;
  title: string;
  description: string;
  submittedAt: number;
  item: {
    code: string;
    name: string;
    targetMs: number;
    basis: 'calendar' | 'working';
    requiresApproval: boolean;
    approverRole: string | null;
  };
  documents: Array<{ id: string; kind: string; filename: string; sha256: string }>;
  channel: string;
  /** The tenant's business calendar at submission; later holiday changes arrive by signal. */
  calendar: BusinessCalendar;
}

export interface RequestCase {
  input: RequestInput;
  state: RequestState;
  classification: Classification | null;
  priority: Priority | null;
  approval: { decision: 'approve' | 'reject'; by: string; at: number; comment: string | null } | null;
  assignee: Person | null;
  progress: Array<{ at: number; by: string; note: string }>;
  resolution: { at: number; by: string; text: string } | null;
  confirmation: { at: number; satisfaction: number; suggestion: string | null } | null;
  reopenCount: number;
  cancellation: { at: number; reason: string } | null;
  /** Questions to the requester while the clock is paused (spec §1: waiting for the requester). */
  infoRequests: Array<{ at: number; by: string; question: string; answeredAt: number | null; answer: string | null }>;
  calendar: BusinessCalendar;
  /** The incident this request became (serang BAB IV B.2.4). */
  reclassifiedTo: { caseId: string; number: string } | null;
  sla: SlaClock;
  /** Sequence number of the last recorded event; the submission itself is event 0. */
  seq: number;
}

export type RequestCommand =
  | { action: 'classify'; classification: Classification; priority: Priority; note?: string | undefined; incident?: ReclassifiedIncident | undefined }
  | { action: 'decide'; decision: 'approve' | 'reject'; comment?: string | undefined }
  | { action: 'assign'; assignee: Person; note?: string | undefined }
  | { action: 'progress'; note: string }
  | { action: 'request_info'; question: string }
  | { action: 'provide_info'; answer: string }
  | { action: 'fulfil'; resolution: string }
  | { action: 'confirm'; satisfaction: number; suggestion?: string | undefined }
  | { action: 'reopen'; reason: string }
  | { action: 'cancel'; reason: string };
export type RequestAction = RequestCommand['action'];

/** What the service desk states when a request is really an incident (serang BAB IV B.2.4). */
export interface ReclassifiedIncident {
  service: { code: string; name: string; serviceType: 'publik' | 'administrasi'; classification: 'kritis' | 'esensial' | 'normal' };
  impact: 'mayor' | 'minor';
  category: string;
}
export const REQUEST_ACTIONS: readonly RequestAction[] = ['classify', 'decide', 'assign', 'progress', 'request_info', 'provide_info', 'fulfil', 'confirm', 'reopen', 'cancel'];

/** Who may take an action: holders of roles, the case's requester, or its assignee. */
export type Party = { kind: 'role'; roles: string[] } | { kind: 'requester' } | { kind: 'assignee'; orRoles: string[] };

interface ActionRule { states: readonly RequestState[]; party: (c: RequestCase, p: Profile) => Party }

const RULES: Record<RequestAction, ActionRule> = {
  // B.2.3: the Pengelola Layanan classifies by urgency, which sets the priority.
  classify: { states: ['submitted'], party: (_c, p) => ({ kind: 'role', roles: [p.requestFulfilment.serviceDeskRole] }) },
  // B.2.7 e: approval of the request where the catalogue item requires it.
  decide: { states: ['awaiting_approval'], party: (c, p) => ({ kind: 'role', roles: [approverRole(c, p)] }) },
  // B.2.7 f: the executor; the service desk assigns and may reassign.
  assign: { states: ['awaiting_assignment', 'in_fulfilment'], party: (_c, p) => ({ kind: 'role', roles: [p.requestFulfilment.serviceDeskRole] }) },
  // B.2.5: progress the requester can follow.
  progress: { states: ['in_fulfilment'], party: (_c, p) => ({ kind: 'assignee', orRoles: [p.requestFulfilment.serviceDeskRole] }) },
  // The executor may need information only the requester has; the SLA clock pauses meanwhile.
  request_info: { states: ['in_fulfilment'], party: (_c, p) => ({ kind: 'assignee', orRoles: [p.requestFulfilment.serviceDeskRole] }) },
  provide_info: { states: ['awaiting_requester_info'], party: () => ({ kind: 'requester' }) },
  fulfil: { states: ['in_fulfilment'], party: (_c, p) => ({ kind: 'assignee', orRoles: [p.requestFulfilment.serviceDeskRole] }) },
  // B.2.6: the requester's confirmation formally ends the request, with a 1–5 rating.
  confirm: { states: ['awaiting_confirmation'], party: () => ({ kind: 'requester' }) },
  reopen: { states: ['awaiting_confirmation'], party: () => ({ kind: 'requester' }) },
  cancel: { states: ['submitted', 'awaiting_approval', 'awaiting_assignment', 'in_fulfilment', 'awaiting_requester_info'], party: () => ({ kind: 'requester' }) },
};

export function approverRole(c: RequestCase, p: Profile): string {
  return c.input.item.approverRole ?? p.requestFulfilment.defaultApproverRole;
}

export function isTerminal(state: RequestState): boolean {
  return TERMINAL_STATES.includes(state);
}

export function newRequestCase(input: RequestInput, profile: Profile): RequestCase {
  return {
    input,
    state: 'submitted',
    classification: null, priority: null, approval: null, assignee: null, progress: [],
    resolution: null, confirmation: null, reopenCount: 0, cancellation: null, infoRequests: [],
    calendar: input.calendar, reclassifiedTo: null,
    // The clock runs from submission to the requester's confirmation (serang BAB IV A, Target
    // Pemenuhan Layanan: "sejak diajukannya permintaan layanan hingga pengguna layanan telah mengkonfirmasi").
    sla: startClock({
      id: 'fulfilment', targetMs: input.item.targetMs, basis: input.item.basis,
      warningPermille: profile.sla.warningPermille.value,
    }, input.submittedAt),
    seq: 0,
  };
}

/** Why an actor may not take an action now; null when allowed. */
export type Refusal =
  | { code: 'not_waiting_for_action'; state: RequestState }
  | { code: 'case_closed'; state: RequestState }
  | { code: 'missing_role'; roles: string[] }
  | { code: 'not_your_case' }
  | { code: 'segregation_of_duties' }
  | { code: 'rating_out_of_range'; min: number; max: number }
  | { code: 'not_implemented_reclassification'; classification: Classification }
  | { code: 'incident_details_required' };

export function partyFor(c: RequestCase, action: RequestAction, profile: Profile): Party {
  return RULES[action].party(c, profile);
}

/** Checks state, actor and business rules for a command; the same check runs in the API and the workflow. */
export function refusalFor(c: RequestCase, cmd: RequestCommand, actor: Actor, profile: Profile): Refusal | null {
  const rule = RULES[cmd.action];
  if (isTerminal(c.state)) return { code: 'case_closed', state: c.state };
  if (!rule.states.includes(c.state)) return { code: 'not_waiting_for_action', state: c.state };
  const party = rule.party(c, profile);
  const refusedParty = partyRefusal(c, party, actor);
  if (refusedParty) return refusedParty;
  // A requester may not approve their own request (kemenkeu J.2, segregation of duties).
  if (cmd.action === 'decide' && actor.username === c.input.requester.username) return { code: 'segregation_of_duties' };
  if (cmd.action === 'confirm') {
    const { min, max } = profile.requestFulfilment.satisfactionScale;
    if (!Number.isInteger(cmd.satisfaction) || cmd.satisfaction < min || cmd.satisfaction > max) return { code: 'rating_out_of_range', min, max };
  }
  // B.2.4: incidents and technical changes leave request fulfilment; those processes arrive later.
  // B.2.4: an incident leaves request fulfilment for incident handling; a technical change waits
  // for change management (a later process).
  if (cmd.action === 'classify' && cmd.classification === 'change') return { code: 'not_implemented_reclassification', classification: cmd.classification };
  if (cmd.action === 'classify' && cmd.classification === 'incident' && !cmd.incident) return { code: 'incident_details_required' };
  return null;
}

/** The role `actor` acts in on this command: the step's party (the API used to name it; now the workflow does). */
export function requestActingRole(c: RequestCase, cmd: RequestCommand, actor: Actor, profile: Profile): string | null {
  const party = partyFor(c, cmd.action, profile);
  if (party.kind === 'role') return party.roles.find((r) => actor.roles.includes(r)) ?? null;
  if (party.kind === 'requester') return 'requester';
  return c.assignee?.username === actor.username ? 'assignee' : (party.orRoles.find((r) => actor.roles.includes(r)) ?? null);
}

function partyRefusal(c: RequestCase, party: Party, actor: Actor): Refusal | null {
  switch (party.kind) {
    case 'role':
      return party.roles.some((r) => actor.roles.includes(r)) ? null : { code: 'missing_role', roles: party.roles };
    case 'requester':
      return actor.username === c.input.requester.username ? null : { code: 'not_your_case' };
    case 'assignee':
      if (c.assignee?.username === actor.username) return null;
      return party.orRoles.some((r) => actor.roles.includes(r)) ? null : { code: 'not_your_case' };
  }
}

/** Applies an allowed command. Call `refusalFor` first; this assumes the command is allowed. */
export function applyCommand(c: RequestCase, cmd: RequestCommand, actor: Actor, now: number): RequestCase {
  const cal = c.calendar;
  switch (cmd.action) {
    case 'classify':
      if (cmd.classification === 'incident') {
        return { ...c, classification: 'incident', priority: cmd.priority, state: 'reclassified', sla: stopClock(c.sla, now, cal) };
      }
      return { ...c, classification: cmd.classification, priority: cmd.priority, state: c.input.item.requiresApproval ? 'awaiting_approval' : 'awaiting_assignment' };
    case 'decide': {
      const approval = { decision: cmd.decision, by: actor.username, at: now, comment: cmd.comment ?? null };
      if (cmd.decision === 'approve') return { ...c, approval, state: 'awaiting_assignment' };
      return { ...c, approval, state: 'rejected', sla: stopClock(c.sla, now, cal) };
    }
    case 'assign':
      return { ...c, assignee: cmd.assignee, state: 'in_fulfilment' };
    case 'progress':
      return { ...c, progress: [...c.progress, { at: now, by: actor.username, note: cmd.note }] };
    case 'request_info':
      return {
        ...c, state: 'awaiting_requester_info', sla: pauseClock(c.sla, now, cal),
        infoRequests: [...c.infoRequests, { at: now, by: actor.username, question: cmd.question, answeredAt: null, answer: null }],
      };
    case 'provide_info':
      return {
        ...c, state: 'in_fulfilment', sla: resumeClock(c.sla, now),
        infoRequests: c.infoRequests.map((q, i) => (i === c.infoRequests.length - 1 ? { ...q, answeredAt: now, answer: cmd.answer } : q)),
      };
    case 'fulfil':
      return { ...c, resolution: { at: now, by: actor.username, text: cmd.resolution }, state: 'awaiting_confirmation' };
    case 'confirm':
      return { ...c, confirmation: { at: now, satisfaction: cmd.satisfaction, suggestion: cmd.suggestion ?? null }, state: 'closed', sla: stopClock(c.sla, now, cal) };
    case 'reopen':
      return { ...c, resolution: null, reopenCount: c.reopenCount + 1, state: 'in_fulfilment' };
    case 'cancel':
      return { ...c, cancellation: { at: now, reason: cmd.reason }, state: 'cancelled', sla: stopClock(c.sla, now, cal) };
  }
}

export function fireThreshold(c: RequestCase, t: Threshold): RequestCase {
  return { ...c, sla: markFired(c.sla, t.id) };
}

/** A newer holiday table or working week: the clock is re-targeted from now on. */
export function withCalendar(c: RequestCase, calendar: BusinessCalendar, now: number): RequestCase {
  if (calendar.version <= c.calendar.version) return c;
  // Time already counted stays counted; the running stretch is closed under the old calendar.
  const running = c.sla.runningSince !== null && c.sla.stoppedAt === null;
  const sla = running ? resumeClock(pauseClock(c.sla, now, c.calendar), now) : c.sla;
  return { ...c, calendar, sla: { ...sla, pausedAt: running ? null : sla.pausedAt } };
}

/** What the case waits for, from whom: shown by the API and the console. */
export interface Waiting { action: RequestAction; party: Party; assignee?: string | undefined; requester?: string | undefined }

export function waitingFor(c: RequestCase, profile: Profile): Waiting[] {
  if (isTerminal(c.state)) return [];
  const primary: Record<RequestState, RequestAction[]> = {
    submitted: ['classify'], awaiting_approval: ['decide'], awaiting_assignment: ['assign'],
    in_fulfilment: ['fulfil'], awaiting_requester_info: ['provide_info'], awaiting_confirmation: ['confirm', 'reopen'],
    closed: [], rejected: [], cancelled: [], reclassified: [],
  };
  return primary[c.state].map((action) => ({
    action, party: partyFor(c, action, profile),
    assignee: c.assignee?.username, requester: c.input.requester.username,
  }));
}

/** The read-model projection of a case (Formulir D fields included). */
export interface RequestSnapshot {
  state: RequestState;
  priority: Priority | null;
  assignee: string | null;
  waitingFor: Waiting[];
  sla: SlaClock[];
  dueAt: string | null;
  breached: boolean;
  slaMet: boolean | null;
  closedAt: string | null;
  links: Array<{ type: string; id: string; number: string; relation: string }>;
  formD: {
    requester: Person;
    description: string;
    submittedAt: string;
    classification: Classification | null;
    priority: Priority | null;
    approval: { decision: 'approve' | 'reject'; by: string; at: string; comment: string | null } | null;
    executor: Person | null;
    resolution: { at: string; by: string; text: string } | null;
    confirmedAt: string | null;
    satisfaction: number | null;
    suggestion: string | null;
    cancellation: { at: string; reason: string } | null;
    reopenCount: number;
    infoRequests: Array<{ at: string; by: string; question: string; answeredAt: string | null; answer: string | null }>;
    documents: RequestInput['documents'];
  };
}

export function snapshot(c: RequestCase, profile: Profile, now: number): RequestSnapshot {
  const view: ClockView = clockView(c.sla, now, c.calendar);
  const iso = (t: number) => new Date(t).toISOString();
  const terminalAt = c.confirmation?.at ?? c.cancellation?.at ?? (c.state === 'rejected' ? c.approval?.at : undefined)
    ?? (c.state === 'reclassified' ? c.sla.stoppedAt ?? undefined : undefined);
  return {
    state: c.state,
    priority: c.priority,
    assignee: c.assignee?.username ?? null,
    waitingFor: waitingFor(c, profile),
    sla: [c.sla],
    dueAt: view.dueAt,
    breached: view.breached,
    slaMet: view.met,
    closedAt: terminalAt === undefined ? null : iso(terminalAt),
    links: c.reclassifiedTo ? [{ type: 'incident', id: c.reclassifiedTo.caseId, number: c.reclassifiedTo.number, relation: 'reclassified_as' }] : [],
    formD: {
      requester: c.input.requester,
      description: c.input.description,
      submittedAt: iso(c.input.submittedAt),
      classification: c.classification,
      priority: c.priority,
      approval: c.approval ? { ...c.approval, at: iso(c.approval.at) } : null,
      executor: c.assignee,
      resolution: c.resolution ? { ...c.resolution, at: iso(c.resolution.at) } : null,
      confirmedAt: c.confirmation ? iso(c.confirmation.at) : null,
      satisfaction: c.confirmation?.satisfaction ?? null,
      suggestion: c.confirmation?.suggestion ?? null,
      cancellation: c.cancellation ? { ...c.cancellation, at: iso(c.cancellation.at) } : null,
      reopenCount: c.reopenCount,
      infoRequests: c.infoRequests.map((q) => ({ ...q, at: iso(q.at), answeredAt: q.answeredAt === null ? null : iso(q.answeredAt) })),
      documents: c.input.documents,
    },
  };
}
