// Continuity plans (Formulir C), DRP approval and the yearly DRP test as pure rules; spec §6;
// serang BAB IV A.1, A.3, C.3.2 and C.3.5; yogyakarta Tabel 8; kemenkeu Lampiran II G.2.
//
// - continuityFlags: what a service's plan still lacks, driven by the profile's classification
//   levels (serang A.1 «klasifikasi Kritis wajib menentukan besaran RTO dan RPO serta wajib memiliki
//   Rencana Pemulihan Bencana (DRP)»; A.3.a «Target Ketersediaan wajib ditetapkan terhadap layanan
//   dengan klasifikasi Kritis dan Esensial»).
// - The DRP approval case (one per submitted version): awaiting_decision --decide approve--> approved
//   | --decide reject--> rejected | --withdraw (author)--> withdrawn. The approver is
//   profile.disaster.drpApproval.role with its minimum eselon (serang C.3.2 «Dokumen DRP harus mendapat
//   persetujuan dari Penyedia Layanan yaitu pejabat setingkat minimal eselon II»); the author never
//   approves their own DRP (segregation of duties, Sigap default). The decision is due within
//   profile.disaster.drpApprovalWithin: reminders at the SLA warning shares, one escalation at the
//   deadline to the head of unit; the case keeps waiting.
// - drpTestCalendar: when the yearly DRP-test Schedule opens an exercise (serang C.3.5 «DRP harus
//   diujicobakan secara berkala minimal satu kali setahun»).
import { addWorkingMs } from './calendar.ts';
import type { BusinessCalendar } from './calendarTypes.ts';
import type { CaseInputBase } from './caseInput.ts';
import type { Eselon, Profile, ServiceClassification } from './profile.ts';
import { ESELON_LEVELS } from './profileData.ts';
import type { Actor, Person } from './requestFulfilment.ts';
import { clockView, markFired, startClock, stopClock, type SlaClock, type Threshold } from './sla.ts';

// ---- Formulir C: the continuity plan of a service ------------------------------------------------

export const OPERATING_SCHEDULES = ['24x7', '24x5', 'working_calendar'] as const;
export type OperatingSchedule = (typeof OPERATING_SCHEDULES)[number];
export const DURATION_UNITS = ['minutes', 'hours', 'days'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

export const DRP_STATUSES = ['approved', 'pending', 'missing', 'rejected'] as const;
/** The DRP of a service as the registry shows it: an approved version wins; else the latest version's outcome. */
export type DrpStatus = (typeof DRP_STATUSES)[number];

export const CONTINUITY_FLAGS = ['availability_target_missing', 'rto_rpo_missing', 'drp_missing', 'drp_unapproved'] as const;
export type ContinuityFlag = (typeof CONTINUITY_FLAGS)[number];

/** What the flags look at: the service's classification, its plan (null when none) and its DRP status. */
export interface PlanFacts {
  classification: ServiceClassification;
  plan: { availabilityTargetBp: number | null; rtoMs: number | null; rpoMs: number | null } | null;
  drp: DrpStatus;
}

export function classificationLevel(profile: Profile, classification: ServiceClassification) {
  return profile.classification?.levels.find((l) => l.id === classification) ?? null;
}

/** What a service's continuity plan lacks under the profile's classification level (none where the profile has no classification). */
export function continuityFlags(profile: Profile, facts: PlanFacts): ContinuityFlag[] {
  const level = classificationLevel(profile, facts.classification);
  if (!level) return [];
  const flags: ContinuityFlag[] = [];
  if (level.requiresAvailabilityTarget.value && (facts.plan?.availabilityTargetBp ?? null) === null) flags.push('availability_target_missing');
  if (level.requiresRtoRpo.value && (facts.plan?.rtoMs == null || facts.plan.rpoMs == null)) flags.push('rto_rpo_missing');
  if (level.requiresDrp.value) {
    if (facts.drp === 'missing') flags.push('drp_missing');
    else if (facts.drp !== 'approved') flags.push('drp_unapproved');
  }
  return flags;
}

/** The registry's DRP status from a service's versions (newest first not required). */
export function drpStatusOf(versions: Array<{ version: number; status: string }>): DrpStatus {
  if (versions.some((v) => v.status === 'approved')) return 'approved';
  const latest = [...versions].filter((v) => v.status !== 'withdrawn' && v.status !== 'superseded').sort((a, b) => b.version - a.version)[0];
  if (!latest) return 'missing';
  return latest.status === 'pending' ? 'pending' : 'rejected';
}

const UNIT_MS: Record<DurationUnit, number> = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 };

/** An RTO/RPO as entered ({value, unit}) in integer milliseconds. */
export function durationMs(d: { value: number; unit: DurationUnit }): number {
  return Math.round(d.value * UNIT_MS[d.unit]);
}

/** An availability target in percent (up to two decimals) as basis points (99.5 % → 9950); null when out of range. */
export function percentToBp(percent: number): number | null {
  const bp = Math.round(percent * 100);
  if (!Number.isFinite(percent) || percent < 0 || percent > 100 || Math.abs(bp - percent * 100) > 1e-6) return null;
  return bp;
}

export type PlanRefusal =
  | { code: 'rto_rpo_required'; classification: ServiceClassification }
  | { code: 'rto_must_be_positive' }
  | { code: 'rpo_must_not_be_negative' }
  | { code: 'availability_target_invalid' };

/** A plan as a person submits it: refused when the level requires RTO and RPO and one is missing, or a value is out of range. */
export function planRefusal(profile: Profile, classification: ServiceClassification, plan: { availabilityTarget: number; rtoMs: number | null; rpoMs: number | null }): PlanRefusal | null {
  if (percentToBp(plan.availabilityTarget) === null) return { code: 'availability_target_invalid' };
  if (plan.rtoMs !== null && plan.rtoMs <= 0) return { code: 'rto_must_be_positive' };
  if (plan.rpoMs !== null && plan.rpoMs < 0) return { code: 'rpo_must_not_be_negative' };
  const level = classificationLevel(profile, classification);
  if (level?.requiresRtoRpo.value && (plan.rtoMs === null || plan.rpoMs === null)) return { code: 'rto_rpo_required', classification };
  return null;
}

/** Whether a service gets the yearly DRP test: its level requires a DRP (serang: Kritis) and it has a plan. */
export function needsDrpTest(profile: Profile, classification: ServiceClassification, hasPlan: boolean): boolean {
  return Boolean(profile.disaster && hasPlan && classificationLevel(profile, classification)?.requiresDrp.value);
}

// ---- eselon -------------------------------------------------------------------------------------

/** A person's eselon: the highest (I > II > III > IV) among their roles in the profile; null when none has one. */
export function eselonOf(profile: Profile, roles: readonly string[]): Eselon | null {
  const levels = roles.flatMap((r) => {
    const role = profile.roles.find((x) => x.id === r);
    return role?.eselon ? [role.eselon, ...(role.eselonAlternatives ?? [])] : [];
  });
  const rank = (e: Eselon) => ESELON_LEVELS.indexOf(e);
  return levels.sort((a, b) => rank(a) - rank(b))[0] ?? null;
}

/** Whether `actual` is at least `required` (eselon I is the highest). */
export function meetsEselon(actual: Eselon | null, required: Eselon | null): boolean {
  if (required === null) return true;
  return actual !== null && ESELON_LEVELS.indexOf(actual) <= ESELON_LEVELS.indexOf(required);
}

// ---- the DRP approval case -----------------------------------------------------------------------

export const DRP_STATES = ['awaiting_decision', 'approved', 'rejected', 'withdrawn'] as const;
export type DrpState = (typeof DRP_STATES)[number];

export interface DrpInput extends CaseInputBase {
  /** The drp_document row this case decides. */
  drpId: string;
  service: { code: string; name: string; classification: ServiceClassification };
  version: number;
  title: string;
  recoveryActivities: string;
  normalisationActivities: string;
  documentId: string | null;
  author: Person & { role: string };
  submittedAt: number;
  /** The approved version this one would supersede, when there is one. */
  supersedes: { id: string; version: number } | null;
  calendar: BusinessCalendar;
}

export type DrpCommand =
  | { action: 'decide'; decision: 'approve' | 'reject'; note?: string | undefined }
  | { action: 'withdraw'; reason: string };
export type DrpAction = DrpCommand['action'];
export const DRP_ACTIONS: readonly DrpAction[] = ['decide', 'withdraw'];

export interface DrpCase {
  input: DrpInput;
  state: DrpState;
  decision: { outcome: 'approved' | 'rejected'; by: string; name: string; role: string; note: string | null; at: number } | null;
  withdrawal: { by: string; reason: string; at: number } | null;
  clock: SlaClock;
  escalatedAt: number | null;
  calendar: BusinessCalendar;
  closedAt: number | null;
  seq: number;
}

export type DrpRefusal =
  | { code: 'not_waiting_for_action'; state: DrpState }
  | { code: 'case_closed'; state: DrpState }
  | { code: 'missing_role'; roles: string[] }
  | { code: 'eselon_too_low'; required: Eselon; actual: Eselon | null }
  | { code: 'segregation_of_duties' }
  | { code: 'not_drp_author' };

/** Who approves a DRP and from which eselon (serang C.3.2: Penyedia Layanan, eselon II). */
export function drpApprover(profile: Profile): { role: string; minEselon: Eselon | null } {
  const rule = profile.disaster?.drpApproval;
  return rule ? { role: rule.role, minEselon: rule.minEselon } : { role: profile.requestFulfilment.defaultApproverRole, minEselon: null };
}

/**
 * Who writes and submits a DRP: the technical team and the role that runs the DRP (serang C.3.4
 * Koordinator Pemulihan), where the profile has them.
 */
export function drpAuthorRoles(profile: Profile): string[] {
  const roles = ['technical_team', profile.disaster?.drpRunBy.role ?? 'technical_team'];
  return [...new Set(roles.filter((r) => profile.roles.some((x) => x.id === r)))];
}

/**
 * Who receives the escalation of an overdue DRP decision: the head of unit (above the eselon II
 * approver; Sigap default — the regulations set no deadline), else the service coordinator, else the
 * request escalation role.
 */
export function drpEscalationRole(profile: Profile): string {
  if (profile.roles.some((r) => r.id === 'head_of_unit')) return 'head_of_unit';
  if (profile.roles.some((r) => r.id === 'service_coordinator')) return 'service_coordinator';
  return profile.requestFulfilment.escalationRole;
}

/** The decision clock: profile.disaster.drpApprovalWithin from the submission, warnings at the SLA shares. */
export function newDrpCase(input: DrpInput, profile: Profile): DrpCase {
  const within = profile.disaster?.drpApprovalWithin;
  if (!within) throw new RangeError(`profile ${profile.id} has no disaster section`);
  const clock = startClock({ id: 'drp_decision', targetMs: within.ms, basis: within.basis, warningPermille: profile.sla.warningPermille.value }, input.submittedAt);
  return { input, state: 'awaiting_decision', decision: null, withdrawal: null, clock, escalatedAt: null, calendar: input.calendar, closedAt: null, seq: 0 };
}

export function isDrpClosed(c: DrpCase): boolean {
  return c.state !== 'awaiting_decision';
}

export function drpRefusal(c: DrpCase, cmd: DrpCommand, actor: Actor, profile: Profile): DrpRefusal | null {
  if (isDrpClosed(c)) return { code: 'case_closed', state: c.state };
  switch (cmd.action) {
    case 'decide': {
      const approver = drpApprover(profile);
      if (!actor.roles.includes(approver.role)) return { code: 'missing_role', roles: [approver.role] };
      const actual = eselonOf(profile, actor.roles);
      if (approver.minEselon && !meetsEselon(actual, approver.minEselon)) return { code: 'eselon_too_low', required: approver.minEselon, actual };
      if (actor.username === c.input.author.username) return { code: 'segregation_of_duties' };
      return null;
    }
    case 'withdraw':
      return actor.username === c.input.author.username ? null : { code: 'not_drp_author' };
  }
}

/** The role `actor` acts in on a DRP: the author's role to withdraw, else the approver role when held. */
export function drpActingRole(c: DrpCase, cmd: DrpCommand, actor: Actor, profile: Profile): string | null {
  if (cmd.action === 'withdraw') return c.input.author.role;
  const approverRole = profile.disaster?.drpApproval.role;
  return actor.roles.find((r) => r === approverRole) ?? actor.roles[0] ?? null;
}

export function applyDrpCommand(c: DrpCase, cmd: DrpCommand, actor: Actor, profile: Profile, now: number): DrpCase {
  const clock = stopClock(c.clock, now, c.calendar);
  switch (cmd.action) {
    case 'decide': {
      const outcome = cmd.decision === 'approve' ? 'approved' as const : 'rejected' as const;
      const role = drpApprover(profile).role;
      return { ...c, state: outcome, clock, closedAt: now, decision: { outcome, by: actor.username, name: actor.name, role, note: cmd.note ?? null, at: now } };
    }
    case 'withdraw':
      return { ...c, state: 'withdrawn', clock, closedAt: now, withdrawal: { by: actor.username, reason: cmd.reason, at: now } };
  }
}

function thresholdDueAt(clock: SlaClock, t: Threshold, cal: BusinessCalendar): number {
  return clock.basis === 'working' ? addWorkingMs(cal, clock.startedAt, t.atMs) : clock.startedAt + t.atMs;
}

/** The decision deadline. */
export function drpDecisionDueAt(c: DrpCase): number {
  return thresholdDueAt(c.clock, { id: 'breach', kind: 'breach', atMs: c.clock.targetMs }, c.calendar);
}

/** The next reminder or the deadline while no decision is in. */
export function nextDrpThreshold(c: DrpCase): { threshold: Threshold; dueAt: number } | null {
  if (isDrpClosed(c)) return null;
  const first = c.clock.thresholds.find((t) => !c.clock.fired.includes(t.id));
  return first ? { threshold: first, dueAt: thresholdDueAt(c.clock, first, c.calendar) } : null;
}

/** Every pending threshold of the DRP decision clock with its due instant (issue 8 reminder timing). */
export function pendingDrpThresholds(c: DrpCase): Array<{ threshold: Threshold; dueAt: number }> {
  if (isDrpClosed(c)) return [];
  return c.clock.thresholds.filter((t) => !c.clock.fired.includes(t.id)).map((t) => ({ threshold: t, dueAt: thresholdDueAt(c.clock, t, c.calendar) }));
}

export function fireDrpThreshold(c: DrpCase, t: Threshold, now: number): DrpCase {
  return { ...c, clock: markFired(c.clock, t.id), escalatedAt: t.kind === 'breach' ? now : c.escalatedAt };
}

export function withDrpCalendar(c: DrpCase, calendar: BusinessCalendar): DrpCase {
  return { ...c, calendar };
}

export function drpSnapshot(c: DrpCase, profile: Profile, now: number) {
  const iso = (t: number) => new Date(t).toISOString();
  const isoOr = (t: number | null) => (t === null ? null : iso(t));
  const view = clockView(c.clock, Math.max(now, c.clock.startedAt), c.calendar);
  const approver = drpApprover(profile);
  const open = !isDrpClosed(c);
  return {
    state: c.state as string,
    priority: null as string | null,
    assignee: null as string | null,
    waitingFor: open ? [
      { action: 'decide', party: { kind: 'role' as const, roles: [approver.role] } },
      { action: 'withdraw', party: { kind: 'requester' as const }, requester: c.input.author.username },
    ] : [],
    sla: [c.clock] as unknown[],
    dueAt: open ? iso(drpDecisionDueAt(c)) : null,
    breached: view.breached,
    slaMet: c.clock.stoppedAt !== null ? !view.breached : null,
    closedAt: isoOr(c.closedAt),
    data: {
      drpId: c.input.drpId, service: c.input.service, version: c.input.version, title: c.input.title,
      recoveryActivities: c.input.recoveryActivities, normalisationActivities: c.input.normalisationActivities, documentId: c.input.documentId,
      author: c.input.author, submittedAt: iso(c.input.submittedAt), supersedes: c.input.supersedes,
      approver: { role: approver.role, minEselon: approver.minEselon },
      decisionClock: view, dueAt: iso(drpDecisionDueAt(c)), escalatedAt: isoOr(c.escalatedAt), escalationRole: drpEscalationRole(profile),
      decision: c.decision ? { ...c.decision, at: iso(c.decision.at) } : null,
      withdrawal: c.withdrawal ? { ...c.withdrawal, at: iso(c.withdrawal.at) } : null,
      closedAt: isoOr(c.closedAt),
    },
  };
}
export type DrpSnapshot = ReturnType<typeof drpSnapshot>;

// ---- the yearly DRP test ---------------------------------------------------------------------------

/** Divisors of 12: a month step that repeats every year on the same months. */
const YEAR_STEPS = [1, 2, 3, 4, 6, 12] as const;

/**
 * The first month a DRP-test Schedule fires in (Sigap default: February — after the year's
 * planning in January and its holidays, leaving the rest of the year to run and evaluate the
 * exercise); the case opens on the 1st at 08:00 local time so the recovery coordinator plans the
 * exercise within working hours.
 */
export const DRP_TEST_FIRST_MONTH = 2;

/**
 * When the DRP-test Schedule opens an exercise: months of each year, day 1, 08:00 in the profile's
 * time zone. `atLeast` times per `perMonths` months → the largest step dividing 12 that is no longer
 * than perMonths / atLeast, so every span of `perMonths` months holds at least `atLeast` runs.
 */
export function drpTestCalendar(profile: Profile): { months: number[]; dayOfMonth: number; hour: number; minute: number; timezone: string } | null {
  const f = profile.disaster?.drpTest;
  if (!f) return null;
  const wanted = Math.max(1, Math.floor(f.perMonths / f.atLeast));
  const step = [...YEAR_STEPS].reverse().find((s) => s <= wanted) ?? 1;
  const months: number[] = [];
  for (let m = 0; m < 12; m += step) months.push(((DRP_TEST_FIRST_MONTH - 1 + m) % 12) + 1);
  return { months: months.sort((a, b) => a - b), dayOfMonth: 1, hour: 8, minute: 0, timezone: profile.timezone };
}
