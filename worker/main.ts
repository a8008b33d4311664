// The worker process: runs Sigap's workflows and activities until SIGINT/SIGTERM.
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { loadConfig } from '../config/index.ts';
import { openDatabase, closeDatabase } from '../db/orm.ts';
import { resolveDatabaseUrl } from '../db/resolveUrl.ts';
import { createSigapWorker } from './createWorker.ts';

const config = loadConfig();
Runtime.install({ logger: new DefaultLogger(config.TEMPORAL_SDK_LOG_LEVEL) });
const orm = await openDatabase(await resolveDatabaseUrl(config));
const { worker, connection } = await createSigapWorker({ config, orm });
console.log(`[worker] polling task queue "${config.TEMPORAL_TASK_QUEUE}" in namespace "${config.TEMPORAL_NAMESPACE}"`);
try {
  await worker.run(); // the SDK shuts the worker down gracefully on SIGINT/SIGTERM
} finally {
  await connection.close();
  await closeDatabase(orm);
}
