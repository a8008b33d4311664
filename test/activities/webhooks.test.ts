// The webhook delivery activity checks the destination again when it sends: narrowing
// WEBHOOK_ALLOWED_HOSTS stops existing subscriptions to hosts no longer allowed, without a request.
import type { MikroORM } from '@mikro-orm/postgresql';
import { jest } from '@jest/globals';
import { createWebhookActivities } from '../../activities/webhooks.ts';
import { closeDatabase, openDatabase } from '../../db/orm.ts';
import { seedTenant } from '../../db/seed.ts';
import { startTestPostgres, type TestPostgres } from '../db/pg.ts';

let pg: TestPostgres;
let orm: MikroORM;
const sql = <T>(q: string, params: unknown[] = []) => orm.em.fork().execute<T[]>(q, params);

beforeAll(async () => {
  pg = await startTestPostgres();
  orm = await openDatabase(pg.url);
  await seedTenant(orm, { tenantId: 'serang', name: 'Pemerintah serang', profileId: 'serang', timezone: 'Asia/Jakarta', catalogue: [], users: [] });
}, 60_000);

afterAll(async () => {
  if (orm) await closeDatabase(orm);
  await pg?.cleanup();
});

async function delivery(url: string): Promise<string> {
  const [sub] = await sql<{ id: string }>(
    `insert into webhook_subscription (id, tenant_id, url, case_types, events, secret, created_by)
     values (gen_random_uuid(), 'serang', ?, '{}', '{}', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'admin') returning id`, [url]);
  const [row] = await sql<{ id: string }>(
    `insert into webhook_delivery (id, tenant_id, subscription_id, case_id, event_seq, event_type, payload, next_attempt_at)
     values (gen_random_uuid(), 'serang', ?, gen_random_uuid(), 1, 'case.started', '{}'::jsonb, now()) returning id`, [sub!.id]);
  return row!.id;
}

test('a destination no longer allowed is not called; the delivery fails with the reason', async () => {
  const fetchImpl = jest.fn<typeof fetch>(async () => new Response(null, { status: 200 }));
  const acts = createWebhookActivities(orm, { allowedHosts: ['hooks.example.go.id'], fetchImpl });
  const refused = await delivery('http://127.0.0.1:9/hook');
  expect(await acts.deliverWebhook(refused)).toBe('skipped');
  expect(fetchImpl).not.toHaveBeenCalled();
  expect(await sql(`select status, last_error, attempts from webhook_delivery where id = ?`, [refused]))
    .toEqual([{ status: 'failed', last_error: 'destination no longer allowed (WEBHOOK_ALLOWED_HOSTS)', attempts: 0 }]);

  const allowed = await delivery('https://hooks.example.go.id/sigap');
  expect(await acts.deliverWebhook(allowed)).toBe('delivered');
  expect(fetchImpl).toHaveBeenCalledTimes(1);
  expect(await acts.deliverWebhook(allowed)).toBe('already_delivered'); // a retry after the 2xx sends nothing
  expect(fetchImpl).toHaveBeenCalledTimes(1);
}, 30_000);

test('a 2xx whose recording meets a database restart is recorded once the database is back, not POSTed again', async () => {
  const fetchImpl = jest.fn<typeof fetch>(async () => new Response(null, { status: 204 }));
  // The database refuses the first two writes after the POST, as during a restart, then answers again.
  let refusals = 2;
  const flaky = {
    em: {
      fork: () => {
        const em = orm.em.fork();
        return {
          execute: (q: string, params?: unknown[]) => {
            if (q.startsWith('update webhook_delivery set attempts') && refusals-- > 0) return Promise.reject(new Error('Connection terminated unexpectedly'));
            return em.execute(q, params);
          },
        };
      },
    },
  } as unknown as MikroORM;
  const acts = createWebhookActivities(flaky, { fetchImpl });
  const id = await delivery('http://127.0.0.1:9/restart');
  expect(await acts.deliverWebhook(id)).toBe('delivered');
  expect(fetchImpl).toHaveBeenCalledTimes(1);
  expect(refusals).toBeLessThan(0);
  const [row] = await sql<{ status: string; attempts: number }>('select status, attempts from webhook_delivery where id = ?', [id]);
  expect(row).toEqual({ status: 'delivered', attempts: 1 });
  // A retry of the activity (Temporal's, after a lost completion) sends nothing.
  expect(await acts.deliverWebhook(id)).toBe('already_delivered');
  expect(fetchImpl).toHaveBeenCalledTimes(1);
});
