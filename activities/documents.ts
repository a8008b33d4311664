// Documents a case produces (Formulir F, G, I, the Berita Acara Serah Terima): rendered by the report
// engine in Bahasa Indonesia, then English, with the tenant's own templates, and stored once per case
// under an id derived from the case, so a retried activity finds the document it stored.
import { createHash } from 'node:crypto';
import { Context } from '@temporalio/activity';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { loadTenantTemplates, renderReportHtml } from '../reports/engine.ts';
import type { ReportModel } from '../reports/types.ts';

/** A document id derived from the case and the document's tag: an RFC 9562 version 8 (custom) UUID. */
export function derivedDocumentId(tag: string, caseId: string): string {
  const h = createHash('sha256').update(`sigap:${tag}:${caseId}`).digest('hex');
  // 4 bits version, 2 bits variant.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export interface DocumentTenant { id: string; name: string; timezone: string; profile_id: string; profile_overrides: Record<string, unknown> | null }

export interface StoreReportDocument {
  tenantId: string;
  caseId: string;
  documentId: string;
  kind: string;
  /** The model of the document (the tenant row gives its time zone and profile). */
  build(em: EntityManager, tenant: DocumentTenant): Promise<ReportModel> | ReportModel;
  now: number;
}

/**
 * Renders a report model as the case's stored HTML document — Bahasa Indonesia, then English, with
 * the tenant's active templates — once: a retry (or a second call) returns the document already
 * stored, never a re-rendering with later data.
 */
export async function storeReportDocument(orm: MikroORM, req: StoreReportDocument): Promise<{ documentId: string; sha256: string }> {
  const em = orm.em.fork();
  const [existing] = await em.execute<Array<{ sha256: string }>>('select sha256 from document where id = ? and tenant_id = ?', [req.documentId, req.tenantId]);
  if (existing) return { documentId: req.documentId, sha256: existing.sha256 };
  const [tenant] = await em.execute<DocumentTenant[]>('select id, name, timezone, profile_id, profile_overrides from tenant where id = ?', [req.tenantId]);
  if (!tenant) throw new Error(`tenant ${req.tenantId} not found`);
  const model = await req.build(em, tenant);
  const rendered = renderReportHtml(model, {
    langs: ['id', 'en'], tenant: { id: tenant.id, name: tenant.name, timezone: tenant.timezone }, templates: await loadTenantTemplates(em, tenant.id), now: req.now,
  });
  // A tenant template that failed with this data was replaced by the built-in one: say so in the worker log.
  if (rendered.fallbacks.length) activityLog('warn', 'tenant report template fell back to the built-in one', { documentId: req.documentId, fallbacks: rendered.fallbacks });
  const html = Buffer.from(rendered.html, 'utf8');
  const sha256 = createHash('sha256').update(html).digest('hex');
  await em.execute(
    `insert into document (id, tenant_id, case_id, kind, filename, media_type, size_bytes, sha256, content, uploaded_by, created_at)
     values (?, ?, ?, ?, ?, 'text/html; charset=utf-8', ?, ?, ?, 'system', now()) on conflict (id) do nothing`,
    [req.documentId, req.tenantId, req.caseId, req.kind, `${model.filename}.html`, html.length, sha256, html],
  );
  // A concurrent attempt may have stored first: return what is stored.
  const [stored] = await em.execute<Array<{ sha256: string }>>('select sha256 from document where id = ?', [req.documentId]);
  return { documentId: req.documentId, sha256: stored!.sha256 };
}

function activityLog(level: 'warn', message: string, attrs: Record<string, unknown>): void {
  // Outside an activity (direct calls in tests) there is no activity logger.
  let ctx: Context | null = null;
  try { ctx = Context.current(); } catch { ctx = null; }
  ctx?.log[level](message, attrs);
}
