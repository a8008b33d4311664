// Reports (/reports): the tenant's reports (Formulir A–I and the others its profile has) as the API lists
// them, each with a plain GET form for its parameters and one button per format. /reports/:formulir builds
// the report through the same service as GET /api/v1/reports/{formulir} (same checks, same files); a
// parameter the report refuses brings the list back with the API's message next to the field.
import type { FieldError } from '../../api/http/problem.ts';
import { isProblemError } from '../../api/http/problem.ts';
import { translate } from '../../api/http/messages.ts';
import { validate } from '../../api/http/validation.ts';
import { reportQuery } from '../../api/schemas/reports.ts';
import { listReports, renderReport, sendReport } from '../../api/services/reports.ts';
import { loadTenant } from '../../api/services/tenants.ts';
import { recentMonths } from '../../db/dashboard.ts';
import { CASE_PREFIXES, type CaseType } from '../../db/intake.ts';
import type { AreaRegistrar } from '../console.ts';
import { page, type PageContext } from '../context.ts';
import { local, registerTexts } from '../i18n.ts';
import { reportsTexts } from '../texts/reports.ts';

registerTexts(reportsTexts);

type Values = Record<string, string>;

/** What a failed attempt brings back: which report, what was typed, and the errors by field ('' = the form). */
interface Attempt { formulir: string; values: Values; errors: Map<string, string[]> }

const FIELD_TYPES: Record<string, { type: string; label: string; hint?: string }> = {
  case: { type: 'text', label: 'reports.field.case', hint: 'reports.field.caseHint' },
  service: { type: 'text', label: 'reports.field.service', hint: 'reports.field.serviceHint' },
  month: { type: 'month', label: 'reports.field.month', hint: 'reports.field.monthHint' },
  from: { type: 'date', label: 'reports.field.from', hint: 'reports.field.dateHint' },
  to: { type: 'date', label: 'reports.field.to', hint: 'reports.field.dateHint' },
};

/** The kind of case a report reads, for the example number in the case field's hint. */
const CASE_OF: Record<string, CaseType> = {
  d: 'request', e: 'incident', f: 'availability', g: 'disaster', h: 'release', i: 'evaluation', bast: 'release', 'management-review': 'evaluation',
};

/** Period defaults: the previous local month (the usual monthly report), as month and as a date range. */
async function defaults(ctx: PageContext): Promise<Values> {
  const tenant = await loadTenant(ctx.deps.orm.em.fork(), ctx.principal.tenantId);
  const previous = recentMonths(new Date(ctx.deps.now()), tenant.timezone, 2)[0]!;
  const [y, m] = previous.split('-').map(Number) as [number, number];
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { month: previous, from: `${previous}-01`, to: `${previous}-${String(lastDay).padStart(2, '0')}` };
}

async function renderList(ctx: PageContext, attempt: Attempt | null, status = 200): Promise<void> {
  const { items } = await listReports(ctx.deps, ctx.principal);
  const base = await defaults(ctx);
  const summary: Array<{ href: string; text: string }> = [];
  const reports = items.map((item) => {
    const mine = attempt?.formulir === item.id ? attempt : null;
    const title = local(item.title, ctx.lang);
    const errorsOf = (name: string) => mine?.errors.get(name) ?? [];
    const fields = item.params.filter((p) => FIELD_TYPES[p]).map((name) => {
      const spec = FIELD_TYPES[name]!;
      const id = `rep-${item.id}-${name}`;
      const errors = errorsOf(name);
      for (const message of errors) summary.push({ href: `#${id}`, text: ctx.t('reports.errorIn', { title, message }) });
      return {
        id, name, type: spec.type, label: ctx.t(spec.label),
        hint: spec.hint ? ctx.t(spec.hint, { example: `${CASE_PREFIXES[CASE_OF[item.id] ?? 'request']}-${base.month!.slice(0, 4)}-000001` }) : '',
        value: mine ? (mine.values[name] ?? '') : (base[name] ?? ''), errors, invalid: errors.length > 0,
      };
    });
    const formErrors = errorsOf('');
    for (const message of formErrors) summary.push({ href: `#rep-${item.id}`, text: ctx.t('reports.errorIn', { title, message }) });
    return {
      id: item.id, title, description: local(item.description, ctx.lang), ownCase: item.ownCase, fields, formErrors,
      paramsLabel: ctx.t('reports.params', { title }),
      formats: item.formats.map((f) => ({ value: f, label: ctx.t(`reports.format.${f}`), primary: f === 'html' })),
    };
  });
  ctx.render('reports-index', { title: ctx.t('reports.title'), reports, summary }, status);
}

/** The query as the form sent it: strings only, empty fields left out (an empty field is "not given"). */
function filled(query: Record<string, unknown>): Values {
  return Object.fromEntries(Object.entries(query).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== ''));
}

/** Field errors by form field: `query.month` → month; anything else (a rule across fields) → the form. */
function byField(errors: FieldError[], fields: string[], lang: PageContext['lang']): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const e of errors) {
    const name = e.path.replace(/^query\.?/, '').split('.')[0] ?? '';
    const key = fields.includes(name) ? name : '';
    const message = e.message ?? (e.messageKey ? translate(e.messageKey, lang) : '');
    out.set(key, [...(out.get(key) ?? []), message]);
  }
  return out;
}


export const registerReportPages: AreaRegistrar = (router, c) => {
  router.get('/reports', page(c, (ctx) => renderList(ctx, null)));

  router.get('/reports/:formulir', page(c, async (ctx) => {
    const formulir = String(ctx.req.params.formulir);
    const values = filled(ctx.req.query as Record<string, unknown>);
    const fields = Object.keys(FIELD_TYPES);
    const parsed = await validate(reportQuery, values, 'query', ctx.lang);
    if (!parsed.ok) return renderList(ctx, { formulir, values, errors: byField(parsed.errors, fields, ctx.lang) }, 400);
    try {
      sendReport(ctx.res, await renderReport(ctx.deps, ctx.principal, formulir, parsed.value, ctx.lang));
    } catch (err) {
      // A refused parameter (the report's own rules, a period ending before it starts): back to the form.
      if (!isProblemError(err) || err.status !== 400) throw err;
      const errors: FieldError[] = err.errors ?? [{ path: err.code === 'period_ends_before_start' ? 'query.to' : 'query', message: translate(err.code, ctx.lang, err.params) }];
      return renderList(ctx, { formulir, values, errors: byField(errors, fields, ctx.lang) }, 400);
    }
  }));
};
