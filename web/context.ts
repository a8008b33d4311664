// What every console page and form handler gets: the signed-in principal (with the roles delegated to
// them), the viewer's language, the CSRF token, and renderers. A page without a session sends the browser
// to sign in and back; a form post needs the session's CSRF token in `_csrf` (checked by the session
// store). A ProblemError becomes an error page in the viewer's language — the same texts as the API's.
import express, { type Request, type RequestHandler, type Response } from 'express';
import type { DelegationResolver } from '../api/auth/delegations.ts';
import type { Principal } from '../api/auth/principal.ts';
import type { ConsoleSessions } from '../api/auth/sessions.ts';
import type { ApiDeps } from '../api/deps.ts';
import { isProblemError, problem, type ProblemError } from '../api/http/problem.ts';
import { unstorablePath } from '../api/http/routes.ts';
import { titleOf, translate, type Lang } from '../api/http/messages.ts';
import { rememberUser } from '../api/services/users.ts';
import { consoleLang, LANG_COOKIE, t } from './i18n.ts';
import { renderPage, type FrameModel } from './render.ts';
import { withRoleTitles } from '../api/http/roleTitles.ts';

export interface ConsoleDeps {
  deps: ApiDeps;
  sessions: ConsoleSessions;
  delegations: DelegationResolver;
}

export interface PageContext {
  req: Request;
  res: Response;
  deps: ApiDeps;
  principal: Principal;
  lang: Lang;
  csrfToken: string;
  frame: FrameModel;
  /** Renders a page (templates/console/pages/<page>.hbs) with the frame. */
  render(page: string, model: Record<string, unknown> & { title: string }, status?: number): void;
  /** Text of a console key in the viewer's language. */
  t(key: string, params?: Record<string, unknown>): string;
}

export type PageHandler = (ctx: PageContext) => Promise<void>;

const ADMIN_ROLE = 'administrator';

function signInRedirect(req: Request, res: Response): void {
  res.redirect(303, `/auth/login?returnTo=${encodeURIComponent(req.originalUrl)}`);
}

function rememberLanguage(req: Request, res: Response, lang: Lang): void {
  if (typeof req.query.lang === 'string') res.append('Set-Cookie', `${LANG_COOKIE}=${lang}; Path=/; Max-Age=31536000; SameSite=Lax`);
}

async function contextFor(c: ConsoleDeps, req: Request, res: Response, principal: Principal, csrfToken: string): Promise<PageContext> {
  await rememberUser(c.deps.orm.em.fork(), principal);
  const withDelegations = await c.delegations(principal);
  const lang = consoleLang(req);
  rememberLanguage(req, res, lang);
  const frame: FrameModel = {
    lang, csrfToken, path: req.path, search: req.originalUrl.split('?')[1] ?? '', isAdmin: withDelegations.roles.includes(ADMIN_ROLE), timezone: 'Asia/Jakarta',
    temporalUiUrl: c.deps.config.temporalUiUrl,
    user: {
      username: withDelegations.username, name: withDelegations.name, roles: withDelegations.roles,
      delegations: (withDelegations.delegations ?? []).map((d) => ({ kind: d.kind === 'plt' ? 'Plt.' : 'Plh.', delegator: d.delegator.name, until: new Date(d.until).toISOString() })),
    },
  };
  return {
    req, res, deps: c.deps, principal: withDelegations, lang, csrfToken, frame,
    render: (page, model, status) => renderPage(res, frame, page, model, status),
    t: (key, params) => t(key, lang, params),
  };
}

/** Renders a ProblemError as a page: its title and detail as the API would give them, in the viewer's language. */
export function renderProblemPage(ctx: Pick<PageContext, 'res' | 'frame' | 'lang'>, p: ProblemError, tenantId?: string): void {
  renderPage(ctx.res, ctx.frame, 'error', {
    title: titleOf(p.code, ctx.lang, p.status), detail: translate(p.code, ctx.lang, withRoleTitles(p.params, tenantId, ctx.lang)), code: p.code, status: p.status,
  }, p.status);
}

function anonymousFrame(req: Request): FrameModel {
  return { lang: consoleLang(req), csrfToken: '', user: null, path: req.path, isAdmin: false, timezone: 'Asia/Jakarta' };
}

function failed(req: Request, res: Response, err: unknown, ctx?: PageContext): boolean {
  if (!isProblemError(err)) return false;
  if (err.status === 401) {
    signInRedirect(req, res);
    return true;
  }
  const frame = ctx?.frame ?? anonymousFrame(req);
  renderProblemPage({ res, frame, lang: frame.lang }, err, ctx?.principal.tenantId);
  return true;
}

/** What PostgreSQL cannot store (a NUL, a lone surrogate) is refused before any page or form reads it, as the API does. */
function refuseUnstorable(req: Request): void {
  const found = unstorablePath(req.params, 'path') ?? unstorablePath(req.query, 'query') ?? unstorablePath(req.body, 'body');
  if (found !== undefined) throw problem(400, 'field_unstorable_character', { field: found });
}

/** A GET page: signed in (or sent to sign in), then `handler`. */
export function page(c: ConsoleDeps, handler: PageHandler): RequestHandler {
  return async (req, res, next) => {
    let ctx: PageContext | undefined;
    try {
      const session = await c.sessions.current(req);
      if (!session) return signInRedirect(req, res);
      ctx = await contextFor(c, req, res, session.principal, session.csrfToken);
      refuseUnstorable(req);
      await handler(ctx);
    } catch (err) {
      if (!failed(req, res, err, ctx)) next(err);
    }
  };
}

const formBody = express.urlencoded({ extended: false, limit: '256kb' });

/** A form post: the body parsed, the session and its CSRF token checked, then `handler`. */
export function action(c: ConsoleDeps, handler: PageHandler): RequestHandler[] {
  return [formBody, async (req, res, next) => {
    let ctx: PageContext | undefined;
    try {
      const principal = await c.sessions.authenticate(req); // checks `_csrf` against the session
      const session = await c.sessions.current(req);
      if (!principal || !session) return signInRedirect(req, res);
      ctx = await contextFor(c, req, res, principal, session.csrfToken);
      refuseUnstorable(req);
      await handler(ctx);
    } catch (err) {
      if (!failed(req, res, err, ctx)) next(err);
    }
  }];
}

/** The fields of a posted form as strings (repeated fields as arrays), without the CSRF token. */
export function formFields(req: Request): Record<string, string | string[]> {
  const { _csrf: _ignored, ...fields } = (req.body ?? {}) as Record<string, string | string[]>;
  return fields;
}
