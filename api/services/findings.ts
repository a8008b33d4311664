// Reading the findings table. Findings are oversight material: the officials who supervise the
// processes and the auditors read them, requesters and the first line do not.
import type { Principal } from '../auth/principal.ts';
import type { ApiDeps } from '../deps.ts';
import { problem } from '../http/problem.ts';
import type { FindingQuery } from '../schemas/findings.ts';
import { loadTenant, profileOf } from './tenants.ts';

/** Roles that oversee the processes, where the profile has them. */
const OVERSIGHT_ROLES = ['service_owner', 'head_of_unit', 'service_coordinator', 'change_coordinator', 'problem_coordinator', 'auditor', 'cio', 'administrator'];

interface FindingRow {
  id: string; process: string; kind: string; severity: 'low' | 'medium' | 'high'; summary: { id: string; en: string }; detail: Record<string, unknown>;
  case_id: string | null; case_number: string | null; recorded_at: Date; total: number;
}

export async function listFindings(deps: ApiDeps, principal: Principal, q: FindingQuery) {
  const em = deps.orm.em.fork();
  const tenant = await loadTenant(em, principal.tenantId);
  const profile = profileOf(tenant);
  const allowed = OVERSIGHT_ROLES.filter((r) => profile.roles.some((x) => x.id === r));
  if (!principal.apiKeyId && !principal.roles.some((r) => allowed.includes(r))) throw problem(403, 'missing_role', { roles: allowed });
  if (q.from && q.to && q.to < q.from) throw problem(422, 'invalid_date_range', {});

  const where = ['tenant_id = ?'];
  const params: unknown[] = [principal.tenantId];
  if (q.process) { where.push('process = ?'); params.push(q.process); }
  if (q.kind) { where.push('kind = ?'); params.push(q.kind); }
  // Dates are local dates of the tenant's time zone.
  if (q.from) { where.push(`recorded_at >= (?::date)::timestamp at time zone ?`); params.push(q.from, profile.timezone); }
  if (q.to) { where.push(`recorded_at < (?::date + 1)::timestamp at time zone ?`); params.push(q.to, profile.timezone); }
  const rows = await em.execute<FindingRow[]>(
    `select id, process, kind, severity, summary, detail, case_id, case_number, recorded_at, count(*) over ()::int as total
     from finding where ${where.join(' and ')} order by recorded_at desc, id limit ? offset ?`,
    [...params, q.pageSize, (q.page - 1) * q.pageSize],
  );
  return {
    items: rows.map((r) => ({
      id: r.id, process: r.process as never, kind: r.kind, severity: r.severity, summary: r.summary, detail: r.detail,
      case: r.case_id ? { id: r.case_id, number: r.case_number } : null, recordedAt: new Date(r.recorded_at).toISOString(),
    })),
    page: q.page, pageSize: q.pageSize, total: rows[0]?.total ?? 0,
  };
}
