// Delegations of roles to acting officials (Plt./Plh.): recorded by the holder of the roles, or by an
// administrator from the appointment letter (SK); revoked early by either; never deleted.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ActingDelegation, DelegationKind } from '../../policy/delegation.ts';
import type { Principal } from '../auth/principal.ts';
import type { ApiDeps } from '../deps.ts';
import { problem } from '../http/problem.ts';
import { pgTextArray } from '../../db/pgArray.ts';
import { findUser } from './users.ts';
import { loadTenant, profileOf } from './tenants.ts';

/** Roles that are never delegated: administering Sigap is no official duty an acting official takes over. */
export const NOT_DELEGABLE: readonly string[] = ['administrator'];
const ADMIN = 'administrator';

export interface DelegationRow {
  id: string; kind: DelegationKind; delegator: string; delegator_name: string; delegate: string; delegate_name: string;
  roles: string[]; starts_at: Date; ends_at: Date; reason: string; reference: string | null;
  created_by: string; created_at: Date; revoked_at: Date | null; revoked_by: string | null;
}
const COLUMNS = 'id, kind, delegator, delegator_name, delegate, delegate_name, roles, starts_at, ends_at, reason, reference, created_by, created_at, revoked_at, revoked_by';

export interface NewDelegation {
  delegate: string; roles: string[]; kind: DelegationKind; startsAt: string; endsAt: string; reason: string;
  reference?: string | undefined; delegator?: string | undefined;
}

const isAdmin = (p: Principal) => (p.ownRoles ?? p.roles).includes(ADMIN);

/** The delegations to `username` in force at `now` (longest-lasting first, so it wins a role two delegations give). */
export async function delegationsInForce(em: EntityManager, tenantId: string, username: string, now: Date): Promise<ActingDelegation[]> {
  const rows = await em.execute<Array<Pick<DelegationRow, 'id' | 'kind' | 'delegator' | 'delegator_name' | 'roles' | 'starts_at' | 'ends_at'>>>(
    `select id, kind, delegator, delegator_name, roles, starts_at, ends_at from delegation
     where tenant_id = ? and delegate = ? and revoked_at is null and ends_at > ? and starts_at <= ?
     order by ends_at desc, id`,
    [tenantId, username, now, now],
  );
  return rows.map((r) => ({
    id: r.id, kind: r.kind, delegator: { username: r.delegator, name: r.delegator_name },
    roles: r.roles.filter((role) => !NOT_DELEGABLE.includes(role)), from: new Date(r.starts_at).getTime(), until: new Date(r.ends_at).getTime(),
  }));
}

/** Delegations are between officials: API keys neither record, read nor revoke them (README "Pelimpahan wewenang"). */
function requireUser(principal: Principal): void {
  if (principal.kind !== 'user') throw problem(403, 'delegation_users_only');
}

export async function createDelegation(deps: ApiDeps, principal: Principal, body: NewDelegation): Promise<DelegationRow> {
  requireUser(principal);
  const em = deps.orm.em.fork();
  const profile = profileOf(await loadTenant(em, principal.tenantId));
  const roles = [...new Set(body.roles)];
  const unknown = roles.find((r) => !profile.roles.some((p) => p.id === r));
  if (unknown) throw problem(422, 'unknown_role', { role: unknown });
  const notDelegable = roles.filter((r) => NOT_DELEGABLE.includes(r));
  if (notDelegable.length > 0) throw problem(422, 'delegation_role_not_delegable', { roles: notDelegable });

  // Who delegates: the caller, or (administrators only) the official named in the appointment letter.
  const onBehalf = body.delegator !== undefined && body.delegator !== principal.username;
  if (onBehalf && !isAdmin(principal)) throw problem(403, 'delegation_on_behalf_forbidden');
  const delegator = onBehalf ? await findUser(em, principal.tenantId, body.delegator!) : undefined;
  if (onBehalf && !delegator) throw problem(422, 'unknown_user', { username: body.delegator! });
  const delegatorName = delegator?.name ?? principal.name;
  const delegatorUsername = delegator?.username ?? principal.username;
  // Only own roles are delegated: a Plt./Plh. does not hand on what was handed to them.
  const own = delegator?.roles ?? principal.ownRoles ?? principal.roles;
  const missing = roles.filter((r) => !own.includes(r));
  if (missing.length > 0) {
    const delegated = !onBehalf && missing.every((r) => principal.roles.includes(r));
    throw delegated
      ? problem(422, 'delegation_role_delegated', { roles: missing })
      : problem(422, 'delegation_role_not_held', { roles: missing, delegator: delegatorName });
  }

  if (body.delegate === delegatorUsername) throw problem(422, 'delegation_to_self');
  const delegate = await findUser(em, principal.tenantId, body.delegate);
  if (!delegate) throw problem(422, 'unknown_user', { username: body.delegate });
  const startsAt = new Date(body.startsAt);
  const endsAt = new Date(body.endsAt);
  if (endsAt.getTime() <= startsAt.getTime()) throw problem(422, 'delegation_period_invalid', { startsAt: body.startsAt, endsAt: body.endsAt });
  if (endsAt.getTime() <= deps.now()) throw problem(422, 'delegation_ends_in_past', { endsAt: body.endsAt });

  const [row] = await em.execute<DelegationRow[]>(
    `insert into delegation (id, tenant_id, kind, delegator, delegator_name, delegate, delegate_name, roles, starts_at, ends_at, reason, reference, created_by)
     values (?, ?, ?, ?, ?, ?, ?, ?::text[], ?, ?, ?, ?, ?) returning ${COLUMNS}`,
    [randomUUID(), principal.tenantId, body.kind, delegatorUsername, delegatorName, delegate.username, delegate.name, pgTextArray(roles),
      startsAt, endsAt, body.reason, body.reference ?? null, principal.username],
  );
  return row!;
}

/** The delegations the caller gives or receives (an administrator sees all of the tenant's). */
export async function listDelegations(deps: ApiDeps, principal: Principal, filter: { active?: boolean | undefined }): Promise<DelegationRow[]> {
  requireUser(principal);
  const all = isAdmin(principal);
  const now = new Date(deps.now());
  return deps.orm.em.fork().execute<DelegationRow[]>(
    `select ${COLUMNS} from delegation
     where tenant_id = ? and (?::boolean or delegator = ? or delegate = ?)
       and (?::boolean is null or ?::boolean = (revoked_at is null and starts_at <= ? and ends_at > ?))
     order by starts_at desc, created_at desc limit 500`,
    [principal.tenantId, all, principal.username, principal.username, filter.active ?? null, filter.active ?? null, now, now],
  );
}

/** One delegation, visible to its delegator, its delegate and administrators (404 to anyone else). */
export async function getDelegation(deps: ApiDeps, principal: Principal, id: string): Promise<DelegationRow> {
  requireUser(principal);
  const [row] = await deps.orm.em.fork().execute<DelegationRow[]>(`select ${COLUMNS} from delegation where tenant_id = ? and id = ?`, [principal.tenantId, id]);
  if (!row || !(isAdmin(principal) || row.delegator === principal.username || row.delegate === principal.username)) {
    throw problem(404, 'delegation_not_found', { id });
  }
  return row;
}

/** Revokes a delegation now (its delegator or an administrator); revoking twice keeps the first revocation. */
export async function revokeDelegation(deps: ApiDeps, principal: Principal, id: string): Promise<DelegationRow> {
  const row = await getDelegation(deps, principal, id);
  if (!(isAdmin(principal) || row.delegator === principal.username)) throw problem(403, 'delegation_revoke_forbidden');
  const [revoked] = await deps.orm.em.fork().execute<DelegationRow[]>(
    `update delegation set revoked_at = coalesce(revoked_at, ?), revoked_by = coalesce(revoked_by, ?) where tenant_id = ? and id = ? returning ${COLUMNS}`,
    [new Date(deps.now()), principal.username, principal.tenantId, id],
  );
  return revoked!;
}

/** Where a delegation stands at `now`. */
export function delegationStatus(row: DelegationRow, now: number): 'scheduled' | 'active' | 'ended' | 'revoked' {
  if (row.revoked_at) return 'revoked';
  if (new Date(row.ends_at).getTime() <= now) return 'ended';
  return new Date(row.starts_at).getTime() <= now ? 'active' : 'scheduled';
}
