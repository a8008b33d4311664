// The durable intake every case start goes through: the submission, the case row and audit event 0
// are committed in one transaction before the workflow starts; a reconciler starts any submission
// whose start was interrupted; an Idempotency-Key returns the same case and never a second one.
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { EntityManager } from '@mikro-orm/postgresql';
import { writeIntake, type CaseType, type IntakeRow } from '../../db/intake.ts';
import type { BusinessCalendar } from '../../policy/calendarTypes.ts';
import { incident } from '../../workflows/incident.ts';
import { maintenanceSop } from '../../workflows/maintenanceSop.ts';
import { requestFulfilment } from '../../workflows/requestFulfilment.ts';
import { problem as problemWorkflow } from '../../workflows/problem.ts';
import { release as releaseWorkflow } from '../../workflows/release.ts';
import { change as changeWorkflow } from '../../workflows/change.ts';
import { disaster as disasterWorkflow } from '../../workflows/disaster.ts';
import { drpApproval } from '../../workflows/drpApproval.ts';
import { availabilityReport } from '../../workflows/availabilityReport.ts';
import { semesterEvaluation } from '../../workflows/semesterEvaluation.ts';
import { SA } from '../../workflows/searchAttributes.ts';
import type { Principal } from '../auth/principal.ts';
import type { ApiDeps } from '../deps.ts';
import { problem } from '../http/problem.ts';
import { loadTenant, profileOf } from './tenants.ts';

/** The workflow that runs each case type. */
export const CASE_TYPES: Record<CaseType, { workflowType: string }> = {
  request: { workflowType: requestFulfilment.name },
  incident: { workflowType: incident.name },
  problem: { workflowType: problemWorkflow.name },
  maintenance: { workflowType: maintenanceSop.name },
  release: { workflowType: releaseWorkflow.name },
  change: { workflowType: changeWorkflow.name },
  disaster: { workflowType: disasterWorkflow.name },
  drp: { workflowType: drpApproval.name },
  availability: { workflowType: availabilityReport.name },
  evaluation: { workflowType: semesterEvaluation.name },
};
export type { CaseType };

interface SubmissionRow { id: string; kind: CaseType; case_id: string; workflow_id: string; request_hash: string; status: string; body: { input: StartInput } }
type StartInput = { tenantId: string; number: string };

/** What a process contributes to the intake, computed inside the transaction. */
export interface IntakePlan<I extends StartInput> {
  kind: CaseType;
  /** The workflow input, given the allocated identity and the tenant calendar. */
  input(ids: { caseId: string; number: string; at: number; calendar: BusinessCalendar }): I;
  /** The initial read-model row of the case. */
  row(input: I): IntakeRow;
  /** Audit event 0: what was submitted, by whom, in which role. */
  event: { payload: Record<string, unknown>; actorRole: string };
  /** Extra writes in the same transaction (e.g. attaching documents). */
  alsoWrite?: (tx: EntityManager, input: I) => Promise<void>;
  searchService: string | null;
}

export function principalKeyOf(principal: Principal): string {
  return principal.apiKeyId ? `apikey:${principal.apiKeyId}` : principal.username;
}

export function requestHashOf(body: unknown): string {
  return createHash('sha256').update(canonicalize(body) ?? '').digest('hex');
}

/** An earlier submission with this key, returned as the same case (or 422 when the body differs). */
export async function replayIfKnown(deps: ApiDeps, principal: Principal, idempotencyKey: string | null, requestHash: string): Promise<{ caseId: string; created: false } | null> {
  if (!idempotencyKey) return null;
  const existing = await findSubmission(deps.orm.em.fork(), principal.tenantId, principalKeyOf(principal), idempotencyKey);
  return existing ? replay(deps, existing, requestHash) : null;
}

export async function intake<I extends StartInput>(deps: ApiDeps, principal: Principal, plan: IntakePlan<I>, idempotencyKey: string | null, requestHash: string, timezone: string): Promise<{ caseId: string; created: boolean }> {
  let written: { caseId: string; workflowId: string; input: I };
  try {
    written = await writeIntake<I>(deps.orm.em.fork(), {
      kind: plan.kind, tenantId: principal.tenantId, at: deps.now(), timezone, input: plan.input, row: plan.row,
      event: { actor: principalKeyOf(principal), ...plan.event },
      submission: { idempotencyKey, principal: principalKeyOf(principal), requestHash },
      ...(plan.alsoWrite ? { alsoWrite: plan.alsoWrite } : {}),
    });
  } catch (err) {
    // Two concurrent submissions with one Idempotency-Key: the loser returns the winner's case.
    if (idempotencyKey && isUniqueViolation(err)) {
      const winner = await findSubmission(deps.orm.em.fork(), principal.tenantId, principalKeyOf(principal), idempotencyKey);
      if (winner) return replay(deps, winner, requestHash);
    }
    throw err;
  }
  await startSubmission(deps, { kind: plan.kind, caseId: written.caseId, workflowId: written.workflowId, input: written.input });
  return { caseId: written.caseId, created: true };
}

async function replay(deps: ApiDeps, existing: SubmissionRow, requestHash: string): Promise<{ caseId: string; created: false }> {
  if (existing.request_hash !== requestHash) throw problem(422, 'idempotency_key_reused');
  if (existing.status !== 'started') await startSubmission(deps, { kind: existing.kind, caseId: existing.case_id, workflowId: existing.workflow_id, input: existing.body.input });
  return { caseId: existing.case_id, created: false };
}

async function findSubmission(em: EntityManager, tenantId: string, principalKey: string, key: string): Promise<SubmissionRow | undefined> {
  const [row] = await em.execute<SubmissionRow[]>(
    'select id, kind, case_id, workflow_id, request_hash, status, body from submission where tenant_id = ? and principal = ? and idempotency_key = ?',
    [tenantId, principalKey, key],
  );
  return row;
}

/** Starts the workflow of a durable submission; starting twice is harmless (the id is the business key). */
export async function startSubmission(deps: ApiDeps, s: { kind: CaseType; caseId: string; workflowId: string; input: StartInput }): Promise<void> {
  const service = (s.input as { item?: { code: string }; service?: { code: string } }).item?.code ?? (s.input as { service?: { code: string } }).service?.code;
  try {
    // The workflow is chosen by name; its input was built by the same process module that owns it.
    await deps.temporal.workflow.start(CASE_TYPES[s.kind].workflowType, {
      taskQueue: deps.config.TEMPORAL_TASK_QUEUE,
      workflowId: s.workflowId,
      args: [s.input],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      typedSearchAttributes: [
        { key: SA.tenant, value: s.input.tenantId }, { key: SA.caseType, value: s.kind },
        { key: SA.caseNumber, value: s.input.number }, { key: SA.state, value: 'submitted' },
        ...(service ? [{ key: SA.service, value: service }] : []),
      ],
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) {
      await deps.orm.em.fork().execute('update submission set attempts = attempts + 1, last_error = ? where case_id = ?', [String(err), s.caseId]);
      throw err;
    }
  }
  await deps.orm.em.fork().execute(`update submission set status = 'started', started_at = now(), attempts = attempts + 1 where case_id = ? and status <> 'started'`, [s.caseId]);
}

/** Starts submissions whose workflow start was interrupted (the API died after the intake commit). */
export async function startPendingSubmissions(deps: ApiDeps, olderThanMs: number): Promise<number> {
  const rows = await deps.orm.em.fork().execute<SubmissionRow[]>(
    `select id, kind, case_id, workflow_id, request_hash, status, body from submission
     where status = 'pending' and created_at < now() - (? * interval '1 millisecond') order by created_at limit 100`,
    [olderThanMs],
  );
  for (const row of rows) await startSubmission(deps, { kind: row.kind, caseId: row.case_id, workflowId: row.workflow_id, input: row.body.input });
  return rows.length;
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505' || /unique|duplicate key/i.test(String(err));
}

/**
 * The start of every case submission: a submission already made with this Idempotency-Key is
 * returned as it is; otherwise the tenant, the profile it runs, and the request's hash.
 */
export async function prepareIntake(deps: ApiDeps, principal: Principal, body: unknown, idempotencyKey: string | null) {
  const requestHash = requestHashOf(body);
  const replayed = await replayIfKnown(deps, principal, idempotencyKey, requestHash);
  if (replayed) return { replayed } as const;
  const em = deps.orm.em.fork();
  const tenant = await loadTenant(em, principal.tenantId);
  return { replayed: null, requestHash, em, tenant, profile: profileOf(tenant) } as const;
}
