// STUB (owned by the report-engine helper; signatures are the contract the report models and the
// document-rendering activities build against).
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ReportLang, ReportModel, TemplateName } from './types.ts';

/** An agency's active templates, by `${name}.${lang}` (e.g. "letterhead.id", "f.en"). */
export type TenantTemplates = ReadonlyMap<string, string>;

export interface RenderOptions {
  /** One language, or several rendered one after the other (stored documents: ['id', 'en']). */
  langs: ReportLang[];
  tenant: { id: string; name: string; timezone: string };
  /** The tenant's own templates; built-in ones (templates/reports/) where absent. */
  templates?: TenantTemplates | undefined;
  now: number;
}

export interface RenderedHtml {
  html: string;
  /** Templates of the tenant that failed with this data and were replaced by the built-in one. */
  fallbacks: Array<{ template: TemplateName; lang: ReportLang; error: string }>;
}

/** Renders the model as one printable HTML document (layout, letterhead, body, signatures). */
export function renderReportHtml(_model: ReportModel, _options: RenderOptions): RenderedHtml {
  throw new Error('renderReportHtml: not implemented yet');
}

/** The tenant's active templates (report_template rows). */
export async function loadTenantTemplates(_em: EntityManager, _tenantId: string): Promise<TenantTemplates> {
  return new Map();
}
