// /admin/webhooks: outbound webhook subscriptions (the signing secret shown once, on the page that answers
// the creation), revocation, each subscription's delivery log and redelivery — the functions behind
// /api/v1/webhooks, validated with the same schemas.
import type { Router } from 'express';
import { PROCESS_OF_CASE_TYPE } from '../../api/auth/scopes.ts';
import { isProblemError } from '../../api/http/problem.ts';
import { validate } from '../../api/http/validation.ts';
import { createWebhookBody, deliveryListQuery } from '../../api/schemas/webhooks.ts';
import { createSubscription, getSubscription, listDeliveries, listSubscriptions, redeliver, revokeSubscription, type SubscriptionRow } from '../../api/services/webhooks.ts';
import { formFields, type ConsoleDeps, type PageContext } from '../context.ts';
import { adminAction, adminPage, doneNotice, field, formErrors, iso, listField, noErrors, problemNotice, redirectDone, type FormErrors, type Notice } from './adminShared.ts';

const PATH = '/admin/webhooks';
const CASE_TYPES = Object.keys(PROCESS_OF_CASE_TYPE);
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const subscriptionView = (r: SubscriptionRow) => ({
  id: r.id, url: r.url, description: r.description, caseTypes: r.case_types, events: r.events,
  active: r.active && !r.revoked_at, createdBy: r.created_by, createdAt: iso(r.created_at), revokedAt: iso(r.revoked_at),
});

interface Form { url: string; description: string; caseTypes: string[]; events: string }

async function showList(ctx: PageContext, extra: { form?: Form; errors?: FormErrors; notice?: Notice } = {}, status = 200): Promise<void> {
  const rows = await listSubscriptions(ctx.deps, ctx.principal);
  const form = extra.form ?? { url: '', description: '', caseTypes: [], events: '' };
  const errors = extra.errors ?? noErrors();
  ctx.render('admin-webhooks', {
    title: ctx.t('admin.webhooks.title'), items: rows.map(subscriptionView), form, errors: errors.byField, summary: errors.summary,
    caseTypes: CASE_TYPES.map((id) => ({ id, checked: form.caseTypes.includes(id) })), notice: extra.notice ?? doneNotice(ctx),
  }, status);
}

async function create(ctx: PageContext): Promise<void> {
  const fields = formFields(ctx.req);
  const form: Form = { url: field(fields, 'url'), description: field(fields, 'description'), caseTypes: listField(fields, 'caseTypes'), events: field(fields, 'events') };
  const body = { url: form.url, ...(form.description ? { description: form.description } : {}), caseTypes: form.caseTypes, events: listField(fields, 'events') };
  const parsed = await validate(createWebhookBody, body, 'body', ctx.lang);
  if (!parsed.ok) return showList(ctx, { form, errors: formErrors(parsed.errors, ctx.lang, (p) => (p.startsWith('body.events') ? 'f-events' : p.startsWith('body.caseTypes') ? 'f-caseTypes' : 'f-url')) }, 400);
  try {
    const { row, secret } = await createSubscription(ctx.deps, ctx.principal, parsed.value);
    ctx.render('admin-webhook-created', { title: ctx.t('admin.webhooks.createdTitle'), subscription: subscriptionView(row), secret }, 201);
  } catch (err) {
    // The destination is refused (not http(s), not an allowed host): said next to the URL field.
    if (!isProblemError(err) || err.status !== 400) throw err;
    const notice = problemNotice(err, ctx.lang);
    await showList(ctx, { form, errors: { byField: { 'f-url': notice.text }, summary: [{ id: 'f-url', message: notice.text }] } }, 400);
  }
}

async function showDeliveries(ctx: PageContext, id: string, notice?: Notice, status = 200): Promise<void> {
  if (!uuid.test(id)) return ctx.res.redirect(303, PATH);
  const subscription = await getSubscription(ctx.deps, ctx.principal, id);
  const parsed = await validate(deliveryListQuery, { status: ctx.req.query.status || undefined, page: ctx.req.query.page }, 'query', ctx.lang);
  const query = parsed.ok ? parsed.value : { page: 1, pageSize: 20 };
  const { rows, total } = await listDeliveries(ctx.deps, ctx.principal, id, query);
  const pages = Math.max(1, Math.ceil(total / query.pageSize));
  const link = (page: number) => `${PATH}/${id}?${query.status ? `status=${query.status}&` : ''}page=${page}`;
  ctx.render('admin-webhook-deliveries', {
    title: ctx.t('admin.webhooks.deliveriesTitle'), subscription: subscriptionView(subscription), status: query.status ?? '',
    statuses: ['pending', 'delivered', 'failed'].map((s) => ({ id: s, selected: s === query.status })),
    items: rows.map((r) => ({
      id: r.id, caseId: r.case_id, eventSeq: r.event_seq, eventType: r.event_type, status: r.status, attempts: r.attempts,
      lastStatusCode: r.last_status_code, lastError: r.last_error, lastAttemptAt: iso(r.last_attempt_at), createdAt: iso(r.created_at),
      deliveredAt: iso(r.delivered_at), redeliveries: r.redeliveries, redeliveredBy: r.redelivered_by, redeliveredAt: iso(r.redelivered_at),
      canRedeliver: r.status !== 'pending' && !subscription.revoked_at,
    })),
    total, page: query.page, pages, prev: query.page > 1 ? link(query.page - 1) : null, next: query.page < pages ? link(query.page + 1) : null,
    notice: notice ?? doneNotice(ctx),
  }, status);
}

async function redeliverOne(ctx: PageContext): Promise<void> {
  const id = String(ctx.req.params.id);
  const subscription = field(formFields(ctx.req), 'subscription');
  const back = uuid.test(subscription) ? `${PATH}/${subscription}` : PATH;
  if (!uuid.test(id)) return ctx.res.redirect(303, back);
  try {
    await redeliver(ctx.deps, ctx.principal, id);
    redirectDone(ctx, back, 'redelivered');
  } catch (err) {
    // Still retrying, or the subscription was revoked meanwhile: the log again, saying so.
    if (!isProblemError(err) || err.status !== 409 || !uuid.test(subscription)) throw err;
    await showDeliveries(ctx, subscription, problemNotice(err, ctx.lang), 409);
  }
}

export function registerWebhookPages(router: Router, c: ConsoleDeps): void {
  router.get(PATH, adminPage(c, (ctx) => showList(ctx)));
  router.post(PATH, ...adminAction(c, create));
  router.get(`${PATH}/:id`, adminPage(c, (ctx) => showDeliveries(ctx, String(ctx.req.params.id))));
  router.post(`${PATH}/:id/revoke`, ...adminAction(c, async (ctx) => {
    const id = String(ctx.req.params.id);
    if (uuid.test(id)) await revokeSubscription(ctx.deps, ctx.principal, id);
    redirectDone(ctx, PATH, 'webhookRevoked');
  }));
  router.post(`${PATH}/deliveries/:id/redeliver`, ...adminAction(c, redeliverOne));
}
