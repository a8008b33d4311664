// Structured logs: one JSON object per line (pino) from the API and the worker, carrying the trace and
// span of the request or activity in progress, so a log line leads to its trace and back.
import { context, isSpanContextValid, trace } from '@opentelemetry/api';
import type { LogLevel, LogMetadata, Logger as TemporalLogger } from '@temporalio/common';
import { pino, type Logger } from 'pino';

/** trace_id and span_id of the active span (names of the OpenTelemetry log data model), if any. */
export function activeTraceFields(): { trace_id?: string; span_id?: string } {
  const span = trace.getSpan(context.active())?.spanContext();
  return span && isSpanContextValid(span) ? { trace_id: span.traceId, span_id: span.spanId } : {};
}

export function createLogger(component: 'api' | 'worker', level: string): Logger {
  return pino({ level, base: { component }, mixin: activeTraceFields });
}

const PINO_LEVEL = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const;

/**
 * The Temporal SDK's logger on top of pino: worker, workflow and activity messages keep the SDK's metadata
 * (workflowId, runId, workflowType, activityType, taskQueue, trace_id from the tracing interceptors)
 * as JSON fields. `level` filters the SDK's messages (TEMPORAL_SDK_LOG_LEVEL).
 */
export function temporalLogger(logger: Logger, level: LogLevel): TemporalLogger {
  const sdk = logger.child({ source: 'temporal' }, { level: PINO_LEVEL[level] });
  const log = (l: LogLevel, message: string, meta?: LogMetadata) => sdk[PINO_LEVEL[l]]({ ...meta }, message);
  return {
    log,
    trace: (message, meta) => log('TRACE', message, meta),
    debug: (message, meta) => log('DEBUG', message, meta),
    info: (message, meta) => log('INFO', message, meta),
    warn: (message, meta) => log('WARN', message, meta),
    error: (message, meta) => log('ERROR', message, meta),
  };
}
