// What an integrator's API key may do: its scopes (users are governed by their roles instead).
import { forbidden } from '../http/problem.ts';
import type { Principal } from './principal.ts';

/**
 * Whether an API key may do `scope` ('requests:create', 'cases:read', 'cases:act', …). '*' allows everything,
 * 'cases:*' every cases scope. Users are not limited by scopes (their roles govern them).
 */
export function hasScope(principal: Principal, scope: string): boolean {
  if (principal.kind !== 'apiKey') return true;
  const scopes = principal.scopes ?? [];
  const family = scope.split(':')[0];
  return scopes.some((s) => s === '*' || s === scope || (s.endsWith(':*') && s.slice(0, -2) === family));
}

/** Throws 403 missing_scope unless `hasScope`. */
export function requireScope(principal: Principal, scope: string): void {
  if (!hasScope(principal, scope)) throw forbidden('missing_scope', { scope });
}
