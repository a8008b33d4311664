// A small real HTTP service standing in for a deployment system (a CI/CD pipeline trigger or a
// webhook) and for the health endpoints that verify a release. It speaks the protocol of
// policy/releasePlan.ts, honours Idempotency-Key (one execution per key, later calls with the key
// see the same job) and counts everything: calls per step, executions per step and per key, polls,
// health checks. Each step's behaviour is programmable and can be changed while a test runs
// ("fixing the target").
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StepBehaviour {
  /** sync: 200 with the result; async: 202 queued + statusUrl, polled; webhook: 200 without a status. Default sync. */
  mode?: 'sync' | 'async' | 'webhook';
  /** The job's result (default succeeded). */
  result?: 'succeeded' | 'failed';
  /** async: polls answered "running" before the result (default 1). */
  runningPolls?: number;
  /** async: the job stays running until `release(step)`. */
  hold?: boolean;
  /** Answer 503 this many times before accepting the call (nothing executes). */
  transientFailures?: number;
  /** Execute, then answer 500 this many times (a retry with the same key must see the job, not run it again). */
  failAfterExecute?: number;
  /** Answer this 4xx status (nothing executes). */
  rejectStatus?: number;
  /** Wait this long before answering the trigger. */
  delayMs?: number;
  /** Message of the result. */
  message?: string;
  /** async: answer this statusUrl instead of the target's own /jobs/<id> (e.g. another host). */
  statusUrl?: string;
}

export interface HealthBehaviour {
  status: number;
  body?: string;
  /** Statuses answered first, one per call, before `status`. */
  sequence?: number[];
}

interface Job { id: string; step: string; key: string; result: 'succeeded' | 'failed'; pollsLeft: number; held: boolean; message: string; statusUrl: string | null }

export interface TriggerCall { seq: number; step: string; method: string; key: string | null; release: string | null; phase: string | null; body: unknown; headers: Record<string, string | string[] | undefined> }

export interface DeployTarget {
  url: string;
  /** URL of a step's trigger. */
  stepUrl(step: string): string;
  healthUrl(name: string): string;
  program(step: string, behaviour: StepBehaviour): void;
  health(name: string, behaviour: HealthBehaviour): void;
  /** Lets a held async job finish (with its programmed result, or the one given). */
  release(step: string, result?: 'succeeded' | 'failed'): void;
  /** Every trigger call to a step (retries included). */
  calls(step: string): TriggerCall[];
  /** How many times a step actually ran (new idempotency keys). */
  executions(step: string): number;
  /** Executions per idempotency key (each should be 1). */
  executionsByKey(): Map<string, number>;
  polls(step: string): number;
  healthCalls(name: string): number;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return undefined;
  try { return JSON.parse(text); } catch { return text; }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json', ...headers });
  res.end(text);
}

export async function startDeployTarget(): Promise<DeployTarget> {
  const programs = new Map<string, StepBehaviour>();
  const healths = new Map<string, HealthBehaviour & { queue: number[] }>();
  const triggerCalls = new Map<string, TriggerCall[]>();
  const execs = new Map<string, number>();
  const execsByKey = new Map<string, number>();
  const pollCounts = new Map<string, number>();
  const healthCounts = new Map<string, number>();
  const jobs = new Map<string, Job>();
  const jobByKey = new Map<string, Job>();
  const transientLeft = new Map<string, number>();
  const afterExecuteLeft = new Map<string, number>();
  let nextJob = 1;
  let callSeq = 0;
  let base = '';

  const jobAnswer = (job: Job) => {
    if (job.held || job.pollsLeft > 0) return { status: 'running', jobId: job.id, statusUrl: job.statusUrl ?? `/jobs/${job.id}` };
    return { status: job.result, jobId: job.id, message: job.message };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', base);
    const body = await readBody(req);
    const stepMatch = /^\/steps\/([^/]+)$/.exec(url.pathname);
    if (stepMatch) {
      const step = decodeURIComponent(stepMatch[1]!);
      const b = programs.get(step) ?? {};
      const key = (req.headers['idempotency-key'] as string | undefined) ?? null;
      const call: TriggerCall = {
        seq: ++callSeq, step, method: req.method ?? 'GET', key, release: (req.headers['x-sigap-release'] as string | undefined) ?? null,
        phase: (req.headers['x-sigap-phase'] as string | undefined) ?? null, body, headers: req.headers,
      };
      triggerCalls.set(step, [...(triggerCalls.get(step) ?? []), call]);
      if (b.delayMs) await new Promise((r) => setTimeout(r, b.delayMs));
      if (b.rejectStatus) return send(res, b.rejectStatus, { message: `rejected by the deployment system (${b.rejectStatus})` });
      const transient = transientLeft.get(step) ?? b.transientFailures ?? 0;
      if (transient > 0) { transientLeft.set(step, transient - 1); return send(res, 503, 'upstream unavailable'); }
      if (!key) return send(res, 400, { message: 'Idempotency-Key required' });
      let job = jobByKey.get(key);
      if (!job) {
        job = {
          id: `job-${nextJob++}`, step, key, result: b.result ?? 'succeeded', message: b.message ?? `${step} ${b.result ?? 'succeeded'}`,
          pollsLeft: b.mode === 'async' ? (b.runningPolls ?? 1) : 0, held: b.mode === 'async' && Boolean(b.hold), statusUrl: b.statusUrl ?? null,
        };
        jobs.set(job.id, job);
        jobByKey.set(key, job);
        execs.set(step, (execs.get(step) ?? 0) + 1);
        execsByKey.set(key, (execsByKey.get(key) ?? 0) + 1);
        afterExecuteLeft.set(key, b.failAfterExecute ?? 0);
      }
      const failLeft = afterExecuteLeft.get(key) ?? 0;
      if (failLeft > 0) { afterExecuteLeft.set(key, failLeft - 1); return send(res, 500, 'internal error after accepting the job'); }
      if (b.mode === 'webhook') return send(res, 200, { accepted: true });
      if (b.mode === 'async') {
        const answer = jobAnswer(job);
        return send(res, answer.status === 'running' ? 202 : 200, answer.status === 'running' ? { ...answer, status: 'queued' } : answer);
      }
      return send(res, 200, jobAnswer(job));
    }
    const jobMatch = /^\/jobs\/([^/]+)$/.exec(url.pathname);
    if (jobMatch) {
      const job = jobs.get(jobMatch[1]!);
      if (!job) return send(res, 404, { message: 'unknown job' });
      pollCounts.set(job.step, (pollCounts.get(job.step) ?? 0) + 1);
      const answer = jobAnswer(job);
      if (!job.held && job.pollsLeft > 0) job.pollsLeft--;
      return send(res, 200, answer);
    }
    const healthMatch = /^\/health\/([^/]+)$/.exec(url.pathname);
    if (healthMatch) {
      const name = decodeURIComponent(healthMatch[1]!);
      healthCounts.set(name, (healthCounts.get(name) ?? 0) + 1);
      const h = healths.get(name);
      if (!h) return send(res, 404, 'no such health endpoint');
      const status = h.queue.length ? h.queue.shift()! : h.status;
      return send(res, status, h.body ?? (status === 200 ? 'OK' : 'DOWN'));
    }
    send(res, 404, { message: 'not found' });
  };

  const server: Server = createServer((req, res) => { handle(req, res).catch((err) => send(res, 500, String(err))); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    stepUrl: (step) => `${base}/steps/${encodeURIComponent(step)}`,
    healthUrl: (name) => `${base}/health/${encodeURIComponent(name)}`,
    program(step, behaviour) { programs.set(step, behaviour); transientLeft.delete(step); },
    health(name, behaviour) { healths.set(name, { ...behaviour, queue: [...(behaviour.sequence ?? [])] }); },
    release(step, result) {
      for (const job of jobs.values()) if (job.step === step && job.held) { job.held = false; job.pollsLeft = 0; if (result) job.result = result; }
    },
    calls: (step) => triggerCalls.get(step) ?? [],
    executions: (step) => execs.get(step) ?? 0,
    executionsByKey: () => new Map(execsByKey),
    polls: (step) => pollCounts.get(step) ?? 0,
    healthCalls: (name) => healthCounts.get(name) ?? 0,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
