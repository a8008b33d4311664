// Problem management (Manajemen Masalah) and the periodic incident review (Reviu Berkala Gangguan)
// as pure rules, spec §3; serang BAB IV B.3.5, yogyakarta Tabel 6, kemenkeu Lampiran II F.3,
// dpr Pasal 20.
//
//   logged --classify (priority, category, impact)--> investigating
//   investigating --record_root_cause / record_workaround--> (both known) known_error   [KEDB entry written]
//   known_error --propose_fix {needsChange}--> awaiting_change (hand-over to change management) | fixing
//   awaiting_change | fixing --apply_fix--> reviewing   (an effectiveness check fires after the observation period)
//   reviewing --review_fix effective--> closed | --not effective--> investigating (the known error stays, its fix is dropped)
//   any open state --cancel--> cancelled;  progress and link_incident in any open state
//
// Who acts comes from the profile: `problemReview.performedBy` (serang: Pengelola Teknis; yogyakarta:
// Administrator Layanan; kemenkeu: koordinator manajemen masalah; dpr: unit TI), and the fix's
// effectiveness is reviewed by `problemReview.reportTo` where the regulation names one (serang B.3.5 c:
// «dilaporkan kepada Penyedia Layanan»), else by the performer (kemenkeu F.3.b.9).
import { TIMEZONE_OFFSETS_MINUTES, type IndonesianTimezone } from './calendarTypes.ts';
import { priorityFor } from './priority.ts';
import type { CaseInputBase } from './caseInput.ts';
import { DEFAULT_RECURRENCE_THRESHOLD } from './profiles/defaults.ts';
import type { Impact, LocalText, Profile, ServiceClassification, ServiceType, Source } from './profile.ts';
import type { Actor, Person } from './requestFulfilment.ts';

export const PROBLEM_STATES = ['logged', 'investigating', 'known_error', 'awaiting_change', 'fixing', 'reviewing', 'closed', 'cancelled'] as const;
export type ProblemState = (typeof PROBLEM_STATES)[number];
export const PROBLEM_TERMINAL: readonly ProblemState[] = ['closed', 'cancelled'];
const OPEN: readonly ProblemState[] = ['logged', 'investigating', 'known_error', 'awaiting_change', 'fixing', 'reviewing'];

/** Priorities used when the profile has no incident matrix to derive one from (dpr, kemenkeu). */
export const FALLBACK_PRIORITIES = ['high', 'medium', 'low'] as const;

/**
 * How long after the fix is applied Sigap looks for recurring incidents before asking for the
 * effectiveness review (kemenkeu F.3.b.9 «pengawasan, pengkajian, dan pelaporan terhadap efektivitas
 * solusi»). No regulation sets a period.
 */
export const FIX_OBSERVATION = {
  ms: 30 * 24 * 3_600_000,
  source: { sigapDefault: 'no regulation sets how long a permanent fix is observed; Sigap checks for recurring incidents 30 calendar days after the fix is applied and then asks for the effectiveness review' } satisfies Source,
};

/**
 * Recurrence threshold of the periodic review: an incident pattern counts as recurring when it
 * happens at least this often in the review period. serang B.3.5 a («sering terjadi berulang kali»)
 * and kemenkeu F.3.b.1 («terjadi secara berulang») set no number.
 */
export { DEFAULT_RECURRENCE_THRESHOLD };

export interface IncidentRef { id: string; number: string; title: string }
export interface ProblemService { code: string; name: string; serviceType: ServiceType; classification: ServiceClassification }

export type FindingKind = 'recurrence_service_category' | 'recurrence_configuration_item' | 'unresolved';

/** What the periodic review found that led to this problem. */
export interface Finding {
  key: string;
  kind: FindingKind;
  period: { id: string; from: string; to: string };
  count: number;
  service: string | null;
  category: string | null;
  configurationItem: string | null;
  reviewCaseId: string;
  reviewNumber: string;
}

export interface ProblemInput extends CaseInputBase {
  title: string;
  description: string;
  service: ProblemService | null;
  configurationItems: string[];
  /** Pre-filled from the incidents; the classification confirms or changes them. */
  category: string | null;
  impact: Impact | null;
  openedBy: Person;
  openedAt: number;
  origin: { kind: 'manual' | 'incident' | 'review'; caseId: string | null; number: string | null };
  /**
   * Identifies the pattern this problem covers (same service and category, same configuration item,
   * one unresolved incident), so the review and incident proposals join an open problem instead of
   * opening a second one.
   */
  dedupeKey: string | null;
  finding: Finding | null;
  incidents: IncidentRef[];
}

export interface ChangeHandover {
  /** The fix needs a change to the service (kemenkeu F.3.b.11): handed to change management. */
  needed: true;
  recordedAt: number;
  by: string;
  /** The change case once change management exists (a later issue): its number or URL. */
  link: string | null;
  status: 'awaiting_change_management' | 'implemented';
}

export interface ProblemCase {
  input: ProblemInput;
  state: ProblemState;
  priority: string | null;
  classification: { at: number; by: string; priority: string; priorityBasis: 'matrix' | 'stated'; category: string; impact: Impact; note: string | null } | null;
  handler: Person | null;
  rootCause: { at: number; by: string; cause: string; analysis: string | null } | null;
  workaround: { at: number; by: string; text: string } | null;
  knownError: { id: string; number: string; recordedAt: number } | null;
  fix: { proposedAt: number; proposedBy: string; text: string; needsChange: boolean; appliedAt: number | null; appliedBy: string | null; note: string | null } | null;
  changeHandover: ChangeHandover | null;
  effectivenessCheck: { at: number; recurrences: number; incidents: string[] } | null;
  reviews: Array<{ at: number; by: string; effective: boolean; note: string }>;
  /** Root causes and fixes a review found ineffective; the analysis started again after each. */
  earlierAnalyses: Array<{ cause: string; fix: string | null; reviewedAt: number }>;
  incidents: IncidentRef[];
  activities: Array<{ at: number; by: string; note: string }>;
  cancellation: { at: number; by: string; reason: string } | null;
  closedAt: number | null;
  seq: number;
}

export type ProblemCommand =
  | { action: 'classify'; impact: Impact; category: string; priority?: string | undefined; note?: string | undefined }
  | { action: 'record_root_cause'; cause: string; analysis?: string | undefined }
  | { action: 'record_workaround'; workaround: string }
  | { action: 'propose_fix'; fix: string; needsChange: boolean; changeReference?: string | undefined }
  | { action: 'apply_fix'; note: string; changeReference?: string | undefined }
  | { action: 'review_fix'; effective: boolean; note: string }
  | { action: 'progress'; note: string }
  | { action: 'link_incident'; incident: IncidentRef }
  | { action: 'cancel'; reason: string };
export type ProblemAction = ProblemCommand['action'];
export const PROBLEM_ACTIONS: readonly ProblemAction[] = [
  'classify', 'record_root_cause', 'record_workaround', 'propose_fix', 'apply_fix', 'review_fix', 'progress', 'link_incident', 'cancel',
];

/** Refusals the API already answers (403/409) and the ones only problems have (422/409). */
export type ProblemRefusal =
  | { code: 'not_waiting_for_action'; state: ProblemState }
  | { code: 'case_closed'; state: ProblemState }
  | { code: 'missing_role'; roles: string[] }
  | { code: 'priority_required'; allowed: string[] }
  | { code: 'unknown_priority'; priority: string; allowed: string[] }
  | { code: 'incident_already_linked'; number: string };

// ---- who does what ----------------------------------------------------------------------------

export interface ProblemRoles {
  /** Performs the problem process (classification, analysis, workaround, fix). */
  performer: string;
  /** Receives reports and reviews the effectiveness of fixes; null where the regulation names none. */
  reportTo: string | null;
  /** Reviews the effectiveness of a fix. */
  reviewer: string;
  /** May open a problem by hand. */
  openers: string[];
  /** May run a periodic review on demand. */
  reviewRunners: string[];
}

export function problemRoles(profile: Profile): ProblemRoles {
  const has = (r: string) => profile.roles.some((x) => x.id === r);
  const performer = profile.problemReview?.performedBy.role ?? profile.incident?.problemEscalation?.role ?? profile.requestFulfilment.executorRoles[0]!;
  const reportTo = profile.problemReview?.reportTo?.role ?? null;
  const technical = profile.incident?.escalation.find((s) => s.level === 2)?.leadRole;
  const escalation = profile.incident?.problemEscalation?.role;
  const openers = unique([performer, ...opt(escalation), ...opt(technical), profile.requestFulfilment.serviceDeskRole, ...opt(reportTo), ...['service_coordinator', 'problem_coordinator'].filter(has)]);
  const reviewRunners = unique([...opt(reportTo), ...['service_owner', 'service_coordinator', 'problem_coordinator', 'administrator'].filter(has)]);
  return { performer, reportTo, reviewer: reportTo ?? performer, openers, reviewRunners };
}

function opt(v: string | null | undefined): string[] {
  return v ? [v] : [];
}
function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

interface Rule { states: readonly ProblemState[]; roles: (r: ProblemRoles) => string[] }

const RULES: Record<ProblemAction, Rule> = {
  // kemenkeu F.3.b.2: classification by priority, category and impact.
  classify: { states: ['logged'], roles: (r) => [r.performer] },
  // kemenkeu F.3.b.3, serang B.3.5 a, yogyakarta Tabel 6 4: root-cause analysis.
  record_root_cause: { states: ['investigating', 'known_error'], roles: (r) => [r.performer] },
  // kemenkeu F.3.b.5: minimise the impact while the problem is unresolved.
  record_workaround: { states: ['investigating', 'known_error'], roles: (r) => [r.performer] },
  // serang B.3.5 a «menentukan solusi yang bersifat permanen»; kemenkeu F.3.b.4.
  propose_fix: { states: ['known_error'], roles: (r) => [r.performer] },
  // yogyakarta Tabel 6 5 «melakukan penanganan terhadap penyebab utama».
  apply_fix: { states: ['awaiting_change', 'fixing'], roles: (r) => [r.performer] },
  // kemenkeu F.3.b.9: review of the solution's effectiveness; serang B.3.5 c: reported to the service owner.
  review_fix: { states: ['reviewing'], roles: (r) => [r.reviewer] },
  progress: { states: OPEN, roles: (r) => unique([r.performer, ...opt(r.reportTo)]) },
  link_incident: { states: OPEN, roles: (r) => unique([r.performer, ...opt(r.reportTo)]) },
  cancel: { states: OPEN, roles: (r) => unique([r.performer, ...opt(r.reportTo)]) },
};

export function isProblemClosed(c: ProblemCase): boolean {
  return PROBLEM_TERMINAL.includes(c.state);
}

export function newProblemCase(input: ProblemInput): ProblemCase {
  return {
    input, state: 'logged', priority: null, classification: null, handler: null, rootCause: null, workaround: null, knownError: null,
    fix: null, changeHandover: null, effectivenessCheck: null, reviews: [], earlierAnalyses: [], incidents: dedupeIncidents(input.incidents), activities: [],
    cancellation: null, closedAt: null, seq: 0,
  };
}

function dedupeIncidents(list: IncidentRef[]): IncidentRef[] {
  const seen = new Set<string>();
  return list.filter((i) => (seen.has(i.id) ? false : (seen.add(i.id), true)));
}

/** The priorities a classification may state: the profile's incident priorities, else high/medium/low. */
export function allowedPriorities(profile: Profile): string[] {
  const ids = profile.incident?.priorities.map((p) => p.id) ?? [];
  return ids.length ? ids : [...FALLBACK_PRIORITIES];
}

/**
 * The problem's priority: the one stated, else the incident matrix of the profile (impact × the
 * service's type × classification, serang Tabel 4.4) — a Sigap choice, since no regulation gives
 * problems their own matrix.
 */
export function problemPriority(profile: Profile, service: ProblemService | null, impact: Impact, stated: string | undefined): { priority: string; basis: 'matrix' | 'stated' } | null {
  if (stated) return { priority: stated, basis: 'stated' };
  if (!service) return null;
  const derived = priorityFor(profile, { impact, serviceType: service.serviceType, classification: service.classification });
  return derived ? { priority: derived.priority, basis: 'matrix' } : null;
}

export function problemRefusal(c: ProblemCase, cmd: ProblemCommand, actor: Actor, profile: Profile): ProblemRefusal | null {
  if (isProblemClosed(c)) return { code: 'case_closed', state: c.state };
  const rule = RULES[cmd.action];
  if (!rule.states.includes(c.state)) return { code: 'not_waiting_for_action', state: c.state };
  const roles = rule.roles(problemRoles(profile));
  if (!roles.some((r) => actor.roles.includes(r))) return { code: 'missing_role', roles };
  if (cmd.action === 'classify') {
    const allowed = allowedPriorities(profile);
    if (cmd.priority !== undefined && !allowed.includes(cmd.priority)) return { code: 'unknown_priority', priority: cmd.priority, allowed };
    if (!problemPriority(profile, c.input.service, cmd.impact, cmd.priority)) return { code: 'priority_required', allowed };
  }
  if (cmd.action === 'link_incident' && c.incidents.some((i) => i.id === cmd.incident.id)) return { code: 'incident_already_linked', number: cmd.incident.number };
  return null;
}

/** The role `actor` acts in on a problem: performer, reviewer or the one reported to. */
export function problemActingRole(actor: Actor, profile: Profile): string | null {
  const roles = problemRoles(profile);
  const acting = [roles.performer, roles.reviewer, ...(roles.reportTo ? [roles.reportTo] : [])];
  return actor.roles.find((r) => acting.includes(r)) ?? null;
}

/** Applies an allowed command (check `problemRefusal` first). */
export function applyProblemCommand(c: ProblemCase, cmd: ProblemCommand, actor: Actor, profile: Profile, now: number): ProblemCase {
  const me: Person = { username: actor.username, name: actor.name };
  const log = (note: string | undefined | null) => (note ? [...c.activities, { at: now, by: actor.username, note }] : c.activities);
  switch (cmd.action) {
    case 'classify': {
      const p = problemPriority(profile, c.input.service, cmd.impact, cmd.priority)!;
      return {
        ...c, state: 'investigating', priority: p.priority, handler: me, activities: log(cmd.note),
        classification: { at: now, by: actor.username, priority: p.priority, priorityBasis: p.basis, category: cmd.category, impact: cmd.impact, note: cmd.note ?? null },
      };
    }
    case 'record_root_cause':
      return settleKnownError({ ...c, rootCause: { at: now, by: actor.username, cause: cmd.cause, analysis: cmd.analysis ?? null } });
    case 'record_workaround':
      return settleKnownError({ ...c, workaround: { at: now, by: actor.username, text: cmd.workaround } });
    case 'propose_fix':
      return {
        ...c, state: cmd.needsChange ? 'awaiting_change' : 'fixing',
        fix: { proposedAt: now, proposedBy: actor.username, text: cmd.fix, needsChange: cmd.needsChange, appliedAt: null, appliedBy: null, note: null },
        changeHandover: cmd.needsChange
          ? { needed: true, recordedAt: now, by: actor.username, link: cmd.changeReference ?? null, status: 'awaiting_change_management' }
          : null,
      };
    case 'apply_fix':
      return {
        ...c, state: 'reviewing', effectivenessCheck: null,
        fix: c.fix ? { ...c.fix, appliedAt: now, appliedBy: actor.username, note: cmd.note } : c.fix,
        changeHandover: c.changeHandover ? { ...c.changeHandover, link: cmd.changeReference ?? c.changeHandover.link, status: 'implemented' } : null,
      };
    case 'review_fix':
      return cmd.effective
        ? { ...c, state: 'closed', closedAt: now, reviews: [...c.reviews, { at: now, by: actor.username, effective: true, note: cmd.note }] }
        // Not effective: back to the analysis; the known error and its workaround stay in the KEDB.
        : { ...c, state: 'investigating', rootCause: null, fix: null, changeHandover: null, effectivenessCheck: null,
          earlierAnalyses: [...c.earlierAnalyses, { cause: c.rootCause?.cause ?? '', fix: c.fix?.text ?? null, reviewedAt: now }],
          reviews: [...c.reviews, { at: now, by: actor.username, effective: false, note: cmd.note }] };
    case 'progress':
      return { ...c, activities: log(cmd.note) };
    case 'link_incident':
      return { ...c, incidents: dedupeIncidents([...c.incidents, cmd.incident]) };
    case 'cancel':
      return { ...c, state: 'cancelled', closedAt: now, cancellation: { at: now, by: actor.username, reason: cmd.reason } };
  }
}

/** A known error is a problem whose root cause is known and whose workaround is identified (kemenkeu Lampiran I A.17). */
function settleKnownError(c: ProblemCase): ProblemCase {
  return c.state === 'investigating' && c.rootCause && c.workaround ? { ...c, state: 'known_error' } : c;
}

/** Incidents linked from outside (the periodic review, an incident's proposal); already-linked ones are ignored. */
export function linkIncidents(c: ProblemCase, incidents: IncidentRef[]): { kase: ProblemCase; added: IncidentRef[] } {
  const added = dedupeIncidents(incidents).filter((i) => !c.incidents.some((x) => x.id === i.id));
  return { kase: added.length ? { ...c, incidents: [...c.incidents, ...added] } : c, added };
}

export function withKnownError(c: ProblemCase, ref: { id: string; number: string }, now: number): ProblemCase {
  return c.knownError ? c : { ...c, knownError: { ...ref, recordedAt: now } };
}

/** When the effectiveness check is due: the end of the observation period after the fix. */
export function effectivenessCheckDueAt(c: ProblemCase): number | null {
  if (c.state !== 'reviewing' || c.effectivenessCheck || !c.fix?.appliedAt) return null;
  return c.fix.appliedAt + FIX_OBSERVATION.ms;
}

export function withEffectivenessCheck(c: ProblemCase, result: { recurrences: number; incidents: string[] }, now: number): ProblemCase {
  return { ...c, effectivenessCheck: { at: now, ...result } };
}

// ---- the known-error database ---------------------------------------------------------------

export const KNOWN_ERROR_STATUSES = ['workaround', 'change_pending', 'fix_pending', 'fix_applied', 'resolved', 'retired'] as const;
export type KnownErrorStatus = (typeof KNOWN_ERROR_STATUSES)[number];

export interface KnownErrorEntry {
  tenantId: string;
  problemCaseId: string;
  problemNumber: string;
  title: string;
  serviceCode: string | null;
  configurationItems: string[];
  symptoms: string;
  cause: string;
  workaround: string;
  permanentFix: string | null;
  status: KnownErrorStatus;
}

/** The KEDB record of a problem, once it is a known error (kemenkeu F.3.b.6); null before. */
export function knownErrorEntry(c: ProblemCase): KnownErrorEntry | null {
  // After an ineffective fix the analysis restarts; the KEDB keeps the last known cause until a new one is recorded.
  const cause = c.rootCause?.cause ?? c.earlierAnalyses.at(-1)?.cause ?? null;
  if (!c.workaround || cause === null) return null;
  const status: KnownErrorStatus = c.state === 'closed' ? 'resolved' : c.state === 'cancelled' ? 'retired'
    : c.state === 'awaiting_change' ? 'change_pending' : c.state === 'fixing' ? 'fix_pending' : c.state === 'reviewing' ? 'fix_applied' : 'workaround';
  return {
    tenantId: c.input.tenantId, problemCaseId: c.input.caseId, problemNumber: c.input.number, title: c.input.title,
    serviceCode: c.input.service?.code ?? null, configurationItems: c.input.configurationItems, symptoms: c.input.description,
    cause, workaround: c.workaround.text, permanentFix: c.fix?.text ?? null, status,
  };
}

// ---- read model -----------------------------------------------------------------------------

export interface ProblemWaiting { action: ProblemAction; roles: string[] }

export function problemWaitingFor(c: ProblemCase, profile: Profile): ProblemWaiting[] {
  const roles = problemRoles(profile);
  const primary: Record<ProblemState, ProblemAction[]> = {
    logged: ['classify'],
    investigating: [...(c.rootCause ? [] : ['record_root_cause' as const]), ...(c.workaround ? [] : ['record_workaround' as const])],
    known_error: ['propose_fix'], awaiting_change: ['apply_fix'], fixing: ['apply_fix'], reviewing: ['review_fix'], closed: [], cancelled: [],
  };
  return primary[c.state].map((action) => ({ action, roles: RULES[action].roles(roles) }));
}

export function problemSnapshot(c: ProblemCase, profile: Profile) {
  const iso = (t: number) => new Date(t).toISOString();
  const roles = problemRoles(profile);
  const due = effectivenessCheckDueAt(c);
  return {
    state: c.state,
    priority: c.priority,
    assignee: c.handler?.username ?? null,
    waitingFor: problemWaitingFor(c, profile).map((w) => ({ action: w.action, party: { kind: 'role' as const, roles: w.roles } })),
    sla: [] as unknown[],
    dueAt: due === null ? null : iso(due),
    breached: false,
    slaMet: null,
    closedAt: c.closedAt === null ? null : iso(c.closedAt),
    data: {
      title: c.input.title, description: c.input.description, service: c.input.service, configurationItems: c.input.configurationItems,
      openedBy: c.input.openedBy, openedAt: iso(c.input.openedAt), origin: c.input.origin, dedupeKey: c.input.dedupeKey, finding: c.input.finding,
      status: c.state, priority: c.priority, category: c.classification?.category ?? c.input.category, impact: c.classification?.impact ?? c.input.impact,
      classification: c.classification ? { ...c.classification, at: iso(c.classification.at) } : null,
      performerRole: roles.performer, reviewerRole: roles.reviewer, reportToRole: roles.reportTo,
      handler: c.handler,
      rootCause: c.rootCause ? { ...c.rootCause, at: iso(c.rootCause.at) } : null,
      workaround: c.workaround ? { ...c.workaround, at: iso(c.workaround.at) } : null,
      knownError: c.knownError ? { ...c.knownError, recordedAt: iso(c.knownError.recordedAt) } : null,
      fix: c.fix ? { ...c.fix, proposedAt: iso(c.fix.proposedAt), appliedAt: c.fix.appliedAt === null ? null : iso(c.fix.appliedAt) } : null,
      changeHandover: c.changeHandover ? { ...c.changeHandover, recordedAt: iso(c.changeHandover.recordedAt) } : null,
      effectivenessCheck: c.effectivenessCheck ? { ...c.effectivenessCheck, at: iso(c.effectivenessCheck.at) } : null,
      effectivenessCheckDueAt: due === null ? null : iso(due),
      reviews: c.reviews.map((r) => ({ ...r, at: iso(r.at) })),
      earlierAnalyses: c.earlierAnalyses.map((e) => ({ ...e, reviewedAt: iso(e.reviewedAt) })),
      incidents: c.incidents,
      activities: c.activities.map((a) => ({ ...a, at: iso(a.at) })),
      cancellation: c.cancellation ? { ...c.cancellation, at: iso(c.cancellation.at) } : null,
      closedAt: c.closedAt === null ? null : iso(c.closedAt),
    },
  };
}
export type ProblemSnapshot = ReturnType<typeof problemSnapshot>;

// ---- the periodic review ----------------------------------------------------------------------

export interface ReviewPeriod {
  /** '2026-H1', '2026-Q3', '2026', '2026-05', or 'YYYY-MM-DD..YYYY-MM-DD' for a period given by dates. */
  id: string;
  /** [from, to) in epoch milliseconds, local midnight in the tenant's time zone. */
  from: number;
  to: number;
  label: LocalText;
}

const DAY = 86_400_000;
const MONTHS_ID = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function offsetMs(timezone: string): number {
  const minutes = TIMEZONE_OFFSETS_MINUTES[timezone as IndonesianTimezone];
  if (minutes === undefined) throw new Error(`unsupported time zone ${timezone}`);
  return minutes * 60_000;
}

/** Local midnight of the first day of a month (month 1–12, may overflow into the next years). */
function monthStart(year: number, month: number, timezone: string): number {
  return Date.UTC(year, month - 1, 1) - offsetMs(timezone);
}

/**
 * Months between reviews: the profile's frequency (serang B.3.5: at least twice a year → every 6
 * months). Rounded down to a divisor of 12 so the periods tile the calendar year.
 */
export function reviewIntervalMonths(profile: Profile): number | null {
  const f = profile.problemReview?.frequency;
  if (!f) return null;
  const ideal = Math.max(1, Math.floor(f.perMonths / f.atLeast));
  return [12, 6, 4, 3, 2, 1].find((d) => d <= ideal)!;
}

/** The months (1–12) a review starts in, each reviewing the period just ended: [1, 7] for twice a year. */
export function reviewMonths(intervalMonths: number): number[] {
  return Array.from({ length: 12 / intervalMonths }, (_, i) => 1 + i * intervalMonths);
}

function periodOf(year: number, startMonth: number, intervalMonths: number, timezone: string): ReviewPeriod {
  const endMonth = startMonth + intervalMonths - 1;
  const n = (startMonth - 1) / intervalMonths + 1;
  const id = intervalMonths === 12 ? `${year}` : intervalMonths === 6 ? `${year}-H${n}` : intervalMonths === 3 ? `${year}-Q${n}`
    : intervalMonths === 1 ? `${year}-${String(startMonth).padStart(2, '0')}` : `${year}-M${String(startMonth).padStart(2, '0')}-M${String(endMonth).padStart(2, '0')}`;
  const span = (names: string[]) => (startMonth === endMonth ? names[startMonth - 1]! : `${names[startMonth - 1]}–${names[endMonth - 1]}`);
  const label = intervalMonths === 6
    ? { id: `Semester ${n === 1 ? 'I' : 'II'} ${year} (${span(MONTHS_ID)})`, en: `${n === 1 ? 'First' : 'Second'} half of ${year} (${span(MONTHS_EN)})` }
    : { id: `${span(MONTHS_ID)} ${year}`, en: `${span(MONTHS_EN)} ${year}` };
  return { id, from: monthStart(year, startMonth, timezone), to: monthStart(year, endMonth + 1, timezone), label };
}

/** The last period of `intervalMonths` that has ended at `instant` (a review on 1 July 00:00 WIB covers January–June). */
export function periodEndedBy(instant: number, timezone: string, intervalMonths: number): ReviewPeriod {
  const local = new Date(instant + offsetMs(timezone));
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth() + 1;
  // The boundary at or before the instant; the period before it.
  const boundary = month - ((month - 1) % intervalMonths);
  const start = boundary - intervalMonths;
  return start >= 1 ? periodOf(year, start, intervalMonths, timezone) : periodOf(year - 1, start + 12, intervalMonths, timezone);
}

/** Parses a named period ('2026-H1', '2026-Q2', '2026', '2026-05'); null when the text is none of these. */
export function parsePeriod(text: string, timezone: string): ReviewPeriod | null {
  const m = /^(\d{4})(?:-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?$/.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const part = m[2];
  if (!part) return periodOf(year, 1, 12, timezone);
  if (part.startsWith('H')) return periodOf(year, part === 'H1' ? 1 : 7, 6, timezone);
  if (part.startsWith('Q')) return periodOf(year, (Number(part.slice(1)) - 1) * 3 + 1, 3, timezone);
  return periodOf(year, Number(part), 1, timezone);
}

/** A period given by local dates, both inclusive (YYYY-MM-DD); null when they are not a valid range. */
export function periodBetween(fromDate: string, toDate: string, timezone: string): ReviewPeriod | null {
  const parse = (d: string) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d);
    if (!m) return null;
    const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    return new Date(t).toISOString().slice(0, 10) === d ? t : null;
  };
  const from = parse(fromDate);
  const to = parse(toDate);
  if (from === null || to === null || to < from) return null;
  const fmt = (t: number, months: string[]) => { const d = new Date(t); return `${d.getUTCDate()} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()}`; };
  return {
    id: `${fromDate}..${toDate}`, from: from - offsetMs(timezone), to: to + DAY - offsetMs(timezone),
    label: { id: `${fmt(from, MONTHS_ID)} – ${fmt(to, MONTHS_ID)}`, en: `${fmt(from, MONTHS_EN)} – ${fmt(to, MONTHS_EN)}` },
  };
}

/** The recurrence threshold of a profile: `problemReview.recurrenceThreshold` where the profile sets one, else Sigap's default of 3. */
export function recurrenceThreshold(profile: Profile): { value: number; source: Source } {
  return profile.problemReview?.recurrenceThreshold ?? DEFAULT_RECURRENCE_THRESHOLD;
}

/** Categories compare case- and space-insensitively ("Aplikasi  tidak dapat diakses" = "aplikasi tidak dapat diakses"). */
export function normaliseCategory(category: string): string {
  return category.trim().replace(/\s+/g, ' ').toLowerCase();
}

export const dedupeKeys = {
  serviceCategory: (service: string, category: string) => `service-category:${service}:${normaliseCategory(category)}`,
  configurationItem: (ci: string) => `configuration-item:${ci}`,
  unresolved: (incidentId: string) => `unresolved:${incidentId}`,
};

export type FindingOutcome = 'opened' | 'existing' | 'already_handled';

/**
 * Whether a finding opens a problem: not when an open problem already covers the same pattern (its
 * new incidents join that problem), nor when every incident of the finding is already linked to a
 * problem (a re-run after the problem was closed); otherwise a new problem is opened.
 */
export function findingOutcome(openProblemExists: boolean, incidents: Array<{ linked: boolean }>): FindingOutcome {
  if (openProblemExists) return 'existing';
  if (incidents.length > 0 && incidents.every((i) => i.linked)) return 'already_handled';
  return 'opened';
}
