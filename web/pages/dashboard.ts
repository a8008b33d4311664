// The process owners' dashboard (/dashboard): open cases per process and state, SLA breaches this month,
// SLA attainment per service per month (inline SVG bar charts with the same figures as a table), and the
// next runs of the tenant's Temporal Schedules. Aggregates come from db/dashboard.ts; schedules from the
// same services as the API's GET …/schedule endpoints. Staff only, like the tenant-wide reports.
import { z } from 'zod';
import type { Lang } from '../../api/http/messages.ts';
import { problem } from '../../api/http/problem.ts';
import { validate } from '../../api/http/validation.ts';
import { describeAvailabilitySchedule } from '../../api/services/availabilitySchedule.ts';
import { listDrpTestSchedules } from '../../api/services/drpTests.ts';
import { describeEvaluationSchedule } from '../../api/services/evaluationSchedule.ts';
import { describeReviewSchedule } from '../../api/services/problemReview.ts';
import { loadTenant } from '../../api/services/tenants.ts';
import { breachesThisMonth, openCasesByState, recentMonths, slaAttainmentByService, type OpenCount, type ServiceAttainment } from '../../db/dashboard.ts';
import { barChartSvg } from '../../reports/charts.ts';
import type { AreaRegistrar } from '../console.ts';
import { page, type PageContext } from '../context.ts';
import { hasText, local, registerTexts } from '../i18n.ts';
import { dashboardTexts } from '../texts/dashboard.ts';

registerTexts(dashboardTexts);

const MONTH_CHOICES = [3, 6, 12] as const;
const dashboardQuery = z.object({ months: z.coerce.number().int().refine((n) => (MONTH_CHOICES as readonly number[]).includes(n)).default(6) });

// Process and state names are the case list's (web/texts/cases.ts), so both pages use the same words; a
// code without a text shows as words (the read model keeps codes such as `awaiting_approval`).
function processName(ctx: PageContext, caseType: string): string {
  return hasText(`cases.type.${caseType}`) ? ctx.t(`cases.type.${caseType}`) : caseType.replace(/_/g, ' ');
}

function stateName(ctx: PageContext, state: string): string {
  return hasText(`cases.state.${state}`) ? ctx.t(`cases.state.${state}`) : state.replace(/_/g, ' ');
}

function openSection(ctx: PageContext, open: OpenCount[]) {
  const groups = new Map<string, OpenCount[]>();
  for (const row of open) groups.set(row.caseType, [...(groups.get(row.caseType) ?? []), row]);
  const processes = [...groups.entries()].map(([caseType, rows]) => {
    const name = processName(ctx, caseType);
    return {
      caseType, name, rowspan: rows.length + 1,
      total: rows.reduce((s, r) => s + r.count, 0), breached: rows.reduce((s, r) => s + r.breached, 0),
      states: rows.map((r) => ({
        ...r, label: stateName(ctx, r.state),
        href: `/cases?type=${encodeURIComponent(caseType)}&status=${encodeURIComponent(r.state)}`,
        linkLabel: ctx.t('dashboard.casesLink', { process: name, state: stateName(ctx, r.state) }),
      })),
    };
  });
  const chart = processes.length === 0 ? null : barChartSvg(
    processes.map((p) => ({ label: p.name.length > 14 ? `${p.name.slice(0, 13)}…` : p.name, value: p.total })),
    { title: ctx.t('dashboard.open.chart'), width: 640, height: 200 });
  return { processes, chart, total: processes.reduce((s, p) => s + p.total, 0), breachedNow: processes.reduce((s, p) => s + p.breached, 0) };
}

/** 'short': "Nov 2026" (table), 'chart': "Nov 26" (fits under a bar), 'long': "November 2026". */
function monthLabel(month: string, lang: Lang, timeZone: string, style: 'short' | 'chart' | 'long'): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const options: Intl.DateTimeFormatOptions = style === 'chart' ? { month: 'short', year: '2-digit' } : { month: style, year: 'numeric' };
  // Mid-month noon UTC: the same local month in every time zone.
  return new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', { ...options, timeZone }).format(Date.UTC(y, m - 1, 15, 12));
}

function attainmentSection(ctx: PageContext, services: ServiceAttainment[], months: string[], timezone: string) {
  const pct = (met: number, completed: number) => (completed === 0 ? null : Math.round((met * 1000) / completed) / 10);
  return {
    months: months.map((m) => ({ month: m, label: monthLabel(m, ctx.lang, timezone, 'short') })),
    services: services.map((s) => {
      const name = s.code === '' ? ctx.t('dashboard.sla.noService') : `${local(s.name, ctx.lang) || s.code}`;
      return {
        code: s.code, name,
        chart: barChartSvg(s.months.map((c) => ({
          label: monthLabel(c.month, ctx.lang, timezone, 'chart'), value: pct(c.met, c.completed), bad: c.completed > c.met,
        })), { title: ctx.t('dashboard.sla.chart', { service: name }), unit: '%', min: 0, max: 100, width: Math.max(340, 50 * months.length), height: 180 }),
        cells: s.months.map((c) => ({
          text: c.completed === 0 ? '–' : ctx.t('dashboard.sla.cell', { pct: pct(c.met, c.completed), met: c.met, completed: c.completed }),
          bad: c.completed > c.met,
        })),
      };
    }),
  };
}

interface ScheduleRow { kind: string; subject: string; nextRun: string | null; note: string; href: string | null }

/** The next runs of the tenant's Schedules; a Schedule Temporal cannot describe now is said so, not fatal. */
async function scheduleRows(ctx: PageContext): Promise<ScheduleRow[]> {
  const { deps, principal } = ctx;
  const ui = deps.config.temporalUiUrl;
  const href = (id: string) => (ui ? `${ui}/namespaces/${encodeURIComponent(deps.config.TEMPORAL_NAMESPACE)}/schedules/${encodeURIComponent(id)}` : null);
  const note = (s: { exists: boolean; paused: boolean | null }, required = true) =>
    (!required ? ctx.t('dashboard.schedule.notInProfile') : !s.exists ? ctx.t('dashboard.schedule.missing') : s.paused ? ctx.t('dashboard.schedule.paused') : '');
  const single = async (kind: string, read: () => Promise<{ scheduleId: string; exists: boolean; paused: boolean | null; nextRuns: string[] }>, required: (s: Record<string, unknown>) => boolean) => {
    try {
      const s = await read();
      return [{ kind: ctx.t(kind), subject: '', nextRun: s.nextRuns[0] ?? null, note: note(s, required(s)), href: s.exists ? href(s.scheduleId) : null }];
    } catch {
      return [{ kind: ctx.t(kind), subject: '', nextRun: null, note: ctx.t('dashboard.schedule.unavailable'), href: null }];
    }
  };
  const drp = async (): Promise<ScheduleRow[]> => {
    try {
      const list = await listDrpTestSchedules(deps, principal);
      return list.items.map((s) => ({ kind: ctx.t('dashboard.schedule.drpTest'), subject: s.service, nextRun: s.nextRuns[0] ?? null, note: note(s), href: s.exists ? href(s.scheduleId) : null }));
    } catch {
      return [{ kind: ctx.t('dashboard.schedule.drpTest'), subject: '', nextRun: null, note: ctx.t('dashboard.schedule.unavailable'), href: null }];
    }
  };
  const rows = await Promise.all([
    single('dashboard.schedule.review', () => describeReviewSchedule(deps, principal), (s) => s.frequency !== null),
    single('dashboard.schedule.evaluation', () => describeEvaluationSchedule(deps, principal), () => true),
    drp(),
    single('dashboard.schedule.availability', () => describeAvailabilitySchedule(deps, principal), (s) => s.frequency !== null),
  ]);
  return rows.flat();
}

export const registerDashboardPages: AreaRegistrar = (router, c) => {
  router.get('/dashboard', page(c, async (ctx) => {
    if (!ctx.principal.roles.some((r) => r !== 'requester')) throw problem(403, 'missing_role', { roles: 'staff' });
    const parsed = await validate(dashboardQuery, ctx.req.query, 'query', ctx.lang);
    const monthsBack = parsed.ok ? parsed.value.months : 6;
    const em = ctx.deps.orm.em.fork();
    const tenant = await loadTenant(em, ctx.principal.tenantId);
    const now = new Date(ctx.deps.now());
    const months = recentMonths(now, tenant.timezone, monthsBack);
    const [open, breaches, attainment, schedules] = await Promise.all([
      openCasesByState(em.fork(), tenant.id),
      breachesThisMonth(em.fork(), tenant.id, tenant.timezone, now),
      slaAttainmentByService(em.fork(), tenant.id, tenant.timezone, months),
      scheduleRows(ctx),
    ]);
    const openModel = openSection(ctx, open);
    ctx.render('dashboard-index', {
      title: ctx.t('dashboard.title'),
      monthChoices: MONTH_CHOICES.map((n) => ({ value: n, label: ctx.t('dashboard.monthsOption', { n }), selected: n === monthsBack })),
      open: openModel,
      breaches: {
        month: monthLabel(months[months.length - 1]!, ctx.lang, tenant.timezone, 'long'),
        total: breaches.reduce((s, b) => s + b.cases, 0),
        rows: breaches.map((b) => ({ name: processName(ctx, b.caseType), cases: b.cases, caseType: b.caseType })),
      },
      attainment: attainmentSection(ctx, attainment, months, tenant.timezone),
      schedules,
    });
  }));
};
