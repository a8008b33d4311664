// Who is calling: a signed-in user (OIDC / demo JWT / console session) or an API key of an integrating system.
import type { ActingDelegation } from '../../policy/delegation.ts';

export type Principal = {
  kind: 'user' | 'apiKey';
  tenantId: string;
  /** Login name of a user; `apikey:<id>` for an API key. */
  username: string;
  /** Display name. */
  name: string;
  /**
   * Role ids of the tenant's regulation profile (e.g. 'service_desk'): the person's own roles first,
   * then the roles delegations in force add (api/auth/delegations.ts).
   */
  roles: string[];
  /** The roles the identity provider (or the key) gives, without delegations. Set when delegations were applied. */
  ownRoles?: string[];
  /** Delegations (Plt./Plh.) in force for this user now; each lists the roles it adds. */
  delegations?: ActingDelegation[];
  /** Console sessions only: id of the web_session row (api/auth/sessions.ts). */
  sessionId?: string;
  /** Organisational unit of the user, when the identity provider tells it. */
  unit?: string;
  /** Nomor Induk Pegawai (civil-servant number), when the identity provider tells it. */
  nip?: string;
  /** API keys only: what the key may do ('<process>:<operation>', e.g. 'changes:act.decide', or an old scope such as 'cases:read'; see api/auth/scopes.ts). */
  scopes?: string[];
  /** API keys only: id of the key record. */
  apiKeyId?: string;
};

export function isUser(p: Principal): boolean {
  return p.kind === 'user';
}

export function hasAnyRole(p: Principal, roles: readonly string[]): boolean {
  return roles.some((r) => p.roles.includes(r));
}

/** The actor a command carries to a workflow: who acts, with every role and the delegations in force. */
export function actorOf(p: Principal): { username: string; name: string; roles: string[]; delegations?: ActingDelegation[] } {
  return { username: p.username, name: p.name, roles: p.roles, ...(p.delegations && p.delegations.length > 0 ? { delegations: p.delegations } : {}) };
}

/** The role recorded for an integrator acting with an API key when it holds none the step names. */
export function fallbackRoleOf(p: Principal): string | undefined {
  return p.apiKeyId ? 'integrator' : undefined;
}
