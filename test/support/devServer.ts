// A throwaway Temporal dev server for integration tests: free ports, no Web UI, Sigap's search attributes,
// in memory by default (or SQLite in a folder you pass, to test restarts).
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { startTemporalDevServer } from '../../scripts/lib/temporalDevServer.ts';
import type { TemporalDevServer, TemporalDevServerOptions } from '../../scripts/lib/temporalDevServer.ts';
import { installTestRuntime } from './runtime.ts';

export interface TestTemporalOptions {
  /** Folder for the SQLite file; omitted = in-memory (fastest; lost on stop). */
  dataDir?: string;
  namespace?: string;
  searchAttributes?: TemporalDevServerOptions['searchAttributes'];
  /** Server log file; omitted = output kept in memory and shown only if the start fails. */
  logFile?: string;
  readyTimeoutMs?: number;
}

export interface TestTemporal {
  /** e.g. `127.0.0.1:41234`, for `Connection.connect` / `NativeConnection.connect`. */
  address: string;
  namespace: string;
  server: TemporalDevServer;
  stop(): Promise<void>;
}

/** Starts a dev server on free ports (retrying once if a picked port was taken meanwhile). */
export async function startTestTemporal(options: TestTemporalOptions = {}): Promise<TestTemporal> {
  const serverOptions: TemporalDevServerOptions = {
    dataDir: options.dataDir ?? null,
    port: 0,
    ui: false,
    ...(options.namespace !== undefined && { namespace: options.namespace }),
    ...(options.searchAttributes !== undefined && { searchAttributes: options.searchAttributes }),
    ...(options.logFile !== undefined && { logFile: options.logFile }),
    ...(options.readyTimeoutMs !== undefined && { readyTimeoutMs: options.readyTimeoutMs }),
  };
  let server: TemporalDevServer;
  try {
    server = await startTemporalDevServer(serverOptions);
  } catch (err) {
    if (!/already in use|exited/.test((err as Error).message)) throw err;
    server = await startTemporalDevServer(serverOptions);
  }
  return { address: server.address, namespace: server.namespace, server, stop: server.stop };
}

/**
 * A `TestWorkflowEnvironment` (client, nativeConnection for workers) on a fresh dev server: real
 * server behaviour incl. visibility queries on search attributes, but no time skipping.
 * `teardown()` closes the connections and stops the server. Installs the quiet test Runtime first.
 */
export async function createDevServerEnv(
  options: TestTemporalOptions = {},
): Promise<{ env: TestWorkflowEnvironment; temporal: TestTemporal; teardown(): Promise<void> }> {
  installTestRuntime();
  const temporal = await startTestTemporal(options);
  try {
    const env = await TestWorkflowEnvironment.createFromExistingServer({ address: temporal.address, namespace: temporal.namespace });
    return {
      env,
      temporal,
      async teardown() {
        try {
          await env.teardown();
        } finally {
          await temporal.stop();
        }
      },
    };
  } catch (err) {
    await temporal.stop();
    throw err;
  }
}
