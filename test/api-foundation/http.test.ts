// The HTTP foundation over real HTTP: problem+json in id and en, body parsing errors, validation errors,
// unknown routes, unexpected errors, typed routes and responses.
 
import express from 'express';
import { z } from 'zod';
import { authenticate } from '../../api/auth/middleware.ts';
import type { Principal } from '../../api/auth/principal.ts';
import { messages, parseAcceptLanguage, pickLanguage, titles, translate } from '../../api/http/messages.ts';
import { notFoundHandler, problem, problemHandler, PROBLEM_CONTENT_TYPE } from '../../api/http/problem.ts';
import { createRegistry, queryBoolean, queryList } from '../../api/http/routes.ts';
import { listen, recordingLogger, type Running } from './helpers.ts';

const CASE_ID = '3f0c2b52-8d7e-4c55-9a59-2b1a4b8f6f10';

const requestBody = z.strictObject({
  catalogueItem: z.string().min(1),
  title: z.string().trim().min(3).max(200),
  satisfaction: z.number().int().refine((n) => n >= 1 && n <= 5, { error: 'rating_out_of_range', params: { min: 1, max: 5 } }).optional(),
  email: z.email().optional(),
  channel: z.enum(['portal', 'email', 'phone']).default('portal'),
});
const requestView = z.object({ id: z.string(), title: z.string(), channel: z.string() }).meta({ id: 'RequestView' });

const alice: Principal = { kind: 'user', tenantId: 'serang', username: 'alice', name: 'Alice', roles: ['service_desk'] };

let server: Running;
const log = recordingLogger();

beforeAll(async () => {
  const registry = createRegistry({
    authenticate: authenticate({
      verifyJwt: async (token) => {
        if (token === 'alice.token.ok') return alice;
        throw problem(401, 'invalid_token');
      },
      findApiKey: async () => null,
    }),
    jsonLimit: '2kb',
  });
  registry.route({
    method: 'post', path: '/requests', operationId: 'createRequest', summary: 'Ajukan permintaan', tags: ['requests'], auth: 'none',
    body: requestBody,
    responses: { 201: { description: 'Dibuat', schema: requestView } },
    handler: async ({ body }) => ({
      status: 201,
      body: { id: 'REQ-1', title: body.title, channel: body.channel, internalNote: 'must not leak' } as z.input<typeof requestView>,
      headers: { Location: '/requests/REQ-1' },
    }),
  });
  registry.route({
    method: 'get', path: '/cases/:id', operationId: 'getCase', summary: 'Detail kasus', auth: 'none',
    params: z.object({ id: z.uuid() }),
    query: z.object({
      limit: z.coerce.number().int().min(1).max(100).default(20),
      open: queryBoolean().optional(),
      state: queryList(z.enum(['new', 'assigned', 'closed'])).optional(),
    }),
    responses: { 200: { description: 'Kasus', schema: z.object({ id: z.string(), limit: z.number(), open: z.boolean().nullable(), state: z.array(z.string()) }) } },
    handler: ({ params, query }) => ({ status: 200, body: { id: params.id, limit: query.limit, open: query.open ?? null, state: query.state ?? [] } }),
  });
  registry.route({
    method: 'post', path: '/cases/:id/decide', operationId: 'decide', summary: 'Putuskan', roles: ['approver'],
    params: z.object({ id: z.string() }),
    body: z.object({ decision: z.enum(['approve', 'reject']) }),
    responses: { 200: { description: 'OK' }, 409: { description: 'Tidak menunggu keputusan' } },
    handler: () => { throw problem(409, 'not_waiting_for_action', { state: 'assigned' }, { extra: { case: { id: CASE_ID, state: 'assigned' } } }); },
  });
  registry.route({
    method: 'get', path: '/me', operationId: 'me', summary: 'Saya',
    responses: { 200: { description: 'Principal', schema: z.object({ username: z.string(), roles: z.array(z.string()) }) } },
    handler: ({ principal }) => ({ status: 200, body: { username: principal.username, roles: principal.roles } }),
  });
  registry.route({
    method: 'get', path: '/boom', operationId: 'boom', summary: 'Boom', auth: 'none',
    responses: { 200: { description: 'never' } },
    handler: async () => { throw new Error('connect ECONNREFUSED postgres://sigap:s3cret@db:5432'); },
  });
  registry.route({
    method: 'get', path: '/bad-response', operationId: 'badResponse', summary: 'Salah', auth: 'none',
    responses: { 200: { description: 'x', schema: z.object({ n: z.number() }) } },
    handler: () => ({ status: 200, body: { n: 'not a number' as unknown as number } }),
  });
  registry.route({
    method: 'get', path: '/csv', operationId: 'csv', summary: 'CSV', auth: 'none',
    responses: { 200: { description: 'CSV' } },
    handler: ({ res }) => { res.type('text/csv').send('a,b\n1,2\n'); },
  });
  registry.route({
    method: 'delete', path: '/nothing', operationId: 'nothing', summary: 'Nothing', auth: 'none',
    responses: { 204: { description: 'Dihapus' } },
    handler: async () => undefined,
  });
  const app = express();
  app.use('/api', registry.router);
  app.use(notFoundHandler());
  app.use(problemHandler({ logger: log.logger }));
  server = await listen(app);
});

afterAll(async () => {
  await server.close();
});

async function call(path: string, init: RequestInit & { lang?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.lang) headers.set('accept-language', init.lang);
  const res = await fetch(`${server.url}${path}`, { ...init, headers });
  const text = await res.text();
  let json: Record<string, any> | undefined;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { res, text, json };
}

function postJson(path: string, body: unknown, lang?: string) {
  return call(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body), ...(lang ? { lang } : {}) });
}

describe('problem+json', () => {
  test('shape in Bahasa Indonesia by default', async () => {
    const { res, json } = await postJson('/api/cases/abc/decide', { decision: 'approve' });
    expect(res.status).toBe(401); // auth before everything else
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(res.headers.get('content-language')).toBe('id');
    expect(json).toEqual({
      type: 'https://sigap.go.id/problems/unauthenticated',
      title: 'Autentikasi diperlukan',
      status: 401,
      detail: messages.unauthenticated.id,
      instance: '/api/cases/abc/decide',
      code: 'unauthenticated',
    });
  });

  test('English when Accept-Language prefers it; extension members and params kept', async () => {
    const { res, json } = await call('/api/cases/abc/decide', {
      method: 'POST', lang: 'en-US,en;q=0.9,id;q=0.5',
      headers: { authorization: 'Bearer alice.token.ok', 'content-type': 'application/json' },
      body: JSON.stringify({ decision: 'approve' }),
    });
    expect(res.status).toBe(403);
    expect(json).toMatchObject({ code: 'missing_role', title: 'Missing role', detail: 'This action requires one of these roles: approver.', params: { roles: ['approver'] } });
    expect(res.headers.get('content-language')).toBe('en');
  });

  test('domain conflict with `case` member, in id', async () => {
    const registry = createRegistry();
    registry.route({
      method: 'get', path: '/x', operationId: 'x', summary: 'x', auth: 'none', responses: { 200: { description: 'x' } },
      handler: () => { throw problem(409, 'not_waiting_for_action', { state: 'assigned' }, { extra: { case: { id: CASE_ID, state: 'assigned' }, title: 'overwrite attempt' } }); },
    });
    const app = express();
    app.use(registry.router);
    app.use(problemHandler({ logger: log.logger }));
    const s = await listen(app);
    try {
      const res = await fetch(`${s.url}/x`);
      const json = await res.json() as Record<string, unknown>;
      expect(res.status).toBe(409);
      expect(json.title).toBe('Kasus tidak menunggu tindakan ini');
      expect(json.detail).toBe('Kasus ini sedang tidak menunggu tindakan tersebut (status saat ini: assigned). Muat ulang kasus untuk melihat keadaan terbarunya.');
      expect(json.case).toEqual({ id: CASE_ID, state: 'assigned' });
    } finally {
      await s.close();
    }
  });

  test('malformed JSON → 400 malformed_json', async () => {
    const { res, json } = await postJson('/api/requests', '{"title": "Akun email", ');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(json).toMatchObject({ code: 'malformed_json', title: 'Format JSON tidak valid', status: 400 });
    expect(json?.detail).not.toMatch(/Unexpected|position|SyntaxError/);
  });

  test('body too large → 413 payload_too_large', async () => {
    const { res, json } = await postJson('/api/requests', { catalogueItem: 'X', title: 'a'.repeat(5000) });
    expect(res.status).toBe(413);
    expect(json).toMatchObject({ code: 'payload_too_large', title: 'Ukuran data terlalu besar' });
  });

  test('wrong content type → 415 unsupported_media_type', async () => {
    const { res, json } = await call('/api/requests', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' });
    expect(res.status).toBe(415);
    expect(json).toMatchObject({ code: 'unsupported_media_type' });
    expect(json?.detail).toContain('application/json');
  });

  test('validation errors list per field, in Indonesian', async () => {
    const { res, json } = await postJson('/api/requests', { title: 'ab', satisfaction: 9, email: 'bukan-email', channel: 'fax', extra: 1 });
    expect(res.status).toBe(400);
    expect(json?.code).toBe('validation_failed');
    expect(json?.title).toBe('Permintaan tidak valid');
    expect(json?.detail).toBe('Data yang dikirim tidak sesuai skema. Periksa kembali isian yang ditandai.');
    const byPath = Object.fromEntries((json?.errors as { path: string; message: string }[]).map((e) => [e.path, e.message]));
    expect(byPath).toMatchObject({
      'body.catalogueItem': 'Wajib diisi.',
      'body.title': 'Minimal 3 karakter.',
      'body.satisfaction': 'Penilaian harus berupa bilangan bulat dari 1 sampai 5.',
      'body.email': 'Format alamat email tidak valid.',
      'body.channel': 'Nilai tidak valid. Pilihan yang diizinkan: portal, email, phone.',
      body: 'Kolom tidak dikenal: extra.',
    });
    for (const e of json?.errors as Record<string, unknown>[]) {
      expect(e).toEqual(expect.objectContaining({ in: 'body', path: expect.any(String), message: expect.any(String), code: expect.any(String) }));
    }
  });

  test('validation errors in English', async () => {
    const { json } = await postJson('/api/requests', { title: 'ab' }, 'en');
    expect(json?.title).toBe('Invalid request');
    expect(json?.errors).toEqual(expect.arrayContaining([
      { in: 'body', path: 'body.catalogueItem', message: 'This field is required.', code: 'invalid_type' },
      { in: 'body', path: 'body.title', message: 'Must be at least 3 characters long.', code: 'too_small' },
    ]));
  });

  test('a missing body reads as a required body', async () => {
    const { res, json } = await call('/api/requests', { method: 'POST' });
    expect(res.status).toBe(400);
    expect(json?.errors).toEqual([{ in: 'body', path: 'body', message: 'Wajib diisi.', code: 'invalid_type' }]);
  });

  test('params and query are validated together', async () => {
    const { res, json } = await call('/api/cases/not-a-uuid?limit=500&open=maybe');
    expect(res.status).toBe(400);
    const paths = (json?.errors as { path: string }[]).map((e) => e.path).sort();
    expect(paths).toEqual(['params.id', 'query.limit', 'query.open']);
    expect((json?.errors as { path: string; message: string }[]).find((e) => e.path === 'params.id')?.message).toBe('Harus berupa UUID yang valid.');
    expect((json?.errors as { path: string; message: string }[]).find((e) => e.path === 'query.limit')?.message).toBe('Harus bernilai paling besar 100.');
  });

  test('valid params and query reach the handler typed and coerced', async () => {
    const { res, json } = await call(`/api/cases/${CASE_ID}?limit=5&open=true&state=new,closed&state=assigned`);
    expect(res.status).toBe(200);
    expect(json).toEqual({ id: CASE_ID, limit: 5, open: true, state: ['new', 'closed', 'assigned'] });
  });

  test('success response: status, headers, and only schema fields are sent', async () => {
    const { res, json } = await postJson('/api/requests', { catalogueItem: 'AKUN-EMAIL', title: '  Akun email baru  ' });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe('/requests/REQ-1');
    expect(json).toEqual({ id: 'REQ-1', title: 'Akun email baru', channel: 'portal' });
  });

  test('authenticated route gets the principal', async () => {
    const ok = await call('/api/me', { headers: { authorization: 'Bearer alice.token.ok' } });
    expect(ok.res.status).toBe(200);
    expect(ok.json).toEqual({ username: 'alice', roles: ['service_desk'] });
    const bad = await call('/api/me', { headers: { authorization: 'Bearer some.other.token' } });
    expect(bad.res.status).toBe(401);
    expect(bad.json?.code).toBe('invalid_token');
  });

  test('unknown route → 404 problem+json', async () => {
    const { res, json } = await call('/api/nope?secret=1', { lang: 'id' });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(json).toMatchObject({
      type: 'https://sigap.go.id/problems/not_found', code: 'not_found', status: 404, title: 'Tidak ditemukan',
      detail: 'Alamat GET /api/nope tidak tersedia pada API Sigap.', instance: '/api/nope',
    });
  });

  test('unexpected error → 500 without internals, logged with stack', async () => {
    const before = log.lines.length;
    const { res, json, text } = await call('/api/boom');
    expect(res.status).toBe(500);
    expect(json).toMatchObject({ code: 'internal_error', title: 'Terjadi kesalahan pada server', status: 500 });
    expect(text).not.toMatch(/ECONNREFUSED|s3cret|postgres|stack|at /);
    const logged = log.lines.slice(before).find((l) => l.level === 50);
    expect(logged).toBeDefined();
    expect(JSON.stringify(logged)).toContain('ECONNREFUSED');
  });

  test('a response that breaks its schema is a 500, not a leak', async () => {
    const { res, json } = await call('/api/bad-response');
    expect(res.status).toBe(500);
    expect(json?.code).toBe('internal_error');
  });

  test('handlers may write the response themselves, or return nothing (204)', async () => {
    const csv = await call('/api/csv');
    expect(csv.res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.text).toBe('a,b\n1,2\n');
    const none = await call('/api/nothing', { method: 'DELETE' });
    expect(none.res.status).toBe(204);
  });
});

describe('message catalogue', () => {
  const placeholders = (s: string) => [...s.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]).sort();

  test('id and en carry the same placeholders', () => {
    for (const [key, text] of Object.entries(messages)) {
      expect({ key, ph: placeholders(text.en) }).toEqual({ key, ph: placeholders(text.id) });
    }
  });

  test('every problem code has a detail and a title in both languages', () => {
    for (const [code, title] of Object.entries(titles)) {
      expect(messages[code as keyof typeof messages]).toBeDefined();
      expect(title.id.length).toBeGreaterThan(0);
      expect(title.en.length).toBeGreaterThan(0);
      expect(placeholders(title.id)).toEqual([]);
    }
  });

  test('translate interpolates, lists read naturally', () => {
    expect(translate('missing_role', 'id', { roles: ['approver', 'service_desk', 'executor'] }))
      .toBe('Tindakan ini hanya dapat dilakukan oleh pengguna dengan peran: approver, service_desk atau executor.');
    expect(translate('rating_out_of_range', 'en', { min: 1, max: 5 })).toBe('The rating must be a whole number from 1 to 5.');
    expect(translate('case_not_found', 'id', { id: 'REQ-7' })).toBe('Kasus REQ-7 tidak ditemukan atau tidak dapat Anda akses.');
  });

  test('pickLanguage: id by default, en when preferred', () => {
    expect(parseAcceptLanguage(undefined)).toBe('id');
    expect(parseAcceptLanguage('')).toBe('id');
    expect(parseAcceptLanguage('*')).toBe('id');
    expect(parseAcceptLanguage('en')).toBe('en');
    expect(parseAcceptLanguage('en-GB,en;q=0.9')).toBe('en');
    expect(parseAcceptLanguage('id-ID,id;q=0.9,en-US;q=0.8,en;q=0.7')).toBe('id');
    expect(parseAcceptLanguage('fr-FR,en;q=0.5')).toBe('en');
    expect(parseAcceptLanguage('en;q=0.4,in;q=0.8')).toBe('id');
    expect(parseAcceptLanguage('en;q=0')).toBe('id');
    expect(pickLanguage({ headers: { 'accept-language': 'en-US' } })).toBe('en');
    expect(pickLanguage({ get: () => undefined })).toBe('id');
  });
});

test('PROBLEM_CONTENT_TYPE is the RFC 9457 media type', () => {
  expect(PROBLEM_CONTENT_TYPE).toBe('application/problem+json');
});
