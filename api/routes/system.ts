// Health checks, the OpenAPI document and "who am I".
import type { Express } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../deps.ts';
import type { Registry } from '../http/routes.ts';

export function registerHealth(app: Express, deps: ApiDeps): void {
  app.get('/health/live', (_req, res) => { res.json({ status: 'ok' }); });
  // Ready when both PostgreSQL and Temporal answer; load balancers and the start script poll this.
  app.get('/health/ready', async (_req, res) => {
    const checks: Record<string, { ok: boolean; error?: string }> = {};
    await Promise.all([
      (async () => {
        try { await deps.orm.em.fork().execute('select 1'); checks.postgres = { ok: true }; } catch (err) { checks.postgres = { ok: false, error: String(err) }; }
      })(),
      (async () => {
        try { await deps.temporal.connection.workflowService.getSystemInfo({}); checks.temporal = { ok: true }; } catch (err) { checks.temporal = { ok: false, error: String(err) }; }
      })(),
    ]);
    const ok = Object.values(checks).every((c) => c.ok);
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', checks });
  });
}

export function registerSystemRoutes(registry: Registry, deps: ApiDeps): void {
  registry.route({
    method: 'get', path: '/openapi.json', operationId: 'getOpenApi', tags: ['system'], auth: 'none',
    summary: 'Dokumen OpenAPI 3.1 / OpenAPI 3.1 document',
    responses: { 200: { description: 'OpenAPI 3.1' } },
    handler: () => ({
      status: 200 as const,
      body: registry.openapi({
        title: 'Sigap API', version: '0.1.0',
        description: 'Otomasi proses manajemen layanan SPBE / SPBE service management process automation',
        servers: [{ url: `${deps.config.publicUrl}/api/v1` }],
      }),
    }),
  });
  registry.route({
    method: 'get', path: '/me', operationId: 'getMe', tags: ['system'],
    summary: 'Pengguna yang masuk / The signed-in principal',
    responses: {
      200: { description: 'Principal', schema: z.object({ kind: z.string(), tenantId: z.string(), username: z.string(), name: z.string(), roles: z.array(z.string()), unit: z.string().optional(), nip: z.string().optional(), scopes: z.array(z.string()).optional() }) },
      401: { description: 'Belum masuk' },
    },
    handler: ({ principal }) => ({ status: 200 as const, body: principal }),
  });
}
