// Change management over HTTP: the RFC (POST /changes, durable intake), the `change` process module
// used by POST /cases/{id}/actions/{action}, the live conflicts of a change's window, the
// standard-change catalogue and the blackout periods. Every check runs before the intake: bad input
// is answered with a problem+json and writes nothing.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { conflictsOf } from '../../activities/changes.ts';
import { pgTextArray } from '../../db/pgArray.ts';
import { findService, type ServiceRecord } from '../../db/services.ts';
import {
  changeInitiatorRoles, changeKindRefusal, changeRefusal, changeSnapshot,
  highImpactRefusal, maintenancePeriodUntil, newChangeCase,
  type ChangeCommand, type ChangeConflict, type ChangeInput, type ChangeOrigin, type ChangeRefusal, changeActingRole,
} from '../../policy/change.ts';
import type { Profile } from '../../policy/profile.ts';
import { changeActUpdate, changeStateQuery, type ActCommand } from '../../workflows/messages.ts';
import type { IntakeRow } from '../../db/intake.ts';
import type { Principal } from '../auth/principal.ts';
import type { ApiDeps } from '../deps.ts';
import { problem } from '../http/problem.ts';
import type { BlackoutBody, CreateChangeBody, StandardChangeBody } from '../schemas/changes.ts';
import { standardView, writeStandardChange, type StandardRow } from '../../db/standardChanges.ts';
import { changeActionBodies } from '../schemas/changes.ts';
import { loadCaseRow, canSee } from './cases.ts';
import { intake, prepareIntake, principalKeyOf } from './intake.ts';
import type { ProcessModule } from './processes.ts';
import { checkCase } from './caseCheck.ts';
import { loadTenant, profileOf } from './tenants.ts';
import { findUser } from './users.ts';

/** Who maintains the standard-change catalogue and the blackout periods. */
export const CHANGE_ADMIN_ROLES = ['administrator', 'service_owner'];

const DUTY_TITLES: Record<string, { id: string; en: string }> = {
  initiate: { id: 'mengajukan', en: 'initiating' }, approve: { id: 'menyetujui', en: 'approving' }, implement: { id: 'melaksanakan', en: 'implementing' },
};

/** A duty in both languages, e.g. "menyetujui (approve)": problem params are shared by the id and en texts. */
const dutyText = (duty: string) => `${DUTY_TITLES[duty]?.id ?? duty} (${duty})`;

function dateText(t: number, timezone: string): string {
  return `${new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', timeStyle: 'short', timeZone: timezone }).format(new Date(t))} (${new Date(t).toISOString()})`;
}

function requireChange(profile: Profile) {
  if (!profile.change) throw problem(422, 'change_not_configured', { profile: profile.id });
  return profile.change;
}

interface OriginRow { id: string; number: string; case_type: string }

async function resolveOrigin(em: EntityManager, tenantId: string, origin: NonNullable<CreateChangeBody['origin']>): Promise<ChangeOrigin> {
  const byId = /^[0-9a-f-]{36}$/i.test(origin.id);
  const [row] = await em.execute<OriginRow[]>(
    `select id, number, case_type from sigap_case where tenant_id = ? and case_type = ? and ${byId ? 'id = ?::uuid' : 'number = ?'}`,
    [tenantId, origin.type, origin.id],
  );
  if (!row) throw problem(422, 'unknown_origin', { type: origin.type, id: origin.id });
  return { type: origin.type, caseId: row.id, number: row.number };
}


/** The read-model row a change starts with. */
export function changeIntakeRow(input: ChangeInput, profile: Profile): IntakeRow {
  const snap = changeSnapshot(newChangeCase(input, profile), profile, input.submittedAt);
  return {
    serviceCode: input.services[0]?.code ?? null, title: input.title, state: snap.state, priority: null, requester: input.initiator.username,
    waitingFor: snap.waitingFor, sla: snap.sla, dueAt: snap.dueAt, data: snap.data as unknown as Record<string, unknown>,
    links: input.origin ? [{ type: input.origin.type, id: input.origin.caseId, number: input.origin.number, relation: 'origin' }] : [],
  };
}

/** POST /changes: validates the RFC against the profile, the services, the catalogue and the calendar, then the durable intake. */
export async function submitChange(deps: ApiDeps, principal: Principal, body: CreateChangeBody, idempotencyKey: string | null): Promise<{ caseId: string; created: boolean }> {
  const prep = await prepareIntake(deps, principal, body, idempotencyKey);
  if (prep.replayed) return prep.replayed;
  const { em, tenant, profile, requestHash } = prep;
  const change = requireChange(profile);
  const initiators = changeInitiatorRoles(profile);
  const actingRole = principal.roles.find((r) => initiators.includes(r));
  if (!actingRole) throw problem(403, 'missing_role', { roles: initiators });
  const now = deps.now();

  // Kind of change (dpr Pasal 17 (2); kemenkeu E.1.b.2; yogyakarta 2.1.2.5).
  const kindRefusal = changeKindRefusal(profile, body.kind);
  if (kindRefusal) throw problem(422, kindRefusal.code, { kind: body.kind ?? '-', allowed: kindRefusal.allowed.length ? kindRefusal.allowed : ['-'] });

  // Services and their configuration items.
  const codes = [...new Set(body.services)];
  const services: ServiceRecord[] = [];
  for (const c of codes) {
    const s = await findService(em, principal.tenantId, c);
    if (!s || !s.active) throw problem(422, 'unknown_service', { code: c });
    services.push(s);
  }
  const items = services.flatMap((s) => s.configurationItems);
  const unknownItems = body.configurationItems.filter((ci) => !items.includes(ci));
  if (unknownItems.length) throw problem(422, 'unknown_configuration_item', { items: unknownItems, service: codes.join(', ') });

  // dpr Pasal 16 (3), 17 (2) c: within 3 calendar months of the handover, work on the service is maintenance.
  if (change.maintenancePeriodAfterHandover) {
    const rows = await em.execute<Array<{ code: string; handed_over_at: Date | null }>>(
      'select code, handed_over_at from service where tenant_id = ? and code = any(?::text[])', [principal.tenantId, pgTextArray(codes)]);
    for (const r of rows) {
      const until = maintenancePeriodUntil(profile, r.handed_over_at ? new Date(r.handed_over_at).getTime() : null, now);
      if (until !== null) throw problem(422, 'service_in_maintenance_period', { service: r.code, until: dateText(until, profile.timezone) });
    }
  }

  if (!body.reason) throw problem(422, body.category === 'emergency' ? 'emergency_reason_required' : 'change_reason_required');

  // High-impact route (kemenkeu Lampiran II E.1.b.5, E.2.b): only where the profile has one; never a standard change.
  const highImpact = highImpactRefusal(profile, body.category, body.highImpact);
  if (highImpact) throw problem(422, highImpact.code, { profile: profile.id });

  // The window: required and in the future, except for an emergency change, which starts now.
  let requested: { start: number; end: number } | null = null;
  if (body.category === 'emergency') {
    if (body.window) {
      const end = Date.parse(body.window.end);
      if (end <= now) throw problem(422, 'change_window_in_past');
      requested = { start: now, end };
    }
  } else {
    if (!body.window?.start) throw problem(422, 'change_window_required', { category: body.category });
    const start = Date.parse(body.window.start);
    const end = Date.parse(body.window.end);
    if (end <= start) throw problem(422, 'change_window_invalid');
    if (start <= now) throw problem(422, 'change_window_in_past');
    requested = { start, end };
  }

  // The standard-change catalogue (serang Tabel 4.4 «instruksi baku»).
  let standard: ChangeInput['standardChange'] = null;
  if (body.category === 'standard') {
    if (!body.standardChange) throw problem(422, 'standard_change_required');
    const [row] = await em.execute<StandardRow[]>('select * from standard_change where tenant_id = ? and code = ? and active', [principal.tenantId, body.standardChange]);
    if (!row) throw problem(422, 'unknown_standard_change', { code: body.standardChange });
    const outside = row.services.length ? codes.filter((c) => !row.services.includes(c)) : [];
    if (outside.length) throw problem(422, 'standard_change_service_mismatch', { code: row.code, services: outside, allowed: row.services });
    standard = { code: row.code, title: row.title.id, procedure: row.procedure };
  } else if (body.standardChange) {
    throw problem(422, 'standard_change_not_allowed', { category: body.category });
  }

  const origin = body.origin ? await resolveOrigin(em, principal.tenantId, body.origin) : null;
  const conflicts = requested ? await conflictsOf(em, { tenantId: principal.tenantId, caseId: null, services: codes, window: requested }) : [];

  return intake<ChangeInput>(deps, principal, {
    kind: 'change',
    input: ({ caseId, number, at, calendar }) => ({
      caseId, tenantId: principal.tenantId, profileId: profile.id, profileOverrides: tenant.profile_overrides, number,
      title: body.title, reason: body.reason!, category: body.category, kind: body.kind ?? null,
      services: services.map((s) => ({ code: s.code, name: s.name.id })), configurationItems: body.configurationItems,
      riskAnalysis: body.riskAnalysis, implementationPlan: body.implementationPlan,
      window: body.category === 'emergency' && requested ? { start: at, end: requested.end } : requested,
      standardChange: standard, origin, highImpact: body.highImpact,
      initiator: { username: principalKeyOf(principal), name: principal.name, role: actingRole }, submittedAt: at, conflicts, calendar,
    }),
    row: (input) => changeIntakeRow(input, profile),
    event: { payload: { ...body, conflicts: conflicts.length }, actorRole: actingRole },
    alsoWrite: async (tx, input) => {
      if (!input.origin) return;
      const link = { type: 'change', id: input.caseId, number: input.number, relation: 'change' };
      await tx.execute(
        `update sigap_case set links = links || ?::jsonb where tenant_id = ? and id = ? and not (links @> ?::jsonb)`,
        [JSON.stringify([link]), principal.tenantId, input.origin.caseId, JSON.stringify([{ type: 'change', id: input.caseId }])],
      );
    },
    searchService: codes[0] ?? null,
  }, idempotencyKey, requestHash, profile.timezone);
}

/** GET /changes/{id}/conflicts: the live conflicts of the change's window (another change or a blackout on a shared service). */
export async function changeConflicts(deps: ApiDeps, principal: Principal, id: string) {
  const em = deps.orm.em.fork();
  const row = await loadCaseRow(em, principal.tenantId, id);
  if (!canSee(principal, row) || row.case_type !== 'change') throw problem(404, 'case_not_found', { id });
  const data = row.data as { window: { start: string; end: string } | null; services: string[] };
  const conflicts: ChangeConflict[] = data.window
    ? await conflictsOf(em, { tenantId: principal.tenantId, caseId: row.id, services: data.services, window: { start: Date.parse(data.window.start), end: Date.parse(data.window.end) } })
    : [];
  return { caseId: row.id, number: row.number, window: data.window, checkedAt: new Date(deps.now()).toISOString(), conflicts };
}

// ---- the change process module (POST /cases/{id}/actions/{action}) ----------------------------

/** Refusals only changes have, answered with their own codes; the shared ones go back to actOnCase. */
function answerChangeRefusal(r: ChangeRefusal) {
  switch (r.code) {
    case 'segregation_of_duties_change':
      return problem(403, 'segregation_of_duties_change', {
        duty: dutyText(r.duty), conflictsWith: dutyText(r.conflictsWith),
      }, { extra: { duty: r.duty, conflictsWith: r.conflictsWith, relaxable: r.relaxable, supervisorRole: r.supervisorRole } });
    case 'not_initiator': return problem(403, 'not_change_initiator');
    case 'already_voted': return problem(409, 'already_voted', { username: r.username });
    case 'exception_not_allowed': return problem(422, 'segregation_exception_not_allowed');
    case 'exception_exists': return problem(409, 'segregation_exception_exists', { username: r.username, duty: dutyText(r.duty) });
    case 'window_in_past': return problem(422, 'change_window_in_past');
    case 'window_end_before_start': return problem(422, 'change_window_invalid');
    case 'retrospective_approval_pending': return problem(409, 'retrospective_approval_pending');
    case 'design_transition_required': return problem(409, 'design_transition_required', { role: r.role }, { extra: { role: r.role } });
    case 'not_high_impact': return problem(409, 'change_not_high_impact');
    default: return null;
  }
}

export const changeProcess: ProcessModule = {
  answer: (refusal) => answerChangeRefusal(refusal as never),
  bodies: changeActionBodies,
  async check(handle, command, actor) {
    const { kase, profile, refusal } = await checkCase(handle, changeStateQuery, (k, p) => changeRefusal(k, command as ChangeCommand, actor, p, Date.now()), answerChangeRefusal);
    if (refusal) return { refusal, actingRole: null };
    return { refusal: null, actingRole: changeActingRole(kase, command as ChangeCommand, actor, profile) };
  },
  async toCommand(em, tenantId, action, body) {
    if (action === 'decide') {
      const b = body as { decision: 'approve' | 'reject'; note?: string; comment?: string };
      const note = b.note ?? b.comment;
      return { action, decision: b.decision, ...(note ? { note } : {}) };
    }
    if (action === 'reschedule') {
      const b = body as { window: { start: string; end: string }; reason?: string };
      return { action, window: { start: Date.parse(b.window.start), end: Date.parse(b.window.end) }, ...(b.reason ? { reason: b.reason } : {}) };
    }
    if (action === 'grant_exception') {
      const user = await findUser(em, tenantId, String(body.username));
      if (!user) throw problem(422, 'unknown_user', { username: String(body.username) });
    }
    return { action, ...body };
  },
  execute: (handle, cmd, updateId) => handle.executeUpdate(changeActUpdate, { args: [cmd as ActCommand<ChangeCommand>], updateId }),
};

// ---- the standard-change catalogue --------------------------------------------------------------

export async function listStandardChanges(deps: ApiDeps, principal: Principal) {
  const rows = await deps.orm.em.fork().execute<StandardRow[]>('select * from standard_change where tenant_id = ? order by code', [principal.tenantId]);
  return { items: rows.map(standardView) };
}

export async function getStandardChange(deps: ApiDeps, principal: Principal, code: string) {
  const [row] = await deps.orm.em.fork().execute<StandardRow[]>('select * from standard_change where tenant_id = ? and code = ?', [principal.tenantId, code]);
  if (!row) throw problem(404, 'standard_change_not_found', { code });
  return standardView(row);
}

export async function putStandardChange(deps: ApiDeps, principal: Principal, code: string, body: StandardChangeBody) {
  const em = deps.orm.em.fork();
  requireChange(profileOf(await loadTenant(em, principal.tenantId)));
  for (const s of body.services) {
    const service = await findService(em, principal.tenantId, s);
    if (!service || !service.active) throw problem(422, 'unknown_service', { code: s });
  }
  return writeStandardChange(em, principal.tenantId, code, body);
}

// ---- blackout periods ---------------------------------------------------------------------------

interface BlackoutRow { id: string; service_code: string | null; starts_at: Date; ends_at: Date; reason: string; created_by: string; created_at: Date }
const blackoutView = (r: BlackoutRow) => ({
  id: r.id, service: r.service_code, start: new Date(r.starts_at).toISOString(), end: new Date(r.ends_at).toISOString(), reason: r.reason,
  createdBy: r.created_by, createdAt: new Date(r.created_at).toISOString(),
});

export async function listBlackouts(deps: ApiDeps, principal: Principal) {
  const rows = await deps.orm.em.fork().execute<BlackoutRow[]>('select * from change_blackout where tenant_id = ? order by starts_at, id', [principal.tenantId]);
  return { items: rows.map(blackoutView) };
}

export async function createBlackout(deps: ApiDeps, principal: Principal, body: BlackoutBody) {
  const em = deps.orm.em.fork();
  requireChange(profileOf(await loadTenant(em, principal.tenantId)));
  const start = Date.parse(body.start);
  const end = Date.parse(body.end);
  if (end <= start) throw problem(422, 'change_window_invalid');
  if (body.service) {
    const service = await findService(em, principal.tenantId, body.service);
    if (!service || !service.active) throw problem(422, 'unknown_service', { code: body.service });
  }
  const [row] = await em.execute<BlackoutRow[]>(
    `insert into change_blackout (id, tenant_id, service_code, starts_at, ends_at, reason, created_by) values (?, ?, ?, ?, ?, ?, ?) returning *`,
    [randomUUID(), principal.tenantId, body.service, new Date(start).toISOString(), new Date(end).toISOString(), body.reason, principalKeyOf(principal)],
  );
  return blackoutView(row!);
}

export async function deleteBlackout(deps: ApiDeps, principal: Principal, id: string) {
  const [row] = await deps.orm.em.fork().execute<BlackoutRow[]>('delete from change_blackout where tenant_id = ? and id = ? returning *', [principal.tenantId, id]);
  if (!row) throw problem(404, 'blackout_not_found', { id });
  return blackoutView(row);
}
