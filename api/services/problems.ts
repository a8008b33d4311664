// Opening problems by hand (POST /problems) and acting on them (the `problem` process module used by
// POST /cases/{id}/actions/{action}); the KEDB search and the known errors an incident's service
// desk should see (kemenkeu F.3.b.10: the service desk has access to the KEDB).
import type { EntityManager } from '@mikro-orm/postgresql';
import { findService, listServices } from '../../db/services.ts';
import { linkIncidentRows, problemIntakeRow, problemServiceOf } from '../../activities/problems.ts';
import { pgTextArray } from '../../db/pgArray.ts';
import { dedupeKeys, problemRefusal, problemRoles, type IncidentRef, type ProblemCommand, type ProblemInput, problemActingRole } from '../../policy/problem.ts';
import { problemActUpdate, problemStateQuery, type ActCommand } from '../../workflows/messages.ts';
import type { Principal } from '../auth/principal.ts';
import type { ApiDeps } from '../deps.ts';
import { problem } from '../http/problem.ts';
import type { CreateProblemBody, KnownErrorQuery } from '../schemas/problems.ts';
import { problemActionBodies } from '../schemas/problems.ts';
import { intake, prepareIntake, principalKeyOf } from './intake.ts';
import type { ProcessModule } from './processes.ts';
import { checkCase } from './caseCheck.ts';
import { loadTenant, profileOf } from './tenants.ts';

interface IncidentRow { id: string; number: string; title: string; service_code: string | null; category: string | null }

/** Incidents by id or number; 422 unknown_incident naming every one that is not an incident of the tenant. */
export async function resolveIncidents(em: EntityManager, tenantId: string, refs: string[]): Promise<IncidentRow[]> {
  if (!refs.length) return [];
  const uuids = refs.filter((r) => /^[0-9a-f-]{36}$/i.test(r));
  const rows = await em.execute<IncidentRow[]>(
    `select id, number, title, service_code, data->>'category' as category from sigap_case
     where tenant_id = ? and case_type = 'incident' and (id = any(?::uuid[]) or number = any(?::text[]))`,
    [tenantId, `{${uuids.join(',')}}`, pgTextArray(refs)],
  );
  const unknown = refs.filter((r) => !rows.some((x) => x.id === r.toLowerCase() || x.number === r));
  if (unknown.length) throw problem(422, 'unknown_incident', { ids: unknown });
  return refs.map((r) => rows.find((x) => x.id === r.toLowerCase() || x.number === r)!).filter((x, i, all) => all.indexOf(x) === i);
}

export async function openProblem(deps: ApiDeps, principal: Principal, body: CreateProblemBody, idempotencyKey: string | null): Promise<{ caseId: string; created: boolean }> {
  const prep = await prepareIntake(deps, principal, body, idempotencyKey);
  if (prep.replayed) return prep.replayed;
  const { em, tenant, profile, requestHash } = prep;
  const roles = problemRoles(profile);
  if (!principal.roles.some((r) => roles.openers.includes(r))) throw problem(403, 'missing_role', { roles: roles.openers });

  const incidents = await resolveIncidents(em, principal.tenantId, body.incidents);
  // The affected service: the one named, else the one all linked incidents share.
  const incidentServices = [...new Set(incidents.map((i) => i.service_code).filter((s): s is string => s !== null))];
  const serviceCode = body.service ?? (incidentServices.length === 1 ? incidentServices[0] : undefined);
  const service = serviceCode ? await findService(em, principal.tenantId, serviceCode) : undefined;
  if (serviceCode && (!service || !service.active)) throw problem(422, 'unknown_service', { code: serviceCode });
  const knownItems = service ? service.configurationItems : (await listServices(em, principal.tenantId)).flatMap((s) => s.configurationItems);
  const unknownItems = body.configurationItems.filter((ci) => !knownItems.includes(ci));
  if (unknownItems.length) throw problem(422, 'unknown_configuration_item', { items: unknownItems, service: service?.code ?? '-' });
  const category = body.category ?? incidents.find((i) => i.category)?.category ?? null;
  const refs: IncidentRef[] = incidents.map((i) => ({ id: i.id, number: i.number, title: i.title }));
  const actingRole = principal.roles.find((r) => roles.openers.includes(r)) ?? roles.performer;

  return intake<ProblemInput>(deps, principal, {
    kind: 'problem',
    input: ({ caseId, number, at }) => ({
      caseId, tenantId: principal.tenantId, profileId: profile.id, profileOverrides: tenant.profile_overrides, number,
      title: body.title, description: body.description, service: service ? problemServiceOf(service) : null, configurationItems: body.configurationItems,
      category, impact: body.impact ?? null, openedBy: { username: principalKeyOf(principal), name: principal.name }, openedAt: at,
      origin: { kind: 'manual', caseId: null, number: null },
      dedupeKey: service && category ? dedupeKeys.serviceCategory(service.code, category) : null, finding: null, incidents: refs,
    }),
    row: (input) => problemIntakeRow(input, profile),
    event: { payload: { ...body, incidents: refs.map((r) => r.number) }, actorRole: actingRole },
    alsoWrite: (tx, input) => linkIncidentRows(tx, principal.tenantId, { id: input.caseId, number: input.number }, input.incidents),
    searchService: service?.code ?? null,
  }, idempotencyKey, requestHash, profile.timezone);
}

/** Refusals only problems have are answered here, with their own codes; the shared ones go back to actOnCase. */
function answerProblemRefusal(r: NonNullable<ReturnType<typeof problemRefusal>>) {
  switch (r.code) {
    case 'priority_required': return problem(422, 'priority_required', { allowed: r.allowed.join(', ') });
    case 'unknown_priority': return problem(422, 'unknown_priority', { priority: r.priority, allowed: r.allowed.join(', ') });
    case 'incident_already_linked': return problem(409, 'incident_already_linked', { number: r.number });
    default: return null;
  }
}

export const problemProcess: ProcessModule = {
  answer: (refusal) => answerProblemRefusal(refusal as never),
  bodies: problemActionBodies,
  async check(handle, command, actor) {
    const { profile, refusal } = await checkCase(handle, problemStateQuery, (k, p) => problemRefusal(k, command as ProblemCommand, actor, p), answerProblemRefusal);
    if (refusal) return { refusal, actingRole: null };
    return { refusal: null, actingRole: problemActingRole(actor, profile) };
  },
  async toCommand(em, tenantId, action, body) {
    if (action === 'link_incident') {
      const [incident] = await resolveIncidents(em, tenantId, [String(body.incident)]);
      return { action, incident: { id: incident!.id, number: incident!.number, title: incident!.title } };
    }
    return { action, ...body };
  },
  execute: (handle, cmd, updateId) => handle.executeUpdate(problemActUpdate, { args: [cmd as ActCommand<ProblemCommand>], updateId }),
};

// ---- the KEDB ---------------------------------------------------------------------------------

interface KnownErrorRow {
  id: string; number: string; problem_case_id: string; problem_number: string; title: string; service_code: string | null; configuration_items: string[];
  symptoms: string; cause: string; workaround: string; permanent_fix: string | null; status: string; created_at: Date; updated_at: Date;
  score?: number; text_rank?: number; same_service?: boolean; same_ci?: boolean; total?: number;
}

function knownErrorView(r: KnownErrorRow) {
  const matchedBy = [
    ...(r.text_rank && r.text_rank > 0 ? ['text' as const] : []), ...(r.same_service ? ['service' as const] : []), ...(r.same_ci ? ['configuration_item' as const] : []),
  ];
  return {
    id: r.id, number: r.number, problem: { id: r.problem_case_id, number: r.problem_number }, title: r.title, service: r.service_code,
    configurationItems: r.configuration_items, symptoms: r.symptoms, cause: r.cause, workaround: r.workaround, permanentFix: r.permanent_fix,
    status: r.status as never, createdAt: new Date(r.created_at).toISOString(), updatedAt: new Date(r.updated_at).toISOString(),
    ...(r.score !== undefined ? { score: Math.round(Number(r.score) * 10_000) / 10_000, matchedBy } : {}),
  };
}

/** Words to look for: letters and digits only (nothing left can be tsquery syntax), common function words dropped. */
const STOP_WORDS = new Set([
  'dan', 'di', 'ke', 'dari', 'yang', 'ini', 'itu', 'pada', 'untuk', 'dengan', 'atau', 'tidak', 'bisa', 'dapat', 'ada', 'sudah', 'akan', 'saat', 'oleh', 'juga',
  'the', 'a', 'an', 'and', 'or', 'of', 'to', 'in', 'on', 'is', 'are', 'not', 'with', 'for', 'at', 'be', 'it',
]);
export function toAnyWordTsQuery(text: string, maxWords = 16): string | null {
  const words = [...new Set((text.match(/[\p{L}\p{N}]+/gu) ?? []).map((w) => w.slice(0, 64).toLowerCase()).filter((w) => !STOP_WORDS.has(w) && (w.length > 1 || /\d/.test(w))))].slice(0, maxWords);
  return words.length ? words.map((w) => `${w}:*`).join(' | ') : null;
}

const KE_COLUMNS = `ke.id, ke.number, ke.problem_case_id, ke.problem_number, ke.title, ke.service_code, ke.configuration_items, ke.symptoms, ke.cause,
  ke.workaround, ke.permanent_fix, ke.status, ke.created_at, ke.updated_at`;

function canReadKedb(principal: Principal): boolean {
  return Boolean(principal.apiKeyId) || principal.roles.some((r) => r !== 'requester');
}

async function requireKedbAccess(deps: ApiDeps, principal: Principal): Promise<void> {
  if (canReadKedb(principal)) return;
  const profile = profileOf(await loadTenant(deps.orm.em.fork(), principal.tenantId));
  throw problem(403, 'missing_role', { roles: [profile.requestFulfilment.serviceDeskRole, problemRoles(profile).performer] });
}

/**
 * KEDB search: any of the words (prefixes) over title, symptoms, cause and workaround, ranked by
 * ts_rank_cd (weights: title and symptoms A, cause B, workaround C); without words, newest first.
 */
export async function searchKnownErrors(deps: ApiDeps, principal: Principal, q: KnownErrorQuery) {
  await requireKedbAccess(deps, principal);
  const where = ['ke.tenant_id = ?'];
  const params: unknown[] = [principal.tenantId];
  if (q.service) { where.push('ke.service_code = ?'); params.push(q.service); }
  if (q.ci) { where.push('ke.configuration_items @> ?::text[]'); params.push(pgTextArray([q.ci])); }
  if (q.status) { where.push('ke.status = ?'); params.push(q.status); }
  const tsq = q.q ? toAnyWordTsQuery(q.q) : null;
  if (q.q && tsq === null) return { items: [], page: q.page, pageSize: q.pageSize, total: 0 };
  const rank = tsq ? `ts_rank_cd(ke.search_vector, to_tsquery('simple', ?), 32)` : '0';
  if (tsq) { where.push(`ke.search_vector @@ to_tsquery('simple', ?)`); params.push(tsq); }
  const rows = await deps.orm.em.fork().execute<KnownErrorRow[]>(
    `select ${KE_COLUMNS}, ${rank} as score, ${rank} as text_rank, count(*) over ()::int as total from known_error ke
     where ${where.join(' and ')} order by score desc, ke.updated_at desc, ke.number limit ? offset ?`,
    [...(tsq ? [tsq, tsq] : []), ...params, q.pageSize, (q.page - 1) * q.pageSize],
  );
  return { items: rows.map((r) => knownErrorView(tsq ? r : { ...r, score: undefined })), page: q.page, pageSize: q.pageSize, total: rows[0]?.total ?? 0 };
}

export async function getKnownError(deps: ApiDeps, principal: Principal, id: string) {
  await requireKedbAccess(deps, principal);
  const byId = /^[0-9a-f-]{36}$/i.test(id);
  const [row] = await deps.orm.em.fork().execute<KnownErrorRow[]>(
    `select ${KE_COLUMNS} from known_error ke where ke.tenant_id = ? and ${byId ? 'ke.id = ?::uuid' : 'ke.number = ?'}`, [principal.tenantId, id]);
  if (!row) throw problem(404, 'known_error_not_found', { id });
  return knownErrorView(row);
}

/**
 * Known errors that match an incident: the same configuration item (weight 1), the same service
 * (0.5), and the words of its category and symptoms (2 × the normalised text rank). Retired records
 * are left out; resolved ones stay (their permanent fix is knowledge too).
 */
export async function knownErrorsForCase(deps: ApiDeps, principal: Principal, caseRow: { tenant_id: string; service_code: string | null; case_type: string; id: string; data: Record<string, unknown> }, limit = 10) {
  await requireKedbAccess(deps, principal);
  const cis = Array.isArray(caseRow.data.configurationItems) ? (caseRow.data.configurationItems as string[]) : [];
  const text = [caseRow.data.category, caseRow.data.symptoms, caseRow.case_type === 'problem' ? caseRow.data.description : null].filter((s) => typeof s === 'string').join(' ');
  const tsq = toAnyWordTsQuery(text, 24);
  const query = tsq ? `to_tsquery('simple', ?)` : `null::tsquery`;
  const rows = await deps.orm.em.fork().execute<KnownErrorRow[]>(
    `select * from (
       select ${KE_COLUMNS},
         coalesce(ts_rank_cd(ke.search_vector, ${query}, 32), 0) as text_rank,
         coalesce(ke.service_code = ?, false) as same_service,
         ke.configuration_items && ?::text[] as same_ci
       from known_error ke
       where ke.tenant_id = ? and ke.status <> 'retired' and ke.problem_case_id <> ?::uuid
     ) m
     where m.same_service or m.same_ci or m.text_rank > 0
     order by (2 * m.text_rank + case when m.same_ci then 1 else 0 end + case when m.same_service then 0.5 else 0 end) desc, m.updated_at desc
     limit ?`,
    [...(tsq ? [tsq] : []), caseRow.service_code, pgTextArray(cis), caseRow.tenant_id, caseRow.case_type === 'problem' ? caseRow.id : '00000000-0000-0000-0000-000000000000', limit],
  );
  return rows.map((r) => knownErrorView({ ...r, score: 2 * Number(r.text_rank ?? 0) + (r.same_ci ? 1 : 0) + (r.same_service ? 0.5 : 0) }));
}
