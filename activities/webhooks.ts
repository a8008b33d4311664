// Outbound webhook deliveries (issue 8 part 4), signed per the Standard Webhooks convention
// (https://www.standardwebhooks.com): headers `webhook-id` (the delivery id, the same on every retry
// and redelivery, so a receiver can drop duplicates), `webhook-timestamp` (seconds, this attempt) and
// `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body" keyed with the base64-decoded secret>`.
// `deliverWebhook` POSTs once per activity attempt and throws on anything but a 2xx, so Temporal retries
// it with backoff (workflows/webhookDelivery.ts); a delivered row is never sent again.
import { createHmac, randomBytes } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { ApplicationFailure } from '@temporalio/activity';
import type { Config } from '../config/index.ts';
import { parseAllowedHosts, stepUrlRefusal } from './steps.ts';
import { recordAfterSideEffect } from './recordAfterSideEffect.ts';

export const WEBHOOK_SECRET_PREFIX = 'whsec_';

/** A new signing secret: `whsec_` + base64 of 32 random bytes. */
export function newWebhookSecret(): string {
  return WEBHOOK_SECRET_PREFIX + randomBytes(32).toString('base64');
}

/** The `webhook-signature` header value of a message. */
export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.startsWith(WEBHOOK_SECRET_PREFIX) ? secret.slice(WEBHOOK_SECRET_PREFIX.length) : secret, 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`).digest('base64')}`;
}

export type WebhookOutcome = 'delivered' | 'already_delivered' | 'skipped';

export interface WebhookActivities {
  /** One POST of the delivery; throws (retryable) on a non-2xx answer or a network error. */
  deliverWebhook(deliveryId: string): Promise<WebhookOutcome>;
  /** Marks a delivery failed after its last attempt (never a delivered one). */
  markWebhookFailed(input: { deliveryId: string; error: string }): Promise<void>;
}

interface DeliveryRow { id: string; status: string; payload: unknown; url: string; secret: string; revoked_at: Date | null; active: boolean }

const TIMEOUT_MS = 10_000;
/** How long after the start of an attempt a 2xx may still be recorded (the workflow gives the attempt 30 s). */
const RECORD_WITHIN_MS = 25_000;
const MAX_ERROR = 500;

/** Hosts webhooks may go to: WEBHOOK_ALLOWED_HOSTS, else localhost in demo mode, else none. */
export function webhookAllowedHosts(config: Pick<Config, 'WEBHOOK_ALLOWED_HOSTS' | 'demo'>): string[] {
  return parseAllowedHosts(config.WEBHOOK_ALLOWED_HOSTS) ?? (config.demo ? ['localhost', '127.0.0.1'] : []);
}

/**
 * `allowedHosts`: checked again at each delivery (null: not checked), so narrowing WEBHOOK_ALLOWED_HOSTS
 * stops existing subscriptions to hosts no longer allowed, not only new ones.
 */
export function createWebhookActivities(orm: MikroORM, options: { allowedHosts?: string[] | null | undefined; fetchImpl?: typeof fetch | undefined } = {}): WebhookActivities {
  const fetchImpl = options.fetchImpl ?? fetch;
  const allowedHosts = options.allowedHosts ?? null;
  const record = (id: string, statusCode: number | null, error: string | null, delivered: boolean) => orm.em.fork().execute(
    `update webhook_delivery set attempts = attempts + 1, last_status_code = ?, last_error = ?, last_attempt_at = now(),
       status = case when ? then 'delivered' else status end, delivered_at = case when ? then now() else delivered_at end,
       next_attempt_at = null
     where id = ?`,
    [statusCode, error === null ? null : error.slice(0, MAX_ERROR), delivered, delivered, id]);
  return {
    async deliverWebhook(deliveryId) {
      const [row] = await orm.em.fork().execute<DeliveryRow[]>(
        `select d.id, d.status, d.payload, s.url, s.secret, s.revoked_at, s.active
         from webhook_delivery d join webhook_subscription s on s.id = d.subscription_id where d.id = ?`, [deliveryId]);
      if (!row) throw ApplicationFailure.nonRetryable(`webhook delivery ${deliveryId} does not exist`, 'WebhookDeliveryMissing');
      if (row.status === 'delivered') return 'already_delivered'; // idempotent: a retry after the 2xx was recorded sends nothing
      if (row.revoked_at || !row.active) {
        await orm.em.fork().execute(`update webhook_delivery set status = 'failed', last_error = 'subscription revoked' where id = ? and status = 'pending'`, [deliveryId]);
        return 'skipped';
      }
      if (allowedHosts && stepUrlRefusal(row.url, allowedHosts)) {
        await orm.em.fork().execute(`update webhook_delivery set status = 'failed', last_error = 'destination no longer allowed (WEBHOOK_ALLOWED_HOSTS)' where id = ? and status = 'pending'`, [deliveryId]);
        return 'skipped';
      }
      const startedAt = Date.now();
      const body = JSON.stringify(row.payload);
      const timestamp = Math.floor(Date.now() / 1000);
      let res: Response;
      try {
        res = await fetchImpl(row.url, {
          method: 'POST', body, redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS),
          headers: {
            'content-type': 'application/json', 'user-agent': 'Sigap-Webhooks/1',
            'webhook-id': row.id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signWebhook(row.secret, row.id, timestamp, body),
          },
        });
        await res.arrayBuffer().catch(() => undefined); // drain; the answer's body is not used
      } catch (err) {
        const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
        await record(deliveryId, null, message, false);
        throw ApplicationFailure.retryable(`webhook ${deliveryId}: ${message}`, 'WebhookNetworkError');
      }
      if (res.status >= 200 && res.status < 300) {
        // Until shortly before the activity's 30 s timeout, a database restart does not turn into a second POST.
        await recordAfterSideEffect(() => record(deliveryId, res.status, null, true), startedAt + RECORD_WITHIN_MS);
        return 'delivered';
      }
      await record(deliveryId, res.status, `HTTP ${res.status}`, false);
      throw ApplicationFailure.retryable(`webhook ${deliveryId}: HTTP ${res.status}`, 'WebhookHttpError');
    },
    async markWebhookFailed({ deliveryId, error }) {
      await orm.em.fork().execute(
        `update webhook_delivery set status = 'failed', last_error = coalesce(last_error, ?) where id = ? and status = 'pending'`, [error.slice(0, MAX_ERROR), deliveryId]);
    },
  };
}
