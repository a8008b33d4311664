// The worker's metrics port: GET /metrics in Prometheus' text format, under the same access rule as the API's.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { metricsRefusal } from './metricsAccess.ts';

export interface MetricsServer { port: number; close(): Promise<void> }

export async function serveMetrics(options: { registry: Registry; port: number; token: string | undefined }): Promise<MetricsServer> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || new URL(req.url ?? '/', 'http://x').pathname !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    const refusal = metricsRefusal(req, options.token);
    if (refusal) {
      // Bahasa Indonesia first, English second (no language negotiation on a port only Prometheus calls).
      const body = { type: `https://sigap.go.id/problems/${refusal.code}`, status: refusal.status, code: refusal.code, detail: `${refusal.detail.id} (${refusal.detail.en})` };
      res.writeHead(refusal.status, { 'content-type': 'application/problem+json', ...(refusal.status === 401 ? { 'www-authenticate': 'Bearer realm="metrics"' } : {}) })
        .end(JSON.stringify(body));
      return;
    }
    options.registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': options.registry.contentType }).end(text),
      (err: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`${String(err)}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(options.port, resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
