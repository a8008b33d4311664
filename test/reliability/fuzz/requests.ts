// HTTP requests for the API fuzz: generated per operation from its OpenAPI parameters and body schema, sent as a
// principal (a demo user, an API key, nobody, or broken credentials), and a fixed catalogue of malformed variants
// (broken JSON, wrong content types, odd headers and path parameters) that every operation must answer with a 4xx.
import fc from 'fast-check';
import { actionBodyKeys, fillPath, type Operation } from './operations.ts';
import { fromSchema, mutated, oddString, type JsonSchema } from './schemaArbitrary.ts';

export type Principal = string; // a demo username, 'apikey', 'anon', 'badtoken'

export interface FuzzRequest {
  operationId: string;
  method: string;
  /** Path and query under /api/v1. */
  url: string;
  principal: Principal;
  headers: Record<string, string>;
  body?: string | { multipart: Array<[string, string]>; file?: string };
}

/** Known-good values for path parameters, so generated requests reach real records as well as missing ones. */
export type Fixtures = Record<string, string[]>;

/** Path segments sent without encoding: broken percent-escapes and dot segments. */
const RAW_SEGMENTS = ['%', '%E0%A4%A', '%00', '%2e%2e', '%2F', '%C0%AF', '..%2F..%2F', '%FF%FE', ';', '%20'];

/** Percent-encodes any string, lone surrogates included (they become U+FFFD, as a browser would send them). */
const enc = (v: string) => encodeURIComponent(v.toWellFormed());

const pathValue = (op: Operation, name: string, schema: JsonSchema, fixtures: Fixtures, components: Record<string, JsonSchema>) => fc.oneof(
  { weight: 4, arbitrary: fixtures[name]?.length ? fc.constantFrom(...fixtures[name]!).map(enc) : fc.constant('x') },
  { weight: 2, arbitrary: fromSchema(schema, components).map((v) => enc(String(v))) },
  { weight: 1, arbitrary: oddString.map((v) => enc(v) || 'x') },
  { weight: 1, arbitrary: fc.constantFrom(...RAW_SEGMENTS) },
);

function queryArb(op: Operation, components: Record<string, JsonSchema>): fc.Arbitrary<string> {
  const params = op.parameters.filter((p) => p.in === 'query');
  const entries = params.map((p) => fc.option(fc.oneof(
    { weight: 3, arbitrary: fromSchema(p.schema.type === 'array' ? (p.schema.items as JsonSchema) : p.schema, components).map((v) => [[p.name, String(v)]]) },
    { weight: 1, arbitrary: oddString.map((v) => [[p.name, v]]) },
    { weight: 1, arbitrary: fc.array(oddString, { maxLength: 3 }).map((vs) => vs.map((v) => [p.name, v])) },
  ), { freq: 2 }));
  const junk = fc.option(fc.tuple(fc.constantFrom('a[b]', '__proto__', 'page', 'x'), oddString).map(([k, v]) => [[k, v]]), { freq: 4 });
  return fc.tuple(fc.tuple(...entries), junk).map(([chosen, extra]) => {
    const search = new URLSearchParams();
    for (const pairs of [...chosen, extra]) for (const [k, v] of pairs ?? []) search.append(k as string, v as string);
    const text = search.toString();
    return text ? `?${text}` : '';
  });
}

function bodyArb(op: Operation, pathValues: Record<string, string>, components: Record<string, JsonSchema>): fc.Arbitrary<FuzzRequest['body']> {
  if (!op.body) return fc.constant(undefined);
  if (op.body.contentType === 'multipart/form-data') {
    return fc.tuple(fromSchema(op.body.schema, components), fc.option(fc.string({ unit: 'binary', maxLength: 200 })))
      .map(([fields, file]) => ({ multipart: Object.entries(fields as Record<string, unknown>).map(([k, v]) => [k, String(v)] as [string, string]), ...(file !== null ? { file } : {}) }));
  }
  let schema = op.body.schema;
  const action = /^[a-z_]+$/.test(pathValues.action ?? '') ? pathValues.action! : '';
  const keys = actionBodyKeys(op)[action];
  if (keys) schema = { type: 'object', properties: Object.fromEntries(keys.map((k) => [k, {}])), required: keys };
  const valid = fromSchema(schema, components);
  return fc.oneof(valid, mutated(valid)).map((v) => JSON.stringify(v) ?? 'null');
}

const principalArb = (principals: Principal[]) => fc.constantFrom(...principals);

/** Any visible ASCII and spaces: what fetch lets through as a header value. */
const headerValue = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 40 });

const headersArb = (op: Operation) => fc.record({
  'idempotency-key': fc.oneof(fc.uuid(), headerValue, fc.constantFrom('a'.repeat(256), ' x', 'kunci\u00e9', '\u00ff'.repeat(5))),
  'accept-language': fc.constantFrom('en', 'id', 'en-US,en;q=0.9', '*', 'xx', ';;;q=', 'id;q=abc'),
  'if-match': fc.oneof(headerValue, fc.constantFrom('"1"', '*', 'W/"x"', '"-1"', '"99999999999999999999"')),
}, { requiredKeys: [] }).map((h) => (op.method === 'get' ? { 'accept-language': h['accept-language'] ?? 'id' } : h) as Record<string, string>);

/** A generated request for `op`: its parameters and body shaped by the schema, often broken. */
export function requestArb(op: Operation, fixtures: Fixtures, principals: Principal[], components: Record<string, JsonSchema>): fc.Arbitrary<FuzzRequest> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const pathRecord = fc.record(Object.fromEntries(pathParams.map((p) => [p.name, pathValue(op, p.name, p.schema, fixtures, components)])));
  return pathRecord.chain((values) => fc.record({
    query: queryArb(op, components),
    body: bodyArb(op, values, components),
    principal: principalArb(principals),
    headers: headersArb(op),
  }).map(({ query, body, principal, headers }): FuzzRequest => ({
    operationId: op.operationId, method: op.method.toUpperCase(), url: `${fillPath(op.path, values)}${query}`, principal,
    headers: { ...headers, ...(typeof body === 'string' ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body } : {}),
  })));
}

/** Malformed variants every operation must answer with a 4xx (and, being refused, change nothing). */
export function malformedRequests(op: Operation, fixtures: Fixtures, principal: Principal): FuzzRequest[] {
  const values = Object.fromEntries(op.parameters.filter((p) => p.in === 'path').map((p) => [p.name, encodeURIComponent(fixtures[p.name]?.[0] ?? 'x')]));
  const url = fillPath(op.path, values);
  const base = { operationId: op.operationId, method: op.method.toUpperCase(), url, principal };
  const out: FuzzRequest[] = [
    { ...base, principal: 'badtoken', headers: {} },
    { ...base, principal: 'anon', headers: { authorization: 'Bearer sgp_' + 'x'.repeat(3000) } },
    { ...base, principal: 'anon', headers: { 'x-api-key': 'sgp_abc_def' } },
    { ...base, principal: 'anon', headers: { authorization: 'Bearer' } },
    { ...base, headers: { 'x-filler': 'a'.repeat(20_000) } },
  ];
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  for (const raw of ['%E0%A4%A', '%00', encodeURIComponent('😀\u0000\u202e'), encodeURIComponent('a'.repeat(2000))]) {
    for (const p of pathParams) out.push({ ...base, url: fillPath(op.path, { ...values, [p.name]: raw }), headers: {} });
  }
  if (op.method !== 'get') {
    out.push({ ...base, headers: { 'idempotency-key': 'a'.repeat(256), 'content-type': 'application/json' }, body: '{}' });
    out.push({ ...base, headers: { 'idempotency-key': 'kunci berspasi\u00e9', 'content-type': 'application/json' }, body: '{}' });
  }
  if (op.body) {
    const json = { 'content-type': 'application/json' };
    out.push(
      { ...base, headers: json, body: '{"a": ' },
      { ...base, headers: json, body: '{"a": 1,}' },
      { ...base, headers: json, body: '\u0000\u0001' },
      { ...base, headers: json, body: '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[' },
      { ...base, headers: json, body: 'null' },
      { ...base, headers: json, body: '"teks"' },
      { ...base, headers: json, body: '[]' },
      { ...base, headers: json, body: '{"__proto__": {"roles": ["administrator"]}, "constructor": {"prototype": {}}}' },
      { ...base, headers: json, body: JSON.stringify({ x: 'y'.repeat(1_100_000) }) },
      { ...base, headers: { 'content-type': 'text/plain' }, body: '{}' },
      { ...base, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1&b=2' },
      { ...base, headers: { 'content-type': 'application/json; charset=utf-16' }, body: '{}' },
      { ...base, headers: { 'content-type': 'application/xml' }, body: '<a/>' },
      { ...base, headers: { 'content-type': 'multipart/form-data; boundary=zz' }, body: '--zz\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--zz' },
      { ...base, headers: { 'content-type': 'multipart/form-data' }, body: 'no boundary' },
      { ...base, headers: { 'content-type': ';;;' }, body: '{}' },
    );
  }
  return out;
}
