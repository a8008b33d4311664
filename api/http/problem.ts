// Errors as RFC 9457 problem details (application/problem+json), localised per request (id first, en second).
//
// Problem `type` URIs: `https://sigap.go.id/problems/<code>` where <code> is the stable machine code (a key of
// the message catalogue, also sent as the `code` member). Every problem, including plain HTTP ones such as
// `not_found`, gets such a URI (never `about:blank`), so clients can switch on `type` or `code` alike. The
// base is configurable (`problemHandler({ typeBase })`); the URIs are identifiers and need not resolve.
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { pino, type Logger } from 'pino';
import {
  localize,
  messages,
  pickLanguage,
  titleOf,
  translate,
  type Lang,
  type LocalText,
  type MessageKey,
  type MessageParams,
} from './messages.ts';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
export const DEFAULT_PROBLEM_TYPE_BASE = 'https://sigap.go.id/problems/';

/** One field-level error in `errors` of a problem. Give `message` (already localised) or `messageKey` (+params). */
export type FieldError = {
  /** Where the value was: 'body' | 'query' | 'params' | 'headers' | anything else meaningful. */
  in?: string;
  /** Location-qualified dotted path, e.g. 'body.items.0.code'. */
  path: string;
  message?: string;
  messageKey?: MessageKey;
  params?: MessageParams;
  /** Machine code of the issue (zod issue code for schema validation). */
  code?: string;
};

export type ProblemOptions = {
  params?: MessageParams;
  /** Replaces the catalogue detail; placeholders are filled from params. */
  detail?: string | LocalText;
  /** Replaces the catalogue title. */
  title?: string | LocalText;
  /** Field-level errors, sent as `errors`. */
  errors?: FieldError[];
  /** Extension members (e.g. `case: { id, state }`); the standard members cannot be overwritten. */
  extra?: Record<string, unknown>;
  /** Response headers (e.g. WWW-Authenticate, Retry-After). */
  headers?: Record<string, string>;
  cause?: unknown;
};

/** An error that is answered as a problem document. Throw it from handlers and middleware. */
export class ProblemError extends Error {
  readonly status: number;
  readonly code: MessageKey;
  readonly params: MessageParams;
  readonly detailOverride: string | LocalText | undefined;
  readonly titleOverride: string | LocalText | undefined;
  readonly errors: FieldError[] | undefined;
  readonly extra: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(status: number, code: MessageKey, options: ProblemOptions = {}) {
    const params = options.params ?? {};
    super(
      `${status} ${code}: ${options.detail ? localize(options.detail, 'en', params) : translate(code, 'en', params)}`,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'ProblemError';
    this.status = status;
    this.code = code;
    this.params = params;
    this.detailOverride = options.detail;
    this.titleOverride = options.title;
    this.errors = options.errors;
    this.extra = options.extra ?? {};
    this.headers = options.headers ?? {};
  }
}

export function isProblemError(err: unknown): err is ProblemError {
  return err instanceof ProblemError;
}

type Factory = (code?: MessageKey, params?: MessageParams, options?: Omit<ProblemOptions, 'params'>) => ProblemError;

function factory(status: number, defaultCode: MessageKey): Factory {
  return (code = defaultCode, params, options = {}) => new ProblemError(status, code, { ...options, params: params ?? {} });
}

/** Any status with any code. */
export function problem(status: number, code: MessageKey, params?: MessageParams, options: Omit<ProblemOptions, 'params'> = {}): ProblemError {
  return new ProblemError(status, code, { ...options, params: params ?? {} });
}
/** 400; default code bad_request. */
export const badRequest: Factory = factory(400, 'bad_request');
/** 401; default code unauthenticated. Adds `WWW-Authenticate: Bearer` unless headers say otherwise. */
export const unauthorized: Factory = (code = 'unauthenticated', params, options = {}) =>
  new ProblemError(401, code, {
    ...options,
    params: params ?? {},
    headers: { 'WWW-Authenticate': wwwAuthenticate(code), ...options.headers },
  });
/** 403; default code forbidden. */
export const forbidden: Factory = factory(403, 'forbidden');
/** 404; default code not_found. */
export const notFound: Factory = factory(404, 'not_found');
/** 409; default code conflict. */
export const conflict: Factory = factory(409, 'conflict');
/** 422; default code business_rule. */
export const unprocessable: Factory = factory(422, 'business_rule');

/** 400 validation_failed with field errors. */
export function validationFailed(errors: FieldError[], options: Omit<ProblemOptions, 'errors'> = {}): ProblemError {
  return new ProblemError(400, 'validation_failed', { ...options, errors });
}

/** RFC 6750 challenge: `Bearer realm="sigap"` plus `error="invalid_token"` when a credential was rejected. */
export function wwwAuthenticate(code: MessageKey): string {
  return code === 'invalid_token' ? 'Bearer realm="sigap", error="invalid_token"' : 'Bearer realm="sigap"';
}

// ------------------------------------------------------------------------------------------------------------------
// Mapping of foreign errors (body-parser / http-errors, unknown) to problems.

type HttpLikeError = Error & { status?: number; statusCode?: number; type?: string; expose?: boolean; limit?: number };

function httpStatusOf(err: unknown): number | undefined {
  if (!err || typeof err !== 'object') return undefined;
  const e = err as HttpLikeError;
  const status = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : undefined;
  return status !== undefined && status >= 400 && status <= 599 ? status : undefined;
}

/** Turns any thrown value into a ProblemError; unknown errors become 500 internal_error (with the error as cause). */
export function toProblem(err: unknown): ProblemError {
  if (err instanceof ProblemError) return err;
  const status = httpStatusOf(err);
  if (status === undefined) return new ProblemError(500, 'internal_error', { cause: err });
  const e = err as HttpLikeError;
  switch (e.type) {
    case 'entity.parse.failed':
      return new ProblemError(400, 'malformed_json', { cause: err });
    case 'entity.too.large':
      return new ProblemError(413, 'payload_too_large', {
        cause: err,
        extra: typeof e.limit === 'number' ? { limitBytes: e.limit } : {},
      });
    case 'parameters.too.many':
      return new ProblemError(413, 'payload_too_large', { cause: err });
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new ProblemError(415, 'unsupported_media_type', { cause: err, params: { expected: 'application/json; charset=utf-8' } });
    case 'request.aborted':
    case 'request.size.invalid':
      return new ProblemError(400, 'bad_request', { cause: err });
    case 'entity.verify.failed':
      return new ProblemError(403, 'forbidden', { cause: err });
    default:
      break;
  }
  switch (status) {
    case 400: return new ProblemError(400, 'bad_request', { cause: err });
    case 401: return unauthorized('unauthenticated', {}, { cause: err });
    case 403: return new ProblemError(403, 'forbidden', { cause: err });
    case 404: return new ProblemError(404, 'not_found', { cause: err });
    case 405: return new ProblemError(405, 'method_not_allowed', { cause: err });
    case 409: return new ProblemError(409, 'conflict', { cause: err });
    case 413: return new ProblemError(413, 'payload_too_large', { cause: err });
    case 415: return new ProblemError(415, 'unsupported_media_type', { cause: err, params: { expected: 'application/json' } });
    case 429: return new ProblemError(429, 'too_many_requests', { cause: err });
    case 503: return new ProblemError(503, 'service_unavailable', { cause: err });
    default:
      return status < 500
        ? new ProblemError(status, 'bad_request', { cause: err })
        : new ProblemError(500, 'internal_error', { cause: err });
  }
}

// ------------------------------------------------------------------------------------------------------------------
// Rendering.

export type ProblemDocument = {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: MessageKey;
  errors?: { in?: string; path: string; message: string; code?: string }[];
  params?: MessageParams;
  [extension: string]: unknown;
};

export type ProblemHandlerOptions = {
  /** Logger for 5xx errors (logged with stack) and 4xx (debug). Default: pino named 'sigap-http'. */
  logger?: Logger;
  /** Base of the `type` URIs; default https://sigap.go.id/problems/ */
  typeBase?: string;
  /**
   * Rewrites params before they are put into texts, e.g. role ids to role titles of the tenant's regulation
   * profile. The raw params still go out in the `params` member.
   */
  formatParams?: (ctx: { code: MessageKey; params: MessageParams; lang: Lang; req: Request }) => MessageParams;
};

const RESERVED = new Set(['type', 'title', 'status', 'detail', 'instance', 'code', 'errors', 'params']);

function instanceOf(req: Request): string {
  const url = req.originalUrl || req.url || '/';
  const path = url.split('?')[0] ?? '/';
  return path.length > 512 ? path.slice(0, 512) : path;
}

function isEmpty(o: object): boolean {
  return Object.keys(o).length === 0;
}

/** Builds the problem document for a request (language from Accept-Language). */
export function renderProblem(p: ProblemError, req: Request, options: Omit<ProblemHandlerOptions, 'logger'> = {}): ProblemDocument {
  const lang = pickLanguage(req);
  const typeBase = options.typeBase ?? DEFAULT_PROBLEM_TYPE_BASE;
  const textParams = options.formatParams ? options.formatParams({ code: p.code, params: p.params, lang, req }) : p.params;
  const doc: ProblemDocument = {
    type: `${typeBase}${p.code}`,
    title: p.titleOverride ? localize(p.titleOverride, lang, textParams) : titleOf(p.code, lang, p.status),
    status: p.status,
    detail: p.detailOverride ? localize(p.detailOverride, lang, textParams) : translate(p.code, lang, textParams),
    instance: instanceOf(req),
    code: p.code,
  };
  if (p.errors) {
    doc.errors = p.errors.map((e) => ({
      ...(e.in ? { in: e.in } : {}),
      path: e.path,
      message: e.message ?? (e.messageKey ? translate(e.messageKey, lang, e.params) : translate('field_invalid', lang)),
      ...(e.code ? { code: e.code } : {}),
    }));
  }
  if (!isEmpty(p.params)) doc.params = p.params;
  for (const [k, v] of Object.entries(p.extra)) {
    if (!RESERVED.has(k) && v !== undefined) doc[k] = v;
  }
  return doc;
}

/** Sends a problem document now (for code that answers without throwing). */
export function sendProblem(req: Request, res: Response, p: ProblemError, options: Omit<ProblemHandlerOptions, 'logger'> = {}): void {
  const doc = renderProblem(p, req, options);
  for (const [name, value] of Object.entries(p.headers)) res.setHeader(name, value);
  res.setHeader('Content-Language', pickLanguage(req));
  res.vary('Accept-Language');
  res.setHeader('Cache-Control', 'no-store');
  res.status(p.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(doc));
}

let defaultLogger: Logger | undefined;
function fallbackLogger(): Logger {
  defaultLogger ??= pino({ name: 'sigap-http', level: process.env.LOG_LEVEL ?? 'info' });
  return defaultLogger;
}

/**
 * Express error middleware: every error becomes application/problem+json. Mount it last.
 * Unknown errors are logged (with stack) and answered as 500 internal_error without internals.
 */
export function problemHandler(options: ProblemHandlerOptions = {}): ErrorRequestHandler {
  const logger = options.logger ?? fallbackLogger();
  return (err, req, res, next) => {
    const p = toProblem(err);
    const log = { method: req.method, path: instanceOf(req), status: p.status, code: p.code };
    if (p.status >= 500) logger.error({ ...log, err: p.cause ?? err }, 'request failed');
    else logger.debug({ ...log, err: p.cause }, 'request rejected');
    if (res.headersSent) {
      next(err);
      return;
    }
    sendProblem(req, res, p, options);
  };
}

/** 404 problem for requests that matched no route. Mount after all routers, before problemHandler. */
export function notFoundHandler(): RequestHandler {
  return (req, _res, next) => {
    next(notFound('not_found', { method: req.method, path: instanceOf(req) }, { detail: messages.route_not_found }));
  };
}
