// /admin/api-keys: integrators' API keys — list (never the key text), create and rotate (the new key is
// shown once, on the page answering the post, which is never cached), revoke — through
// api/services/apiKeys.ts with the API's schemas.
import type { Router } from 'express';
import { isProblemError } from '../../api/http/problem.ts';
import { validate } from '../../api/http/validation.ts';
import { createApiKeyBody, rotateApiKeyBody } from '../../api/schemas/apiKeys.ts';
import { createApiKey, listApiKeys, revokeApiKey, rotateApiKey } from '../../api/services/apiKeys.ts';
import { formFields, type ConsoleDeps, type PageContext } from '../context.ts';
import { local } from '../i18n.ts';
import {
  adminAction, adminPage, doneNotice, field, formErrors, listField, localToIso, noErrors, problemNotice, redirectDone, tenantProfile,
  type FormErrors, type Notice,
} from './adminShared.ts';

const PATH = '/admin/api-keys';
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Form { name: string; scopes: string; roles: string[]; expiresAt: string }
/** Which field a refusal of the key service concerns. */
const FIELD_OF_CODE: Record<string, string> = { unknown_scope: 'f-scopes', api_key_expiry_past: 'f-expiresAt' };

async function show(ctx: PageContext, extra: { form?: Form; errors?: FormErrors; notice?: Notice; rotate?: { id: string; grace: string; error: string } } = {}, status = 200): Promise<void> {
  const profile = await tenantProfile(ctx);
  const keys = await listApiKeys(ctx.deps, ctx.principal);
  const form = extra.form ?? { name: '', scopes: '', roles: [], expiresAt: '' };
  const errors = extra.errors ?? noErrors();
  ctx.render('admin-apikeys', {
    title: ctx.t('admin.apiKeys.title'), timezone: profile.timezone,
    items: keys.map((k) => ({
      ...k, active: k.status === 'active', rotatable: k.status === 'active' && !k.rotatedAt,
      grace: extra.rotate?.id === k.id ? extra.rotate.grace : '60', graceError: extra.rotate?.id === k.id ? extra.rotate.error : '',
    })),
    form, errors: errors.byField, summary: errors.summary, notice: extra.notice ?? doneNotice(ctx),
    roles: profile.roles.map((r) => ({ id: r.id, title: local(r.title, ctx.lang), checked: form.roles.includes(r.id) })),
  }, status);
}

async function create(ctx: PageContext): Promise<void> {
  const fields = formFields(ctx.req);
  const form: Form = { name: field(fields, 'name'), scopes: field(fields, 'scopes'), roles: listField(fields, 'roles'), expiresAt: field(fields, 'expiresAt') };
  const zone = (await tenantProfile(ctx)).timezone;
  const body = { name: form.name, scopes: listField(fields, 'scopes'), roles: form.roles, ...(form.expiresAt ? { expiresAt: localToIso(form.expiresAt, zone) } : {}) };
  const idOf = (path: string) => `f-${path.replace(/^body\./, '').split('.')[0]}`;
  const parsed = await validate(createApiKeyBody, body, 'body', ctx.lang);
  if (!parsed.ok) return show(ctx, { form, errors: formErrors(parsed.errors, ctx.lang, idOf) }, 400);
  try {
    const key = await createApiKey(ctx.deps, ctx.principal, parsed.value);
    ctx.render('admin-apikey-created', { title: ctx.t('admin.apiKeys.createdTitle'), key }, 201);
  } catch (err) {
    if (!isProblemError(err) || err.status !== 400) throw err;
    const notice = problemNotice(err, ctx.lang);
    const id = FIELD_OF_CODE[err.code] ?? 'f-name';
    await show(ctx, { form, errors: { byField: { [id]: notice.text }, summary: [{ id, message: notice.text }] } }, 400);
  }
}

async function rotate(ctx: PageContext): Promise<void> {
  const id = String(ctx.req.params.id);
  if (!uuid.test(id)) return ctx.res.redirect(303, PATH);
  const grace = field(formFields(ctx.req), 'graceMinutes');
  const parsed = await validate(rotateApiKeyBody, grace === '' ? {} : { graceMinutes: Number(grace) }, 'body', ctx.lang);
  if (!parsed.ok) {
    const errors = formErrors(parsed.errors, ctx.lang, () => `f-grace-${id}`);
    return show(ctx, { errors, rotate: { id, grace, error: errors.summary[0]?.message ?? '' } }, 400);
  }
  try {
    const key = await rotateApiKey(ctx.deps, ctx.principal, id, parsed.value);
    ctx.render('admin-apikey-created', { title: ctx.t('admin.apiKeys.rotatedTitle'), key, previous: key.previous }, 201);
  } catch (err) {
    // Revoked, expired or already rotated meanwhile: the list again, saying so.
    if (!isProblemError(err) || err.status !== 409) throw err;
    await show(ctx, { notice: problemNotice(err, ctx.lang) }, 409);
  }
}

export function registerApiKeyPages(router: Router, c: ConsoleDeps): void {
  router.get(PATH, adminPage(c, (ctx) => show(ctx)));
  router.post(PATH, ...adminAction(c, create));
  router.post(`${PATH}/:id/rotate`, ...adminAction(c, rotate));
  router.post(`${PATH}/:id/revoke`, ...adminAction(c, async (ctx) => {
    const id = String(ctx.req.params.id);
    const key = uuid.test(id) ? await revokeApiKey(ctx.deps, ctx.principal, id) : undefined;
    redirectDone(ctx, PATH, 'apiKeyRevoked', key?.name ?? '');
  }));
}
