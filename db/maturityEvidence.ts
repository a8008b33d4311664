// The evidence of SPBE service-management maturity (policy/maturity.ts decides the level) read from
// Sigap's own records: which processes have cases in the 12 months before the instant, what is
// planned (catalogue targets, priority targets, continuity plans), the evaluations published and
// whether their follow-up actions were acted on. A handful of aggregate queries; nothing per case.
import type { EntityManager } from '@mikro-orm/postgresql';
import { TIMEZONE_OFFSETS_MINUTES, type IndonesianTimezone } from '../policy/calendarTypes.ts';
import { regulatedProcesses, type MaturityEvidence } from '../policy/maturity.ts';
import type { Profile } from '../policy/profile.ts';

export interface MaturityEvidenceRequest {
  tenantId: string;
  profile: Profile;
  /** Epoch ms: the assessment instant; the window is the 12 calendar months before it. */
  at: number;
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const isoOrNull = (v: Date | string | null | undefined): string | null => (v === null || v === undefined ? null : new Date(v).toISOString());

/** The instant 12 calendar months before `at` (same local clock time; Indonesia keeps no DST). */
export function maturityWindowFrom(at: number): number {
  const d = new Date(at);
  d.setUTCFullYear(d.getUTCFullYear() - 1);
  return d.getTime();
}

export async function gatherMaturityEvidence(em: EntityManager, req: MaturityEvidenceRequest): Promise<MaturityEvidence> {
  const from = new Date(maturityWindowFrom(req.at)).toISOString();
  const at = new Date(req.at).toISOString();
  const offset = (TIMEZONE_OFFSETS_MINUTES[req.profile.timezone as IndonesianTimezone] ?? 7 * 60) * 60_000;
  const today = new Date(req.at + offset).toISOString().slice(0, 10);

  const [cases, [catalogue], [services], evaluations, [actions]] = await Promise.all([
    em.execute<Array<{ case_type: string; cases: string; last: Date | string | null }>>(
      `select case_type, count(*) as cases, max(created_at) as last from sigap_case
       where tenant_id = ? and created_at >= ?::timestamptz and created_at < ?::timestamptz group by case_type`,
      [req.tenantId, from, at]),
    em.execute<Array<{ items: string; with_target: string }>>(
      `select count(*) as items, count(*) filter (where fulfilment_target_ms > 0) as with_target from catalogue_item where tenant_id = ? and active`,
      [req.tenantId]),
    em.execute<Array<{ services: string; with_plan: string }>>(
      `select count(*) as services, count(p.service_code) as with_plan
       from service s left join continuity_plan p on p.tenant_id = s.tenant_id and p.service_code = s.code
       where s.tenant_id = ? and s.active`,
      [req.tenantId]),
    // Published: the evaluation's terminal state; its closing instant is when it was published.
    em.execute<Array<{ number: string; published_at: Date | string }>>(
      `select number, coalesce(closed_at, updated_at) as published_at from sigap_case
       where tenant_id = ? and case_type = 'evaluation' and state = 'published'
         and coalesce(closed_at, updated_at) >= ?::timestamptz and coalesce(closed_at, updated_at) <= ?::timestamptz
       order by published_at desc, number desc`,
      [req.tenantId, from, at]),
    // The follow-ups of published evaluations and the improvement register (dpr Pasal 23), as they stand.
    em.execute<Array<{ total: string; done: string; open: string; overdue: string }>>(
      `select count(*) as total, count(*) filter (where a.status = 'done') as done, count(*) filter (where a.status = 'open') as open,
         count(*) filter (where a.status = 'open' and a.due_on < ?::date) as overdue
       from improvement_action a left join sigap_case e on e.id = a.evaluation_case_id
       where a.tenant_id = ? and a.created_at <= ?::timestamptz and (a.origin = 'register' or e.state = 'published')`,
      [today, req.tenantId, at]),
  ]);

  const byType = new Map(cases.map((c) => [c.case_type, c]));
  return {
    at, windowFrom: from,
    processes: regulatedProcesses(req.profile).map(({ process, regulated }) => ({
      process, regulated, cases: num(byType.get(process)?.cases), lastCaseAt: isoOrNull(byType.get(process)?.last),
    })),
    planning: {
      catalogueItems: num(catalogue?.items), catalogueItemsWithTarget: num(catalogue?.with_target),
      services: num(services?.services), servicesWithContinuityPlan: num(services?.with_plan),
      priorityTargets: (req.profile.incident?.priorities.length ?? 0) > 0,
    },
    evaluations: { published: evaluations.length, lastPublishedAt: isoOrNull(evaluations[0]?.published_at), lastNumber: evaluations[0]?.number ?? null },
    followUps: { total: num(actions?.total), done: num(actions?.done), open: num(actions?.open), overdue: num(actions?.overdue) },
  };
}
