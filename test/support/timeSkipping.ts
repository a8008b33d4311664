// Time-skipping Temporal test environment backed by the Java test server that `./sigap setup` installed
// (never downloads anything), with Sigap's search attributes registered so workflows may upsert them.
// Use it for workflow tests with long timers (SLA clocks, escalations).
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { TimeSkippingTestWorkflowEnvironmentOptions } from '@temporalio/testing';
import { INDEXED_VALUE_TYPE, SIGAP_SEARCH_ATTRIBUTES } from '../../scripts/lib/searchAttributes.ts';
import type { CliSearchAttributeType } from '../../scripts/lib/searchAttributes.ts';
import { temporalBinaries } from '../../scripts/lib/temporalDevServer.ts';
import { installTestRuntime } from './runtime.ts';

export interface TimeSkippingEnvOptions extends TimeSkippingTestWorkflowEnvironmentOptions {
  /** Custom search attributes to register on the `default` namespace. Default: Sigap's. */
  searchAttributes?: Readonly<Record<string, CliSearchAttributeType>>;
  /** Leave the SDK's INFO logging on (default: quiet, see installTestRuntime). */
  verbose?: boolean;
}

/**
 * `TestWorkflowEnvironment.createTimeSkipping` with the local `temporal-test-server` binary.
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
