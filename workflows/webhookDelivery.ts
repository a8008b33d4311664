// One outbound webhook delivery (workflow id `webhook:<delivery id>`): `deliverWebhook` is retried by
// Temporal with exponential backoff (default 5 s, ×2, at most 1 h apart, 10 attempts — about 4½ hours
// in all); after the last attempt the delivery is marked failed and an administrator may redeliver it.
import { ActivityFailure, proxyActivities } from '@temporalio/workflow';
import type { WebhookActivities, WebhookOutcome } from '../activities/webhooks.ts';
import { ACTIVITY_OPTIONS } from './activityOptions.ts';

export interface WebhookRetryOptions { initialIntervalMs?: number; maximumIntervalMs?: number; maximumAttempts?: number }
export interface WebhookDeliveryInput { deliveryId: string; retry?: WebhookRetryOptions }

export const WEBHOOK_RETRY_DEFAULTS = { initialIntervalMs: 5_000, maximumIntervalMs: 3_600_000, maximumAttempts: 10 } as const;

export async function webhookDelivery(input: WebhookDeliveryInput): Promise<WebhookOutcome | 'failed'> {
  const retry = { ...WEBHOOK_RETRY_DEFAULTS, ...input.retry };
  const { deliverWebhook } = proxyActivities<WebhookActivities>({
    startToCloseTimeout: '30 seconds',
    retry: { initialInterval: retry.initialIntervalMs, backoffCoefficient: 2, maximumInterval: retry.maximumIntervalMs, maximumAttempts: retry.maximumAttempts },
  });
  const { markWebhookFailed } = proxyActivities<WebhookActivities>(ACTIVITY_OPTIONS);
  try {
    return await deliverWebhook(input.deliveryId);
  } catch (err) {
    if (!(err instanceof ActivityFailure)) throw err;
    await markWebhookFailed({ deliveryId: input.deliveryId, error: err.cause?.message ?? err.message });
    return 'failed';
  }
}
