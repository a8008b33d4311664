// API keys for integrators (monitoring, portals): created by an administrator, shown once, stored
// as a SHA-256 hash, limited by scopes, revocable.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { generateApiKey } from '../auth/apiKeys.ts';
import type { ApiDeps } from '../deps.ts';
import { problem } from '../http/problem.ts';
import type { Registry } from '../http/routes.ts';

export const API_KEY_SCOPES = ['requests:create', 'incidents:create', 'cases:read', 'cases:act', '*'] as const;
const ADMIN = ['administrator'];

const apiKeySchema = z.object({
  id: z.uuid(), name: z.string(), prefix: z.string(), scopes: z.array(z.string()), roles: z.array(z.string()),
  createdBy: z.string(), createdAt: z.string(), revokedAt: z.string().nullable(), lastUsedAt: z.string().nullable(),
}).meta({ id: 'ApiKey' });

interface KeyRow { id: string; name: string; prefix: string; scopes: string[]; roles: string[]; created_by: string; created_at: Date; revoked_at: Date | null; last_used_at: Date | null }
const toKey = (r: KeyRow) => ({
  id: r.id, name: r.name, prefix: r.prefix, scopes: r.scopes, roles: r.roles, createdBy: r.created_by,
  createdAt: new Date(r.created_at).toISOString(), revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
  lastUsedAt: r.last_used_at ? new Date(r.last_used_at).toISOString() : null,
});
const COLUMNS = 'id, name, prefix, scopes, roles, created_by, created_at, revoked_at, last_used_at';
const pgArray = (values: readonly string[]) => `{${values.map((v) => `"${v}"`).join(',')}}`;

export function registerApiKeyRoutes(registry: Registry, deps: ApiDeps): void {
  registry.route({
    method: 'post', path: '/api-keys', operationId: 'createApiKey', tags: ['administration'], roles: ADMIN,
    summary: 'Buat kunci API integrator / Create an integrator API key',
    description: 'Kunci ditampilkan sekali saja. Kirim sebagai `Authorization: Bearer <kunci>` atau `X-API-Key`.',
    body: z.strictObject({
      name: z.string().trim().min(3).max(100),
      scopes: z.array(z.enum(API_KEY_SCOPES)).min(1),
      roles: z.array(z.string().regex(/^[a-z_]+$/)).max(5).default([]).describe('Peran yang dibawa kunci, mis. service_desk untuk mencatat atas nama pengguna'),
    }),
    responses: {
      201: { description: 'Kunci baru (teks kunci hanya sekali ini)', schema: apiKeySchema.extend({ key: z.string() }) },
      400: { description: 'Data tidak valid' }, 401: { description: 'Belum masuk' }, 403: { description: 'Bukan administrator' },
    },
    handler: async ({ body, principal }) => {
      const key = generateApiKey();
      const id = randomUUID();
      const [row] = await deps.orm.em.fork().execute<KeyRow[]>(
        `insert into api_key (id, tenant_id, name, prefix, key_hash, scopes, roles, created_by, created_at)
         values (?, ?, ?, ?, ?, ?::text[], ?::text[], ?, now()) returning ${COLUMNS}`,
        [id, principal.tenantId, body.name, key.prefix, key.hash, pgArray(body.scopes), pgArray(body.roles), principal.username],
      );
      return { status: 201 as const, body: { ...toKey(row!), key: key.plaintext } };
    },
  });
  registry.route({
    method: 'get', path: '/api-keys', operationId: 'listApiKeys', tags: ['administration'], roles: ADMIN,
    summary: 'Daftar kunci API / List API keys',
    responses: { 200: { description: 'Kunci API (tanpa teks kunci)', schema: z.object({ items: z.array(apiKeySchema) }) }, 401: { description: 'Belum masuk' }, 403: { description: 'Bukan administrator' } },
    handler: async ({ principal }) => {
      const rows = await deps.orm.em.fork().execute<KeyRow[]>(`select ${COLUMNS} from api_key where tenant_id = ? order by created_at desc`, [principal.tenantId]);
      return { status: 200 as const, body: { items: rows.map(toKey) } };
    },
  });
  registry.route({
    method: 'delete', path: '/api-keys/:id', operationId: 'revokeApiKey', tags: ['administration'], roles: ADMIN,
    summary: 'Cabut kunci API / Revoke an API key',
    params: z.object({ id: z.uuid() }),
    responses: { 200: { description: 'Kunci dicabut', schema: apiKeySchema }, 401: { description: 'Belum masuk' }, 403: { description: 'Bukan administrator' }, 404: { description: 'Tidak ditemukan' } },
    handler: async ({ params, principal }) => {
      const [row] = await deps.orm.em.fork().execute<KeyRow[]>(
        `update api_key set revoked_at = coalesce(revoked_at, now()) where tenant_id = ? and id = ? returning ${COLUMNS}`, [principal.tenantId, params.id]);
      if (!row) throw problem(404, 'not_found');
      return { status: 200 as const, body: toKey(row) };
    },
  });
}
