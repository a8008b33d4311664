// Continuity management over HTTP: the Formulir C registry (continuity plans with the flags of what
// each service still lacks), backup reports, DRP versions (each submitted version is a `drp` case
// through the durable intake, decided by workflows/drpApproval.ts), the `drp` process module used by
// POST /cases/{id}/actions/{action}, and an on-demand DRP exercise. Bad input is answered with a
// problem+json and writes nothing.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { exerciseInput, exerciseIntakeRow, serviceRefOf } from '../../activities/continuity.ts';
import type { IntakeRow } from '../../db/intake.ts';
import { findService } from '../../db/services.ts';
import {
  continuityFlags, drpActingRole, drpAuthorRoles, drpRefusal, drpSnapshot, drpStatusOf, durationMs, newDrpCase, percentToBp, planRefusal,
  type DrpCommand, type DrpInput, type DrpRefusal,
} from '../../policy/continuity.ts';
import type { DisasterInput } from '../../policy/disaster.ts';
import type { Profile, ServiceClassification } from '../../policy/profile.ts';
import { drpActUpdate, drpStateQuery, type ActCommand } from '../../workflows/messages.ts';
import type { Principal } from '../auth/principal.ts';
import type { ApiDeps } from '../deps.ts';
import { problem } from '../http/problem.ts';
import type { BackupBody, DrpBody, DrpTestBody, PlanBody } from '../schemas/continuity.ts';
import { drpActionBodies } from '../schemas/continuity.ts';
import { checkCase } from './caseCheck.ts';
import { upsertDrpTestSchedule } from './drpTests.ts';
import { intake, prepareIntake, principalKeyOf } from './intake.ts';
import type { ProcessModule } from './processes.ts';
import { loadTenant, profileOf } from './tenants.ts';

/** Who maintains the continuity plans (Formulir C): the administrator and the service owner. */
export const PLAN_EDITOR_ROLES = ['administrator', 'service_owner'];

const isoOr = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

function requireDisaster(profile: Profile) {
  if (!profile.disaster) throw problem(422, 'drp_not_configured', { profile: profile.id });
  return profile.disaster;
}

async function requireService(em: EntityManager, tenantId: string, code: string) {
  const service = await findService(em, tenantId, code);
  if (!service || !service.active) throw problem(404, 'unknown_service', { code });
  return service;
}

// ---- the registry (Formulir C) -------------------------------------------------------------------

interface PlanRow {
  code: string; name: { id: string; en: string }; classification: ServiceClassification;
  availability_target_bp: number | null; operating_schedule: string | null; rto_ms: string | number | null; rpo_ms: string | number | null;
  notes: string | null; version: number | null; updated_by: string | null; updated_at: Date | null; has_plan: boolean;
  drp_versions: Array<{ id: string; version: number; status: string; decided_at: string | null }> | null; last_backup_at: Date | null;
}

const PLAN_QUERY = `select s.code, s.name, s.classification, p.availability_target_bp, p.operating_schedule, p.rto_ms, p.rpo_ms, p.notes, p.version,
    p.updated_by, p.updated_at, (p.service_code is not null) as has_plan,
    (select json_agg(json_build_object('id', d.id, 'version', d.version, 'status', d.status, 'decided_at', d.decided_at) order by d.version desc)
       from drp_document d where d.tenant_id = s.tenant_id and d.service_code = s.code) as drp_versions,
    (select max(b.backup_at) from backup_report b where b.tenant_id = s.tenant_id and b.service_code = s.code) as last_backup_at
  from service s left join continuity_plan p on p.tenant_id = s.tenant_id and p.service_code = s.code
  where s.tenant_id = ? and s.active`;

function planView(profile: Profile, r: PlanRow) {
  const versions = r.drp_versions ?? [];
  const status = drpStatusOf(versions);
  const approved = versions.find((v) => v.status === 'approved') ?? null;
  const pending = versions.find((v) => v.status === 'pending') ?? null;
  const plan = r.has_plan ? { availabilityTargetBp: r.availability_target_bp, rtoMs: r.rto_ms === null ? null : Number(r.rto_ms), rpoMs: r.rpo_ms === null ? null : Number(r.rpo_ms) } : null;
  return {
    service: r.code, name: r.name, classification: r.classification,
    availabilityTarget: r.availability_target_bp === null ? null : r.availability_target_bp / 100, operatingSchedule: r.operating_schedule,
    rtoMs: plan?.rtoMs ?? null, rpoMs: plan?.rpoMs ?? null, notes: r.notes, version: r.version, updatedBy: r.updated_by, updatedAt: isoOr(r.updated_at),
    drp: { status, id: approved?.id ?? null, version: approved?.version ?? null, approvedAt: approved?.decided_at ? isoOr(approved.decided_at) : null, pendingVersion: pending?.version ?? null },
    flags: continuityFlags(profile, { classification: r.classification, plan, drp: status }),
    lastBackupAt: isoOr(r.last_backup_at),
  };
}

/** GET /continuity-plans: every active service with its plan (or none) and its flags. */
export async function listPlans(deps: ApiDeps, principal: Principal) {
  const em = deps.orm.em.fork();
  const profile = profileOf(await loadTenant(em, principal.tenantId));
  const rows = await em.execute<PlanRow[]>(`${PLAN_QUERY} order by s.code`, [principal.tenantId]);
  return { items: rows.map((r) => planView(profile, r)) };
}

export async function getPlan(deps: ApiDeps, principal: Principal, code: string) {
  const em = deps.orm.em.fork();
  const profile = profileOf(await loadTenant(em, principal.tenantId));
  const [row] = await em.execute<PlanRow[]>(`${PLAN_QUERY} and s.code = ?`, [principal.tenantId, code]);
  if (!row) throw problem(404, 'unknown_service', { code });
  return planView(profile, row);
}

/** PUT /continuity-plans/{service}: creates or replaces the plan (version + 1); If-Match guards against overwriting. */
export async function putPlan(deps: ApiDeps, principal: Principal, code: string, body: PlanBody, ifMatch: number | null) {
  const em = deps.orm.em.fork();
  const profile = profileOf(await loadTenant(em, principal.tenantId));
  const service = await requireService(em, principal.tenantId, code);
  const rtoMs = body.rto ? durationMs(body.rto) : null;
  const rpoMs = body.rpo ? durationMs(body.rpo) : null;
  const refusal = planRefusal(profile, service.classification, { availabilityTarget: body.availabilityTarget, rtoMs, rpoMs });
  if (refusal?.code === 'rto_rpo_required') throw problem(422, 'rto_rpo_required', { service: code, classification: service.classification });
  if (refusal) throw problem(422, refusal.code);
  const bp = percentToBp(body.availabilityTarget)!;
  const by = principalKeyOf(principal);
  if (ifMatch !== null) {
    const [current] = await em.execute<Array<{ version: number }>>('select version from continuity_plan where tenant_id = ? and service_code = ?', [principal.tenantId, code]);
    if (current?.version !== ifMatch) throw problem(412, 'continuity_plan_version_stale');
  }
  const rows = await em.execute<Array<{ version: number }>>(
    `insert into continuity_plan (tenant_id, service_code, availability_target_bp, operating_schedule, rto_ms, rpo_ms, notes, version, updated_by)
     values (?, ?, ?, ?, ?, ?, ?, 1, ?)
     on conflict (tenant_id, service_code) do update set availability_target_bp = excluded.availability_target_bp,
       operating_schedule = excluded.operating_schedule, rto_ms = excluded.rto_ms, rpo_ms = excluded.rpo_ms, notes = excluded.notes,
       version = continuity_plan.version + 1, updated_by = excluded.updated_by, updated_at = now()
     where ?::int is null or continuity_plan.version = ?::int
     returning version`,
    [principal.tenantId, code, bp, body.operatingSchedule, rtoMs, rpoMs, body.notes ?? null, by, ifMatch, ifMatch]);
  if (!rows.length) throw problem(412, 'continuity_plan_version_stale'); // changed by someone else meanwhile
  await upsertDrpTestSchedule(deps, principal.tenantId, code, profile, service.classification);
  return getPlan(deps, principal, code);
}

// ---- backups --------------------------------------------------------------------------------------

interface BackupRow { id: string; service_code: string; backup_at: Date; reported_by: string; source: 'manual' | 'integration'; note: string | null; reported_at: Date }
const backupView = (r: BackupRow) => ({
  id: r.id, service: r.service_code, backupAt: new Date(r.backup_at).toISOString(), reportedBy: r.reported_by, source: r.source, note: r.note,
  reportedAt: new Date(r.reported_at).toISOString(),
});

/** Who reports backups: the technical team and the role that runs the DRP; integrations with an API key. */
export function backupReporterRoles(profile: Profile): string[] {
  return drpAuthorRoles(profile);
}

export async function addBackup(deps: ApiDeps, principal: Principal, code: string, body: BackupBody) {
  const em = deps.orm.em.fork();
  const profile = profileOf(await loadTenant(em, principal.tenantId));
  const roles = backupReporterRoles(profile);
  if (!principal.apiKeyId && !principal.roles.some((r) => roles.includes(r))) throw problem(403, 'missing_role', { roles });
  await requireService(em, principal.tenantId, code);
  const at = Date.parse(body.backupAt);
  if (at > deps.now()) throw problem(422, 'backup_in_future');
  const [row] = await em.execute<BackupRow[]>(
    `insert into backup_report (id, tenant_id, service_code, backup_at, reported_by, source, note) values (?, ?, ?, ?, ?, ?, ?) returning *`,
    [randomUUID(), principal.tenantId, code, new Date(at).toISOString(), principalKeyOf(principal), principal.apiKeyId ? 'integration' : 'manual', body.note ?? null]);
  return backupView(row!);
}

export async function listBackups(deps: ApiDeps, principal: Principal, code: string) {
  const em = deps.orm.em.fork();
  await requireService(em, principal.tenantId, code);
  const rows = await em.execute<BackupRow[]>(
    'select * from backup_report where tenant_id = ? and service_code = ? order by backup_at desc, reported_at desc limit 20', [principal.tenantId, code]);
  return { items: rows.map(backupView) };
}

// ---- DRP versions and their approval -------------------------------------------------------------

interface DrpRow {
  id: string; service_code: string; version: number; title: string; status: string; recovery_activities: string; normalisation_activities: string;
  document_id: string | null; case_id: string | null; case_number: string | null; submitted_by: string; submitted_at: Date;
  decided_by: string | null; decided_at: Date | null; decision_note: string | null;
}
const drpView = (r: DrpRow) => ({
  id: r.id, service: r.service_code, version: r.version, title: r.title, status: r.status, recoveryActivities: r.recovery_activities,
  normalisationActivities: r.normalisation_activities, documentId: r.document_id, caseId: r.case_id, caseNumber: r.case_number,
  submittedBy: r.submitted_by, submittedAt: new Date(r.submitted_at).toISOString(), decidedBy: r.decided_by, decidedAt: isoOr(r.decided_at), decisionNote: r.decision_note,
});

export async function listDrpVersions(deps: ApiDeps, principal: Principal, code: string) {
  const em = deps.orm.em.fork();
  await requireService(em, principal.tenantId, code);
  const rows = await em.execute<DrpRow[]>(
    `select d.*, c.number as case_number from drp_document d left join sigap_case c on c.id = d.case_id
     where d.tenant_id = ? and d.service_code = ? order by d.version desc`, [principal.tenantId, code]);
  return { items: rows.map(drpView) };
}

/** The read-model row a DRP approval case starts with. */
export function drpIntakeRow(input: DrpInput, profile: Profile): IntakeRow {
  const snap = drpSnapshot(newDrpCase(input, profile), profile, input.submittedAt);
  return {
    serviceCode: input.service.code, title: `DRP ${input.service.code} v${input.version}: ${input.title}`, state: snap.state, priority: null,
    requester: input.author.username, waitingFor: snap.waitingFor, sla: snap.sla, dueAt: snap.dueAt, data: snap.data as unknown as Record<string, unknown>, links: [],
  };
}

/** POST /continuity-plans/{service}/drp: a new DRP version (pending) and its approval case, in one transaction. */
export async function submitDrp(deps: ApiDeps, principal: Principal, code: string, body: DrpBody, idempotencyKey: string | null): Promise<{ caseId: string; created: boolean }> {
  const prep = await prepareIntake(deps, principal, { service: code, ...body }, idempotencyKey);
  if (prep.replayed) return prep.replayed;
  const { em, tenant, profile, requestHash } = prep;
  requireDisaster(profile);
  const authors = drpAuthorRoles(profile);
  const actingRole = principal.roles.find((r) => authors.includes(r));
  if (!actingRole) throw problem(403, 'missing_role', { roles: authors });
  const service = await requireService(em, principal.tenantId, code);
  if (body.documentId) {
    const [doc] = await em.execute<unknown[]>('select 1 from document where tenant_id = ? and id = ?', [principal.tenantId, body.documentId]);
    if (!doc) throw problem(422, 'unknown_document', { id: body.documentId });
  }
  const [{ next } = { next: 1 }] = await em.execute<Array<{ next: number }>>(
    'select coalesce(max(version), 0) + 1 as next from drp_document where tenant_id = ? and service_code = ?', [principal.tenantId, code]);
  const [approved] = await em.execute<Array<{ id: string; version: number }>>(
    `select id, version from drp_document where tenant_id = ? and service_code = ? and status = 'approved'`, [principal.tenantId, code]);
  const drpId = randomUUID();
  const author = principalKeyOf(principal);

  return intake<DrpInput>(deps, principal, {
    kind: 'drp',
    input: ({ caseId, number, at, calendar }) => ({
      caseId, tenantId: principal.tenantId, profileId: profile.id, profileOverrides: tenant.profile_overrides, number,
      drpId, service: { code: service.code, name: service.name.id, classification: service.classification }, version: Number(next),
      title: body.title, recoveryActivities: body.recoveryActivities, normalisationActivities: body.normalisationActivities,
      documentId: body.documentId ?? null, author: { username: author, name: principal.name, role: actingRole }, submittedAt: at,
      supersedes: approved ? { id: approved.id, version: approved.version } : null, calendar,
    }),
    row: (input) => drpIntakeRow(input, profile),
    event: { payload: { service: code, version: Number(next), title: body.title, documentId: body.documentId ?? null }, actorRole: actingRole },
    alsoWrite: async (tx, input) => {
      await tx.execute(
        `insert into drp_document (id, tenant_id, service_code, version, title, recovery_activities, normalisation_activities, document_id, status, case_id, submitted_by, submitted_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?)`,
        [drpId, principal.tenantId, code, input.version, body.title, body.recoveryActivities, body.normalisationActivities, body.documentId ?? null,
          input.caseId, author, new Date(input.submittedAt).toISOString()]);
    },
    searchService: code,
  }, idempotencyKey, requestHash, profile.timezone);
}

/** Refusals only DRP approvals have; the shared ones (missing_role, segregation_of_duties, …) go back to actOnCase. */
function answerDrpRefusal(r: DrpRefusal) {
  switch (r.code) {
    case 'eselon_too_low': return problem(403, 'drp_eselon_too_low', { required: r.required, actual: r.actual ?? '-' }, { extra: { required: r.required, actual: r.actual } });
    case 'not_drp_author': return problem(403, 'not_drp_author');
    default: return null;
  }
}

export const drpProcess: ProcessModule = {
  answer: (refusal) => answerDrpRefusal(refusal as never),
  bodies: drpActionBodies,
  async check(handle, command, actor) {
    const { profile, kase, refusal } = await checkCase(handle, drpStateQuery, (k, p) => drpRefusal(k, command as DrpCommand, actor, p), answerDrpRefusal);
    if (refusal) return { refusal, actingRole: null };
    return { refusal: null, actingRole: drpActingRole(kase, command as DrpCommand, actor, profile) };
  },
  async toCommand(_em, _tenantId, action, body) {
    if (action === 'decide') {
      const b = body as { decision: 'approve' | 'reject'; note?: string; comment?: string };
      const note = b.note ?? b.comment;
      return { action, decision: b.decision, ...(note ? { note } : {}) };
    }
    return { action, ...body };
  },
  execute: (handle, cmd, updateId) => handle.executeUpdate(drpActUpdate, { args: [cmd as ActCommand<DrpCommand>], updateId }),
};

// ---- an on-demand DRP exercise -------------------------------------------------------------------

/**
 * POST /continuity-plans/{service}/drp-tests: opens a DRP exercise now through the API intake (the
 * same input and read-model row the yearly Schedule's kickoff writes), answered with the case at
 * once; the person who asks is its reporter and an Idempotency-Key returns the same exercise.
 */
export async function startDrpTest(deps: ApiDeps, principal: Principal, code: string, body: DrpTestBody, idempotencyKey: string | null): Promise<{ caseId: string; created: boolean }> {
  const prep = await prepareIntake(deps, principal, { service: code, ...body }, idempotencyKey);
  if (prep.replayed) return prep.replayed;
  const { em, tenant, profile, requestHash } = prep;
  const disaster = requireDisaster(profile);
  const runBy = disaster.drpRunBy.role;
  if (!principal.roles.includes(runBy)) throw problem(403, 'missing_role', { roles: [runBy] });
  const ref = await serviceRefOf(em, principal.tenantId, code);
  if (!ref || !ref.active) throw problem(404, 'unknown_service', { code });
  const { active: _a, hasPlan: _h, ...service } = ref;
  return intake<DisasterInput>(deps, principal, {
    kind: 'disaster',
    input: ({ caseId, number, at, calendar }) => exerciseInput({
      caseId, number, at, calendar, tenantId: principal.tenantId, profile, overrides: tenant.profile_overrides, service,
      title: body.title ?? `Uji coba DRP ${service.code}`, description: body.description ?? `Uji coba DRP layanan ${service.name} (${service.code}).`,
      reporter: { username: principalKeyOf(principal), name: principal.name, role: runBy }, origin: null,
    }),
    row: (input) => exerciseIntakeRow(input, profile),
    event: { payload: { mode: 'exercise', services: [code], ...body }, actorRole: runBy },
    searchService: code,
  }, idempotencyKey, requestHash, profile.timezone);
}
