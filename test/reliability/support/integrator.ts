// How an integrator talks to Sigap when its processes may die at any moment: every POST carries an
// Idempotency-Key, and a call whose connection was refused or cut, or that got a 5xx, is sent again with
// the same key until it gets an answer. The log keeps what the test needs afterwards: the id of every
// 201, every key used per action, and which calls lost a connection on the way.
import { randomUUID } from 'node:crypto';

export interface Answer { status: number; body: any }

export interface CallRecord {
  who: string; method: string; path: string; key: string | null;
  status: number; body: any;
  /** Attempts that got no HTTP answer (refused, cut) or a 5xx before the final answer. */
  failedAttempts: number;
}

export interface Integrator {
  /** Sends until an answer below 500 arrives (same Idempotency-Key on every attempt); throws after `deadlineMs`. */
  send(who: string, method: string, path: string, body?: unknown, options?: { key?: string; tenant?: string }): Promise<Answer>;
  /** Every call that got its final answer, in order. */
  log: CallRecord[];
  /** The ids in the 201 answers to POSTs on these paths (the endpoints that open cases). */
  accepted(paths: string[]): string[];
}

export interface IntegratorOptions {
  baseUrl: string;
  token(username: string, tenant?: string): Promise<string>;
  /** Per attempt: an action may wait while the worker or PostgreSQL is down. */
  attemptTimeoutMs?: number;
  deadlineMs?: number;
}

export function createIntegrator(options: IntegratorOptions): Integrator {
  const attemptTimeoutMs = options.attemptTimeoutMs ?? 90_000;
  const deadlineMs = options.deadlineMs ?? 300_000;
  const log: CallRecord[] = [];
  return {
    log,
    accepted: (paths) => log.filter((c) => c.status === 201 && c.method === 'POST' && paths.includes(c.path)).map((c) => c.body.id as string),
    async send(who, method, path, body, { key, tenant } = {}) {
      const idempotencyKey = method === 'GET' ? null : (key ?? randomUUID());
      const deadline = Date.now() + deadlineMs;
      let failedAttempts = 0;
      let lastProblem = '';
      while (Date.now() < deadline) {
        try {
          const res = await fetch(`${options.baseUrl}/api/v1${path}`, {
            method,
            headers: {
              authorization: `Bearer ${await options.token(who, tenant)}`,
              ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
              ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
            },
            ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
            signal: AbortSignal.timeout(attemptTimeoutMs),
          });
          const text = await res.text();
          let parsed: unknown = text;
          try { parsed = text ? JSON.parse(text) : undefined; } catch { /* not JSON */ }
          if (res.status < 500) {
            log.push({ who, method, path, key: idempotencyKey, status: res.status, body: parsed, failedAttempts });
            return { status: res.status, body: parsed };
          }
          lastProblem = `HTTP ${res.status} ${text.slice(0, 300)}`;
        } catch (err) {
          lastProblem = `${(err as Error).name}: ${(err as Error).message}`;
        }
        failedAttempts++;
        await new Promise((r) => setTimeout(r, 300));
      }
      throw new Error(`${method} ${path} as ${who} got no answer below 500 within ${deadlineMs} ms (last: ${lastProblem})`);
    },
  };
}
