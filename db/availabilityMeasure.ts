// Availability measurement from the records (serang BAB III C, BAB IV C.2.3–2.4). The downtime of a
// service is read where it is recorded, never copied:
//   (1) Mayor incidents (the incident read model: data.impact, data.reportedAt, data.resolution.at),
//   (2) monitoring alerts grouped into a Mayor incident (alert_fingerprint: starts_at or first_seen,
//       resolved_at),
//   (3) the downtime table (entered by hand, or opened by a real disaster).
// Scheduled maintenance = releases that were scheduled (plan approved) or executed: their plan window
// (data.plan.window) is excluded. policy/availability.ts measureAvailability does the arithmetic.
// Shared by the API (GET /availability, the on-demand report), the monthly report's intake, Formulir F
// (reports/models/availability.ts) and the semester figures (db/evaluationFigures.ts).
import type { EntityManager } from '@mikro-orm/postgresql';
import { readCalendar } from './calendar.ts';
import { pgTextArray } from './pgArray.ts';
import { measureAvailability, monthPeriod, OPERATING_SCHEDULES, parseTargetPercent, type Interval, type OperatingSchedule } from '../policy/availability.ts';
import {
  metTarget, parseMonth, trendMonths, trendOf, type AvailabilitySource, type ServiceFigures,
} from '../policy/availabilityReport.ts';
import type { BusinessCalendar } from '../policy/calendarTypes.ts';

// ---- the sources ------------------------------------------------------------------------------

export interface ServiceRow {
  code: string; name: { id: string; en: string }; classification: string | null; availability_target: string | null;
  operating_schedule: string | null; availability_target_bp: number | null;
}

/** Active services (or the given ones) with their continuity plan (Formulir C), ordered by code. */
export async function servicesWithPlans(em: EntityManager, tenantId: string, codes: string[] | null): Promise<ServiceRow[]> {
  return em.execute<ServiceRow[]>(
    `select s.code, s.name, s.classification, s.availability_target, p.operating_schedule, p.availability_target_bp
     from service s left join continuity_plan p on p.tenant_id = s.tenant_id and p.service_code = s.code
     where s.tenant_id = ? and s.active ${codes ? 'and s.code = any(?::text[])' : ''} order by s.code`,
    codes ? [tenantId, pgTextArray(codes)] : [tenantId]);
}

export interface SourceInterval extends Interval { service: string; source: AvailabilitySource }

const iso = (t: number) => new Date(t).toISOString();
const ms = (v: unknown): number | null => (v === null || v === undefined ? null : new Date(v as string).getTime());

/**
 * Outages and maintenance windows of the services overlapping [from, to). Open outages end at
 * `now` (capped at `to`).
 */
export async function availabilitySources(em: EntityManager, tenantId: string, codes: string[], range: Interval, now: number): Promise<{ downtime: SourceInterval[]; maintenance: SourceInterval[] }> {
  if (!codes.length) return { downtime: [], maintenance: [] };
  const services = pgTextArray(codes);
  const from = iso(range.start);
  const to = iso(range.end);
  const openEnd = Math.min(now, range.end);
  const make = (service: string, kind: AvailabilitySource['kind'], ref: string, start: number, end: number | null, cause: string | null): SourceInterval => {
    const e = end ?? Math.max(openEnd, start);
    return { service, start, end: e, source: { kind, ref, start: iso(start), end: iso(e), open: end === null, cause } };
  };

  const incidents = await em.execute<Array<{ number: string; service_code: string; started: string; ended: string | null; cause: string | null; category: string | null }>>(
    `select number, service_code, data->>'reportedAt' as started, data->'resolution'->>'at' as ended, data->>'cause' as cause, data->>'category' as category
     from sigap_case where tenant_id = ? and case_type = 'incident' and data->>'impact' = 'mayor' and service_code = any(?::text[])
       and (data->>'reportedAt')::timestamptz < ?::timestamptz
       and coalesce((data->'resolution'->>'at')::timestamptz, 'infinity'::timestamptz) > ?::timestamptz`,
    [tenantId, services, to, from]);
  const alerts = await em.execute<Array<{ alert_name: string; source: string; service_code: string; number: string; started: Date; ended: Date | null }>>(
    `select f.alert_name, f.source, c.service_code, c.number, coalesce(f.starts_at, f.first_seen) as started, f.resolved_at as ended
     from alert_fingerprint f join sigap_case c on c.id = f.case_id
     where f.tenant_id = ? and c.case_type = 'incident' and c.data->>'impact' = 'mayor' and c.service_code = any(?::text[])
       and coalesce(f.starts_at, f.first_seen) < ?::timestamptz and coalesce(f.resolved_at, 'infinity'::timestamptz) > ?::timestamptz`,
    [tenantId, services, to, from]);
  const entries = await em.execute<Array<{ id: string; service_code: string; starts_at: Date; ends_at: Date | null; source: 'manual' | 'disaster'; source_ref: string | null; cause: string }>>(
    `select id, service_code, starts_at, ends_at, source, source_ref, cause from downtime
     where tenant_id = ? and service_code = any(?::text[]) and starts_at < ?::timestamptz and coalesce(ends_at, 'infinity'::timestamptz) > ?::timestamptz`,
    [tenantId, services, to, from]);
  const releases = await em.execute<Array<{ number: string; title: string; services: string[]; start: string; end: string }>>(
    `select number, title, data->'services' as services, data->'plan'->'window'->>'start' as start, data->'plan'->'window'->>'end' as "end"
     from sigap_case where tenant_id = ? and case_type = 'release'
       and ((data->>'scheduledAt' is not null and state not in ('rejected', 'cancelled')) or data->>'executionStartedAt' is not null)
       and (data->'plan'->'window'->>'start')::timestamptz < ?::timestamptz and (data->'plan'->'window'->>'end')::timestamptz > ?::timestamptz`,
    [tenantId, to, from]);

  const downtime: SourceInterval[] = [
    ...incidents.map((r) => make(r.service_code, 'incident', r.number, ms(r.started)!, ms(r.ended), r.cause ?? r.category)),
    ...alerts.map((r) => make(r.service_code, 'alert', `${r.alert_name} (${r.number})`, ms(r.started)!, ms(r.ended), r.alert_name)),
    ...entries.map((r) => make(r.service_code, r.source, r.source === 'disaster' && r.source_ref ? r.source_ref : r.id, ms(r.starts_at)!, ms(r.ends_at), r.cause)),
  ];
  const maintenance: SourceInterval[] = releases.flatMap((r) => (Array.isArray(r.services) ? r.services : []).filter((s) => codes.includes(s))
    .map((s) => make(s, 'release', r.number, ms(r.start)!, ms(r.end), r.title)));
  const order = (a: SourceInterval, b: SourceInterval) => a.start - b.start || a.source.ref.localeCompare(b.source.ref);
  return { downtime: downtime.sort(order), maintenance: maintenance.sort(order) };
}

/** The operating schedule and target of a service: its continuity plan, else 24×7 and the catalogue's target text. */
export function scheduleAndTarget(row: ServiceRow): { schedule: OperatingSchedule; targetPercent: number | null; targetSource: ServiceFigures['targetSource'] } {
  const schedule = (OPERATING_SCHEDULES as readonly string[]).includes(row.operating_schedule ?? '') ? row.operating_schedule as OperatingSchedule : '24x7';
  if (row.availability_target_bp !== null && row.availability_target_bp !== undefined) return { schedule, targetPercent: row.availability_target_bp / 100, targetSource: 'continuity_plan' };
  const text = parseTargetPercent(row.availability_target);
  return { schedule, targetPercent: text, targetSource: text === null ? null : 'catalogue' };
}

const inside = (i: Interval, p: Interval) => i.start < p.end && i.end > p.start;

/**
 * The month's figures per service, with the trend of the `trend` months ending with it (1 = no
 * trend but the month itself). One read of the sources covers every month.
 */
export async function measureMonth(em: EntityManager, tenantId: string, month: string, codes: string[] | null, now: number, trend = 1): Promise<{ period: Interval; calendar: BusinessCalendar; services: ServiceFigures[] }> {
  const calendar = await readCalendar(em, tenantId);
  const p = parseMonth(month);
  if (!p) throw new RangeError(`not a month: ${month}`);
  const period = monthPeriod(p.year, p.month, calendar);
  const months = trendMonths(month, trend);
  const periods = months.map((m) => { const q = parseMonth(m)!; return monthPeriod(q.year, q.month, calendar); });
  const rows = await servicesWithPlans(em, tenantId, codes);
  const sources = await availabilitySources(em, tenantId, rows.map((r) => r.code), { start: periods[0]!.start, end: period.end }, now);
  const services = rows.map((row): ServiceFigures => {
    const { schedule, targetPercent, targetSource } = scheduleAndTarget(row);
    const down = sources.downtime.filter((s) => s.service === row.code);
    const maint = sources.maintenance.filter((s) => s.service === row.code);
    const measure = (q: Interval) => measureAvailability({ schedule, period: q, downtime: down, maintenance: maint, calendar });
    const measured: Record<string, number | null> = {};
    months.forEach((m, i) => { measured[m] = periods[i]!.start < now ? measure(periods[i]!).basisPoints : null; });
    const r = measure(period);
    return {
      code: row.code, name: row.name.id, classification: row.classification, schedule, targetPercent, targetSource,
      committedMs: r.committedMs, downtimeMs: r.downtimeMs, maintenanceExcludedMs: r.maintenanceExcludedMs, basisPoints: r.basisPoints,
      met: metTarget(r.basisPoints, targetPercent),
      downtime: down.filter((s) => inside(s, period)).map((s) => s.source), maintenance: maint.filter((s) => inside(s, period)).map((s) => s.source),
      trend: trendOf(months, measured, targetPercent),
    };
  });
  return { period, calendar, services };
}
