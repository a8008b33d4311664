// The intake record of a new case, written in one transaction: case number, case row, audit
// event 0 and the pending submission whose workflow start follows. Used by the API (a user or an
// integrator submits) and by activities (a case opens another: a request reclassified as an incident).
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { eventHash } from '../activities/audit.ts';
import type { BusinessCalendar } from '../policy/calendarTypes.ts';
import { readCalendar } from './calendar.ts';
import { nextCaseNumber } from './counters.ts';

export const CASE_PREFIXES = { request: 'REQ', incident: 'INC', problem: 'PRB', maintenance: 'PML', release: 'RLS', change: 'CHG', disaster: 'BCN', drp: 'DRP', availability: 'AVL', evaluation: 'EVL' } as const;
export type CaseType = keyof typeof CASE_PREFIXES;

export interface IntakeRow {
  serviceCode: string | null; title: string; state: string; priority: string | null; requester: string;
  waitingFor: unknown[]; sla: unknown[]; dueAt: string | null; data: Record<string, unknown>; links: unknown[];
}

export interface IntakeWrite<I> {
  kind: CaseType;
  tenantId: string;
  at: number;
  timezone: string;
  input(ids: { caseId: string; number: string; at: number; calendar: BusinessCalendar }): I;
  row(input: I): IntakeRow;
  event: { actor: string; actorRole: string; payload: Record<string, unknown> };
  submission: { idempotencyKey: string | null; principal: string; requestHash: string };
  alsoWrite?: (tx: EntityManager, input: I) => Promise<void>;
}

/** Intl.DateTimeFormat per time zone: constructing one costs about a millisecond. */
const yearFormats = new Map<string, Intl.DateTimeFormat>();
function yearIn(timezone: string, at: number): number {
  let format = yearFormats.get(timezone);
  if (!format) yearFormats.set(timezone, format = new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: timezone }));
  return Number(format.format(at));
}

/**
 * Every submission of a tenant's case type and year queues on its counter row from the number until
 * the commit, so that stretch is kept short: the calendar is read before it, and the case row, audit
 * event 0 and the submission go in one statement after it.
 */
export async function writeIntake<I>(em: EntityManager, w: IntakeWrite<I>): Promise<{ caseId: string; workflowId: string; input: I }> {
  const caseId = randomUUID();
  const year = yearIn(w.timezone, w.at);
  let result!: { caseId: string; workflowId: string; input: I };
  await em.transactional(async (tx) => {
    const calendar = await readCalendar(tx, w.tenantId);
    const number = await nextCaseNumber(tx, w.tenantId, w.kind, CASE_PREFIXES[w.kind], year);
    const workflowId = `${w.kind}:${w.tenantId}:${number}`;
    const input = w.input({ caseId, number, at: w.at, calendar });
    const row = w.row(input);
    const at = new Date(w.at).toISOString();
    const hash = eventHash(null, { caseId, seq: 0, at, actor: w.event.actor, actorRole: w.event.actorRole, action: 'submitted', payload: w.event.payload });
    await tx.execute(
      `with kase as (
         insert into sigap_case (id, tenant_id, case_type, number, workflow_id, service_code, title, state, priority,
           requester_username, assignee_username, waiting_for, sla, due_at, breached, sla_met, links, data, last_seq, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, ?::jsonb, ?::jsonb, ?, false, null, ?::jsonb, ?::jsonb, 0, ?, ?)
         returning id
       ), event0 as (
         insert into case_event (case_id, seq, at, actor, actor_role, action, payload, prev_hash, hash)
         select id, 0, ?, ?, ?, 'submitted', ?::jsonb, null, ? from kase
       )
       insert into submission (id, tenant_id, kind, idempotency_key, principal, request_hash, body, case_id, workflow_id, status, attempts, created_at)
       select ?, ?, ?, ?, ?, ?, ?::jsonb, id, ?, 'pending', 0, ? from kase`,
      [caseId, w.tenantId, w.kind, number, workflowId, row.serviceCode, row.title, row.state, row.priority, row.requester,
        JSON.stringify(row.waitingFor), JSON.stringify(row.sla), row.dueAt, JSON.stringify(row.links), JSON.stringify(row.data), at, at,
        at, w.event.actor, w.event.actorRole, JSON.stringify(w.event.payload), hash,
        randomUUID(), w.tenantId, w.kind, w.submission.idempotencyKey, w.submission.principal, w.submission.requestHash, JSON.stringify({ input }), workflowId, at],
    );
    await w.alsoWrite?.(tx, input);
    result = { caseId, workflowId, input };
  });
  return result;
}
