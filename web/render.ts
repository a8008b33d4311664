// Server-rendered pages: templates/console/layout.hbs wraps templates/console/pages/<page>.hbs; partials
// come from templates/console/partials/. HTML-escaping is on (Handlebars' default): user text never
// becomes markup. Areas add their own helpers with `consoleHelpers.registerHelper` at import time.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import type { Response } from 'express';
import type { Lang } from '../api/http/messages.ts';
import { local, t } from './i18n.ts';

const ROOT = join(import.meta.dirname, '..', 'templates', 'console');

export const consoleHelpers = Handlebars.create();

consoleHelpers.registerHelper('t', function (this: unknown, key: string, options: Handlebars.HelperOptions) {
  return t(key, (options.data.root as { lang: Lang }).lang, options.hash as Record<string, unknown>);
});
consoleHelpers.registerHelper('local', (text: unknown, options: Handlebars.HelperOptions) =>
  local(text as Parameters<typeof local>[0], (options.data.root as { lang: Lang }).lang));
/** The current page in another language, keeping its query (filters, paging). */
consoleHelpers.registerHelper('langHref', (lang: string, options: Handlebars.HelperOptions) => {
  const params = new URLSearchParams((options.data.root as { search?: string }).search ?? '');
  params.set('lang', lang);
  return `?${params.toString()}`;
});
consoleHelpers.registerHelper('eq', (a: unknown, b: unknown) => a === b);
/** Whether the current path is in a section (`/new/request` is in `/new`). */
consoleHelpers.registerHelper('inSection', (path: unknown, section: string) => path === section || (typeof path === 'string' && path.startsWith(`${section}/`)));
consoleHelpers.registerHelper('includes', (list: unknown, value: unknown) => Array.isArray(list) && list.includes(value));
/** A date-time in the tenant's time zone as the server renders it; console.js rewrites it in the viewer's zone. */
consoleHelpers.registerHelper('datetime', (iso: unknown, options: Handlebars.HelperOptions) => {
  if (typeof iso !== 'string' || iso === '') return '–';
  const root = options.data.root as { lang: Lang; timezone?: string };
  const text = formatDateTime(iso, root.lang, root.timezone ?? 'Asia/Jakarta');
  return new Handlebars.SafeString(`<time datetime="${Handlebars.escapeExpression(iso)}" data-local>${Handlebars.escapeExpression(text)}</time>`);
});

export function formatDateTime(iso: string, lang: Lang, timeZone: string): string {
  return new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone, timeZoneName: 'short' }).format(new Date(iso));
}

function loadDir(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of readdirSync(dir)) if (file.endsWith('.hbs')) out.set(file.slice(0, -4), readFileSync(join(dir, file), 'utf8'));
  return out;
}

let compiled: { layout: Handlebars.TemplateDelegate; pages: Map<string, Handlebars.TemplateDelegate> } | undefined;

function templates() {
  if (compiled) return compiled;
  for (const [name, source] of loadDir(join(ROOT, 'partials'))) consoleHelpers.registerPartial(name, source);
  const pages = new Map<string, Handlebars.TemplateDelegate>();
  for (const [name, source] of loadDir(join(ROOT, 'pages'))) pages.set(name, consoleHelpers.compile(source, { strict: false }));
  compiled = { layout: consoleHelpers.compile(readFileSync(join(ROOT, 'layout.hbs'), 'utf8')), pages };
  return compiled;
}

/** What every page gets besides its own model (set by web/context.ts). */
export interface FrameModel {
  lang: Lang;
  csrfToken: string;
  user: { username: string; name: string; roles: string[]; delegations: Array<{ kind: string; delegator: string; until: string }> } | null;
  /** The current path, for the navigation's aria-current and the language switch. */
  path: string;
  /** The current query string without `?` (kept by the language switch). */
  search?: string;
  isAdmin: boolean;
  timezone: string;
  temporalUiUrl?: string;
}

/** Renders `page` inside the layout and sends it. `title` is already in the viewer's language. */
export function renderPage(res: Response, frame: FrameModel, page: string, model: Record<string, unknown> & { title: string }, status = 200): void {
  const { layout, pages } = templates();
  const template = pages.get(page);
  if (!template) throw new Error(`Console page template ${page}.hbs is missing`);
  const root = { ...frame, ...model };
  const body = template(root);
  res.status(status).type('html').set('Cache-Control', 'no-store').send(layout({ ...root, body: new Handlebars.SafeString(body) }));
}
