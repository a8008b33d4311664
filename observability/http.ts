// Every HTTP request of the API: a server span (continuing the caller's W3C traceparent), its duration in
// a Prometheus histogram by route template, and one JSON log line with the case id when the route has one.
import { SpanKind, SpanStatusCode, context, isSpanContextValid, propagation, trace } from '@opentelemetry/api';
import { ATTR_HTTP_REQUEST_METHOD, ATTR_HTTP_RESPONSE_STATUS_CODE, ATTR_HTTP_ROUTE, ATTR_URL_PATH } from '@opentelemetry/semantic-conventions';
import type { Request, RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { Histogram } from 'prom-client';

/** The route template (`/api/v1/cases/:id`), never the raw path: labels must stay few. */
export function routeOf(req: Request): string {
  const route = req.route as { path?: unknown } | undefined;
  return route?.path === undefined ? 'unmatched' : `${req.baseUrl}${String(route.path)}`;
}

export function observeRequests(options: { duration: Histogram<'method' | 'route' | 'status'>; logger: Logger }): RequestHandler {
  const tracer = trace.getTracer('sigap-api');
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const parent = propagation.extract(context.active(), req.headers);
    const span = tracer.startSpan(req.method, {
      kind: SpanKind.SERVER, attributes: { [ATTR_HTTP_REQUEST_METHOD]: req.method, [ATTR_URL_PATH]: req.path },
    }, parent);
    res.once('finish', () => {
      const route = routeOf(req);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const status = res.statusCode;
      options.duration.observe({ method: req.method, route, status: String(status) }, seconds);
      const caseId = route.includes('/cases/:id') ? req.params.id : undefined;
      span.updateName(`${req.method} ${route}`);
      span.setAttributes({ [ATTR_HTTP_ROUTE]: route, [ATTR_HTTP_RESPONSE_STATUS_CODE]: status, ...(caseId ? { 'sigap.case_id': caseId } : {}) });
      if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
      const ids = span.spanContext();
      const traced = isSpanContextValid(ids) ? { trace_id: ids.traceId, span_id: ids.spanId } : {};
      options.logger.info({ method: req.method, route, status, ms: Math.round(seconds * 1000), caseId, ...traced }, 'request');
    });
    context.with(trace.setSpan(parent, span), next);
  };
}
