// Release management over HTTP: a release plan (Formulir H) for an approved change is validated and
// taken in through the durable intake (POST /releases); actions go through the `release` process module
// (POST /cases/{id}/actions/{action}); administrators list parked rollbacks and replay or resolve them.
import type { EntityManager } from '@mikro-orm/postgresql';
import { parseAllowedHosts, stepUrlRefusal } from '../../activities/steps.ts';
import type { IntakeRow } from '../../db/intake.ts';
import type { ChangeCategory, Profile } from '../../policy/profile.ts';
import {
  newReleaseCase, releaseRefusal, releaseRoles, releaseSnapshot,
  type ReleaseCommand, type ReleaseInput, type ReleaseRefusal, releaseActingRole,
} from '../../policy/release.ts';
import type { EvaluationCriterion, RollbackStepSpec, StepSpec } from '../../policy/releasePlan.ts';
import { releaseActUpdate, releaseStateQuery, type ActCommand } from '../../workflows/messages.ts';
import type { Principal } from '../auth/principal.ts';
import type { ApiDeps } from '../deps.ts';
import { problem } from '../http/problem.ts';
import type { CreateReleaseBody } from '../schemas/releases.ts';
import { releaseActionBodies } from '../schemas/releases.ts';
import { intake, prepareIntake, principalKeyOf } from './intake.ts';
import type { ProcessModule } from './processes.ts';
import { checkCase } from './caseCheck.ts';
import { findUser } from './users.ts';

/** Change states a release may be planned in (design: scheduled or implementing; an emergency runs at once, so implementing). */
export const RELEASABLE_CHANGE_STATES: Record<string, readonly string[]> = {
  standard: ['scheduled', 'implementing'], normal: ['scheduled', 'implementing'], emergency: ['implementing'],
};

interface ChangeRow { id: string; number: string; workflow_id: string; state: string; closed_at: Date | null; data: Record<string, unknown> }

async function resolveChange(em: EntityManager, tenantId: string, ref: string): Promise<ChangeRow> {
  const byId = /^[0-9a-f-]{36}$/i.test(ref);
  const [row] = await em.execute<ChangeRow[]>(
    `select id, number, workflow_id, state, closed_at, data from sigap_case where tenant_id = ? and case_type = 'change' and ${byId ? 'id = ?::uuid' : 'number = ?'}`,
    [tenantId, ref],
  );
  if (!row) throw problem(422, 'release_change_not_found', { id: ref });
  return row;
}

const duplicates = (ids: string[]) => [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];

/** The plan's own rules (Formulir H): what the schema cannot say. Throws the first problem found. */
export function checkPlan(body: CreateReleaseBody, profile: Profile, now: number, allowedHosts: string[] | null): { start: number; end: number } {
  if (!body.rollbackSteps.length) throw problem(422, 'release_rollback_required');
  if (!body.evaluationCriteria.length) throw problem(422, 'release_criteria_required');
  const start = Date.parse(body.window.start);
  const end = Date.parse(body.window.end);
  if (start <= now) throw problem(422, 'release_window_in_past', { start: body.window.start });
  if (end <= start) throw problem(422, 'release_window_invalid', { start: body.window.start, end: body.window.end });
  for (const [list, ids] of [
    ['steps', body.steps.map((s) => s.id)], ['rollbackSteps', body.rollbackSteps.map((s) => s.id)], ['evaluationCriteria', body.evaluationCriteria.map((c) => c.id)],
  ] as const) {
    const dup = duplicates([...ids]);
    if (dup.length) throw problem(422, 'release_duplicate_id', { list, ids: dup });
  }
  for (const r of body.rollbackSteps) {
    if (r.undoes && !body.steps.some((s) => s.id === r.undoes)) throw problem(422, 'release_unknown_undoes', { step: r.id, undoes: r.undoes });
  }
  const urls = [
    ...[...body.steps, ...body.rollbackSteps].flatMap((s) => (s.kind === 'http' ? [s.request.url] : [])),
    ...body.evaluationCriteria.flatMap((c) => (c.kind === 'http_check' ? [c.url] : [])),
  ];
  for (const url of urls) {
    const refusal = stepUrlRefusal(url, allowedHosts);
    if (refusal) throw problem(422, 'release_url_not_allowed', { url, reason: refusal });
  }
  const methods = profile.release?.deploymentMethods ?? [];
  if (methods.length && !methods.some((m) => m.id === body.method)) throw problem(422, 'release_unknown_method', { method: body.method, allowed: methods.map((m) => m.id) });
  return { start, end };
}

/** The read-model row a release starts with. */
export function releaseIntakeRow(input: ReleaseInput, profile: Profile): IntakeRow {
  const snap = releaseSnapshot(newReleaseCase(input, profile), profile);
  return {
    serviceCode: input.change.services[0] ?? null, title: input.title, state: snap.state, priority: null, requester: input.author.username,
    waitingFor: snap.waitingFor, sla: snap.sla, dueAt: snap.dueAt, data: snap.data as unknown as Record<string, unknown>,
    links: [{ type: 'change', id: input.change.caseId, number: input.change.number, relation: 'change' }],
  };
}

export async function createRelease(deps: ApiDeps, principal: Principal, body: CreateReleaseBody, idempotencyKey: string | null): Promise<{ caseId: string; created: boolean }> {
  const prep = await prepareIntake(deps, principal, body, idempotencyKey);
  if (prep.replayed) return prep.replayed;
  const { em, tenant, profile, requestHash } = prep;
  if (!profile.release) throw problem(422, 'release_not_available');
  const author = releaseRoles(profile).author;
  if (!principal.roles.includes(author)) throw problem(403, 'missing_role', { roles: [author] });

  checkPlan(body, profile, deps.now(), parseAllowedHosts(deps.config.SIGAP_STEP_ALLOWED_HOSTS));

  const change = await resolveChange(em, principal.tenantId, body.change);
  const category = String(change.data.category ?? '') as ChangeCategory;
  if (change.closed_at !== null || !(RELEASABLE_CHANGE_STATES[category] ?? []).includes(change.state)) {
    throw problem(422, 'release_change_not_ready', { number: change.number, state: change.state });
  }
  const services = Array.isArray(change.data.services) ? (change.data.services as unknown[]).map((s) => (typeof s === 'string' ? s : String((s as { code?: string }).code))) : [];
  const initiator = String((change.data.initiator as { username?: string } | undefined)?.username ?? '');

  const unknownRoles = body.affectedParties.roles.filter((r) => !profile.roles.some((x) => x.id === r));
  const unknownUsers: string[] = [];
  for (const u of body.affectedParties.users) if (!(await findUser(em, principal.tenantId, u))) unknownUsers.push(u);
  if (unknownRoles.length || unknownUsers.length) throw problem(422, 'release_unknown_affected', { names: [...unknownRoles, ...unknownUsers] });

  let requester: { username: string; name: string } | null = null;
  if (profile.release.handover && !body.requester) throw problem(422, 'release_requester_required');
  if (body.requester) {
    const user = await findUser(em, principal.tenantId, body.requester);
    if (!user || !user.roles.includes('requester')) throw problem(422, 'release_unknown_requester', { username: body.requester });
    requester = { username: user.username, name: user.name };
  }

  return intake<ReleaseInput>(deps, principal, {
    kind: 'release',
    input: ({ caseId, number, at, calendar }) => ({
      caseId, tenantId: principal.tenantId, profileId: profile.id, profileOverrides: tenant.profile_overrides, number,
      title: body.title,
      change: { caseId: change.id, number: change.number, workflowId: change.workflow_id, category, initiator, services },
      plan: {
        window: { start: Date.parse(body.window.start), end: Date.parse(body.window.end) },
        expectedDowntimeMinutes: body.expectedDowntimeMinutes,
        contents: body.contents, method: body.method,
        steps: body.steps as StepSpec[], evaluationCriteria: body.evaluationCriteria as EvaluationCriterion[], rollbackSteps: body.rollbackSteps as RollbackStepSpec[],
        affectedParties: body.affectedParties,
        ...(body.testResults ? { testResults: body.testResults } : {}), ...(body.impactAnalysis ? { impactAnalysis: body.impactAnalysis } : {}),
      },
      author: { username: principalKeyOf(principal), name: principal.name },
      requester, calendar, submittedAt: at,
    }),
    row: (input) => releaseIntakeRow(input, profile),
    event: { payload: { ...body, change: change.number }, actorRole: author },
    alsoWrite: async (tx, input) => {
      await tx.execute(
        `update sigap_case set links = links || ?::jsonb where tenant_id = ? and id = ? and not (links @> ?::jsonb)`,
        [JSON.stringify([{ type: 'release', id: input.caseId, number: input.number, relation: 'release' }]), principal.tenantId, change.id, JSON.stringify([{ type: 'release', id: input.caseId }])],
      );
    },
    searchService: services[0] ?? null,
  }, idempotencyKey, requestHash, profile.timezone);
}

// ---- the `release` process module (POST /cases/{id}/actions/{action}) ---------------------------

/** Refusals only releases have, with their own codes; the shared ones go back to actOnCase. */
export function answerReleaseRefusal(r: ReleaseRefusal) {
  switch (r.code) {
    case 'segregation_of_duties': return problem(403, 'segregation_of_duties_release', { duty: r.duty, conflictsWith: r.conflictsWith });
    case 'unknown_step': return problem(422, 'release_unknown_step', { step: r.step });
    case 'step_not_waiting': return problem(409, 'release_step_not_waiting', { step: r.step, waitingFor: r.waitingFor ?? '-' });
    case 'unknown_criterion': return problem(422, 'release_unknown_criterion', { criterion: r.criterion });
    case 'criterion_not_manual': return problem(422, 'release_criterion_not_manual', { criterion: r.criterion });
    case 'unknown_fitness_test': return problem(422, 'release_unknown_fitness_test', { test: r.test, allowed: r.allowed });
    case 'invalid_time': return problem(400, 'release_invalid_time', { field: r.field, value: r.value });
    case 'fitness_inside_working_hours': return problem(422, 'release_fitness_inside_working_hours', { performedAt: r.performedAt });
    case 'fitness_in_future': return problem(422, 'release_fitness_in_future', { performedAt: r.performedAt });
    case 'fitness_before_scheduling': return problem(422, 'release_fitness_before_scheduling', { performedAt: r.performedAt, scheduledAt: r.scheduledAt });
    case 'fitness_tests_failed': return problem(422, 'release_fitness_tests_failed', { tests: r.tests });
    case 'rollback_not_failed': return problem(409, 'rollback_not_failed', { state: r.state });
    case 'justification_too_short': return problem(422, 'release_justification_too_short', { min: r.min });
    case 'already_signed': return problem(409, 'release_already_signed', { role: r.role });
    case 'not_named_requester': return problem(403, 'release_not_named_requester', { username: r.username });
    case 'approval_already_decided': return problem(409, 'already_decided');
    default: return null;
  }
}

export const releaseProcess: ProcessModule = {
  answer: (refusal) => answerReleaseRefusal(refusal as never),
  bodies: releaseActionBodies,
  async check(handle, command, actor) {
    const { kase, profile, refusal } = await checkCase(handle, releaseStateQuery, (k, p) => releaseRefusal(k, command as ReleaseCommand, actor, p, Date.now()), answerReleaseRefusal);
    if (refusal) return { refusal, actingRole: null };
    return { refusal: null, actingRole: releaseActingRole(kase, command as ReleaseCommand, actor, profile) };
  },
  async toCommand(_em, _tenantId, action, body) {
    return { action, ...body };
  },
  execute: (handle, cmd, updateId) => handle.executeUpdate(releaseActUpdate, { args: [cmd as ActCommand<ReleaseCommand>], updateId }),
};

// ---- administrators: parked rollbacks, replay, manual resolution --------------------------------

const ADMINISTRATOR = 'administrator';

export function requireAdministrator(principal: Principal): void {
  if (!principal.roles.includes(ADMINISTRATOR)) throw problem(403, 'missing_role', { roles: [ADMINISTRATOR] });
}

interface RollbackRow { id: string; number: string; title: string; state: string; data: Record<string, unknown>; updated_at: Date; total: number }

export async function listRollbacks(deps: ApiDeps, principal: Principal, q: { state: 'failed' | 'all'; page: number; pageSize: number }) {
  requireAdministrator(principal);
  const where = q.state === 'failed' ? `state = 'rollback_failed'` : `data->'rollback' is not null and data->'rollback' <> 'null'::jsonb`;
  const rows = await deps.orm.em.fork().execute<RollbackRow[]>(
    `select id, number, title, state, data, updated_at, count(*) over ()::int as total from sigap_case
     where tenant_id = ? and case_type = 'release' and ${where}
     order by coalesce(data->'failedRollback'->>'since', data->'rollback'->>'startedAt') desc nulls last, number desc limit ? offset ?`,
    [principal.tenantId, q.pageSize, (q.page - 1) * q.pageSize],
  );
  return {
    items: rows.map((r) => {
      const rb = (r.data.rollback ?? {}) as { reason?: string; trigger?: string[]; order?: string[]; done?: string[]; replays?: unknown[]; resolution?: unknown; failure?: { step: string; run: number; detail: string; attempts: number; since: string } | null };
      const failed = (r.data.failedRollback ?? null) as { step: string; run: number; lastError: string; attempts: number; since: string } | null;
      const change = (r.data.change ?? null) as { caseId: string; number: string } | null;
      return {
        caseId: r.id, number: r.number, title: r.title, state: r.state,
        services: Array.isArray(r.data.services) ? (r.data.services as string[]) : [],
        change: change ? { caseId: change.caseId, number: change.number } : null,
        reason: rb.reason ?? null, trigger: rb.trigger ?? [], order: rb.order ?? [], done: rb.done ?? [],
        failedStep: failed?.step ?? null, run: failed?.run ?? null, lastError: failed?.lastError ?? null, attempts: failed?.attempts ?? null, since: failed?.since ?? null,
        replays: rb.replays?.length ?? 0, resolved: Boolean(rb.resolution), updatedAt: new Date(r.updated_at).toISOString(),
      };
    }),
    page: q.page, pageSize: q.pageSize, total: rows[0]?.total ?? 0,
  };
}
