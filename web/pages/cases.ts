// The case list (/cases), the case page (/cases/:id, by id or number — the link in every notification)
// and the forms that act on a case. Everything goes through the API's own services: listCases, getCase,
// getTimeline, availableActions (the workflow's check, so a button shows only when the server would
// accept it) and actOnCase (which checks again). A form the case has moved past comes back as the case
// page with a notice saying what happened, never as a silent failure.
import type { Router } from 'express';
import { isProblemError, type ProblemError } from '../../api/http/problem.ts';
import { translate } from '../../api/http/messages.ts';
import { validate } from '../../api/http/validation.ts';
import { caseListQuery } from '../../api/schemas/cases.ts';
import { queryBoolean } from '../../api/http/routes.ts';
import { availableActions } from '../../api/services/caseActions.ts';
import { actOnCase, getCase, getTimeline, listCases } from '../../api/services/cases.ts';
import { allActions, processOf } from '../../api/services/processes.ts';
import { loadTenant, profileOf } from '../../api/services/tenants.ts';
import { findUser } from '../../api/services/users.ts';
import { AVAILABILITY_REPORT_STATES } from '../../policy/availabilityReport.ts';
import { CHANGE_STATES } from '../../policy/change.ts';
import { DRP_STATES } from '../../policy/continuity.ts';
import { DISASTER_STATES } from '../../policy/disaster.ts';
import { EVALUATION_STATES } from '../../policy/evaluation.ts';
import { INCIDENT_STATES } from '../../policy/incident.ts';
import { PROBLEM_STATES } from '../../policy/problem.ts';
import { RELEASE_STATES } from '../../policy/release.ts';
import { REQUEST_STATES } from '../../policy/requestFulfilment.ts';
import type { AreaRegistrar } from '../console.ts';
import { action, formFields, page, type PageContext } from '../context.ts';
import { local, registerTexts } from '../i18n.ts';
import { formatDateTime } from '../render.ts';
import { casesTexts } from '../texts/cases.ts';
import { actionFormModel, formFieldsOf, messageOf, type FormState } from './casesForms.ts';
import { bodyFromForm } from './casesActionForms.ts';
import { rowSeedsOf } from './casesRowSeeds.ts';
import { withRoleTitles } from '../../api/http/roleTitles.ts';
import { actionLabel, caseRow, clockModel, priorityLabel, relationLabel, stateLabel, timelineEntry, typeLabel, waitingText } from './casesView.ts';
import { RELEASABLE_CHANGE_STATES } from '../../api/services/releases.ts';

registerTexts(casesTexts);

const CASE_TYPES = ['request', 'incident', 'problem', 'change', 'release', 'disaster', 'drp', 'maintenance', 'availability', 'evaluation'];
/** The states of each process, for the status filter (a maintenance SOP's states are its profile's steps). */
const STATES_OF: Record<string, readonly string[]> = {
  request: REQUEST_STATES, incident: INCIDENT_STATES, problem: PROBLEM_STATES, change: CHANGE_STATES, release: RELEASE_STATES,
  disaster: DISASTER_STATES, drp: DRP_STATES, availability: AVAILABILITY_REPORT_STATES, evaluation: EVALUATION_STATES,
};
const listQuery = caseListQuery.extend({ breached: queryBoolean().optional() });

/** What a page shows above the case after a form: done, refused, or the case moved on. */
type Outcome = { form?: FormState; refused?: ProblemError; stale?: boolean };

/** The status filter's choices by process; the chosen state marked once (several processes share e.g. `closed`). */
function stateGroups(filters: Record<string, string>, lang: PageContext['lang']) {
  let marked = false;
  const groups = Object.entries(STATES_OF).filter(([type]) => !filters.type || filters.type === type);
  return groups.map(([type, states]) => ({
    label: typeLabel(type, lang),
    states: states.map((v) => {
      const selected = !marked && filters.status === v;
      if (selected) marked = true;
      return { value: v, label: stateLabel(v, lang), selected };
    }),
  }));
}

async function listPage(ctx: PageContext): Promise<void> {
  const { req, lang } = ctx;
  const asked = Object.fromEntries(Object.entries(req.query).filter(([k, v]) => k !== 'lang' && typeof v === 'string' && v.trim() !== '')) as Record<string, string>;
  const parsed = await validate(listQuery, asked, 'query', lang);
  const filters = { ...asked };
  const result = parsed.ok ? await listCases(ctx.deps, ctx.principal, parsed.value) : null;
  const now = ctx.deps.now();
  const pages = result ? Math.max(1, Math.ceil(result.total / result.pageSize)) : 1;
  const pageLink = (n: number) => `/cases?${new URLSearchParams({ ...filters, page: String(n) }).toString()}`;
  ctx.render('cases-list', {
    title: ctx.t('cases.title'),
    filters,
    errors: parsed.ok ? [] : parsed.errors.map((e) => ({ field: e.path.replace(/^query\./, ''), text: messageOf(e, lang) })),
    types: CASE_TYPES.map((v) => ({ value: v, label: typeLabel(v, lang), selected: filters.type === v })),
    stateGroups: stateGroups(filters, lang),
    breachedOptions: [['true', 'cases.filter.yes'], ['false', 'cases.filter.no']].map(([v, k]) => ({ value: v, label: ctx.t(k!), selected: filters.breached === v })),
    rows: result?.items.map((v) => caseRow(v, lang, now)) ?? [],
    total: result ? ctx.t('cases.total', { total: result.total, page: result.page, pages }) : '',
    prev: result && result.page > 1 ? pageLink(result.page - 1) : null,
    next: result && result.page < pages ? pageLink(result.page + 1) : null,
  });
}

/** The case page; `outcome` carries what a refused or stale form brings back. */
export async function renderCase(ctx: PageContext, id: string, outcome: Outcome = {}, status = 200): Promise<void> {
  const { deps, principal, lang } = ctx;
  const view = await getCase(deps, principal, id, true);
  const [timeline, available, tenant] = await Promise.all([
    getTimeline(deps, principal, view.id), availableActions(deps, principal, view.id), loadTenant(deps.orm.em.fork(), principal.tenantId),
  ]);
  const profile = profileOf(tenant);
  const roleTitle = (role: string) => local(profile.roles.find((r) => r.id === role)?.title ?? role, lang);
  const em = deps.orm.em.fork();
  const nameOf = async (username: string | null) => (username ? (await findUser(em, principal.tenantId, username))?.name ?? username : null);
  const now = deps.now();
  const process = processOf(view.type);
  const seeds = rowSeedsOf(view, lang);
  const forms = available.flatMap((a) => {
    const schema = process?.bodies[a.action];
    return schema ? [actionFormModel(view.number, a, schema, lang, outcome.form, undefined, seeds[a.action])] : [];
  });
  const events = timeline.events;
  const last = [...events].reverse().find((e) => e.actor.username !== 'system');
  const done = typeof ctx.req.query.done === 'string' && allActions().includes(ctx.req.query.done) ? ctx.req.query.done : null;
  const notices: Array<{ text: string; tone: string; href?: string | null }> = [];
  if (done) notices.push({ tone: 'ok', text: ctx.t('cases.notice.done', { action: actionLabel(done, lang), state: stateLabel(view.state, lang) }) });
  if (outcome.stale) {
    const lastBy = last ? ctx.t('cases.notice.lastBy', { name: last.actor.name, action: actionLabel(last.action, lang), at: formatDateTime(last.at, lang, ctx.frame.timezone) }) : '';
    notices.push({ tone: 'warning', text: ctx.t('cases.notice.stale', { state: stateLabel(view.state, lang), lastBy }) });
  }
  if (outcome.refused) notices.push({ tone: 'breached', text: ctx.t('cases.notice.refused', { detail: translate(outcome.refused.code, lang, withRoleTitles(outcome.refused.params, principal.tenantId, lang)) }) });
  const refusedForm = forms.find((f) => f.action === outcome.form?.action);
  if (outcome.form && outcome.form.errors.length > 0) {
    notices.push({ tone: 'breached', text: ctx.t('cases.notice.invalid', { action: actionLabel(outcome.form.action, lang) }), href: refusedForm ? `#${refusedForm.headingId}` : null });
  }
  const links = (view.links as Array<{ type?: string; id?: string; number?: string; relation?: string }>).filter((l) => l.number || l.id).map((l) => ({
    href: `/cases/${encodeURIComponent(l.number ?? l.id!)}`, number: l.number ?? l.id, type: typeLabel(l.type ?? '', lang), relation: relationLabel(l.relation, lang),
  }));
  ctx.render('cases-detail', {
    title: `${view.number} · ${view.title}`,
    kase: {
      ...view, typeLabel: typeLabel(view.type, lang), stateLabel: stateLabel(view.state, lang),
      priorityLabel: priorityLabel(view.priority, lang), requesterName: await nameOf(view.requester), assigneeName: await nameOf(view.assignee),
    },
    notices,
    clocks: view.sla.map((c) => clockModel(c, lang, now)),
    waiting: view.waitingFor.map((w) => waitingText(w, lang)),
    links,
    timeline: events.map((e) => timelineEntry(e, lang, roleTitle)),
    forms,
    workflowUrl: view.workflow.url,
    // A change ready for release links to the release form with the change chosen (the release service's own rule).
    releaseHref: view.type === 'change' && (RELEASABLE_CHANGE_STATES[String((view.data as { category?: unknown }).category)] ?? []).includes(view.state) ? `/new/release?change=${encodeURIComponent(view.number)}` : null,
  }, status);
}

/** Sends a form to actOnCase; success goes back (303) to the case or the inbox, a refusal renders the case. */
async function act(ctx: PageContext, actionName: string): Promise<void> {
  const { deps, principal, lang, req, res } = ctx;
  const id = String(req.params.id);
  const form = formFields(req);
  const view = await getCase(deps, principal, id, true);
  const schema = processOf(view.type)?.bodies[actionName];
  const body: Record<string, unknown> = schema ? bodyFromForm(formFieldsOf(schema), form) : {};
  if (typeof form.decision === 'string') body.decision = form.decision;
  const key = typeof form._idem === 'string' && /^[\w-]{8,100}$/.test(form._idem) ? form._idem : null;
  try {
    const after = await actOnCase(deps, principal, view.id, actionName, body, key, lang);
    const toInbox = form._return === 'inbox';
    res.redirect(303, toInbox ? `/inbox?decided=${encodeURIComponent(after.number)}` : `/cases/${encodeURIComponent(after.number)}?done=${encodeURIComponent(actionName)}`);
  } catch (err) {
    if (!isProblemError(err) || err.status === 404 || err.status === 401) throw err;
    const state: FormState = { action: actionName, values: form, errors: err.errors ?? [] };
    if (err.status === 400 && err.errors) return renderCase(ctx, view.id, { form: state }, 400);
    if (err.status === 409) return renderCase(ctx, view.id, { stale: true, form: state }, 409);
    return renderCase(ctx, view.id, { refused: err, form: state }, err.status);
  }
}

export const registerCasePages: AreaRegistrar = (router: Router, c) => {
  router.get('/cases', page(c, listPage));
  router.get('/cases/:id', page(c, (ctx) => renderCase(ctx, String(ctx.req.params.id))));
  router.post('/cases/:id/decide', ...action(c, (ctx) => act(ctx, 'decide')));
  router.post('/cases/:id/actions/:action', ...action(c, (ctx) => act(ctx, String(ctx.req.params.action))));
};
