// Availability over HTTP (spec "Monitoring and availability"; serang BAB III C, BAB IV C.2.3–2.4):
// downtime entered by hand, the measured availability of a month per service (the same query module
// the monthly report's activity uses: activities/availability.ts), the on-demand monthly report
// (the same intake the Schedule's workflow writes) and the `availability` process module used by
// POST /cases/{id}/actions/{prepare|acknowledge}.
import { randomUUID } from 'node:crypto';
import { openAvailabilityReportIntake } from '../../activities/availability.ts';
import { measureMonth } from '../../db/availabilityMeasure.ts';
import { findService } from '../../db/services.ts';
import {
  availabilityReportRefusal, availabilityReportRoles, monthAt, parseMonth,
  type AvailabilityReportCommand, type AvailabilityReportRefusal, availabilityReportActingRole,
} from '../../policy/availabilityReport.ts';
import type { Profile } from '../../policy/profile.ts';
import { availabilityReportActUpdate, availabilityReportStateQuery, type ActCommand } from '../../workflows/messages.ts';
import type { Principal } from '../auth/principal.ts';
import type { ApiDeps } from '../deps.ts';
import { problem } from '../http/problem.ts';
import { availabilityActionBodies, type DowntimeBody } from '../schemas/availability.ts';
import { canSee, loadCaseRow } from './cases.ts';
import { checkCase } from './caseCheck.ts';
import { principalKeyOf, startSubmission } from './intake.ts';
import type { ProcessModule } from './processes.ts';
import { loadTenant, profileOf } from './tenants.ts';

/** Who enters downtime by hand (design: technical team, service desk, administrator). */
export const DOWNTIME_ROLES = ['technical_team', 'service_desk', 'administrator'];

// ---- downtime entered by hand ---------------------------------------------------------------

interface DowntimeRow { id: string; service_code: string; starts_at: Date; ends_at: Date | null; source: 'manual' | 'disaster'; source_ref: string | null; cause: string; recorded_by: string; recorded_at: Date }
const downtimeView = (r: DowntimeRow) => ({
  id: r.id, service: r.service_code, start: new Date(r.starts_at).toISOString(), end: r.ends_at ? new Date(r.ends_at).toISOString() : null,
  source: r.source, sourceRef: r.source_ref, cause: r.cause, recordedBy: r.recorded_by, recordedAt: new Date(r.recorded_at).toISOString(),
});

/** POST /availability/downtime: an outage that happened (not in the future), ending after it starts. A correction is a new entry (the audit keeps both). */
export async function recordDowntime(deps: ApiDeps, principal: Principal, body: DowntimeBody) {
  const em = deps.orm.em.fork();
  const now = deps.now();
  const start = Date.parse(body.start);
  const end = body.end ? Date.parse(body.end) : null;
  const service = await findService(em, principal.tenantId, body.service);
  if (!service || !service.active) throw problem(422, 'unknown_service', { code: body.service });
  if (end !== null && end <= start) throw problem(422, 'downtime_ends_before_start', { start: body.start, end: body.end! });
  if (start > now) throw problem(422, 'downtime_in_future', { at: body.start });
  if (end !== null && end > now) throw problem(422, 'downtime_in_future', { at: body.end! });
  const [row] = await em.execute<DowntimeRow[]>(
    `insert into downtime (id, tenant_id, service_code, starts_at, ends_at, source, source_ref, cause, recorded_by) values (?, ?, ?, ?, ?, 'manual', null, ?, ?) returning *`,
    [randomUUID(), principal.tenantId, service.code, new Date(start).toISOString(), end === null ? null : new Date(end).toISOString(), body.cause, principalKeyOf(principal)]);
  return downtimeView(row!);
}

export async function listDowntime(deps: ApiDeps, principal: Principal, q: { service?: string | undefined; from?: string | undefined; to?: string | undefined }) {
  const where = ['tenant_id = ?'];
  const params: unknown[] = [principal.tenantId];
  if (q.service) { where.push('service_code = ?'); params.push(q.service); }
  if (q.to) { where.push('starts_at < ?::timestamptz'); params.push(q.to); }
  if (q.from) { where.push(`coalesce(ends_at, 'infinity'::timestamptz) > ?::timestamptz`); params.push(q.from); }
  const rows = await deps.orm.em.fork().execute<DowntimeRow[]>(`select * from downtime where ${where.join(' and ')} order by starts_at, id limit 1000`, params);
  return { items: rows.map(downtimeView) };
}

// ---- measured availability ----------------------------------------------------------------------

/** A month that has begun (YYYY-MM); `ended`: one that is over (reports). */
/** No agency ran SPBE services before this; earlier months (0847-09, found by the API fuzzer) have no calendar maths either. */
const EARLIEST_MONTH = '2000-01';

function checkedMonth(month: string, timezone: string, now: number, ended: boolean): string {
  const current = monthAt(now, timezone);
  if (!parseMonth(month) || month < EARLIEST_MONTH || month > current || (ended && month === current)) throw problem(422, 'invalid_month', { month });
  return month;
}

/** GET /availability?month=YYYY-MM[&service=]: per service the committed time, downtime, maintenance excluded, availability, target, met and the sources. */
export async function availabilityOfMonth(deps: ApiDeps, principal: Principal, q: { month: string; service?: string | undefined }) {
  const em = deps.orm.em.fork();
  const profile = profileOf(await loadTenant(em, principal.tenantId));
  const now = deps.now();
  const month = checkedMonth(q.month, profile.timezone, now, false);
  if (q.service) {
    const service = await findService(em, principal.tenantId, q.service);
    if (!service || !service.active) throw problem(422, 'unknown_service', { code: q.service });
  }
  const measured = await measureMonth(em, principal.tenantId, month, q.service ? [q.service] : null, now);
  return {
    month, period: { start: new Date(measured.period.start).toISOString(), end: new Date(measured.period.end).toISOString() }, measuredAt: new Date(now).toISOString(),
    services: measured.services.map((s) => ({
      service: s.code, name: s.name, classification: s.classification, schedule: s.schedule,
      committedMs: s.committedMs, downtimeMs: s.downtimeMs, maintenanceExcludedMs: s.maintenanceExcludedMs,
      basisPoints: s.basisPoints, availability: s.basisPoints === null ? null : s.basisPoints / 100,
      target: s.targetPercent, targetSource: s.targetSource, met: s.met, sources: { downtime: s.downtime, maintenance: s.maintenance },
    })),
  };
}

// ---- the monthly report on demand ----------------------------------------------------------------

function requireReport(profile: Profile) {
  if (!profile.availabilityReport) throw problem(422, 'availability_report_not_configured', { profile: profile.id });
  return availabilityReportRoles(profile);
}

/**
 * POST /availability/reports {month}: the month's report through the same intake the Schedule's
 * workflow uses (key availability:<YYYY-MM>): a month already opened returns its case (created false).
 */
export async function openReportOnDemand(deps: ApiDeps, principal: Principal, body: { month: string }): Promise<{ caseId: string; created: boolean }> {
  const em = deps.orm.em.fork();
  const profile = profileOf(await loadTenant(em, principal.tenantId));
  const roles = requireReport(profile);
  const allowed = [roles.preparedBy, 'administrator'];
  const actingRole = principal.roles.find((r) => allowed.includes(r));
  if (!actingRole) throw problem(403, 'missing_role', { roles: allowed });
  const month = checkedMonth(body.month, profile.timezone, deps.now(), true);
  const opened = await openAvailabilityReportIntake(deps.orm, {
    tenantId: principal.tenantId, month, trigger: 'manual', requestedBy: { username: principalKeyOf(principal), name: principal.name, role: actingRole }, at: deps.now(),
  });
  await startSubmission(deps, { kind: 'availability', caseId: opened.caseId, workflowId: opened.workflowId, input: opened.input });
  return { caseId: opened.caseId, created: opened.created };
}

/** GET /availability/reports/{id}/formulir-f: the stored Formulir F (HTML) once the report is acknowledged. */
export async function formulirFOf(deps: ApiDeps, principal: Principal, id: string): Promise<{ html: Buffer; filename: string }> {
  const em = deps.orm.em.fork();
  const row = await loadCaseRow(em, principal.tenantId, id);
  if (!canSee(principal, row) || row.case_type !== 'availability') throw problem(404, 'case_not_found', { id });
  const [doc] = await em.execute<Array<{ content: Buffer; filename: string }>>(
    `select content, filename from document where tenant_id = ? and case_id = ? and kind = 'availability_report' order by created_at desc limit 1`, [principal.tenantId, row.id]);
  if (!doc) throw problem(404, 'formulir_f_not_ready');
  return { html: doc.content, filename: doc.filename };
}

// ---- the process module (POST /cases/{id}/actions/{action}) ------------------------------------------

function answerReportRefusal(r: AvailabilityReportRefusal) {
  switch (r.code) {
    case 'cause_required': return problem(422, 'availability_cause_required', { services: r.services.join(', ') }, { extra: { services: r.services } });
    case 'service_not_in_report': return problem(422, 'service_not_in_report', { services: r.services.join(', ') }, { extra: { services: r.services } });
    default: return null;
  }
}

export const availabilityProcess: ProcessModule = {
  answer: (refusal) => answerReportRefusal(refusal as never),
  bodies: availabilityActionBodies,
  async check(handle, command, actor) {
    const cmd = command as AvailabilityReportCommand;
    const { profile, refusal } = await checkCase(handle, availabilityReportStateQuery, (k, p) => availabilityReportRefusal(k, cmd, actor, p), answerReportRefusal);
    if (refusal) return { refusal, actingRole: null };
    return { refusal: null, actingRole: availabilityReportActingRole(cmd, actor, profile) };
  },
  async toCommand(_em, _tenantId, action, body) {
    return { action, ...body };
  },
  execute: (handle, cmd, updateId) => handle.executeUpdate(availabilityReportActUpdate, { args: [cmd as ActCommand<AvailabilityReportCommand>], updateId }),
};
