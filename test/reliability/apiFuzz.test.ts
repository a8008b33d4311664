// Issue 10 item 3: fuzz the API from its own OpenAPI document. Every operation gets a fixed set of malformed
// requests (broken JSON, wrong content types, huge and odd headers, bad Idempotency-Keys, odd path parameters),
// then fast-check generates requests from the operation schemas (valid-ish and broken) as every kind of caller.
// Checked: no answer is a 5xx, and a refused request (4xx) changes nothing in the database — a fingerprint of
// every table is taken before and after each refused request. `SIGAP_RELIABILITY=full` runs many more.
import fc from 'fast-check';
import { changedTables, settled, snapshot, type DbSnapshot } from './fuzz/dbSnapshot.ts';
import { operationsOf, type OpenApiDoc, type Operation } from './fuzz/operations.ts';
import { malformedRequests, requestArb, type Fixtures, type FuzzRequest } from './fuzz/requests.ts';
import { describeSent, send, type Sent } from './fuzz/send.ts';
import { useTestSystem } from './../support/system.ts';

const FULL = process.env.SIGAP_RELIABILITY === 'full';
const system = useTestSystem();

const USERS = ['pemohon', 'pemohon2', 'pengelola', 'teknis', 'penyedia', 'koordinator', 'pemulihan', 'kadis', 'admin'];
let doc: OpenApiDoc;
let operations: Operation[];
let fixtures: Fixtures;
let apiKey: string;
let baseline: DbSnapshot;
const serverErrors: Sent[] = [];
const changedByRefused: Array<{ sent: Sent; tables: string[] }> = [];
let refusedChecked = 0;
let sentCount = 0;
const startedAt = Date.now();

const credentials = async (principal: string): Promise<Record<string, string>> => {
  if (principal === 'anon') return {};
  if (principal === 'badtoken') return { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.' };
  if (principal === 'apikey') return { authorization: `Bearer ${apiKey}` };
  return { authorization: `Bearer ${await system().token(principal)}` };
};

const refused = (s: Sent) => s.status >= 400 && s.status < 500;
// A dropped connection (status 0) is treated like an accepted change: the database is settled afterwards.
const mayHaveChanged = (s: Sent) => !refused(s) && s.request.method !== 'GET';

async function sendAll(requests: FuzzRequest[]): Promise<Sent[]> {
  const out: Sent[] = [];
  for (const request of requests) {
    try {
      out.push(await send(system().baseUrl, request, credentials));
    } catch (err) {
      // fetch itself refuses a header value it cannot send: nothing reached the API.
      if (/header/i.test(`${(err as Error).message} ${String((err as { cause?: Error }).cause?.message)}`)) continue;
      throw err;
    }
  }
  sentCount += out.length;
  serverErrors.push(...out.filter((s) => s.status >= 500 || s.status === 0));
  return out;
}

/** The refused requests of a batch whose database fingerprint changed, one at a time, to name the culprit. */
async function blame(requests: Sent[]): Promise<void> {
  baseline = await settled(system().orm);
  let named = false;
  for (const one of requests) {
    const [again] = await sendAll([one.request]);
    const after = await settled(system().orm);
    const tables = changedTables(baseline, after);
    if (again && refused(again) && tables.length > 0) {
      changedByRefused.push({ sent: again, tables });
      named = true;
    }
    baseline = after;
  }
  if (!named) changedByRefused.push({ sent: requests[0]!, tables: ['(the batch of this request changed the database; no single request did again)'] });
}

/** Checks that the refused requests of `sent` left the database as `before`; the fingerprint is taken once per batch. */
async function checkUnchanged(before: DbSnapshot, sent: Sent[]): Promise<void> {
  const after = await snapshot(system().orm);
  if (changedTables(before, after).length > 0) {
    await blame(sent.filter(refused));
    return;
  }
  refusedChecked += sent.filter(refused).length;
  baseline = after;
}

/**
 * Sends a batch one request at a time and checks the refused ones changed nothing: one fingerprint before and one
 * after. When the batch also held an accepted change, the refused requests are sent again, on their own, once the
 * workflows the accepted ones started have settled, and checked then.
 */
async function run(requests: FuzzRequest[]): Promise<void> {
  const sent = await sendAll(requests);
  if (!sent.some(mayHaveChanged)) return checkUnchanged(baseline, sent);
  baseline = await settled(system().orm);
  const retry = sent.filter(refused).map((s) => s.request);
  if (retry.length === 0) return;
  const again = await sendAll(retry);
  if (again.some(mayHaveChanged)) {
    baseline = await settled(system().orm); // refused before, accepted now (the state moved on): not checkable
    return;
  }
  return checkUnchanged(baseline, again);
}

function report(): string {
  const lines = [
    ...serverErrors.slice(0, 30).map((s) => `${s.status === 0 ? 'connection failed' : '5xx'}: ${describeSent(s)} ${s.detail ?? ''}`),
    ...changedByRefused.slice(0, 30).map((c) => `refused but changed ${c.tables.join(', ')}: ${describeSent(c.sent)}`),
  ];
  return lines.join('\n');
}

beforeAll(async () => {
  doc = (await system().call(null, 'GET', '/api/v1/openapi.json')).body as OpenApiDoc;
  operations = operationsOf(doc);
  const key = await system().call('admin', 'POST', '/api/v1/api-keys', { name: 'Fuzz', scopes: ['*'], roles: ['service_desk'] });
  apiKey = key.body.key as string;
  const request = (await system().call('pemohon', 'POST', '/api/v1/requests', { catalogueItem: 'HOSTING-APP', title: 'Hosting aplikasi fuzz', description: 'VM kecil' })).body;
  const incident = (await system().call('pengelola', 'POST', '/api/v1/incidents', { service: 'PERIZINAN-ONLINE', category: 'Lambat', symptoms: 'Lambat sekali', impact: 'minor', reporter: 'pemohon' })).body;
  await system().started(request.id);
  await system().started(incident.id);
  fixtures = {
    id: [request.id, incident.number, key.body.id, '00000000-0000-4000-8000-000000000000'],
    code: ['TIDAK-ADA', 'PERIZINAN-ONLINE', 'AKUN-EMAIL', 'RESTART-APP'],
    service: ['PERIZINAN-ONLINE', 'SIMPEG'],
    formulir: ['a', 'b', 'd', 'e', 'f', 'i', 'bast', 'management-review', 'improvement-register'],
    name: ['letterhead', 'signatures', 'a', 'd'],
    lang: ['id', 'en'],
  };
  baseline = await settled(system().orm);
}, 120_000);

afterAll(() => {
  console.log(`API fuzz: ${sentCount} requests, ${refusedChecked} refused and checked unchanged, ${Math.round((Date.now() - startedAt) / 1000)} s`);
});

test('the fuzz reaches every operation the API serves', () => {
  expect(operations.length).toBeGreaterThanOrEqual(90);
  expect(operations.filter((o) => o.body).length).toBeGreaterThanOrEqual(30);
});

test('the fingerprint sees a one-character change in any row', async () => {
  const before = await snapshot(system().orm);
  await system().orm.em.fork().execute(`update service set name = jsonb_set(name, '{id}', to_jsonb((name->>'id') || '.')) where code = 'SIMPEG'`);
  expect(changedTables(before, await snapshot(system().orm))).toEqual(['service']);
  baseline = await settled(system().orm);
});

test('malformed requests to every operation: no 5xx, and each refused one changes nothing', async () => {
  for (const op of operations) await run(malformedRequests(op, fixtures, 'admin'));
  expect(report()).toBe('');
  expect(refusedChecked).toBeGreaterThan(operations.length * 4);
}, FULL ? 1_200_000 : 300_000);

test('text PostgreSQL cannot store (NUL, lone surrogates) in otherwise valid requests is refused with 400 and changes nothing', async () => {
  const post = (url: string, body: unknown): FuzzRequest => ({
    operationId: url, method: 'POST', url, principal: 'pengelola', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  const get = (url: string): FuzzRequest => ({ operationId: url, method: 'GET', url, principal: 'pengelola', headers: {} });
  const requests = ['\u0000', 'a\ud800', '\udc00b', 'ok\udfff\ud800'].flatMap((odd) => [
    post('/requests', { catalogueItem: 'AKUN-EMAIL', title: `Akun ${odd}`, description: 'Pegawai baru' }),
    post('/incidents', { service: 'PERIZINAN-ONLINE', category: 'Lambat', symptoms: `Gejala ${odd}`, impact: 'minor', reporter: 'pemohon' }),
    post(`/cases/${fixtures.id![0]}/actions/classify`, { classification: 'fulfilment', priority: 'low', note: odd }),
  ]).concat([get('/cases?text=a%00b'), get('/services/%00')]);
  const before = baseline;
  const sent = await sendAll(requests);
  expect(sent.map((s) => `${s.status} ${s.code}`)).toEqual(requests.map(() => '400 validation_failed'));
  await checkUnchanged(before, sent);
  expect(report()).toBe('');
});

test('requests generated from the operation schemas: no 5xx, and each refused one changes nothing', async () => {
  const principals = [...USERS, 'apikey', 'anon', 'badtoken'];
  const any = fc.oneof(...operations.map((op) => requestArb(op, fixtures, principals, doc.components.schemas)));
  // Every operation at least a few times, then whatever fast-check picks.
  const perOperation = fc.tuple(...operations.map((op) => requestArb(op, fixtures, principals, doc.components.schemas)));
  await fc.assert(fc.asyncProperty(perOperation, async (requests) => {
    await run(requests);
    if (serverErrors.length + changedByRefused.length > 0) throw new Error(report());
  }), { numRuns: FULL ? 20 : 2, endOnFailure: true });
  await fc.assert(fc.asyncProperty(fc.array(any, { minLength: 1, maxLength: 10 }), async (requests) => {
    await run(requests);
    if (serverErrors.length + changedByRefused.length > 0) throw new Error(report());
  }), { numRuns: FULL ? 400 : 25, endOnFailure: true });
}, FULL ? 3_600_000 : 300_000);
