// A console session for a demo user, as a browser holds it after signing in (the session is created
// directly in the store, skipping the provider): GETs and form POSTs with its cookie, redirects not followed.
import type { Principal } from '../../api/auth/principal.ts';
import type { TokenResponse } from '../../api/auth/oidcClient.ts';
import { createSessionStore } from '../../api/auth/sessions.ts';
import { demoTenants } from '../../scripts/demo.ts';
import type { TestSystem } from './system.ts';

export type FormFields = Record<string, string | string[]>;

export interface ConsoleSession {
  get(path: string): Promise<Response>;
  post(path: string, fields: FormFields): Promise<Response>;
}

export async function consoleSession(system: TestSystem, username: string, tenantId = 'serang'): Promise<ConsoleSession> {
  const user = demoTenants().find((t) => t.id === tenantId)!.users.find((u) => u.username === username)!;
  const principal: Principal = { kind: 'user', tenantId, username, name: user.name, roles: user.roles, unit: user.unit, nip: user.nip };
  const { setCookie } = await createSessionStore(system.deps).create(principal, { expiresIn: () => undefined } as unknown as TokenResponse);
  const cookie = setCookie.split(';')[0]!;
  return {
    get: (path) => fetch(`${system.baseUrl}${path}`, { headers: { cookie, accept: 'text/html' }, redirect: 'manual' }),
    post: (path, fields) => {
      const body = new URLSearchParams();
      for (const [k, v] of Object.entries(fields)) for (const value of Array.isArray(v) ? v : [v]) body.append(k, value);
      return fetch(`${system.baseUrl}${path}`, { method: 'POST', headers: { cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, body, redirect: 'manual' });
    },
  };
}

/** Status, redirect target and HTML of a console answer. */
export async function pageOf(res: Response): Promise<{ status: number; location: string | null; html: string }> {
  return { status: res.status, location: res.headers.get('location'), html: await res.text() };
}
