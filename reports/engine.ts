// The report engine: a ReportModel (reports/types.ts) + the tenant's templates → one printable HTML
// document (PDF: reports/pdf.ts; CSV/XLSX: reports/tabular.ts).
//
// ---- For template authors (templates/reports/<formulir>.<lang>.hbs: the BODY only) ---------------
// The engine renders, per language: the `letterhead` partial, then the body; `layout` wraps all
// languages into one HTML document (A4 print CSS, a page break between languages). Strict mode: a
// field the context lacks throws (TemplateRenderError: field, 1-based line and column, and the
// templates it passed through); `{{#if x}}`/`{{#each x}}` and helper
// arguments tolerate a missing LAST segment, helpers themselves throw on `undefined` (null is fine
// and prints "-"). Output is HTML-escaped; charts are already safe markup: write `{{charts.trend}}`.
//
// Context (the root, also `@root` inside #each):
//   report       model.data (your fields; the letterhead shows report.number and report.period —
//                a string or LocalText — when the model has them; signatures read report.signatures)
//   tables       { <id>: ReportTable } — a misspelt id throws, even inside #if
//   charts       { <id>: SafeString } — same
//   tenant       { id, name, timezone }
//   lang         'id' | 'en' (the language being rendered)
//   title        model.title in `lang` (string)
//   formulir     model.formulir
//   generatedAt  ISO instant of `now`
//   empty        model.empty
//
// Helpers (language and time zone of the part being rendered):
//   {{t x}}                LocalText → x.id / x.en; a string as is; null → ''
//   {{date iso}}           "5 Januari 2026" / "5 January 2026" (tenant time zone; YYYY-MM-DD unshifted)
//   {{datetime iso}}       "5 Januari 2026 pukul 10.00" / "5 January 2026 at 10:00"
//   {{percent n}}          99.5 → "99,50%" / "99.50%"; {{percent bp basisPoints=true}} 9950 → same;
//                          digits=N for other precision
//   {{hours ms}}           5400000 → "1,50" / "1.50" (hours, no unit)
//   {{number n}}           1234 → "1.234" / "1,234"; digits=N
//   {{cell row column}}    row[column.key] formatted by column.kind (text, number, percent, date,
//                          datetime, boolean → Ya/Tidak); column may be a key string
//   {{eq a b}}             a === b (subexpression: {{#if (eq report.mode "exercise")}})
//   {{join list ", "}}     strings/LocalTexts joined (separator optional)
//
// Partials:
//   {{> table tables.x}}   a ReportTable: caption (localized title), header row repeated on each
//                          printed page, rows formatted by {{cell}}, "Tidak ada data" when empty
//   {{> signatures}}       blocks from report.signatures: Array<ReportSignature> (below), side by
//                          side; nothing when the field is absent or empty. Works at any depth.
//   {{> noData}}           «Tidak ada data untuk periode ini.» / "No data for this period."
//                          (write {{#if empty}}{{> noData}}{{else}}…{{/if}})
//   {{> letterhead}}       rendered by the engine before the body; do not call it again
// CSS classes from the layout: page-break (start a new page), avoid-break, num (right-aligned).
// Tenants may replace the body and the letterhead/signatures partials (TEMPLATE_PARTIALS) per
// language; an override that fails with the data falls back to the built-in one (`fallbacks`).
// Stored documents: renderReportHtml(model, { langs: ['id', 'en'], tenant, now,
// templates: await loadTenantTemplates(em, tenantId) }). Tests may pass `builtIns` (a body by
// "<formulir>.<lang>") instead of files under templates/reports/.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import type { EntityManager } from '@mikro-orm/postgresql';
import { HelperArgumentError, registerReportHelpers } from './helpers.ts';
import { FORMULIR_IDS, TEMPLATE_PARTIALS, type FormulirId, type LocalText, type ReportLang, type ReportModel, type TemplateName } from './types.ts';

/** An agency's active templates, by `${name}.${lang}` (e.g. "letterhead.id", "f.en"). */
export type TenantTemplates = ReadonlyMap<string, string>;

export interface RenderOptions {
  /** One language, or several rendered one after the other (stored documents: ['id', 'en']). */
  langs: ReportLang[];
  tenant: { id: string; name: string; timezone: string };
  /** The tenant's own templates; built-in ones (templates/reports/) where absent. */
  templates?: TenantTemplates | undefined;
  now: number;
  /** Built-in texts to use instead of templates/reports/ (tests, a report defined outside the tree). */
  builtIns?: TenantTemplates | undefined;
}

export interface RenderedHtml {
  html: string;
  /** Templates of the tenant that failed with this data and were replaced by the built-in one. */
  fallbacks: Array<{ template: TemplateName; lang: ReportLang; error: string }>;
}

/** One signature block of `report.signatures`. */
export interface ReportSignature {
  /** The signer's function, e.g. { id: 'Kepala Dinas', en: 'Head of Agency' }. */
  role: LocalText | string;
  /** null: a blank line to sign by hand. */
  name: string | null;
  nip?: string | null | undefined;
  /** ISO instant or YYYY-MM-DD; null: a blank date. */
  date: string | null;
}

export const REPORT_TEMPLATES_DIR = fileURLToPath(new URL('../templates/reports/', import.meta.url));

/** Every name a tenant may replace: each report body and the shared partials. */
export const TEMPLATE_NAMES: readonly TemplateName[] = [...FORMULIR_IDS, ...TEMPLATE_PARTIALS];
export const REPORT_LANGS: readonly ReportLang[] = ['id', 'en'];

export function isTemplateName(name: string): name is TemplateName {
  return (TEMPLATE_NAMES as readonly string[]).includes(name);
}

export function isPartialName(name: TemplateName): boolean {
  return (TEMPLATE_PARTIALS as readonly string[]).includes(name);
}

export function builtInTemplatePath(name: TemplateName | 'layout' | 'table' | 'noData', lang: ReportLang): string {
  if (name === 'layout' || name === 'table' || name === 'noData') return `${REPORT_TEMPLATES_DIR}partials/${name}.hbs`;
  return isPartialName(name) ? `${REPORT_TEMPLATES_DIR}partials/${name}.${lang}.hbs` : `${REPORT_TEMPLATES_DIR}${name}.${lang}.hbs`;
}

const sourceCache = new Map<string, string>();

/** The built-in template text (read once per process: built-in templates ship with the release). */
export function builtInTemplate(name: TemplateName | 'layout' | 'table' | 'noData', lang: ReportLang): string {
  const path = builtInTemplatePath(name, lang);
  let text = sourceCache.get(path);
  if (text === undefined) {
    text = readFileSync(path, 'utf8');
    sourceCache.set(path, text);
  }
  return text;
}

/** Tests (and a dev editing templates) can drop the cached built-in texts. */
export function clearTemplateCache(): void {
  sourceCache.clear();
}

// ---- errors ---------------------------------------------------------------------------------------

/** A template that failed to render with the data: where and, for a missing field, which one. */
export class TemplateRenderError extends Error {
  /** The templates the error passed through, innermost first (e.g. ['table', 'f']). */
  readonly chain: string[];
  readonly lang: ReportLang;
  readonly field: string | null;
  /** 1-based, like the column. */
  readonly line: number | null;
  readonly column: number | null;
  constructor(template: string, lang: ReportLang, message: string, where: { field: string | null; line: number | null; column: number | null }, cause: unknown) {
    super(`${template}.${lang}: ${message}`, { cause });
    this.name = 'TemplateRenderError';
    this.chain = [template];
    this.lang = lang;
    this.field = where.field;
    this.line = where.line;
    this.column = where.column;
  }
  /** The template where it happened (innermost). */
  get template(): string { return this.chain[0]!; }
}

/** A template that does not compile: Handlebars syntax. */
export class TemplateSyntaxError extends Error {
  readonly line: number | null;
  readonly column: number | null;
  readonly detail: string;
  constructor(detail: string, line: number | null, column: number | null) {
    super(`template syntax: ${detail}`);
    this.name = 'TemplateSyntaxError';
    this.detail = detail;
    this.line = line;
    this.column = column;
  }
}

/** Unknown `tables.x` / `charts.x`: a field name the source contains, so its line can be found. */
class UnknownEntryError extends Error {
  readonly field: string;
  constructor(field: string, known: string[]) {
    super(`"${field}" does not exist (known: ${known.join(', ') || 'none'})`);
    this.field = field;
  }
}

interface AstNode { type: string; loc?: { start: { line: number; column: number } }; path?: AstNode; params?: AstNode[]; original?: unknown; [key: string]: unknown }

/** The path a strict error or helper points at: the mustache at `line:column` and its first path. */
function fieldAt(source: string, line: number, column: number): string | null {
  let found: string | null = null;
  const visit = (node: unknown): void => {
    if (found !== null || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) { node.forEach(visit); return; }
    const n = node as AstNode;
    // Strict lookups point at the path itself; helpers at their mustache (then: its first path argument).
    if (n.type === 'PathExpression' && n.loc && n.loc.start.line === line && n.loc.start.column === column && typeof n.original === 'string') { found = n.original; return; }
    if (n.loc && n.loc.start.line === line && n.loc.start.column === column && (n.type === 'MustacheStatement' || n.type === 'BlockStatement' || n.type === 'SubExpression' || n.type === 'PartialStatement')) {
      const params = (n.params ?? []).filter((p) => p.type === 'PathExpression');
      const path = n.params && n.params.length > 0 ? params[0] : n.path;
      if (path && path.type === 'PathExpression' && typeof path.original === 'string') { found = path.original; return; }
    }
    for (const [key, value] of Object.entries(n)) if (key !== 'loc') visit(value);
  };
  try { visit(Handlebars.parse(source)); } catch { /* the source compiled before; nothing to find */ }
  return found;
}

function lineOf(source: string, needle: string): { line: number; column: number } | null {
  const at = source.indexOf(needle);
  if (at < 0) return null;
  const before = source.slice(0, at).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length };
}

/** Turns whatever a template threw into a TemplateRenderError naming the template, field and line. */
function describe(template: string, lang: ReportLang, source: string, err: unknown): TemplateRenderError {
  if (err instanceof TemplateRenderError) return err;
  const message = err instanceof Error ? err.message : String(err);
  let line: number | null = null; let column: number | null = null; let field: string | null = null;
  if (err instanceof HelperArgumentError && err.loc) {
    line = err.loc.start.line; column = err.loc.start.column;
    field = fieldAt(source, line, column);
  } else if (err instanceof UnknownEntryError) {
    field = err.field;
    const at = lineOf(source, err.field);
    if (at) { line = at.line; column = at.column; }
  } else if (err instanceof Error && typeof (err as { lineNumber?: unknown }).lineNumber === 'number') {
    // Handlebars strict lookup: '"x" not defined in … - line:column'
    line = (err as unknown as { lineNumber: number }).lineNumber;
    column = (err as unknown as { column: number }).column;
    const name = /^"([^"]+)" not defined/.exec(message)?.[1] ?? null;
    field = fieldAt(source, line, column) ?? name;
    if (name && field && !field.split(/[./]/).includes(name)) field = name;
  }
  // Handlebars counts columns from 0; people and editors from 1.
  return new TemplateRenderError(template, lang, message, { field, line, column: column === null ? null : column + 1 }, err);
}

/** Checks that a template compiles; throws TemplateSyntaxError with the line and column. */
export function checkTemplateSyntax(source: string): void {
  try {
    Handlebars.precompile(source, { strict: true });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const e = err as { lineNumber?: unknown; column?: unknown };
    if (typeof e.lineNumber === 'number') throw new TemplateSyntaxError(message.replace(/ - \d+:\d+$/, ''), e.lineNumber, typeof e.column === 'number' ? e.column + 1 : null);
    // Parser errors: "Parse error on line N:\n<excerpt>\n-----^\nExpecting …"
    const m = /^Parse error on line (\d+):\n(.*)\n(-*)\^\n?([\s\S]*)$/.exec(message);
    if (!m) throw new TemplateSyntaxError(message, null, null);
    const line = Number(m[1]);
    throw new TemplateSyntaxError(m[4]?.trim() || 'parse error', line, parseErrorColumn(source.split('\n')[line - 1] ?? '', m[2]!, m[3]!.length));
  }
}

/**
 * The 1-based column of a parser error. The parser shows ~20 characters around the error with the
 * newlines removed and a caret under it: find where, in the error's line, that excerpt fits.
 */
function parseErrorColumn(sourceLine: string, excerpt: string, caret: number): number | null {
  const past = excerpt.slice(0, caret).replace(/^\.\.\./, '');
  const upcoming = excerpt.slice(caret);
  for (let pos = sourceLine.length; pos >= 0; pos--) {
    const before = sourceLine.slice(0, pos); const after = sourceLine.slice(pos);
    const fitsBefore = past.endsWith(before) || before.endsWith(past);
    const fitsAfter = upcoming.startsWith(after) || after.startsWith(upcoming);
    if (fitsBefore && fitsAfter) return pos + 1;
  }
  return null;
}

// ---- rendering --------------------------------------------------------------------------------------

/** `tables.x` / `charts.x` that throw for an unknown id (an optional table would hide a typo). */
function strictEntries<T>(kind: 'tables' | 'charts', entries: Record<string, T>): Record<string, T> {
  return new Proxy(entries, {
    get(target, key, receiver) {
      if (typeof key === 'string' && !Object.hasOwn(target, key) && !(key in Object.prototype) && key !== 'then' && key !== 'toJSON') {
        throw new UnknownEntryError(`${kind}.${key}`, Object.keys(target));
      }
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}

export interface TemplateContext {
  report: Record<string, unknown>;
  tables: Record<string, ReportModel['tables'][number]>;
  charts: Record<string, Handlebars.SafeString>;
  tenant: RenderOptions['tenant'];
  lang: ReportLang;
  title: string;
  formulir: FormulirId;
  generatedAt: string;
  empty: boolean;
}

export function templateContext(model: ReportModel, lang: ReportLang, tenant: RenderOptions['tenant'], now: number): TemplateContext {
  return {
    report: model.data,
    tables: strictEntries('tables', Object.fromEntries(model.tables.map((t) => [t.id, t]))),
    charts: strictEntries('charts', Object.fromEntries(Object.entries(model.charts).map(([id, svg]) => [id, new Handlebars.SafeString(svg)]))),
    tenant, lang,
    title: model.title[lang],
    formulir: model.formulir,
    generatedAt: new Date(now).toISOString(),
    empty: model.empty,
  };
}

type Compiled = (context: unknown, options?: Handlebars.RuntimeOptions) => string;

/**
 * Renders one language part (letterhead + body) with the given template sources. Throws a
 * TemplateRenderError whose `chain` lists the templates it passed through.
 */
export function renderPart(model: ReportModel, lang: ReportLang, tenant: RenderOptions['tenant'], now: number, sources: { body: string; letterhead: string; signatures: string }): string {
  const hb = Handlebars.create();
  registerReportHelpers(hb, lang, tenant.timezone);
  const compile = (name: string, source: string): Compiled => {
    const fn = hb.compile(source, { strict: true });
    return (context, options) => {
      try {
        return fn(context, options);
      } catch (err) {
        const e = describe(name, lang, source, err);
        if (e.chain[e.chain.length - 1] !== name) e.chain.push(name);
        throw e;
      }
    };
  };
  // Partials as functions: Handlebars calls them with (context, options) like a compiled template.
  hb.registerPartial('table', compile('table', builtInTemplate('table', lang)) as unknown as Handlebars.Template);
  hb.registerPartial('noData', compile('noData', builtInTemplate('noData', lang)) as unknown as Handlebars.Template);
  hb.registerPartial('signatures', compile('signatures', sources.signatures) as unknown as Handlebars.Template);
  const letterhead = compile('letterhead', sources.letterhead);
  hb.registerPartial('letterhead', letterhead as unknown as Handlebars.Template);
  const body = compile(model.formulir, sources.body);
  const context = templateContext(model, lang, tenant, now);
  return `${letterhead(context)}\n${body(context)}`;
}

/** Renders the model as one printable HTML document (layout, letterhead, body, signatures). */
export function renderReportHtml(model: ReportModel, options: RenderOptions): RenderedHtml {
  const fallbacks: RenderedHtml['fallbacks'] = [];
  const sections = options.langs.map((lang) => {
    const own = (name: TemplateName) => options.templates?.get(`${name}.${lang}`);
    const overrides = new Map<string, string>();
    for (const name of [model.formulir, 'letterhead', 'signatures'] as const) {
      const text = own(name);
      if (text !== undefined) overrides.set(name, text);
    }
    for (;;) {
      const pick = (name: TemplateName) => overrides.get(name) ?? options.builtIns?.get(`${name}.${lang}`) ?? builtInTemplate(name, lang);
      try {
        const html = renderPart(model, lang, options.tenant, options.now, { body: pick(model.formulir), letterhead: pick('letterhead'), signatures: pick('signatures') });
        return { lang, html: new Handlebars.SafeString(html) };
      } catch (err) {
        // The tenant's template nearest to the failure is replaced by the built-in one; a failure in
        // built-in templates alone is a bug in the report model and is thrown.
        const chain = err instanceof TemplateRenderError ? err.chain : [];
        const blame = chain.find((name) => overrides.has(name)) ?? (chain.length === 0 ? [...overrides.keys()][0] : undefined);
        if (blame === undefined) throw err;
        overrides.delete(blame);
        fallbacks.push({ template: blame as TemplateName, lang, error: err instanceof Error ? err.message : String(err) });
      }
    }
  });
  const layout = Handlebars.create().compile(builtInTemplate('layout', options.langs[0] ?? 'id'), { strict: true });
  const html = layout({ lang: options.langs[0] ?? 'id', title: model.title[options.langs[0] ?? 'id'], sections });
  return { html, fallbacks };
}

/** The tenant's active templates (report_template rows). */
export async function loadTenantTemplates(em: EntityManager, tenantId: string): Promise<TenantTemplates> {
  const rows = await em.execute<Array<{ template: string; lang: string; body: string }>>(
    'select template, lang, body from report_template where tenant_id = ? and active', [tenantId]);
  return new Map(rows.map((r) => [`${r.template}.${r.lang}`, r.body]));
}
