// The web console: server-rendered pages for approvers, process owners and administrators, mounted at
// the root of the API server (the API stays under /api/v1, sign-in under /auth). Each area registers its
// pages on the router; static files (CSS, the small progressive-enhancement script) come from web/static.
import { join } from 'node:path';
import express, { type Router } from 'express';
import type { ConsoleDeps } from './context.ts';
import { renderPage } from './render.ts';
import { consoleLang, t } from './i18n.ts';

export type AreaRegistrar = (router: Router, c: ConsoleDeps) => void;

/** The console router; `areas` register their pages in order (the first match wins). */
export function createConsole(c: ConsoleDeps, areas: AreaRegistrar[]): Router {
  const router = express.Router();
  router.use('/static', express.static(join(import.meta.dirname, 'static'), { maxAge: '1h', index: false }));
  router.get('/', (_req, res) => res.redirect(303, '/inbox'));
  for (const register of areas) register(router, c);
  // Any other page a browser asks for: a 404 page in the viewer's language (API paths keep problem+json).
  router.get(/^\/(?!api\/|auth\/).*/, (req, res, next) => {
    if (!req.accepts('html')) return next();
    const lang = consoleLang(req);
    renderPage(res, { lang, csrfToken: '', user: null, path: req.path, isAdmin: false, timezone: 'Asia/Jakarta' }, 'error', {
      title: t('error.notFound', lang), detail: '', code: 'not_found', status: 404,
    }, 404);
  });
  return router;
}
