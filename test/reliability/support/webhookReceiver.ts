// A real HTTP receiver for Sigap's outbound webhooks that counts every delivery by its `webhook-id`
// (Standard Webhooks: the same id on every retry and redelivery) and keeps the message of each id.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WebhookMessage { type: string; data: { caseId: string; seq: number; event: string } }

export interface WebhookReceiver {
  url: string;
  /** Deliveries received per webhook-id (each answered 200). */
  counts(): Map<string, number>;
  /** The message of each webhook-id (the first copy). */
  messages(): Map<string, WebhookMessage>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const counts = new Map<string, number>();
  const messages = new Map<string, WebhookMessage>();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => { body += c; });
    req.on('end', () => {
      const id = String(req.headers['webhook-id']);
      counts.set(id, (counts.get(id) ?? 0) + 1);
      if (!messages.has(id)) messages.set(id, JSON.parse(body) as WebhookMessage);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sigap-hook`,
    counts: () => new Map(counts),
    messages: () => new Map(messages),
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
