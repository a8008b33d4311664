// Release activities besides the steps: the Berita Acara Serah Terima (dpr Pasal 15 ayat 3) rendered
// from templates/documents/ and stored as a document of the case (with its SHA-256, like uploads in
// api/routes/documents.ts), and the services' handover instant (service.handed_over_at, which starts
// dpr's 3-month maintenance period after which work on the service is a change again, Pasal 16–17).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import type { MikroORM } from '@mikro-orm/postgresql';
import { getProfile } from '../policy/profiles/index.ts';
import type { ReleaseActivities } from './types.ts';

export const DOCUMENT_TEMPLATES_DIR = fileURLToPath(new URL('../templates/documents', import.meta.url));
export const HANDOVER_DOCUMENT_KIND = 'berita_acara_serah_terima';

/** The id of a case's handover document: derived from the case, so a retried activity finds the one it stored. */
export function handoverDocumentId(caseId: string): string {
  const h = createHash('sha256').update(`sigap:bast:${caseId}`).digest('hex');
  // RFC 9562 version 8 (custom) UUID: 4 bits version, 2 bits variant.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const CONTENT_KINDS: Record<string, string> = { software: 'Perangkat lunak', component: 'Komponen', documentation: 'Dokumentasi' };

type Loose = Record<string, unknown>;
const obj = (v: unknown): Loose => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Loose) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const toDate = (v: unknown): Date | null => {
  if (typeof v === 'number' || (typeof v === 'string' && v)) { const d = new Date(v); return Number.isNaN(d.getTime()) ? null : d; }
  return null;
};

function formatDate(d: Date | null, lang: 'id' | 'en', timeZone: string, withTime = false): string {
  if (!d) return '-';
  return new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', {
    weekday: withTime ? undefined : 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone,
    ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
  }).format(d);
}

interface CaseRowForHandover { number: string; title: string; data: Loose; tenant_name: string; timezone: string; profile_id: string }

/** Everything the template shows: the case's read model, overridden by what the workflow passes. */
export function handoverContext(row: CaseRowForHandover, data: Loose, now: Date) {
  const merged: Loose = { ...row.data, ...data };
  const plan = obj(merged.plan);
  const window = obj(merged.window ?? plan.window);
  const at = toDate(merged.at) ?? now;
  const until = toDate(merged.maintenanceUntil);
  const profile = (() => { try { return getProfile(row.profile_id); } catch { return null; } })();
  const headRole = profile?.roles.find((r) => r.id === 'head_of_unit');
  const head = obj(merged.headOfUnit);
  const requester = obj(merged.requester);
  const change = obj(merged.change);
  const tz = row.timezone;
  const zoneLabel = tz === 'Asia/Jakarta' ? 'WIB' : tz === 'Asia/Makassar' ? 'WITA' : tz === 'Asia/Jayapura' ? 'WIT' : tz;
  const windowText = (lang: 'id' | 'en') => {
    const s = toDate(window.start); const e = toDate(window.end);
    return s && e ? `${formatDate(s, lang, tz, true)} – ${formatDate(e, lang, tz, true)} ${zoneLabel}` : '-';
  };
  return {
    number: String(merged.number ?? row.number),
    title: String(merged.title ?? row.title),
    tenantName: row.tenant_name,
    dateId: formatDate(at, 'id', tz), dateEn: formatDate(at, 'en', tz),
    windowId: windowText('id'), windowEn: windowText('en'),
    maintenanceUntilId: until ? formatDate(until, 'id', tz) : null, maintenanceUntilEn: until ? formatDate(until, 'en', tz) : null,
    change: change.number ? { number: String(change.number) } : null,
    services: arr(merged.services ?? change.services).map((s) => (typeof s === 'string' ? s : String(obj(s).code ?? ''))).filter(Boolean),
    contents: arr(merged.contents ?? plan.contents).map((c) => {
      const o = obj(c);
      return { kind: String(o.kind ?? ''), kindId: CONTENT_KINDS[String(o.kind)] ?? String(o.kind ?? ''), name: String(o.name ?? ''), version: o.version ? String(o.version) : null };
    }),
    criteria: arr(merged.criteriaResults ?? merged.verification).map((c) => {
      const o = obj(c);
      return { title: String(o.title ?? o.criterion ?? o.id ?? ''), passed: o.passed === true || o.outcome === 'succeeded', detail: o.detail ?? o.note ?? null };
    }),
    headOfUnit: { title: headRole?.title ?? { id: 'Kepala unit kerja TI', en: 'Head of the IT unit' }, name: head.name ? String(head.name) : null },
    requester: requester.name ? { name: String(requester.name), username: String(requester.username ?? '') } : null,
  };
}

export interface HandoverRenderer { render(context: ReturnType<typeof handoverContext>): string }

export function loadHandoverTemplate(dir = DOCUMENT_TEMPLATES_DIR): HandoverRenderer {
  const hb = Handlebars.create();
  // HTML-escaped (the default): plan text written by users never becomes markup.
  const id = hb.compile(readFileSync(`${dir}/berita-acara-serah-terima.id.hbs`, 'utf8'), { strict: false });
  const en = hb.compile(readFileSync(`${dir}/berita-acara-serah-terima.en.hbs`, 'utf8'), { strict: false });
  return {
    render: (ctx) => `<!doctype html>\n<html lang="id">\n<head><meta charset="utf-8"><title>Berita Acara Serah Terima ${Handlebars.escapeExpression(ctx.number)}</title></head>\n<body>\n${id(ctx)}\n<hr>\n${en(ctx)}\n</body>\n</html>\n`,
  };
}

export function createReleaseDocumentActivities(orm: MikroORM, renderer: HandoverRenderer = loadHandoverTemplate(), now: () => Date = () => new Date()): Pick<ReleaseActivities, 'renderHandover' | 'recordServiceHandover'> {
  return {
    async renderHandover({ tenantId, caseId, number, data }) {
      const em = orm.em.fork();
      const docId = handoverDocumentId(caseId);
      const [existing] = await em.execute<Array<{ sha256: string }>>('select sha256 from document where id = ? and tenant_id = ?', [docId, tenantId]);
      if (existing) return { documentId: docId, sha256: existing.sha256 };
      const [row] = await em.execute<CaseRowForHandover[]>(
        `select c.number, c.title, c.data, t.name as tenant_name, t.timezone, t.profile_id
         from sigap_case c join tenant t on t.id = c.tenant_id where c.id = ? and c.tenant_id = ?`, [caseId, tenantId]);
      if (!row) throw new Error(`release ${number} (${caseId}) has no case row in tenant ${tenantId}`);
      const html = Buffer.from(renderer.render(handoverContext(row, data, now())), 'utf8');
      const sha256 = createHash('sha256').update(html).digest('hex');
      await em.execute(
        `insert into document (id, tenant_id, case_id, kind, filename, media_type, size_bytes, sha256, content, uploaded_by, created_at)
         values (?, ?, ?, ?, ?, 'text/html; charset=utf-8', ?, ?, ?, 'system', now()) on conflict (id) do nothing`,
        [docId, tenantId, caseId, HANDOVER_DOCUMENT_KIND, `BAST-${number}.html`, html.length, sha256, html],
      );
      // A concurrent attempt may have stored first: return what is stored.
      const [stored] = await em.execute<Array<{ sha256: string }>>('select sha256 from document where id = ?', [docId]);
      return { documentId: docId, sha256: stored!.sha256 };
    },

    async recordServiceHandover({ tenantId, services, at }) {
      if (!services.length) return;
      await orm.em.fork().execute(
        `update service set handed_over_at = ?, updated_at = now() where tenant_id = ? and code = any(?::text[])`,
        [new Date(at).toISOString(), tenantId, `{${services.map((s) => `"${s.replace(/["\\]/g, '\\$&')}"`).join(',')}}`],
      );
    },
  };
}
