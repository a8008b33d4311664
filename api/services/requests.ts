// Submitting a service request. The submission is made durable first (intake record, case row and
// audit event 0 in one transaction), then the workflow starts. If the API dies in between, the
// pending submission is started by `startPendingSubmissions` (at boot and every few seconds), and
// a client retrying with the same Idempotency-Key gets the same case: nothing is lost or doubled.
import { createHash, randomUUID } from 'node:crypto';
import canonicalize from 'canonicalize';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { EntityManager } from '@mikro-orm/postgresql';
import { eventHash } from '../../activities/audit.ts';
import { readCalendar } from '../../db/calendar.ts';
import { nextCaseNumber } from '../../db/counters.ts';
import { newRequestCase, snapshot, type RequestInput } from '../../policy/requestFulfilment.ts';
import { requestFulfilment } from '../../workflows/requestFulfilment.ts';
import { SA } from '../../workflows/searchAttributes.ts';
import type { Principal } from '../auth/principal.ts';
import type { ApiDeps } from '../deps.ts';
import { problem } from '../http/problem.ts';
import type { CreateRequestBody } from '../schemas/requests.ts';
import { loadTenant, profileOf } from './tenants.ts';
import { findUser } from './users.ts';

interface SubmissionRow { id: string; case_id: string; workflow_id: string; request_hash: string; status: string; body: { input: RequestInput } }

export async function submitRequest(deps: ApiDeps, principal: Principal, body: CreateRequestBody & { requester?: string | undefined }, idempotencyKey: string | null): Promise<{ caseId: string; created: boolean }> {
  const em = deps.orm.em.fork();
  const requestHash = createHash('sha256').update(canonicalize(body) ?? '').digest('hex');
  const principalKey = principal.apiKeyId ? `apikey:${principal.apiKeyId}` : principal.username;

  if (idempotencyKey) {
    const existing = await findSubmission(em, principal.tenantId, principalKey, idempotencyKey);
    if (existing) return replay(deps, existing, requestHash);
  }

  const tenant = await loadTenant(em, principal.tenantId);
  const profile = profileOf(tenant);
  const requester = await resolveRequester(em, principal, body.requester, profile.requestFulfilment.serviceDeskRole);

  const [item] = await em.execute<Array<{ code: string; name: { id: string }; fulfilment_target_ms: string | number; target_basis: 'calendar' | 'working'; requires_approval: boolean; approver_role: string | null; required_documents: string[] }>>(
    'select code, name, fulfilment_target_ms, target_basis, requires_approval, approver_role, required_documents from catalogue_item where tenant_id = ? and code = ? and active',
    [principal.tenantId, body.catalogueItem],
  );
  if (!item) throw problem(422, 'unknown_catalogue_item', { code: body.catalogueItem });

  const documents = await checkDocuments(em, principal, body.documents, item.required_documents);

  const now = deps.now();
  const caseId = randomUUID();
  const year = Number(new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: profile.timezone }).format(now));
  let input!: RequestInput;
  let workflowId!: string;
  try {
    await em.transactional(async (tx) => {
      const number = await nextCaseNumber(tx, principal.tenantId, 'request', 'REQ', year);
      const calendar = await readCalendar(tx, principal.tenantId);
      workflowId = `request:${principal.tenantId}:${number}`;
      input = {
        caseId, tenantId: principal.tenantId, profileId: profile.id, profileOverrides: tenant.profile_overrides, number,
        requester: { username: requester.username, name: requester.name },
        title: body.title, description: body.description, submittedAt: now, channel: body.channel,
        item: {
          code: item.code, name: item.name.id, targetMs: Number(item.fulfilment_target_ms), basis: item.target_basis,
          requiresApproval: item.requires_approval, approverRole: item.approver_role,
        },
        documents,
        calendar,
      };
      const snap = snapshot(newRequestCase(input, profile), profile, now);
      const at = new Date(now).toISOString();
      await tx.execute(
        `insert into sigap_case (id, tenant_id, case_type, number, workflow_id, service_code, title, state, priority,
           requester_username, assignee_username, waiting_for, sla, due_at, breached, sla_met, links, data, last_seq, created_at, updated_at)
         values (?, ?, 'request', ?, ?, ?, ?, ?, null, ?, null, ?::jsonb, ?::jsonb, ?, false, null, '[]'::jsonb, ?::jsonb, 0, ?, ?)`,
        [caseId, principal.tenantId, number, workflowId, item.code, body.title, snap.state, requester.username,
          JSON.stringify(snap.waitingFor), JSON.stringify(snap.sla), snap.dueAt, JSON.stringify(snap.formD), at, at],
      );
      const payload = { ...body, requester: requester.username, channel: body.channel };
      const actor = principal.apiKeyId ? `apikey:${principal.apiKeyId}` : principal.username;
      const actorRole = requester.username === principal.username ? 'requester' : (principal.apiKeyId ? 'integrator' : profile.requestFulfilment.serviceDeskRole);
      const hash = eventHash(null, { caseId, seq: 0, at, actor, actorRole, action: 'submitted', payload });
      await tx.execute(
        `insert into case_event (case_id, seq, at, actor, actor_role, action, payload, prev_hash, hash) values (?, 0, ?, ?, ?, 'submitted', ?::jsonb, null, ?)`,
        [caseId, at, actor, actorRole, JSON.stringify(payload), hash],
      );
      await tx.execute(
        `insert into submission (id, tenant_id, kind, idempotency_key, principal, request_hash, body, case_id, workflow_id, status, attempts, created_at)
         values (?, ?, 'request', ?, ?, ?, ?::jsonb, ?, ?, 'pending', 0, ?)`,
        [randomUUID(), principal.tenantId, idempotencyKey, principalKey, requestHash, JSON.stringify({ input }), caseId, workflowId, at],
      );
      if (documents.length) {
        await tx.execute('update document set case_id = ? where id = any(?::uuid[])', [caseId, `{${documents.map((d) => d.id).join(',')}}`]);
      }
    });
  } catch (err) {
    // Two concurrent submissions with one Idempotency-Key: the loser returns the winner's case.
    if (idempotencyKey && isUniqueViolation(err)) {
      const winner = await findSubmission(deps.orm.em.fork(), principal.tenantId, principalKey, idempotencyKey);
      if (winner) return replay(deps, winner, requestHash);
    }
    throw err;
  }
  await startSubmission(deps, { caseId, workflowId, input });
  return { caseId, created: true };
}

async function replay(deps: ApiDeps, existing: SubmissionRow, requestHash: string) {
  if (existing.request_hash !== requestHash) throw problem(422, 'idempotency_key_reused');
  if (existing.status !== 'started') await startSubmission(deps, { caseId: existing.case_id, workflowId: existing.workflow_id, input: existing.body.input });
  return { caseId: existing.case_id, created: false };
}

async function findSubmission(em: EntityManager, tenantId: string, principalKey: string, key: string): Promise<SubmissionRow | undefined> {
  const [row] = await em.execute<SubmissionRow[]>(
    'select id, case_id, workflow_id, request_hash, status, body from submission where tenant_id = ? and principal = ? and idempotency_key = ?',
    [tenantId, principalKey, key],
  );
  return row;
}

/** Starts the workflow of a durable submission; starting twice is harmless (the id is the business key). */
export async function startSubmission(deps: ApiDeps, s: { caseId: string; workflowId: string; input: RequestInput }): Promise<void> {
  try {
    await deps.temporal.workflow.start(requestFulfilment, {
      taskQueue: deps.config.TEMPORAL_TASK_QUEUE,
      workflowId: s.workflowId,
      args: [s.input],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      typedSearchAttributes: [
        { key: SA.tenant, value: s.input.tenantId }, { key: SA.caseType, value: 'request' },
        { key: SA.caseNumber, value: s.input.number }, { key: SA.service, value: s.input.item.code },
        { key: SA.state, value: 'submitted' },
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
    `select id, case_id, workflow_id, request_hash, status, body from submission
     where status = 'pending' and created_at < now() - (? * interval '1 millisecond') order by created_at limit 100`,
    [olderThanMs],
  );
  let started = 0;
  for (const row of rows) {
    await startSubmission(deps, { caseId: row.case_id, workflowId: row.workflow_id, input: row.body.input });
    started++;
  }
  return started;
}

async function resolveRequester(em: EntityManager, principal: Principal, onBehalfOf: string | undefined, deskRole: string) {
  if (!onBehalfOf || onBehalfOf === principal.username) {
    if (principal.apiKeyId) throw problem(400, 'requester_required');
    return { username: principal.username, name: principal.name };
  }
  // The service desk records requests received by phone or letter; integrators submit for users.
  if (!principal.apiKeyId && !principal.roles.includes(deskRole)) throw problem(403, 'missing_role', { roles: deskRole });
  const user = await findUser(em, principal.tenantId, onBehalfOf);
  if (!user) throw problem(422, 'unknown_user', { username: onBehalfOf });
  return { username: user.username, name: user.name };
}

async function checkDocuments(em: EntityManager, principal: Principal, docs: CreateRequestBody['documents'], required: string[]) {
  const rows = docs.length === 0 ? [] : await em.execute<Array<{ id: string; kind: string; filename: string; sha256: string; case_id: string | null; uploaded_by: string }>>(
    'select id, kind, filename, sha256, case_id, uploaded_by from document where tenant_id = ? and id = any(?::uuid[])',
    [principal.tenantId, `{${docs.map((d) => d.id).join(',')}}`],
  );
  for (const d of docs) {
    const row = rows.find((r) => r.id === d.id);
    if (!row || row.uploaded_by !== principal.username) throw problem(422, 'unknown_document', { id: d.id });
    if (row.case_id) throw problem(422, 'document_already_attached', { id: d.id });
    if (row.kind !== d.kind) throw problem(422, 'document_kind_mismatch', { id: d.id, kind: row.kind });
  }
  // dpr Pasal 6 ayat (2): the request carries a nota dinas and a kerangka acuan.
  const missing = required.filter((kind) => !rows.some((r) => r.kind === kind));
  if (missing.length) throw problem(422, 'missing_document', { kinds: missing.join(', ') });
  return rows.map((r) => ({ id: r.id, kind: r.kind, filename: r.filename, sha256: r.sha256 }));
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505' || /unique|duplicate key/i.test(String(err));
}
