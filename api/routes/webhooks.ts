// Outbound webhooks (issue 8 part 4), administrators only: subscribe to case events (the signing secret
// is shown once), list and revoke subscriptions, read a subscription's delivery log, redeliver.
import { z } from 'zod';
import type { ApiDeps } from '../deps.ts';
import type { Registry } from '../http/routes.ts';
import { createdWebhookSchema, createWebhookBody, deliveryListQuery, deliveryListSchema, webhookDeliverySchema, webhookSubscriptionSchema } from '../schemas/webhooks.ts';
import { createSubscription, listDeliveries, listSubscriptions, redeliver, revokeSubscription, type DeliveryRow, type SubscriptionRow } from '../services/webhooks.ts';

const ADMIN = ['administrator'];
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const toSubscription = (r: SubscriptionRow) => ({
  id: r.id, url: r.url, description: r.description, caseTypes: r.case_types, events: r.events, active: r.active && !r.revoked_at,
  createdBy: r.created_by, createdAt: iso(r.created_at)!, revokedAt: iso(r.revoked_at),
});
const toDelivery = (r: DeliveryRow) => ({
  id: r.id, subscriptionId: r.subscription_id, caseId: r.case_id, eventSeq: r.event_seq, eventType: r.event_type, status: r.status,
  attempts: r.attempts, lastStatusCode: r.last_status_code, lastError: r.last_error, lastAttemptAt: iso(r.last_attempt_at),
  createdAt: iso(r.created_at)!, deliveredAt: iso(r.delivered_at), dispatchedAt: iso(r.dispatched_at),
  redeliveries: r.redeliveries, redeliveredBy: r.redelivered_by, redeliveredAt: iso(r.redelivered_at),
});
const denied = { 401: { description: 'Belum masuk' }, 403: { description: 'Bukan administrator' } };

export function registerWebhookRoutes(registry: Registry, deps: ApiDeps): void {
  registry.route({
    method: 'post', path: '/webhooks', operationId: 'createWebhook', tags: ['administration'], roles: ADMIN,
    summary: 'Langganan webhook peristiwa kasus / Subscribe a webhook to case events',
    description: 'Pengiriman ditandatangani menurut Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature v1 HMAC-SHA256) '
      + 'dan dicoba ulang dengan jeda bertambah. Kunci penanda tangan ditampilkan sekali saja.',
    body: createWebhookBody,
    responses: { 201: { description: 'Langganan baru (kunci hanya sekali ini)', schema: createdWebhookSchema }, 400: { description: 'URL tidak valid atau tujuan tidak diizinkan' }, ...denied },
    handler: async ({ body, principal }) => {
      const { row, secret } = await createSubscription(deps, principal, body);
      return { status: 201 as const, body: { ...toSubscription(row), secret } };
    },
  });
  registry.route({
    method: 'get', path: '/webhooks', operationId: 'listWebhooks', tags: ['administration'], roles: ADMIN,
    summary: 'Daftar langganan webhook / List webhook subscriptions',
    responses: { 200: { description: 'Langganan (tanpa kunci)', schema: z.object({ items: z.array(webhookSubscriptionSchema) }) }, ...denied },
    handler: async ({ principal }) => ({ status: 200 as const, body: { items: (await listSubscriptions(deps, principal)).map(toSubscription) } }),
  });
  registry.route({
    method: 'delete', path: '/webhooks/:id', operationId: 'revokeWebhook', tags: ['administration'], roles: ADMIN,
    summary: 'Cabut langganan webhook / Revoke a webhook subscription',
    params: z.object({ id: z.uuid() }),
    responses: { 200: { description: 'Langganan dicabut', schema: webhookSubscriptionSchema }, ...denied, 404: { description: 'Tidak ditemukan' } },
    handler: async ({ params, principal }) => ({ status: 200 as const, body: toSubscription(await revokeSubscription(deps, principal, params.id)) }),
  });
  registry.route({
    method: 'get', path: '/webhooks/:id/deliveries', operationId: 'listWebhookDeliveries', tags: ['administration'], roles: ADMIN,
    summary: 'Log pengiriman webhook / Webhook delivery log',
    params: z.object({ id: z.uuid() }), query: deliveryListQuery,
    responses: { 200: { description: 'Pengiriman, terbaru dahulu', schema: deliveryListSchema }, ...denied, 404: { description: 'Tidak ditemukan' } },
    handler: async ({ params, query, principal }) => {
      const { rows, total } = await listDeliveries(deps, principal, params.id, query);
      return { status: 200 as const, body: { items: rows.map(toDelivery), page: query.page, pageSize: query.pageSize, total } };
    },
  });
  registry.route({
    method: 'post', path: '/webhooks/deliveries/:id/redeliver', operationId: 'redeliverWebhook', tags: ['administration'], roles: ADMIN,
    summary: 'Kirim ulang webhook / Redeliver a webhook',
    description: 'Mengirim ulang dengan webhook-id yang sama; pengiriman ulang dicatat (oleh siapa, kapan).',
    params: z.object({ id: z.uuid() }),
    responses: { 202: { description: 'Pengiriman ulang dimulai', schema: webhookDeliverySchema }, ...denied, 404: { description: 'Tidak ditemukan' }, 409: { description: 'Masih berjalan atau langganan dicabut' } },
    handler: async ({ params, principal }) => ({ status: 202 as const, body: toDelivery(await redeliver(deps, principal, params.id)) }),
  });
}
