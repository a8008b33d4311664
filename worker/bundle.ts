// A workflow bundle built ahead (Temporal's advice for production): every worker replica then starts in
// seconds instead of running webpack. The bundle names on its first line whether it holds the tracing
// interceptors, and a worker refuses one that does not match its own tracing setting.
//
//   scripts/node worker/bundle.ts dist/workflow-bundle.js [--tracing]   then SIGAP_WORKFLOW_BUNDLE_PATH=dist/workflow-bundle.js
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode } from '@temporalio/worker';

export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

/**
 * Workflow interceptor modules bundled with the workflows: with tracing, OpenTelemetry's (a span per workflow
 * run, update and activity start, exported through the worker's `exporter` sink).
 */
export function workflowInterceptorModules(tracing: boolean): string[] {
  return tracing ? [createRequire(import.meta.url).resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors')] : [];
}

const MARKER = /^\/\* sigap-workflow-bundle tracing=(0|1) \*\//;

/** Prefixes the marker on the first line (no new line: the source map's line numbers stay right). */
export function markWorkflowBundle(code: string, tracing: boolean): string {
  return `/* sigap-workflow-bundle tracing=${tracing ? 1 : 0} */${code}`;
}

export async function readWorkflowBundle(path: string, tracing: boolean): Promise<{ code: string }> {
  const code = await readFile(path, 'utf8');
  const marked = MARKER.exec(code)?.[1];
  if (marked === undefined) throw new Error(`${path} is not a Sigap workflow bundle (build it with: scripts/node worker/bundle.ts ${path}${tracing ? ' --tracing' : ''})`);
  if ((marked === '1') !== tracing) {
    throw new Error(`${path} was bundled ${marked === '1' ? 'with' : 'without'} the tracing interceptors but tracing is ${tracing ? 'on' : 'off'} (OTEL_EXPORTER_OTLP_ENDPOINT); rebuild it${tracing ? ' with --tracing' : ''}`);
  }
  return { code };
}

export async function buildWorkflowBundle(tracing: boolean): Promise<string> {
  const { code } = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, workflowInterceptorModules: workflowInterceptorModules(tracing) });
  return markWorkflowBundle(code, tracing);
}

if (import.meta.main) {
  const [out, flag] = process.argv.slice(2);
  if (!out || (flag !== undefined && flag !== '--tracing')) {
    process.stderr.write('usage: scripts/node worker/bundle.ts <out.js> [--tracing]\n');
    process.exit(2);
  }
  const path = resolve(out);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, await buildWorkflowBundle(flag === '--tracing'));
  process.stdout.write(`workflow bundle written to ${path}\n`);
}
