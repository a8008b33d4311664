// createApp(deps): the Express application, without listening (tests mount it on any port).
import express from 'express';
import type { Logger } from 'pino';
import { authenticate } from './auth/middleware.ts';
import type { JwtVerifier } from './auth/jwt.ts';
import type { ApiDeps } from './deps.ts';
import { notFoundHandler, problemHandler } from './http/problem.ts';
import { createRegistry } from './http/routes.ts';
import { registerApiKeyRoutes } from './routes/apiKeys.ts';
import { registerCalendarRoutes } from './routes/calendar.ts';
import { registerCaseRoutes } from './routes/cases.ts';
import { registerProfileRoutes, registerTenantProfileRoutes } from './routes/profiles.ts';
import { registerCatalogueRoutes } from './routes/catalogue.ts';
import { registerDocumentRoutes } from './routes/documents.ts';
import { registerRequestRoutes } from './routes/requests.ts';
import { registerIncidentRoutes } from './routes/incidents.ts';
import { registerMaintenanceRoutes } from './routes/maintenance.ts';
import { registerProblemRoutes } from './routes/problems.ts';
import { registerReleaseRoutes } from './routes/releases.ts';
import { registerChangeRoutes } from './routes/changes.ts';
import { registerDisasterRoutes } from './routes/disasters.ts';
import { registerContinuityRoutes } from './routes/continuity.ts';
import { registerAvailabilityRoutes } from './routes/availability.ts';
import { registerEvaluationRoutes } from './routes/evaluations.ts';
import { registerReportRoutes } from './routes/reports.ts';
import { registerAdminRoutes } from './routes/admin.ts';
import { registerKnownErrorRoutes } from './routes/knownErrors.ts';
import { registerFindingRoutes } from './routes/findings.ts';
import { registerIntegrationRoutes } from './routes/integrations.ts';
import { registerServiceRoutes } from './routes/services.ts';
import { registerWebhookRoutes } from './routes/webhooks.ts';
import { registerDelegationRoutes } from './routes/delegations.ts';
import { registerAuthRoutes } from './routes/auth.ts';
import { createSessionStore } from './auth/sessions.ts';
import { DEMO_IDP_PATH, demoIdentityProvider, demoIdentityProviderEnabled } from './auth/demoIdentityProvider.ts';
import { createDelegationResolver } from './auth/delegations.ts';
import { setPrincipal } from './auth/middleware.ts';
import { createConsole } from '../web/console.ts';
import { registerInboxPages } from '../web/pages/inbox.ts';
import { registerCasePages } from '../web/pages/cases.ts';
import { registerFormPages } from '../web/pages/forms.ts';
import { registerDashboardPages } from '../web/pages/dashboard.ts';
import { registerReportPages } from '../web/pages/reports.ts';
import { registerAdminPages } from '../web/pages/admin.ts';
import { registerHealth, registerSystemRoutes } from './routes/system.ts';
import { findApiKeyByHash } from './services/apiKeys.ts';
import { rememberUser } from './services/users.ts';
import { maybePrincipalOf } from './auth/middleware.ts';
import type { Lang, MessageParams } from './http/messages.ts';
import { withRoleTitles } from './http/roleTitles.ts';
import { mountObservability } from '../observability/apiMetrics.ts';
import { validateShippedProfiles } from '../policy/profile.ts';

/** Problem details name roles by their title in the tenant's profile ("Penyedia Layanan"), not by id. */
function roleTitles({ params, lang, req }: { params: MessageParams; lang: Lang; req: express.Request }): MessageParams {
  const principal = req.res ? maybePrincipalOf(req.res) : undefined;
  return withRoleTitles(params, principal?.tenantId, lang);
}

export interface AppOptions { verifyJwt: JwtVerifier; logger: Logger }

export function createApp(deps: ApiDeps, options: AppOptions): express.Express {
  validateShippedProfiles(); // the profiles are plain data (policy/profileData.ts): refuse to serve a broken one
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  registerHealth(app, deps);
  mountObservability(app, deps, options.logger); // GET /metrics; spans, durations and a log line per request

  const sessions = createSessionStore(deps);
  const auth = authenticate({ verifyJwt: options.verifyJwt, findApiKey: (hash) => findApiKeyByHash(deps, hash), sessions });
  const withDelegations = createDelegationResolver(deps);
  // Keep the user directory current from the identity claims (names in timelines, mail addresses),
  // then add the roles delegated to the user (the directory keeps only their own roles).
  const remember: express.RequestHandler = (_req, res, next) => {
    const p = maybePrincipalOf(res);
    if (!p) return next();
    rememberUser(deps.orm.em.fork(), p)
      .then(() => withDelegations(p))
      .then((withRoles) => { setPrincipal(res, withRoles); next(); }, next);
  };
  const registry = createRegistry({ authenticate: (req, res, next) => auth(req, res, (err?: unknown) => (err ? next(err) : remember(req, res, next))) });
  registerSystemRoutes(registry, deps);
  registerCatalogueRoutes(registry, deps);
  registerDocumentRoutes(registry, deps);
  registerRequestRoutes(registry, deps);
  registerIncidentRoutes(registry, deps);
  registerMaintenanceRoutes(registry, deps);
  registerProblemRoutes(registry, deps);
  registerChangeRoutes(registry, deps);
  registerReleaseRoutes(registry, deps);
  registerDisasterRoutes(registry, deps);
  registerContinuityRoutes(registry, deps);
  registerAvailabilityRoutes(registry, deps);
  registerEvaluationRoutes(registry, deps);
  registerReportRoutes(registry, deps);
  registerAdminRoutes(registry, deps);
  registerKnownErrorRoutes(registry, deps);
  registerFindingRoutes(registry, deps);
  registerIntegrationRoutes(registry, deps);
  registerServiceRoutes(registry, deps);
  registerCaseRoutes(registry, deps);
  registerCalendarRoutes(registry, deps);
  registerProfileRoutes(registry, deps);
  registerTenantProfileRoutes(registry, deps);
  registerApiKeyRoutes(registry, deps);
  registerWebhookRoutes(registry, deps);
  registerDelegationRoutes(registry, deps);

  registerAuthRoutes(app, deps, { sessions, logger: options.logger });
  // Demo mode without the agency's provider: Sigap's own, so /auth/login works with no setup (never otherwise).
  if (demoIdentityProviderEnabled(deps.config)) app.use(DEMO_IDP_PATH, demoIdentityProvider(deps.config));
  app.use('/api/v1', registry.router);
  // The web console (issue 9): server-rendered pages on the same sessions, after the API and sign-in.
  app.use(createConsole({ deps, sessions, delegations: withDelegations }, [
    registerInboxPages, registerCasePages, registerFormPages, registerDashboardPages, registerReportPages, registerAdminPages,
  ]));
  app.use(notFoundHandler());
  app.use(problemHandler({ logger: options.logger, formatParams: roleTitles }));
  return app;
}
