// The activity interface workflows call. Implementations live in this folder and own every side
// effect; each is idempotent, so a retry never writes a second row or sends a second message.
import type { BusinessCalendar } from '../policy/calendarTypes.ts';
import type { IncidentInput } from '../policy/incident.ts';

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
  from: { caseId: string; number: string; type: 'request' };
  reporter: { username: string; name: string };
  actor: string;
  symptoms: string;
  incident: { service: { code: string; name: string; serviceType: 'publik' | 'administrasi'; classification: 'kritis' | 'esensial' | 'normal' }; impact: 'mayor' | 'minor'; category: string };
  channel: 'portal' | 'phone' | 'letter' | 'email';
}

export interface SigapActivities {
  recordTransition(input: RecordTransitionInput): Promise<void>;
  notify(input: NotifyInput): Promise<NotifyResult>;
  /** The tenant's current business calendar (working week, holidays, version). */
  loadCalendar(tenantId: string): Promise<BusinessCalendar>;
  /** Workflow ids of the tenant's open cases, in pages ordered by id. */
  listOpenCases(input: { tenantId: string; after: string | null; limit: number }): Promise<OpenCasesPage>;
  /** Writes the intake of an incident opened from a request (idempotent per request). */
  openLinkedIncident(input: OpenLinkedIncidentInput): Promise<{ caseId: string; number: string; workflowId: string; input: IncidentInput }>;
}
