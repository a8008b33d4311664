// The OpenAPI 3.1 document comes from the same zod schemas as the validation.
 
import { z } from 'zod';
import { createRegistry, pathParamNames, queryBoolean, queryList, toOpenApiPath } from '../../api/http/routes.ts';
import type { OpenApiDocument } from '../../api/http/openapi.ts';

const party = z.object({ username: z.string(), name: z.string() }).meta({ id: 'Party', description: 'Pegawai' });
const caseView = z.object({
  id: z.uuid(),
  number: z.string().describe('Nomor kasus'),
  state: z.enum(['new', 'assigned', 'closed']),
  requester: party,
  assignee: party.nullable(),
  createdAt: z.date(),
  priority: z.enum(['high', 'medium', 'low']).default('medium'),
}).meta({ id: 'Case' });
const createBody = z.strictObject({
  catalogueItem: z.string().min(1).describe('Kode item katalog'),
  title: z.string().min(3).max(200),
  requester: party.optional(),
  channel: z.enum(['portal', 'email']).default('portal'),
});

function build(): OpenApiDocument {
  const registry = createRegistry();
  registry.route({
    method: 'get', path: '/cases', operationId: 'listCases', summary: 'Daftar kasus', tags: ['cases'], scope: 'cases:read',
    query: z.object({
      page: z.coerce.number().int().min(1).default(1).describe('Halaman'),
      q: z.string().optional(),
      breached: queryBoolean().optional(),
      state: queryList(z.enum(['new', 'assigned', 'closed'])).optional(),
    }),
    responses: { 200: { description: 'Daftar', schema: z.object({ items: z.array(caseView), total: z.number().int() }) } },
    handler: () => ({ status: 200, body: { items: [], total: 0 } }),
  });
  registry.route({
    method: 'get', path: '/cases/:id', operationId: 'getCase', summary: 'Detail kasus', tags: ['cases'],
    params: z.object({ id: z.uuid().describe('ID kasus') }),
    responses: { 200: { description: 'Kasus', schema: caseView }, 404: { description: 'Kasus tidak ditemukan' } },
    handler: () => undefined,
  });
  registry.route({
    method: 'post', path: '/requests', operationId: 'createRequest', summary: 'Ajukan permintaan', tags: ['requests'], roles: ['requester'],
    body: createBody,
    responses: { 201: { description: 'Dibuat', schema: caseView }, 422: { description: 'Aturan layanan' } },
    handler: () => undefined,
  });
  registry.route({
    method: 'get', path: '/files/:caseId/:name', operationId: 'getFile', summary: 'Berkas', auth: 'none',
    responses: { 200: { description: 'Isi', contentType: 'application/octet-stream' } },
    handler: () => undefined,
  });
  return registry.openapi({ title: 'Sigap API', version: '0.1.0', servers: [{ url: 'http://localhost:3000/api/v1' }] });
}

/** Every local $ref points at something. */
function unresolvedRefs(doc: unknown): string[] {
  const bad: string[] = [];
  const resolve = (ref: string) => ref.slice(2).split('/').map(decodeURIComponent)
    .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), doc);
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string' && (!v.startsWith('#/') || resolve(v) === undefined)) bad.push(v);
      walk(v);
    }
  };
  walk(doc);
  return bad;
}

function keysNamed(doc: unknown, name: string): number {
  let n = 0;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if (k === name) n++;
      walk(v);
    }
  };
  walk(doc);
  return n;
}

describe('OpenAPI document', () => {
  const doc = build();
  const paths = doc.paths as Record<string, Record<string, any>>;

  test('is OpenAPI 3.1 with info, servers, tags, paths and components', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toEqual({ title: 'Sigap API', version: '0.1.0' });
    expect(doc.servers).toEqual([{ url: 'http://localhost:3000/api/v1' }]);
    expect(doc.tags).toEqual([{ name: 'cases' }, { name: 'requests' }]);
    expect(Object.keys(paths).sort()).toEqual(['/cases', '/cases/{id}', '/files/{caseId}/{name}', '/requests']);
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
    expect(unresolvedRefs(doc)).toEqual([]);
    expect(keysNamed(doc, '$schema')).toBe(0);
    expect(keysNamed(doc, '$defs')).toBe(0);
  });

  test('path parameters: from the params schema, or strings derived from the path', () => {
    const get = paths['/cases/{id}']?.get;
    expect(get.operationId).toBe('getCase');
    expect(get.parameters).toEqual([{ name: 'id', in: 'path', required: true, description: 'ID kasus', schema: expect.objectContaining({ type: 'string', format: 'uuid' }) }]);
    expect(paths['/files/{caseId}/{name}']?.get.parameters.map((p: { name: string }) => p.name)).toEqual(['caseId', 'name']);
  });

  test('query parameters carry required flags, descriptions and array style', () => {
    const params = paths['/cases']?.get.parameters as Record<string, any>[];
    const byName = Object.fromEntries(params.map((p) => [p.name, p]));
    expect(Object.keys(byName).sort()).toEqual(['breached', 'page', 'q', 'state']);
    expect(params.every((p) => p.in === 'query')).toBe(true);
    expect(byName.page).toMatchObject({ required: false, description: 'Halaman', schema: { type: 'integer', default: 1 } });
    expect(byName.q.required).toBe(false);
    expect([...byName.breached.schema.enum].sort()).toEqual(['0', '1', 'false', 'true']);
  });

  test('request body: JSON Schema 2020-12 of the input, with required fields and named components', () => {
    const post = paths['/requests']?.post;
    expect(post.requestBody.required).toBe(true);
    const schema = post.requestBody.content['application/json'].schema;
    expect(schema.type).toBe('object');
    expect(schema.required).toEqual(['catalogueItem', 'title']);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.title).toEqual({ type: 'string', minLength: 3, maxLength: 200 });
    // Party is first seen as a response (output, closed to extra fields); its input side differs, so it gets its own name.
    expect(schema.properties.requester).toEqual({ $ref: '#/components/schemas/PartyInput' });
    expect(doc.components.schemas.PartyInput).toMatchObject({ type: 'object', required: ['username', 'name'] });
    expect((doc.components.schemas.PartyInput as Record<string, unknown>).additionalProperties).toBeUndefined();
    expect((doc.components.schemas.Party as Record<string, unknown>).additionalProperties).toBe(false);
    expect(post['x-sigap-roles']).toEqual(['requester']);
  });

  test('responses: declared schemas (output side), problem+json errors and shared standard errors', () => {
    const get = paths['/cases/{id}']?.get;
    expect(get.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Case' });
    expect(get.responses['404'].content['application/problem+json'].schema).toEqual({ $ref: '#/components/schemas/Problem' });
    expect(get.responses['400']).toEqual({ $ref: '#/components/responses/ValidationFailed' });
    expect(get.responses['401']).toEqual({ $ref: '#/components/responses/Unauthorized' });
    expect(get.responses['500']).toEqual({ $ref: '#/components/responses/InternalError' });
    const post = paths['/requests']?.post;
    expect(post.responses['413']).toEqual({ $ref: '#/components/responses/PayloadTooLarge' });
    expect(post.responses['415']).toEqual({ $ref: '#/components/responses/UnsupportedMediaType' });
    expect(post.responses['422'].content['application/problem+json']).toBeDefined();
    expect(paths['/files/{caseId}/{name}']?.get.responses['200']).toEqual({ description: 'Isi' });

    const caseSchema = doc.components.schemas.Case as Record<string, any>;
    expect(caseSchema.required).toEqual(expect.arrayContaining(['id', 'number', 'state', 'requester', 'assignee', 'createdAt', 'priority']));
    expect(caseSchema.properties.createdAt).toEqual({ type: 'string', format: 'date-time' });
    expect(caseSchema.properties.requester).toEqual({ $ref: '#/components/schemas/Party' });
    expect(doc.components.schemas.Party).toMatchObject({ type: 'object', required: ['username', 'name'], description: 'Pegawai' });
  });

  test('Problem schema and standard responses', () => {
    const problem = doc.components.schemas.Problem as Record<string, any>;
    expect(problem.type).toBe('object');
    expect(problem.required).toEqual(['type', 'title', 'status', 'detail', 'instance', 'code']);
    expect(problem.properties.code.enum).toEqual(expect.arrayContaining(['validation_failed', 'case_not_found', 'idempotency_key_reused']));
    expect(problem.properties.errors.items.required).toEqual(['path', 'message']);
    for (const name of ['ValidationFailed', 'Unauthorized', 'Forbidden', 'NotFound', 'Conflict', 'Unprocessable', 'PayloadTooLarge', 'UnsupportedMediaType', 'InternalError']) {
      expect((doc.components.responses[name] as any).content['application/problem+json'].schema).toEqual({ $ref: '#/components/schemas/Problem' });
    }
  });

  test('security: bearer JWT or API key where authentication is required, none elsewhere', () => {
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-API-Key' });
    expect(paths['/cases']?.get.security).toEqual([{ bearerAuth: [] }, { apiKey: [] }]);
    expect(paths['/cases']?.get['x-sigap-scope']).toBe('cases:read');
    expect(paths['/files/{caseId}/{name}']?.get.security).toEqual([]);
    expect(paths['/files/{caseId}/{name}']?.get.responses['401']).toBeUndefined();
  });
});

describe('registry checks', () => {
  test('express paths convert to OpenAPI paths', () => {
    expect(toOpenApiPath('/cases/:id/actions/:action')).toBe('/cases/{id}/actions/{action}');
    expect(pathParamNames('/cases/:id/actions/:action')).toEqual(['id', 'action']);
  });

  test('duplicate operationIds, duplicate routes and params not matching the path are refused', () => {
    const registry = createRegistry();
    const base = { method: 'get' as const, summary: 's', auth: 'none' as const, responses: { 200: { description: 'ok' } }, handler: () => undefined };
    registry.route({ ...base, path: '/a/:id', operationId: 'a' });
    expect(() => registry.route({ ...base, path: '/b', operationId: 'a' })).toThrow(/Duplicate operationId/);
    expect(() => registry.route({ ...base, path: '/a/:key', operationId: 'a2' })).toThrow(/Duplicate route/);
    expect(() => registry.route({ ...base, path: '/c/:id', operationId: 'c', params: z.object({ key: z.string() }) })).toThrow(/does not match path/);
  });
});
