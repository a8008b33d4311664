// The roles delegated to a signed-in user (Plt./Plh.), added to the principal while in force. The user
// directory and the identity provider know only a person's own roles; the delegation table says who acts
// for whom, in which roles, until when. One indexed query per request (delegation_delegate_idx).
import type { ActingDelegation } from '../../policy/delegation.ts';
import type { ApiDeps } from '../deps.ts';
import type { Principal } from './principal.ts';
import { delegationsInForce } from '../services/delegations.ts';

export type DelegationResolver = (principal: Principal) => Promise<Principal>;

export function createDelegationResolver(deps: ApiDeps): DelegationResolver {
  return async (principal) => {
    // API keys act for a system, never for an official.
    if (principal.kind !== 'user') return principal;
    const own = principal.ownRoles ?? principal.roles;
    const rows = await delegationsInForce(deps.orm.em.fork(), principal.tenantId, principal.username, new Date(deps.now()));
    return withDelegations(principal, own, rows);
  };
}

/** The principal with its own roles first, then the roles the delegations add (each delegation lists only those). */
export function withDelegations(principal: Principal, own: string[], delegations: ActingDelegation[]): Principal {
  const added = new Set<string>();
  const acting: ActingDelegation[] = [];
  for (const d of delegations) {
    const roles = d.roles.filter((r) => !own.includes(r) && !added.has(r));
    if (roles.length === 0) continue; // adds nothing the user does not already hold
    roles.forEach((r) => added.add(r));
    acting.push({ ...d, roles });
  }
  const { delegations: _old, ...rest } = principal;
  return { ...rest, ownRoles: own, roles: [...own, ...added], ...(acting.length > 0 ? { delegations: acting } : {}) };
}
