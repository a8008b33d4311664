// Incident handling (Penanganan Gangguan) as a pure state machine, spec §2; serang BAB IV B.3,
// yogyakarta Tabel 5, kemenkeu F.1, dpr Pasal 19–21.
//   reported --respond (service desk; stops the response clock)--> handling_desk
//   handling_desk --escalate--> handling_technical (--estimate: exceeding it climbs the ladder)
//   handling_* --resolve--> awaiting_confirmation --confirm--> closed   (reopen: back to handling)
// Priority comes from the profile's matrix and may be re-assessed with a reason; the clocks follow.
import type { BusinessCalendar } from './calendarTypes.ts';
import type { CaseInputBase } from './caseInput.ts';
import { priorityFor } from './priority.ts';
import { isWorkingInstant, nextWorkingDayStart, workingMsBetween } from './calendar.ts';
import type { Impact, LadderStep, Profile, ServiceClassification, ServiceType } from './profile.ts';
import { clockView, markFired, pauseClock, resumeClock, startClock, stopClock, type ClockView, type SlaClock, type Threshold } from './sla.ts';
import type { Actor, Person } from './requestFulfilment.ts';
import { isUrgentPriority } from './reminderHours.ts';

export const INCIDENT_STATES = ['reported', 'handling_desk', 'handling_technical', 'awaiting_confirmation', 'closed'] as const;
export type IncidentState = (typeof INCIDENT_STATES)[number];

export interface AffectedService { code: string; name: string; serviceType: ServiceType; classification: ServiceClassification }

/** Formulir E as reported, plus the service as it was classified when the incident started. */
export interface IncidentInput extends CaseInputBase {
  reporter: Person;
  channel: 'phone' | 'letter' | 'email' | 'portal' | 'monitoring';
  category: string;
  symptoms: string;
  impact: Impact;
  service: AffectedService;
  configurationItems: string[];
  confirmationChannel: 'phone' | 'email' | 'portal';
  security: boolean;
  reportedAt: number;
  calendar: BusinessCalendar;
  /** The case this incident came from (a request the service desk reclassified, an alert). */
  origin: { type: string; id: string } | null;
  /** A complaint in the maintenance and implementation-support period (yogyakarta Tabel 10–13). */
  maintenance?: { urgency: number; onSite: boolean } | null | undefined;
}

export interface IncidentCase {
  input: IncidentInput;
  state: IncidentState;
  impact: Impact;
  priority: string | null;
  /** Ladder level currently leading (1 = service desk). */
  level: number;
  handler: Person | null;
  estimate: { setAt: number; ms: number; by: string; exceeded: boolean } | null;
  activities: Array<{ at: number; by: string; note: string }>;
  resolution: { at: number; by: string; text: string; cause: string | null } | null;
  confirmation: { at: number; satisfaction: number; suggestion: string | null } | null;
  reopenCount: number;
  reassessments: Array<{ at: number; by: string; from: string | null; to: string | null; reason: string }>;
  proposals: Array<{ at: number; by: string; kind: 'recovery' | 'problem'; note: string }>;
  securityInvolved: boolean;
  calendar: BusinessCalendar;
  clocks: { response: SlaClock | null; resolution: SlaClock | null };
  seq: number;
  /** Monitoring alerts of this incident that have cleared (absent on cases started before alert intake). */
  alertResolutions?: AlertResolution[];
}

/** A monitoring alert that cleared (Alertmanager `resolved`, or the generic intake's `status: resolved`). */
export interface AlertResolution { source: string; fingerprint: string; alertName: string; startsAt: string | null; endsAt: string }

export type IncidentCommand =
  | { action: 'respond'; note: string }
  | { action: 'escalate'; note: string }
  | { action: 'estimate'; hours: number; note?: string | undefined }
  | { action: 'progress'; note: string }
  | { action: 'reassess'; impact: Impact; reason: string }
  | { action: 'propose'; kind: 'recovery' | 'problem'; note: string }
  | { action: 'involve_security'; note: string }
  | { action: 'resolve'; resolution: string; cause?: string | undefined }
  | { action: 'confirm'; satisfaction: number; suggestion?: string | undefined }
  | { action: 'reopen'; reason: string };
export type IncidentAction = IncidentCommand['action'];
export const INCIDENT_ACTIONS: readonly IncidentAction[] = ['respond', 'escalate', 'estimate', 'progress', 'reassess', 'propose', 'involve_security', 'resolve', 'confirm', 'reopen'];

const OPEN: readonly IncidentState[] = ['reported', 'handling_desk', 'handling_technical'];
const HANDLING: readonly IncidentState[] = ['handling_desk', 'handling_technical'];

export type IncidentRefusal =
  | { code: 'not_waiting_for_action'; state: IncidentState }
  | { code: 'case_closed'; state: IncidentState }
  | { code: 'missing_role'; roles: string[] }
  | { code: 'not_your_case' }
  | { code: 'rating_out_of_range'; min: number; max: number }
  | { code: 'no_security_team' };

interface Rule { states: readonly IncidentState[]; who: (p: Profile) => { roles: string[]; reporter?: boolean } }

const desk = (p: Profile) => p.requestFulfilment.serviceDeskRole;
const technical = (p: Profile) => ladderRole(p, 2) ?? 'technical_team';
const security = (p: Profile) => p.incident?.securityIncidents?.role;

const RULES: Record<IncidentAction, Rule> = {
  // B.3.1: the service desk is the first point of contact; its first response stops the response clock.
  respond: { states: ['reported'], who: (p) => ({ roles: [desk(p)] }) },
  // B.3.1: the service desk escalates by ticket to the technical team.
  escalate: { states: ['handling_desk'], who: (p) => ({ roles: [desk(p)] }) },
  // B.3.2: the technical team sets the priority and communicates an estimate.
  estimate: { states: ['handling_technical'], who: (p) => ({ roles: [technical(p)] }) },
  progress: { states: HANDLING, who: (p) => ({ roles: [desk(p), technical(p), ...opt(security(p))] }) },
  reassess: { states: OPEN, who: (p) => ({ roles: [desk(p), technical(p)] }) },
  // B.3.3: when the estimate is exceeded the options include service recovery; unresolved incidents go to review.
  propose: { states: HANDLING, who: (p) => ({ roles: [technical(p)] }) },
  // dpr Pasal 21: security incidents are handled with the CSIRT.
  involve_security: { states: OPEN, who: (p) => ({ roles: [desk(p), technical(p)] }) },
  resolve: { states: HANDLING, who: (p) => ({ roles: [desk(p), technical(p), ...opt(security(p))] }) },
  // B.3.4: the confirmed solution closes the ticket; the reporter confirms (resolution clock stops).
  confirm: { states: ['awaiting_confirmation'], who: () => ({ roles: [], reporter: true }) },
  reopen: { states: ['awaiting_confirmation'], who: () => ({ roles: [], reporter: true }) },
};

function opt(v: string | undefined): string[] {
  return v ? [v] : [];
}

function ladderRole(p: Profile, level: number): string | undefined {
  return p.incident?.escalation.find((s) => s.level === level)?.leadRole;
}

export function isClosed(c: IncidentCase): boolean {
  return c.state === 'closed';
}

/** Reported by an integration (an API key, e.g. the monitoring), not by a person. */
export function reportedByIntegration(c: IncidentCase): boolean {
  return c.input.reporter.username.startsWith('apikey:');
}

/** Whether this alert's clearing is already on the case (a retried webhook records nothing twice). */
export function alertResolutionKnown(c: IncidentCase, a: AlertResolution): boolean {
  return (c.alertResolutions ?? []).some((r) => r.source === a.source && r.fingerprint === a.fingerprint && r.startsAt === a.startsAt);
}

/**
 * The monitoring reports the alert cleared: an activity on Formulir E. The incident stays open —
 * only the confirmation closes it (serang B.3.4).
 */
export function recordAlertResolved(c: IncidentCase, a: AlertResolution, actor: Actor, now: number): IncidentCase {
  const note = `Peringatan pemantauan pulih: ${a.alertName} (${a.source}, ${a.endsAt}) / Monitoring alert resolved`;
  return { ...c, alertResolutions: [...(c.alertResolutions ?? []), a], activities: [...c.activities, { at: now, by: actor.username, note }] };
}

/** The escalation-ladder steps that ride on a resolution clock of this target. */
function ladderOffsets(steps: readonly LadderStep[], targetMs: number) {
  return steps.flatMap((s) => {
    if (s.trigger.kind === 'share_of_target') return [{ id: `ladder-${s.level}`, atMs: Math.floor((targetMs * s.trigger.permille) / 1000) }];
    if (s.trigger.kind === 'after') return [{ id: `ladder-${s.level}`, atMs: s.trigger.duration.ms }];
    return [];
  });
}

/**
 * Maintenance-period complaints (yogyakarta Tabel 11–13): respond within 3 working hours when
 * reported in working hours, else by the end of the next working day, or within 2×24 h with
 * on-site assistance for urgency 1; resolve within the urgency's target; the Tabel 13 ladder.
 */
function maintenanceClocks(profile: Profile, m: { urgency: number; onSite: boolean }, cal: BusinessCalendar, now: number): IncidentCase['clocks'] {
  const support = profile.maintenanceSupport;
  if (!support) return { response: null, resolution: null };
  const onSite = m.onSite && support.response.onSite?.urgencyLevels.includes(m.urgency) ? support.response.onSite.target : null;
  let response: SlaClock;
  if (onSite) {
    response = startClock({ id: 'response', targetMs: onSite.ms, basis: onSite.basis, warningPermille: [] }, now);
  } else if (isWorkingInstant(cal, now)) {
    const d = support.response.inWorkingHours;
    response = startClock({ id: 'response', targetMs: d.ms, basis: d.basis, warningPermille: [] }, now);
  } else {
    // Outside working hours: the whole next working day (counted in working time from the report).
    const start = nextWorkingDayStart(cal, now);
    response = startClock({ id: 'response', targetMs: workingMsBetween(cal, start, start + 86_400_000 - 1), basis: 'working', warningPermille: [] }, now);
  }
  const target = support.resolution.find((r) => r.urgency === m.urgency)?.target;
  const resolution = target
    ? startClock({ id: 'resolution', targetMs: target.ms, basis: target.basis, warningPermille: profile.sla.warningPermille.value, escalations: ladderOffsets(support.escalation, target.ms) }, now)
    : null;
  return { response, resolution };
}

/** The ladder that applies: the maintenance ladder for maintenance complaints, else the incident ladder. */
export function ladderOf(profile: Profile, input: Pick<IncidentInput, 'maintenance'>): readonly LadderStep[] {
  return (input.maintenance ? profile.maintenanceSupport?.escalation : profile.incident?.escalation) ?? [];
}

/** The response and resolution clocks for a priority; escalation-ladder steps ride on the resolution clock. */
function clocksFor(profile: Profile, priority: string | null, now: number, input?: IncidentInput): IncidentCase['clocks'] {
  if (input?.maintenance) return maintenanceClocks(profile, input.maintenance, input.calendar, now);
  const p = profile.incident?.priorities.find((x) => x.id === priority);
  if (!p) return { response: null, resolution: null };
  const warningPermille = profile.sla.warningPermille.value;
  const response = startClock({ id: 'response', targetMs: p.response.ms, basis: p.response.basis, warningPermille: [] }, now);
  const resolution = p.resolution
    ? startClock({
      id: 'resolution', targetMs: p.resolution.ms, basis: p.resolution.basis, warningPermille,
      escalations: ladderOffsets(profile.incident?.escalation ?? [], p.resolution.ms),
    }, now)
    : null;
  return { response, resolution };
}

export function priorityOf(profile: Profile, impact: Impact, service: AffectedService): string | null {
  return priorityFor(profile, { impact, serviceType: service.serviceType, classification: service.classification })?.priority ?? null;
}

export function newIncidentCase(input: IncidentInput, profile: Profile): IncidentCase {
  // A maintenance complaint is ranked by its urgency level (Tabel 10), not by the priority matrix.
  const priority = input.maintenance ? `U${input.maintenance.urgency}` : priorityOf(profile, input.impact, input.service);
  return {
    input, state: 'reported', impact: input.impact, priority, level: 1, handler: null, estimate: null, activities: [],
    resolution: null, confirmation: null, reopenCount: 0, reassessments: [], proposals: [], securityInvolved: input.security,
    calendar: input.calendar, clocks: clocksFor(profile, priority, input.reportedAt, input), seq: 0,
  };
}

export function incidentRefusal(c: IncidentCase, cmd: IncidentCommand, actor: Actor, profile: Profile): IncidentRefusal | null {
  if (isClosed(c)) return { code: 'case_closed', state: c.state };
  const rule = RULES[cmd.action];
  if (!rule.states.includes(c.state)) return { code: 'not_waiting_for_action', state: c.state };
  const who = rule.who(profile);
  if (who.reporter) {
    // An incident reported by an integration has no person to confirm it: the service desk confirms
    // with the monitoring that the service is back (or reopens).
    const forIntegration = reportedByIntegration(c) && actor.roles.includes(desk(profile));
    if (actor.username !== c.input.reporter.username && !forIntegration) return { code: 'not_your_case' };
  } else if (!who.roles.some((r) => actor.roles.includes(r))) {
    return { code: 'missing_role', roles: who.roles };
  }
  if (cmd.action === 'confirm') {
    const { min, max } = profile.requestFulfilment.satisfactionScale;
    if (!Number.isInteger(cmd.satisfaction) || cmd.satisfaction < min || cmd.satisfaction > max) return { code: 'rating_out_of_range', min, max };
  }
  if (cmd.action === 'involve_security' && !security(profile)) return { code: 'no_security_team' };
  if (cmd.action === 'reassess' && c.input.maintenance) return { code: 'not_waiting_for_action', state: c.state };
  return null;
}

/** The role `actor` acts in: the reporter confirming or reopening, otherwise their first staff role. */
export function incidentActingRole(c: IncidentCase, cmd: IncidentCommand, actor: Actor): string | null {
  if (c.input.reporter.username === actor.username && (cmd.action === 'confirm' || cmd.action === 'reopen')) return 'reporter';
  return actor.roles.find((r) => r !== 'requester') ?? null;
}

/** Applies an allowed command (check `incidentRefusal` first). */
export function applyIncidentCommand(c: IncidentCase, cmd: IncidentCommand, actor: Actor, profile: Profile, now: number): IncidentCase {
  const cal = c.calendar;
  const me = { username: actor.username, name: actor.name };
  switch (cmd.action) {
    case 'respond':
      return {
        ...c, state: 'handling_desk', handler: me, activities: [...c.activities, { at: now, by: actor.username, note: cmd.note }],
        clocks: { ...c.clocks, response: c.clocks.response ? stopClock(c.clocks.response, now, cal) : null },
      };
    case 'escalate':
      return { ...c, state: 'handling_technical', level: Math.max(c.level, 2), activities: [...c.activities, { at: now, by: actor.username, note: cmd.note }] };
    case 'estimate':
      return { ...c, handler: me, estimate: { setAt: now, ms: Math.round(cmd.hours * 3_600_000), by: actor.username, exceeded: false },
        activities: cmd.note ? [...c.activities, { at: now, by: actor.username, note: cmd.note }] : c.activities };
    case 'progress':
      return { ...c, activities: [...c.activities, { at: now, by: actor.username, note: cmd.note }] };
    case 'reassess': {
      if (c.input.maintenance) return c; // refused before: maintenance complaints are ranked by urgency
      const priority = priorityOf(profile, cmd.impact, c.input.service);
      return {
        ...c, impact: cmd.impact, priority,
        reassessments: [...c.reassessments, { at: now, by: actor.username, from: c.priority, to: priority, reason: cmd.reason }],
        clocks: retarget(c.clocks, clocksFor(profile, priority, c.input.reportedAt)),
      };
    }
    case 'propose':
      return { ...c, proposals: [...c.proposals, { at: now, by: actor.username, kind: cmd.kind, note: cmd.note }] };
    case 'involve_security':
      return { ...c, securityInvolved: true, activities: [...c.activities, { at: now, by: actor.username, note: cmd.note }] };
    case 'resolve':
      return { ...c, state: 'awaiting_confirmation', resolution: { at: now, by: actor.username, text: cmd.resolution, cause: cmd.cause ?? null } };
    case 'confirm':
      return {
        ...c, state: 'closed', confirmation: { at: now, satisfaction: cmd.satisfaction, suggestion: cmd.suggestion ?? null },
        clocks: { response: c.clocks.response ? stopClock(c.clocks.response, now, cal) : null, resolution: c.clocks.resolution ? stopClock(c.clocks.resolution, now, cal) : null },
      };
    case 'reopen': {
      // The history stays; handling resumes at the level that resolved it, and the clock keeps running.
      const back: IncidentState = c.level >= 2 ? 'handling_technical' : 'handling_desk';
      return { ...c, state: back, resolution: null, reopenCount: c.reopenCount + 1, activities: [...c.activities, { at: now, by: actor.username, note: cmd.reason }] };
    }
  }
}

/**
 * New targets after a priority change: counted time and fired thresholds are kept; a stopped
 * response clock stays stopped. Thresholds already passed under the new target fire at once.
 */
function retarget(old: IncidentCase['clocks'], fresh: IncidentCase['clocks']): IncidentCase['clocks'] {
  const keep = (o: SlaClock | null, f: SlaClock | null): SlaClock | null => {
    if (!f) return null;
    if (!o) return f;
    return { ...f, startedAt: o.startedAt, accumulatedMs: o.accumulatedMs, runningSince: o.runningSince, pausedAt: o.pausedAt, stoppedAt: o.stoppedAt,
      fired: o.fired.filter((id) => f.thresholds.some((t) => t.id === id)) };
  };
  return { response: keep(old.response, fresh.response), resolution: keep(old.resolution, fresh.resolution) };
}

/**
 * Whether the incident's reminders go out day and night: P1/P2 (issue 8 «unless the case is P1/P2»;
 * the top priorities of the matrix, serang Tabel 4.4 / yogyakarta Tabel 2, answered within 15–30 min).
 * Breaches and the escalation ladder never wait, whatever the priority (policy/reminderHours.ts).
 */
export function incidentRemindersUrgent(c: IncidentCase): boolean {
  return isUrgentPriority(c.priority);
}

export function fireIncidentThreshold(c: IncidentCase, clock: 'response' | 'resolution', t: Threshold): IncidentCase {
  const current = c.clocks[clock];
  if (!current) return c;
  const level = t.kind === 'escalation' ? Math.max(c.level, Number(t.id.replace('ladder-', ''))) : c.level;
  return { ...c, level, clocks: { ...c.clocks, [clock]: markFired(current, t.id) } };
}

/** The estimate given by the technical team has run out (serang B.3.3). */
export function estimateExceeded(c: IncidentCase, profile: Profile): IncidentCase {
  if (!c.estimate || c.estimate.exceeded) return c;
  const step = ladderOf(profile, c.input).find((s) => s.trigger.kind === 'estimate_exceeded');
  return { ...c, estimate: { ...c.estimate, exceeded: true }, level: step ? Math.max(c.level, step.level) : c.level };
}

export function withIncidentCalendar(c: IncidentCase, calendar: BusinessCalendar, now: number): IncidentCase {
  if (calendar.version <= c.calendar.version) return c;
  // Time already counted stays counted; the running stretch restarts under the new calendar.
  const cut = (k: SlaClock | null) => (k && k.runningSince !== null && k.stoppedAt === null ? resumeClock(pauseClock(k, now, c.calendar), now) : k);
  return { ...c, calendar, clocks: { response: cut(c.clocks.response), resolution: cut(c.clocks.resolution) } };
}

export interface IncidentWaiting { action: IncidentAction; roles: string[]; reporter?: string | undefined }

export function incidentWaitingFor(c: IncidentCase, profile: Profile): IncidentWaiting[] {
  const primary: Record<IncidentState, IncidentAction[]> = {
    reported: ['respond'], handling_desk: ['resolve', 'escalate'], handling_technical: c.estimate ? ['resolve'] : ['estimate', 'resolve'],
    awaiting_confirmation: ['confirm', 'reopen'], closed: [],
  };
  return primary[c.state].map((action) => {
    const who = RULES[action].who(profile);
    if (who.reporter && reportedByIntegration(c)) return { action, roles: [desk(profile)] };
    return who.reporter ? { action, roles: [], reporter: c.input.reporter.username } : { action, roles: who.roles };
  });
}

/** Read-model projection, with the Formulir E fields. */
export function incidentSnapshot(c: IncidentCase, profile: Profile, now: number) {
  const iso = (t: number) => new Date(t).toISOString();
  const views: ClockView[] = [c.clocks.response, c.clocks.resolution].filter((k): k is SlaClock => k !== null).map((k) => clockView(k, now, c.calendar));
  const resolutionView = views.find((v) => v.id === 'resolution');
  return {
    state: c.state,
    priority: c.priority,
    assignee: c.handler?.username ?? null,
    waitingFor: incidentWaitingFor(c, profile).map((w) => ({
      action: w.action,
      party: w.reporter ? { kind: 'requester' as const } : { kind: 'role' as const, roles: w.roles },
      requester: w.reporter,
    })),
    sla: [c.clocks.response, c.clocks.resolution].filter((k): k is SlaClock => k !== null),
    dueAt: resolutionView?.dueAt ?? views[0]?.dueAt ?? null,
    breached: views.some((v) => v.breached),
    slaMet: c.state === 'closed' ? views.every((v) => v.met !== false) : null,
    closedAt: c.confirmation ? iso(c.confirmation.at) : null,
    formE: {
      reportedAt: iso(c.input.reportedAt), reporter: c.input.reporter, channel: c.input.channel, category: c.input.category,
      impact: c.impact, priority: c.priority, urgency: c.input.maintenance?.urgency ?? c.priority, maintenance: c.input.maintenance ?? null, confirmationChannel: c.input.confirmationChannel,
      symptoms: c.input.symptoms, status: c.state, configurationItems: c.input.configurationItems, service: c.input.service,
      technicalHandler: c.level >= 2 ? c.handler : null, level: c.level, estimate: c.estimate ? { ...c.estimate, setAt: iso(c.estimate.setAt) } : null,
      activities: c.activities.map((a) => ({ ...a, at: iso(a.at) })),
      cause: c.resolution?.cause ?? null, resolution: c.resolution ? { ...c.resolution, at: iso(c.resolution.at) } : null,
      confirmedAt: c.confirmation ? iso(c.confirmation.at) : null, satisfaction: c.confirmation?.satisfaction ?? null,
      suggestion: c.confirmation?.suggestion ?? null, closedAt: c.confirmation ? iso(c.confirmation.at) : null,
      reopenCount: c.reopenCount, reassessments: c.reassessments.map((r) => ({ ...r, at: iso(r.at) })),
      proposals: c.proposals.map((p) => ({ ...p, at: iso(p.at) })), security: c.securityInvolved, origin: c.input.origin,
    },
  };
}

export type IncidentSnapshot = ReturnType<typeof incidentSnapshot>;
