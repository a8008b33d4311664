// Outbound webhooks (issue 8 part 4): subscriptions, the delivery log, redelivery and the dispatcher.
//
// Why a dispatcher: recordTransition (activities/cases.ts) queues deliveries in the transaction of the
// audit event (an outbox), but it cannot start their workflows in that transaction; starting them from
// the activity after the commit would still need a catch-up for a crash between commit and start, and
// starting them from the case workflows would change every workflow's history. So one path does it
// all: the API process starts a `webhookDelivery` workflow for every row not yet dispatched, right after
// boot and every few seconds (api/server.ts), like the submission reconciler. The workflow id
// `webhook:<delivery id>` with REJECT_DUPLICATE makes a second start (two API processes) a no-op.
import { randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy, WorkflowNotFoundError } from '@temporalio/client';
import { newWebhookSecret, webhookAllowedHosts } from '../../activities/webhooks.ts';
import { stepUrlRefusal } from '../../activities/steps.ts';
import { pgTextArray } from '../../db/pgArray.ts';
import type { WebhookDeliveryInput, WebhookRetryOptions } from '../../workflows/webhookDelivery.ts';
import type { Principal } from '../auth/principal.ts';
import type { ApiDeps } from '../deps.ts';
import { problem } from '../http/problem.ts';

export const webhookWorkflowId = (deliveryId: string) => `webhook:${deliveryId}`;


export interface SubscriptionRow {
  id: string; url: string; description: string | null; case_types: string[]; events: string[]; active: boolean;
  created_by: string; created_at: Date; revoked_at: Date | null;
}
export const SUBSCRIPTION_COLUMNS = 'id, url, description, case_types, events, active, created_by, created_at, revoked_at';
export interface DeliveryRow {
  id: string; subscription_id: string; case_id: string; event_seq: number; event_type: string; status: string; attempts: number;
  last_status_code: number | null; last_error: string | null; last_attempt_at: Date | null; created_at: Date; delivered_at: Date | null;
  dispatched_at: Date | null; redeliveries: number; redelivered_by: string | null; redelivered_at: Date | null;
}
export const DELIVERY_COLUMNS = `id, subscription_id, case_id, event_seq, event_type, status, attempts, last_status_code, last_error, last_attempt_at,
  created_at, delivered_at, dispatched_at, redeliveries, redelivered_by, redelivered_at`;


export interface NewSubscription { url: string; description?: string | undefined; caseTypes: string[]; events: string[] }

/** Checks the URL (400 webhook_url_invalid / webhook_destination_not_allowed) and stores the subscription; the secret is returned once. */
export async function createSubscription(deps: ApiDeps, principal: Principal, body: NewSubscription): Promise<{ row: SubscriptionRow; secret: string }> {
  const allowed = webhookAllowedHosts(deps.config);
  if (stepUrlRefusal(body.url, null)) throw problem(400, 'webhook_url_invalid', { url: body.url });
  if (!allowed.length || stepUrlRefusal(body.url, allowed)) {
    throw problem(400, 'webhook_destination_not_allowed', { host: new URL(body.url).host, allowed: allowed.length ? allowed.join(', ') : '—' });
  }
  const secret = newWebhookSecret();
  const [row] = await deps.orm.em.fork().execute<SubscriptionRow[]>(
    `insert into webhook_subscription (id, tenant_id, url, description, case_types, events, secret, created_by)
     values (?, ?, ?, ?, ?::text[], ?::text[], ?, ?) returning ${SUBSCRIPTION_COLUMNS}`,
    [randomUUID(), principal.tenantId, body.url, body.description ?? null, pgTextArray(body.caseTypes), pgTextArray(body.events), secret, principal.username]);
  return { row: row!, secret };
}

/** The tenant's subscriptions, newest first (never their secrets). */
export async function listSubscriptions(deps: ApiDeps, principal: Principal): Promise<SubscriptionRow[]> {
  return deps.orm.em.fork().execute<SubscriptionRow[]>(
    `select ${SUBSCRIPTION_COLUMNS} from webhook_subscription where tenant_id = ? order by created_at desc`, [principal.tenantId]);
}

/** One subscription of the tenant (404 otherwise). */
export async function getSubscription(deps: ApiDeps, principal: Principal, id: string): Promise<SubscriptionRow> {
  const [row] = await deps.orm.em.fork().execute<SubscriptionRow[]>(
    `select ${SUBSCRIPTION_COLUMNS} from webhook_subscription where tenant_id = ? and id = ?`, [principal.tenantId, id]);
  if (!row) throw problem(404, 'not_found');
  return row;
}

/** Stops deliveries to a subscription; revoking twice keeps the first revocation time. */
export async function revokeSubscription(deps: ApiDeps, principal: Principal, id: string): Promise<SubscriptionRow> {
  const [row] = await deps.orm.em.fork().execute<SubscriptionRow[]>(
    `update webhook_subscription set active = false, revoked_at = coalesce(revoked_at, now()) where tenant_id = ? and id = ? returning ${SUBSCRIPTION_COLUMNS}`,
    [principal.tenantId, id]);
  if (!row) throw problem(404, 'not_found');
  return row;
}

export interface DeliveryQuery { status?: 'pending' | 'delivered' | 'failed' | undefined; page: number; pageSize: number }

/** A subscription's delivery log, newest first, one page (404 for another tenant's subscription). */
export async function listDeliveries(deps: ApiDeps, principal: Principal, subscriptionId: string, query: DeliveryQuery): Promise<{ rows: DeliveryRow[]; total: number }> {
  const em = deps.orm.em.fork();
  const [sub] = await em.execute<unknown[]>('select 1 from webhook_subscription where tenant_id = ? and id = ?', [principal.tenantId, subscriptionId]);
  if (!sub) throw problem(404, 'not_found');
  const where = `subscription_id = ? and (?::text is null or status = ?)`;
  const args = [subscriptionId, query.status ?? null, query.status ?? null];
  const rows = await em.execute<DeliveryRow[]>(`select ${DELIVERY_COLUMNS} from webhook_delivery where ${where} order by created_at desc, event_seq desc limit ? offset ?`,
    [...args, query.pageSize, (query.page - 1) * query.pageSize]);
  const [total] = await em.execute<Array<{ n: number }>>(`select count(*)::int as n from webhook_delivery where ${where}`, args);
  return { rows, total: total!.n };
}

export interface DispatchOptions { retry?: WebhookRetryOptions; limit?: number }

async function startDelivery(deps: ApiDeps, deliveryId: string, retry: WebhookRetryOptions | undefined, policy: WorkflowIdReusePolicy): Promise<boolean> {
  const input: WebhookDeliveryInput = { deliveryId, ...(retry ? { retry } : {}) };
  try {
    await deps.temporal.workflow.start('webhookDelivery', {
      workflowId: webhookWorkflowId(deliveryId), taskQueue: deps.config.TEMPORAL_TASK_QUEUE, args: [input], workflowIdReusePolicy: policy,
    });
    return true;
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return false;
    throw err;
  }
}

/** Starts the delivery workflow of every queued row not yet dispatched; returns how many it started. */
export async function dispatchPendingWebhooks(deps: ApiDeps, options: DispatchOptions = {}): Promise<number> {
  const em = deps.orm.em.fork();
  const rows = await em.execute<Array<{ id: string }>>(
    `select id from webhook_delivery where dispatched_at is null and status = 'pending' order by created_at limit ?`, [options.limit ?? 200]);
  let started = 0;
  for (const { id } of rows) {
    if (await startDelivery(deps, id, options.retry, WorkflowIdReusePolicy.REJECT_DUPLICATE)) started++;
    await em.execute('update webhook_delivery set dispatched_at = now() where id = ? and dispatched_at is null', [id]);
  }
  return started;
}

/**
 * An administrator sends a delivery again (same webhook-id): the row goes back to pending, the
 * redelivery is recorded on it, and a new run of its workflow starts. 409 while a run is still retrying.
 */
export async function redeliver(deps: ApiDeps, principal: Principal, deliveryId: string, options: DispatchOptions = {}): Promise<DeliveryRow> {
  const em = deps.orm.em.fork();
  const [row] = await em.execute<Array<{ status: string; revoked_at: Date | null }>>(
    `select d.status, s.revoked_at from webhook_delivery d join webhook_subscription s on s.id = d.subscription_id where d.id = ? and d.tenant_id = ?`,
    [deliveryId, principal.tenantId]);
  if (!row) throw problem(404, 'not_found');
  if (row.revoked_at) throw problem(409, 'webhook_subscription_revoked');
  let running = false;
  try {
    running = (await deps.temporal.workflow.getHandle(webhookWorkflowId(deliveryId)).describe()).status.name === 'RUNNING';
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) throw err; // not dispatched yet: started below
  }
  if (running) throw problem(409, 'webhook_delivery_in_progress');
  const [updated] = await em.execute<DeliveryRow[]>(
    `update webhook_delivery set status = 'pending', delivered_at = null, last_error = null, next_attempt_at = now(), dispatched_at = now(),
       redeliveries = redeliveries + 1, redelivered_by = ?, redelivered_at = now()
     where id = ? returning ${DELIVERY_COLUMNS}`, [principal.username, deliveryId]);
  if (!(await startDelivery(deps, deliveryId, options.retry, WorkflowIdReusePolicy.ALLOW_DUPLICATE))) throw problem(409, 'webhook_delivery_in_progress');
  return updated!;
}
