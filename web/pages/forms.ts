// Submission forms: /new (what can I submit?) and /new/<kind> for a service request, an incident, a change,
// a release plan and a disaster assessment. A form posts to the same service function as the API route,
// checked by the route's zod schema; on an error the form comes back with the API's messages next to the
// fields, a summary linking to them and everything typed kept. A hidden idempotency key per rendered form
// makes a double submit create one case (the API's Idempotency-Key).
import { randomUUID } from 'node:crypto';
import type { Lang } from '../../api/http/messages.ts';
import { localize, translate } from '../../api/http/messages.ts';
import { isProblemError, problem, type ProblemError } from '../../api/http/problem.ts';
import { validate } from '../../api/http/validation.ts';
import { loadTenant, profileOf } from '../../api/services/tenants.ts';
import type { Profile } from '../../policy/profile.ts';
import type { AreaRegistrar } from '../console.ts';
import { action, formFields, page, type PageContext } from '../context.ts';
import { registerTexts } from '../i18n.ts';
import { formsTexts } from '../texts/forms.ts';
import { FORM_KINDS, type FormKind } from './formsKinds.ts';
import { buildBody, errorsByField, type Raw, type SectionSpec } from './formsModel.ts';
import { placeErrors, sectionViews, summaryOf, type FormErrors } from './formsView.ts';

registerTexts(formsTexts);

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/; // as the Idempotency-Key header (api/routes/idempotency.ts)

async function tenantOf(ctx: PageContext): Promise<{ profile: Profile; timezone: string }> {
  const tenant = await loadTenant(ctx.deps.orm.em.fork(), ctx.principal.tenantId);
  return { profile: profileOf(tenant), timezone: tenant.timezone };
}

function kindOf(ctx: PageContext, profile: Profile): FormKind {
  const kind = FORM_KINDS.find((k) => k.kind === ctx.req.params.kind);
  if (!kind || !kind.offered(profile)) throw problem(404, 'not_found');
  return kind;
}

/** A problem's detail as the API words it, roles named by their titles in the tenant's profile. */
function problemText(p: ProblemError, lang: Lang, profile: Profile): string {
  const roles = p.params.roles;
  const params = roles === undefined || roles === null ? p.params : {
    ...p.params,
    roles: (Array.isArray(roles) ? roles.map(String) : String(roles).split(/,\s*/)).map((id) => profile.roles.find((r) => r.id === id)?.title[lang] ?? id),
  };
  return p.detailOverride ? localize(p.detailOverride, lang, params) : translate(p.code, lang, params);
}

interface Shown { raw: Raw; sections?: SectionSpec[]; errors?: Array<{ field: string; message: string }>; problem?: string; status?: number }

async function showForm(ctx: PageContext, kind: FormKind, profile: Profile, timezone: string, shown: Shown): Promise<void> {
  const { raw } = shown;
  const sections = shown.sections ?? await kind.sections({ deps: ctx.deps, principal: ctx.principal, profile, lang: ctx.lang, t: ctx.t, raw });
  const placed: FormErrors = placeErrors(sections, raw, shown.errors ?? []);
  const general = [...(shown.problem ? [shown.problem] : []), ...placed.general];
  const views = sectionViews(sections, raw, placed, ctx.t);
  const summary = summaryOf(views, general);
  const key = typeof raw.idempotencyKey === 'string' && IDEMPOTENCY_KEY.test(raw.idempotencyKey) ? raw.idempotencyKey : randomUUID();
  ctx.render('forms-form', {
    title: ctx.t(`forms.${kind.kind}.title`), lead: ctx.t(`forms.${kind.kind}.lead`), kind: kind.kind, action: `/new/${kind.kind}`,
    idempotencyKey: key, sections: views, summary, summaryTitle: placed.byField.size || placed.general.length ? ctx.t('form.errorsSummary') : ctx.t('forms.problem'),
    timezoneNote: sections.some((s) => [...(s.fields ?? []), ...(s.group?.fields ?? [])].some((f) => f.type === 'datetime')) ? ctx.t('forms.timezone', { zone: timezone }) : null,
  }, shown.status ?? (summary.length ? 400 : 200));
}

export const registerFormPages: AreaRegistrar = (router, c) => {
  router.get('/new', page(c, async (ctx) => {
    const { profile } = await tenantOf(ctx);
    const kinds = FORM_KINDS.filter((k) => k.offered(profile) && k.allowed(profile, ctx.principal))
      .map((k) => ({ href: `/new/${k.kind}`, title: ctx.t(`forms.${k.kind}.title`), lead: ctx.t(`forms.${k.kind}.lead`) }));
    ctx.render('forms-index', { title: ctx.t('forms.title'), kinds });
  }));

  router.get('/new/:kind', page(c, async (ctx) => {
    const { profile, timezone } = await tenantOf(ctx);
    const kind = kindOf(ctx, profile);
    // Only picks a release's change (?change=CHG-…, the link from a change's page); nothing else is taken from the query.
    const raw: Raw = typeof ctx.req.query.change === 'string' && kind.kind === 'release' ? { change: ctx.req.query.change } : {};
    await showForm(ctx, kind, profile, timezone, { raw });
  }));

  router.post('/new/:kind', ...action(c, async (ctx) => {
    const { profile, timezone } = await tenantOf(ctx);
    const kind = kindOf(ctx, profile);
    const raw = formFields(ctx.req);
    if (typeof raw._add === 'string') return showForm(ctx, kind, profile, timezone, { raw, status: 200 }); // "add a row", no JavaScript needed

    const sections = await kind.sections({ deps: ctx.deps, principal: ctx.principal, profile, lang: ctx.lang, t: ctx.t, raw });
    const built = buildBody(sections, raw, timezone);
    kind.adjust?.(built.body);
    const checked = await validate(kind.schema, built.body, undefined, ctx.lang);
    if (!checked.ok) {
      return showForm(ctx, kind, profile, timezone, { raw, sections, errors: errorsByField(checked.errors, built.fieldOf, (e) => e.message ?? '') });
    }
    const key = typeof raw.idempotencyKey === 'string' && IDEMPOTENCY_KEY.test(raw.idempotencyKey) ? raw.idempotencyKey : null;
    let caseId: string;
    try {
      ({ caseId } = await kind.submit(ctx.deps, ctx.principal, checked.value as never, key));
    } catch (err) {
      if (!isProblemError(err) || err.status === 401 || err.status >= 500) throw err;
      const onField = kind.fieldOfProblem?.[err.code];
      const errors = err.errors
        ? errorsByField(err.errors, built.fieldOf, (e) => e.message ?? (e.messageKey ? translate(e.messageKey, ctx.lang, e.params) : translate('field_invalid', ctx.lang)))
        : onField ? [{ field: onField, message: translate(err.code, ctx.lang, err.params) }] : [];
      return showForm(ctx, kind, profile, timezone, { raw, sections, errors, ...(errors.length ? {} : { problem: problemText(err, ctx.lang, profile) }), status: err.status });
    }
    ctx.res.redirect(303, `/cases/${caseId}`);
  }));
};
