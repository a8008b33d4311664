// The Temporal client for the API: the embedded dev server by default, or any cluster / Temporal
// Cloud from TEMPORAL_ADDRESS with TLS and API-key settings.
import { readFile } from 'node:fs/promises';
import { Client, Connection } from '@temporalio/client';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry';
import type { TLSConfig } from '@temporalio/common/lib/internal-non-workflow/index.js';
import type { Config } from '../config/index.ts';
import { tracingEnabled } from '../observability/tracing.ts';

/** Options both the client `Connection` and the worker's `NativeConnection` accept. */
export interface TemporalConnectionOptions { address: string; tls?: TLSConfig; apiKey?: string }

export async function temporalConnectionOptions(config: Config): Promise<TemporalConnectionOptions> {
  const address = config.TEMPORAL_ADDRESS ?? `127.0.0.1:${config.SIGAP_TEMPORAL_PORT}`;
  // Any TLS setting (or an API key, which Temporal Cloud only takes over TLS) turns TLS on unless TEMPORAL_TLS says otherwise.
  const useTls = config.TEMPORAL_TLS ?? Boolean(config.TEMPORAL_API_KEY || config.TEMPORAL_TLS_CERT_PATH || config.TEMPORAL_TLS_CA_PATH || config.TEMPORAL_TLS_SERVER_NAME);
  const options: TemporalConnectionOptions = { address };
  if (useTls) {
    options.tls = {
      ...(config.TEMPORAL_TLS_SERVER_NAME ? { serverNameOverride: config.TEMPORAL_TLS_SERVER_NAME } : {}),
      ...(config.TEMPORAL_TLS_CA_PATH ? { serverRootCACertificate: await readFile(config.TEMPORAL_TLS_CA_PATH) } : {}),
      ...(config.TEMPORAL_TLS_CERT_PATH && config.TEMPORAL_TLS_KEY_PATH
        ? { clientCertPair: { crt: await readFile(config.TEMPORAL_TLS_CERT_PATH), key: await readFile(config.TEMPORAL_TLS_KEY_PATH) } }
        : {}),
    };
  }
  if (config.TEMPORAL_API_KEY) options.apiKey = config.TEMPORAL_API_KEY;
  return options;
}

export async function connectTemporal(config: Config): Promise<Client> {
  const connection = await Connection.connect(await temporalConnectionOptions(config));
  // With tracing on, starts, updates, signals and queries carry the request's trace context to the workflow.
  const interceptors = tracingEnabled(config) ? { workflow: [new OpenTelemetryWorkflowClientInterceptor()] } : {};
  return new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, interceptors });
}
