// The semester evaluation over HTTP (serang BAB IV E, Formulir I): opening one on demand (the same
// intake the Schedule's kickoff writes, one evaluation per period), the list, the stored Formulir I,
// the maturity assessment (indicator 28) and the `evaluation` process module used by
// POST /cases/{id}/actions/{submit_analysis|approve|return|cancel}.
import { evaluationDocumentId, EVALUATION_DOCUMENT_KIND, openEvaluationIntake } from '../../activities/evaluations.ts';
import { gatherMaturityEvidence } from '../../db/maturityEvidence.ts';
import {
  evaluationOpenerRoles, evaluationRefusal, type EvaluationCommand, type EvaluationRefusal, evaluationActingRole,
} from '../../policy/evaluation.ts';
import type { EvaluationPeriod } from '../../policy/evaluationFigures.ts';
import { EvaluationPeriodError, periodHasEnded, periodOf } from '../../policy/evaluationPeriod.ts';
import { assessMaturity } from '../../policy/maturity.ts';
import { evaluationActUpdate, evaluationStateQuery, type ActCommand } from '../../workflows/messages.ts';
import type { Principal } from '../auth/principal.ts';
import type { ApiDeps } from '../deps.ts';
import { problem } from '../http/problem.ts';
import { evaluationActionBodies, type OpenEvaluationBody } from '../schemas/evaluations.ts';
import { canSee, loadCaseRow } from './cases.ts';
import { checkCase } from './caseCheck.ts';
import { principalKeyOf, startSubmission } from './intake.ts';
import type { ProcessModule } from './processes.ts';
import { loadTenant, profileOf } from './tenants.ts';

// ---- the period of a request ----------------------------------------------------------------------------

/** {period: '2026-S1' | '2026'} or {from, to}: exactly one form; 400 for a malformed or reversed period. */
export function periodOfBody(body: OpenEvaluationBody, timezone: string): EvaluationPeriod {
  const named = body.period !== undefined;
  const dated = body.from !== undefined || body.to !== undefined;
  if (named === dated || (dated && (body.from === undefined || body.to === undefined))) throw problem(400, 'invalid_evaluation_period');
  try {
    return named ? periodOf(body.period!, timezone) : periodOf({ fromDate: body.from!, toDate: body.to! }, timezone);
  } catch (err) {
    if (!(err instanceof EvaluationPeriodError)) throw err;
    if (err.code === 'period_ends_before_start') throw problem(400, 'period_ends_before_start', { from: body.from ?? '', to: body.to ?? '' });
    throw problem(400, 'invalid_evaluation_period');
  }
}

/**
 * POST /evaluations: the period's evaluation through the intake the Schedule's kickoff uses (key
 * evaluation:<fromDate>:<toDate>); a period already evaluated returns its case (created false).
 */
export async function openEvaluationOnDemand(deps: ApiDeps, principal: Principal, body: OpenEvaluationBody): Promise<{ caseId: string; created: boolean }> {
  const em = deps.orm.em.fork();
  const profile = profileOf(await loadTenant(em, principal.tenantId));
  const allowed = evaluationOpenerRoles(profile);
  const actingRole = principal.roles.find((r) => allowed.includes(r));
  if (!actingRole) throw problem(403, 'missing_role', { roles: allowed });
  const period = periodOfBody(body, profile.timezone);
  const now = deps.now();
  // Evaluating a period still running would count half of it (serang E.1: the semester just ended).
  if (!periodHasEnded(period, now)) throw problem(422, 'period_not_ended', { period: period.title.id, to: period.toDate });
  const opened = await openEvaluationIntake(deps.orm, {
    tenantId: principal.tenantId, period, trigger: 'manual', requestedBy: { username: principalKeyOf(principal), name: principal.name, role: actingRole }, at: now,
  });
  await startSubmission(deps, { kind: 'evaluation', caseId: opened.caseId, workflowId: opened.workflowId, input: opened.input });
  return { caseId: opened.caseId, created: opened.created };
}

interface EvaluationRow {
  id: string; number: string; state: string; title: string; data: { period: EvaluationPeriod; trigger?: string; document?: { documentId: string } | null };
  due_at: Date | null; created_at: Date; closed_at: Date | null;
}

/** GET /evaluations: the tenant's evaluations, newest period first. */
export async function listEvaluations(deps: ApiDeps, principal: Principal, q: { state?: string | undefined }) {
  const rows = await deps.orm.em.fork().execute<EvaluationRow[]>(
    `select id, number, state, title, data, due_at, created_at, closed_at from sigap_case
     where tenant_id = ? and case_type = 'evaluation' ${q.state ? 'and state = ?' : ''} order by data->'period'->>'fromDate' desc, created_at desc limit 200`,
    q.state ? [principal.tenantId, q.state] : [principal.tenantId]);
  return {
    items: rows.map((r) => ({
      id: r.id, number: r.number, state: r.state, title: r.title, period: r.data.period, trigger: r.data.trigger ?? null,
      dueAt: r.due_at ? new Date(r.due_at).toISOString() : null, createdAt: new Date(r.created_at).toISOString(),
      closedAt: r.closed_at ? new Date(r.closed_at).toISOString() : null, documentId: r.data.document?.documentId ?? null,
    })),
  };
}

/** GET /evaluations/{id}/formulir-i: the Formulir I stored at publication. */
export async function evaluationDocumentOf(deps: ApiDeps, principal: Principal, id: string): Promise<{ html: Buffer; filename: string }> {
  const em = deps.orm.em.fork();
  const row = await loadCaseRow(em, principal.tenantId, id);
  if (!canSee(principal, row) || row.case_type !== 'evaluation') throw problem(404, 'case_not_found', { id });
  const [doc] = await em.execute<Array<{ content: Buffer; filename: string }>>(
    'select content, filename from document where tenant_id = ? and id = ? and kind = ?', [principal.tenantId, evaluationDocumentId(row.id), EVALUATION_DOCUMENT_KIND]);
  if (!doc) throw problem(404, 'formulir_i_not_ready');
  return { html: doc.content, filename: doc.filename };
}

/** GET /maturity?at=: the indicator-28 level with the evidence from the records. */
export async function maturityOf(deps: ApiDeps, principal: Principal, q: { at?: string | undefined }) {
  const em = deps.orm.em.fork();
  const profile = profileOf(await loadTenant(em, principal.tenantId));
  // Staff only: every role but the requester's.
  const staff = profile.roles.map((r) => r.id).filter((r) => r !== 'requester');
  if (!principal.roles.some((r) => staff.includes(r))) throw problem(403, 'missing_role', { roles: staff });
  const at = q.at ? Date.parse(q.at) : deps.now();
  if (at > deps.now()) throw problem(422, 'maturity_in_future', { at: new Date(at).toISOString() });
  return assessMaturity(profile, await gatherMaturityEvidence(em, { tenantId: principal.tenantId, profile, at }));
}

// ---- the process module (POST /cases/{id}/actions/{action}) --------------------------------------------------

function answerEvaluationRefusal(r: EvaluationRefusal) {
  switch (r.code) {
    case 'chapter_not_in_evaluation':
      return problem(422, 'chapter_not_in_evaluation', { chapters: r.chapters.join(', '), known: r.known.join(', ') }, { extra: { chapters: r.chapters, known: r.known } });
    case 'obstacles_required': return problem(422, 'obstacles_required', { chapter: r.chapter }, { extra: { chapter: r.chapter } });
    case 'unknown_owner_role': return problem(422, 'unknown_owner_role', { roles: r.roles.join(', ') }, { extra: { roles: r.roles } });
    case 'follow_up_due_before_period_end': return problem(422, 'follow_up_due_before_period_end', { dueOn: r.dueOn, periodEnd: r.periodEnd });
    default: return null;
  }
}

export const evaluationProcess: ProcessModule = {
  answer: (refusal) => answerEvaluationRefusal(refusal as never),
  bodies: evaluationActionBodies,
  async check(handle, command, actor) {
    const cmd = command as EvaluationCommand;
    const { profile, refusal } = await checkCase(handle, evaluationStateQuery, (k, p) => evaluationRefusal(k, cmd, actor, p), answerEvaluationRefusal);
    if (refusal) return { refusal, actingRole: null };
    return { refusal: null, actingRole: evaluationActingRole(cmd, actor, profile) };
  },
  async toCommand(_em, _tenantId, action, body) {
    return { action, ...body };
  },
  execute: (handle, cmd, updateId) => handle.executeUpdate(evaluationActUpdate, { args: [cmd as ActCommand<EvaluationCommand>], updateId }),
};
