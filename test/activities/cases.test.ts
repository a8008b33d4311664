// recordTransitions against a real PostgreSQL: several events of one case in one transaction, with the
// idempotency, hash chain, case row and webhook outbox of recordTransition (a folded reminder goes with
// the notice it folded into; workflows/caseEffects.ts).
import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { eventHash } from '../../activities/audit.ts';
import { createCaseActivities } from '../../activities/cases.ts';
import type { RecordTransitionInput } from '../../activities/types.ts';
import { verifyAuditTrail } from '../../db/auditVerify.ts';
import { closeDatabase, openDatabase } from '../../db/orm.ts';
import { seedTenant } from '../../db/seed.ts';
import { startTestPostgres, type TestPostgres } from '../db/pg.ts';

let pg: TestPostgres;
let orm: MikroORM;
let acts: ReturnType<typeof createCaseActivities>;
const sql = <T>(q: string, params: unknown[] = []) => orm.em.fork().execute<T[]>(q, params);
const T0 = Date.parse('2026-12-04T11:00:00Z'); // Friday 18:00 WIB: the reminders wait for Monday, the breach does not

beforeAll(async () => {
  pg = await startTestPostgres();
  orm = await openDatabase(pg.url);
  await seedTenant(orm, { tenantId: 'serang', name: 'Pemerintah serang', profileId: 'serang', timezone: 'Asia/Jakarta', catalogue: [], users: [] });
  // One subscription to every event: each recorded event queues one delivery.
  await sql(`insert into webhook_subscription (id, tenant_id, url, case_types, events, secret, created_by)
     values (gen_random_uuid(), 'serang', 'https://hooks.example.go.id/sigap', '{}', '{}', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'admin')`);
  acts = createCaseActivities(orm);
}, 60_000);

afterAll(async () => {
  if (orm) await closeDatabase(orm);
  await pg?.cleanup();
});

/** A request case with its intake row and event 0, as the API writes them (db/intake.ts). */
async function newCase(): Promise<string> {
  const caseId = randomUUID();
  const at = new Date(T0).toISOString();
  const payload = { title: 'Pembuatan akun e-mail' };
  await sql(
    `insert into sigap_case (id, tenant_id, case_type, number, workflow_id, title, state, requester_username, data, last_seq, created_at, updated_at)
     values (?, 'serang', 'request', ?, ?, 'Pembuatan akun e-mail', 'submitted', 'pemohon', '{}'::jsonb, 0, ?, ?)`,
    [caseId, `REQ-${caseId.slice(0, 8)}`, `request:serang:${caseId}`, at, at]);
  await sql(`insert into case_event (case_id, seq, at, actor, actor_role, action, payload, prev_hash, hash) values (?, 0, ?, 'pemohon', 'requester', 'submitted', ?::jsonb, null, ?)`,
    [caseId, at, JSON.stringify(payload), eventHash(null, { caseId, seq: 0, at, actor: 'pemohon', actorRole: 'requester', action: 'submitted', payload })]);
  return caseId;
}

function event(caseId: string, seq: number, action: string, payload: Record<string, unknown>, breached = false): RecordTransitionInput {
  return {
    caseId, tenantId: 'serang', seq, at: T0 + 3 * 3_600_000, actor: 'system', actorRole: null, action, payload,
    snapshot: {
      state: 'in_fulfilment', priority: 'high', assignee: 'teknis', waitingFor: [], sla: [{ seq }], dueAt: null, breached, slaMet: breached ? false : null,
      closedAt: null, data: { lastSeq: seq }, links: [],
    },
  };
}

/** The three reminders of a 3-hour target folded into its breach (seq 1–4), as the request workflow sends them. */
function foldsAndBreach(caseId: string): RecordTransitionInput[] {
  const fold = (seq: number, threshold: string) => event(caseId, seq, 'reminder_folded', { threshold, into: 'breach', dueAt: '2026-12-04T12:30:00.000Z', sendAt: '2026-12-07T00:30:00.000Z' });
  return [fold(1, 'warning-500'), fold(2, 'warning-750'), fold(3, 'warning-900'), event(caseId, 4, 'sla_breached', { escalatedTo: 'service_coordinator', targetMs: 10_800_000 }, true)];
}

/** Everything the activity writes for a case: its events, its row and its queued deliveries. */
async function written(caseId: string) {
  return {
    events: await sql<{ seq: number; action: string; prev_hash: string | null; hash: string }>('select seq, action, payload, prev_hash, hash from case_event where case_id = ? order by seq', [caseId]),
    row: (await sql<Record<string, unknown>>('select state, breached, sla_met, sla, data, last_seq, updated_at from sigap_case where id = ?', [caseId]))[0],
    deliveries: await sql<{ event_seq: number; event_type: string }>('select event_seq, event_type, payload from webhook_delivery where case_id = ? order by event_seq', [caseId]),
  };
}

async function chainBreaks(caseId: string) {
  return (await verifyAuditTrail(orm.em.fork(), { caseId })).breaks;
}

test('several events of a case are recorded in one call, in seq order, chained, with the case row and the webhook outbox', async () => {
  const caseId = await newCase();
  await acts.recordTransitions(foldsAndBreach(caseId).reverse()); // given in any order, recorded in seq order
  const w = await written(caseId);
  expect(w.events.map((e) => [e.seq, e.action])).toEqual([[0, 'submitted'], [1, 'reminder_folded'], [2, 'reminder_folded'], [3, 'reminder_folded'], [4, 'sla_breached']]);
  w.events.slice(1).forEach((e, i) => expect(e.prev_hash).toBe(w.events[i]!.hash));
  expect(await chainBreaks(caseId)).toEqual([]);
  // The last snapshot wins.
  expect(w.row).toMatchObject({ state: 'in_fulfilment', breached: true, sla_met: false, sla: [{ seq: 4 }], data: { lastSeq: 4 }, last_seq: 4 });
  expect(w.deliveries.map((d) => [d.event_seq, d.event_type])).toEqual([[1, 'reminder_folded'], [2, 'reminder_folded'], [3, 'reminder_folded'], [4, 'sla_breached']]);
}, 30_000);

test('a retry of the same call (its completion was lost) changes nothing', async () => {
  const caseId = await newCase();
  await acts.recordTransitions(foldsAndBreach(caseId));
  const before = await written(caseId);
  await acts.recordTransitions(foldsAndBreach(caseId));
  expect(await written(caseId)).toEqual(before);
  expect(await chainBreaks(caseId)).toEqual([]);
}, 30_000);

test('after a partial earlier attempt (the first event already recorded) the call records the rest', async () => {
  const caseId = await newCase();
  const events = foldsAndBreach(caseId);
  await acts.recordTransition(events[0]!);
  const [first] = (await written(caseId)).events.slice(1);
  await acts.recordTransitions(events);
  const w = await written(caseId);
  expect(w.events.map((e) => e.seq)).toEqual([0, 1, 2, 3, 4]);
  expect(w.events[1]).toEqual(first); // kept as it was
  expect(w.row).toMatchObject({ breached: true, last_seq: 4 });
  expect(w.deliveries.map((d) => d.event_seq)).toEqual([1, 2, 3, 4]); // event 1 queued once
  expect(await chainBreaks(caseId)).toEqual([]);
}, 30_000);

test('one transaction: a call whose later event cannot be chained writes none of its events', async () => {
  const caseId = await newCase();
  const [e1, , e3] = foldsAndBreach(caseId);
  await expect(acts.recordTransitions([e1!, e3!])).rejects.toMatchObject({ type: 'EventGap' });
  expect(await written(caseId)).toMatchObject({ events: [{ seq: 0 }], row: { last_seq: 0 }, deliveries: [] });
  await expect(acts.recordTransitions([e1!, event('00000000-0000-0000-0000-000000000001', 2, 'x', {})])).rejects.toMatchObject({ type: 'MixedCases' });
  expect((await written(caseId)).events).toHaveLength(1);
}, 30_000);

test('the batch writes what one recordTransition per event writes', async () => {
  const [batched, single] = [await newCase(), await newCase()];
  await acts.recordTransitions(foldsAndBreach(batched));
  for (const e of foldsAndBreach(single)) await acts.recordTransition(e);
  // Hashes and webhook payloads name the case; the rest must be equal.
  const comparable = async (caseId: string) => {
    const w = await written(caseId);
    const [row] = await sql<{ number: string }>('select number from sigap_case where id = ?', [caseId]);
    const number = row!.number;
    const anonymous = (v: unknown) => JSON.parse(JSON.stringify(v).replaceAll(caseId, 'CASE').replaceAll(number, 'NUMBER')) as unknown;
    return { events: w.events.map(({ hash: _h, prev_hash: _p, ...e }) => e), row: w.row, deliveries: anonymous(w.deliveries) };
  };
  expect(await comparable(batched)).toEqual(await comparable(single));
}, 30_000);
