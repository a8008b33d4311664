// Availability measurement and the monthly Formulir F (serang BAB III C, BAB IV C.2.3–2.4).
// The downtime of a service is read where it is recorded, never copied:
//   (1) Mayor incidents (the incident read model: data.impact, data.reportedAt, data.resolution.at),
//   (2) monitoring alerts grouped into a Mayor incident (alert_fingerprint: starts_at or first_seen,
//       resolved_at),
//   (3) the downtime table (entered by hand, or opened by a real disaster).
// Scheduled maintenance = releases that were scheduled (plan approved) or executed: their plan window
// (data.plan.window) is excluded. policy/availability.ts measureAvailability does the arithmetic.
// The API (GET /availability, the on-demand report) and the activities share these functions.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { readCalendar } from '../db/calendar.ts';
import { writeIntake } from '../db/intake.ts';
import { measureAvailability, monthPeriod, OPERATING_SCHEDULES, parseTargetPercent, type Interval, type OperatingSchedule } from '../policy/availability.ts';
import {
  availabilityReportRoles, availabilityReportSnapshot, metTarget, monthLabel, newAvailabilityReportCase, parseMonth, trendMonths, trendOf,
  type AvailabilityReportInput, type AvailabilitySource, type FormulirF, type ServiceFigures,
} from '../policy/availabilityReport.ts';
import type { BusinessCalendar } from '../policy/calendarTypes.ts';
import { effectiveProfile } from '../policy/effectiveProfile.ts';
import { pgTextArray } from './problems.ts';
import { DOCUMENT_TEMPLATES_DIR } from './releases.ts';
import type { ActivityDeps } from './index.ts';

export const AVAILABILITY_DOCUMENT_KIND = 'availability_report';

// ---- the sources ------------------------------------------------------------------------------

export interface ServiceRow {
  code: string; name: { id: string; en: string }; classification: string | null; availability_target: string | null;
  operating_schedule: string | null; availability_target_bp: number | null;
}

/** Active services (or the given ones) with their continuity plan (Formulir C), ordered by code. */
export async function servicesWithPlans(em: EntityManager, tenantId: string, codes: string[] | null): Promise<ServiceRow[]> {
  return em.execute<ServiceRow[]>(
    `select s.code, s.name, s.classification, s.availability_target, p.operating_schedule, p.availability_target_bp
     from service s left join continuity_plan p on p.tenant_id = s.tenant_id and p.service_code = s.code
     where s.tenant_id = ? and s.active ${codes ? 'and s.code = any(?::text[])' : ''} order by s.code`,
    codes ? [tenantId, pgTextArray(codes)] : [tenantId]);
}

export interface SourceInterval extends Interval { service: string; source: AvailabilitySource }

const iso = (t: number) => new Date(t).toISOString();
const ms = (v: unknown): number | null => (v === null || v === undefined ? null : new Date(v as string).getTime());

/**
 * Outages and maintenance windows of the services overlapping [from, to). Open outages end at
 * `now` (capped at `to`).
 */
export async function availabilitySources(em: EntityManager, tenantId: string, codes: string[], range: Interval, now: number): Promise<{ downtime: SourceInterval[]; maintenance: SourceInterval[] }> {
  if (!codes.length) return { downtime: [], maintenance: [] };
  const services = pgTextArray(codes);
  const from = iso(range.start);
  const to = iso(range.end);
  const openEnd = Math.min(now, range.end);
  const make = (service: string, kind: AvailabilitySource['kind'], ref: string, start: number, end: number | null, cause: string | null): SourceInterval => {
    const e = end ?? Math.max(openEnd, start);
    return { service, start, end: e, source: { kind, ref, start: iso(start), end: iso(e), open: end === null, cause } };
  };

  const incidents = await em.execute<Array<{ number: string; service_code: string; started: string; ended: string | null; cause: string | null; category: string | null }>>(
    `select number, service_code, data->>'reportedAt' as started, data->'resolution'->>'at' as ended, data->>'cause' as cause, data->>'category' as category
     from sigap_case where tenant_id = ? and case_type = 'incident' and data->>'impact' = 'mayor' and service_code = any(?::text[])
       and (data->>'reportedAt')::timestamptz < ?::timestamptz
       and coalesce((data->'resolution'->>'at')::timestamptz, 'infinity'::timestamptz) > ?::timestamptz`,
    [tenantId, services, to, from]);
  const alerts = await em.execute<Array<{ alert_name: string; source: string; service_code: string; number: string; started: Date; ended: Date | null }>>(
    `select f.alert_name, f.source, c.service_code, c.number, coalesce(f.starts_at, f.first_seen) as started, f.resolved_at as ended
     from alert_fingerprint f join sigap_case c on c.id = f.case_id
     where f.tenant_id = ? and c.case_type = 'incident' and c.data->>'impact' = 'mayor' and c.service_code = any(?::text[])
       and coalesce(f.starts_at, f.first_seen) < ?::timestamptz and coalesce(f.resolved_at, 'infinity'::timestamptz) > ?::timestamptz`,
    [tenantId, services, to, from]);
  const entries = await em.execute<Array<{ id: string; service_code: string; starts_at: Date; ends_at: Date | null; source: 'manual' | 'disaster'; source_ref: string | null; cause: string }>>(
    `select id, service_code, starts_at, ends_at, source, source_ref, cause from downtime
     where tenant_id = ? and service_code = any(?::text[]) and starts_at < ?::timestamptz and coalesce(ends_at, 'infinity'::timestamptz) > ?::timestamptz`,
    [tenantId, services, to, from]);
  const releases = await em.execute<Array<{ number: string; title: string; services: string[]; start: string; end: string }>>(
    `select number, title, data->'services' as services, data->'plan'->'window'->>'start' as start, data->'plan'->'window'->>'end' as "end"
     from sigap_case where tenant_id = ? and case_type = 'release'
       and ((data->>'scheduledAt' is not null and state not in ('rejected', 'cancelled')) or data->>'executionStartedAt' is not null)
       and (data->'plan'->'window'->>'start')::timestamptz < ?::timestamptz and (data->'plan'->'window'->>'end')::timestamptz > ?::timestamptz`,
    [tenantId, to, from]);

  const downtime: SourceInterval[] = [
    ...incidents.map((r) => make(r.service_code, 'incident', r.number, ms(r.started)!, ms(r.ended), r.cause ?? r.category)),
    ...alerts.map((r) => make(r.service_code, 'alert', `${r.alert_name} (${r.number})`, ms(r.started)!, ms(r.ended), r.alert_name)),
    ...entries.map((r) => make(r.service_code, r.source, r.source === 'disaster' && r.source_ref ? r.source_ref : r.id, ms(r.starts_at)!, ms(r.ends_at), r.cause)),
  ];
  const maintenance: SourceInterval[] = releases.flatMap((r) => (Array.isArray(r.services) ? r.services : []).filter((s) => codes.includes(s))
    .map((s) => make(s, 'release', r.number, ms(r.start)!, ms(r.end), r.title)));
  const order = (a: SourceInterval, b: SourceInterval) => a.start - b.start || a.source.ref.localeCompare(b.source.ref);
  return { downtime: downtime.sort(order), maintenance: maintenance.sort(order) };
}

/** The operating schedule and target of a service: its continuity plan, else 24×7 and the catalogue's target text. */
export function scheduleAndTarget(row: ServiceRow): { schedule: OperatingSchedule; targetPercent: number | null; targetSource: ServiceFigures['targetSource'] } {
  const schedule = (OPERATING_SCHEDULES as readonly string[]).includes(row.operating_schedule ?? '') ? row.operating_schedule as OperatingSchedule : '24x7';
  if (row.availability_target_bp !== null && row.availability_target_bp !== undefined) return { schedule, targetPercent: row.availability_target_bp / 100, targetSource: 'continuity_plan' };
  const text = parseTargetPercent(row.availability_target);
  return { schedule, targetPercent: text, targetSource: text === null ? null : 'catalogue' };
}

const inside = (i: Interval, p: Interval) => i.start < p.end && i.end > p.start;

/**
 * The month's figures per service, with the trend of the `trend` months ending with it (1 = no
 * trend but the month itself). One read of the sources covers every month.
 */
export async function measureMonth(em: EntityManager, tenantId: string, month: string, codes: string[] | null, now: number, trend = 1): Promise<{ period: Interval; calendar: BusinessCalendar; services: ServiceFigures[] }> {
  const calendar = await readCalendar(em, tenantId);
  const p = parseMonth(month);
  if (!p) throw new RangeError(`not a month: ${month}`);
  const period = monthPeriod(p.year, p.month, calendar);
  const months = trendMonths(month, trend);
  const periods = months.map((m) => { const q = parseMonth(m)!; return monthPeriod(q.year, q.month, calendar); });
  const rows = await servicesWithPlans(em, tenantId, codes);
  const sources = await availabilitySources(em, tenantId, rows.map((r) => r.code), { start: periods[0]!.start, end: period.end }, now);
  const services = rows.map((row): ServiceFigures => {
    const { schedule, targetPercent, targetSource } = scheduleAndTarget(row);
    const down = sources.downtime.filter((s) => s.service === row.code);
    const maint = sources.maintenance.filter((s) => s.service === row.code);
    const measure = (q: Interval) => measureAvailability({ schedule, period: q, downtime: down, maintenance: maint, calendar });
    const measured: Record<string, number | null> = {};
    months.forEach((m, i) => { measured[m] = periods[i]!.start < now ? measure(periods[i]!).basisPoints : null; });
    const r = measure(period);
    return {
      code: row.code, name: row.name.id, classification: row.classification, schedule, targetPercent, targetSource,
      committedMs: r.committedMs, downtimeMs: r.downtimeMs, maintenanceExcludedMs: r.maintenanceExcludedMs, basisPoints: r.basisPoints,
      met: metTarget(r.basisPoints, targetPercent),
      downtime: down.filter((s) => inside(s, period)).map((s) => s.source), maintenance: maint.filter((s) => inside(s, period)).map((s) => s.source),
      trend: trendOf(months, measured, targetPercent),
    };
  });
  return { period, calendar, services };
}

// ---- the report's intake ------------------------------------------------------------------------

export interface OpenAvailabilityReportInput {
  tenantId: string;
  month: string;
  trigger: 'schedule' | 'manual';
  requestedBy?: { username: string; name: string; role: string } | null;
  /** The measurement instant (open outages end here); default now. */
  at?: number;
}
export interface OpenedAvailabilityReport { caseId: string; number: string; workflowId: string; input: AvailabilityReportInput; created: boolean }

interface Existing { case_id: string; workflow_id: string; number: string; body: { input: AvailabilityReportInput } }

/**
 * Writes the intake of the month's `availability` case once (idempotency key `availability:<YYYY-MM>`,
 * principal 'system'): a second call for the month returns the case already written.
 */
export async function openAvailabilityReportIntake(orm: MikroORM, req: OpenAvailabilityReportInput): Promise<OpenedAvailabilityReport> {
  const key = `availability:${req.month}`;
  const existing = async (): Promise<Existing | undefined> => (await orm.em.fork().execute<Existing[]>(
    `select s.case_id, s.workflow_id, c.number, s.body from submission s join sigap_case c on c.id = s.case_id
     where s.tenant_id = ? and s.principal = 'system' and s.idempotency_key = ?`, [req.tenantId, key]))[0];
  const result = (e: Existing): OpenedAvailabilityReport => ({ caseId: e.case_id, number: e.number, workflowId: e.workflow_id, input: e.body.input, created: false });
  const found = await existing();
  if (found) return result(found);
  const em = orm.em.fork();
  const [tenant] = await em.execute<Array<{ profile_id: string; profile_overrides: Record<string, unknown> | null }>>('select profile_id, profile_overrides from tenant where id = ?', [req.tenantId]);
  if (!tenant) throw new Error(`tenant ${req.tenantId} not found`);
  const profile = effectiveProfile(tenant.profile_id, tenant.profile_overrides ?? undefined);
  if (!profile.availabilityReport) throw new Error(`profile ${profile.id} has no availability report`);
  const at = req.at ?? Date.now();
  const measured = await measureMonth(em, req.tenantId, req.month, null, at, 12);
  const label = monthLabel(req.month);
  const roles = availabilityReportRoles(profile);
  try {
    const written = await writeIntake<AvailabilityReportInput>(em, {
      kind: 'availability', tenantId: req.tenantId, at, timezone: profile.timezone,
      input: ({ caseId, number, at: openedAt, calendar }) => ({
        caseId, tenantId: req.tenantId, profileId: profile.id, profileOverrides: tenant.profile_overrides ?? undefined, number,
        month: req.month, period: measured.period, services: measured.services, trigger: req.trigger,
        requestedBy: req.requestedBy ? { username: req.requestedBy.username, name: req.requestedBy.name } : null, openedAt, calendar,
      }),
      row: (input) => {
        const snap = availabilityReportSnapshot(newAvailabilityReportCase(input, profile), profile, input.openedAt);
        return {
          serviceCode: null, title: `Laporan Ketersediaan Layanan ${label.id} / Service availability report ${label.en}`, state: snap.state, priority: null,
          requester: req.requestedBy?.username ?? 'system', waitingFor: snap.waitingFor, sla: snap.sla, dueAt: snap.dueAt,
          data: snap.data as unknown as Record<string, unknown>, links: [],
        };
      },
      event: {
        actor: req.requestedBy?.username ?? 'system', actorRole: req.requestedBy?.role ?? roles.preparedBy,
        payload: { month: req.month, trigger: req.trigger, services: measured.services.length },
      },
      submission: { idempotencyKey: key, principal: 'system', requestHash: key },
    });
    const [{ number } = { number: '' }] = await em.execute<Array<{ number: string }>>('select number from sigap_case where id = ?', [written.caseId]);
    return { caseId: written.caseId, number, workflowId: written.workflowId, input: written.input, created: true };
  } catch (err) {
    const again = await existing(); // a concurrent attempt won the unique key
    if (again) return result(again);
    throw err;
  }
}

// ---- Formulir F ---------------------------------------------------------------------------------

/** The id of a report's Formulir F: derived from the case, so a retried activity finds the one it stored. */
export function formulirFDocumentId(caseId: string): string {
  const h = createHash('sha256').update(`sigap:formulir-f:${caseId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const HOUR = 3_600_000;
const hours = (v: number) => (v / HOUR).toFixed(2);

/** An inline SVG bar chart of the trend (percent per month) with the target as a dashed line. */
export function trendChartSvg(trend: ServiceFigures['trend'], targetPercent: number | null, title: string): string {
  const w = 640; const h = 220; const left = 44; const bottom = 36; const top = 14;
  const plotH = h - bottom - top;
  const values = trend.map((t) => (t.basisPoints === null ? null : t.basisPoints / 100));
  const known = values.filter((v): v is number => v !== null);
  // The axis starts low enough to show the lowest month and the target (at most 0, at least 90 % when all are high).
  const floor = Math.max(0, Math.min(90, Math.floor(Math.min(...known, targetPercent ?? 100, 100) / 5) * 5 - 5));
  const y = (v: number) => top + plotH * (1 - (v - floor) / (100 - floor));
  const slot = (w - left - 8) / Math.max(1, trend.length);
  const esc = Handlebars.escapeExpression;
  const bars = trend.map((t, i) => {
    const v = values[i];
    const x = left + i * slot + slot * 0.15;
    const label = `<text x="${(x + slot * 0.35).toFixed(1)}" y="${h - bottom + 14}" font-size="9" text-anchor="middle">${esc(t.month.slice(2))}</text>`;
    if (v === null || v === undefined) return `${label}<text x="${(x + slot * 0.35).toFixed(1)}" y="${(top + plotH - 4).toFixed(1)}" font-size="9" text-anchor="middle">–</text>`;
    const fill = t.met === false ? '#c0392b' : '#2e7d32';
    return `<rect x="${x.toFixed(1)}" y="${y(v).toFixed(1)}" width="${(slot * 0.7).toFixed(1)}" height="${(top + plotH - y(v)).toFixed(1)}" fill="${fill}"><title>${esc(t.month)}: ${v.toFixed(2)} %</title></rect>${label}`;
  }).join('');
  const target = targetPercent === null ? '' : `<line x1="${left}" x2="${w - 8}" y1="${y(targetPercent).toFixed(1)}" y2="${y(targetPercent).toFixed(1)}" stroke="#1565c0" stroke-dasharray="6 4" stroke-width="1.5"/><text x="${w - 10}" y="${(y(targetPercent) - 4).toFixed(1)}" font-size="10" text-anchor="end" fill="#1565c0">Target ${targetPercent.toFixed(2)} %</text>`;
  const axis = [floor, (floor + 100) / 2, 100].map((v) => `<text x="${left - 4}" y="${(y(v) + 3).toFixed(1)}" font-size="9" text-anchor="end">${v.toFixed(0)}%</text><line x1="${left}" x2="${w - 8}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#ddd"/>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="${esc(title)}">${axis}${bars}${target}</svg>`;
}

export function formulirFContext(report: FormulirF, tenantName: string, timezone: string) {
  const date = (v: string, lang: 'id' | 'en') => new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: timezone }).format(new Date(v));
  return {
    ...report, tenantName,
    preparedBy: report.preparedBy ? { ...report.preparedBy, atId: date(report.preparedBy.at, 'id'), atEn: date(report.preparedBy.at, 'en') } : null,
    acknowledgedBy: report.acknowledgedBy ? { ...report.acknowledgedBy, atId: date(report.acknowledgedBy.at, 'id'), atEn: date(report.acknowledgedBy.at, 'en') } : null,
    services: report.services.map((s) => ({
      ...s,
      committedHours: hours(s.committedMs), downtimeHours: hours(s.downtimeMs), maintenanceHours: hours(s.maintenanceExcludedMs),
      metId: s.met === null ? 'Tanpa target' : s.met ? 'Tercapai' : 'Tidak tercapai', metEn: s.met === null ? 'No target' : s.met ? 'Met' : 'Missed',
      chart: new Handlebars.SafeString(trendChartSvg(s.trend, s.targetPercent, `${s.code} ${report.month}`)),
      trend: s.trend.map((t) => ({ ...t, text: t.basisPoints === null ? '-' : (t.basisPoints / 100).toFixed(2), metId: t.met === null ? '-' : t.met ? 'Ya' : 'Tidak', metEn: t.met === null ? '-' : t.met ? 'Yes' : 'No' })),
      outages: s.downtime.map((d) => ({ ...d, startId: date(d.start, 'id'), endId: date(d.end, 'id'), startEn: date(d.start, 'en'), endEn: date(d.end, 'en') })),
      windows: s.maintenance.map((d) => ({ ...d, startId: date(d.start, 'id'), endId: date(d.end, 'id'), startEn: date(d.start, 'en'), endEn: date(d.end, 'en') })),
    })),
  };
}

export interface FormulirFRenderer { render(context: ReturnType<typeof formulirFContext>): string }

export function loadFormulirFTemplate(dir = DOCUMENT_TEMPLATES_DIR): FormulirFRenderer {
  const hb = Handlebars.create();
  // HTML-escaped (the default): text written by users never becomes markup; only the chart is SafeString.
  const id = hb.compile(readFileSync(`${dir}/formulir-f.id.hbs`, 'utf8'), { strict: false });
  const en = hb.compile(readFileSync(`${dir}/formulir-f.en.hbs`, 'utf8'), { strict: false });
  const style = 'body{font-family:sans-serif;font-size:11pt;margin:2cm}table{border-collapse:collapse;width:100%;margin:.5em 0}th,td{border:1px solid #555;padding:3px 6px;text-align:left;vertical-align:top}th{background:#eee}section{page-break-inside:avoid;margin-bottom:1.5em}@media print{body{margin:1cm}hr{page-break-after:always;border:0}}';
  return {
    render: (ctx) => `<!doctype html>\n<html lang="id">\n<head><meta charset="utf-8"><title>Formulir F ${Handlebars.escapeExpression(ctx.number)}</title><style>${style}</style></head>\n<body>\n${id(ctx)}\n<hr>\n${en(ctx)}\n</body>\n</html>\n`,
  };
}

// ---- the activities -------------------------------------------------------------------------------

export function createAvailabilityActivities(deps: Pick<ActivityDeps, 'orm'>, renderer?: FormulirFRenderer) {
  const orm = deps.orm;
  let template = renderer;
  return {
    /** The month's `availability` case, written once; the workflow then starts it as a child. */
    async openAvailabilityReport(req: OpenAvailabilityReportInput): Promise<OpenedAvailabilityReport> {
      return openAvailabilityReportIntake(orm, req);
    },

    /** Renders Formulir F and stores it as the case's document (kind availability_report); a retry returns the stored one. */
    async renderFormulirF(req: { tenantId: string; caseId: string; number: string; report: FormulirF }): Promise<{ documentId: string; sha256: string }> {
      const em = orm.em.fork();
      const docId = formulirFDocumentId(req.caseId);
      const [stored] = await em.execute<Array<{ sha256: string }>>('select sha256 from document where id = ? and tenant_id = ?', [docId, req.tenantId]);
      if (stored) return { documentId: docId, sha256: stored.sha256 };
      const [tenant] = await em.execute<Array<{ name: string; timezone: string }>>('select name, timezone from tenant where id = ?', [req.tenantId]);
      template ??= loadFormulirFTemplate();
      const html = Buffer.from(template.render(formulirFContext(req.report, tenant?.name ?? req.tenantId, tenant?.timezone ?? 'Asia/Jakarta')), 'utf8');
      const sha256 = createHash('sha256').update(html).digest('hex');
      await em.execute(
        `insert into document (id, tenant_id, case_id, kind, filename, media_type, size_bytes, sha256, content, uploaded_by, created_at)
         values (?, ?, ?, ?, ?, 'text/html; charset=utf-8', ?, ?, ?, 'system', now()) on conflict (id) do nothing`,
        [docId, req.tenantId, req.caseId, AVAILABILITY_DOCUMENT_KIND, `Formulir-F-${req.number}.html`, html.length, sha256, html]);
      const [again] = await em.execute<Array<{ sha256: string }>>('select sha256 from document where id = ?', [docId]);
      return { documentId: docId, sha256: again!.sha256 };
    },
  };
}
export type AvailabilityActivities = ReturnType<typeof createAvailabilityActivities>;
