// Change management (Manajemen Perubahan) as pure rules, spec §4; serang BAB IV D.3.5 (Tabel 4.4
// "Kategori Rilis"), kemenkeu Lampiran II E.1 and J.2–J.3, dpr Pasal 17–18, yogyakarta 2.1.2.5.
//
//   normal:    awaiting_approval --decide approve--> approved --(window reserved)--> scheduled
//                                                           \--(window taken)--> window_conflict --reschedule--> approved …
//              awaiting_approval --decide reject--> rejected
//   standard:  approved at once (pre-approved by the standard-change catalogue) --> scheduled | window_conflict
//   emergency: implementing at once; the approver decides afterwards (retrospective approval clock)
//   scheduled --(window opens: durable timer)--> implementing --record_implementation--> implemented --review--> closed
//   cancel (initiator or change authority) before implementing; grant_exception (supervised SoD relaxation, kemenkeu J.3).
//
// Who approves: the category's approverRole, or a change forum where the profile has one (kemenkeu
// E.1.b.7): its convener and members vote; approved once the convener approved and `quorum`
// distinct people approved; the convener's rejection rejects. Segregation of duties (kemenkeu J.2 a,
// Sigap default elsewhere): the initiator neither approves nor implements (kemenkeu: and the approver
// does not implement), unless a supervisor granted a recorded exception where the profile allows one.
//
// High-impact changes (kemenkeu Lampiran II E.1.b.5 «pelaksanaan koordinasi dengan koordinator desain
// dan transisi layanan (service design and transition) untuk: … b) perubahan pada layanan TIK yang
// berpotensi menimbulkan dampak besar bagi Pengguna atau layanan TIK pada Katalog Layanan TIK»; E.2.b
// «Potensi dampak sebagaimana dimaksud pada huruf a ditentukan oleh Pengelola Layanan TIK masing-masing
// sesuai dengan karakteristik organisasi»): where the profile has `change.highImpactRoute`, the
// initiator flags the RFC `highImpact` (the provider decides what is high impact, so it is a flag, not
// a computed rule); an approving vote — before the implementation for a normal change, the
// retrospective one for an emergency — waits until the design and transition coordinator recorded the
// coordination (`record_design_transition`). A rejecting vote stays possible. Standard changes are
// pre-approved routine work and cannot be high-impact (refused at intake).
import { TIMEZONE_OFFSETS_MINUTES, type BusinessCalendar, type IndonesianTimezone } from './calendarTypes.ts';
import { addWorkingMs } from './calendar.ts';
import type { CaseInputBase } from './caseInput.ts';
import type { ChangeCategory, ChangeCategoryRule, Duration, Profile } from './profile.ts';
import type { Actor, Person } from './requestFulfilment.ts';
import {
  exceptionRefusal, segregationConflict, segregationRule, type DutyHolder, type SegregationConflict, type SegregationRule, type SupervisedException,
} from './segregation.ts';
import { clockView, markFired, startClock, stopClock, type SlaClock, type Threshold } from './sla.ts';

export const CHANGE_STATES = [
  'awaiting_approval', 'approved', 'window_conflict', 'scheduled', 'implementing', 'implemented', 'closed', 'rejected', 'cancelled',
] as const;
export type ChangeState = (typeof CHANGE_STATES)[number];
export const CHANGE_TERMINAL: readonly ChangeState[] = ['closed', 'rejected', 'cancelled'];
/** States a change can still be cancelled in: anything before the implementation starts. */
const BEFORE_IMPLEMENTATION: readonly ChangeState[] = ['awaiting_approval', 'approved', 'window_conflict', 'scheduled'];

export const CHANGE_DUTIES = ['initiate', 'approve', 'implement'] as const;
export type ChangeDuty = (typeof CHANGE_DUTIES)[number];

/** The roles that may submit a change request (RFC), where the profile has them. */
export const CHANGE_INITIATOR_ROLES = ['technical_team', 'service_desk', 'service_coordinator', 'service_owner', 'change_coordinator'] as const;

export interface ChangeWindow { start: number; end: number }
export interface ChangeServiceRef { code: string; name: string }
export interface ChangeOrigin { type: 'request' | 'incident' | 'problem'; caseId: string; number: string }

/** Another change or a blackout period that overlaps a change's window on a shared service. */
export type ChangeConflict =
  | { kind: 'change'; caseId: string; number: string; title: string; state: string; services: string[]; window: { start: string; end: string } }
  | { kind: 'blackout'; id: string; service: string | null; reason: string; window: { start: string; end: string } };

export interface ChangeInput extends CaseInputBase {
  title: string;
  reason: string;
  category: ChangeCategory;
  kind: string | null;
  services: ChangeServiceRef[];
  configurationItems: string[];
  riskAnalysis: string;
  implementationPlan: string;
  /** The requested window; emergency changes start at once (window from the record, end as given or null). */
  window: ChangeWindow | null;
  standardChange: { code: string; title: string; procedure: string } | null;
  origin: ChangeOrigin | null;
  initiator: Person & { role: string };
  submittedAt: number;
  /** Conflicts found at intake (shown before approval). */
  conflicts: ChangeConflict[];
  calendar: BusinessCalendar;
  /**
   * Flagged by the initiator as potentially high-impact (kemenkeu E.2.b: the provider decides); only
   * where the profile has a high-impact route. Absent in inputs recorded before the route existed.
   */
  highImpact?: boolean | undefined;
}

/** The recorded coordination with service design and transition (kemenkeu E.1.b.5). */
export interface DesignTransitionRecord { at: number; by: string; name: string; role: string; summary: string; documents: string[] }

export interface Vote { username: string; name: string; role: string; decision: 'approve' | 'reject'; note: string | null; at: number }

export interface ChangeApproval {
  mode: 'none' | 'before' | 'after';
  /** The approver role; for a forum, the convener's. */
  approverRole: string | null;
  forum: { convenerRole: string; memberRoles: string[]; quorum: number } | null;
  votes: Vote[];
  outcome: 'approved' | 'rejected' | null;
  decidedAt: number | null;
  /** The decision clock (normal: decisionWithin; emergency: retrospectiveApprovalWithin). */
  clock: SlaClock | null;
  /** Escalated because the deadline passed without a decision (once). */
  escalatedAt: number | null;
}

export interface ChangeImplementation {
  outcome: 'succeeded' | 'failed';
  note: string;
  by: string;
  at: number;
  via: 'action' | 'release';
  release: string | null;
}

export interface ChangeReleaseLink { caseId: string; number: string; status: string; at: number; note: string | null }

export interface ChangeCase {
  input: ChangeInput;
  state: ChangeState;
  window: ChangeWindow | null;
  approval: ChangeApproval;
  /** Windows reserved in change_window (how many times; the last reservation). */
  reservation: { at: number; window: ChangeWindow } | null;
  conflicts: ChangeConflict[];
  conflictsCheckedAt: number;
  reschedules: Array<{ at: number; by: string; from: ChangeWindow | null; to: ChangeWindow; reason: string | null }>;
  implementation: ChangeImplementation | null;
  implementer: string | null;
  openedAt: number | null;
  review: { at: number; by: string; summary: string; successful: boolean } | null;
  exceptions: SupervisedException[];
  releases: ChangeReleaseLink[];
  cancellation: { at: number; by: string; reason: string } | null;
  /** The design and transition coordination of a high-impact change (null until recorded, and for other changes). */
  designTransition: DesignTransitionRecord | null;
  calendar: BusinessCalendar;
  closedAt: number | null;
  seq: number;
}

export type ChangeCommand =
  | { action: 'decide'; decision: 'approve' | 'reject'; note?: string | undefined }
  | { action: 'reschedule'; window: ChangeWindow; reason?: string | undefined }
  | { action: 'record_implementation'; outcome: 'succeeded' | 'failed'; note: string }
  | { action: 'review'; summary: string; successful: boolean }
  | { action: 'grant_exception'; username: string; duty: ChangeDuty; justification: string }
  | { action: 'cancel'; reason: string }
  | { action: 'record_design_transition'; summary: string; documents?: string[] | undefined };
export type ChangeAction = ChangeCommand['action'];
export const CHANGE_ACTIONS: readonly ChangeAction[] = ['decide', 'reschedule', 'record_implementation', 'review', 'grant_exception', 'cancel', 'record_design_transition'];

export type ChangeRefusal =
  | { code: 'not_waiting_for_action'; state: ChangeState }
  | { code: 'case_closed'; state: ChangeState }
  | { code: 'missing_role'; roles: string[] }
  | { code: 'not_initiator' }
  | { code: 'already_voted'; username: string }
  | { code: 'segregation_of_duties_change'; duty: string; conflictsWith: string; relaxable: boolean; supervisorRole: string | null }
  | { code: 'exception_not_allowed'; reason: 'not_relaxable' | 'self_supervision' }
  | { code: 'exception_exists'; username: string; duty: string }
  | { code: 'window_in_past' }
  | { code: 'window_end_before_start' }
  | { code: 'retrospective_approval_pending' }
  | { code: 'design_transition_required'; role: string }
  | { code: 'not_high_impact' };

// ---- who does what ----------------------------------------------------------------------------

export function categoryRule(profile: Profile, category: ChangeCategory): ChangeCategoryRule {
  const rule = profile.change?.categories.find((c) => c.id === category);
  if (!rule) throw new RangeError(`profile ${profile.id} has no change category ${category}`);
  return rule;
}

const hasRole = (profile: Profile, role: string) => profile.roles.some((r) => r.id === role);

/** Who may submit an RFC: the staff roles the profile has, plus the requester where the regulation says so (dpr Pasal 18 (1) a). */
export function changeInitiatorRoles(profile: Profile): string[] {
  const staff = CHANGE_INITIATOR_ROLES.filter((r) => hasRole(profile, r));
  return profile.change?.requesterInitiates?.value ? [...staff, 'requester'] : [...staff];
}

/**
 * The change authority: approves normal changes (the normal category's approver), reviews every
 * implemented change (dpr Pasal 18 (1) f «evaluasi proses perubahan»; kemenkeu E.1.b.6 «pengkajian
 * perubahan») and may cancel any change.
 */
export function changeAuthority(profile: Profile): string {
  return profile.change?.categories.find((c) => c.id === 'normal')?.approverRole
    ?? profile.change?.categories.find((c) => c.approverRole)?.approverRole ?? profile.requestFulfilment.defaultApproverRole;
}

/** Who implements: the category's executor role, else the request executors. */
export function executorRoles(profile: Profile, category: ChangeCategory): string[] {
  const rule = categoryRule(profile, category);
  return rule.executorRole ? [rule.executorRole] : profile.requestFulfilment.executorRoles;
}

/**
 * Who receives the escalation of an overdue decision: the service coordinator where the profile has
 * one (the role that watches targets, serang BAB III «mengawasi kualitas penyelenggaraan seluruh
 * layanan»), else the head of unit, else the request escalation role.
 */
export function changeEscalationRole(profile: Profile): string {
  if (hasRole(profile, 'service_coordinator')) return 'service_coordinator';
  if (hasRole(profile, 'head_of_unit')) return 'head_of_unit';
  return profile.requestFulfilment.escalationRole;
}

/** The roles that may vote on a normal change: the forum's convener and members, or the approver. */
export function decisionRoles(c: ChangeCase): string[] {
  const a = c.approval;
  if (a.forum) return [a.forum.convenerRole, ...a.forum.memberRoles];
  return a.approverRole ? [a.approverRole] : [];
}

/**
 * Who records the coordination with service design and transition of a high-impact change, or null
 * where the profile has no high-impact route. KMK names no dedicated design-and-transition
 * coordinator among the roles of Lampiran I B.3; the koordinator Manajemen Mutu dan Layanan TIK
 * (`service_coordinator`, Lampiran I B.3.b) coordinates quality and service management as a whole and
 * is the forum member Sigap maps to «kegiatan desain dan transisi layanan» (E.1.b.7 f), so that role
 * records it.
 */
export function designTransitionRole(profile: Profile): string | null {
  if (!profile.change?.highImpactRoute) return null;
  return hasRole(profile, 'service_coordinator') ? 'service_coordinator' : changeAuthority(profile);
}

/** Whether an RFC may be flagged high-impact: only where the profile has the route, never for a standard change. */
export function highImpactRefusal(profile: Profile, category: ChangeCategory, highImpact: boolean): { code: 'high_impact_not_supported' | 'high_impact_standard_change' } | null {
  if (!highImpact) return null;
  if (!profile.change?.highImpactRoute) return { code: 'high_impact_not_supported' };
  if (category === 'standard') return { code: 'high_impact_standard_change' };
  return null;
}

/** A high-impact change still waiting for its design and transition coordination. */
export function awaitsDesignTransition(c: ChangeCase): boolean {
  return c.input.highImpact === true && c.designTransition === null;
}

/** The kind of change a profile accepts: one of its kinds where it lists any (dpr Pasal 17 (2)), else none. */
export function changeKindRefusal(profile: Profile, kind: string | undefined): { code: 'change_kind_required' | 'unknown_change_kind'; allowed: string[] } | null {
  const allowed = profile.change?.kinds.map((k) => k.id) ?? [];
  if (allowed.length && !kind) return { code: 'change_kind_required', allowed };
  if (kind && !allowed.includes(kind)) return { code: 'unknown_change_kind', allowed };
  return null;
}

/**
 * How each process step a regulation lists is carried out in Sigap: a field of the RFC, an action
 * of the workflow or a state it passes. Steps without an entry are not built (the conformance suite
 * lists them as pending).
 */
export const CHANGE_STEP_REALISATION: Record<string, { field: keyof ChangeInput } | { action: ChangeAction } | { state: ChangeState }> = {
  // dpr Pasal 18 (1) a–f, (2)
  receive: { field: 'initiator' }, analyse: { field: 'riskAnalysis' }, classify: { field: 'category' }, plan: { field: 'implementationPlan' },
  monitor: { state: 'implementing' }, evaluate: { action: 'review' }, release: { state: 'implemented' },
  // kemenkeu E.1.b.2–6
  record: { field: 'category' }, assess: { action: 'decide' }, plan_test: { field: 'implementationPlan' }, review: { action: 'review' },
  design_transition: { action: 'record_design_transition' },
  // yogyakarta 2.1.2.5
  identify: { field: 'reason' },
};

// ---- creation --------------------------------------------------------------------------------

function dueClock(id: string, d: Duration, warningPermille: number[], at: number): SlaClock {
  return startClock({ id, targetMs: d.ms, basis: d.basis, warningPermille }, at);
}

export function newChangeCase(input: ChangeInput, profile: Profile): ChangeCase {
  const rule = categoryRule(profile, input.category);
  const forum = rule.approval === 'before' && profile.change?.forum
    ? { convenerRole: profile.change.forum.convenerRole, memberRoles: profile.change.forum.memberRoles, quorum: profile.change.forum.quorum.value } : null;
  const warnings = profile.sla.warningPermille.value;
  const clock = rule.approval === 'before' && rule.decisionWithin ? dueClock('decision', rule.decisionWithin, warnings, input.submittedAt)
    : rule.approval === 'after' && rule.retrospectiveApprovalWithin ? dueClock('retrospective', rule.retrospectiveApprovalWithin, warnings, input.submittedAt) : null;
  const state: ChangeState = rule.approval === 'before' ? 'awaiting_approval' : rule.approval === 'after' ? 'implementing' : 'approved';
  return {
    input, state, window: input.window,
    approval: { mode: rule.approval, approverRole: forum?.convenerRole ?? rule.approverRole ?? null, forum, votes: [], outcome: null, decidedAt: null, clock, escalatedAt: null },
    reservation: null, conflicts: input.conflicts, conflictsCheckedAt: input.submittedAt, reschedules: [],
    implementation: null, implementer: null, openedAt: state === 'implementing' ? input.submittedAt : null, review: null,
    exceptions: [], releases: [], cancellation: null, designTransition: null, calendar: input.calendar, closedAt: null, seq: 0,
  };
}

export function isChangeClosed(c: ChangeCase): boolean {
  return CHANGE_TERMINAL.includes(c.state);
}

/** A requested window: the start in the future, the end after the start. */
export function windowRefusal(window: ChangeWindow, now: number): ChangeRefusal | null {
  if (window.end <= window.start) return { code: 'window_end_before_start' };
  if (window.start <= now) return { code: 'window_in_past' };
  return null;
}

// ---- segregation of duties -------------------------------------------------------------------

/** Who holds which duty on the change so far. */
export function dutyHolders(c: ChangeCase): DutyHolder[] {
  return [
    { duty: 'initiate', username: c.input.initiator.username },
    ...c.approval.votes.filter((v) => v.decision === 'approve').map((v) => ({ duty: 'approve', username: v.username })),
    ...(c.implementer ? [{ duty: 'implement', username: c.implementer }] : []),
  ];
}

export function changeSegregation(profile: Profile): SegregationRule | null {
  return segregationRule(profile, 'change');
}

export function dutyConflict(c: ChangeCase, profile: Profile, username: string, duty: ChangeDuty): SegregationConflict | null {
  return segregationConflict(changeSegregation(profile), dutyHolders(c), { duty, username }, c.exceptions);
}

function sodRefusal(conflict: SegregationConflict): ChangeRefusal {
  return { code: 'segregation_of_duties_change', duty: conflict.duty, conflictsWith: conflict.conflictsWith, relaxable: conflict.relaxable, supervisorRole: conflict.supervisorRole };
}

// ---- the rules per action -----------------------------------------------------------------------

export function changeRefusal(c: ChangeCase, cmd: ChangeCommand, actor: Actor, profile: Profile, now: number): ChangeRefusal | null {
  if (isChangeClosed(c)) return { code: 'case_closed', state: c.state };
  const is = (...states: ChangeState[]) => states.includes(c.state);
  const needRole = (roles: string[]): ChangeRefusal | null => (roles.some((r) => actor.roles.includes(r)) ? null : { code: 'missing_role', roles });
  const authority = changeAuthority(profile);
  switch (cmd.action) {
    case 'decide': {
      const before = c.approval.mode === 'before' && is('awaiting_approval');
      // Emergency: the approver decides afterwards, while implementing or once implemented (late decisions are recorded too).
      const after = c.approval.mode === 'after' && c.approval.outcome === null && is('implementing', 'implemented');
      if (!before && !after) return { code: 'not_waiting_for_action', state: c.state };
      const missing = needRole(decisionRoles(c));
      if (missing) return missing;
      if (c.approval.votes.some((v) => v.username === actor.username)) return { code: 'already_voted', username: actor.username };
      // kemenkeu E.1.b.5: a high-impact change is approved only after the design and transition coordination.
      if (cmd.decision === 'approve' && awaitsDesignTransition(c)) return { code: 'design_transition_required', role: designTransitionRole(profile) ?? '' };
      if (cmd.decision === 'approve' || c.approval.forum === null) {
        const conflict = dutyConflict(c, profile, actor.username, 'approve');
        if (conflict) return sodRefusal(conflict);
      }
      return null;
    }
    case 'reschedule': {
      if (!is('window_conflict')) return { code: 'not_waiting_for_action', state: c.state };
      if (actor.username !== c.input.initiator.username) return { code: 'not_initiator' };
      return windowRefusal(cmd.window, now);
    }
    case 'record_implementation': {
      if (!is('implementing')) return { code: 'not_waiting_for_action', state: c.state };
      const missing = needRole(executorRoles(profile, c.input.category));
      if (missing) return missing;
      const conflict = dutyConflict(c, profile, actor.username, 'implement');
      return conflict ? sodRefusal(conflict) : null;
    }
    case 'review': {
      if (!is('implemented')) return { code: 'not_waiting_for_action', state: c.state };
      const missing = needRole([authority]);
      if (missing) return missing;
      if (c.approval.mode === 'after' && c.approval.outcome === null) return { code: 'retrospective_approval_pending' };
      return null;
    }
    case 'grant_exception': {
      const rule = changeSegregation(profile);
      const refusal = exceptionRefusal(rule, actor, cmd.username);
      if (refusal === 'missing_role') return { code: 'missing_role', roles: rule?.supervisorRole ? [rule.supervisorRole] : [] };
      if (refusal) return { code: 'exception_not_allowed', reason: refusal };
      if (c.exceptions.some((e) => e.username === cmd.username && e.duty === cmd.duty)) return { code: 'exception_exists', username: cmd.username, duty: cmd.duty };
      return null;
    }
    case 'cancel': {
      if (!is(...BEFORE_IMPLEMENTATION)) return { code: 'not_waiting_for_action', state: c.state };
      if (actor.username === c.input.initiator.username) return null;
      return needRole([authority]);
    }
    case 'record_design_transition': {
      if (c.input.highImpact !== true) return { code: 'not_high_impact' };
      // Once, before the decision: awaiting approval (normal) or, for an emergency, before the retrospective approval.
      if (c.designTransition !== null || c.approval.outcome !== null) return { code: 'not_waiting_for_action', state: c.state };
      const role = designTransitionRole(profile);
      return needRole(role ? [role] : []);
    }
  }
}

/** The role `actor` acts in: a role the change names for this action, else the initiator's role, else their first. */
export function changeActingRole(c: ChangeCase, cmd: ChangeCommand, actor: Actor, profile: Profile): string | null {
  const supervisor = changeSegregation(profile)?.supervisorRole;
  const coordinator = cmd.action === 'record_design_transition' ? designTransitionRole(profile) : null;
  const relevant = [...(coordinator ? [coordinator] : []), ...decisionRoles(c), ...executorRoles(profile, c.input.category), changeAuthority(profile), ...(supervisor ? [supervisor] : [])];
  return actor.roles.find((r) => relevant.includes(r))
    ?? (actor.username === c.input.initiator.username ? c.input.initiator.role : actor.roles[0] ?? null);
}

/** Applies an allowed command (check `changeRefusal` first). The workflow reserves the window after an approval. */
export function applyChangeCommand(c: ChangeCase, cmd: ChangeCommand, actor: Actor, profile: Profile, now: number): ChangeCase {
  switch (cmd.action) {
    case 'decide': {
      const role = decisionRoles(c).find((r) => actor.roles.includes(r)) ?? actor.roles[0] ?? '';
      const votes = [...c.approval.votes, { username: actor.username, name: actor.name, role, decision: cmd.decision, note: cmd.note ?? null, at: now }];
      const outcome = approvalOutcome({ ...c.approval, votes });
      const approval = { ...c.approval, votes, outcome, decidedAt: outcome ? now : null, clock: outcome && c.approval.clock ? stopClock(c.approval.clock, now, c.calendar) : c.approval.clock };
      if (c.approval.mode === 'after' || outcome === null) return { ...c, approval };
      return outcome === 'approved' ? { ...c, approval, state: 'approved' } : { ...c, approval, state: 'rejected', closedAt: now };
    }
    case 'reschedule':
      return { ...c, state: 'approved', window: cmd.window, reschedules: [...c.reschedules, { at: now, by: actor.username, from: c.window, to: cmd.window, reason: cmd.reason ?? null }] };
    case 'record_implementation':
      return { ...c, state: 'implemented', implementer: actor.username, implementation: { outcome: cmd.outcome, note: cmd.note, by: actor.username, at: now, via: 'action', release: null } };
    case 'review':
      return { ...c, state: 'closed', closedAt: now, review: { at: now, by: actor.username, summary: cmd.summary, successful: cmd.successful } };
    case 'grant_exception':
      return { ...c, exceptions: [...c.exceptions, { username: cmd.username, duty: cmd.duty, supervisor: actor.username, justification: cmd.justification, at: now }] };
    case 'cancel':
      return { ...c, state: 'cancelled', closedAt: now, cancellation: { at: now, by: actor.username, reason: cmd.reason } };
    case 'record_design_transition': {
      const role = designTransitionRole(profile);
      const by = { username: actor.username, name: actor.name, role: (role && actor.roles.includes(role) ? role : actor.roles[0]) ?? '' };
      return { ...c, designTransition: { at: now, by: by.username, name: by.name, role: by.role, summary: cmd.summary, documents: cmd.documents ?? [] } };
    }
  }
}

/**
 * The outcome of the votes: one approver decides alone; a forum approves once its convener approved
 * and `quorum` distinct people approved, and rejects when its convener rejects.
 */
export function approvalOutcome(a: Pick<ChangeApproval, 'forum' | 'votes' | 'approverRole'>): 'approved' | 'rejected' | null {
  if (!a.forum) {
    const last = a.votes.at(-1);
    return last ? (last.decision === 'approve' ? 'approved' : 'rejected') : null;
  }
  const convener = a.forum.convenerRole;
  if (a.votes.some((v) => v.role === convener && v.decision === 'reject')) return 'rejected';
  const approvers = new Set(a.votes.filter((v) => v.decision === 'approve').map((v) => v.username));
  const convenerApproved = a.votes.some((v) => v.role === convener && v.decision === 'approve');
  return convenerApproved && approvers.size >= a.forum.quorum ? 'approved' : null;
}

// ---- what the workflow does between commands ---------------------------------------------------

export function withReservation(c: ChangeCase, now: number): ChangeCase {
  return { ...c, state: 'scheduled', reservation: { at: now, window: c.window! } };
}

export function withWindowConflict(c: ChangeCase, conflicts: ChangeConflict[], now: number): ChangeCase {
  return { ...c, state: 'window_conflict', conflicts, conflictsCheckedAt: now };
}

export function withConflicts(c: ChangeCase, conflicts: ChangeConflict[], now: number): ChangeCase {
  return { ...c, conflicts, conflictsCheckedAt: now };
}

/** When a scheduled change's window opens (null when not waiting for it). */
export function windowOpensAt(c: ChangeCase): number | null {
  return c.state === 'scheduled' && c.window ? c.window.start : null;
}

export function openWindow(c: ChangeCase, now: number): ChangeCase {
  return { ...c, state: 'implementing', openedAt: now };
}

/** The next threshold of the decision clock while no decision is in (reminders, the deadline). */
export function nextDecisionThreshold(c: ChangeCase): { threshold: Threshold; dueAt: number } | null {
  const clock = c.approval.clock;
  if (!clock || c.approval.outcome !== null || isChangeClosed(c)) return null;
  if (c.approval.mode === 'before' && c.state !== 'awaiting_approval') return null;
  const pending = clock.thresholds.filter((t) => !clock.fired.includes(t.id));
  const first = pending[0];
  if (!first) return null;
  return { threshold: first, dueAt: thresholdDueAt(clock, first, c.calendar) };
}

/** Every pending threshold of the decision clock with its due instant, while no decision is in (issue 8 reminder timing). */
export function pendingDecisionThresholds(c: ChangeCase): Array<{ threshold: Threshold; dueAt: number }> {
  const next = nextDecisionThreshold(c);
  if (!next) return [];
  const clock = c.approval.clock!;
  return clock.thresholds.filter((t) => !clock.fired.includes(t.id)).map((t) => ({ threshold: t, dueAt: thresholdDueAt(clock, t, c.calendar) }));
}

/**
 * Whether the decision reminders go out day and night. An emergency change is urgent like a P1/P2
 * incident: it "harus dilakukan sesegera mungkin karena mengancam dan mengganggu ketersediaan layanan
 * TIK" (KMK Lampiran II E.1.b.1) b)), it already runs on the live service, and its short
 * retrospective approval is the only check on it — a reminder parked until Monday would defeat that.
 */
export function changeRemindersUrgent(c: ChangeCase): boolean {
  return c.approval.mode === 'after';
}

function thresholdDueAt(clock: SlaClock, t: Threshold, cal: BusinessCalendar): number {
  return clock.basis === 'working' ? addWorkingMs(cal, clock.startedAt, t.atMs) : clock.startedAt + t.atMs;
}

export function fireDecisionThreshold(c: ChangeCase, t: Threshold, now: number): ChangeCase {
  const clock = markFired(c.approval.clock!, t.id);
  return { ...c, approval: { ...c.approval, clock, escalatedAt: t.kind === 'breach' ? now : c.approval.escalatedAt } };
}

/** A release referencing the change reports progress (spec §5: a fulfilled change goes to release). */
export function applyReleaseProgress(c: ChangeCase, p: { release: { caseId: string; number: string }; event: string; at: number; note?: string | undefined }): ChangeCase {
  const known = c.releases.some((r) => r.caseId === p.release.caseId);
  const link = { caseId: p.release.caseId, number: p.release.number, status: p.event, at: p.at, note: p.note ?? null };
  const releases = known ? c.releases.map((r) => (r.caseId === p.release.caseId ? link : r)) : [...c.releases, link];
  let next: ChangeCase = { ...c, releases };
  if (p.event === 'executing' && c.state === 'scheduled') next = { ...next, state: 'implementing', openedAt: p.at };
  if ((p.event === 'succeeded' || p.event === 'rolled_back') && (next.state === 'scheduled' || next.state === 'implementing')) {
    next = {
      ...next, state: 'implemented', openedAt: next.openedAt ?? p.at,
      implementation: {
        outcome: p.event === 'succeeded' ? 'succeeded' : 'failed', note: p.note ?? (p.event === 'succeeded' ? 'Rilis berhasil' : 'Rilis dibatalkan (rollback)'),
        by: `release:${p.release.number}`, at: p.at, via: 'release', release: p.release.number,
      },
    };
  }
  return next;
}

/** The retrospective decision is missing at the deadline or negative: both are findings (kemenkeu J.3: audit trail). */
export function retrospectiveStatus(c: ChangeCase): 'not_applicable' | 'pending' | 'overdue' | 'approved' | 'rejected' | 'approved_late' | 'rejected_late' {
  const a = c.approval;
  if (a.mode !== 'after') return 'not_applicable';
  const late = a.escalatedAt !== null;
  if (a.outcome === 'approved') return late ? 'approved_late' : 'approved';
  if (a.outcome === 'rejected') return late ? 'rejected_late' : 'rejected';
  return late ? 'overdue' : 'pending';
}

// ---- dpr: maintenance period after handover ----------------------------------------------------

/**
 * The end of the maintenance period after a handover: `months` calendar months later, on the same
 * local date in the tenant's time zone (clamped to the month's last day), at the same local time.
 */
export function addCalendarMonths(at: number, months: number, timezone: string): number {
  const offset = (TIMEZONE_OFFSETS_MINUTES[timezone as IndonesianTimezone] ?? 7 * 60) * 60_000;
  const local = new Date(at + offset);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const day = Math.min(local.getUTCDate(), lastDay);
  return Date.UTC(y, m, day, local.getUTCHours(), local.getUTCMinutes(), local.getUTCSeconds(), local.getUTCMilliseconds()) - offset;
}

/** Until when work on a service handed over at `handedOverAt` is maintenance rather than a change; null when not (any more). */
export function maintenancePeriodUntil(profile: Profile, handedOverAt: number | null, now: number): number | null {
  const period = profile.change?.maintenancePeriodAfterHandover;
  if (!period || handedOverAt === null) return null;
  const until = addCalendarMonths(handedOverAt, period.months, profile.timezone);
  return now < until ? until : null;
}

// ---- read model -----------------------------------------------------------------------------

export interface ChangeWaiting { action: ChangeAction; roles: string[]; users?: string[] }

export function changeWaitingFor(c: ChangeCase, profile: Profile): ChangeWaiting[] {
  const initiator = { roles: [] as string[], users: [c.input.initiator.username] };
  // A high-impact change waits for the design and transition coordination before it can be approved.
  const coordination: ChangeWaiting[] = awaitsDesignTransition(c) && c.approval.outcome === null && !isChangeClosed(c)
    ? [{ action: 'record_design_transition', roles: [designTransitionRole(profile) ?? changeAuthority(profile)] }] : [];
  return [...coordination, ...decisionWaitingFor(c, profile, initiator)];
}

function decisionWaitingFor(c: ChangeCase, profile: Profile, initiator: { roles: string[]; users: string[] }): ChangeWaiting[] {
  switch (c.state) {
    case 'awaiting_approval': return [{ action: 'decide', roles: decisionRoles(c) }];
    case 'window_conflict': return [{ action: 'reschedule', ...initiator }];
    case 'implementing': return [
      { action: 'record_implementation', roles: executorRoles(profile, c.input.category) },
      ...(c.approval.mode === 'after' && c.approval.outcome === null ? [{ action: 'decide' as const, roles: decisionRoles(c) }] : []),
    ];
    case 'implemented': return c.approval.mode === 'after' && c.approval.outcome === null
      ? [{ action: 'decide', roles: decisionRoles(c) }] : [{ action: 'review', roles: [changeAuthority(profile)] }];
    default: return [];
  }
}

export function changeSnapshot(c: ChangeCase, profile: Profile, now: number) {
  const iso = (t: number) => new Date(t).toISOString();
  const isoOr = (t: number | null) => (t === null ? null : iso(t));
  const win = (w: ChangeWindow | null) => (w ? { start: iso(w.start), end: iso(w.end) } : null);
  const clock = c.approval.clock;
  const view = clock ? clockView(clock, Math.max(now, clock.startedAt), c.calendar) : null;
  const next = nextDecisionThreshold(c);
  const breached = view?.breached ?? false;
  const waiting = changeWaitingFor(c, profile);
  const dueAt = c.state === 'scheduled' && c.window ? iso(c.window.start) : next ? iso(breachAt(c)) : null;
  return {
    state: c.state,
    priority: null as string | null,
    assignee: c.implementer,
    // The read model's shape (api/services/caseView.ts): a role party, or the initiator named as `requester`.
    waitingFor: waiting.map((w) => (w.users
      ? { action: w.action, party: { kind: 'requester' as const }, requester: w.users[0] }
      : { action: w.action, party: { kind: 'role' as const, roles: w.roles } })),
    /** Raw clocks (the API renders them live); `clock` is the view at `now`. */
    sla: clock ? [clock] as unknown[] : [],
    dueAt,
    breached,
    slaMet: clock && clock.stoppedAt !== null ? !breached : null,
    closedAt: isoOr(c.closedAt),
    data: {
      title: c.input.title, reason: c.input.reason, category: c.input.category, kind: c.input.kind,
      services: c.input.services.map((s) => s.code), serviceNames: c.input.services, configurationItems: c.input.configurationItems,
      riskAnalysis: c.input.riskAnalysis, implementationPlan: c.input.implementationPlan,
      window: win(c.window), requestedWindow: win(c.input.window),
      standardChange: c.input.standardChange, origin: c.input.origin,
      initiator: { username: c.input.initiator.username, name: c.input.initiator.name, role: c.input.initiator.role },
      submittedAt: iso(c.input.submittedAt),
      decisionClock: view,
      approval: {
        mode: c.approval.mode, approverRole: c.approval.approverRole, forum: c.approval.forum, outcome: c.approval.outcome,
        decidedAt: isoOr(c.approval.decidedAt), votes: c.approval.votes.map((v) => ({ ...v, at: iso(v.at) })),
        dueAt: clock && c.approval.mode !== 'none' ? iso(breachAt(c)) : null, escalatedAt: isoOr(c.approval.escalatedAt),
      },
      retrospective: c.approval.mode === 'after' ? { status: retrospectiveStatus(c), dueAt: clock ? iso(breachAt(c)) : null, escalatedAt: isoOr(c.approval.escalatedAt) } : null,
      conflicts: c.conflicts, conflictsCheckedAt: iso(c.conflictsCheckedAt),
      reservation: c.reservation ? { at: iso(c.reservation.at), window: win(c.reservation.window) } : null,
      reschedules: c.reschedules.map((r) => ({ ...r, at: iso(r.at), from: win(r.from), to: win(r.to) })),
      openedAt: isoOr(c.openedAt),
      implementation: c.implementation ? { ...c.implementation, at: iso(c.implementation.at) } : null,
      executorRoles: executorRoles(profile, c.input.category), reviewerRole: changeAuthority(profile),
      review: c.review ? { ...c.review, at: iso(c.review.at) } : null,
      segregation: { rule: changeSegregation(profile)?.id ?? null, exceptions: c.exceptions.map((e) => ({ ...e, at: iso(e.at) })) },
      releases: c.releases.map((r) => ({ ...r, at: iso(r.at) })),
      cancellation: c.cancellation ? { ...c.cancellation, at: iso(c.cancellation.at) } : null,
      highImpact: c.input.highImpact === true,
      designTransition: c.designTransition ? { ...c.designTransition, at: iso(c.designTransition.at) } : null,
      closedAt: isoOr(c.closedAt),
    },
  };
}
export type ChangeSnapshot = ReturnType<typeof changeSnapshot>;

/** The decision deadline (the clock's breach instant). */
export function breachAt(c: ChangeCase): number {
  const clock = c.approval.clock!;
  return thresholdDueAt(clock, { id: 'breach', kind: 'breach', atMs: clock.targetMs }, c.calendar);
}
