// Browser sign-in with the agency's OIDC provider (authorization code + PKCE): stub of the contract.
import type express from 'express';
import type { Logger } from 'pino';
import type { SessionStore } from '../auth/sessions.ts';
import type { ApiDeps } from '../deps.ts';

export interface AuthRouteOptions { sessions: SessionStore; logger: Logger }

export function registerAuthRoutes(_app: express.Express, _deps: ApiDeps, _options: AuthRouteOptions): void {}
