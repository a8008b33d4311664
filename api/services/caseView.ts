// Turns read-model rows into the API's case representation: live SLA clocks, what the case waits
// for and from whom, links, and a link to the workflow in the Temporal web UI.
import type { Profile } from '../../policy/profile.ts';
import { clockView, type SlaClock } from '../../policy/sla.ts';
import type { Waiting } from '../../policy/requestFulfilment.ts';
import type { Config } from '../../config/index.ts';
import type { BusinessCalendar } from '../../policy/calendarTypes.ts';

export interface CaseRow {
  id: string;
  tenant_id: string;
  case_type: string;
  number: string;
  workflow_id: string;
  service_code: string | null;
  title: string;
  state: string;
  priority: string | null;
  requester_username: string;
  assignee_username: string | null;
  waiting_for: Waiting[];
  sla: SlaClock[];
  due_at: Date | string | null;
  breached: boolean;
  sla_met: boolean | null;
  links: unknown[];
  data: Record<string, unknown>;
  last_seq: number;
  created_at: Date | string;
  updated_at: Date | string;
  closed_at: Date | string | null;
}

export const CASE_COLUMNS = `id, tenant_id, case_type, number, workflow_id, service_code, title, state, priority,
  requester_username, assignee_username, waiting_for, sla, due_at, breached, sla_met, links, data, last_seq,
  created_at, updated_at, closed_at`;

function iso(v: Date | string): string;
function iso(v: Date | string | null): string | null;
function iso(v: Date | string | null): string | null {
  return v === null ? null : new Date(v).toISOString();
}

export function caseView(row: CaseRow, profile: Profile, config: Config, now: number, calendar: BusinessCalendar) {
  const roleTitle = (id: string) => profile.roles.find((r) => r.id === id)?.title ?? { id, en: id };
  return {
    id: row.id,
    type: row.case_type,
    number: row.number,
    tenantId: row.tenant_id,
    title: row.title,
    service: row.service_code,
    state: row.state,
    priority: row.priority,
    requester: row.requester_username,
    assignee: row.assignee_username,
    waitingFor: row.waiting_for.map((w) => ({
      action: w.action,
      from: w.party.kind === 'role'
        ? { roles: w.party.roles.map((r) => ({ id: r, title: roleTitle(r) })) }
        : w.party.kind === 'requester' ? { user: w.requester } : { user: w.assignee ?? null, orRoles: w.party.orRoles.map((r) => ({ id: r, title: roleTitle(r) })) },
    })),
    sla: row.sla.map((c) => clockView(c, now, calendar)),
    dueAt: iso(row.due_at),
    breached: row.breached,
    slaMet: row.sla_met,
    links: row.links,
    data: row.data,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    closedAt: iso(row.closed_at),
    workflow: {
      id: row.workflow_id,
      url: `${config.temporalUiUrl}/namespaces/${encodeURIComponent(config.TEMPORAL_NAMESPACE)}/workflows/${encodeURIComponent(row.workflow_id)}`,
    },
  };
}
export type CaseView = ReturnType<typeof caseView>;
