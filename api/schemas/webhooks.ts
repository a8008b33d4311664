// Schemas of the outbound webhook endpoints (administrators only).
import { z } from 'zod';

export const createWebhookBody = z.strictObject({
  url: z.string().trim().min(1).max(2000).describe('Alamat http(s) penerima; host-nya harus termasuk WEBHOOK_ALLOWED_HOSTS'),
  description: z.string().trim().max(500).optional(),
  caseTypes: z.array(z.string().regex(/^[a-z_]+$/).max(32)).max(20).default([]).describe('Jenis kasus (request, incident, change, …); kosong = semua'),
  events: z.array(z.string().regex(/^[a-z_]+$/).max(64)).max(50).default([]).describe('Nama peristiwa jejak audit (started, decide, breach, …); kosong = semua'),
});

export const webhookSubscriptionSchema = z.object({
  id: z.uuid(), url: z.string(), description: z.string().nullable(), caseTypes: z.array(z.string()), events: z.array(z.string()),
  active: z.boolean(), createdBy: z.string(), createdAt: z.string(), revokedAt: z.string().nullable(),
}).meta({ id: 'WebhookSubscription' });

export const createdWebhookSchema = webhookSubscriptionSchema.extend({
  secret: z.string().describe('Kunci penanda tangan (whsec_…), ditampilkan sekali ini saja'),
}).meta({ id: 'CreatedWebhookSubscription' });

export const webhookDeliverySchema = z.object({
  id: z.uuid().describe('webhook-id, sama pada setiap percobaan dan pengiriman ulang'),
  subscriptionId: z.uuid(), caseId: z.uuid(), eventSeq: z.number().int(), eventType: z.string(),
  status: z.enum(['pending', 'delivered', 'failed']), attempts: z.number().int(),
  lastStatusCode: z.number().int().nullable(), lastError: z.string().nullable(), lastAttemptAt: z.string().nullable(),
  createdAt: z.string(), deliveredAt: z.string().nullable(), dispatchedAt: z.string().nullable(),
  redeliveries: z.number().int(), redeliveredBy: z.string().nullable(), redeliveredAt: z.string().nullable(),
}).meta({ id: 'WebhookDelivery' });

export const deliveryListQuery = z.object({
  status: z.enum(['pending', 'delivered', 'failed']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const deliveryListSchema = z.object({
  items: z.array(webhookDeliverySchema), page: z.number().int(), pageSize: z.number().int(), total: z.number().int(),
});
