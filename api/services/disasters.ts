// Disaster recovery over HTTP (serang BAB IV C.3, Tabel 4.3–4.4; yogyakarta Tabel 8; kemenkeu G.2):
// the start of a disaster case or a DRP exercise (POST /disasters, durable intake), the `disaster`
// process module used by POST /cases/{id}/actions/{action}, the list of disasters and the Laporan
// Evaluasi DRP (Formulir G) of a closed one. Every check runs before the intake: bad input is
// answered with a problem+json and writes nothing.
import type { EntityManager } from '@mikro-orm/postgresql';
import { drpEvaluationDocumentId } from '../../activities/disasters.ts';
import { pgTextArray } from '../../db/pgArray.ts';
import { readCalendar } from '../../db/calendar.ts';
import type { IntakeRow } from '../../db/intake.ts';
import { findService } from '../../db/services.ts';
import {
  disasterActingRole, disasterRefusal, disasterRoles, disasterSnapshot, newDisasterCase,
  type DisasterCommand, type DisasterInput, type DisasterOrigin, type DisasterRefusal, type DisasterServiceRef,
} from '../../policy/disaster.ts';
import type { Profile } from '../../policy/profile.ts';
import { disasterActUpdate, disasterStateQuery, type ActCommand } from '../../workflows/messages.ts';
import { fallbackRoleOf, type Principal } from '../auth/principal.ts';
import type { ApiDeps } from '../deps.ts';
import { problem } from '../http/problem.ts';
import { disasterActionBodies, type CreateDisasterBody, type DisasterListQuery } from '../schemas/disasters.ts';
import { CASE_COLUMNS, caseView, type CaseRow } from './caseView.ts';
import { canSee, loadCaseRow } from './cases.ts';
import { checkCase } from './caseCheck.ts';
import { intake, prepareIntake, principalKeyOf } from './intake.ts';
import type { ProcessModule } from './processes.ts';
import { loadTenant, profileOf } from './tenants.ts';

function requireDisaster(profile: Profile) {
  if (!profile.disaster) throw problem(422, 'disaster_not_configured', { profile: profile.id });
  return profile.disaster;
}

/**
 * The affected services as the case starts: each active service of the tenant with its continuity
 * plan's RTO and RPO (Formulir C; null without a plan) and its approved DRP (null without one).
 */
export async function disasterServiceRefs(em: EntityManager, tenantId: string, codes: string[]): Promise<DisasterServiceRef[]> {
  const refs: DisasterServiceRef[] = [];
  for (const code of [...new Set(codes)]) {
    const s = await findService(em, tenantId, code);
    if (!s || !s.active) throw problem(422, 'unknown_service', { code });
    refs.push({ code: s.code, name: s.name.id, classification: s.classification, rtoMs: null, rpoMs: null, drp: null });
  }
  const plans = await em.execute<Array<{ service_code: string; rto_ms: string | number | null; rpo_ms: string | number | null }>>(
    'select service_code, rto_ms, rpo_ms from continuity_plan where tenant_id = ? and service_code = any(?::text[])', [tenantId, pgTextArray(refs.map((r) => r.code))]);
  const drps = await em.execute<Array<{ service_code: string; id: string; version: number }>>(
    `select service_code, id, version from drp_document where tenant_id = ? and status = 'approved' and service_code = any(?::text[])`, [tenantId, pgTextArray(refs.map((r) => r.code))]);
  const ms = (v: string | number | null) => (v === null ? null : Number(v));
  return refs.map((r) => {
    const plan = plans.find((p) => p.service_code === r.code);
    const drp = drps.find((d) => d.service_code === r.code);
    return { ...r, rtoMs: plan ? ms(plan.rto_ms) : null, rpoMs: plan ? ms(plan.rpo_ms) : null, drp: drp ? { id: drp.id, version: Number(drp.version) } : null };
  });
}

interface OriginRow { id: string; number: string }

async function resolveOrigin(em: EntityManager, tenantId: string, origin: NonNullable<CreateDisasterBody['origin']>): Promise<DisasterOrigin> {
  if (origin.type === 'alert') return { type: 'alert', source: origin.source, fingerprint: origin.fingerprint, alertName: origin.alertName };
  const byId = /^[0-9a-f-]{36}$/i.test(origin.id);
  const [row] = await em.execute<OriginRow[]>(
    `select id, number from sigap_case where tenant_id = ? and case_type = 'incident' and ${byId ? 'id = ?::uuid' : 'number = ?'}`, [tenantId, origin.id]);
  if (!row) throw problem(422, 'unknown_origin', { type: 'incident', id: origin.id });
  return { type: 'incident', caseId: row.id, number: row.number };
}

/** The read-model row a disaster starts with. */
export function disasterIntakeRow(input: DisasterInput, profile: Profile): IntakeRow {
  const snap = disasterSnapshot(newDisasterCase(input, profile), profile, input.startedAt);
  return {
    serviceCode: input.services[0]?.code ?? null, title: input.title, state: snap.state, priority: null, requester: input.reporter.username,
    waitingFor: snap.waitingFor, sla: snap.sla, dueAt: snap.dueAt, data: snap.data as unknown as Record<string, unknown>,
    links: input.origin?.type === 'incident' ? [{ type: 'incident', id: input.origin.caseId, number: input.origin.number, relation: 'origin' }] : [],
  };
}

/** POST /disasters: checks the profile, the caller's role, the services, the scenario and the time, then the durable intake. */
export async function submitDisaster(deps: ApiDeps, principal: Principal, body: CreateDisasterBody, idempotencyKey: string | null): Promise<{ caseId: string; created: boolean }> {
  const prep = await prepareIntake(deps, principal, body, idempotencyKey);
  if (prep.replayed) return prep.replayed;
  const { em, tenant, profile, requestHash } = prep;
  const disaster = requireDisaster(profile);
  // Integrations (an API key with cases:act, e.g. the monitoring) may start one; people need a disaster role.
  const roles = disasterRoles(profile);
  const actingRole = principal.apiKeyId ? 'integrator' : principal.roles.find((r) => roles.includes(r));
  if (!actingRole) throw problem(403, 'missing_role', { roles });
  const now = deps.now();

  const occurredAt = body.occurredAt ? Date.parse(body.occurredAt) : null;
  if (occurredAt !== null && occurredAt > now) throw problem(422, 'disaster_occurred_in_future', { occurredAt: body.occurredAt });
  if (body.scenario && !disaster.scenarios.some((s) => s.id === body.scenario)) {
    const allowed = disaster.scenarios.map((s) => s.id);
    throw problem(422, 'unknown_disaster_scenario', { scenario: body.scenario, allowed: allowed.length ? allowed.join(', ') : '-' }, { extra: { allowed } });
  }
  const services = await disasterServiceRefs(em, principal.tenantId, body.services);
  const origin = body.origin ? await resolveOrigin(em, principal.tenantId, body.origin) : null;

  return intake<DisasterInput>(deps, principal, {
    kind: 'disaster',
    input: ({ caseId, number, at, calendar }) => ({
      caseId, tenantId: principal.tenantId, profileId: profile.id, profileOverrides: tenant.profile_overrides, number,
      mode: body.mode, title: body.title, description: body.description, occurredAt: occurredAt ?? at, startedAt: at,
      scenario: body.scenario ?? null, services, origin,
      reporter: { username: principalKeyOf(principal), name: principal.name, role: actingRole },
      calendar,
    }),
    row: (input) => disasterIntakeRow(input, profile),
    event: { payload: { ...body }, actorRole: actingRole },
    alsoWrite: async (tx, input) => {
      if (input.origin?.type !== 'incident') return;
      const link = { type: 'disaster', id: input.caseId, number: input.number, relation: 'disaster' };
      await tx.execute(
        `update sigap_case set links = links || ?::jsonb where tenant_id = ? and id = ? and not (links @> ?::jsonb)`,
        [JSON.stringify([link]), principal.tenantId, input.origin.caseId, JSON.stringify([{ type: 'disaster', id: input.caseId }])],
      );
    },
    searchService: services[0]?.code ?? null,
  }, idempotencyKey, requestHash, profile.timezone);
}

/** GET /disasters: disasters and DRP exercises of the tenant, newest first. */
export async function listDisasters(deps: ApiDeps, principal: Principal, q: DisasterListQuery) {
  const em = deps.orm.em.fork();
  const tenant = await loadTenant(em, principal.tenantId);
  const where = [`tenant_id = ?`, `case_type = 'disaster'`];
  const params: unknown[] = [principal.tenantId];
  if (q.mode) { where.push(`data->>'mode' = ?`); params.push(q.mode); }
  if (q.state) { where.push('state = ?'); params.push(q.state); }
  if (!principal.apiKeyId && !principal.roles.some((r) => r !== 'requester')) { where.push('requester_username = ?'); params.push(principal.username); }
  const whereSql = where.join(' and ');
  const [count] = await em.execute<Array<{ total: string }>>(`select count(*) as total from sigap_case where ${whereSql}`, params);
  const rows = await em.execute<CaseRow[]>(
    `select ${CASE_COLUMNS} from sigap_case where ${whereSql} order by created_at desc, number desc limit ? offset ?`, [...params, q.pageSize, (q.page - 1) * q.pageSize]);
  const calendar = await readCalendar(em, principal.tenantId);
  const now = deps.now();
  return { items: rows.map((r) => caseView(r, profileOf(tenant), deps.config, now, calendar)), page: q.page, pageSize: q.pageSize, total: Number(count?.total ?? 0) };
}

/** GET /disasters/{id}/evaluation: the stored Formulir G of a closed (evaluated) disaster. */
export async function disasterEvaluation(deps: ApiDeps, principal: Principal, id: string): Promise<{ html: Buffer; sha256: string; filename: string }> {
  const em = deps.orm.em.fork();
  const row = await loadCaseRow(em, principal.tenantId, id);
  if (!canSee(principal, row) || row.case_type !== 'disaster') throw problem(404, 'case_not_found', { id });
  const [doc] = row.state === 'closed'
    ? await em.execute<Array<{ content: Buffer; sha256: string; filename: string }>>(
      'select content, sha256, filename from document where tenant_id = ? and id = ?', [principal.tenantId, drpEvaluationDocumentId(row.id)])
    : [];
  if (!doc) throw problem(404, 'drp_evaluation_not_ready', { number: row.number });
  return { html: Buffer.from(doc.content), sha256: doc.sha256, filename: doc.filename };
}

// ---- the disaster process module (POST /cases/{id}/actions/{action}) --------------------------

/** Refusals only disasters have, answered with their own codes; the shared ones go back to actOnCase. */
function answerDisasterRefusal(r: DisasterRefusal) {
  const list = (xs: readonly (string | number)[]) => (xs.length ? xs.join(', ') : '-');
  switch (r.code) {
    case 'eselon_too_low':
      return problem(403, 'eselon_too_low', { required: r.required, actual: r.actual ?? '-' }, { extra: { required: r.required, actual: r.actual } });
    case 'unknown_scenario':
      return problem(422, 'unknown_disaster_scenario', { scenario: r.scenario, allowed: list(r.allowed) }, { extra: { allowed: r.allowed } });
    case 'unknown_step': return problem(422, 'unknown_disaster_step', { step: r.step, allowed: list(r.allowed) }, { extra: { allowed: r.allowed } });
    case 'criteria_verdict_required': return problem(422, 'criteria_verdict_required', { step: r.step });
    case 'assessments_incomplete': return problem(409, 'assessments_incomplete', { missing: list(r.missing) }, { extra: { missing: r.missing } });
    case 'scenario_required': return problem(409, 'scenario_required', { allowed: list(r.allowed) }, { extra: { allowed: r.allowed } });
    case 'scenario_calls_for_incident': return problem(409, 'scenario_calls_for_incident', { scenario: r.scenario });
    case 'scenario_not_for_incident': return problem(409, 'scenario_not_for_incident', { scenario: r.scenario ?? '-' });
    case 'service_not_affected':
      return problem(422, 'service_not_affected', { service: r.service, services: list(r.services) }, { extra: { service: r.service, services: r.services } });
    case 'service_already_recovered': return problem(409, 'service_already_recovered', { service: r.service });
    case 'invalid_time': return problem(422, 'disaster_invalid_time', { field: r.field });
    case 'recovered_at_out_of_range': return problem(422, 'recovered_at_out_of_range', { from: r.from, to: r.to });
    case 'backup_in_future': return problem(422, 'backup_in_future');
    case 'recovery_incomplete': return problem(409, 'recovery_incomplete', { services: list(r.services) }, { extra: { services: r.services } });
    case 'cause_required': return problem(422, 'cause_required', { services: list(r.services) }, { extra: { services: r.services } });
    default: return null;
  }
}

export const disasterProcess: ProcessModule = {
  answer: (refusal) => answerDisasterRefusal(refusal as never),
  bodies: disasterActionBodies,
  async check(handle, command, actor, principal) {
    const cmd = command as DisasterCommand;
    const { profile, refusal } = await checkCase(handle, disasterStateQuery, (k, p) => disasterRefusal(k, cmd, actor, p, Date.now()), answerDisasterRefusal);
    if (refusal) return { refusal, actingRole: null };
    return { refusal: null, actingRole: disasterActingRole(cmd, actor, profile, fallbackRoleOf(principal)) };
  },
  async toCommand(_em, _tenantId, action, body) {
    return { action, ...body };
  },
  execute: (handle, cmd, updateId) => handle.executeUpdate(disasterActUpdate, { args: [cmd as ActCommand<DisasterCommand>], updateId }),
};
