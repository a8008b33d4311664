// API keys for integrators (monitoring, portals): created by an administrator, shown once, stored
// as a SHA-256 hash, limited by scopes per process and action, expiring, rotated with a grace period, revocable.
import { z } from 'zod';
import type { ApiDeps } from '../deps.ts';
import type { Registry } from '../http/routes.ts';
import { createApiKeyBody, rotateApiKeyBody } from '../schemas/apiKeys.ts';
import { createApiKey, listApiKeys, revokeApiKey, rotateApiKey } from '../services/apiKeys.ts';

const ADMIN = ['administrator'];

const apiKeySchema = z.object({
  id: z.uuid(), name: z.string(), prefix: z.string(), scopes: z.array(z.string()), roles: z.array(z.string()),
  status: z.enum(['active', 'expired', 'revoked']),
  createdBy: z.string(), createdAt: z.string(), revokedAt: z.string().nullable(), lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable().describe('Setelah waktu ini kunci ditolak (401)'),
  rotatedFrom: z.uuid().nullable().describe('Kunci yang digantikan kunci ini'),
  rotatedAt: z.string().nullable().describe('Kapan kunci ini dirotasi'),
  replacedBy: z.uuid().nullable().describe('Kunci pengganti setelah rotasi'),
}).meta({ id: 'ApiKey' });
const newKeySchema = apiKeySchema.extend({ key: z.string().describe('Teks kunci — hanya ditampilkan sekali ini') });

const keyParams = z.object({ id: z.uuid() });
const denied = { 401: { description: 'Belum masuk' }, 403: { description: 'Bukan administrator' } };

export function registerApiKeyRoutes(registry: Registry, deps: ApiDeps): void {
  registry.route({
    method: 'post', path: '/api-keys', operationId: 'createApiKey', tags: ['administration'], roles: ADMIN,
    summary: 'Buat kunci API integrator / Create an integrator API key',
    description: 'Kunci ditampilkan sekali saja. Kirim sebagai `Authorization: Bearer <kunci>` atau `X-API-Key`.',
    body: createApiKeyBody,
    responses: {
      201: { description: 'Kunci baru (teks kunci hanya sekali ini)', schema: newKeySchema },
      400: { description: 'Data tidak valid, cakupan tidak dikenal, atau kedaluwarsa di masa lalu' }, ...denied,
    },
    handler: async ({ body, principal }) => ({ status: 201 as const, body: await createApiKey(deps, principal, body) }),
  });
  registry.route({
    method: 'get', path: '/api-keys', operationId: 'listApiKeys', tags: ['administration'], roles: ADMIN,
    summary: 'Daftar kunci API / List API keys',
    description: 'Dengan status, kedaluwarsa dan garis rotasi (rotatedFrom / replacedBy); teks kunci tidak pernah ditampilkan lagi.',
    responses: { 200: { description: 'Kunci API (tanpa teks kunci)', schema: z.object({ items: z.array(apiKeySchema) }) }, ...denied },
    handler: async ({ principal }) => ({ status: 200 as const, body: { items: await listApiKeys(deps, principal) } }),
  });
  registry.route({
    method: 'post', path: '/api-keys/:id/rotate', operationId: 'rotateApiKey', tags: ['administration'], roles: ADMIN,
    summary: 'Rotasi kunci API / Rotate an API key',
    description: 'Kunci baru dengan nama, cakupan dan peran yang sama (ditampilkan sekali). Kunci lama tetap berlaku selama masa tenggang '
      + '(graceMinutes, bawaan 60; 0 = berhenti seketika) agar integrator dapat berganti kunci tanpa terputus.',
    params: keyParams,
    body: rotateApiKeyBody,
    responses: {
      201: { description: 'Kunci pengganti (teks kunci hanya sekali ini) dan kunci lama', schema: newKeySchema.extend({ previous: apiKeySchema }) },
      400: { description: 'Data tidak valid' }, ...denied, 404: { description: 'Tidak ditemukan' },
      409: { description: 'Kunci sudah dicabut, kedaluwarsa, atau sudah dirotasi' },
    },
    handler: async ({ params, body, principal }) => ({ status: 201 as const, body: await rotateApiKey(deps, principal, params.id, body) }),
  });
  registry.route({
    method: 'delete', path: '/api-keys/:id', operationId: 'revokeApiKey', tags: ['administration'], roles: ADMIN,
    summary: 'Cabut kunci API / Revoke an API key',
    params: keyParams,
    responses: { 200: { description: 'Kunci dicabut', schema: apiKeySchema }, ...denied, 404: { description: 'Tidak ditemukan' } },
    handler: async ({ params, principal }) => ({ status: 200 as const, body: await revokeApiKey(deps, principal, params.id) }),
  });
}
