// The API's GET /metrics (Prometheus text format): HTTP request durations, Node's process metrics, and the
// open cases of the read model per tenant, case type and state, counted on scrape and kept for a few
// seconds so several Prometheus servers (or a scrape storm) cost one query.
import type { Express } from 'express';
import type { Logger } from 'pino';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ApiDeps } from '../api/deps.ts';
import { ProblemError } from '../api/http/problem.ts';
import { observeRequests } from './http.ts';
import { metricsRefusal } from './metricsAccess.ts';

const READ_MODEL_TTL_MS = 5_000;

interface OpenCount { tenant_id: string; case_type: string; state: string; n: number }
interface BreachedCount { tenant_id: string; case_type: string; n: number }

/** Mounts /metrics and the request observer; call before the routes so every request is measured. */
export function mountObservability(app: Express, deps: ApiDeps, logger: Logger): void {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'sigap_http_request_duration_seconds', help: 'API request duration by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const, buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registry],
  });
  registerReadModelGauges(registry, deps, logger);

  app.get('/metrics', (req, res, next) => {
    const refusal = metricsRefusal(req, deps.config.SIGAP_METRICS_TOKEN);
    if (refusal) {
      next(new ProblemError(refusal.status, refusal.code, {
        detail: refusal.detail, ...(refusal.status === 401 ? { headers: { 'WWW-Authenticate': 'Bearer realm="metrics"' } } : {}),
      }));
      return;
    }
    registry.metrics().then((text) => { res.type(registry.contentType).send(text); }, next);
  });
  app.use(observeRequests({ duration, logger }));
}

function registerReadModelGauges(registry: Registry, deps: ApiDeps, logger: Logger): void {
  const failures = new Counter({ name: 'sigap_read_model_query_errors_total', help: 'Scrapes whose read-model query failed', registers: [registry] });
  // Open cases only: an index-only scan of sigap_case_evaluation_closed_idx (closed_at is null), about 70 ms with
  // 50,000 open among 1,000,000 cases; counting the closed ones too would scan the table (1.2 s). Closures are
  // counted by the workers (sigap_cases_closed_total).
  const query = <T>(sql: string) => deps.orm.em.fork().execute<T[]>(sql);
  let cached: { at: number; counts: Promise<{ open: OpenCount[]; breached: BreachedCount[] }> } | undefined;
  const counts = () => {
    if (!cached || Date.now() - cached.at > READ_MODEL_TTL_MS) {
      const loading = Promise.all([
        query<OpenCount>('select tenant_id, case_type, state, count(*)::int as n from sigap_case where closed_at is null group by 1, 2, 3'),
        query<BreachedCount>('select tenant_id, case_type, count(*)::int as n from sigap_case where breached and closed_at is null group by 1, 2'),
      ]).then(([open, breached]) => ({ open, breached }), (err: unknown) => {
        failures.inc();
        logger.warn({ err }, 'could not count the open cases for /metrics');
        cached = undefined;
        return { open: [], breached: [] };
      });
      cached = { at: Date.now(), counts: loading };
    }
    return cached.counts;
  };
  new Gauge({
    name: 'sigap_cases_open', help: 'Open cases in the read model by tenant, case type and state',
    labelNames: ['tenant', 'case_type', 'state'] as const, registers: [registry],
    async collect() {
      const { open } = await counts();
      this.reset();
      for (const r of open) this.set({ tenant: r.tenant_id, case_type: r.case_type, state: r.state }, r.n);
    },
  });
  new Gauge({
    name: 'sigap_cases_open_breached', help: 'Open cases whose SLA target was missed, by tenant and case type',
    labelNames: ['tenant', 'case_type'] as const, registers: [registry],
    async collect() {
      const { breached } = await counts();
      this.reset();
      for (const r of breached) this.set({ tenant: r.tenant_id, case_type: r.case_type }, r.n);
    },
  });
}
