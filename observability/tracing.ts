// OpenTelemetry tracing for one process (API or worker), on when an OTLP endpoint is configured with the
// standard variables. Spans go in batches over OTLP/HTTP; the W3C trace context travels in HTTP headers
// (traceparent) and, through @temporalio/interceptors-opentelemetry, in Temporal headers to workflows and activities.
import { trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource, detectResourcesSync, envDetectorSync } from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { Config } from '../config/index.ts';

export interface Tracing {
  resource: Resource;
  /** Also receives the workflows' spans (the worker's exporter sink). */
  spanProcessor: SpanProcessor;
  /** Flushes what is still buffered; call on shutdown. */
  shutdown(): Promise<void>;
}

type TracingConfig = Pick<Config, 'OTEL_EXPORTER_OTLP_ENDPOINT' | 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT' | 'OTEL_SERVICE_NAME'>;

export function tracingEnabled(config: TracingConfig): boolean {
  return Boolean(config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? config.OTEL_EXPORTER_OTLP_ENDPOINT);
}

/**
 * Registers the process-wide tracer provider (async-local context, W3C propagation) and returns it, or
 * undefined when tracing is off. The exporter reads the OTEL_EXPORTER_OTLP_* variables itself (headers,
 * timeout); OTEL_RESOURCE_ATTRIBUTES and OTEL_SERVICE_NAME name the process, else `defaultServiceName`.
 */
export function startTracing(config: TracingConfig, defaultServiceName: string): Tracing | undefined {
  if (!tracingEnabled(config)) return undefined;
  const resource = Resource.default()
    .merge(new Resource({ [ATTR_SERVICE_NAME]: defaultServiceName }))
    .merge(detectResourcesSync({ detectors: [envDetectorSync] }));
  const spanProcessor = new BatchSpanProcessor(new OTLPTraceExporter());
  const provider = new NodeTracerProvider({ resource, spanProcessors: [spanProcessor] });
  provider.register();
  return {
    resource,
    spanProcessor,
    async shutdown() {
      await provider.shutdown();
      trace.disable();
    },
  };
}
