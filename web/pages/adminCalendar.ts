// /admin/holidays?year=: the tenant's holidays of one year, edited as one table and saved like
// PUT /api/v1/calendar/holidays — the whole year at once, with the calendar version the page was rendered
// from (the API's If-Match), so a save never overwrites a change someone else made meanwhile.
import type { Router } from 'express';
import { readCalendar, readHolidays } from '../../db/calendar.ts';
import type { Holiday } from '../../policy/calendarTypes.ts';
import { isProblemError } from '../../api/http/problem.ts';
import { validate } from '../../api/http/validation.ts';
import { replaceHolidaysBody } from '../../api/schemas/calendar.ts';
import { replaceHolidays } from '../../api/services/calendar.ts';
import { formFields, type ConsoleDeps, type PageContext } from '../context.ts';
import { adminAction, adminPage, doneNotice, field, formErrors, noErrors, problemNotice, redirectDone, type FormErrors, type Notice } from './adminShared.ts';

const PATH = '/admin/holidays';
const KINDS = ['national', 'cuti_bersama', 'agency'] as const;
const BLANK_ROWS = 3;

interface Row { date: string; kind: string; name: string; source: string; remove?: boolean }

function yearOf(value: unknown, fallback: number): number {
  const y = Number(value);
  return Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : fallback;
}

async function show(ctx: PageContext, year: number, extra: { rows?: Row[]; version?: number | null; errors?: FormErrors; notice?: Notice } = {}, status = 200): Promise<void> {
  const em = ctx.deps.orm.em.fork();
  const calendar = await readCalendar(em, ctx.principal.tenantId);
  const saved = await readHolidays(em, ctx.principal.tenantId, year);
  const rows: Row[] = extra.rows ?? [
    ...saved.map((h) => ({ date: h.date, kind: h.kind, name: h.name, source: h.source ?? '' })),
    ...Array.from({ length: BLANK_ROWS }, () => ({ date: '', kind: 'agency', name: '', source: '' })),
  ];
  const errors = extra.errors ?? noErrors();
  ctx.render('admin-holidays', {
    title: ctx.t('admin.holidays.titleYear', { year }), year, prevYear: year - 1, nextYear: year + 1, timezone: calendar.timezone,
    version: extra.version ?? calendar.version, saved,
    rows: rows.map((r, i) => ({ ...r, i, n: i + 1, kinds: KINDS.map((k) => ({ id: k, selected: k === r.kind })) })),
    rowCount: rows.length, errors: errors.byField, summary: errors.summary, notice: extra.notice ?? doneNotice(ctx),
  }, status);
}

async function save(ctx: PageContext): Promise<void> {
  const fields = formFields(ctx.req);
  const year = yearOf(field(fields, 'year'), new Date(ctx.deps.now()).getUTCFullYear());
  const count = Math.min(Number(field(fields, 'rows')) || 0, 200);
  const rows: Row[] = Array.from({ length: count }, (_, i) => ({
    date: field(fields, `h${i}_date`), kind: field(fields, `h${i}_kind`), name: field(fields, `h${i}_name`),
    source: field(fields, `h${i}_source`), remove: field(fields, `h${i}_remove`) === 'on',
  }));
  // Blank and removed rows are left out; `rowOf` maps a holiday back to its row for the error's field.
  const kept = rows.map((r, i) => ({ r, i })).filter(({ r }) => !r.remove && (r.date || r.name));
  const rowOf = (path: string) => {
    const m = /^body\.holidays\.(\d+)\.?(\w*)/.exec(path);
    const row = m ? kept[Number(m[1])]?.i : undefined;
    return row === undefined ? 'f-h0-date' : `f-h${row}-${m![2] || 'date'}`;
  };
  const body = { holidays: kept.map(({ r }) => ({ date: r.date, kind: r.kind, name: r.name, ...(r.source ? { source: r.source } : {}) })) };
  const parsed = await validate(replaceHolidaysBody, body, 'body', ctx.lang);
  // The version the page was rendered from (the API's If-Match); without one, like the API, no check.
  const rawVersion = field(fields, 'version');
  const version = /^\d+$/.test(rawVersion) ? Number(rawVersion) : null;
  if (!parsed.ok) return show(ctx, year, { rows, version, errors: formErrors(parsed.errors, ctx.lang, rowOf) }, 400);
  try {
    await replaceHolidays(ctx.deps, ctx.principal, year, parsed.value.holidays as Holiday[], version);
    redirectDone(ctx, `${PATH}?year=${year}`, 'holidaysSaved', String(year));
  } catch (err) {
    if (!isProblemError(err)) throw err;
    if (err.status === 412) {
      // Someone saved first: their table is shown as saved, this administrator's rows are kept with the
      // new version, so they compare and save again on purpose.
      const current = await readCalendar(ctx.deps.orm.em.fork(), ctx.principal.tenantId);
      return show(ctx, year, { rows, version: current.version, notice: problemNotice(err, ctx.lang) }, 412);
    }
    if (err.errors?.length) return show(ctx, year, { rows, version, errors: formErrors(err.errors, ctx.lang, rowOf) }, err.status);
    throw err;
  }
}

export function registerCalendarPages(router: Router, c: ConsoleDeps): void {
  router.get(PATH, adminPage(c, (ctx) => show(ctx, yearOf(ctx.req.query.year, new Date(ctx.deps.now()).getUTCFullYear()))));
  router.post(PATH, ...adminAction(c, save));
}
