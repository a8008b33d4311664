// The reports use cases: which reports a tenant has, building and rendering one in a format, and the
// administration of the tenant's own templates.
import type { Principal } from '../auth/principal.ts';
import type { ApiDeps } from '../deps.ts';
import type { Lang } from '../http/messages.ts';
import { problem } from '../http/problem.ts';
import { issuesToFieldErrors, zodErrorMap } from '../http/validation.ts';
import { loadCaseRow } from './cases.ts';
import { loadTenant, profileOf } from './tenants.ts';
import { isTemplateName, loadTenantTemplates, renderReportHtml, TEMPLATE_NAMES } from '../../reports/engine.ts';
import { renderPdf } from '../../reports/pdf.ts';
import { reportDefinition, REPORTS } from '../../reports/registry.ts';
import { pickTable, reportXlsx, tableCsv } from '../../reports/tabular.ts';
import { activeTemplate, checkTemplate, listTemplates, revertTemplate, saveTemplate, templateVersions } from '../../reports/templates.ts';
import { FORMULIR_IDS, type ReportDefinition, type ReportFormat, type ReportLang, type ReportParams, type TemplateName } from '../../reports/types.ts';
import type { ReportQuery } from '../schemas/reports.ts';
import type { Response } from 'express';

export const TEMPLATE_ADMIN_ROLES = ['administrator'];

/** Staff = any role other than requester (reports/types.ts). */
function mayRead(def: ReportDefinition, principal: Principal): boolean {
  if (def.roles === 'staff') return principal.roles.some((r) => r !== 'requester');
  return def.roles.some((r) => principal.roles.includes(r));
}

/** The params a definition reads (the keys of its zod object). */
function paramNames(def: ReportDefinition): string[] {
  const shape = (def.params as unknown as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

function formatsOf(def: ReportDefinition): ReportFormat[] {
  let tables = 0;
  try { tables = def.sample().tables.length; } catch { tables = 0; }
  return tables > 0 ? ['html', 'pdf', 'csv', 'xlsx'] : ['html', 'pdf'];
}

export async function listReports(deps: ApiDeps, principal: Principal) {
  const tenant = await loadTenant(deps.orm.em.fork(), principal.tenantId);
  const profile = profileOf(tenant);
  const items = FORMULIR_IDS.map((id) => REPORTS[id])
    .filter((def) => (def.availableFor?.(profile) ?? true) && (mayRead(def, principal) || def.ownCase === true))
    .map((def) => ({
      id: def.id, title: def.title, description: def.description, params: paramNames(def), formats: formatsOf(def),
      ownCase: def.ownCase === true, href: `/api/v1/reports/${def.id}`,
    }));
  return { items };
}

export interface RenderedReport {
  body: Buffer;
  contentType: string;
  filename: string;
  /** inline (html, pdf) or attachment (csv, xlsx). */
  disposition: 'inline' | 'attachment';
  fallbacks: string[];
}

const CONTENT_TYPES: Record<ReportFormat, string> = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Checks, builds and renders one report. Every refusal happens before anything is read or built. */
export async function renderReport(deps: ApiDeps, principal: Principal, formulir: string, query: ReportQuery, requestLang: Lang): Promise<RenderedReport> {
  const def = reportDefinition(formulir);
  if (!def) throw problem(404, 'unknown_formulir', { formulir, known: FORMULIR_IDS.join(', ') }, { extra: { known: [...FORMULIR_IDS] } });
  const em = deps.orm.em.fork();
  const tenant = await loadTenant(em, principal.tenantId);
  const profile = profileOf(tenant);
  if (def.availableFor && !def.availableFor(profile)) throw problem(404, 'report_not_available', { formulir });
  // Local dates compare as text; the definition validates their format.
  if (query.from !== undefined && query.to !== undefined && query.from > query.to) {
    throw problem(400, 'period_ends_before_start', { from: query.from, to: query.to });
  }
  const raw: ReportParams = { case: query.case, service: query.service, month: query.month, from: query.from, to: query.to };
  const parsed = def.params.safeParse(Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)), { error: zodErrorMap(requestLang) });
  if (!parsed.success) throw problem(400, 'validation_failed', {}, { errors: issuesToFieldErrors(parsed.error.issues, 'query', requestLang) });
  const params = parsed.data;
  if (!mayRead(def, principal)) {
    const own = def.ownCase === true && params.case !== undefined
      && (await loadCaseRow(em, principal.tenantId, params.case)).requester_username === principal.username;
    if (!own) throw problem(403, 'missing_role', { roles: def.roles === 'staff' ? 'staff' : def.roles.join(', ') });
  }

  const tenantInfo = { id: tenant.id, name: tenant.name, timezone: tenant.timezone };
  const now = deps.now();
  const model = await def.build({ em, tenant: tenantInfo, profile, principal, now }, params);
  const lang: ReportLang = query.lang ?? requestLang;
  const ext = query.format;
  const base = { contentType: CONTENT_TYPES[query.format], filename: `${model.filename}.${ext}` };

  if (query.format === 'csv') {
    const table = pickTable(model, query.table);
    if (!table) throw problem(400, 'unknown_report_table', { table: query.table ?? '', known: model.tables.map((t) => t.id).join(', ') || '-' });
    const filename = query.table ? `${model.filename}-${table.id}.csv` : base.filename;
    return { ...base, filename, body: tableCsv(table, { lang, timezone: tenant.timezone }), disposition: 'attachment', fallbacks: [] };
  }
  if (query.format === 'xlsx') {
    if (model.tables.length === 0) throw problem(400, 'report_format_unsupported', { formulir, format: 'xlsx', formats: 'html, pdf' });
    return { ...base, body: await reportXlsx(model, { lang, timezone: tenant.timezone }), disposition: 'attachment', fallbacks: [] };
  }
  const templates = await loadTenantTemplates(em, tenant.id);
  const rendered = renderReportHtml(model, { langs: [lang], tenant: tenantInfo, templates, now });
  const fallbacks = rendered.fallbacks.map((f) => `${f.template}.${f.lang}`);
  if (query.format === 'pdf') {
    const pdf = await renderPdf(rendered.html, { executablePath: deps.config.SIGAP_CHROMIUM_PATH, footerLabel: model.filename });
    return { ...base, body: pdf, disposition: 'inline', fallbacks };
  }
  return { ...base, body: Buffer.from(rendered.html, 'utf8'), disposition: 'inline', fallbacks };
}

// ---- templates ----------------------------------------------------------------------------------------

function templateName(name: string): TemplateName {
  if (!isTemplateName(name)) throw problem(404, 'unknown_report_template', { template: name, known: TEMPLATE_NAMES.join(', ') }, { extra: { known: [...TEMPLATE_NAMES] } });
  return name;
}

export async function listReportTemplates(deps: ApiDeps, principal: Principal) {
  return { items: await listTemplates(deps.orm.em.fork(), principal.tenantId) };
}

export async function getReportTemplate(deps: ApiDeps, principal: Principal, name: string, lang: ReportLang) {
  const found = await activeTemplate(deps.orm.em.fork(), principal.tenantId, templateName(name), lang);
  if (!found) throw problem(404, 'unknown_report_template', { template: `${name}.${lang}`, known: TEMPLATE_NAMES.join(', ') });
  return found;
}

export async function reportTemplateVersions(deps: ApiDeps, principal: Principal, name: string, lang: ReportLang) {
  return { items: await templateVersions(deps.orm.em.fork(), principal.tenantId, templateName(name), lang) };
}

/** Checks the text (compiles; renders with the report's made-up data) and only then makes it active. */
export async function putReportTemplate(deps: ApiDeps, principal: Principal, name: string, lang: ReportLang, body: string) {
  const tname = templateName(name);
  const em = deps.orm.em.fork();
  const tenant = await loadTenant(em, principal.tenantId);
  const check = checkTemplate(tname, lang, body, { id: tenant.id, name: tenant.name, timezone: tenant.timezone }, deps.now());
  if (!check.ok && check.kind === 'syntax') {
    throw problem(400, 'template_syntax_error', { line: check.line ?? '?', column: check.column ?? '?', detail: check.detail },
      { extra: { line: check.line, column: check.column, detail: check.detail } });
  }
  if (!check.ok) {
    throw problem(422, 'template_field_missing', { field: check.field ?? '?', line: check.line ?? '?', formulir: check.formulir, detail: check.detail },
      { extra: { field: check.field, line: check.line, formulir: check.formulir, detail: check.detail } });
  }
  await saveTemplate(em, { tenantId: tenant.id, name: tname, lang, body, username: principal.username });
  return getReportTemplate(deps, principal, tname, lang);
}

export async function deleteReportTemplate(deps: ApiDeps, principal: Principal, name: string, lang: ReportLang): Promise<void> {
  const tname = templateName(name);
  if (!await revertTemplate(deps.orm.em.fork(), principal.tenantId, tname, lang)) throw problem(404, 'template_not_customised', { template: tname, lang });
}

/** Sends a rendered report with its download headers (the API route and the console page alike). */
export function sendReport(res: Response, report: RenderedReport): void {
  res.setHeader('Content-Type', report.contentType);
  res.setHeader('Content-Disposition', `${report.disposition}; filename="${report.filename.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(report.filename)}`);
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  if (report.fallbacks.length > 0) res.setHeader('Sigap-Template-Fallback', report.fallbacks.join(', '));
  res.status(200).send(report.body);
}
