// Console sessions after an OIDC sign-in (issue 8): stub of the contract, built by the identity work.
import type { Request } from 'express';
import type { ApiDeps } from '../deps.ts';
import type { Principal } from './principal.ts';

export interface SessionStore {
  /** The principal of the request's session cookie; undefined without one. Throws 401/403 for a bad or ended session or a missing CSRF token. */
  authenticate(req: Request): Promise<Principal | undefined>;
}

export function createSessionStore(_deps: ApiDeps): SessionStore {
  return { async authenticate() { return undefined; } };
}
