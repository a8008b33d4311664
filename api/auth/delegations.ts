// The roles delegated to a signed-in user (Plt./Plh.), added to the principal while in force: stub of the contract.
import type { ApiDeps } from '../deps.ts';
import type { Principal } from './principal.ts';

export type DelegationResolver = (principal: Principal) => Promise<Principal>;

export function createDelegationResolver(_deps: ApiDeps): DelegationResolver {
  return async (principal) => principal;
}
