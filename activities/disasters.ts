// The side effects of a disaster case (spec §6; serang BAB IV C.3):
// - lastGoodBackups: the latest backup reported before the base instant, per service (RPO, C.3.6 a);
// - openDisasterDowntime / endDisasterDowntime: the outage of each affected service in the downtime
//   table (source 'disaster', source_ref = the case), which availability (Formulir F) counts. A real
//   disaster only — an exercise never records downtime. The unique index on (tenant, source,
//   source_ref, service) makes a retried activity a no-op;
// - renderDrpEvaluation: the Laporan Evaluasi DRP (Formulir G, C.3.6 a–c; the Lampiran gives no form,
//   «Formulir tidak disediakan», so its layout follows the three required contents) rendered from
//   templates/documents/formulir-g.{id,en}.hbs and stored in `document` once per case.
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { DrpEvaluationReport } from '../policy/disaster.ts';
import { pgTextArray } from './problems.ts';
import { DOCUMENT_TEMPLATES_DIR } from './releases.ts';
import type { ActivityDeps } from './index.ts';

export const DRP_EVALUATION_DOCUMENT_KIND = 'drp_evaluation';

export interface LastGoodBackup { at: number; reportedBy: string; source: 'manual' | 'integration' }

/** The id of a case's Formulir G: derived from the case, so a retried activity finds the one it stored. */
export function drpEvaluationDocumentId(caseId: string): string {
  const h = createHash('sha256').update(`sigap:drp-evaluation:${caseId}`).digest('hex');
  // RFC 9562 version 8 (custom) UUID: 4 bits version, 2 bits variant.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

// ---- Formulir G: what the template shows --------------------------------------------------------

type Lang = 'id' | 'en';
const zoneLabel = (tz: string) => (tz === 'Asia/Jakarta' ? 'WIB' : tz === 'Asia/Makassar' ? 'WITA' : tz === 'Asia/Jayapura' ? 'WIT' : tz);

function dateTime(iso: string | null, lang: Lang, timeZone: string): string {
  if (!iso) return '-';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '-';
  const text = new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone }).format(d);
  return `${text} ${zoneLabel(timeZone)}`;
}

const UNITS: Array<{ ms: number; id: string; en: [string, string] }> = [
  { ms: 86_400_000, id: 'hari', en: ['day', 'days'] },
  { ms: 3_600_000, id: 'jam', en: ['hour', 'hours'] },
  { ms: 60_000, id: 'menit', en: ['minute', 'minutes'] },
];

/** A duration in words, e.g. "1 hari 2 jam" / "1 day 2 hours"; under a minute: "< 1 menit". */
export function durationText(ms: number | null, lang: Lang): string {
  if (ms === null) return '-';
  let rest = Math.abs(ms);
  const parts: string[] = [];
  for (const u of UNITS) {
    const n = Math.floor(rest / u.ms);
    rest -= n * u.ms;
    if (n) parts.push(lang === 'id' ? `${n} ${u.id}` : `${n} ${u.en[n === 1 ? 0 : 1]}`);
  }
  if (!parts.length) return lang === 'id' ? '< 1 menit' : '< 1 minute';
  return (ms < 0 ? '-' : '') + parts.join(' ');
}

const CLASSIFICATION: Record<string, { id: string; en: string }> = {
  kritis: { id: 'Kritis', en: 'Critical' }, esensial: { id: 'Esensial', en: 'Essential' }, normal: { id: 'Normal', en: 'Normal' },
};

function verdict(met: boolean | null): { met: boolean; missed: boolean; unknown: boolean; id: string; en: string } {
  if (met === null) return { met: false, missed: false, unknown: true, id: 'Belum diketahui', en: 'Unknown' };
  return met ? { met: true, missed: false, unknown: false, id: 'Tercapai', en: 'Met' } : { met: false, missed: true, unknown: false, id: 'Tidak tercapai', en: 'Missed' };
}

export function drpEvaluationContext(report: DrpEvaluationReport, tenant: { name: string; timezone: string }) {
  const tz = tenant.timezone;
  const both = (iso: string | null) => ({ id: dateTime(iso, 'id', tz), en: dateTime(iso, 'en', tz) });
  const dur = (ms: number | null) => ({ id: durationText(ms, 'id'), en: durationText(ms, 'en') });
  const exercise = report.mode === 'exercise';
  const services = report.services.map((s) => ({
    code: s.code, name: s.name, classification: CLASSIFICATION[s.classification] ?? { id: s.classification, en: s.classification },
    drpVersion: s.drpVersion,
    rto: s.rto ? {
      target: dur(s.rto.targetMs), deadline: both(s.rto.deadline), recoveredAt: both(s.rto.recoveredAt), achieved: dur(s.rto.achievedMs), verdict: verdict(s.rto.met),
    } : null,
    rpo: s.rpo ? {
      target: dur(s.rpo.targetMs), lastGoodBackupAt: both(s.rpo.lastGoodBackupAt), dataLoss: dur(s.rpo.dataLossMs), verdict: verdict(s.rpo.met),
    } : null,
    cause: s.cause,
  }));
  const count = (pick: (s: (typeof services)[number]) => { verdict: { met: boolean } } | null) => services.filter((s) => pick(s)?.verdict.met).length;
  return {
    number: report.number, title: report.title, tenantName: tenant.name, exercise,
    kind: exercise ? { id: 'Uji coba DRP', en: 'DRP exercise' } : { id: 'Pelaksanaan DRP', en: 'DRP execution' },
    scenario: report.scenario,
    occurredAt: both(report.occurredAt), declaredAt: both(report.declaredAt), baseAt: both(report.baseAt),
    drcActivatedAt: both(report.drcActivatedAt), normalisedAt: both(report.normalisedAt), evaluatedAt: both(report.evaluatedAt),
    measuredFromDeclaration: report.measuredFrom === 'declaration',
    services,
    summary: { total: services.length, rtoMet: count((s) => s.rto), rpoMet: count((s) => s.rpo) },
    causes: services.filter((s) => s.cause).map((s) => ({ code: s.code, name: s.name, cause: s.cause })),
    obstacles: report.obstacles, improvements: report.improvements, progressUpdates: report.progressUpdates,
    evaluatedBy: report.evaluatedBy,
    timeline: report.timeline.map((t) => ({ at: both(t.at), what: t.what, by: t.by })),
  };
}

export interface DrpEvaluationRenderer { render(context: ReturnType<typeof drpEvaluationContext>): string }

const PRINT_STYLE = `<style>
  body { font-family: "Times New Roman", serif; font-size: 11pt; margin: 2cm; color: #000; }
  h1 { font-size: 14pt; text-align: center; margin-bottom: 0; } .nomor { text-align: center; margin-top: 0.2em; }
  h2 { font-size: 12pt; margin-top: 1.2em; }
  table { border-collapse: collapse; width: 100%; margin: 0.5em 0; page-break-inside: auto; }
  th, td { border: 1px solid #000; padding: 3pt 5pt; text-align: left; vertical-align: top; }
  tr { page-break-inside: avoid; } thead { display: table-header-group; }
  .missed { font-weight: bold; } section + section { page-break-before: always; }
  @page { size: A4; margin: 2cm; }
</style>`;

export function loadDrpEvaluationTemplate(dir = DOCUMENT_TEMPLATES_DIR): DrpEvaluationRenderer {
  const hb = Handlebars.create();
  // HTML-escaped (the default): causes and improvements written by users never become markup.
  const id = hb.compile(readFileSync(`${dir}/formulir-g.id.hbs`, 'utf8'), { strict: false });
  const en = hb.compile(readFileSync(`${dir}/formulir-g.en.hbs`, 'utf8'), { strict: false });
  return {
    render: (ctx) => `<!doctype html>\n<html lang="id">\n<head><meta charset="utf-8"><title>Laporan Evaluasi DRP ${Handlebars.escapeExpression(ctx.number)}</title>\n${PRINT_STYLE}</head>\n<body>\n${id(ctx)}\n${en(ctx)}\n</body>\n</html>\n`,
  };
}

// ---- the activities ------------------------------------------------------------------------------

export function createDisasterActivities(deps: Pick<ActivityDeps, 'orm'>, renderer?: DrpEvaluationRenderer) {
  const orm: MikroORM = deps.orm;
  let template = renderer;

  return {
    /** The latest backup at or before `at` per service (null when none was reported). */
    async lastGoodBackups(req: { tenantId: string; services: string[]; at: number }): Promise<Record<string, LastGoodBackup | null>> {
      const result: Record<string, LastGoodBackup | null> = Object.fromEntries(req.services.map((s) => [s, null]));
      if (!req.services.length) return result;
      const rows = await orm.em.fork().execute<Array<{ service_code: string; backup_at: Date; reported_by: string; source: 'manual' | 'integration' }>>(
        `select distinct on (service_code) service_code, backup_at, reported_by, source from backup_report
         where tenant_id = ? and service_code = any(?::text[]) and backup_at <= ?
         order by service_code, backup_at desc, reported_at desc`,
        [req.tenantId, pgTextArray(req.services), new Date(req.at).toISOString()],
      );
      for (const r of rows) result[r.service_code] = { at: new Date(r.backup_at).getTime(), reportedBy: r.reported_by, source: r.source };
      return result;
    },

    /** One open outage per affected service, from `startsAt`; a retry finds the rows it wrote. */
    async openDisasterDowntime(req: { tenantId: string; caseId: string; number: string; services: string[]; startsAt: number; cause: string }): Promise<void> {
      const em = orm.em.fork();
      for (const service of new Set(req.services)) {
        await em.execute(
          `insert into downtime (id, tenant_id, service_code, starts_at, ends_at, source, source_ref, cause, recorded_by)
           values (?, ?, ?, ?, null, 'disaster', ?, ?, 'system')
           on conflict (tenant_id, source, source_ref, service_code) where source_ref is not null do nothing`,
          [randomUUID(), req.tenantId, service, new Date(req.startsAt).toISOString(), req.caseId, `${req.number}: ${req.cause}`],
        );
      }
    },

    /**
     * Ends the service's open outage of this disaster at `endsAt`. An outage that would end at or
     * before its start lasted nothing and is removed (the table allows no empty interval).
     */
    async endDisasterDowntime(req: { tenantId: string; caseId: string; service: string; endsAt: number }): Promise<void> {
      const em = orm.em.fork();
      const endsAt = new Date(req.endsAt).toISOString();
      const key = [req.tenantId, req.caseId, req.service];
      await em.execute(
        `delete from downtime where tenant_id = ? and source = 'disaster' and source_ref = ? and service_code = ? and ends_at is null and starts_at >= ?`,
        [...key, endsAt],
      );
      await em.execute(
        `update downtime set ends_at = ? where tenant_id = ? and source = 'disaster' and source_ref = ? and service_code = ? and ends_at is null`,
        [endsAt, ...key],
      );
    },

    /** Renders Formulir G and stores it with the case; a retry returns the document already stored. */
    async renderDrpEvaluation(req: { tenantId: string; caseId: string; number: string; report: DrpEvaluationReport }): Promise<{ documentId: string; sha256: string }> {
      const em = orm.em.fork();
      const docId = drpEvaluationDocumentId(req.caseId);
      const [existing] = await em.execute<Array<{ sha256: string }>>('select sha256 from document where id = ? and tenant_id = ?', [docId, req.tenantId]);
      if (existing) return { documentId: docId, sha256: existing.sha256 };
      const [tenant] = await em.execute<Array<{ name: string; timezone: string }>>('select name, timezone from tenant where id = ?', [req.tenantId]);
      if (!tenant) throw new Error(`tenant ${req.tenantId} not found`);
      template ??= loadDrpEvaluationTemplate();
      const html = Buffer.from(template.render(drpEvaluationContext(req.report, tenant)), 'utf8');
      const sha256 = createHash('sha256').update(html).digest('hex');
      await em.execute(
        `insert into document (id, tenant_id, case_id, kind, filename, media_type, size_bytes, sha256, content, uploaded_by, created_at)
         values (?, ?, ?, ?, ?, 'text/html; charset=utf-8', ?, ?, ?, 'system', now()) on conflict (id) do nothing`,
        [docId, req.tenantId, req.caseId, DRP_EVALUATION_DOCUMENT_KIND, `Formulir-G-${req.number}.html`, html.length, sha256, html],
      );
      // A concurrent attempt may have stored first: return what is stored.
      const [stored] = await em.execute<Array<{ sha256: string }>>('select sha256 from document where id = ?', [docId]);
      return { documentId: docId, sha256: stored!.sha256 };
    },
  };
}
export type DisasterActivities = ReturnType<typeof createDisasterActivities>;
