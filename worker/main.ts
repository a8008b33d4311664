// The worker process: runs Sigap's workflows and activities until SIGINT/SIGTERM. Logs are JSON lines;
// tracing, the metrics port and the Temporal SDK's own metrics are on when configured (README, "Operations").
import { Runtime } from '@temporalio/worker';
import { loadConfig } from '../config/index.ts';
import { openDatabase, closeDatabase } from '../db/orm.ts';
import { resolveDatabaseUrl } from '../db/resolveUrl.ts';
import { createLogger, temporalLogger } from '../observability/logging.ts';
import { serveMetrics } from '../observability/metricsServer.ts';
import { startTracing } from '../observability/tracing.ts';
import { createWorkerMetrics } from '../observability/workerMetrics.ts';
import { createSigapWorker } from './createWorker.ts';

const config = loadConfig();
const logger = createLogger('worker', config.LOG_LEVEL);
const tracing = startTracing(config, 'sigap-worker');
const sdkMetrics = config.SIGAP_WORKER_SDK_METRICS_ADDRESS;
Runtime.install({
  logger: temporalLogger(logger, config.TEMPORAL_SDK_LOG_LEVEL),
  ...(sdkMetrics ? { telemetryOptions: { metrics: { prometheus: { bindAddress: sdkMetrics, useSecondsForDurations: true } } } } : {}),
});
const metrics = createWorkerMetrics();
const metricsServer = config.SIGAP_WORKER_METRICS_PORT === undefined
  ? undefined
  : await serveMetrics({ registry: metrics.registry, port: config.SIGAP_WORKER_METRICS_PORT, token: config.SIGAP_METRICS_TOKEN });
const orm = await openDatabase(await resolveDatabaseUrl(config));
const { worker, connection } = await createSigapWorker({ config, orm, observability: { tracing, metrics } });
logger.info({
  taskQueue: config.TEMPORAL_TASK_QUEUE, namespace: config.TEMPORAL_NAMESPACE, tracing: tracing !== undefined,
  metricsPort: metricsServer?.port, sdkMetrics,
}, `polling task queue "${config.TEMPORAL_TASK_QUEUE}" in namespace "${config.TEMPORAL_NAMESPACE}"`);
try {
  await worker.run(); // the SDK shuts the worker down gracefully on SIGINT/SIGTERM
} finally {
  await connection.close();
  await closeDatabase(orm);
  await metricsServer?.close();
  await tracing?.shutdown();
}
