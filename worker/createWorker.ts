// Builds a Sigap worker: workflows from the bundle (or bundled now from workflows/index.ts) and
// activities bound to the database and the mailer. Used by worker/main.ts and by tests.
import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker, type WorkflowBundle } from '@temporalio/worker';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../config/index.ts';
import { createActivities } from '../activities/index.ts';
import { loadTemplates } from '../activities/templates.ts';
import { parseAllowedHosts } from '../activities/steps.ts';
import { temporalConnectionOptions } from '../api/temporal.ts';
import { createMailer } from './mailer.ts';
import { webhookAllowedHosts } from '../activities/webhooks.ts';

export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));
export const NOTIFICATION_TEMPLATES_DIR = fileURLToPath(new URL('../templates/notifications', import.meta.url));

export interface WorkerOptions {
  config: Config;
  orm: MikroORM;
  workflowBundle?: WorkflowBundle;
  connection?: NativeConnection;
}

export async function createSigapWorker({ config, orm, workflowBundle, connection }: WorkerOptions): Promise<{ worker: Worker; connection: NativeConnection }> {
  const conn = connection ?? await NativeConnection.connect(await temporalConnectionOptions(config));
  const activities = createActivities({
    orm, mailer: createMailer(config), mailFrom: config.MAIL_FROM, templates: loadTemplates(NOTIFICATION_TEMPLATES_DIR), publicUrl: config.publicUrl,
    stepAllowedHosts: parseAllowedHosts(config.SIGAP_STEP_ALLOWED_HOSTS), webhookAllowedHosts: webhookAllowedHosts(config),
  });
  const worker = await Worker.create({
    connection: conn,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    ...(workflowBundle ? { workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
    activities,
  });
  return { worker, connection: conn };
}
