// A real Prometheus Alertmanager for tests (the Debian package prometheus-alertmanager, installed by
// ./sigap setup): a generated config whose only receiver is a webhook, a free port on 127.0.0.1, no
// clustering, storage in a temporary folder. Nothing is downloaded.
import fs from 'node:fs';
import path from 'node:path';
import { freePort } from '../../scripts/lib/ports.ts';
import { spawnProcess, type ManagedProcess } from '../../scripts/lib/processes.ts';
import { makeTempDir, removeTempDir } from './tmp.ts';

export const ALERTMANAGER_BIN = process.env.SIGAP_ALERTMANAGER_BIN ?? '/usr/bin/prometheus-alertmanager';

export interface AlertmanagerOptions {
  /** Where the webhook receiver posts, e.g. http://127.0.0.1:4000/api/v1/integrations/alertmanager. */
  webhookUrl: string;
  /** Sent as `Authorization: Bearer <credentials>` (a Sigap API key). */
  credentials: string;
  groupWait?: string;
  groupInterval?: string;
  repeatInterval?: string;
  readyTimeoutMs?: number;
}

export interface PostedAlert {
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  startsAt?: string;
  endsAt?: string;
  generatorURL?: string;
}

export interface TestAlertmanager {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  /** Milliseconds from spawn to /-/ready answering 200. */
  startupMs: number;
  /** POST /api/v2/alerts, as Prometheus does. */
  postAlerts(alerts: PostedAlert[]): Promise<void>;
  /** The alerts Alertmanager holds (GET /api/v2/alerts). */
  alerts(): Promise<Array<{ fingerprint: string; status: { state: string }; labels: Record<string, string> }>>;
  /** Alertmanager's own log so far. */
  log(): string;
  stop(): Promise<void>;
}

/** Fails (never skips) when the binary is missing: the alert-intake tests need the real thing. */
export function assertAlertmanagerInstalled(): void {
  try {
    fs.accessSync(ALERTMANAGER_BIN, fs.constants.X_OK);
  } catch {
    throw new Error(
      `Prometheus Alertmanager is not installed (${ALERTMANAGER_BIN} is missing). Run ./sigap setup as root: it installs the `
      + 'Debian package prometheus-alertmanager (apt-get install prometheus-alertmanager), which the alert-intake tests need.',
    );
  }
}

export async function startAlertmanager(options: AlertmanagerOptions): Promise<TestAlertmanager> {
  assertAlertmanagerInstalled();
  try {
    return await launch(options);
  } catch (err) {
    // The free port may have been taken between picking and binding: one more try.
    if (!/address already in use/i.test((err as Error).message)) throw err;
    return launch(options);
  }
}

async function launch(options: AlertmanagerOptions): Promise<TestAlertmanager> {
  const dir = makeTempDir('sigap-alertmanager-');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const configFile = path.join(dir, 'alertmanager.yml');
  const logFile = path.join(dir, 'alertmanager.log');
  // JSON is YAML: no YAML library needed.
  fs.writeFileSync(configFile, JSON.stringify({
    route: {
      receiver: 'sigap', group_by: ['alertname'],
      group_wait: options.groupWait ?? '1s', group_interval: options.groupInterval ?? '1s', repeat_interval: options.repeatInterval ?? '2s',
    },
    receivers: [{
      name: 'sigap',
      webhook_configs: [{ url: options.webhookUrl, send_resolved: true, http_config: { authorization: { type: 'Bearer', credentials: options.credentials } } }],
    }],
  }, null, 2));
  const started = Date.now();
  const proc: ManagedProcess = spawnProcess({
    name: 'alertmanager', command: ALERTMANAGER_BIN, logFile, killAfterMs: 3_000,
    args: [
      `--config.file=${configFile}`, `--storage.path=${path.join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=', `--web.external-url=${url}`, '--log.level=info',
    ],
  });
  const log = () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '');
  const stop = async () => {
    await proc.stop();
    removeTempDir(dir);
  };

  let exited = false;
  void proc.exited.then(() => { exited = true; });
  const deadline = started + (options.readyTimeoutMs ?? 20_000);
  for (;;) {
    if (exited) {
      const text = log();
      removeTempDir(dir);
      throw new Error(`Alertmanager exited before it was ready:\n${text.slice(-2000)}`);
    }
    try {
      const res = await fetch(`${url}/-/ready`);
      if (res.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      const text = log();
      await stop();
      throw new Error(`Alertmanager was not ready within ${options.readyTimeoutMs ?? 20_000} ms:\n${text.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const startupMs = Date.now() - started;

  return {
    url, startupMs, log, stop,
    async postAlerts(alerts) {
      const res = await fetch(`${url}/api/v2/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(alerts) });
      if (!res.ok) throw new Error(`Alertmanager refused the alerts: ${res.status} ${await res.text()}`);
    },
    async alerts() {
      const res = await fetch(`${url}/api/v2/alerts`);
      return (await res.json()) as Array<{ fingerprint: string; status: { state: string }; labels: Record<string, string> }>;
    },
  };
}
