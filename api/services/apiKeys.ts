// API keys for integrators: stored as SHA-256 hashes, scoped per process and action, expiring,
// rotated (the old key keeps working for a grace period) and revocable.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CaseType } from '../../db/intake.ts';
import { pgTextArray } from '../../db/pgArray.ts';
import { generateApiKey } from '../auth/apiKeys.ts';
import type { ApiKeyRecord } from '../auth/middleware.ts';
import type { Principal } from '../auth/principal.ts';
import { parseScope, PROCESS_OF_CASE_TYPE, SCOPE_PROCESSES, type ScopeProcess } from '../auth/scopes.ts';
import type { ApiDeps } from '../deps.ts';
import { problem } from '../http/problem.ts';
import { allActions, processOf } from './processes.ts';

export async function findApiKeyByHash(deps: ApiDeps, hash: string): Promise<ApiKeyRecord | null> {
  const em = deps.orm.em.fork();
  const [row] = await em.execute<Array<{ id: string; tenant_id: string; name: string; roles: string[]; scopes: string[]; revoked_at: Date | null; expires_at: Date | null; key_hash: string }>>(
    'select id, tenant_id, name, roles, scopes, revoked_at, expires_at, key_hash from api_key where key_hash = ?', [hash],
  );
  if (!row) return null;
  await em.execute('update api_key set last_used_at = now() where id = ? and (last_used_at is null or last_used_at < now() - interval \'1 minute\')', [row.id]);
  return { id: row.id, tenantId: row.tenant_id, name: row.name, roles: row.roles, scopes: row.scopes, revokedAt: row.revoked_at, expiresAt: row.expires_at, hash: row.key_hash };
}

export interface KeyRow {
  id: string; name: string; prefix: string; scopes: string[]; roles: string[]; created_by: string; created_at: Date; revoked_at: Date | null;
  last_used_at: Date | null; expires_at: Date | null; rotated_from: string | null; rotated_at: Date | null; replaced_by: string | null;
}
// The successor of a rotated key (at most one: a rotated key cannot be rotated again).
const COLUMNS = `id, name, prefix, scopes, roles, created_by, created_at, revoked_at, last_used_at, expires_at, rotated_from, rotated_at,
  (select n.id from api_key n where n.rotated_from = api_key.id limit 1) as replaced_by`;

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
export function toApiKey(r: KeyRow, now: number) {
  const status = r.revoked_at ? 'revoked' as const : r.expires_at && new Date(r.expires_at).getTime() <= now ? 'expired' as const : 'active' as const;
  return {
    id: r.id, name: r.name, prefix: r.prefix, scopes: r.scopes, roles: r.roles, status, createdBy: r.created_by, createdAt: iso(r.created_at)!,
    revokedAt: iso(r.revoked_at), lastUsedAt: iso(r.last_used_at), expiresAt: iso(r.expires_at),
    rotatedFrom: r.rotated_from, rotatedAt: iso(r.rotated_at), replacedBy: r.replaced_by,
  };
}

/** The actions a scope may name for a process ('*': any process's action). */
function actionsOf(process: ScopeProcess | '*'): readonly string[] {
  if (process === '*') return allActions();
  const caseType = (Object.keys(PROCESS_OF_CASE_TYPE) as CaseType[]).find((t) => PROCESS_OF_CASE_TYPE[t] === process);
  return caseType ? Object.keys(processOf(caseType)?.bodies ?? {}) : [];
}

/** 400 unknown_scope naming the first scope that is not one. */
export function checkScopes(scopes: readonly string[]): void {
  for (const scope of scopes) {
    if (!Array.isArray(parseScope(scope, actionsOf))) throw problem(400, 'unknown_scope', { scope, processes: SCOPE_PROCESSES.join(', ') });
  }
}

function checkExpiry(expiresAt: string | undefined, now: number): Date | null {
  if (expiresAt === undefined) return null;
  const at = new Date(expiresAt);
  if (at.getTime() <= now) throw problem(400, 'api_key_expiry_past', { expiresAt });
  return at;
}

export interface NewApiKey { name: string; scopes: string[]; roles: string[]; expiresAt?: string | undefined }

async function insertKey(em: EntityManager, principal: Principal, k: { name: string; scopes: string[]; roles: string[]; expiresAt: Date | null; rotatedFrom: string | null }) {
  const key = generateApiKey();
  const [row] = await em.execute<KeyRow[]>(
    `insert into api_key (id, tenant_id, name, prefix, key_hash, scopes, roles, created_by, created_at, expires_at, rotated_from)
     values (?, ?, ?, ?, ?, ?::text[], ?::text[], ?, now(), ?, ?) returning ${COLUMNS}`,
    [randomUUID(), principal.tenantId, k.name, key.prefix, key.hash, pgTextArray(k.scopes), pgTextArray(k.roles), principal.username, k.expiresAt, k.rotatedFrom],
  );
  return { row: row!, plaintext: key.plaintext };
}

/** A new key; its plaintext is returned once and never stored. */
export async function createApiKey(deps: ApiDeps, principal: Principal, body: NewApiKey) {
  checkScopes(body.scopes);
  const expiresAt = checkExpiry(body.expiresAt, deps.now());
  const { row, plaintext } = await insertKey(deps.orm.em.fork(), principal, { name: body.name, scopes: [...new Set(body.scopes)], roles: body.roles, expiresAt, rotatedFrom: null });
  return { ...toApiKey(row, deps.now()), key: plaintext };
}

export async function listApiKeys(deps: ApiDeps, principal: Principal) {
  const rows = await deps.orm.em.fork().execute<KeyRow[]>(`select ${COLUMNS} from api_key where tenant_id = ? order by created_at desc`, [principal.tenantId]);
  return rows.map((r) => toApiKey(r, deps.now()));
}

/**
 * Replaces a key by a new one with the same name, scopes and roles (shown once); the old key stays valid for
 * `graceMinutes` (0: ends now) so the integrator can switch without an outage. 409 for a revoked, expired or
 * already rotated key.
 */
export async function rotateApiKey(deps: ApiDeps, principal: Principal, id: string, body: { graceMinutes: number; expiresAt?: string | undefined }) {
  const now = deps.now();
  const expiresAt = checkExpiry(body.expiresAt, now);
  return deps.orm.em.fork().transactional(async (tx) => {
    const [old] = await tx.execute<KeyRow[]>(`select ${COLUMNS} from api_key where tenant_id = ? and id = ? for update`, [principal.tenantId, id]);
    if (!old) throw problem(404, 'not_found');
    if (old.revoked_at) throw problem(409, 'api_key_revoked');
    if (old.expires_at && new Date(old.expires_at).getTime() <= now) throw problem(409, 'api_key_expired');
    if (old.rotated_at) throw problem(409, 'api_key_already_rotated', { replacedBy: old.replaced_by ?? '—' });
    const graceEnds = new Date(now + body.graceMinutes * 60_000);
    const [updated] = await tx.execute<KeyRow[]>(
      `update api_key set rotated_at = ?, expires_at = least(coalesce(expires_at, ?), ?) where id = ? returning ${COLUMNS}`,
      [new Date(now), graceEnds, graceEnds, id]);
    const { row, plaintext } = await insertKey(tx, principal, { name: old.name, scopes: old.scopes, roles: old.roles, expiresAt, rotatedFrom: old.id });
    return { ...toApiKey(row, now), key: plaintext, previous: toApiKey({ ...updated!, replaced_by: row.id }, now) };
  });
}

export async function revokeApiKey(deps: ApiDeps, principal: Principal, id: string) {
  const [row] = await deps.orm.em.fork().execute<KeyRow[]>(
    `update api_key set revoked_at = coalesce(revoked_at, now()) where tenant_id = ? and id = ? returning ${COLUMNS}`, [principal.tenantId, id]);
  if (!row) throw problem(404, 'not_found');
  return toApiKey(row, deps.now());
}
