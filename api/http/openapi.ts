// OpenAPI 3.1 document from the route registry: the same zod schemas that validate requests describe them.
// Schemas are converted with z.toJSONSchema (JSON Schema draft 2020-12, OpenAPI 3.1's dialect); request parts
// use the schema's input side, responses its output side. Schemas carrying `.meta({ id })` become named
// components (#/components/schemas/<id>). Errors are application/problem+json (RFC 9457), shared components.
import { z } from 'zod';
import { DEFAULT_PROBLEM_TYPE_BASE, PROBLEM_CONTENT_TYPE } from './problem.ts';
import { titles } from './messages.ts';
import type { RouteInfo } from './routes.ts';

type JsonSchema = Record<string, unknown>;

export type OpenApiInfo = {
  title: string;
  version: string;
  description?: string;
  servers?: { url: string; description?: string }[];
  contact?: { name?: string; url?: string; email?: string };
};

export type OpenApiDocument = {
  openapi: '3.1.0';
  info: { title: string; version: string; description?: string; contact?: OpenApiInfo['contact'] };
  servers?: { url: string; description?: string }[];
  tags?: { name: string }[];
  paths: Record<string, Record<string, unknown>>;
  components: {
    schemas: Record<string, JsonSchema>;
    responses: Record<string, unknown>;
    securitySchemes: Record<string, unknown>;
  };
};

const fieldErrorSchema = z.object({
  in: z.string().optional().describe('Lokasi isian: body, query, params / Where the value was'),
  path: z.string().describe('Jalur isian, mis. body.items.0.code / Dotted path of the field'),
  message: z.string().describe('Pesan untuk pengguna / Message for the user'),
  code: z.string().optional().describe('Kode masalah / Machine code of the issue'),
});

/** The problem document (RFC 9457) with Sigap's extension members. */
export const problemDocumentSchema = z
  .object({
    type: z.string().describe(`URI jenis masalah: ${DEFAULT_PROBLEM_TYPE_BASE}<code> / Problem type URI`),
    title: z.string().describe('Judul singkat / Short title (Accept-Language: id default, en)'),
    status: z.number().int().min(400).max(599),
    detail: z.string().describe('Penjelasan untuk pengguna / Explanation for the user'),
    instance: z.string().describe('Path permintaan / Request path'),
    code: z.enum(Object.keys(titles) as [keyof typeof titles, ...(keyof typeof titles)[]]).describe('Kode masalah yang stabil / Stable machine code'),
    errors: z.array(fieldErrorSchema).optional().describe('Kesalahan per isian (validation_failed) / Field errors'),
    params: z.record(z.string(), z.unknown()).optional().describe('Parameter pesan / Message parameters'),
  })
  .loose();

/** Converts a zod schema to JSON Schema 2020-12, hoisting `$defs` into `defs` (renamed on clashes). */
export class SchemaCollector {
  readonly components: Record<string, JsonSchema> = {};

  convert(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
    const json = z.toJSONSchema(schema, {
      target: 'draft-2020-12',
      io,
      unrepresentable: (ctx) => {
        const type = (ctx.zodSchema as { _zod?: { def?: { type?: string } } })._zod?.def?.type;
        // Dates travel as ISO 8601 strings in JSON.
        if (type === 'date') return { type: 'string', format: 'date-time' };
        return 'any';
      },
    }) as JsonSchema;
    delete json.$schema;
    const defs = (json.$defs ?? {}) as Record<string, JsonSchema>;
    delete json.$defs;
    const renames = new Map<string, string>();
    for (const [name, def] of Object.entries(defs)) renames.set(name, this.place(name, def, io));
    const rewrite = (node: unknown): unknown => {
      if (Array.isArray(node)) return node.map(rewrite);
      if (node === null || typeof node !== 'object') return node;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(node)) {
        if (k === '$ref' && typeof v === 'string' && v.startsWith('#/$defs/')) {
          const name = decodeURIComponent(v.slice('#/$defs/'.length));
          out[k] = `#/components/schemas/${encodeURIComponent(renames.get(name) ?? name)}`;
        } else {
          out[k] = rewrite(v);
        }
      }
      return out;
    };
    for (const [name, final] of renames) {
      if (this.pending.has(final)) {
        this.components[final] = rewrite(defs[name]) as JsonSchema;
        this.pending.delete(final);
      }
    }
    return rewrite(json) as JsonSchema;
  }

  private readonly pending = new Set<string>();
  private readonly raw = new Map<string, string>();

  private place(name: string, def: JsonSchema, io: 'input' | 'output'): string {
    const text = JSON.stringify(def);
    const candidates = [name, io === 'input' ? `${name}Input` : `${name}Output`];
    for (let i = 2; candidates.length < 12; i++) candidates.push(`${name}${i}`);
    for (const candidate of candidates) {
      const existing = this.raw.get(candidate);
      if (existing === undefined) {
        this.raw.set(candidate, text);
        this.pending.add(candidate);
        return candidate;
      }
      if (existing === text) return candidate;
    }
    throw new Error(`Too many different schemas named ${name}`);
  }
}

const problemRef = { $ref: '#/components/schemas/Problem' };

function problemResponse(description: string, example?: unknown): Record<string, unknown> {
  return {
    description,
    content: { [PROBLEM_CONTENT_TYPE]: { schema: problemRef, ...(example ? { example } : {}) } },
  };
}

const STANDARD_RESPONSES: Record<string, Record<string, unknown>> = {
  ValidationFailed: problemResponse('Permintaan tidak valid / Validation failed (400 validation_failed, malformed_json)', {
    type: `${DEFAULT_PROBLEM_TYPE_BASE}validation_failed`,
    title: 'Permintaan tidak valid',
    status: 400,
    detail: 'Data yang dikirim tidak sesuai skema. Periksa kembali isian yang ditandai.',
    instance: '/api/requests',
    code: 'validation_failed',
    errors: [{ in: 'body', path: 'body.title', message: 'Wajib diisi.', code: 'invalid_type' }],
  }),
  Unauthorized: {
    ...problemResponse('Belum masuk atau token tidak valid / Unauthenticated or invalid token (401)'),
    headers: { 'WWW-Authenticate': { description: 'Bearer realm="sigap"', schema: { type: 'string' } } },
  },
  Forbidden: problemResponse('Akses ditolak / Forbidden (403 forbidden, missing_role, missing_scope, not_your_case)'),
  NotFound: problemResponse('Tidak ditemukan / Not found (404)'),
  Conflict: problemResponse('Konflik keadaan / Conflict (409)'),
  Unprocessable: problemResponse('Aturan layanan tidak terpenuhi / Business rule violated (422)'),
  PayloadTooLarge: problemResponse('Data terlalu besar / Payload too large (413)'),
  UnsupportedMediaType: problemResponse('Jenis konten tidak didukung / Unsupported media type (415)'),
  InternalError: problemResponse('Kesalahan server / Internal server error (500)'),
};

const STATUS_REF: Record<number, string> = {
  400: 'ValidationFailed',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  413: 'PayloadTooLarge',
  415: 'UnsupportedMediaType',
  422: 'Unprocessable',
  500: 'InternalError',
};

function ref(name: string): { $ref: string } {
  return { $ref: `#/components/responses/${name}` };
}

/** Parameters (path or query) from an object schema's JSON Schema. */
function parametersOf(json: JsonSchema, where: 'path' | 'query'): Record<string, unknown>[] {
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, schema]) => {
    const { description, ...rest } = schema;
    const isArray = rest.type === 'array';
    return {
      name,
      in: where,
      required: where === 'path' ? true : required.has(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
      ...(where === 'query' && isArray ? { style: 'form', explode: true } : {}),
    };
  });
}

function acceptsUndefined(schema: z.ZodType): boolean {
  return schema.safeParse(undefined).success;
}

export function buildOpenApiDocument(routes: readonly RouteInfo[], info: OpenApiInfo): OpenApiDocument {
  const collector = new SchemaCollector();
  const problemSchema = collector.convert(problemDocumentSchema, 'output');
  const paths: OpenApiDocument['paths'] = {};
  const tags = new Set<string>();

  for (const r of routes) {
    const path = r.path.replace(/[:*]([A-Za-z_$][A-Za-z0-9_$]*)/g, '{$1}');
    const parameters: Record<string, unknown>[] = [];
    if (r.params) {
      parameters.push(...parametersOf(collector.convert(r.params, 'input'), 'path'));
    } else {
      for (const m of r.path.matchAll(/[:*]([A-Za-z_$][A-Za-z0-9_$]*)/g)) {
        parameters.push({ name: m[1], in: 'path', required: true, schema: { type: 'string' } });
      }
    }
    if (r.query) parameters.push(...parametersOf(collector.convert(r.query, 'input'), 'query'));

    const responses: Record<string, unknown> = {};
    for (const [status, spec] of Object.entries(r.responses)) {
      const code = Number(status);
      if (code >= 400) {
        responses[status] = spec.schema
          ? { description: spec.description, content: { [spec.contentType ?? PROBLEM_CONTENT_TYPE]: { schema: collector.convert(spec.schema, 'output') } } }
          : problemResponse(spec.description);
      } else if (spec.schema) {
        responses[status] = { description: spec.description, content: { [spec.contentType ?? 'application/json']: { schema: collector.convert(spec.schema, 'output') } } };
      } else {
        responses[status] = { description: spec.description };
      }
    }
    const addDefault = (status: number): void => {
      const name = STATUS_REF[status];
      if (name && !(String(status) in responses)) responses[String(status)] = ref(name);
    };
    if (r.params || r.query || r.body) addDefault(400);
    if (r.auth === 'required') addDefault(401);
    if (r.auth === 'required' || r.roles || r.scope) addDefault(403);
    if (r.body) {
      addDefault(413);
      addDefault(415);
    }
    addDefault(500);

    const operation: Record<string, unknown> = {
      operationId: r.operationId,
      summary: r.summary,
      ...(r.description ? { description: r.description } : {}),
      ...(r.tags?.length ? { tags: r.tags } : {}),
      ...(r.deprecated ? { deprecated: true } : {}),
      ...(parameters.length ? { parameters } : {}),
      responses,
      security: r.auth === 'required' ? [{ bearerAuth: [] }, { apiKey: [] }] : [],
      ...(r.roles ? { 'x-sigap-roles': r.roles } : {}),
      ...(r.scope ? { 'x-sigap-scope': r.scope } : {}),
    };
    if (r.body) {
      operation.requestBody = {
        required: !acceptsUndefined(r.body),
        ...(r.bodyDescription ? { description: r.bodyDescription } : {}),
        content: { [r.bodyContentType]: { schema: collector.convert(r.body, 'input') } },
      };
    }
    for (const t of r.tags ?? []) tags.add(t);
    (paths[path] ??= {})[r.method] = operation;
  }

  return {
    openapi: '3.1.0',
    info: {
      title: info.title,
      version: info.version,
      ...(info.description ? { description: info.description } : {}),
      ...(info.contact ? { contact: info.contact } : {}),
    },
    ...(info.servers?.length ? { servers: info.servers } : {}),
    ...(tags.size ? { tags: [...tags].map((name) => ({ name })) } : {}),
    paths,
    components: {
      schemas: { Problem: problemSchema, ...collector.components },
      responses: STANDARD_RESPONSES,
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'Token akses OIDC (mis. Keycloak) atau token demo Sigap; kunci API sgp_… juga diterima di header ini. / OIDC access token (e.g. Keycloak) or Sigap demo token; sgp_… API keys are accepted here too.',
        },
        apiKey: {
          type: 'apiKey',
          in: 'header',
          name: 'X-API-Key',
          description: 'Kunci API sistem terintegrasi (sgp_…). / API key of an integrating system (sgp_…).',
        },
      },
    },
  };
}
