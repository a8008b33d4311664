// Activities of problem management, the known-error database (KEDB) and the periodic incident
// review. Every one is idempotent: links are appended only when absent, the KEDB record is keyed by
// its problem, a problem opened for a finding or a proposal has a durable intake keyed by what
// caused it (so a retry or a second review run finds the problem it already opened), and the
// review's scan reads SQL aggregates, never every case of the period.
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { ApplicationFailure } from '@temporalio/activity';
import { eventHash } from './audit.ts';
import { nextCaseNumber } from '../db/counters.ts';
import { writeIntake, type IntakeRow } from '../db/intake.ts';
import { findService, type ServiceRecord } from '../db/services.ts';
import { effectiveProfile } from '../policy/effectiveProfile.ts';
import {
  dedupeKeys, findingOutcome, newProblemCase, problemRoles, problemSnapshot,
  type IncidentRef, type KnownErrorEntry, type ProblemInput, type ProblemService,
} from '../policy/problem.ts';
import type { Impact, Profile } from '../policy/profile.ts';
import type { ProblemActivities, ProblemLinkResult, ReviewScan, ScanFinding, ScannedIncident } from './types.ts';
import { pgTextArray } from '../db/pgArray.ts';

interface TenantRow { name: string; profile_id: string; profile_overrides: Record<string, unknown> | null; timezone: string }
interface CaseRef { id: string; number: string; workflow_id: string }

const incidentLink = (i: IncidentRef) => ({ type: 'incident', id: i.id, number: i.number, relation: 'incident' });
const problemLink = (p: { id: string; number: string }) => ({ type: 'problem', id: p.id, number: p.number, relation: 'problem' });

/** Links a problem and incidents both ways in sigap_case.links; a link already there is left alone. */
export async function linkIncidentRows(em: EntityManager, tenantId: string, problem: { id: string; number: string }, incidents: IncidentRef[]): Promise<void> {
  for (const i of incidents) {
    await em.execute(
      `update sigap_case set links = links || ?::jsonb where tenant_id = ? and id = ? and case_type = 'incident' and not (links @> ?::jsonb)`,
      [JSON.stringify([problemLink(problem)]), tenantId, i.id, JSON.stringify([{ type: 'problem', id: problem.id }])],
    );
    await em.execute(
      `update sigap_case set links = links || ?::jsonb where tenant_id = ? and id = ? and not (links @> ?::jsonb)`,
      [JSON.stringify([incidentLink(i)]), tenantId, problem.id, JSON.stringify([{ type: 'incident', id: i.id }])],
    );
  }
}

/** The read-model row a problem starts with. */
export function problemIntakeRow(input: ProblemInput, profile: Profile): IntakeRow {
  const snap = problemSnapshot(newProblemCase(input), profile);
  return {
    serviceCode: input.service?.code ?? null, title: input.title, state: snap.state, priority: snap.priority, requester: input.openedBy.username,
    waitingFor: snap.waitingFor, sla: snap.sla, dueAt: snap.dueAt, data: snap.data as unknown as Record<string, unknown>,
    links: input.incidents.map(incidentLink),
  };
}

export function problemServiceOf(s: ServiceRecord): ProblemService {
  return { code: s.code, name: s.name.id, serviceType: s.nature, classification: s.classification };
}

/** The open problem covering a pattern (the oldest, should there be several). */
export async function findOpenProblem(em: EntityManager, tenantId: string, dedupeKey: string): Promise<CaseRef | undefined> {
  const [row] = await em.execute<CaseRef[]>(
    `select id, number, workflow_id from sigap_case where tenant_id = ? and case_type = 'problem' and closed_at is null and data->>'dedupeKey' = ?
     order by created_at, number limit 1`, [tenantId, dedupeKey]);
  return row;
}

/** Columns of the incidents of a period, as the review's aggregates read them. */
const PERIOD_CTE = `period as (
  select id, number, title, service_code, created_at, closed_at, breached,
    coalesce(data->>'category', '') as category,
    lower(regexp_replace(btrim(coalesce(data->>'category', '')), '\\s+', ' ', 'g')) as category_key,
    coalesce(data->'configurationItems', '[]'::jsonb) as cis,
    coalesce((data->>'reopenCount')::int, 0) as reopen_count,
    left(coalesce(data->>'symptoms', ''), 500) as symptoms,
    links @> '[{"type":"problem"}]'::jsonb as linked
  from sigap_case
  where tenant_id = ? and case_type = 'incident' and created_at >= ? and created_at < ?
)`;
const INCIDENT_JSON = `jsonb_build_object('id', p.id, 'number', p.number, 'title', p.title, 'serviceCode', p.service_code, 'category', p.category,
  'configurationItems', p.cis, 'symptoms', p.symptoms, 'linked', p.linked)`;
/** At most this many incidents of one finding are carried (the count is exact). */
const MAX_INCIDENTS_PER_FINDING = 200;

export function createProblemActivities(orm: MikroORM): ProblemActivities {
  async function tenantOf(em: EntityManager, tenantId: string): Promise<TenantRow> {
    const [row] = await em.execute<TenantRow[]>('select name, profile_id, profile_overrides, timezone from tenant where id = ?', [tenantId]);
    if (!row) throw ApplicationFailure.nonRetryable(`tenant ${tenantId} not found`, 'TenantMissing');
    return row;
  }

  /** A problem whose intake was written under this key (by an earlier attempt or a concurrent run). */
  async function submitted(em: EntityManager, tenantId: string, key: string): Promise<ProblemLinkResult | null> {
    const [row] = await em.execute<Array<{ case_id: string; workflow_id: string; number: string; body: { input: ProblemInput } }>>(
      `select s.case_id, s.workflow_id, c.number, s.body from submission s join sigap_case c on c.id = s.case_id
       where s.tenant_id = ? and s.principal = 'system' and s.idempotency_key = ?`, [tenantId, key]);
    return row ? { outcome: 'opened', problem: { caseId: row.case_id, number: row.number, workflowId: row.workflow_id }, input: row.body.input, newIncidents: [] } : null;
  }

  /** Writes a problem's intake once per key; the calling workflow starts it. */
  async function openOnce(em: EntityManager, tenantId: string, key: string, build: (ids: { caseId: string; number: string; at: number }) => ProblemInput,
    event: { actor: string; actorRole: string; payload: Record<string, unknown> }): Promise<ProblemLinkResult> {
    const earlier = await submitted(em, tenantId, key);
    if (earlier) return earlier;
    const tenant = await tenantOf(em, tenantId);
    const profile = effectiveProfile(tenant.profile_id, tenant.profile_overrides ?? undefined);
    try {
      const written = await writeIntake<ProblemInput>(em, {
        kind: 'problem', tenantId, at: Date.now(), timezone: profile.timezone,
        input: ({ caseId, number, at }) => build({ caseId, number, at }),
        row: (input) => problemIntakeRow(input, profile),
        event,
        submission: { idempotencyKey: key, principal: 'system', requestHash: key },
        alsoWrite: (tx, input) => linkIncidentRows(tx, tenantId, { id: input.caseId, number: input.number }, input.incidents),
      });
      return { outcome: 'opened', problem: { caseId: written.caseId, number: written.input.number, workflowId: written.workflowId }, input: written.input, newIncidents: [] };
    } catch (err) {
      const again = await submitted(em, tenantId, key); // a concurrent attempt won the unique key
      if (again) return again;
      throw err;
    }
  }

  /** Incidents not yet linked to this open problem. */
  async function notYetLinked(em: EntityManager, problemId: string, incidents: IncidentRef[]): Promise<IncidentRef[]> {
    const [row] = await em.execute<Array<{ links: Array<{ type: string; id: string }> }>>('select links from sigap_case where id = ?', [problemId]);
    const have = new Set((row?.links ?? []).filter((l) => l.type === 'incident').map((l) => l.id));
    return incidents.filter((i) => !have.has(i.id)).map(({ id, number, title }) => ({ id, number, title }));
  }

  return {
    async linkCases({ tenantId, problem, incidents }) {
      await orm.em.fork().transactional((tx) => linkIncidentRows(tx, tenantId, problem, incidents));
    },

    async recordKnownError(entry: KnownErrorEntry) {
      const em = orm.em.fork();
      return em.transactional(async (tx) => {
        const values = [entry.title, entry.problemNumber, entry.serviceCode, pgTextArray(entry.configurationItems), entry.symptoms, entry.cause, entry.workaround, entry.permanentFix, entry.status];
        const [existing] = await tx.execute<Array<{ id: string; number: string }>>('select id, number from known_error where problem_case_id = ? for update', [entry.problemCaseId]);
        if (existing) {
          await tx.execute(
            `update known_error set title = ?, problem_number = ?, service_code = ?, configuration_items = ?::text[], symptoms = ?, cause = ?, workaround = ?,
               permanent_fix = ?, status = ?, updated_at = now() where id = ?`, [...values, existing.id]);
          return existing;
        }
        const tenant = await tenantOf(tx, entry.tenantId);
        const year = Number(new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: tenant.timezone }).format(Date.now()));
        const number = await nextCaseNumber(tx, entry.tenantId, 'known_error', 'KE', year);
        const [row] = await tx.execute<Array<{ id: string; number: string }>>(
          `insert into known_error (id, tenant_id, number, problem_case_id, title, problem_number, service_code, configuration_items, symptoms, cause,
             workaround, permanent_fix, status, created_at, updated_at)
           values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?::text[], ?, ?, ?, ?, ?, now(), now())
           returning id, number`, [entry.tenantId, number, entry.problemCaseId, ...values]);
        return row!;
      });
    },

    async countRecurrences({ tenantId, since, serviceCode, category, configurationItems, exclude }) {
      const rows = await orm.em.fork().execute<Array<{ number: string; total: number }>>(
        `select number, count(*) over ()::int as total from sigap_case
         where tenant_id = ? and case_type = 'incident' and created_at >= ? and not (id::text = any(?::text[]))
           and ((service_code = ? and lower(regexp_replace(btrim(coalesce(data->>'category', '')), '\\s+', ' ', 'g')) = ?)
             or jsonb_exists_any(coalesce(data->'configurationItems', '[]'::jsonb), ?::text[]))
         order by created_at, number limit 100`,
        [tenantId, new Date(since).toISOString(), pgTextArray(exclude), serviceCode ?? '', category ? category.trim().replace(/\s+/g, ' ').toLowerCase() : '', pgTextArray(configurationItems)],
      );
      return { recurrences: rows[0]?.total ?? 0, incidents: rows.map((r) => r.number) };
    },

    async loadReviewContext({ tenantId }) {
      const tenant = await tenantOf(orm.em.fork(), tenantId);
      return { profileId: tenant.profile_id, profileOverrides: tenant.profile_overrides, tenantName: tenant.name };
    },

    async beginProblemReview({ tenantId, caseId, workflowId, at, timezone, title, requestedBy, data }) {
      const em = orm.em.fork();
      const find = async () => (await em.execute<Array<{ id: string; number: string }>>('select id, number from sigap_case where workflow_id = ?', [workflowId]))[0];
      const earlier = await find();
      if (earlier) return { caseId: earlier.id, number: earlier.number };
      try {
        return await em.transactional(async (tx) => {
          const year = Number(new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: timezone }).format(at));
          const number = await nextCaseNumber(tx, tenantId, 'problem_review', 'PRV', year);
          const iso = new Date(at).toISOString();
          await tx.execute(
            `insert into sigap_case (id, tenant_id, case_type, number, workflow_id, service_code, title, state, priority,
               requester_username, assignee_username, waiting_for, sla, due_at, breached, sla_met, links, data, last_seq, created_at, updated_at)
             values (?, ?, 'problem_review', ?, ?, null, ?, 'running', null, ?, null, '[]'::jsonb, '[]'::jsonb, null, false, null, '[]'::jsonb, ?::jsonb, 0, ?, ?)`,
            [caseId, tenantId, number, workflowId, title, requestedBy, JSON.stringify(data), iso, iso],
          );
          const payload = { workflowId, ...data };
          const hash = eventHash(null, { caseId, seq: 0, at: iso, actor: requestedBy, actorRole: null, action: 'submitted', payload });
          await tx.execute(
            `insert into case_event (case_id, seq, at, actor, actor_role, action, payload, prev_hash, hash) values (?, 0, ?, ?, null, 'submitted', ?::jsonb, null, ?)`,
            [caseId, iso, requestedBy, JSON.stringify(payload), hash],
          );
          return { caseId, number };
        });
      } catch (err) {
        const again = await find();
        if (again) return { caseId: again.id, number: again.number };
        throw err;
      }
    },

    async scanIncidentsForReview({ tenantId, from, to, threshold }): Promise<ReviewScan> {
      const em = orm.em.fork();
      const window = [tenantId, new Date(from).toISOString(), new Date(to).toISOString()];
      const [totals] = await em.execute<Array<{ incidents: number; closed: number }>>(
        `with ${PERIOD_CTE} select count(*)::int as incidents, count(closed_at)::int as closed from period`, window);
      const byServiceCategory = await em.execute<Array<{ service_code: string; category: string; n: number; incidents: ScannedIncident[] }>>(
        `with ${PERIOD_CTE}
         select p.service_code, min(p.category) as category, count(*)::int as n,
           jsonb_path_query_array(jsonb_agg(${INCIDENT_JSON} order by p.created_at, p.number), '$[0 to ${MAX_INCIDENTS_PER_FINDING - 1}]') as incidents
         from period p where p.service_code is not null and p.category_key <> ''
         group by p.service_code, p.category_key having count(*) >= ? order by p.service_code, p.category_key`, [...window, threshold]);
      const byItem = await em.execute<Array<{ ci: string; service_code: string | null; n: number; incidents: ScannedIncident[] }>>(
        `with ${PERIOD_CTE}
         select c.ci, min(p.service_code) as service_code, count(*)::int as n,
           jsonb_path_query_array(jsonb_agg(${INCIDENT_JSON} order by p.created_at, p.number), '$[0 to ${MAX_INCIDENTS_PER_FINDING - 1}]') as incidents
         from period p cross join lateral (select distinct value as ci from jsonb_array_elements_text(p.cis)) c
         group by c.ci having count(*) >= ? order by c.ci`, [...window, threshold]);
      const unresolved = await em.execute<Array<{ incident: ScannedIncident }>>(
        `with ${PERIOD_CTE}
         select ${INCIDENT_JSON} as incident from period p
         where p.closed_at is null and (p.breached or p.reopen_count > 0) order by p.created_at, p.number limit 500`, window);
      const findings: ScanFinding[] = [
        ...byServiceCategory.map((r) => ({
          key: dedupeKeys.serviceCategory(r.service_code, r.category), kind: 'recurrence_service_category' as const, count: r.n,
          service: r.service_code, category: r.category, configurationItem: null, incidents: r.incidents,
        })),
        ...byItem.map((r) => ({
          key: dedupeKeys.configurationItem(r.ci), kind: 'recurrence_configuration_item' as const, count: r.n,
          service: r.service_code, category: null, configurationItem: r.ci, incidents: r.incidents,
        })),
        ...unresolved.map(({ incident: i }) => ({
          key: dedupeKeys.unresolved(i.id), kind: 'unresolved' as const, count: 1,
          service: i.serviceCode, category: i.category || null, configurationItem: null, incidents: [i],
        })),
      ];
      const incidents = totals?.incidents ?? 0;
      const closed = totals?.closed ?? 0;
      return { totals: { incidents, closed, open: incidents - closed }, findings };
    },

    async openProblemForFinding({ tenantId, review, period, finding }) {
      const em = orm.em.fork();
      const refs = finding.incidents.map(({ id, number, title }) => ({ id, number, title }));
      const open = await findOpenProblem(em, tenantId, finding.key);
      if (open) {
        return { outcome: 'existing', problem: { caseId: open.id, number: open.number, workflowId: open.workflow_id }, input: null, newIncidents: await notYetLinked(em, open.id, refs) };
      }
      const outcome = findingOutcome(false, finding.incidents);
      if (outcome !== 'opened') {
        // Every incident is linked to a problem already (a re-run after that problem closed): nothing new.
        const earlier = await submitted(em, tenantId, `review:${finding.key}:${period.id}`);
        return earlier ? { ...earlier, outcome: 'already_handled', input: null } : { outcome, problem: null, input: null, newIncidents: [] };
      }
      const tenant = await tenantOf(em, tenantId);
      const profile = effectiveProfile(tenant.profile_id, tenant.profile_overrides ?? undefined);
      const service = finding.service ? await findService(em, tenantId, finding.service) : undefined;
      const serviceName = service?.name.id ?? finding.service ?? '-';
      const numbers = refs.map((r) => r.number).join(', ');
      const symptoms = [...new Set(finding.incidents.map((i) => i.symptoms.trim()).filter(Boolean))].slice(0, 5).map((s) => `- ${s}`).join('\n');
      const cis = finding.configurationItem ? [finding.configurationItem] : [...new Set(finding.incidents.flatMap((i) => i.configurationItems))].slice(0, 50);
      const text = finding.kind === 'recurrence_service_category'
        ? { title: `${serviceName}: ${finding.category} — gangguan berulang (${finding.count}× pada ${period.label})`,
          why: `${finding.count} gangguan pada layanan ${serviceName} dengan kategori "${finding.category}" (${numbers}).` }
        : finding.kind === 'recurrence_configuration_item'
          ? { title: `Item konfigurasi ${finding.configurationItem}: gangguan berulang (${finding.count}× pada ${period.label})`,
            why: `${finding.count} gangguan mengenai item konfigurasi ${finding.configurationItem} (${numbers}).` }
          : { title: `${finding.incidents[0]!.title} — belum terselesaikan tuntas (${finding.incidents[0]!.number})`,
            why: `Gangguan ${numbers} yang dilaporkan pada ${period.label} belum terselesaikan secara tuntas (melewati target atau dibuka kembali).` };
      const roles = problemRoles(profile);
      return openOnce(em, tenantId, `review:${finding.key}:${period.id}`, ({ caseId, number, at }) => ({
        caseId, tenantId, profileId: profile.id, profileOverrides: tenant.profile_overrides ?? undefined, number,
        title: text.title.slice(0, 300),
        description: `Temuan reviu berkala ${review.number} (${period.label}): ${text.why}\nGejala yang dilaporkan:\n${symptoms || '-'}`,
        service: service ? problemServiceOf(service) : null, configurationItems: cis,
        category: finding.category ?? finding.incidents[0]?.category ?? null, impact: null,
        openedBy: { username: 'system', name: 'Sigap' }, openedAt: at,
        origin: { kind: 'review', caseId: review.caseId, number: review.number },
        dedupeKey: finding.key,
        finding: {
          key: finding.key, kind: finding.kind, count: finding.count, service: finding.service, category: finding.category, configurationItem: finding.configurationItem,
          period: { id: period.id, from: new Date(period.from).toISOString(), to: new Date(period.to).toISOString() }, reviewCaseId: review.caseId, reviewNumber: review.number,
        },
        incidents: refs,
      }), { actor: 'system', actorRole: roles.performer, payload: { source: 'review', review, period: period.id, finding: { key: finding.key, kind: finding.kind, count: finding.count }, incidents: refs.map((r) => r.number) } });
    },

    async openProblemForIncident({ tenantId, incidentCaseId, proposedBy, actorRole, note, proposalSeq }) {
      const em = orm.em.fork();
      const [row] = await em.execute<Array<{ id: string; number: string; title: string; service_code: string | null; data: Record<string, unknown> }>>(
        `select id, number, title, service_code, data from sigap_case where tenant_id = ? and id = ? and case_type = 'incident'`, [tenantId, incidentCaseId]);
      if (!row) throw ApplicationFailure.nonRetryable(`incident ${incidentCaseId} not found`, 'IncidentMissing');
      const ref: IncidentRef = { id: row.id, number: row.number, title: row.title };
      // Already part of an open problem: that one carries on.
      const [linked] = await em.execute<CaseRef[]>(
        `select id, number, workflow_id from sigap_case where tenant_id = ? and case_type = 'problem' and closed_at is null and links @> ?::jsonb
         order by created_at limit 1`, [tenantId, JSON.stringify([{ type: 'incident', id: row.id }])]);
      if (linked) return { outcome: 'existing', problem: { caseId: linked.id, number: linked.number, workflowId: linked.workflow_id }, input: null, newIncidents: [] };
      const category = String(row.data.category ?? '');
      const key = row.service_code && category ? dedupeKeys.serviceCategory(row.service_code, category) : dedupeKeys.unresolved(row.id);
      const open = await findOpenProblem(em, tenantId, key);
      if (open) return { outcome: 'existing', problem: { caseId: open.id, number: open.number, workflowId: open.workflow_id }, input: null, newIncidents: [ref] };
      const tenant = await tenantOf(em, tenantId);
      const profile = effectiveProfile(tenant.profile_id, tenant.profile_overrides ?? undefined);
      const service = row.service_code ? await findService(em, tenantId, row.service_code) : undefined;
      const cis = Array.isArray(row.data.configurationItems) ? (row.data.configurationItems as string[]) : [];
      return openOnce(em, tenantId, `incident-proposal:${incidentCaseId}:${proposalSeq}`, ({ caseId, number, at }) => ({
        caseId, tenantId, profileId: profile.id, profileOverrides: tenant.profile_overrides ?? undefined, number,
        title: row.title, description: `Diusulkan dari gangguan ${row.number}: ${note}\nGejala: ${String(row.data.symptoms ?? '-')}`,
        service: service ? problemServiceOf(service) : null, configurationItems: cis, category: category || null,
        impact: (row.data.impact === 'mayor' || row.data.impact === 'minor' ? row.data.impact : null) as Impact | null,
        openedBy: proposedBy, openedAt: at, origin: { kind: 'incident', caseId: row.id, number: row.number },
        dedupeKey: key, finding: null, incidents: [ref],
      }), { actor: proposedBy.username, actorRole: actorRole ?? problemRoles(profile).performer, payload: { source: 'incident', incident: row.number, note } });
    },
  };
}
