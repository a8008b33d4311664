// Delegations of roles to acting officials (Plt./Plh.): stub of the contract.
import type { ApiDeps } from '../deps.ts';
import type { Registry } from '../http/routes.ts';

export function registerDelegationRoutes(_registry: Registry, _deps: ApiDeps): void {}
