// Quiet Temporal SDK logging in tests: workers log every state change at INFO otherwise.
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { LogLevel } from '@temporalio/common';

/**
 * Installs the SDK Runtime with a logger at `level` (default: $SIGAP_TEST_LOG_LEVEL or WARN).
 * Does nothing if this test file already has a Runtime (installed, or created by a Worker/connection):
 * call it before creating workers or test environments. Returns true when it installed one.
 */
export function installTestRuntime(level?: LogLevel): boolean {
  if (Runtime._instance !== undefined) return false;
  const envLevel = process.env.SIGAP_TEST_LOG_LEVEL?.toUpperCase();
  const chosen: LogLevel = level ?? (isLogLevel(envLevel) ? envLevel : 'WARN');
  Runtime.install({ logger: new DefaultLogger(chosen) });
  return true;
}

function isLogLevel(value: string | undefined): value is LogLevel {
  return value === 'TRACE' || value === 'DEBUG' || value === 'INFO' || value === 'WARN' || value === 'ERROR';
}
