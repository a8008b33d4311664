// The process owners' dashboard (web console, issue 9): aggregates over the read model (sigap_case and the
// audit trail case_event) computed in SQL — a few GROUP BY queries, never loading the cases themselves.
// Months are the tenant's local calendar months.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { LocalText } from '../api/http/messages.ts';
import { pgTextArray } from './pgArray.ts';

/** Closed without being served (same rule as the evaluation figures): no completion to measure. */
const NOT_SERVED_SQL = `('cancelled', 'rejected', 'reclassified')`;

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

export interface OpenCount { caseType: string; state: string; count: number; breached: number }

/** Open cases (not closed) per process and state, with how many of them are past their SLA now. */
export async function openCasesByState(em: EntityManager, tenantId: string): Promise<OpenCount[]> {
  const rows = await em.execute<Array<{ case_type: string; state: string; count: string; breached: string }>>(
    `select case_type, state, count(*) as count, count(*) filter (where breached) as breached
       from sigap_case where tenant_id = ? and closed_at is null group by 1, 2 order by 1, 2`, [tenantId]);
  return rows.map((r) => ({ caseType: r.case_type, state: r.state, count: num(r.count), breached: num(r.breached) }));
}

export interface BreachCount { caseType: string; cases: number }

/**
 * Cases per process whose SLA was breached in the local month of `now`: the workflows record each breach
 * in the audit trail (`sla_breached`, `response_breached`, `resolution_breached`, …), so a breach is
 * counted in the month it happened even when the case has closed since. A case breaching two clocks counts once.
 */
export async function breachesThisMonth(em: EntityManager, tenantId: string, timezone: string, now: Date): Promise<BreachCount[]> {
  const rows = await em.execute<Array<{ case_type: string; cases: string }>>(
    `select c.case_type, count(distinct e.case_id) as cases
       from case_event e join sigap_case c on c.id = e.case_id
      where c.tenant_id = ? and e.action like '%\\_breached' escape '\\'
        and e.at >= (date_trunc('month', ?::timestamptz at time zone ?) at time zone ?) and e.at <= ?::timestamptz
      group by 1 order by 1`,
    [tenantId, now.toISOString(), timezone, timezone, now.toISOString()]);
  return rows.map((r) => ({ caseType: r.case_type, cases: num(r.cases) }));
}

export interface AttainmentCell { month: string; completed: number; met: number }
export interface ServiceAttainment { code: string; name: LocalText | null; months: AttainmentCell[] }

/** The `count` local months (YYYY-MM) ending with the month of `now`, oldest first. */
export function recentMonths(now: Date, timezone: string, count: number): string[] {
  const [year, month] = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit' })
    .format(now).split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const index = year * 12 + (month - 1) - (count - 1 - i);
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
}

/**
 * SLA attainment per service and local month over `months` (from recentMonths): cases completed (closed
 * with an SLA verdict, not cancelled/rejected/reclassified) and how many met their target. Every month of
 * the window is present for each service (completed 0 when nothing closed); services without any
 * completion in the window are left out.
 */
export async function slaAttainmentByService(em: EntityManager, tenantId: string, timezone: string, months: string[]): Promise<ServiceAttainment[]> {
  if (months.length === 0) return [];
  const rows = await em.execute<Array<{ service_code: string | null; month: string; completed: string; met: string }>>(
    `select service_code, to_char(closed_at at time zone ?, 'YYYY-MM') as month, count(*) as completed, count(*) filter (where sla_met) as met
       from sigap_case
      where tenant_id = ? and sla_met is not null and state not in ${NOT_SERVED_SQL}
        and closed_at >= (to_date(?, 'YYYY-MM')::timestamp at time zone ?)
        and closed_at < ((to_date(?, 'YYYY-MM') + interval '1 month')::timestamp at time zone ?)
      group by 1, 2 order by 1, 2`,
    [timezone, tenantId, months[0], timezone, months[months.length - 1], timezone]);
  const byService = new Map<string, Map<string, AttainmentCell>>();
  for (const r of rows) {
    const code = r.service_code ?? '';
    const cells = byService.get(code) ?? new Map<string, AttainmentCell>();
    cells.set(r.month, { month: r.month, completed: num(r.completed), met: num(r.met) });
    byService.set(code, cells);
  }
  const names = await serviceNames(em, tenantId, [...byService.keys()].filter((c) => c !== ''));
  return [...byService.entries()].map(([code, cells]) => ({
    code, name: names.get(code) ?? null,
    months: months.map((month) => cells.get(month) ?? { month, completed: 0, met: 0 }),
  }));
}

/** Names of services (registry) and catalogue items (requests carry the item code) by code. */
async function serviceNames(em: EntityManager, tenantId: string, codes: string[]): Promise<Map<string, LocalText>> {
  if (codes.length === 0) return new Map();
  const rows = await em.execute<Array<{ code: string; name: LocalText | null }>>(
    `select code, name from service where tenant_id = ? and code = any(?::text[])
     union all
     select code, name from catalogue_item where tenant_id = ? and code = any(?::text[])`,
    [tenantId, pgTextArray(codes), tenantId, pgTextArray(codes)]);
  const out = new Map<string, LocalText>();
  for (const r of rows) if (!out.has(r.code) && r.name) out.set(r.code, r.name);
  return out;
}
