// The worker's activity interceptors: tracing (a span per activity, child of the workflow's span), the
// case counters, and the case id on every log line an activity (or the SDK about it) writes.
import {
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import { activeTraceFields } from './logging.ts';
import { CaseMetricsInterceptor, type WorkerMetrics } from './workerMetrics.ts';

export function activityInterceptors(options: { tracing: boolean; metrics?: WorkerMetrics | undefined }): ActivityInterceptorsFactory[] {
  const factories: ActivityInterceptorsFactory[] = [];
  // First = outermost: the activity's span covers the other interceptors, so their logs carry its trace id.
  if (options.tracing) {
    factories.push((ctx) => ({ inbound: new OpenTelemetryActivityInboundInterceptor(ctx), outbound: new OpenTelemetryActivityOutboundInterceptor(ctx) }));
  }
  // The SDK logs an activity's outcome ("Activity completed", failures) after its span has ended: keep the
  // trace ids seen inside the span so those lines still lead to the trace.
  factories.push(() => {
    let fields: { caseId?: string; trace_id?: string; span_id?: string } = {};
    return {
      inbound: {
        execute(input, next) {
          const arg: unknown = input.args[0];
          const first = (Array.isArray(arg) ? arg[0] : arg) as { caseId?: unknown } | undefined; // recordTransitions: events of one case
          fields = { ...activeTraceFields(), ...(typeof first?.caseId === 'string' ? { caseId: first.caseId } : {}) };
          return next(input);
        },
      },
      outbound: { getLogAttributes: (attributes, next) => next({ ...fields, ...attributes }) },
    };
  });
  const metrics = options.metrics;
  if (metrics) factories.push((ctx) => ({ inbound: new CaseMetricsInterceptor(metrics, ctx.info) }));
  return factories;
}
