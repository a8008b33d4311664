// The activity interface workflows call. Implementations live in this folder and own every side
// effect; each is idempotent, so a retry never writes a second row or sends a second message.
import type { BusinessCalendar } from '../policy/calendarTypes.ts';
import type { IncidentInput } from '../policy/incident.ts';
import type { HttpCheckCriterion, HttpStepSpec, StepOutcome } from '../policy/releasePlan.ts';
import type { ChangeConflict } from '../policy/change.ts';
import type { FindingKind, FindingOutcome, IncidentRef, KnownErrorEntry, ProblemInput } from '../policy/problem.ts';

/** One audit event plus the read-model projection it leads to, written in one transaction. */
export interface RecordTransitionInput {
  caseId: string;
  tenantId: string;
  seq: number;
  at: number;
  actor: string;
  actorRole: string | null;
  action: string;
  payload: Record<string, unknown>;
  snapshot: {
    state: string;
    priority: string | null;
    assignee: string | null;
    waitingFor: unknown[];
    sla: unknown[];
    dueAt: string | null;
    breached: boolean;
    slaMet: boolean | null;
    closedAt: string | null;
    data: Record<string, unknown>;
    /** When given, replaces the case's links to other cases. */
    links?: unknown[] | undefined;
  };
}

export interface NotifyInput {
  /** Unique per message and case: the same key never sends twice. */
  dedupeKey: string;
  tenantId: string;
  caseId: string;
  template: string;
  /** Recipients: everyone holding a role in the tenant, and/or named users. */
  toRoles?: string[];
  toUsers?: string[];
  params: Record<string, unknown>;
}

export interface NotifyResult {
  sent: number;
  skipped: number;
}

export interface OpenCasesPage {
  workflowIds: string[];
  /** Pass as `after` for the next page; null when there is none. */
  next: string | null;
}

/** A request the service desk found to be an incident: the incident's intake, written once. */
export interface OpenLinkedIncidentInput {
  tenantId: string;
  from: { caseId: string; number: string; type: 'request' | 'disaster' };
  reporter: { username: string; name: string };
  actor: string;
  symptoms: string;
  incident: { service: { code: string; name: string; serviceType: 'publik' | 'administrasi'; classification: 'kritis' | 'esensial' | 'normal' }; impact: 'mayor' | 'minor'; category: string };
  channel: 'portal' | 'phone' | 'letter' | 'email';
}

/** A finding a process records for the evaluation; once per dedupe key. */
export interface RecordFindingInput {
  dedupeKey: string;
  tenantId: string;
  caseId: string | null;
  caseNumber: string | null;
  process: 'change' | 'release' | 'incident' | 'problem' | 'request' | 'disaster' | 'evaluation';
  kind: string;
  severity: 'low' | 'medium' | 'high';
  /** Bahasa Indonesia first, English second. */
  summary: { id: string; en: string };
  detail?: Record<string, unknown> | undefined;
  at: number;
}

export interface SigapActivities {
  recordTransition(input: RecordTransitionInput): Promise<void>;
  /** Several events of one case in one transaction, in seq order (a folded reminder with the next event); idempotent like recordTransition. */
  recordTransitions(inputs: RecordTransitionInput[]): Promise<void>;
  /** Records a finding for the evaluation (idempotent by dedupe key). */
  recordFinding(input: RecordFindingInput): Promise<{ id: string; created: boolean }>;
  notify(input: NotifyInput): Promise<NotifyResult>;
  /** The tenant's current business calendar (working week, holidays, version). */
  loadCalendar(tenantId: string): Promise<BusinessCalendar>;
  /** Workflow ids of the tenant's open cases, in pages ordered by id. */
  listOpenCases(input: { tenantId: string; after: string | null; limit: number }): Promise<OpenCasesPage>;
  /** Writes the intake of an incident opened from a request (idempotent per request). */
  openLinkedIncident(input: OpenLinkedIncidentInput): Promise<{ caseId: string; number: string; workflowId: string; input: IncidentInput }>;
}

// ---- problem management, the KEDB and the periodic review (activities/problems.ts) ----

/** An incident as the periodic review's scan reports it. */
export interface ScannedIncident extends IncidentRef {
  serviceCode: string | null;
  category: string;
  configurationItems: string[];
  symptoms: string;
  /** Already linked to some problem. */
  linked: boolean;
}

/** One pattern the scan found: a recurrence (≥ threshold) or one unresolved incident. */
export interface ScanFinding {
  key: string;
  kind: FindingKind;
  count: number;
  service: string | null;
  category: string | null;
  configurationItem: string | null;
  incidents: ScannedIncident[];
}

export interface ReviewScan {
  totals: { incidents: number; closed: number; open: number };
  findings: ScanFinding[];
}

/** What became of a finding or a proposal: a new problem (to start), an open one to join, or nothing. */
export interface ProblemLinkResult {
  outcome: FindingOutcome;
  problem: { caseId: string; number: string; workflowId: string } | null;
  /** The workflow input of a newly opened problem (its intake is written; the caller starts it). */
  input: ProblemInput | null;
  /** Incidents to link to an existing open problem. */
  newIncidents: IncidentRef[];
}

export interface ProblemActivities {
  /** Links incidents and a problem both ways (sigap_case.links of each); idempotent. */
  linkCases(input: { tenantId: string; problem: { id: string; number: string }; incidents: IncidentRef[] }): Promise<void>;
  /** Writes or updates the problem's known-error record in the KEDB; returns its id and number. */
  recordKnownError(entry: KnownErrorEntry): Promise<{ id: string; number: string }>;
  /** Incidents since a fix that match the problem's service and category or its configuration items. */
  countRecurrences(input: { tenantId: string; since: number; serviceCode: string | null; category: string | null; configurationItems: string[]; exclude: string[] }): Promise<{ recurrences: number; incidents: string[] }>;
  /** The tenant's profile id, overrides and time zone (a scheduled review carries only the tenant). */
  loadReviewContext(input: { tenantId: string }): Promise<{ profileId: string; profileOverrides: Record<string, unknown> | null; tenantName: string }>;
  /** The review's case row and audit event 0, once per workflow id. */
  beginProblemReview(input: { tenantId: string; caseId: string; workflowId: string; at: number; timezone: string; title: string; requestedBy: string; data: Record<string, unknown> }): Promise<{ caseId: string; number: string }>;
  /** SQL aggregates over the period's incidents: recurrences and unresolved incidents (never every row). */
  scanIncidentsForReview(input: { tenantId: string; from: number; to: number; threshold: number }): Promise<ReviewScan>;
  /** Opens a problem for a finding (once per pattern and period) or finds the open one covering it. */
  openProblemForFinding(input: { tenantId: string; review: { caseId: string; number: string }; period: { id: string; from: number; to: number; label: string }; finding: ScanFinding }): Promise<ProblemLinkResult>;
  /** An incident's proposal for problem management: opens a problem or finds the open one for its pattern. */
  openProblemForIncident(input: { tenantId: string; incidentCaseId: string; proposedBy: { username: string; name: string }; actorRole: string | null; note: string; proposalSeq: number }): Promise<ProblemLinkResult>;
}

// ---- release steps and handover (activities/steps.ts, activities/releases.ts) ----

export interface RunStepInput {
  tenantId: string;
  caseId: string;
  releaseNumber: string;
  phase: 'deploy' | 'rollback';
  step: HttpStepSpec;
  /** `stepIdempotencyKey(caseId, phase, step.id, run)`: the same on every retry of one run. */
  idempotencyKey: string;
}

export interface ReleaseActivities {
  /** One deploy step against the deployment system (protocol in policy/releasePlan.ts). */
  runDeployStep(input: RunStepInput): Promise<StepOutcome>;
  /** One rollback step; same protocol. */
  runRollbackStep(input: RunStepInput): Promise<StepOutcome>;
  /** An HTTP health check for one evaluation criterion, tried `attempts` times. */
  checkCriterion(input: { tenantId: string; caseId: string; criterion: HttpCheckCriterion }): Promise<StepOutcome>;
  /** Renders the Berita Acara Serah Terima (dpr Pasal 15) and stores it as a document of the case; once per case. */
  renderHandover(input: { tenantId: string; caseId: string; number: string; data: Record<string, unknown> }): Promise<{ documentId: string; sha256: string }>;
  /** Marks the services handed over at this instant (service.handed_over_at). */
  recordServiceHandover(input: { tenantId: string; services: string[]; at: number }): Promise<void>;
}

// ---- change management (activities/changes.ts) ----

export interface ChangeWindowInput {
  tenantId: string;
  caseId: string;
  number: string;
  services: string[];
  /** Epoch milliseconds, [start, end). */
  window: { start: number; end: number };
}

export interface ChangeActivities {
  /** Changes holding an overlapping window on a shared service, and overlapping blackout periods (the change itself excluded). */
  findChangeConflicts(input: ChangeWindowInput): Promise<ChangeConflict[]>;
  /**
   * Under a per-tenant advisory lock: re-checks the conflicts and, when there are none (or `force`,
   * for emergency changes that run now), inserts or moves the change's row in change_window.
   */
  reserveChangeWindow(input: ChangeWindowInput & { force?: boolean | undefined }): Promise<{ reserved: boolean; conflicts: ChangeConflict[] }>;
  /** Frees the change's window (implemented, cancelled, rejected, closed); idempotent. */
  releaseChangeWindow(input: { tenantId: string; caseId: string }): Promise<void>;
}
