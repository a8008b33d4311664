// Sends a FuzzRequest to the API as its principal and keeps what the checks need (status, problem code).
import type { FuzzRequest, Principal } from './requests.ts';

export interface Sent { request: FuzzRequest; status: number; code?: string; detail?: string }

export type Credentials = (principal: Principal) => Promise<Record<string, string>>;

export async function send(baseUrl: string, request: FuzzRequest, credentials: Credentials): Promise<Sent> {
  let body: RequestInit['body'];
  const headers: Record<string, string> = { ...(await credentials(request.principal)), ...request.headers };
  if (typeof request.body === 'string') {
    body = request.body;
  } else if (request.body) {
    const form = new FormData();
    for (const [k, v] of request.body.multipart) form.append(k, v);
    if (request.body.file !== undefined) form.append('file', new Blob([Buffer.from(request.body.file, 'latin1')]), 'berkas.bin');
    body = form;
  }
  let res: Response | undefined;
  let text = '';
  for (let attempt = 1; !res; attempt++) {
    try {
      res = await fetch(`${baseUrl}/api/v1${request.url}`, { method: request.method, headers, body, signal: AbortSignal.timeout(90_000) });
      text = await res.text();
    } catch (err) {
      const cause = (err as { cause?: Error }).cause;
      if (/header/i.test(`${(err as Error).message} ${String(cause?.message)}`)) throw err; // fetch refused to send it
      // A kept-alive socket the server had just closed (after a 413 or 431) resets once; a second failure is the server's.
      if (attempt >= 2) return { request, status: 0, code: 'connection_failed', detail: `${(err as Error).message}: ${String(cause?.message ?? cause)}` };
      res = undefined;
    }
  }
  let parsed: { code?: string; detail?: string } = {};
  try { parsed = JSON.parse(text) as typeof parsed; } catch { /* not JSON (a report, an HTML page) */ }
  return { request, status: res.status, ...(typeof parsed?.code === 'string' ? { code: parsed.code } : {}), ...(typeof parsed?.detail === 'string' ? { detail: parsed.detail } : {}) };
}

/** One line per request, short enough to read in a failure message. */
export function describeSent(s: Sent): string {
  const body = typeof s.request.body === 'string' ? s.request.body.slice(0, 160) : s.request.body ? JSON.stringify(s.request.body).slice(0, 160) : '';
  return `${s.status} ${s.code ?? ''} ${s.request.method} ${s.request.url.slice(0, 200)} as ${s.request.principal} ${JSON.stringify(s.request.headers).slice(0, 160)} ${body}`;
}
