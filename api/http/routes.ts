// The route registry: one declaration per operation gives the Express route, the validation of params, query
// and body (zod 4, messages in id/en), authentication and authorisation, and the OpenAPI 3.1 operation.
//
//   const registry = createRegistry({ authenticate: authenticate({ verifyJwt, findApiKey }) });
//   registry.route({
//     method: 'get', path: '/cases/:id', operationId: 'getCase', summary: 'Detail kasus', tags: ['cases'],
//     params: z.object({ id: z.uuid() }),
//     responses: { 200: { description: 'Kasus', schema: caseSchema }, 404: { description: 'Tidak ditemukan' } },
//     handler: async ({ params, principal }) => ({ status: 200, body: await findCase(params.id, principal) }),
//   });
//   app.use('/api', registry.router);
//
// Responses: a handler returns `{ status, body?, headers? }` (status must be one declared in `responses`; the
// body is parsed with that response's schema and its *output* is sent, so undeclared fields never leak), or it
// writes the response itself and returns nothing. Returning nothing without responding sends 204.
// Typed handler context: params/query/body are the schemas' outputs; `principal` is a Principal unless auth 'none'.
import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import type { Principal } from '../auth/principal.ts';
import { maybePrincipalOf, requireRole, requireScope } from '../auth/middleware.ts';
import { pickLanguage, type Lang } from './messages.ts';
import { buildOpenApiDocument, type OpenApiDocument, type OpenApiInfo } from './openapi.ts';
import { problem, unauthorized, validationFailed, type FieldError } from './problem.ts';
import { issuesToFieldErrors, validate, zodErrorMap } from './validation.ts';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type AuthMode = 'required' | 'none';
export type BodyContentType = 'application/json' | 'multipart/form-data';

export type ResponseSpec = {
  description: string;
  /** Body schema; omitted for bodiless responses, and for errors (documented as problem+json). */
  schema?: z.ZodType;
  /** Default application/json (application/problem+json for status >= 400). */
  contentType?: string;
};
export type ResponsesSpec = { [status: number]: ResponseSpec };

type AnyObjectSchema = z.ZodObject<z.ZodRawShape>;
type OutputOr<S, Fallback> = S extends z.ZodType ? z.output<S> : Fallback;

export type RouteContext<P, Q, B, A extends AuthMode> = {
  req: Request;
  res: Response;
  params: OutputOr<P, Record<string, string>>;
  query: OutputOr<Q, Record<string, unknown>>;
  body: OutputOr<B, undefined>;
  principal: A extends 'none' ? Principal | undefined : Principal;
  /** Language of the response ('id' unless Accept-Language prefers English). */
  lang: Lang;
};

/**
 * What a handler may return. `status` must be one declared in `responses` and `body` must satisfy that
 * response's schema; both are checked at run time (an undeclared status or a mismatching body is a 500).
 */
export type HandlerResult = {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
};

export type RouteDefinition<
  P extends AnyObjectSchema | undefined,
  Q extends AnyObjectSchema | undefined,
  B extends z.ZodType | undefined,
  R extends ResponsesSpec,
  A extends AuthMode,
> = {
  method: HttpMethod;
  /** Express-style path, e.g. '/cases/:id'. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags?: string[];
  deprecated?: boolean;
  params?: P;
  /** Query schema. Values arrive as strings (or string arrays): use z.coerce / queryBoolean / queryList. */
  query?: Q;
  body?: B;
  /** Default application/json. For multipart, add the parser (e.g. multer) in `middleware`; `body` validates its fields. */
  bodyContentType?: BodyContentType;
  bodyDescription?: string;
  responses: R;
  /** Default 'required'. With 'none' the principal is whatever an app-level middleware set (maybe undefined). */
  auth?: A;
  /** Principal must have one of these roles (403 missing_role otherwise). */
  roles?: string[];
  /** API keys must have this scope (403 missing_scope otherwise); users are not limited by scopes. */
  scope?: string;
  /** Extra middleware run after authentication, before body parsing and validation (e.g. multer). */
  middleware?: RequestHandler[];
  handler: (ctx: RouteContext<P, Q, B, A>) => Promise<HandlerResult | void> | HandlerResult | void;
};

/** A registered route, as the OpenAPI builder sees it. */
export type RouteInfo = {
  method: HttpMethod;
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags?: string[];
  deprecated?: boolean;
  params?: AnyObjectSchema;
  query?: AnyObjectSchema;
  body?: z.ZodType;
  bodyContentType: BodyContentType;
  bodyDescription?: string;
  responses: ResponsesSpec;
  auth: AuthMode;
  roles?: string[];
  scope?: string;
};

export type RegistryOptions = {
  /** Authentication middleware (api/auth/middleware.ts `authenticate(...)`) run for routes with auth 'required'.
   *  Without it, such routes expect an app-level middleware to have set the principal. */
  authenticate?: RequestHandler;
  /** Limit of JSON bodies (default '1mb'). */
  jsonLimit?: string | number;
  /** 'strict' (default): handler bodies are parsed with the response schema and the output is sent;
   *  a mismatch is a 500. 'off': bodies are sent as returned. */
  responseValidation?: 'strict' | 'off';
};

export type Registry = {
  router: Router;
  routes: readonly RouteInfo[];
  route<
    P extends AnyObjectSchema | undefined = undefined,
    Q extends AnyObjectSchema | undefined = undefined,
    B extends z.ZodType | undefined = undefined,
    R extends ResponsesSpec = ResponsesSpec,
    A extends AuthMode = 'required',
  >(definition: RouteDefinition<P, Q, B, R, A>): RouteInfo;
  openapi(info: OpenApiInfo): OpenApiDocument;
};

/** Express path to OpenAPI path: '/cases/:id' → '/cases/{id}', '/files/*rest' → '/files/{rest}'. */
export function toOpenApiPath(path: string): string {
  return path.replace(/[:*]([A-Za-z_$][A-Za-z0-9_$]*)/g, '{$1}');
}

/** Names of the path parameters of an Express path. */
export function pathParamNames(path: string): string[] {
  return [...path.matchAll(/[:*]([A-Za-z_$][A-Za-z0-9_$]*)/g)].map((m) => m[1] as string);
}

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * Path of the first string (key or value) PostgreSQL cannot store: one holding a NUL character, or a lone UTF-16
 * surrogate (JSON's "\ud800" escape), which text columns would silently alter and jsonb refuses.
 */
export function unstorablePath(value: unknown, path: string, depth = 0): string | undefined {
  const bad = (s: string) => s.includes('\u0000') || !s.isWellFormed();
  if (typeof value === 'string') return bad(value) ? path : undefined;
  if (value === null || typeof value !== 'object' || depth > 64) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const found = bad(key) ? path : unstorablePath(item, `${path}.${key}`, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

async function collect<S extends z.ZodType>(
  schema: S | undefined,
  value: unknown,
  location: string,
  lang: Lang,
  errors: FieldError[],
): Promise<unknown> {
  const unstorable = unstorablePath(value, location);
  if (unstorable !== undefined) {
    errors.push({ in: location, path: unstorable, messageKey: 'field_unstorable_character', code: 'invalid_string' });
    return undefined;
  }
  if (!schema) return value;
  const r = await validate(schema, value, location, lang);
  if (r.ok) return r.value;
  errors.push(...r.errors);
  return undefined;
}

export function createRegistry(options: RegistryOptions = {}): Registry {
  const router = Router();
  const routes: RouteInfo[] = [];
  const operationIds = new Set<string>();
  const endpoints = new Set<string>();
  const jsonParser = express.json({ limit: options.jsonLimit ?? '1mb', type: ['application/json', 'application/*+json'] });
  const responseValidation = options.responseValidation ?? 'strict';

  function route<
    P extends AnyObjectSchema | undefined = undefined,
    Q extends AnyObjectSchema | undefined = undefined,
    B extends z.ZodType | undefined = undefined,
    R extends ResponsesSpec = ResponsesSpec,
    A extends AuthMode = 'required',
  >(def: RouteDefinition<P, Q, B, R, A>): RouteInfo {
    if (operationIds.has(def.operationId)) throw new Error(`Duplicate operationId ${def.operationId}`);
    const endpoint = `${def.method.toUpperCase()} ${toOpenApiPath(def.path).replace(/\{[^}]*\}/g, '{}')}`;
    if (endpoints.has(endpoint)) throw new Error(`Duplicate route ${endpoint}`);
    if (def.params) {
      const declared = Object.keys(def.params.shape).sort().join(',');
      const inPath = pathParamNames(def.path).sort().join(',');
      if (declared !== inPath) throw new Error(`${def.operationId}: params schema (${declared}) does not match path ${def.path} (${inPath})`);
    }
    if (Object.keys(def.responses).length === 0) throw new Error(`${def.operationId}: declare at least one response`);
    operationIds.add(def.operationId);
    endpoints.add(endpoint);

    const auth: AuthMode = def.auth ?? 'required';
    const bodyContentType: BodyContentType = def.bodyContentType ?? 'application/json';
    const info: RouteInfo = {
      method: def.method,
      path: def.path,
      operationId: def.operationId,
      summary: def.summary,
      auth,
      bodyContentType,
      responses: def.responses,
      ...(def.description !== undefined ? { description: def.description } : {}),
      ...(def.tags ? { tags: def.tags } : {}),
      ...(def.deprecated ? { deprecated: true } : {}),
      ...(def.params ? { params: def.params } : {}),
      ...(def.query ? { query: def.query } : {}),
      ...(def.body ? { body: def.body } : {}),
      ...(def.bodyDescription !== undefined ? { bodyDescription: def.bodyDescription } : {}),
      ...(def.roles ? { roles: def.roles } : {}),
      ...(def.scope !== undefined ? { scope: def.scope } : {}),
    };
    routes.push(info);

    const chain: RequestHandler[] = [];
    if (auth === 'required') {
      if (options.authenticate) chain.push(options.authenticate);
      chain.push((_req, res, next) => {
        next(maybePrincipalOf(res) ? undefined : unauthorized('unauthenticated'));
      });
    }
    if (def.roles || def.scope !== undefined) {
      chain.push((_req, res, next) => {
        const principal = maybePrincipalOf(res);
        if (!principal) return next(unauthorized('unauthenticated'));
        if (def.roles) requireRole(principal, def.roles);
        if (def.scope !== undefined) requireScope(principal, def.scope);
        next();
      });
    }
    if (def.body) {
      chain.push((req, _res, next) => {
        if (!hasBody(req)) return next();
        const ok = bodyContentType === 'application/json'
          ? req.is(['application/json', 'application/*+json'])
          : req.is('multipart/form-data');
        next(ok ? undefined : problem(415, 'unsupported_media_type', { expected: bodyContentType }, { headers: { 'Accept-Post': bodyContentType } }));
      });
    }
    chain.push(...(def.middleware ?? []));
    if (def.body && bodyContentType === 'application/json') chain.push(jsonParser);

    chain.push(async (req, res) => {
      const lang = pickLanguage(req);
      const errors: FieldError[] = [];
      const params = await collect(def.params, req.params, 'params', lang, errors);
      const query = await collect(def.query, req.query, 'query', lang, errors);
      const body = def.body ? await collect(def.body, req.body, 'body', lang, errors) : undefined;
      if (errors.length > 0) throw validationFailed(errors);
      const ctx = { req, res, params, query, body, principal: maybePrincipalOf(res), lang } as RouteContext<P, Q, B, A>;
      const result = await def.handler(ctx);
      if (res.headersSent) return;
      if (result === undefined) {
        res.status(204).end();
        return;
      }
      await send(def.operationId, def.responses, result, res, lang);
    });

    router[def.method](def.path, ...chain);
    return info;
  }

  async function send(
    operationId: string,
    responses: ResponsesSpec,
    result: HandlerResult,
    res: Response,
    lang: Lang,
  ): Promise<void> {
    const spec = responses[result.status];
    if (!spec) {
      throw problem(500, 'internal_error', {}, { cause: new Error(`${operationId} returned undeclared status ${result.status}`) });
    }
    let body = result.body;
    if (spec.schema && responseValidation === 'strict') {
      const parsed = await spec.schema.safeParseAsync(body, { error: zodErrorMap(lang) });
      if (!parsed.success) {
        const detail = issuesToFieldErrors(parsed.error.issues, 'response', 'en').map((e) => `${e.path}: ${e.message}`).join('; ');
        throw problem(500, 'internal_error', {}, { cause: new Error(`${operationId} response ${result.status} does not match its schema: ${detail}`) });
      }
      body = parsed.data;
    }
    for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
    res.status(result.status);
    if (body === undefined || result.status === 204 || result.status === 304) {
      res.end();
    } else if (spec.contentType && !/json/.test(spec.contentType)) {
      res.type(spec.contentType).send(body);
    } else {
      if (spec.contentType) res.type(spec.contentType);
      res.json(body);
    }
  }

  return {
    router,
    routes,
    route,
    openapi: (info) => buildOpenApiDocument(routes, info),
  };
}

// ---- query helpers (query strings only carry text) ---------------------------------------------------------------

/** Query boolean: 'true' | 'false' | '1' | '0'. */
export function queryBoolean() {
  return z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
}

/** Query list: repeated (?s=a&s=b) or comma separated (?s=a,b), each item validated by `item`. */
export function queryList<T extends z.ZodType>(item: T) {
  return z.preprocess(
    (v) => (v === undefined ? undefined : (Array.isArray(v) ? v : [v]).flatMap((s) => String(s).split(',')).map((s) => s.trim()).filter(Boolean)),
    z.array(item),
  );
}
