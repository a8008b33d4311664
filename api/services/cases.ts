// Reading cases (list, one, timeline) and acting on them. Acting sends the update to the workflow — the
// source of truth — whose validator refuses what the case does not wait for from this person; the workflow
// records the step in the read model before the update returns, so the response shows the new state.
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError, WorkflowNotFoundError, type WorkflowHandle } from '@temporalio/client';
import type { EntityManager } from '@mikro-orm/postgresql';
import { readCalendar } from '../../db/calendar.ts';
import { toPrefixTsQuery } from '../../db/search.ts';
import type { DelegationRecord } from '../../policy/delegation.ts';
import { REFUSAL_ERROR_TYPE } from '../../workflows/messages.ts';
import { actorOf, fallbackRoleOf, type Principal } from '../auth/principal.ts';
import { readableCaseTypes, requireCaseScope } from '../auth/scopes.ts';
import { pgTextArray } from '../../db/pgArray.ts';
import type { ApiDeps } from '../deps.ts';
import { problem, ProblemError } from '../http/problem.ts';
import type { Lang } from '../http/messages.ts';
import { validate } from '../http/validation.ts';
import { CASE_COLUMNS, caseView, type CaseRow, type CaseView } from './caseView.ts';
import { loadTenant, profileOf } from './tenants.ts';
import { processOf, type AnyRefusal, type ProcessModule } from './processes.ts';
import type { Profile } from '../../policy/profile.ts';

export async function loadCaseRow(em: EntityManager, tenantId: string, caseIdOrNumber: string): Promise<CaseRow> {
  const byId = /^[0-9a-f-]{36}$/i.test(caseIdOrNumber);
  const [row] = await em.execute<CaseRow[]>(
    `select ${CASE_COLUMNS} from sigap_case where tenant_id = ? and ${byId ? 'id = ?::uuid' : 'number = ?'}`,
    [tenantId, caseIdOrNumber],
  );
  if (!row) throw problem(404, 'case_not_found', { id: caseIdOrNumber });
  return row;
}

/** Staff see every case of their tenant; a requester sees their own. */
export function canSee(principal: Principal, row: CaseRow): boolean {
  if (principal.apiKeyId) return true;
  if (row.requester_username === principal.username || row.assignee_username === principal.username) return true;
  return principal.roles.some((r) => r !== 'requester');
}

/** `readScope`: an API key needs `<process>:read` (not when answering its own create or action with the case). */
export async function getCase(deps: ApiDeps, principal: Principal, id: string, readScope = false): Promise<CaseView> {
  const em = deps.orm.em.fork();
  const row = await loadCaseRow(em, principal.tenantId, id);
  if (!canSee(principal, row)) throw problem(404, 'case_not_found', { id });
  if (readScope) requireCaseScope(principal, row.case_type, 'read');
  const tenant = await loadTenant(em, principal.tenantId);
  return caseView(row, profileOf(tenant), deps.config, deps.now(), await readCalendar(em, principal.tenantId));
}

export interface CaseFilters {
  type?: string | undefined; status?: string | undefined; service?: string | undefined; priority?: string | undefined;
  breached?: boolean | undefined; text?: string | undefined; page: number; pageSize: number;
}

export async function listCases(deps: ApiDeps, principal: Principal, f: CaseFilters) {
  const em = deps.orm.em.fork();
  const tenant = await loadTenant(em, principal.tenantId);
  const where: string[] = ['tenant_id = ?'];
  const params: unknown[] = [principal.tenantId];
  const add = (sql: string, value: unknown) => { where.push(sql); params.push(value); };
  if (f.type) add('case_type = ?', f.type);
  if (f.status) add('state = ?', f.status);
  if (f.service) add('service_code = ?', f.service);
  if (f.priority) add('priority = ?', f.priority);
  if (f.breached !== undefined) add('breached = ?', f.breached);
  if (f.text) {
    // Full-text over number and title (GIN-indexed generated column; every word as a prefix).
    const query = toPrefixTsQuery(f.text);
    if (query === null) return { items: [], page: f.page, pageSize: f.pageSize, total: 0 };
    add(`search_vector @@ to_tsquery('simple', ?)`, query);
  }
  if (!principal.apiKeyId && !principal.roles.some((r) => r !== 'requester')) {
    add('(requester_username = ? or assignee_username = ?)', principal.username);
    params.push(principal.username);
  }
  const readable = readableCaseTypes(principal); // an API key lists only the processes it may read
  if (readable) add('case_type = any(?::text[])', pgTextArray(readable));
  const whereSql = where.join(' and ');
  const [count] = await em.execute<Array<{ total: string }>>(`select count(*) as total from sigap_case where ${whereSql}`, params);
  const rows = await em.execute<CaseRow[]>(
    `select ${CASE_COLUMNS} from sigap_case where ${whereSql} order by created_at desc, number desc limit ? offset ?`,
    [...params, f.pageSize, (f.page - 1) * f.pageSize],
  );
  const now = deps.now();
  const calendar = await readCalendar(em, principal.tenantId);
  return { items: rows.map((r) => caseView(r, profileOf(tenant), deps.config, now, calendar)), page: f.page, pageSize: f.pageSize, total: Number(count?.total ?? 0) };
}

/**
 * Open cases that wait for the principal (console inbox): a step for one of their roles (own or delegated),
 * for them as the requester, or for them as the assignee (or, while nobody is assigned, for the roles that
 * may act instead). Soonest due first. Whether they may really act is the workflow's check (caseActions.ts).
 */
export async function listWaitingFor(deps: ApiDeps, principal: Principal, f: { page: number; pageSize: number }) {
  const em = deps.orm.em.fork();
  const tenant = await loadTenant(em, principal.tenantId);
  const roles = pgTextArray(principal.roles);
  const me = principal.username;
  const whereSql = `tenant_id = ? and closed_at is null and exists (
      select 1 from jsonb_array_elements(waiting_for) w where
        (w->'party'->>'kind' = 'role' and jsonb_exists_any(w->'party'->'roles', ?::text[]))
        or (w->'party'->>'kind' = 'requester' and coalesce(w->>'requester', requester_username) = ?)
        or (w->'party'->>'kind' = 'assignee' and (coalesce(w->>'assignee', assignee_username) = ?
            or (coalesce(w->>'assignee', assignee_username) is null and jsonb_exists_any(w->'party'->'orRoles', ?::text[])))))`;
  const params: unknown[] = [principal.tenantId, roles, me, me, roles];
  const readable = readableCaseTypes(principal);
  const scoped = readable ? `${whereSql} and case_type = any(?::text[])` : whereSql;
  if (readable) params.push(pgTextArray(readable));
  const [count] = await em.execute<Array<{ total: string }>>(`select count(*) as total from sigap_case where ${scoped}`, params);
  const rows = await em.execute<CaseRow[]>(
    `select ${CASE_COLUMNS} from sigap_case where ${scoped} order by due_at asc nulls last, created_at asc limit ? offset ?`,
    [...params, f.pageSize, (f.page - 1) * f.pageSize],
  );
  const now = deps.now();
  const calendar = await readCalendar(em, principal.tenantId);
  return { items: rows.map((r) => caseView(r, profileOf(tenant), deps.config, now, calendar)), page: f.page, pageSize: f.pageSize, total: Number(count?.total ?? 0) };
}

export async function getTimeline(deps: ApiDeps, principal: Principal, id: string) {
  const em = deps.orm.em.fork();
  const row = await loadCaseRow(em, principal.tenantId, id);
  if (!canSee(principal, row)) throw problem(404, 'case_not_found', { id });
  requireCaseScope(principal, row.case_type, 'read');
  const events = await em.execute<Array<{ seq: number; at: Date; actor: string; actor_role: string | null; action: string; payload: unknown; prev_hash: string | null; hash: string; actor_name: string | null }>>(
    `select e.seq, e.at, e.actor, e.actor_role, e.action, e.payload, e.prev_hash, e.hash, u.name as actor_name
     from case_event e left join app_user u on u.tenant_id = ? and u.username = e.actor
     where e.case_id = ? order by e.seq`,
    [principal.tenantId, row.id],
  );
  return {
    caseId: row.id,
    number: row.number,
    events: events.map((e) => ({
      seq: e.seq, at: new Date(e.at).toISOString(), actor: { username: e.actor, name: e.actor_name ?? (e.actor === 'system' ? 'Sigap' : e.actor), role: e.actor_role },
      action: e.action, payload: e.payload, prevHash: e.prev_hash, hash: e.hash, delegation: underDelegation(e.payload),
    })),
  };
}

/** Under whose authority an event was taken, when its actor acted as Plt./Plh. (workflows/projection.ts records it). */
function underDelegation(payload: unknown) {
  const d = (payload as { delegation?: DelegationRecord } | null)?.delegation;
  if (!d || typeof d !== 'object') return null;
  return { id: d.id, kind: d.kind, role: d.role, delegator: { username: d.delegator, name: d.delegatorName }, until: d.until };
}

/** Takes an action on a case of any process. Idempotency-Key makes a retried POST return the first result. */
export async function actOnCase(deps: ApiDeps, principal: Principal, id: string, action: string, rawBody: unknown, idempotencyKey: string | null, lang: Lang = 'id'): Promise<CaseView> {
  const em = deps.orm.em.fork();
  const row = await loadCaseRow(em, principal.tenantId, id);
  if (!canSee(principal, row)) throw problem(404, 'case_not_found', { id });
  const process = processOf(row.case_type);
  const schema = process?.bodies[action];
  if (!process || !schema) throw problem(422, 'action_not_supported', { action, type: row.case_type });
  requireCaseScope(principal, row.case_type, 'act', action);
  const parsed = await validate(schema, rawBody ?? {}, 'body', lang);
  if (!parsed.ok) throw problem(400, 'validation_failed', {}, { errors: parsed.errors });
  const tenant = await loadTenant(em, principal.tenantId);
  const profile = profileOf(tenant);
  const command = await process.toCommand(em, principal.tenantId, action, parsed.value as Record<string, unknown>, profile);

  const updateId = idempotencyKey ? `${principal.username}:${idempotencyKey}` : randomUUID();
  // A retried POST whose first attempt went through returns the same case, even once it is closed.
  if (idempotencyKey && (await updateAlreadyApplied(em, row.id, updateId))) return caseView(row, profile, deps.config, deps.now(), await readCalendar(em, principal.tenantId));
  if (row.closed_at !== null) throw problem(409, 'case_closed', { state: row.state });

  // No query first: the update's validator refuses what the case does not wait for, and the workflow
  // names the role the person acts in (own roles first, then each delegation in force).
  const handle = deps.temporal.workflow.getHandle(row.workflow_id);
  const fallbackRole = fallbackRoleOf(principal);
  try {
    await process.execute(handle, { actor: actorOf(principal), command, updateId, ...(fallbackRole ? { fallbackRole } : {}) }, updateId);
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) {
      const cause = err.cause as { type?: string; details?: unknown[] } | undefined;
      if (cause?.type === REFUSAL_ERROR_TYPE && cause.details?.[0]) {
        const refusal = cause.details[0] as AnyRefusal;
        throw process.answer?.(refusal) ?? refusalProblem(refusal);
      }
    }
    if (err instanceof WorkflowNotFoundError) throw problem(409, 'case_closed', { state: row.state });
    throw err;
  }
  return caseView(await loadCaseRow(em, principal.tenantId, row.id), profile, deps.config, deps.now(), await readCalendar(em, principal.tenantId));
}

/**
 * Who acts, in which role: in their own right when their own roles allow the act; otherwise under the
 * first delegation in force that allows it (its roles are tried first, so the decision is recorded in the
 * delegated role). When nothing allows it, the refusal is the one for every role together.
 */
export async function checkActing(process: ProcessModule, handle: WorkflowHandle, command: unknown, principal: Principal, profile: Profile) {
  const delegations = principal.delegations ?? [];
  const attempt = async (who: Principal) => {
    const actor = actorOf(who);
    return { ...(await process.check(handle, command, actor, who, profile)), actor };
  };
  if (delegations.length === 0) return attempt(principal);
  const ownRoles = principal.ownRoles ?? principal.roles.filter((r) => !delegations.some((d) => d.roles.includes(r)));
  const refusedOrThrown = async (who: Principal) => {
    try {
      const result = await attempt(who);
      return result.refusal ? null : result;
    } catch (err) {
      if (err instanceof ProblemError) return null;
      throw err;
    }
  };
  const own = await refusedOrThrown({ ...principal, roles: ownRoles, delegations: [] });
  if (own) return own;
  for (const d of delegations) {
    const under = await refusedOrThrown({ ...principal, roles: [...d.roles, ...ownRoles], delegations: [d] });
    if (under) return { ...under, actor: { ...under.actor, roles: [...ownRoles, ...d.roles] } };
  }
  return attempt(principal);
}

async function updateAlreadyApplied(em: EntityManager, caseId: string, updateId: string): Promise<boolean> {
  const [row] = await em.execute<unknown[]>(`select 1 from case_event where case_id = ? and payload->>'updateId' = ?`, [caseId, updateId]);
  return row !== undefined;
}

export function refusalProblem(r: AnyRefusal) {
  switch (r.code) {
    case 'missing_role': return problem(403, 'missing_role', { roles: r.roles });
    case 'not_your_case': return problem(403, 'not_your_case');
    case 'segregation_of_duties': return problem(403, 'segregation_of_duties');
    case 'delegation_expired': return problem(403, 'delegation_expired', { role: r.role, until: r.until });
    case 'not_waiting_for_action': return problem(409, 'not_waiting_for_action', { state: 'state' in r ? r.state : `step:${r.step}` });
    case 'case_closed': return problem(409, 'case_closed', { state: 'state' in r ? r.state : 'completed' });
    case 'rating_out_of_range': return problem(400, 'rating_out_of_range', { min: r.min, max: r.max });
    case 'not_implemented_reclassification': return problem(422, 'not_implemented_reclassification', { classification: r.classification });
    case 'no_security_team': return problem(422, 'no_security_team');
    case 'incident_details_required': return problem(422, 'incident_details_required');
    case 'sop_branch_required': return problem(422, 'sop_branch_required', { options: r.options });
    case 'sop_branch_unknown': return problem(422, 'sop_branch_unknown', { options: r.options });
    default: return problem(422, 'business_rule', { rule: (r as { code: string }).code });
  }
}
