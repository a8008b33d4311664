// Alert intake: monitoring alerts (Prometheus Alertmanager's webhook, or a generic JSON) open
// incidents through the same durable intake as a person's report, one open incident per alert.
//
//   firing    an open incident for (tenant, source, fingerprint) exists → the repeat is counted on it
//             (repeat_count, last_seen); else an incident is opened (channel 'monitoring', the
//             integration as reporter) under the idempotency key <source>:<fingerprint>:<startsAt>, so a
//             retried webhook never opens twice.
//   resolved  the clearing is recorded on the open incident by the workflow (an activity and an
//             'alert_resolved' event); the incident stays open until the service desk confirms.
//
// "Open" is the read model's: sigap_case.closed_at is null. A new firing after the incident closed
// opens a new one (the same firing episode — same startsAt — does not).
import type { EntityManager } from '@mikro-orm/postgresql';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, isGrpcServiceError } from '@temporalio/client';
import { findService, type ServiceRecord } from '../../db/services.ts';
import type { Impact } from '../../policy/profile.ts';
import type { Actor } from '../../policy/requestFulfilment.ts';
import { incidentAlertResolvedUpdate } from '../../workflows/messages.ts';
import { REFUSAL_ERROR_TYPE } from '../../workflows/messages.ts';
import { actorOf, type Principal } from '../auth/principal.ts';
import type { ApiDeps } from '../deps.ts';
import { translate, type Lang, type MessageKey, type MessageParams } from '../http/messages.ts';
import { ProblemError, problem } from '../http/problem.ts';
import type { AlertmanagerWebhookBody, AlertOutcome, AlertOutcomeKind, AlertRecord, GenericAlertBody } from '../schemas/alerts.ts';
import type { CreateIncidentBody } from '../schemas/incidents.ts';
import { openIncident } from './incidents.ts';
import { loadTenant, profileOf } from './tenants.ts';

/** One alert, whatever tool sent it, mapped to what an incident needs. */
export interface IncomingAlert {
  source: string;
  fingerprint: string;
  status: 'firing' | 'resolved';
  /** Service code, null when the alert names none. */
  service: string | null;
  impact: Impact;
  alertName: string;
  category: string;
  symptoms: string;
  instance: string | null;
  /** Start of the firing episode (ISO, ms precision), null when the tool does not say. */
  startsAt: string | null;
  /** When it cleared (ISO), null when not said. */
  endsAt: string | null;
}

// ---- mapping ---------------------------------------------------------------------------------------------------------

/** Explicit impact when valid; else by severity: critical → mayor, anything else → minor. */
export function impactOf(explicit: string | undefined, severity: string | undefined): Impact {
  const e = explicit?.trim().toLowerCase();
  if (e === 'mayor' || e === 'minor') return e;
  return severity?.trim().toLowerCase() === 'critical' ? 'mayor' : 'minor';
}

/** ISO with milliseconds; null for absent or Go's zero time (Alertmanager's endsAt of a firing alert). */
export function instantOf(value: string | undefined | null): string | null {
  if (!value) return null;
  const t = Date.parse(value);
  return Number.isNaN(t) || t < Date.UTC(1971, 0, 1) ? null : new Date(t).toISOString();
}

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

export function fromAlertmanager(body: AlertmanagerWebhookBody): IncomingAlert[] {
  return body.alerts.map((a) => {
    const alertName = a.labels.alertname?.trim() || 'Peringatan pemantauan';
    const category = clip(alertName, 200);
    const told = [a.annotations.summary, a.annotations.description].map((s) => s?.trim()).filter((s): s is string => !!s);
    return {
      source: 'alertmanager', fingerprint: a.fingerprint, status: a.status,
      service: a.labels.sigap_service?.trim() || a.labels.service?.trim() || null,
      impact: impactOf(a.labels.sigap_impact, a.labels.severity),
      alertName, category, symptoms: clip(told.join('\n\n') || category, 10_000),
      instance: a.labels.instance?.trim() || null,
      startsAt: instantOf(a.startsAt), endsAt: instantOf(a.endsAt),
    };
  });
}

export function fromGeneric(body: GenericAlertBody): IncomingAlert {
  return {
    source: body.source, fingerprint: body.fingerprint, status: body.status, service: body.service,
    impact: impactOf(body.impact, body.severity), alertName: body.title, category: body.title,
    symptoms: body.description ?? body.title, instance: body.instance ?? null,
    startsAt: instantOf(body.startsAt), endsAt: instantOf(body.endsAt),
  };
}

/** The configuration item an alert's instance names, if it belongs to the service ("host:port" also matches "host"). */
export function configurationItemOf(instance: string | null, service: ServiceRecord): string | null {
  if (!instance) return null;
  return [instance, instance.replace(/:\d+$/, '')].find((ci) => service.configurationItems.includes(ci)) ?? null;
}

// ---- who may send alerts -----------------------------------------------------------------------------------------------

/** Integrators pass by scope (checked by the route); among users only the service desk may feed alerts. */
export async function assertMaySendAlerts(deps: ApiDeps, principal: Principal): Promise<void> {
  if (principal.apiKeyId) return;
  const desk = profileOf(await loadTenant(deps.orm.em.fork(), principal.tenantId)).requestFulfilment.serviceDeskRole;
  if (!principal.roles.includes(desk)) throw problem(403, 'missing_role', { roles: [desk] });
}

// ---- intake --------------------------------------------------------------------------------------------------------------

interface FingerprintRow {
  case_id: string; number: string; workflow_id: string; closed_at: Date | string | null; status: 'firing' | 'resolved';
  last_starts_at: Date | string | null; repeat_count: number;
}

/** Thrown inside the intake transaction when another delivery recorded the alert first: roll back, count a repeat. */
class AlertAlreadyRecorded extends Error {
  constructor() { super('alert already recorded by a concurrent delivery'); }
}

const time = (v: Date | string | null) => (v === null ? null : new Date(v).getTime());

/** Processes alerts in order (a batch may fire and resolve one alert); one bad alert never fails the others. */
export async function receiveAlerts(deps: ApiDeps, principal: Principal, alerts: IncomingAlert[], lang: Lang): Promise<AlertOutcome[]> {
  const out: AlertOutcome[] = [];
  for (const [index, alert] of alerts.entries()) {
    const base = { index, source: alert.source, fingerprint: alert.fingerprint, status: alert.status };
    const result = alert.status === 'firing' ? await firing(deps, principal, alert) : await resolved(deps, principal, alert);
    out.push({
      ...base, outcome: result.outcome, caseId: result.caseId ?? null, number: result.number ?? null, repeatCount: result.repeatCount ?? null,
      reason: result.reason ? { code: result.reason.code, message: translate(result.reason.code, lang, result.reason.params) } : null,
    });
  }
  return out;
}

interface Result { outcome: AlertOutcomeKind; caseId?: string; number?: string; repeatCount?: number; reason?: { code: MessageKey; params?: MessageParams } }

async function firing(deps: ApiDeps, principal: Principal, alert: IncomingAlert): Promise<Result> {
  const em = deps.orm.em.fork();
  for (let attempt = 0; attempt < 3; attempt++) {
    const known = await countRepeat(em, principal.tenantId, alert, deps.now());
    if (known) return known;
    if (!alert.service) return { outcome: 'rejected', reason: { code: 'alert_service_missing' } };
    const service = await findService(em, principal.tenantId, alert.service);
    if (!service || !service.active) return { outcome: 'rejected', reason: { code: 'unknown_service', params: { code: alert.service } } };
    const ci = configurationItemOf(alert.instance, service);
    const body: CreateIncidentBody = {
      service: service.code, category: alert.category, symptoms: alert.symptoms, impact: alert.impact, channel: 'monitoring',
      configurationItems: ci ? [ci] : [], confirmationChannel: 'portal', security: false,
    };
    const key = alert.startsAt ? `${alert.source}:${alert.fingerprint}:${alert.startsAt}` : null;
    try {
      const { caseId, created } = await openIncident(deps, principal, body, key, { type: 'alert', id: `${alert.source}:${alert.fingerprint}` }, {
        // Nobody reported it: the integration is the reporter (a user of the service desk reports as themself).
        ...(principal.apiKeyId ? { reporter: { username: principal.username, name: principal.name } } : {}),
        alsoWrite: (tx, input) => recordFingerprint(tx, principal.tenantId, alert, input.caseId, input.reportedAt),
      });
      if (!created) continue; // a retried or concurrent delivery of this episode: count it on that case
      const [row] = await em.execute<Array<{ number: string }>>('select number from sigap_case where id = ?', [caseId]);
      return { outcome: 'opened', caseId, number: row?.number ?? '', repeatCount: 0 };
    } catch (err) {
      if (err instanceof AlertAlreadyRecorded || isCause(err, AlertAlreadyRecorded)) continue;
      if (err instanceof ProblemError && err.code === 'idempotency_key_reused') continue;
      if (err instanceof ProblemError && err.code === 'unknown_service') return { outcome: 'rejected', reason: { code: err.code, params: err.params } };
      throw err;
    }
  }
  throw new Error(`alert ${alert.source}:${alert.fingerprint}: no incident found or opened after 3 attempts`);
}

function isCause(err: unknown, type: new () => Error): boolean {
  for (let e = err as { cause?: unknown } | undefined, i = 0; e && i < 5; e = e.cause as { cause?: unknown } | undefined, i++) if (e instanceof type) return true;
  return false;
}

/** The alert's incident, if it is open — or closed but opened by this very firing episode (a late retry). */
async function findFingerprint(em: EntityManager, tenantId: string, alert: IncomingAlert, forUpdate: boolean): Promise<FingerprintRow | undefined> {
  const [row] = await em.execute<FingerprintRow[]>(
    `select a.case_id, c.number, c.workflow_id, c.closed_at, a.status, a.last_starts_at, a.repeat_count
     from alert_fingerprint a join sigap_case c on c.id = a.case_id
     where a.tenant_id = ? and a.source = ? and a.fingerprint = ? and (c.closed_at is null or a.last_starts_at = ?::timestamptz)
     order by (c.closed_at is null) desc, a.first_seen desc limit 1${forUpdate ? ' for update of a' : ''}`,
    [tenantId, alert.source, alert.fingerprint, alert.startsAt],
  );
  return row;
}

/** A firing of an alert that already has its incident: count it there. */
async function countRepeat(em: EntityManager, tenantId: string, alert: IncomingAlert, now: number): Promise<Result | null> {
  return em.transactional(async (tx) => {
    const row = await findFingerprint(tx, tenantId, alert, true);
    if (!row) return null;
    const open = row.closed_at === null;
    // Firing again after it cleared (a newer episode; without startsAt any firing is taken as newer).
    const refired = open && row.status === 'resolved' && (alert.startsAt === null || Date.parse(alert.startsAt) > (time(row.last_starts_at) ?? -Infinity));
    const at = new Date(now).toISOString();
    await tx.execute(
      `update alert_fingerprint set repeat_count = repeat_count + 1, last_seen = ?,
         status = ?, last_starts_at = ?, resolved_at = ${refired ? 'null' : 'resolved_at'}
       where tenant_id = ? and source = ? and fingerprint = ? and case_id = ?`,
      [at, refired ? 'firing' : row.status, refired ? (alert.startsAt ?? at) : row.last_starts_at, tenantId, alert.source, alert.fingerprint, row.case_id],
    );
    return { outcome: open ? 'repeat' : 'duplicate', caseId: row.case_id, number: row.number, repeatCount: row.repeat_count + 1 };
  });
}

/** In the intake transaction of the new incident: at most one open incident per alert. */
async function recordFingerprint(tx: EntityManager, tenantId: string, alert: IncomingAlert, caseId: string, at: number): Promise<void> {
  await tx.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`alert:${tenantId}:${alert.source}:${alert.fingerprint}`]);
  if (await findFingerprint(tx, tenantId, alert, false)) throw new AlertAlreadyRecorded();
  const seen = new Date(at).toISOString();
  const startsAt = alert.startsAt ?? seen;
  await tx.execute(
    `insert into alert_fingerprint (tenant_id, source, fingerprint, case_id, status, alert_name, starts_at, last_starts_at, first_seen, last_seen, repeat_count)
     values (?, ?, ?, ?, 'firing', ?, ?, ?, ?, ?, 0)`,
    [tenantId, alert.source, alert.fingerprint, caseId, alert.alertName, startsAt, startsAt, seen, seen],
  );
}

async function resolved(deps: ApiDeps, principal: Principal, alert: IncomingAlert): Promise<Result> {
  const em = deps.orm.em.fork();
  const [row] = await em.execute<FingerprintRow[]>(
    `select a.case_id, c.number, c.workflow_id, c.closed_at, a.status, a.last_starts_at, a.repeat_count
     from alert_fingerprint a join sigap_case c on c.id = a.case_id
     where a.tenant_id = ? and a.source = ? and a.fingerprint = ?
     order by (c.closed_at is null) desc, a.first_seen desc limit 1`,
    [principal.tenantId, alert.source, alert.fingerprint],
  );
  if (!row) return { outcome: 'ignored', reason: { code: 'alert_unknown', params: { fingerprint: alert.fingerprint, source: alert.source } } };
  const found = { caseId: row.case_id, number: row.number, repeatCount: row.repeat_count };
  const episode = time(row.last_starts_at);
  // Already cleared, or the clearing of an older episode than the one the incident now tracks.
  if (row.status === 'resolved' || (alert.startsAt !== null && episode !== null && Date.parse(alert.startsAt) < episode)) return { outcome: 'duplicate', ...found };

  const endsAt = alert.endsAt ?? new Date(deps.now()).toISOString();
  let closed = row.closed_at !== null;
  if (!closed) {
    const actor: Actor = actorOf(principal);
    const startsAt = alert.startsAt ?? (episode === null ? null : new Date(episode).toISOString());
    try {
      await deps.temporal.workflow.getHandle(row.workflow_id).executeUpdate(incidentAlertResolvedUpdate, {
        args: [{ actor, actingRole: principal.apiKeyId ? 'integrator' : principal.roles.find((r) => r !== 'requester') ?? null, alert: {
          source: alert.source, fingerprint: alert.fingerprint, alertName: alert.alertName, startsAt, endsAt,
        } }],
        updateId: `alert-resolved:${alert.source}:${alert.fingerprint}:${startsAt ?? 'none'}`,
      });
    } catch (err) {
      if (!isClosedCaseError(err)) throw err;
      closed = true;
    }
  }
  await em.execute(
    `update alert_fingerprint set status = 'resolved', resolved_at = ?, last_seen = ? where tenant_id = ? and source = ? and fingerprint = ? and case_id = ?`,
    [endsAt, new Date(deps.now()).toISOString(), principal.tenantId, alert.source, alert.fingerprint, row.case_id],
  );
  return closed ? { outcome: 'ignored', ...found, reason: { code: 'case_closed', params: { state: 'closed' } } } : { outcome: 'resolved', ...found };
}

function isClosedCaseError(err: unknown): boolean {
  if (err instanceof WorkflowNotFoundError) return true;
  if (err instanceof WorkflowUpdateFailedError) {
    const cause = err.cause as { type?: string; details?: Array<{ code?: string }> } | undefined;
    return cause?.type === REFUSAL_ERROR_TYPE && cause.details?.[0]?.code === 'case_closed';
  }
  // The workflow has completed (closed a moment ago): the server refuses updates.
  return isGrpcServiceError(err) && /completed|closed/i.test(err.message);
}

// ---- reading -------------------------------------------------------------------------------------------------------------

export async function listAlerts(deps: ApiDeps, principal: Principal, q: { caseId?: string | undefined; source?: string | undefined; fingerprint?: string | undefined; status?: string | undefined }): Promise<AlertRecord[]> {
  const where = ['a.tenant_id = ?'];
  const params: unknown[] = [principal.tenantId];
  const add = (sql: string, v: unknown) => { where.push(sql); params.push(v); };
  if (q.caseId) add('a.case_id = ?', q.caseId);
  if (q.source) add('a.source = ?', q.source);
  if (q.fingerprint) add('a.fingerprint = ?', q.fingerprint);
  if (q.status) add('a.status = ?', q.status);
  const rows = await deps.orm.em.fork().execute<Array<{
    source: string; fingerprint: string; alert_name: string; case_id: string; number: string; state: string; closed_at: Date | null; status: 'firing' | 'resolved';
    starts_at: Date | null; last_starts_at: Date | null; first_seen: Date; last_seen: Date; repeat_count: number; resolved_at: Date | null;
  }>>(
    `select a.source, a.fingerprint, a.alert_name, a.case_id, c.number, c.state, c.closed_at, a.status, a.starts_at, a.last_starts_at,
       a.first_seen, a.last_seen, a.repeat_count, a.resolved_at
     from alert_fingerprint a join sigap_case c on c.id = a.case_id where ${where.join(' and ')} order by a.last_seen desc limit 200`,
    params,
  );
  const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());
  return rows.map((r) => ({
    source: r.source, fingerprint: r.fingerprint, alertName: r.alert_name, caseId: r.case_id, caseNumber: r.number, caseState: r.state,
    caseOpen: r.closed_at === null, status: r.status, startsAt: iso(r.starts_at), lastStartsAt: iso(r.last_starts_at),
    firstSeen: iso(r.first_seen)!, lastSeen: iso(r.last_seen)!, repeatCount: r.repeat_count, resolvedAt: iso(r.resolved_at),
  }));
}
