// API keys for integrators: stored as SHA-256 hashes, scoped, revocable.
import type { ApiKeyRecord } from '../auth/middleware.ts';
import type { ApiDeps } from '../deps.ts';

export async function findApiKeyByHash(deps: ApiDeps, hash: string): Promise<ApiKeyRecord | null> {
  const em = deps.orm.em.fork();
  const [row] = await em.execute<Array<{ id: string; tenant_id: string; name: string; roles: string[]; scopes: string[]; revoked_at: Date | null; key_hash: string }>>(
    'select id, tenant_id, name, roles, scopes, revoked_at, key_hash from api_key where key_hash = ?', [hash],
  );
  if (!row) return null;
  await em.execute('update api_key set last_used_at = now() where id = ? and (last_used_at is null or last_used_at < now() - interval \'1 minute\')', [row.id]);
  return { id: row.id, tenantId: row.tenant_id, name: row.name, roles: row.roles, scopes: row.scopes, revokedAt: row.revoked_at, hash: row.key_hash };
}
