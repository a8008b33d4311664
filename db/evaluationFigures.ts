// The figures of an evaluation period (policy/evaluationFigures.ts, the contract; read its header for
// the counting rules) computed by SQL aggregates over the read model — never by loading every case:
// each chapter is a few GROUP BY queries over the indexes of Migration20261122071000EvaluationIndexes
// (index-only scans on (tenant, case type, closed_at) and (tenant, case type, created_at)).
// Only the measures some chapter of the profile names are computed; the others stay null.
import type { EntityManager } from '@mikro-orm/postgresql';
import { availabilitySources, scheduleAndTarget, servicesWithPlans } from './availabilityMeasure.ts';
import { readCalendar } from './calendar.ts';
import { measureAvailability } from '../policy/availability.ts';
import { metTarget } from '../policy/availabilityReport.ts';
import type {
  AvailabilityChapterFigures, CaseChapterFigures, CountFigures, EvaluationFigures, EvaluationPeriod, FollowUpFigures,
  GroupAttainment, MonthPoint, RecoveryChapterFigures, RecoveryExecution, ReleaseChapterFigures, Satisfaction,
} from '../policy/evaluationFigures.ts';
import { periodMonthsList } from '../policy/evaluationPeriod.ts';
import type { EvaluationMeasure, Profile } from '../policy/profile.ts';

export interface EvaluationFiguresRequest {
  tenantId: string;
  profile: Profile;
  period: EvaluationPeriod;
  /** Epoch ms: open outages end here (capped at the period end); the computation instant. */
  now: number;
}

/** Case types whose chapter counts completions against targets. */
type CaseChapterType = 'request' | 'incident' | 'maintenance';

/** Closed without being served: not a completion (nothing was fulfilled or resolved). */
const NOT_SERVED = ['cancelled', 'rejected', 'reclassified'];
const notServedSql = `(${NOT_SERVED.map((s) => `'${s}'`).join(', ')})`;

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const bp = (part: number, whole: number): number | null => (whole > 0 ? Math.floor((part * 10_000) / whole) : null);
const satisfactionOf = (ratings: number, sum: number): Satisfaction => ({ ratings, meanMilli: ratings > 0 ? Math.round((sum * 1000) / ratings) : null });

export async function computeEvaluationFigures(em: EntityManager, req: EvaluationFiguresRequest): Promise<EvaluationFigures> {
  const measures = new Set<EvaluationMeasure>(req.profile.evaluation.chapters.flatMap((c) => c.measures));
  // Satisfaction is the rating of completed requests and incidents (serang B.2.6), carried by those chapters.
  // Earlier follow-ups are always shown: every evaluation reports whether the last one's «tindak lanjut
  // penyempurnaan» (serang E.2.3 c) were done, whichever chapter discusses them.
  const wants = (m: EvaluationMeasure) => m === 'follow_ups' || measures.has(m) || ((m === 'requests' || m === 'incidents') && measures.has('satisfaction'));
  const q = { ...req, timezone: req.profile.timezone };
  const [requests, incidents, maintenance, availability, recovery, releases, changes, problems, followUps] = await Promise.all([
    wants('requests') ? caseChapter(em, q, 'request') : null,
    wants('incidents') ? caseChapter(em, q, 'incident') : null,
    wants('maintenance') ? caseChapter(em, q, 'maintenance') : null,
    wants('availability') ? availabilityChapter(em, q) : null,
    wants('recovery') ? recoveryChapter(em, q) : null,
    wants('releases') ? releaseChapter(em, q) : null,
    wants('changes') ? countChapter(em, q, 'change') : null,
    wants('problems') ? countChapter(em, q, 'problem') : null,
    wants('follow_ups') ? followUpFigures(em, q) : null,
  ]);
  const caseEmpty = (c: CaseChapterFigures | CountFigures | null) => !c || (c.received === 0 && c.completed === 0);
  const empty = caseEmpty(requests) && caseEmpty(incidents) && caseEmpty(maintenance) && caseEmpty(changes) && caseEmpty(problems)
    && (!availability || availability.services.every((s) => s.downtimeMs === 0))
    && (!recovery || recovery.executions.length === 0)
    && (!releases || releases.completed === 0)
    && (!followUps || followUps.total === 0);
  return {
    period: req.period, computedAt: new Date(req.now).toISOString(),
    requests, incidents, maintenance, availability, recovery, releases, changes, problems, followUps, empty,
  };
}

interface Query extends EvaluationFiguresRequest { timezone: string }

// ---- A, B and maintenance: completions against targets ------------------------------------------

/**
 * Completions of one case type in [from, to) per service × priority × local month; parameters:
 * time zone, tenant, case type, from, to. Exported so the tests and the benchmark EXPLAIN the very
 * query (an index-only scan on sigap_case_evaluation_closed_idx).
 */
export const COMPLETIONS_SQL = `select service_code, priority, to_char(closed_at at time zone ?, 'YYYY-MM') as month,
       count(*) as completed, count(*) filter (where sla_met) as met, count(*) filter (where sla_met = false) as not_met,
       count(satisfaction) as ratings, sum(satisfaction) as rating_sum
     from sigap_case
     where tenant_id = ? and case_type = ? and closed_at >= ?::timestamptz and closed_at < ?::timestamptz and state not in ${notServedSql}
     group by 1, 2, 3`;

interface CompletedRow { service_code: string | null; priority: string | null; month: string; completed: string; met: string; not_met: string; ratings: string; rating_sum: string | null }

async function caseChapter(em: EntityManager, q: Query, caseType: CaseChapterType): Promise<CaseChapterFigures> {
  const { from, to } = q.period;
  // Completed in the period, per service × priority × local month (index-only scan on closed_at).
  const completedRows = em.execute<CompletedRow[]>(COMPLETIONS_SQL, [q.timezone, q.tenantId, caseType, from, to]);
  // Received in the period, per local month (index-only scan on created_at).
  const receivedRows = em.execute<Array<{ month: string; received: string }>>(
    `select to_char(created_at at time zone ?, 'YYYY-MM') as month, count(*) as received
     from sigap_case where tenant_id = ? and case_type = ? and created_at >= ?::timestamptz and created_at < ?::timestamptz
     group by 1`,
    [q.timezone, q.tenantId, caseType, from, to]);
  // Open at the period end: received before it and closed after it (or not yet). A case whose due
  // instant passed before the end had breached by then.
  const openRows = em.execute<Array<{ open: string; breached: string }>>(
    `select count(*) as open, count(*) filter (where due_at < ?::timestamptz) as breached from (
       select due_at from sigap_case where tenant_id = ? and case_type = ? and closed_at >= ?::timestamptz and created_at < ?::timestamptz
       union all
       select due_at from sigap_case where tenant_id = ? and case_type = ? and closed_at is null and created_at < ?::timestamptz
     ) open_cases`,
    [to, q.tenantId, caseType, to, to, q.tenantId, caseType, to]);
  const [completed, received, [open]] = await Promise.all([completedRows, receivedRows, openRows]);

  const total = sumRows(completed);
  const byService = groupBy(completed, (r) => r.service_code ?? '—');
  const names = await groupNames(em, q.tenantId, byService.map((g) => g.key).filter((k) => k !== '—'));
  const services = byService.map((g) => ({ ...g, name: names.get(g.key) ?? null }));
  const receivedByMonth = new Map(received.map((r) => [r.month, num(r.received)]));
  const completedByMonth = new Map(groupBy(completed, (r) => r.month).map((g) => [g.key, g]));
  const months: MonthPoint[] = periodMonthsList(q.period).map((month) => {
    const g = completedByMonth.get(month);
    return {
      month, received: receivedByMonth.get(month) ?? 0,
      completed: g?.completed ?? 0, met: g?.met ?? 0, notMet: g?.notMet ?? 0, attainmentBp: g?.attainmentBp ?? null,
      satisfaction: g?.satisfaction ?? { ratings: 0, meanMilli: null },
    };
  });
  return {
    ...total,
    received: received.reduce((s, r) => s + num(r.received), 0),
    openAtEnd: num(open?.open), breachedOpenAtEnd: num(open?.breached),
    byService: services,
    byPriority: caseType === 'incident' ? groupBy(completed, (r) => r.priority ?? '—') : [],
    months,
    servicesMeetingTarget: services.filter((s) => s.meetsTarget === true).length,
    servicesMissingTarget: services.filter((s) => s.meetsTarget === false).length,
  };
}

function sumRows(rows: CompletedRow[]): Omit<GroupAttainment, 'key' | 'name' | 'meetsTarget'> {
  let completed = 0, met = 0, notMet = 0, ratings = 0, sum = 0;
  for (const r of rows) {
    completed += num(r.completed); met += num(r.met); notMet += num(r.not_met); ratings += num(r.ratings); sum += num(r.rating_sum);
  }
  return { completed, met, notMet, attainmentBp: bp(met, completed), satisfaction: satisfactionOf(ratings, sum) };
}

function groupBy(rows: CompletedRow[], key: (r: CompletedRow) => string): GroupAttainment[] {
  const groups = new Map<string, CompletedRow[]>();
  for (const r of rows) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, rs]) => {
    const s = sumRows(rs);
    return { key: k, name: null, ...s, meetsTarget: s.completed === 0 ? null : s.notMet === 0 };
  });
}

/** Names (Bahasa Indonesia) of services and catalogue items by code. */
async function groupNames(em: EntityManager, tenantId: string, codes: string[]): Promise<Map<string, string>> {
  if (!codes.length) return new Map();
  const rows = await em.execute<Array<{ code: string; name: { id?: string } | null }>>(
    `select code, name from service where tenant_id = ? and code = any(?::text[])
     union all
     select code, name from catalogue_item where tenant_id = ? and code = any(?::text[])`,
    [tenantId, pgArray(codes), tenantId, pgArray(codes)]);
  const out = new Map<string, string>();
  for (const r of rows) if (!out.has(r.code) && r.name?.id) out.set(r.code, r.name.id);
  return out;
}

function pgArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

// ---- C: availability over the whole period, measured as the monthly report does ------------------

async function availabilityChapter(em: EntityManager, q: Query): Promise<AvailabilityChapterFigures> {
  const period = { start: Date.parse(q.period.from), end: Date.parse(q.period.to) };
  // A period still running is measured up to now (a live preview), never into the future.
  const measured = { start: period.start, end: Math.max(period.start, Math.min(period.end, q.now)) };
  const [calendar, rows] = await Promise.all([readCalendar(em, q.tenantId), servicesWithPlans(em, q.tenantId, null)]);
  const sources = await availabilitySources(em, q.tenantId, rows.map((r) => r.code), measured, q.now);
  const services = rows.map((row) => {
    const { schedule, targetPercent } = scheduleAndTarget(row);
    const r = measureAvailability({
      schedule, period: measured, calendar,
      downtime: sources.downtime.filter((s) => s.service === row.code), maintenance: sources.maintenance.filter((s) => s.service === row.code),
    });
    return {
      code: row.code, name: row.name.id, targetPercent, committedMs: r.committedMs, downtimeMs: r.downtimeMs,
      basisPoints: r.basisPoints, met: metTarget(r.basisPoints, targetPercent),
    };
  });
  return {
    services,
    met: services.filter((s) => s.met === true).length,
    notMet: services.filter((s) => s.met === false).length,
    withoutTarget: services.filter((s) => s.targetPercent === null).length,
  };
}

// ---- D: each DRP execution (real disaster or exercise) that started in the period ------------------

interface DisasterRow {
  id: string; number: string; state: string; mode: string | null; at: string;
  services: Array<{ code: string; name: string; rto: { met: boolean | null } | null; rpo: { met: boolean | null } | null }> | null;
}

async function recoveryChapter(em: EntityManager, q: Query): Promise<RecoveryChapterFigures> {
  // Measured from the base instant (declaration or disaster, per the profile), else the start.
  const rows = await em.execute<DisasterRow[]>(
    `select id, number, state, data->>'mode' as mode, at, data->'services' as services from (
       select *, coalesce(data->>'baseAt', data->>'declaredAt', data->>'startedAt', to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) as at
       from sigap_case where tenant_id = ? and case_type = 'disaster' and state not in ('cancelled', 'not_declared', 'handed_to_incident')
     ) d where at::timestamptz >= ?::timestamptz and at::timestamptz < ?::timestamptz order by at, number`,
    [q.tenantId, q.period.from, q.period.to]);
  const executions: RecoveryExecution[] = rows.map((r) => {
    const services = (r.services ?? []).map((s) => ({ code: s.code, name: s.name, rtoMet: s.rto?.met ?? null, rpoMet: s.rpo?.met ?? null }));
    const results = services.flatMap((s) => [s.rtoMet, s.rpoMet]).filter((m): m is boolean => m !== null);
    return {
      caseId: r.id, number: r.number, mode: r.mode === 'exercise' ? 'exercise' : 'real', at: new Date(r.at).toISOString(), state: r.state,
      services, met: results.length ? results.every(Boolean) : null,
    };
  });
  return {
    executions,
    met: executions.filter((e) => e.met === true).length,
    notMet: executions.filter((e) => e.met === false).length,
    unmeasured: executions.filter((e) => e.met === null).length,
  };
}

// ---- E: releases by outcome, counted when their execution completed ------------------------------

interface ReleaseRow { service: string | null; completed: string; succeeded: string; rolled_back: string; failed_rollback: string; failed: string }

async function releaseChapter(em: EntityManager, q: Query): Promise<ReleaseChapterFigures> {
  const { from, to } = q.period;
  // completedAt is an ISO instant written by toISOString (fixed width, 'Z'): "C" collation compares it
  // as time, and the partial expression index of the migration serves the range.
  const completedInPeriod = `tenant_id = ? and case_type = 'release' and (data->>'completedAt') collate "C" >= ? and (data->>'completedAt') collate "C" < ?`;
  const outcomeCounts = `count(*) as completed,
       count(*) filter (where data->>'outcome' = 'succeeded') as succeeded,
       count(*) filter (where data->>'outcome' = 'rolled_back') as rolled_back,
       count(*) filter (where data->>'outcome' = 'rollback_resolved') as failed_rollback,
       count(*) filter (where data->>'outcome' = 'failed') as failed`;
  const [[total], perService, [parked]] = await Promise.all([
    em.execute<ReleaseRow[]>(`select null as service, ${outcomeCounts} from sigap_case where ${completedInPeriod}`, [q.tenantId, from, to]),
    em.execute<ReleaseRow[]>(
      `select s.service, ${outcomeCounts} from sigap_case
         cross join lateral jsonb_array_elements_text(case when jsonb_typeof(data->'services') = 'array' then data->'services' else '[]'::jsonb end) as s(service)
       where ${completedInPeriod} group by s.service order by s.service`,
      [q.tenantId, from, to]),
    // Parked in rollback_failed at the end: the rollback failed before it and was not resolved by then.
    em.execute<Array<{ parked: string }>>(
      `select count(*) as parked from sigap_case where tenant_id = ? and case_type = 'release'
         and (data->'rollback'->'failure'->>'since') collate "C" < ?
         and (coalesce(data->'rollback'->'resolution'->>'at', data->>'completedAt') is null
              or coalesce(data->'rollback'->'resolution'->>'at', data->>'completedAt') collate "C" >= ?)`,
      [q.tenantId, to, to]),
  ]);
  const names = await groupNames(em, q.tenantId, perService.map((r) => r.service!).filter(Boolean));
  return {
    completed: num(total?.completed), succeeded: num(total?.succeeded), rolledBack: num(total?.rolled_back),
    failedRollback: num(total?.failed_rollback), failed: num(total?.failed), rollbackFailedOpen: num(parked?.parked),
    byService: perService.map((r) => ({
      key: r.service!, name: names.get(r.service!) ?? null, completed: num(r.completed), succeeded: num(r.succeeded),
      rolledBack: num(r.rolled_back), failedRollback: num(r.failed_rollback), failed: num(r.failed),
    })),
  };
}

// ---- changes and problems: counts ------------------------------------------------------------------

async function countChapter(em: EntityManager, q: Query, caseType: 'change' | 'problem'): Promise<CountFigures> {
  const { from, to } = q.period;
  const [[row], byState] = await Promise.all([
    em.execute<Array<{ received: string; completed: string; open: string }>>(
      `select
         (select count(*) from sigap_case where tenant_id = ? and case_type = ? and created_at >= ?::timestamptz and created_at < ?::timestamptz) as received,
         (select count(*) from sigap_case where tenant_id = ? and case_type = ? and closed_at >= ?::timestamptz and closed_at < ?::timestamptz) as completed,
         (select count(*) from sigap_case where tenant_id = ? and case_type = ? and created_at < ?::timestamptz and (closed_at is null or closed_at >= ?::timestamptz)) as open`,
      [q.tenantId, caseType, from, to, q.tenantId, caseType, from, to, q.tenantId, caseType, to, to]),
    // The state (as of now) of the cases received in the period.
    em.execute<Array<{ state: string; count: string }>>(
      `select state, count(*) as count from sigap_case
       where tenant_id = ? and case_type = ? and created_at >= ?::timestamptz and created_at < ?::timestamptz group by state order by state`,
      [q.tenantId, caseType, from, to]),
  ]);
  return {
    received: num(row?.received), completed: num(row?.completed), openAtEnd: num(row?.open),
    byState: byState.map((r) => ({ key: r.state, count: num(r.count) })),
  };
}

// ---- follow-up actions of earlier evaluations (and register entries) -----------------------------

interface ActionRow {
  id: string; number: string; evaluation_number: string | null; chapter: string | null; description: string; owner_role: string | null;
  due_on: string | null; status: 'open' | 'done' | 'dropped'; resolved_at: Date | string | null; resolution: string | null;
}

async function followUpFigures(em: EntityManager, q: Query): Promise<FollowUpFigures> {
  // Created before the period end; status as of now; overdue = still open and due before the end.
  const rows = await em.execute<ActionRow[]>(
    `select a.id, a.number, c.number as evaluation_number, a.chapter, a.description, a.owner_role, to_char(a.due_on, 'YYYY-MM-DD') as due_on,
       a.status, a.resolved_at, a.resolution
     from improvement_action a left join sigap_case c on c.id = a.evaluation_case_id
     where a.tenant_id = ? and a.created_at < ?::timestamptz order by a.number`,
    [q.tenantId, q.period.to]);
  const items = rows.map((r) => ({
    id: r.id, number: r.number, evaluationNumber: r.evaluation_number, chapter: r.chapter, description: r.description,
    ownerRole: r.owner_role, dueOn: r.due_on, status: r.status,
    resolvedAt: r.resolved_at === null ? null : new Date(r.resolved_at).toISOString(), resolution: r.resolution,
  }));
  return {
    total: items.length,
    done: items.filter((i) => i.status === 'done').length,
    open: items.filter((i) => i.status === 'open').length,
    overdue: items.filter((i) => i.status === 'open' && i.dueOn !== null && i.dueOn <= q.period.toDate).length,
    dropped: items.filter((i) => i.status === 'dropped').length,
    items,
  };
}
