// The release steps that do real work: an HTTP call to a deployment system (pipeline trigger or
// webhook) with an idempotency key and a bounded wait for its result, and an HTTP health check that
// verifies an evaluation criterion. The protocol is the one documented in policy/releasePlan.ts.
//
// Failure semantics (what the workflow relies on):
// - a business failure (the job says "failed", a 4xx, no result within `waitSeconds`) is returned as
//   `{ outcome: 'failed' }` and never retried;
// - a transient failure (5xx, 408, 429, a network error, the trigger timing out) throws a retryable
//   `ApplicationFailure` of type `DeployStepTransient`; the workflow's retry policy (STEP_RETRY)
//   retries the activity with the same idempotency key, so the deployment system runs the job once.
// Inside an activity the step heartbeats while it waits (so a killed worker is noticed within the
// heartbeat timeout and the step retried elsewhere) and aborts its HTTP calls when cancelled; called
// outside an activity (unit tests, scripts) it runs the same code without heartbeats.
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { HttpCheckCriterion, HttpStepSpec, StepOutcome } from '../policy/releasePlan.ts';
import type { RunStepInput } from './types.ts';

export const TRANSIENT_STEP_ERROR = 'DeployStepTransient';
export const STEP_HOST_NOT_ALLOWED = 'DeployStepHostNotAllowed';

export interface StepDeps {
  /**
   * Hosts a step, a status URL or a health check may call (SIGAP_STEP_ALLOWED_HOSTS): exact host
   * names, `*.domain` for subdomains, optionally `:port`. null = any host (the default; set it in
   * production so that whoever may write a release plan cannot make Sigap call internal addresses).
   */
  allowedHosts: string[] | null;
  /** How often a running job is polled (default 1 s; the deployment system's Retry-After wins when shorter than the wait left). */
  pollIntervalMs?: number | undefined;
  /** Upper bound of one HTTP call of a health check (default 10 s). */
  checkTimeoutMs?: number | undefined;
  fetch?: typeof fetch | undefined;
}

/** Parses SIGAP_STEP_ALLOWED_HOSTS ("deploy.example.go.id, *.ci.example.go.id, 10.0.0.5:8080"); empty or unset = any host. */
export function parseAllowedHosts(value: string | undefined): string[] | null {
  const hosts = (value ?? '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean);
  return hosts.length ? hosts : null;
}

/** Why a URL may not be called by a step, or null when it may (http/https only; host on the allow-list when one is set). */
export function stepUrlRefusal(raw: string, allowedHosts: string[] | null): 'invalid_url' | 'scheme_not_allowed' | 'host_not_allowed' | null {
  let url: URL;
  try { url = new URL(raw); } catch { return 'invalid_url'; }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'scheme_not_allowed';
  if (!allowedHosts) return null;
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  const ok = allowedHosts.some((entry) => {
    const m = /^(.*?)(?::(\d+))?$/.exec(entry.replace(/^\[|\](?=:|$)/g, ''))!;
    const [pattern, wantPort] = [m[1]!, m[2]];
    if (wantPort && wantPort !== port) return false;
    return pattern.startsWith('*.') ? host.endsWith(pattern.slice(1)) : host === pattern;
  });
  return ok ? null : 'host_not_allowed';
}

/** The activity context when running inside one; null in unit tests and scripts. */
function currentContext(): Context | null {
  try { return Context.current(); } catch { return null; }
}

function heartbeat(details: unknown): void {
  currentContext()?.heartbeat(details);
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const t = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve(); }, Math.max(0, ms));
    const onAbort = () => { clearTimeout(t); reject(signal!.reason as Error); };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** What a deployment system said about a job. */
interface JobAnswer { status: string | null; statusUrl: string | null; externalId: string | null; message: string | null }

function readJob(json: unknown, location: string | null): JobAnswer {
  const o = json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : null);
  return {
    status: str(o.status)?.toLowerCase() ?? null,
    statusUrl: str(o.statusUrl) ?? location,
    externalId: str(o.jobId) ?? str(o.id) ?? null,
    message: str(o.message) ?? str(o.detail) ?? str(o.error) ?? null,
  };
}

async function readBody(res: Response): Promise<{ text: string; json: unknown }> {
  const text = await res.text().catch(() => '');
  try { return { text, json: text ? JSON.parse(text) : null }; } catch { return { text, json: null }; }
}

const isTransientStatus = (s: number) => s >= 500 || s === 408 || s === 429;

function transient(message: string, details: Record<string, unknown>): ApplicationFailure {
  return ApplicationFailure.create({ message, type: TRANSIENT_STEP_ERROR, nonRetryable: false, details: [details] });
}

function retryAfterMs(res: Response): number | null {
  const v = res.headers.get('retry-after');
  if (!v) return null;
  const seconds = Number(v);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(v);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : null;
}

export function createStepActivities(deps: StepDeps) {
  const doFetch = deps.fetch ?? fetch;
  const pollIntervalMs = deps.pollIntervalMs ?? 1_000;
  const checkTimeoutMs = deps.checkTimeoutMs ?? 10_000;

  /** fetch with the SSRF guard on every hop; redirects are followed (≤ 5) for GET only, each hop checked. */
  async function guardedFetch(url: string, init: RequestInit & { method: string }, timeoutMs: number, cancel: AbortSignal | undefined): Promise<Response> {
    let current = url;
    for (let hop = 0; hop <= 5; hop++) {
      const refusal = stepUrlRefusal(current, deps.allowedHosts);
      if (refusal) {
        throw ApplicationFailure.create({
          message: `Sigap may not call ${current} (${refusal}; see SIGAP_STEP_ALLOWED_HOSTS)`, type: STEP_HOST_NOT_ALLOWED, nonRetryable: true,
        });
      }
      const signal = cancel ? AbortSignal.any([cancel, AbortSignal.timeout(Math.max(1, timeoutMs))]) : AbortSignal.timeout(Math.max(1, timeoutMs));
      const res = await doFetch(current, { ...init, redirect: 'manual', signal });
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location && init.method === 'GET') {
        await res.body?.cancel().catch(() => undefined);
        current = new URL(location, current).toString();
        continue;
      }
      return res;
    }
    throw new Error(`too many redirects from ${url}`);
  }

  async function runStep(input: RunStepInput): Promise<StepOutcome> {
    const { step, idempotencyKey } = input;
    const ctx = currentContext();
    const cancel = ctx?.cancellationSignal;
    const deadline = Date.now() + step.waitSeconds * 1000;
    let calls = 0;
    const beat = (stage: string, extra: Record<string, unknown> = {}) => heartbeat({ stage, calls, idempotencyKey, ...extra });
    const failed = (detail: string, httpStatus: number | null, externalId: string | null): StepOutcome => ({ outcome: 'failed', detail, httpStatus, externalId, calls });

    beat('trigger');
    const headers: Record<string, string> = {
      accept: 'application/json', ...(step.request.headers ?? {}),
      'idempotency-key': idempotencyKey, 'x-sigap-release': input.releaseNumber, 'x-sigap-phase': input.phase,
    };
    const hasBody = step.request.method !== 'GET' && step.request.body !== undefined;
    if (hasBody) headers['content-type'] = 'application/json';

    let res: Response;
    try {
      calls++;
      res = await guardedFetch(step.request.url, { method: step.request.method, headers, ...(hasBody ? { body: JSON.stringify(step.request.body) } : {}) }, deadline - Date.now(), cancel);
    } catch (err) {
      if (err instanceof ApplicationFailure) throw err;
      if (cancel?.aborted) throw err;
      // A network error or a trigger that did not answer in time: retried with the same key.
      throw transient(`${step.request.method} ${step.request.url}: ${(err as Error).message ?? String(err)}`, { calls });
    }
    const { text, json } = await readBody(res);
    if (isTransientStatus(res.status)) {
      throw transient(`${step.request.method} ${step.request.url} answered ${res.status}: ${text.slice(0, 300)}`, { httpStatus: res.status, calls });
    }
    let job = readJob(json, res.headers.get('location') ? new URL(res.headers.get('location')!, step.request.url).toString() : null);
    if (res.status >= 300) {
      return failed(`${res.status}: ${job.message ?? (text.slice(0, 500) || res.statusText)}`, res.status, job.externalId);
    }
    let httpStatus = res.status;
    const pending = (j: JobAnswer, status: number) => j.status === 'queued' || j.status === 'running' || (status === 202 && j.status === null);

    while (pending(job, httpStatus)) {
      if (!job.statusUrl) return failed(`the deployment system answered ${job.status ?? httpStatus} without a statusUrl or Location to poll`, httpStatus, job.externalId);
      const left = deadline - Date.now();
      if (left <= 0) return failed(`no result within ${step.waitSeconds} s (last status: ${job.status ?? httpStatus})`, httpStatus, job.externalId);
      beat('waiting', { externalId: job.externalId, status: job.status });
      await sleep(Math.min(pollIntervalMs, left), cancel);
      if (deadline - Date.now() <= 0) return failed(`no result within ${step.waitSeconds} s (last status: ${job.status ?? httpStatus})`, httpStatus, job.externalId);
      const statusUrl = new URL(job.statusUrl, step.request.url).toString();
      let poll: Response;
      try {
        calls++;
        poll = await guardedFetch(statusUrl, { method: 'GET', headers: { accept: 'application/json', ...(step.request.headers ?? {}) } }, deadline - Date.now(), cancel);
      } catch (err) {
        if (err instanceof ApplicationFailure || cancel?.aborted) throw err;
        continue; // a lost poll: the job runs on; try again until the deadline
      }
      const polled = await readBody(poll);
      if (isTransientStatus(poll.status)) { await sleep(Math.min(retryAfterMs(poll) ?? 0, Math.max(0, deadline - Date.now())), cancel); continue; }
      if (poll.status >= 300) return failed(`status ${statusUrl} answered ${poll.status}: ${polled.text.slice(0, 300)}`, poll.status, job.externalId);
      const next = readJob(polled.json, null);
      job = { status: next.status, statusUrl: next.statusUrl ?? job.statusUrl, externalId: next.externalId ?? job.externalId, message: next.message ?? job.message };
      httpStatus = poll.status;
      if (next.status === null) return failed(`status ${statusUrl} answered without a status`, poll.status, job.externalId);
    }

    if (job.status === 'failed') return failed(job.message ?? 'the deployment system reported the job failed', httpStatus, job.externalId);
    if (job.status === 'succeeded' || job.status === null) {
      return { outcome: 'succeeded', detail: job.message ?? (job.status ? 'succeeded' : `accepted (${httpStatus})`), httpStatus, externalId: job.externalId, calls };
    }
    return failed(`unknown job status "${job.status}"`, httpStatus, job.externalId);
  }

  async function checkCriterion(input: { tenantId: string; caseId: string; criterion: HttpCheckCriterion }): Promise<StepOutcome> {
    const c = input.criterion;
    const cancel = currentContext()?.cancellationSignal;
    let last = '';
    let lastStatus: number | null = null;
    for (let attempt = 1; attempt <= Math.max(1, c.attempts); attempt++) {
      heartbeat({ criterion: c.id, attempt });
      try {
        const res = await guardedFetch(c.url, { method: 'GET', headers: { accept: '*/*', 'x-sigap-case': input.caseId } }, checkTimeoutMs, cancel);
        const body = await res.text().catch(() => '');
        lastStatus = res.status;
        const statusOk = res.status === (c.expectStatus ?? 200);
        const bodyOk = !c.bodyContains || body.includes(c.bodyContains);
        if (statusOk && bodyOk) return { outcome: 'succeeded', detail: `${res.status}${c.bodyContains ? `, contains "${c.bodyContains}"` : ''}`, httpStatus: res.status, externalId: null, calls: attempt };
        last = !statusOk ? `expected ${c.expectStatus ?? 200}, got ${res.status}` : `the response does not contain "${c.bodyContains}"`;
      } catch (err) {
        if (err instanceof ApplicationFailure || cancel?.aborted) throw err;
        last = `${c.url}: ${(err as Error).message ?? String(err)}`;
        lastStatus = null;
      }
      if (attempt < c.attempts) await sleep(c.intervalSeconds * 1000, cancel);
    }
    return { outcome: 'failed', detail: `${last} (after ${Math.max(1, c.attempts)} tries)`, httpStatus: lastStatus, externalId: null, calls: Math.max(1, c.attempts) };
  }

  return {
    runDeployStep: (input: RunStepInput) => runStep({ ...input, phase: 'deploy' }),
    runRollbackStep: (input: RunStepInput) => runStep({ ...input, phase: 'rollback' }),
    checkCriterion,
  };
}

/** The longest a health check can take: the workflow's startToCloseTimeout for checkCriterion must exceed it. */
export function criterionBudgetMs(c: HttpCheckCriterion, checkTimeoutMs = 10_000): number {
  return Math.max(1, c.attempts) * checkTimeoutMs + Math.max(0, c.attempts - 1) * c.intervalSeconds * 1000;
}

export type { HttpStepSpec };
