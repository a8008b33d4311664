// An agency's own report templates (report_template): versioned, one active version per template and
// language. A new version is checked before it becomes active: it must compile, and render in strict
// mode with the made-up data of the report (a partial: of every report), so a broken template never
// replaces a working one.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { EntityManager } from '@mikro-orm/postgresql';
import { builtInTemplate, builtInTemplatePath, checkTemplateSyntax, isPartialName, renderPart, REPORT_LANGS, TEMPLATE_NAMES, TemplateRenderError } from './engine.ts';
import { REPORTS } from './registry.ts';
import type { FormulirId, ReportLang, ReportModel, TemplateName } from './types.ts';

export type TemplateSource = 'builtin' | 'tenant';

export interface TemplateSummary {
  name: TemplateName;
  lang: ReportLang;
  source: TemplateSource;
  /** The tenant's active version; null for the built-in one. */
  version: number | null;
  updatedAt: string | null;
  updatedBy: string | null;
  /** Whether Sigap ships a built-in text (a reverted template falls back to it). */
  builtIn: boolean;
}

export interface ActiveTemplate extends TemplateSummary { body: string; sha256: string }

export interface TemplateVersion { version: number; active: boolean; sha256: string; createdAt: string; createdBy: string }

interface Row { template: string; lang: string; version: number; body: string; sha256: string; active: boolean; created_by: string; created_at: Date }

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const hasBuiltIn = (name: TemplateName, lang: ReportLang) => existsSync(builtInTemplatePath(name, lang));

/** Every replaceable template × language, with what is in use now. */
export async function listTemplates(em: EntityManager, tenantId: string): Promise<TemplateSummary[]> {
  const rows = await em.execute<Row[]>('select template, lang, version, created_by, created_at from report_template where tenant_id = ? and active', [tenantId]);
  const active = new Map(rows.map((r) => [`${r.template}.${r.lang}`, r]));
  return TEMPLATE_NAMES.flatMap((name) => REPORT_LANGS.map((lang): TemplateSummary => {
    const own = active.get(`${name}.${lang}`);
    return {
      name, lang, source: own ? 'tenant' : 'builtin', version: own?.version ?? null,
      updatedAt: own ? new Date(own.created_at).toISOString() : null, updatedBy: own?.created_by ?? null, builtIn: hasBuiltIn(name, lang),
    };
  }));
}

/** The text in use: the tenant's active version, else the built-in one (null when neither exists). */
export async function activeTemplate(em: EntityManager, tenantId: string, name: TemplateName, lang: ReportLang): Promise<ActiveTemplate | null> {
  const [own] = await em.execute<Row[]>('select version, body, sha256, created_by, created_at from report_template where tenant_id = ? and template = ? and lang = ? and active', [tenantId, name, lang]);
  const builtIn = hasBuiltIn(name, lang);
  if (own) {
    return { name, lang, source: 'tenant', version: own.version, updatedAt: new Date(own.created_at).toISOString(), updatedBy: own.created_by, builtIn, body: own.body, sha256: own.sha256 };
  }
  if (!builtIn) return null;
  const body = builtInTemplate(name, lang);
  return { name, lang, source: 'builtin', version: null, updatedAt: null, updatedBy: null, builtIn, body, sha256: sha256(body) };
}

export async function templateVersions(em: EntityManager, tenantId: string, name: TemplateName, lang: ReportLang): Promise<TemplateVersion[]> {
  const rows = await em.execute<Row[]>('select version, active, sha256, created_by, created_at from report_template where tenant_id = ? and template = ? and lang = ? order by version desc', [tenantId, name, lang]);
  return rows.map((r) => ({ version: r.version, active: r.active, sha256: r.sha256, createdAt: new Date(r.created_at).toISOString(), createdBy: r.created_by }));
}

// ---- validation -------------------------------------------------------------------------------------

export type TemplateCheck =
  | { ok: true }
  | { ok: false; kind: 'syntax'; line: number | null; column: number | null; detail: string }
  | { ok: false; kind: 'field'; formulir: FormulirId; field: string | null; line: number | null; detail: string };

/** The made-up models a template is checked against: its report's, or (a partial) every report's. */
function samplesFor(name: TemplateName): ReportModel[] {
  if (!isPartialName(name)) return [REPORTS[name as FormulirId].sample()];
  return [...(Object.keys(REPORTS) as FormulirId[]).map((id) => withSignatures(REPORTS[id].sample())), SIGNED_SAMPLE];
}

/** A made-up report that has every field the built-in letterhead and signatures read. */
const SIGNED_SAMPLE: ReportModel = {
  formulir: 'i', title: { id: 'Contoh Laporan', en: 'Sample report' }, filename: 'contoh', empty: false, tables: [], charts: {},
  data: {
    number: 'EVL-2026-000001', period: { id: 'Semester I 2026', en: 'Semester I 2026' },
    signatures: [
      { role: { id: 'Kepala Dinas', en: 'Head of Agency' }, name: 'Contoh Nama', nip: '197001012000011001', date: '2026-07-10' },
      { role: { id: 'Koordinator Layanan', en: 'Service Coordinator' }, name: null, nip: null, date: null },
    ],
  },
};

/** The signatures partial is checked with signers even when the report's own sample has none. */
function withSignatures(model: ReportModel): ReportModel {
  return Array.isArray(model.data['signatures']) && model.data['signatures'].length > 0 ? model : { ...model, data: { ...model.data, signatures: SIGNED_SAMPLE.data['signatures'] } };
}

/**
 * Compiles the template and renders it with the samples (strict). The other templates are the
 * built-in ones, so a failure is this template's own; for a partial the body is just the partials,
 * so the check does not depend on the reports' bodies.
 */
export function checkTemplate(name: TemplateName, lang: ReportLang, body: string, tenant: { id: string; name: string; timezone: string }, now: number): TemplateCheck {
  try {
    checkTemplateSyntax(body);
  } catch (err) {
    const e = err as { line?: number | null; column?: number | null; detail?: string; message: string };
    return { ok: false, kind: 'syntax', line: e.line ?? null, column: e.column ?? null, detail: e.detail ?? e.message };
  }
  for (const model of samplesFor(name)) {
    const partial = isPartialName(name);
    const sources = {
      body: partial ? '{{> signatures}}' : body,
      letterhead: name === 'letterhead' ? body : builtInTemplate('letterhead', lang),
      signatures: name === 'signatures' ? body : builtInTemplate('signatures', lang),
    };
    try {
      renderPart(model, lang, tenant, now, sources);
    } catch (err) {
      if (!(err instanceof TemplateRenderError)) throw err;
      // Our template's own position when the error arose in it; else (e.g. a built-in partial given
      // the wrong value by it) the field the inner template missed, without a line of ours.
      const own = err.template === name || (!partial && err.template === model.formulir);
      return { ok: false, kind: 'field', formulir: model.formulir, field: err.field, line: own ? err.line : null, detail: err.message };
    }
  }
  return { ok: true };
}

// ---- changes ----------------------------------------------------------------------------------------

/** Stores the (already checked) text as the next version and makes it the active one, atomically. */
export async function saveTemplate(em: EntityManager, input: { tenantId: string; name: TemplateName; lang: ReportLang; body: string; username: string }): Promise<{ version: number; sha256: string; createdAt: string }> {
  return em.transactional(async (tx) => {
    // Two uploads of the same template at once would both pick the same next version.
    await tx.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`report_template:${input.tenantId}:${input.name}:${input.lang}`]);
    const [last] = await tx.execute<Array<{ version: number | null }>>('select max(version) as version from report_template where tenant_id = ? and template = ? and lang = ?', [input.tenantId, input.name, input.lang]);
    const version = (last?.version ?? 0) + 1;
    const digest = sha256(input.body);
    await tx.execute('update report_template set active = false where tenant_id = ? and template = ? and lang = ? and active', [input.tenantId, input.name, input.lang]);
    const [row] = await tx.execute<Array<{ created_at: Date }>>(
      `insert into report_template (id, tenant_id, template, lang, version, body, sha256, active, created_by, created_at)
       values (?, ?, ?, ?, ?, ?, ?, true, ?, now()) returning created_at`,
      [randomUUID(), input.tenantId, input.name, input.lang, version, input.body, digest, input.username]);
    return { version, sha256: digest, createdAt: new Date(row!.created_at).toISOString() };
  });
}

/** Back to the built-in template (versions stay for the record). False when none was active. */
export async function revertTemplate(em: EntityManager, tenantId: string, name: TemplateName, lang: ReportLang): Promise<boolean> {
  const rows = await em.execute<Array<{ id: string }>>('update report_template set active = false where tenant_id = ? and template = ? and lang = ? and active returning id', [tenantId, name, lang]);
  return rows.length > 0;
}
