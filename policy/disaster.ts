// Disaster recovery (Pemulihan Bencana) as pure rules: serang BAB IV C.3 (Tabel 4.3 scenarios, Tabel
// 4.4 «Mekanisme Penilaian dan Deklarasi Bencana»), yogyakarta Tabel 8, kemenkeu Lampiran II G.2.
//
//   assessing --record_assessment (each assessment/analysis step) / choose_scenario--> assessing
//   assessing --declare disaster--> declared --activate_drc--> recovering --confirm_recovery (each service)
//             --normalise--> normalised --evaluate (Formulir G)--> closed
//   assessing --declare not_disaster--> not_declared;  --hand_to_incident (scenario response 'incident')--> handed_to_incident
//   assessing --cancel--> cancelled
//
// RTO and RPO count from the declaration (serang C.3.6 «dihitung sejak bencana dideklarasikan») or from
// the disaster itself (yogyakarta 2.1.2.4, kemenkeu G.2.a). Each affected service with an RTO gets a
// calendar-time clock (a disaster runs day and night); a service recovered at or before base + RTO met
// it. The RPO is met when the data-loss window (base − last good backup) is at most the RPO. An
// exercise (a DRP test, serang C.3.5) runs the same steps and roles and is never counted as downtime.
import { addWorkingMs } from './calendar.ts';
import type { BusinessCalendar } from './calendarTypes.ts';
import type { CaseInputBase } from './caseInput.ts';
import type { Eselon, LocalText, Profile, ServiceClassification } from './profile.ts';
import { ESELON_LEVELS } from './profileData.ts';
import type { Actor, Person } from './requestFulfilment.ts';
import { clockView, markFired, startClock, stopClock, type SlaClock, type Threshold } from './sla.ts';

/** An affected service as the disaster starts: its Formulir C targets and its approved DRP. */
export interface DisasterServiceRef {
  code: string;
  name: string;
  classification: ServiceClassification;
  /** From the continuity plan (Formulir C) when the case starts; null when the plan sets none. */
  rtoMs: number | null;
  rpoMs: number | null;
  /** The approved DRP version when the case starts; null when there is none. */
  drp: { id: string; version: number } | null;
}

export type DisasterOrigin =
  | { type: 'incident'; caseId: string; number: string }
  | { type: 'alert'; source: string; fingerprint: string; alertName: string }
  | { type: 'schedule'; scheduleId: string }
  | null;

export interface DisasterInput extends CaseInputBase {
  /** 'exercise': a DRP test — reported like a real execution, never counted as downtime. */
  mode: 'real' | 'exercise';
  title: string;
  description: string;
  /** When the disaster happened (yogyakarta and kemenkeu count RTO and RPO from it). */
  occurredAt: number;
  /** When the case was recorded. */
  startedAt: number;
  /** Tabel 4.3 scenario id when chosen at the start (else chosen during the assessment). */
  scenario: string | null;
  services: DisasterServiceRef[];
  origin: DisasterOrigin;
  reporter: Person & { role: string | null };
  calendar: BusinessCalendar;
}

export const DISASTER_STATES = [
  'assessing', 'declared', 'recovering', 'normalised', 'closed', 'not_declared', 'handed_to_incident', 'cancelled',
] as const;
export type DisasterState = (typeof DISASTER_STATES)[number];
export const DISASTER_TERMINAL: readonly DisasterState[] = ['closed', 'not_declared', 'handed_to_incident', 'cancelled'];
/** While the DRP runs: the recovery coordinator keeps the parties informed (serang C.3.4). */
export const DISASTER_ONGOING: readonly DisasterState[] = ['declared', 'recovering'];

export interface AssessmentRecord {
  step: number;
  kind: 'assessment' | 'analysis';
  findings: string;
  /** The analysis step's verdict: the disaster criteria are met (null for an assessment). */
  criteriaMet: boolean | null;
  by: string;
  name: string;
  role: string;
  at: number;
}

export interface BackupRecord { at: number; reportedBy: string; source: 'manual' | 'integration' }

export interface ServiceRecovery {
  code: string;
  recoveredAt: number | null;
  confirmedAt: number | null;
  confirmedBy: string | null;
  note: string | null;
  lastGoodBackup: BackupRecord | null;
  /** When the RTO deadline passed without a confirmation (once). */
  rtoMissedAt: number | null;
}

export interface ContinuityGap { service: string; missing: Array<'rto' | 'rpo' | 'drp'> }

export interface TimelineEntry { at: number; what: LocalText; by: string }

export interface DisasterCase {
  input: DisasterInput;
  state: DisasterState;
  scenario: string | null;
  assessments: AssessmentRecord[];
  declaration: { decision: 'disaster' | 'not_disaster'; reasons: string; by: string; name: string; role: string; at: number } | null;
  declaredAt: number | null;
  /** The instant RTO and RPO count from (declaration or the disaster); null until declared. */
  baseAt: number | null;
  /** RTO clocks, one per affected service with an RTO (id `rto:<code>`). */
  clocks: SlaClock[];
  services: ServiceRecovery[];
  drcActivation: { at: number; by: string; note: string } | null;
  progress: Array<{ at: number; by: string; name: string; message: string }>;
  /** When the next progress reminder falls due (null outside declared/recovering). */
  progressDueAt: number | null;
  progressReminders: number;
  normalisation: { at: number; by: string; note: string } | null;
  evaluation: {
    at: number; by: string; name: string; causes: Array<{ service: string; cause: string }>; obstacles: string; improvements: string[];
    documentId: string | null; sha256: string | null;
  } | null;
  handover: { at: number; by: string; reason: string; incident: { caseId: string; number: string } | null } | null;
  cancellation: { at: number; by: string; reason: string } | null;
  timeline: TimelineEntry[];
  calendar: BusinessCalendar;
  closedAt: number | null;
  seq: number;
}

export type DisasterCommand =
  | { action: 'choose_scenario'; scenario: string }
  | { action: 'record_assessment'; step: number; findings: string; criteriaMet?: boolean | undefined }
  | { action: 'hand_to_incident'; reason: string }
  | { action: 'declare'; decision: 'disaster' | 'not_disaster'; reasons: string }
  | { action: 'activate_drc'; note: string }
  | { action: 'confirm_recovery'; service: string; recoveredAt?: string | undefined; note: string }
  | { action: 'report_backup'; service: string; lastGoodBackupAt: string }
  | { action: 'post_progress'; message: string }
  | { action: 'normalise'; note: string }
  | { action: 'evaluate'; causes: Array<{ service: string; cause: string }>; obstacles: string; improvements: string[] }
  | { action: 'cancel'; reason: string };
export type DisasterAction = DisasterCommand['action'];
export const DISASTER_ACTIONS: readonly DisasterAction[] = [
  'choose_scenario', 'record_assessment', 'hand_to_incident', 'declare', 'activate_drc', 'confirm_recovery', 'report_backup',
  'post_progress', 'normalise', 'evaluate', 'cancel',
];

export type DisasterRefusal =
  | { code: 'not_waiting_for_action'; state: DisasterState }
  | { code: 'case_closed'; state: DisasterState }
  | { code: 'missing_role'; roles: string[] }
  | { code: 'eselon_too_low'; required: Eselon; actual: Eselon | null }
  | { code: 'unknown_scenario'; scenario: string; allowed: string[] }
  | { code: 'unknown_step'; step: number; allowed: number[] }
  | { code: 'criteria_verdict_required'; step: number }
  | { code: 'assessments_incomplete'; missing: number[] }
  | { code: 'scenario_required'; allowed: string[] }
  | { code: 'scenario_calls_for_incident'; scenario: string }
  | { code: 'scenario_not_for_incident'; scenario: string | null }
  | { code: 'service_not_affected'; service: string; services: string[] }
  | { code: 'service_already_recovered'; service: string }
  | { code: 'invalid_time'; field: string }
  | { code: 'recovered_at_out_of_range'; from: string; to: string }
  | { code: 'backup_in_future' }
  | { code: 'recovery_incomplete'; services: string[] }
  | { code: 'cause_required'; services: string[] };

// ---- who does what ----------------------------------------------------------------------------

export type DisasterStep = NonNullable<Profile['disaster']>['steps'][number];
export type DisasterScenario = NonNullable<Profile['disaster']>['scenarios'][number];

const hasRole = (profile: Profile, role: string) => profile.roles.some((r) => r.id === role);

function section(profile: Profile): NonNullable<Profile['disaster']> {
  if (!profile.disaster) throw new RangeError(`profile ${profile.id} has no disaster section`);
  return profile.disaster;
}

/** The role that runs the DRP from the declaration to the normalisation (serang C.3.4: Koordinator Pemulihan). */
export function drpRunByRole(profile: Profile): string {
  return section(profile).drpRunBy.role;
}

/** The assessment and analysis steps that precede the declaration (serang Tabel 4.4 steps 1–3; yogyakarta Tabel 8 steps 1–2; kemenkeu none). */
export function assessmentSteps(profile: Profile): DisasterStep[] {
  return section(profile).steps.filter((s) => s.kind === 'assessment' || s.kind === 'analysis');
}

/**
 * Who declares: the profile's declaration step (serang Tabel 4.4 step 4: eselon II; yogyakarta Tabel 8
 * step 3). Profiles without one (kemenkeu G.2): the head of unit — a Sigap default, as the pimpinan
 * Pengelola Layanan TIK establishes the unit's continuity organisation (G.2.b.4.b) — else the DRP runner.
 */
export function declarationStep(profile: Profile): { step: number | null; roles: string[]; minEselon: Eselon | null } {
  const step = section(profile).steps.find((s) => s.kind === 'declaration');
  if (step) return { step: step.step, roles: step.roles, minEselon: step.minEselon };
  return { step: null, roles: [hasRole(profile, 'head_of_unit') ? 'head_of_unit' : drpRunByRole(profile)], minEselon: null };
}

/** Who may choose the scenario: any assessment step's role; without assessment steps, the declarers and the DRP runner. */
export function scenarioRoles(profile: Profile): string[] {
  const steps = assessmentSteps(profile);
  const roles = steps.length ? steps.flatMap((s) => s.roles) : [...declarationStep(profile).roles, drpRunByRole(profile)];
  return [...new Set(roles)];
}

/** Who may cancel before the declaration: the DRP runner and the head of unit. */
export function cancelRoles(profile: Profile): string[] {
  return [...new Set([drpRunByRole(profile), ...(hasRole(profile, 'head_of_unit') ? ['head_of_unit'] : [])])];
}

/** Who confirms a service's recovery: the DRP runner or the technical team. */
export function recoveryRoles(profile: Profile): string[] {
  return [...new Set([drpRunByRole(profile), ...(hasRole(profile, 'technical_team') ? ['technical_team'] : [])])];
}

/** Who reports a last good backup: the technical team and the DRP runner (and integrations, by API key). */
export function backupRoles(profile: Profile): string[] {
  return recoveryRoles(profile);
}

/** Who is kept informed of the progress (serang C.3.4 «pihak terkait»), where the profile has them. */
export function stakeholderRoles(profile: Profile): string[] {
  return ['head_of_unit', 'service_owner', 'service_coordinator', 'technical_team'].filter((r) => hasRole(profile, r));
}

/** Who hears of a missed RTO: the DRP runner, the head of unit and the service owner. */
export function rtoMissedRoles(profile: Profile): string[] {
  return [...new Set([drpRunByRole(profile), ...['head_of_unit', 'service_owner'].filter((r) => hasRole(profile, r))])];
}

/** Who may start a disaster case: the DRP runner, every step's role, the technical team, the service desk, the head of unit. */
export function disasterRoles(profile: Profile): string[] {
  const d = section(profile);
  const roles = [d.drpRunBy.role, ...d.steps.flatMap((s) => s.roles), 'technical_team', 'service_desk', 'head_of_unit'];
  return [...new Set(roles)].filter((r) => hasRole(profile, r));
}

/** A person's eselon: the highest among their roles in the profile (I > II > III > IV); null when none has one. */
export function actorEselon(profile: Profile, roles: string[]): Eselon | null {
  const ranks = profile.roles.filter((r) => roles.includes(r.id) && r.eselon).map((r) => ESELON_LEVELS.indexOf(r.eselon!));
  return ranks.length ? ESELON_LEVELS[Math.min(...ranks)]! : null;
}

/** Whether `actual` is at least `required` (eselon I is the highest). */
export function eselonAtLeast(actual: Eselon | null, required: Eselon): boolean {
  return actual !== null && ESELON_LEVELS.indexOf(actual) <= ESELON_LEVELS.indexOf(required);
}

/** One of the roles and, where set, the minimum eselon («pejabat setingkat minimal eselon …»). */
export function roleAndEselonRefusal(profile: Profile, actor: Actor, roles: string[], minEselon: Eselon | null): DisasterRefusal | null {
  if (!roles.some((r) => actor.roles.includes(r))) return { code: 'missing_role', roles };
  if (minEselon === null) return null;
  const actual = actorEselon(profile, actor.roles);
  return eselonAtLeast(actual, minEselon) ? null : { code: 'eselon_too_low', required: minEselon, actual };
}

export function findScenario(profile: Profile, id: string | null): DisasterScenario | null {
  return id === null ? null : section(profile).scenarios.find((s) => s.id === id) ?? null;
}

/** Whether the scenario is handled as an incident (serang Tabel 4.3 «Penanganan Gangguan»; C.3.2 minor disasters). */
export function scenarioCallsForIncident(profile: Profile, id: string | null): boolean {
  return findScenario(profile, id)?.response === 'incident';
}

/**
 * Whether an expected outage meets the scenario's criterion: longer than its minimum outage (serang
 * Tabel 4.3 «lebih dari 3 hari», «lebih dari 24 jam»); scenarios without one qualify by their criteria alone.
 */
export function outageMeetsScenario(profile: Profile, id: string, expectedOutageMs: number): boolean {
  const min = findScenario(profile, id)?.minOutage ?? null;
  return min === null || expectedOutageMs > min.ms;
}

// ---- creation --------------------------------------------------------------------------------

export function newDisasterCase(input: DisasterInput, profile: Profile): DisasterCase {
  void section(profile);
  return {
    input, state: 'assessing', scenario: input.scenario, assessments: [], declaration: null, declaredAt: null, baseAt: null, clocks: [],
    services: input.services.map((s) => ({ code: s.code, recoveredAt: null, confirmedAt: null, confirmedBy: null, note: null, lastGoodBackup: null, rtoMissedAt: null })),
    drcActivation: null, progress: [], progressDueAt: null, progressReminders: 0, normalisation: null, evaluation: null, handover: null,
    cancellation: null,
    timeline: [{ at: input.startedAt, what: modeText(input, { id: 'Kejadian dicatat', en: 'Event recorded' }), by: input.reporter.username }],
    calendar: input.calendar, closedAt: null, seq: 0,
  };
}

export function isDisasterClosed(c: DisasterCase): boolean {
  return DISASTER_TERMINAL.includes(c.state);
}

/** Kritis services without an RTO, an RPO or an approved DRP where the profile's classification requires them. */
export function continuityGaps(input: DisasterInput, profile: Profile): ContinuityGap[] {
  const levels = profile.classification?.levels ?? [];
  return input.services.flatMap((s) => {
    const level = levels.find((l) => l.id === s.classification);
    const kritis = s.classification === 'kritis';
    const needRtoRpo = level?.requiresRtoRpo.value ?? kritis;
    const needDrp = level?.requiresDrp.value ?? kritis;
    const missing: ContinuityGap['missing'] = [
      ...(needRtoRpo && s.rtoMs === null ? ['rto' as const] : []),
      ...(needRtoRpo && s.rpoMs === null ? ['rpo' as const] : []),
      ...(needDrp && s.drp === null ? ['drp' as const] : []),
    ];
    return missing.length ? [{ service: s.code, missing }] : [];
  });
}

/** The instant RTO and RPO count from: the declaration (serang C.3.6) or the disaster itself (yogyakarta, kemenkeu). */
export function measurementBase(profile: Profile, occurredAt: number, declaredAt: number): number {
  return section(profile).rtoRpoFrom.value === 'declaration' ? declaredAt : occurredAt;
}

/** When the next progress reminder falls due after `from` (calendar time by default, day and night). */
export function progressDueAfter(profile: Profile, from: number, cal: BusinessCalendar): number {
  const every = section(profile).progressUpdateEvery;
  return every.basis === 'working' ? addWorkingMs(cal, from, every.ms) : from + every.ms;
}

const rtoClockId = (code: string) => `rto:${code}`;

export function rtoDeadline(c: DisasterCase, code: string): number | null {
  const s = c.input.services.find((x) => x.code === code);
  return s && s.rtoMs !== null && c.baseAt !== null ? c.baseAt + s.rtoMs : null;
}

/** RTO met iff the service was recovered at or before base + RTO; null while not recovered (or no RTO). */
export function rtoMet(c: DisasterCase, code: string): boolean | null {
  const deadline = rtoDeadline(c, code);
  const rec = c.services.find((s) => s.code === code)?.recoveredAt ?? null;
  if (deadline === null) return null;
  if (rec === null) return c.services.find((s) => s.code === code)?.rtoMissedAt != null ? false : null;
  return rec <= deadline;
}

/** The data-loss window: base − last good backup (never negative); null until a backup is known. */
export function dataLossMs(c: DisasterCase, code: string): number | null {
  const backup = c.services.find((s) => s.code === code)?.lastGoodBackup;
  if (!backup || c.baseAt === null) return null;
  return Math.max(0, c.baseAt - backup.at);
}

/** RPO met iff the data-loss window is at most the RPO; null when unknown (no RPO, or no backup reported). */
export function rpoMet(c: DisasterCase, code: string): boolean | null {
  const rpo = c.input.services.find((s) => s.code === code)?.rpoMs ?? null;
  const loss = dataLossMs(c, code);
  return rpo === null || loss === null ? null : loss <= rpo;
}

/** Services that missed their RTO or RPO: each needs a cause in the evaluation (serang C.3.6 b). */
export function servicesMissingTargets(c: DisasterCase): string[] {
  return c.input.services.filter((s) => rtoMet(c, s.code) === false || rpoMet(c, s.code) === false).map((s) => s.code);
}

// ---- the rules per action -----------------------------------------------------------------------

const isIntegration = (actor: Actor) => actor.username.startsWith('apikey:');

export function disasterRefusal(c: DisasterCase, cmd: DisasterCommand, actor: Actor, profile: Profile, now: number): DisasterRefusal | null {
  if (isDisasterClosed(c)) return { code: 'case_closed', state: c.state };
  const is = (...states: DisasterState[]) => states.includes(c.state);
  const waiting: DisasterRefusal = { code: 'not_waiting_for_action', state: c.state };
  const needRole = (roles: string[]): DisasterRefusal | null => (roles.some((r) => actor.roles.includes(r)) ? null : { code: 'missing_role', roles });
  const d = section(profile);
  const codes = c.input.services.map((s) => s.code);
  switch (cmd.action) {
    case 'choose_scenario': {
      if (!is('assessing')) return waiting;
      const missing = needRole(scenarioRoles(profile));
      if (missing) return missing;
      if (!findScenario(profile, cmd.scenario)) return { code: 'unknown_scenario', scenario: cmd.scenario, allowed: d.scenarios.map((s) => s.id) };
      return null;
    }
    case 'record_assessment': {
      if (!is('assessing')) return waiting;
      const steps = assessmentSteps(profile);
      const step = steps.find((s) => s.step === cmd.step);
      if (!step) return { code: 'unknown_step', step: cmd.step, allowed: steps.map((s) => s.step) };
      const refusal = roleAndEselonRefusal(profile, actor, step.roles, step.minEselon);
      if (refusal) return refusal;
      if (step.kind === 'analysis' && typeof cmd.criteriaMet !== 'boolean') return { code: 'criteria_verdict_required', step: cmd.step };
      return null;
    }
    case 'hand_to_incident': {
      if (!is('assessing')) return waiting;
      const missing = needRole(scenarioRoles(profile));
      if (missing) return missing;
      if (!scenarioCallsForIncident(profile, c.scenario)) return { code: 'scenario_not_for_incident', scenario: c.scenario };
      return null;
    }
    case 'declare': {
      if (!is('assessing')) return waiting;
      const decl = declarationStep(profile);
      const refusal = roleAndEselonRefusal(profile, actor, decl.roles, decl.minEselon);
      if (refusal) return refusal;
      const missingSteps = missingAssessments(c, profile);
      if (missingSteps.length) return { code: 'assessments_incomplete', missing: missingSteps };
      if (cmd.decision === 'disaster') {
        if (d.scenarios.length && c.scenario === null) return { code: 'scenario_required', allowed: d.scenarios.map((s) => s.id) };
        if (scenarioCallsForIncident(profile, c.scenario)) return { code: 'scenario_calls_for_incident', scenario: c.scenario! };
      }
      return null;
    }
    case 'activate_drc':
      return is('declared') ? needRole([d.drpRunBy.role]) : waiting;
    case 'confirm_recovery': {
      if (!is('declared', 'recovering')) return waiting;
      const missing = needRole(recoveryRoles(profile));
      if (missing) return missing;
      const svc = c.services.find((s) => s.code === cmd.service);
      if (!svc) return { code: 'service_not_affected', service: cmd.service, services: codes };
      if (svc.recoveredAt !== null) return { code: 'service_already_recovered', service: cmd.service };
      if (cmd.recoveredAt !== undefined) {
        const at = Date.parse(cmd.recoveredAt);
        if (Number.isNaN(at)) return { code: 'invalid_time', field: 'recoveredAt' };
        const from = c.baseAt ?? c.input.occurredAt;
        if (at < from || at > now) return { code: 'recovered_at_out_of_range', from: new Date(from).toISOString(), to: new Date(now).toISOString() };
      }
      return null;
    }
    case 'report_backup': {
      if (!is('assessing', 'declared', 'recovering', 'normalised')) return waiting;
      if (!isIntegration(actor)) {
        const missing = needRole(backupRoles(profile));
        if (missing) return missing;
      }
      if (!codes.includes(cmd.service)) return { code: 'service_not_affected', service: cmd.service, services: codes };
      const at = Date.parse(cmd.lastGoodBackupAt);
      if (Number.isNaN(at)) return { code: 'invalid_time', field: 'lastGoodBackupAt' };
      if (at > now) return { code: 'backup_in_future' };
      return null;
    }
    case 'post_progress':
      return is(...DISASTER_ONGOING) ? needRole([d.drpRunBy.role]) : waiting;
    case 'normalise': {
      if (!is('recovering')) return waiting;
      const missing = needRole([d.drpRunBy.role]);
      if (missing) return missing;
      const open = c.services.filter((s) => s.recoveredAt === null).map((s) => s.code);
      return open.length ? { code: 'recovery_incomplete', services: open } : null;
    }
    case 'evaluate': {
      if (!is('normalised')) return waiting;
      const missing = needRole([d.drpRunBy.role]);
      if (missing) return missing;
      const unknown = cmd.causes.find((x) => !codes.includes(x.service));
      if (unknown) return { code: 'service_not_affected', service: unknown.service, services: codes };
      const explained = new Set(cmd.causes.filter((x) => x.cause.trim() !== '').map((x) => x.service));
      const unexplained = servicesMissingTargets(c).filter((s) => !explained.has(s));
      return unexplained.length ? { code: 'cause_required', services: unexplained } : null;
    }
    case 'cancel':
      return is('assessing') ? needRole(cancelRoles(profile)) : waiting;
  }
}

/** The roles that may take this action (the acting role recorded is the actor's one among them). */
function disasterActionRoles(profile: Profile, cmd: DisasterCommand): string[] {
  switch (cmd.action) {
    case 'choose_scenario': case 'hand_to_incident': return scenarioRoles(profile);
    case 'record_assessment': return assessmentSteps(profile).find((s) => s.step === cmd.step)?.roles ?? [];
    case 'declare': return declarationStep(profile).roles;
    case 'confirm_recovery': return recoveryRoles(profile);
    case 'report_backup': return backupRoles(profile);
    case 'cancel': return cancelRoles(profile);
    default: return [drpRunByRole(profile)];
  }
}

/** The role `actor` acts in: theirs among the action's roles, else `fallback` (an API key acts as 'integrator'). */
export function disasterActingRole(cmd: DisasterCommand, actor: Actor, profile: Profile, fallback?: string): string | null {
  const roles = disasterActionRoles(profile, cmd);
  return actor.roles.find((r) => roles.includes(r)) ?? fallback ?? null;
}

/** The assessment/analysis steps not recorded yet (their numbers). */
export function missingAssessments(c: DisasterCase, profile: Profile): number[] {
  return assessmentSteps(profile).filter((s) => !c.assessments.some((a) => a.step === s.step)).map((s) => s.step);
}

function actingRole(actor: Actor, roles: string[]): string {
  return roles.find((r) => actor.roles.includes(r)) ?? actor.roles[0] ?? '';
}

function modeText(input: DisasterInput, t: LocalText): LocalText {
  return input.mode === 'exercise' ? { id: `Uji coba DRP: ${t.id}`, en: `DRP exercise: ${t.en}` } : t;
}

function withTimeline(c: DisasterCase, at: number, by: string, what: LocalText): DisasterCase {
  return { ...c, timeline: [...c.timeline, { at, what: modeText(c.input, what), by }] };
}

/** Applies an allowed command (check `disasterRefusal` first). */
export function applyDisasterCommand(c: DisasterCase, cmd: DisasterCommand, actor: Actor, profile: Profile, now: number): DisasterCase {
  const by = actor.username;
  switch (cmd.action) {
    case 'choose_scenario': {
      const s = findScenario(profile, cmd.scenario)!;
      return withTimeline({ ...c, scenario: cmd.scenario }, now, by, { id: `Skenario dipilih: ${s.title.id}`, en: `Scenario chosen: ${s.title.en}` });
    }
    case 'record_assessment': {
      const step = assessmentSteps(profile).find((s) => s.step === cmd.step)!;
      const record: AssessmentRecord = {
        step: cmd.step, kind: step.kind as 'assessment' | 'analysis', findings: cmd.findings,
        criteriaMet: step.kind === 'analysis' ? cmd.criteriaMet ?? null : null, by, name: actor.name, role: actingRole(actor, step.roles), at: now,
      };
      const again = c.assessments.some((a) => a.step === cmd.step);
      const assessments = [...c.assessments.filter((a) => a.step !== cmd.step), record].sort((a, b) => a.step - b.step);
      return withTimeline({ ...c, assessments }, now, by, {
        id: `${again ? 'Langkah diperbarui' : 'Langkah dicatat'} ${cmd.step}: ${step.activity.id}`, en: `${again ? 'Step updated' : 'Step recorded'} ${cmd.step}: ${step.activity.en}`,
      });
    }
    case 'hand_to_incident': {
      const incident = c.input.origin?.type === 'incident' ? { caseId: c.input.origin.caseId, number: c.input.origin.number } : null;
      return withTimeline({ ...c, state: 'handed_to_incident', closedAt: now, handover: { at: now, by, reason: cmd.reason, incident } }, now, by, {
        id: 'Ditangani sebagai gangguan (Penanganan Gangguan)', en: 'Handed over to incident handling',
      });
    }
    case 'declare': {
      const decl = declarationStep(profile);
      const declaration = { decision: cmd.decision, reasons: cmd.reasons, by, name: actor.name, role: actingRole(actor, decl.roles), at: now };
      if (cmd.decision === 'not_disaster') {
        return withTimeline({ ...c, state: 'not_declared', declaration, closedAt: now }, now, by, { id: 'Dinyatakan bukan bencana', en: 'Declared not a disaster' });
      }
      const baseAt = measurementBase(profile, c.input.occurredAt, now);
      const warnings = profile.sla.warningPermille.value;
      const clocks = c.input.services.filter((s) => s.rtoMs !== null && s.rtoMs > 0)
        .map((s) => startClock({ id: rtoClockId(s.code), targetMs: s.rtoMs!, basis: 'calendar', warningPermille: warnings }, baseAt));
      return withTimeline({
        ...c, state: 'declared', declaration, declaredAt: now, baseAt, clocks, progressDueAt: progressDueAfter(profile, now, c.calendar),
      }, now, by, { id: 'Bencana dideklarasikan', en: 'Disaster declared' });
    }
    case 'activate_drc':
      return withTimeline({ ...c, state: 'recovering', drcActivation: { at: now, by, note: cmd.note } }, now, by, { id: 'DRC diaktifkan', en: 'DRC activated' });
    case 'confirm_recovery': {
      const at = cmd.recoveredAt !== undefined ? Date.parse(cmd.recoveredAt) : now;
      const services = c.services.map((s) => (s.code === cmd.service ? { ...s, recoveredAt: at, confirmedAt: now, confirmedBy: by, note: cmd.note } : s));
      const clocks = c.clocks.map((k) => (k.id === rtoClockId(cmd.service) ? stopClock(k, Math.max(at, k.startedAt)) : k));
      const name = c.input.services.find((s) => s.code === cmd.service)!.name;
      return withTimeline({ ...c, services, clocks }, at, by, { id: `Layanan pulih: ${name}`, en: `Service recovered: ${name}` });
    }
    case 'report_backup': {
      const backup: BackupRecord = { at: Date.parse(cmd.lastGoodBackupAt), reportedBy: by, source: isIntegration(actor) ? 'integration' : 'manual' };
      return withBackups(c, { [cmd.service]: backup });
    }
    case 'post_progress':
      return withTimeline({
        ...c, progress: [...c.progress, { at: now, by, name: actor.name, message: cmd.message }], progressDueAt: progressDueAfter(profile, now, c.calendar),
      }, now, by, { id: 'Perkembangan pemulihan disampaikan', en: 'Progress update sent' });
    case 'normalise':
      return withTimeline({ ...c, state: 'normalised', normalisation: { at: now, by, note: cmd.note }, progressDueAt: null }, now, by, {
        id: 'Normalisasi ke Pusat Data primer selesai', en: 'Normalised to the primary data centre',
      });
    case 'evaluate':
      return withTimeline({
        ...c, state: 'closed', closedAt: now,
        evaluation: { at: now, by, name: actor.name, causes: cmd.causes, obstacles: cmd.obstacles, improvements: cmd.improvements, documentId: null, sha256: null },
      }, now, by, { id: 'Evaluasi DRP (Formulir G) disusun', en: 'DRP evaluation (Formulir G) written' });
    case 'cancel':
      return withTimeline({ ...c, state: 'cancelled', closedAt: now, cancellation: { at: now, by, reason: cmd.reason } }, now, by, { id: 'Dibatalkan', en: 'Cancelled' });
  }
}

// ---- what the workflow does between commands ---------------------------------------------------

/** The last good backups (from the activity or a report); a missing or null entry leaves the service as it is. */
export function withBackups(c: DisasterCase, backups: Record<string, BackupRecord | null>): DisasterCase {
  return { ...c, services: c.services.map((s) => (backups[s.code] ? { ...s, lastGoodBackup: backups[s.code]! } : s)) };
}

/** The handover found or opened its incident. */
export function withIncident(c: DisasterCase, incident: { caseId: string; number: string }): DisasterCase {
  return c.handover ? { ...c, handover: { ...c.handover, incident } } : c;
}

/** The Formulir G document was stored. */
export function withEvaluationDocument(c: DisasterCase, doc: { documentId: string; sha256: string }): DisasterCase {
  return c.evaluation ? { ...c, evaluation: { ...c.evaluation, documentId: doc.documentId, sha256: doc.sha256 } } : c;
}

/** The next RTO threshold (warning or deadline) of a service not yet recovered. */
export function nextRtoThreshold(c: DisasterCase): { service: string; threshold: Threshold; dueAt: number } | null {
  if (isDisasterClosed(c)) return null;
  let best: { service: string; threshold: Threshold; dueAt: number } | null = null;
  for (const clock of c.clocks) {
    if (clock.stoppedAt !== null) continue;
    const t = clock.thresholds.find((x) => !clock.fired.includes(x.id));
    if (!t) continue;
    const dueAt = clock.startedAt + t.atMs;
    if (!best || dueAt < best.dueAt) best = { service: clock.id.slice('rto:'.length), threshold: t, dueAt };
  }
  return best;
}

export function fireRtoThreshold(c: DisasterCase, service: string, t: Threshold, now: number): DisasterCase {
  const clocks = c.clocks.map((k) => (k.id === rtoClockId(service) ? markFired(k, t.id) : k));
  if (t.kind !== 'breach') return { ...c, clocks };
  const services = c.services.map((s) => (s.code === service && s.rtoMissedAt === null ? { ...s, rtoMissedAt: now } : s));
  const name = c.input.services.find((s) => s.code === service)?.name ?? service;
  return withTimeline({ ...c, clocks, services }, now, 'system', { id: `RTO terlampaui: ${name}`, en: `RTO missed: ${name}` });
}

/** When the next progress reminder falls due; null outside declared/recovering. */
export function progressReminderDueAt(c: DisasterCase): number | null {
  return DISASTER_ONGOING.includes(c.state) ? c.progressDueAt : null;
}

/** A reminder fired: the next one falls due one interval later (day and night). */
export function fireProgressReminder(c: DisasterCase, profile: Profile): DisasterCase {
  const due = c.progressDueAt ?? c.declaredAt ?? c.input.startedAt;
  return { ...c, progressReminders: c.progressReminders + 1, progressDueAt: progressDueAfter(profile, due, c.calendar) };
}

// ---- read model -----------------------------------------------------------------------------

export interface DisasterWaiting { action: DisasterAction; roles: string[] }

export function disasterWaitingFor(c: DisasterCase, profile: Profile): DisasterWaiting[] {
  const runner = drpRunByRole(profile);
  switch (c.state) {
    case 'assessing': {
      const out: DisasterWaiting[] = [];
      const scenarios = section(profile).scenarios;
      if (scenarios.length && c.scenario === null) out.push({ action: 'choose_scenario', roles: scenarioRoles(profile) });
      if (scenarioCallsForIncident(profile, c.scenario)) return [...out, { action: 'hand_to_incident', roles: scenarioRoles(profile) }];
      const missing = missingAssessments(c, profile);
      const steps = assessmentSteps(profile).filter((s) => missing.includes(s.step));
      if (steps.length) out.push({ action: 'record_assessment', roles: [...new Set(steps.flatMap((s) => s.roles))] });
      else out.push({ action: 'declare', roles: declarationStep(profile).roles });
      return out;
    }
    case 'declared': return [{ action: 'activate_drc', roles: [runner] }, { action: 'post_progress', roles: [runner] }];
    case 'recovering': return c.services.some((s) => s.recoveredAt === null)
      ? [{ action: 'confirm_recovery', roles: recoveryRoles(profile) }, { action: 'post_progress', roles: [runner] }]
      : [{ action: 'normalise', roles: [runner] }, { action: 'post_progress', roles: [runner] }];
    case 'normalised': return [{ action: 'evaluate', roles: [runner] }];
    default: return [];
  }
}

export function disasterSnapshot(c: DisasterCase, profile: Profile, now: number) {
  const iso = (t: number) => new Date(t).toISOString();
  const isoOr = (t: number | null | undefined) => (t === null || t === undefined ? null : iso(t));
  const open = c.services.filter((s) => s.recoveredAt === null).map((s) => rtoDeadline(c, s.code)).filter((t): t is number => t !== null);
  const dueAt = !isDisasterClosed(c) && open.length ? iso(Math.min(...open)) : null;
  const met = c.input.services.filter((s) => rtoDeadline(c, s.code) !== null).map((s) => rtoMet(c, s.code));
  const breached = c.services.some((s) => s.rtoMissedAt !== null) || c.input.services.some((s) => rtoMet(c, s.code) === false);
  const allStopped = c.clocks.length > 0 && c.clocks.every((k) => k.stoppedAt !== null);
  const scenario = findScenario(profile, c.scenario);
  const waiting = disasterWaitingFor(c, profile);
  return {
    state: c.state,
    priority: null as string | null,
    assignee: null as string | null,
    waitingFor: waiting.map((w) => ({ action: w.action, party: { kind: 'role' as const, roles: w.roles } })),
    /** Raw RTO clocks (the API renders them live). */
    sla: c.clocks as unknown[],
    dueAt,
    breached,
    slaMet: allStopped ? met.every((m) => m === true) : null,
    closedAt: isoOr(c.closedAt),
    data: {
      mode: c.input.mode, title: c.input.title, description: c.input.description,
      occurredAt: iso(c.input.occurredAt), startedAt: iso(c.input.startedAt),
      scenario: scenario ? { id: scenario.id, title: scenario.title, criteria: scenario.criteria, response: scenario.response, minOutageMs: scenario.minOutage?.ms ?? null } : null,
      origin: c.input.origin,
      reporter: c.input.reporter,
      services: c.input.services.map((s) => {
        const rec = c.services.find((x) => x.code === s.code)!;
        const clock = c.clocks.find((k) => k.id === rtoClockId(s.code));
        return {
          code: s.code, name: s.name, classification: s.classification, rtoMs: s.rtoMs, rpoMs: s.rpoMs, drp: s.drp,
          rto: s.rtoMs !== null && c.baseAt !== null ? {
            targetMs: s.rtoMs, deadline: iso(c.baseAt + s.rtoMs), met: rtoMet(c, s.code), missedAt: isoOr(rec.rtoMissedAt),
            clock: clock ? clockView(clock, Math.max(now, clock.startedAt)) : null,
          } : null,
          rpo: s.rpoMs !== null ? { targetMs: s.rpoMs, dataLossMs: dataLossMs(c, s.code), met: rpoMet(c, s.code) } : null,
          recoveredAt: isoOr(rec.recoveredAt), confirmedAt: isoOr(rec.confirmedAt), confirmedBy: rec.confirmedBy, note: rec.note,
          lastGoodBackup: rec.lastGoodBackup ? { ...rec.lastGoodBackup, at: iso(rec.lastGoodBackup.at) } : null,
        };
      }),
      gaps: continuityGaps(c.input, profile),
      assessments: c.assessments.map((a) => ({ ...a, at: iso(a.at) })),
      missingAssessments: c.state === 'assessing' ? missingAssessments(c, profile) : [],
      declaration: c.declaration ? { ...c.declaration, at: iso(c.declaration.at) } : null,
      declaredAt: isoOr(c.declaredAt),
      measuredFrom: section(profile).rtoRpoFrom.value,
      baseAt: isoOr(c.baseAt),
      drcActivation: c.drcActivation ? { ...c.drcActivation, at: iso(c.drcActivation.at) } : null,
      progress: c.progress.map((p) => ({ ...p, at: iso(p.at) })),
      progressDueAt: isoOr(progressReminderDueAt(c)),
      progressReminders: c.progressReminders,
      normalisation: c.normalisation ? { ...c.normalisation, at: iso(c.normalisation.at) } : null,
      evaluation: c.evaluation ? { ...c.evaluation, at: iso(c.evaluation.at) } : null,
      handover: c.handover ? { ...c.handover, at: iso(c.handover.at) } : null,
      cancellation: c.cancellation ? { ...c.cancellation, at: iso(c.cancellation.at) } : null,
      drpRunBy: drpRunByRole(profile),
      closedAt: isoOr(c.closedAt),
    },
  };
}
export type DisasterSnapshot = ReturnType<typeof disasterSnapshot>;

// ---- Formulir G (serang C.3.6 a–c: Laporan Evaluasi DRP) ------------------------------------------

export interface DrpEvaluationReport {
  number: string;
  mode: 'real' | 'exercise';
  title: string;
  scenario: { id: string; title: { id: string; en: string } } | null;
  occurredAt: string;
  declaredAt: string | null;
  measuredFrom: 'declaration' | 'disaster';
  baseAt: string | null;
  drcActivatedAt: string | null;
  normalisedAt: string | null;
  services: Array<{
    code: string;
    name: string;
    classification: ServiceClassification;
    drpVersion: number | null;
    rto: { targetMs: number; deadline: string; recoveredAt: string | null; achievedMs: number | null; met: boolean | null } | null;
    rpo: { targetMs: number; lastGoodBackupAt: string | null; dataLossMs: number | null; met: boolean | null } | null;
    cause: string | null;
  }>;
  obstacles: string;
  improvements: string[];
  progressUpdates: number;
  evaluatedBy: { username: string; name: string };
  evaluatedAt: string;
  timeline: Array<{ at: string; what: { id: string; en: string }; by: string }>;
}

/** The Formulir G data of an evaluated disaster (or DRP exercise). */
export function drpEvaluationReport(c: DisasterCase, profile: Profile): DrpEvaluationReport {
  const ev = c.evaluation;
  if (!ev) throw new RangeError(`disaster ${c.input.number} has not been evaluated`);
  const iso = (t: number) => new Date(t).toISOString();
  const isoOr = (t: number | null | undefined) => (t === null || t === undefined ? null : iso(t));
  const scenario = findScenario(profile, c.scenario);
  return {
    number: c.input.number, mode: c.input.mode, title: c.input.title,
    scenario: scenario ? { id: scenario.id, title: scenario.title } : null,
    occurredAt: iso(c.input.occurredAt), declaredAt: isoOr(c.declaredAt), measuredFrom: section(profile).rtoRpoFrom.value, baseAt: isoOr(c.baseAt),
    drcActivatedAt: isoOr(c.drcActivation?.at), normalisedAt: isoOr(c.normalisation?.at),
    services: c.input.services.map((s) => {
      const rec = c.services.find((x) => x.code === s.code)!;
      const deadline = rtoDeadline(c, s.code);
      return {
        code: s.code, name: s.name, classification: s.classification, drpVersion: s.drp?.version ?? null,
        rto: s.rtoMs !== null && deadline !== null ? {
          targetMs: s.rtoMs, deadline: iso(deadline), recoveredAt: isoOr(rec.recoveredAt),
          achievedMs: rec.recoveredAt !== null && c.baseAt !== null ? Math.max(0, rec.recoveredAt - c.baseAt) : null, met: rtoMet(c, s.code),
        } : null,
        rpo: s.rpoMs !== null ? { targetMs: s.rpoMs, lastGoodBackupAt: isoOr(rec.lastGoodBackup?.at), dataLossMs: dataLossMs(c, s.code), met: rpoMet(c, s.code) } : null,
        cause: ev.causes.find((x) => x.service === s.code)?.cause ?? null,
      };
    }),
    obstacles: ev.obstacles, improvements: ev.improvements, progressUpdates: c.progress.length,
    evaluatedBy: { username: ev.by, name: ev.name }, evaluatedAt: iso(ev.at),
    timeline: [...c.timeline].sort((a, b) => a.at - b.at).map((t) => ({ at: iso(t.at), what: t.what, by: t.by })),
  };
}
