// Builds a Sigap worker: workflows from the bundle (or bundled now from workflows/index.ts) and
// activities bound to the database and the mailer. Used by worker/main.ts and by tests.
import { fileURLToPath } from 'node:url';
import { makeWorkflowExporter } from '@temporalio/interceptors-opentelemetry';
import { NativeConnection, Worker, type WorkflowBundle } from '@temporalio/worker';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../config/index.ts';
import { createActivities } from '../activities/index.ts';
import { loadTemplates } from '../activities/templates.ts';
import { parseAllowedHosts } from '../activities/steps.ts';
import { temporalConnectionOptions } from '../api/temporal.ts';
import { createMailer } from './mailer.ts';
import { WORKFLOWS_PATH, readWorkflowBundle, workflowInterceptorModules } from './bundle.ts';
import { webhookAllowedHosts } from '../activities/webhooks.ts';
import { activityInterceptors } from '../observability/activityInterceptors.ts';
import type { Tracing } from '../observability/tracing.ts';
import type { WorkerMetrics } from '../observability/workerMetrics.ts';
import { validateShippedProfiles } from '../policy/profile.ts';

export { WORKFLOWS_PATH, workflowInterceptorModules } from './bundle.ts';
export const NOTIFICATION_TEMPLATES_DIR = fileURLToPath(new URL('../templates/notifications', import.meta.url));

export interface WorkerOptions {
  config: Config;
  orm: MikroORM;
  workflowBundle?: WorkflowBundle;
  connection?: NativeConnection;
  /** Tracing (spans of workflows and activities) and the case counters, when the process has them on. */
  observability?: { tracing?: Tracing | undefined; metrics?: WorkerMetrics | undefined };
}

export async function createSigapWorker({ config, orm, workflowBundle, connection, observability = {} }: WorkerOptions): Promise<{ worker: Worker; connection: NativeConnection }> {
  validateShippedProfiles(); // workflows read the profiles unvalidated (policy/profileData.ts): refuse to start on a broken one
  const conn = connection ?? await NativeConnection.connect(await temporalConnectionOptions(config));
  const activities = createActivities({
    orm, mailer: createMailer(config), mailFrom: config.MAIL_FROM, templates: loadTemplates(NOTIFICATION_TEMPLATES_DIR), publicUrl: config.publicUrl,
    stepAllowedHosts: parseAllowedHosts(config.SIGAP_STEP_ALLOWED_HOSTS), webhookAllowedHosts: webhookAllowedHosts(config),
  });
  const { tracing } = observability;
  const bundle = workflowBundle ?? (config.SIGAP_WORKFLOW_BUNDLE_PATH ? await readWorkflowBundle(config.SIGAP_WORKFLOW_BUNDLE_PATH, tracing !== undefined) : undefined);
  const worker = await Worker.create({
    connection: conn,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    ...(bundle ? { workflowBundle: bundle } : { workflowsPath: WORKFLOWS_PATH }),
    activities,
    ...(config.SIGAP_WORKER_MAX_CONCURRENT_ACTIVITIES !== undefined && { maxConcurrentActivityTaskExecutions: config.SIGAP_WORKER_MAX_CONCURRENT_ACTIVITIES }),
    ...(config.SIGAP_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS !== undefined && { maxConcurrentWorkflowTaskExecutions: config.SIGAP_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS }),
    ...(config.SIGAP_WORKER_MAX_CACHED_WORKFLOWS !== undefined && { maxCachedWorkflows: config.SIGAP_WORKER_MAX_CACHED_WORKFLOWS }),
    interceptors: {
      activity: activityInterceptors({ tracing: tracing !== undefined, metrics: observability.metrics }),
      workflowModules: bundle ? [] : workflowInterceptorModules(tracing !== undefined), // a bundle already holds them
    },
    ...(tracing ? { sinks: { exporter: makeWorkflowExporter(tracing.spanProcessor, tracing.resource) } } : {}),
  });
  return { worker, connection: conn };
}
