// Who may read /metrics (API and worker): with SIGAP_METRICS_TOKEN set, whoever sends it as a bearer
// token (Prometheus: `authorization: { credentials_file: … }`); without it, only callers on this host
// that did not come through a proxy. Case counts per tenant are not for the public.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export interface MetricsRefusal {
  status: 401 | 403;
  code: 'unauthenticated' | 'forbidden';
  detail: { id: string; en: string };
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function metricsRefusal(req: IncomingMessage, token: string | undefined): MetricsRefusal | undefined {
  if (token) {
    const sent = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (sent !== undefined && sameSecret(sent, token)) return undefined;
    return {
      status: 401, code: 'unauthenticated',
      detail: { id: 'Metrik hanya untuk pemegang token metrik (SIGAP_METRICS_TOKEN).', en: 'Metrics require the metrics bearer token (SIGAP_METRICS_TOKEN).' },
    };
  }
  const proxied = req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined;
  if (!proxied && LOOPBACK.has(req.socket.remoteAddress ?? '')) return undefined;
  return {
    status: 403, code: 'forbidden',
    detail: {
      id: 'Metrik hanya dapat dibaca dari mesin ini; setel SIGAP_METRICS_TOKEN agar Prometheus dapat membacanya dari luar.',
      en: 'Metrics can only be read from this machine; set SIGAP_METRICS_TOKEN to let Prometheus read them remotely.',
    },
  };
}

function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}
