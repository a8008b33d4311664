// The improvement register: the follow-up actions of published evaluations (serang BAB IV E.2.3 c
// «Tindak lanjut penyempurnaan») and entries recorded directly (dpr Pasal 23 «daftar register
// Perbaikan Berkelanjutan yang memuat rekomendasi perbaikan»). An action is open until it is
// completed (with its resolution) or dropped (with the reason); rows are never deleted, and the
// next evaluation shows each as done or not (db/evaluationFigures.ts followUps).
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { IMPROVEMENT_COUNTER, IMPROVEMENT_PREFIX } from '../../activities/evaluations.ts';
import { nextCaseNumber } from '../../db/counters.ts';
import { improvementRefusal } from '../../policy/evaluation.ts';
import type { Principal } from '../auth/principal.ts';
import type { ApiDeps } from '../deps.ts';
import { problem } from '../http/problem.ts';
import type { ImprovementBody } from '../schemas/evaluations.ts';
import { loadCaseRow } from './cases.ts';
import { principalKeyOf } from './intake.ts';
import { loadTenant, profileOf } from './tenants.ts';

/** Who records register entries (design: the head of unit, the service coordinator, the administrator). */
export const REGISTER_ROLES = ['head_of_unit', 'service_coordinator', 'administrator'];

interface ActionRow {
  id: string; number: string; origin: 'evaluation' | 'register'; evaluation_case_id: string | null; evaluation_number: string | null; chapter: string | null;
  description: string; method: string | null; recommendation_kind: string | null; owner_role: string | null; due_on: string | null;
  status: 'open' | 'done' | 'dropped'; resolution: string | null; resolved_by: string | null; resolved_at: Date | null;
  created_by: string; created_at: Date; version: number; overdue: boolean;
}

const SELECT = `select a.id, a.number, a.origin, a.evaluation_case_id, c.number as evaluation_number, a.chapter, a.description, a.method,
  a.recommendation_kind, a.owner_role, to_char(a.due_on, 'YYYY-MM-DD') as due_on, a.status, a.resolution, a.resolved_by, a.resolved_at,
  a.created_by, a.created_at, a.version, (a.status = 'open' and a.due_on is not null and a.due_on < (now() at time zone t.timezone)::date) as overdue
  from improvement_action a join tenant t on t.id = a.tenant_id left join sigap_case c on c.id = a.evaluation_case_id`;

const view = (r: ActionRow) => ({
  id: r.id, number: r.number, origin: r.origin,
  evaluation: r.evaluation_case_id ? { id: r.evaluation_case_id, number: r.evaluation_number ?? '' } : null, chapter: r.chapter,
  description: r.description, method: r.method, recommendationKind: r.recommendation_kind, ownerRole: r.owner_role, dueOn: r.due_on,
  status: r.status, overdue: r.overdue, resolution: r.resolution, resolvedBy: r.resolved_by, resolvedAt: r.resolved_at ? new Date(r.resolved_at).toISOString() : null,
  createdBy: r.created_by, createdAt: new Date(r.created_at).toISOString(), version: r.version,
});
export type ImprovementView = ReturnType<typeof view>;

async function loadAction(em: EntityManager, tenantId: string, idOrNumber: string): Promise<ActionRow> {
  const isUuid = /^[0-9a-f-]{36}$/i.test(idOrNumber);
  const [row] = await em.execute<ActionRow[]>(`${SELECT} where a.tenant_id = ? and ${isUuid ? 'a.id = ?::uuid' : 'a.number = ?'}`, [tenantId, idOrNumber]);
  if (!row) throw problem(404, 'improvement_not_found', { id: idOrNumber });
  return row;
}

/** GET /improvements?status=&evaluation=: the register, oldest first. */
export async function listImprovements(deps: ApiDeps, principal: Principal, q: { status?: string | undefined; evaluation?: string | undefined }) {
  const em = deps.orm.em.fork();
  const where = ['a.tenant_id = ?'];
  const params: unknown[] = [principal.tenantId];
  if (q.status) { where.push('a.status = ?'); params.push(q.status); }
  if (q.evaluation) {
    const row = await loadCaseRow(em, principal.tenantId, q.evaluation);
    if (row.case_type !== 'evaluation') throw problem(404, 'case_not_found', { id: q.evaluation });
    where.push('a.evaluation_case_id = ?'); params.push(row.id);
  }
  const rows = await em.execute<ActionRow[]>(`${SELECT} where ${where.join(' and ')} order by a.created_at, a.number limit 1000`, params);
  return { items: rows.map(view) };
}

/** POST /improvements: a register entry (origin 'register'). */
export async function createImprovement(deps: ApiDeps, principal: Principal, body: ImprovementBody) {
  const em = deps.orm.em.fork();
  const tenant = await loadTenant(em, principal.tenantId);
  const refusal = improvementRefusal(profileOf(tenant), body);
  if (refusal) throw problem(422, refusal.code, refusal.params);
  const at = deps.now();
  const year = Number(new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: tenant.timezone }).format(at));
  const id = randomUUID();
  await em.transactional(async (tx) => {
    const number = await nextCaseNumber(tx, principal.tenantId, IMPROVEMENT_COUNTER, IMPROVEMENT_PREFIX, year);
    await tx.execute(
      `insert into improvement_action (id, tenant_id, number, origin, description, method, recommendation_kind, owner_role, due_on, created_by, created_at, updated_at)
       values (?, ?, ?, 'register', ?, ?, ?, ?, ?, ?, ?, ?)`,
      [id, principal.tenantId, number, body.description, body.method ?? null, body.recommendationKind ?? null, body.ownerRole ?? null, body.dueOn ?? null,
        principalKeyOf(principal), new Date(at).toISOString(), new Date(at).toISOString()]);
  });
  return view(await loadAction(em, principal.tenantId, id));
}

/**
 * POST /improvements/{id}/complete|drop: by the owner role, the evaluation's approver or an
 * administrator; only while open (409); If-Match (the version) guards against a concurrent change (412).
 */
export async function resolveImprovement(deps: ApiDeps, principal: Principal, id: string, outcome: 'done' | 'dropped', text: string, ifMatch: number | null) {
  const em = deps.orm.em.fork();
  const profile = profileOf(await loadTenant(em, principal.tenantId));
  const row = await loadAction(em, principal.tenantId, id);
  const allowed = [...new Set([...(row.owner_role ? [row.owner_role] : []), profile.evaluation.approvedBy.role, 'administrator'])];
  if (!principal.roles.some((r) => allowed.includes(r))) throw problem(403, 'missing_role', { roles: allowed });
  if (row.status !== 'open') throw problem(409, 'improvement_not_open', { number: row.number, status: row.status });
  if (ifMatch !== null && ifMatch !== row.version) throw problem(412, 'improvement_version_stale', { number: row.number });
  const updated = await em.execute<Array<{ id: string }>>(
    `update improvement_action set status = ?, resolution = ?, resolved_by = ?, resolved_at = ?, updated_at = ?, version = version + 1
     where id = ? and status = 'open' and version = ? returning id`,
    [outcome, text, principalKeyOf(principal), new Date(deps.now()).toISOString(), new Date(deps.now()).toISOString(), row.id, row.version]);
  if (!updated.length) {
    // Someone else resolved or changed it between our read and the update.
    const now = await loadAction(em, principal.tenantId, row.id);
    if (now.status !== 'open') throw problem(409, 'improvement_not_open', { number: row.number, status: now.status });
    throw problem(412, 'improvement_version_stale', { number: row.number });
  }
  return view(await loadAction(em, principal.tenantId, row.id));
}
