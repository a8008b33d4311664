// Time-skipping Temporal test environment backed by the Java test server that `./sigap setup` installed
// (never downloads anything), with Sigap's search attributes registered so workflows may upsert them.
// Use it for workflow tests with long timers (SLA clocks, escalations).
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { TimeSkippingTestWorkflowEnvironmentOptions } from '@temporalio/testing';
import { INDEXED_VALUE_TYPE, SIGAP_SEARCH_ATTRIBUTES } from '../../scripts/lib/searchAttributes.ts';
import type { CliSearchAttributeType } from '../../scripts/lib/searchAttributes.ts';
import { temporalBinaries } from '../../scripts/lib/temporalDevServer.ts';
import { isPortFree } from '../../scripts/lib/ports.ts';
import { installTestRuntime } from './runtime.ts';

export interface TimeSkippingEnvOptions extends TimeSkippingTestWorkflowEnvironmentOptions {
  /** Custom search attributes to register on the `default` namespace. Default: Sigap's. */
  searchAttributes?: Readonly<Record<string, CliSearchAttributeType>>;
  /** Leave the SDK's INFO logging on (default: quiet, see installTestRuntime). */
  verbose?: boolean;
}

/**
 * The port of this Jest worker's next test server. Left to itself, the SDK asks the kernel for a free
 * port and starts the server on it a moment later, so two Jest workers starting servers at the same
 * time can be handed the same port; the second server then fails to bind and its tests would run
 * against the first worker's server (sharing its clock). Each worker therefore takes ports from its own
 * block below the kernel's ephemeral range (32768–60999), which no other process is handed.
 */
const PORT_BLOCK_BASE = 24_000;
const PORT_BLOCK_SIZE = 100;
// 80 blocks: 24000–31999.
let nextSlot = 0;

async function testServerPort(): Promise<number> {
  // The Jest run (its parent process) chooses among 8 sets of blocks, so two runs side by side rarely meet.
  const worker = ((process.ppid % 8) * 10 + Number(process.env.JEST_WORKER_ID ?? '1')) % 80;
  for (let tries = 0; tries < PORT_BLOCK_SIZE; tries++) {
    const port = PORT_BLOCK_BASE + worker * PORT_BLOCK_SIZE + (nextSlot++ % PORT_BLOCK_SIZE);
    if (await isPortFree(port, '0.0.0.0')) return port;
  }
  throw new Error(`no free port for the time-skipping test server in this worker's block (from ${PORT_BLOCK_BASE + worker * PORT_BLOCK_SIZE})`);
}

/**
 * `TestWorkflowEnvironment.createTimeSkipping` with the local `temporal-test-server` binary, on a port
 * of this Jest worker's own block.
 * Call `env.teardown()` in `afterAll` (after the workers have stopped).
 * Note: the test server accepts search attributes but has no visibility queries (`workflow.list`);
 * use test/support/devServer.ts for those.
 */
export async function createTimeSkippingEnv(options: TimeSkippingEnvOptions = {}): Promise<TestWorkflowEnvironment> {
  const { searchAttributes = SIGAP_SEARCH_ATTRIBUTES, verbose = false, ...envOptions } = options;
  if (!verbose) installTestRuntime();
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    ...envOptions,
    server: {
      port: await testServerPort(),
      ...envOptions.server,
      executable: { type: 'existing-path', path: temporalBinaries().testServer },
    },
  });
  try {
    if (Object.keys(searchAttributes).length > 0) {
      await env.connection.operatorService.addSearchAttributes({
        namespace: env.namespace ?? 'default',
        searchAttributes: Object.fromEntries(
          Object.entries(searchAttributes).map(([name, type]) => [name, INDEXED_VALUE_TYPE[type]]),
        ),
      });
    }
  } catch (err) {
    await env.teardown();
    throw err;
  }
  return env;
}
