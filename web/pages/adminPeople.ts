// /admin/users: the user directory as the identity provider's claims last gave it (read-only — roles are
// managed in the identity provider). /admin/delegations: Plt./Plh. delegations of the agency — list, record
// (an administrator records them on behalf of the official named in the appointment letter), revoke —
// through api/services/delegations.ts, validated with the API's schema.
import type { Router } from 'express';
import { isProblemError } from '../../api/http/problem.ts';
import { validate } from '../../api/http/validation.ts';
import { createDelegationBody } from '../../api/schemas/delegations.ts';
import { createDelegation, delegationStatus, listDelegations, NOT_DELEGABLE, revokeDelegation } from '../../api/services/delegations.ts';
import { listUsers } from '../../api/services/users.ts';
import { formFields, type ConsoleDeps, type PageContext } from '../context.ts';
import { local } from '../i18n.ts';
import {
  adminAction, adminPage, doneNotice, field, formErrors, iso, isoToLocal, listField, localToIso, noErrors, problemNotice, redirectDone, tenantProfile,
  type FormErrors, type Notice,
} from './adminShared.ts';

const DELEGATIONS = '/admin/delegations';
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function showUsers(ctx: PageContext): Promise<void> {
  const profile = await tenantProfile(ctx);
  const title = (id: string) => local(profile.roles.find((r) => r.id === id)?.title, ctx.lang) || id;
  const users = await listUsers(ctx.deps.orm.em.fork(), ctx.principal.tenantId);
  ctx.render('admin-users', {
    title: ctx.t('admin.users.title'),
    users: users.map((u) => ({ ...u, roles: u.roles.map((r) => ({ id: r, title: title(r) })), updatedAt: iso(u.updated_at) })),
  });
}

interface Form { delegator: string; delegate: string; roles: string[]; kind: string; startsAt: string; endsAt: string; reason: string; reference: string }

/** Which field a refusal of the delegation service concerns. */
const FIELD_OF_CODE: Record<string, string> = {
  unknown_role: 'f-roles', delegation_role_not_delegable: 'f-roles', delegation_role_not_held: 'f-roles', delegation_role_delegated: 'f-roles',
  delegation_to_self: 'f-delegate', unknown_user: 'f-delegate', delegation_on_behalf_forbidden: 'f-delegator',
  delegation_period_invalid: 'f-endsAt', delegation_ends_in_past: 'f-endsAt',
};

async function showDelegations(ctx: PageContext, extra: { form?: Form; errors?: FormErrors; notice?: Notice } = {}, status = 200): Promise<void> {
  const profile = await tenantProfile(ctx);
  const zone = profile.timezone;
  const now = ctx.deps.now();
  const [rows, users] = await Promise.all([listDelegations(ctx.deps, ctx.principal, {}), listUsers(ctx.deps.orm.em.fork(), ctx.principal.tenantId)]);
  const title = (id: string) => local(profile.roles.find((r) => r.id === id)?.title, ctx.lang) || id;
  const form = extra.form ?? {
    delegator: '', delegate: '', roles: [], kind: 'plh', startsAt: isoToLocal(now, zone), endsAt: isoToLocal(now + 7 * 86_400_000, zone), reason: '', reference: '',
  };
  const errors = extra.errors ?? noErrors();
  ctx.render('admin-delegations', {
    title: ctx.t('admin.delegations.title'), timezone: zone,
    items: rows.map((r) => {
      const state = delegationStatus(r, now);
      return {
        id: r.id, kind: r.kind === 'plt' ? 'Plt.' : 'Plh.', delegator: r.delegator_name, delegate: r.delegate_name, roles: r.roles.map(title).join(', '),
        startsAt: iso(r.starts_at), endsAt: iso(r.ends_at), reason: r.reason, reference: r.reference, status: state,
        revokedBy: r.revoked_by, revocable: state === 'active' || state === 'scheduled',
      };
    }),
    form, errors: errors.byField, summary: errors.summary, notice: extra.notice ?? doneNotice(ctx),
    delegators: users.map((u) => ({ username: u.username, name: u.name, selected: u.username === form.delegator })),
    delegates: users.map((u) => ({ username: u.username, name: u.name, selected: u.username === form.delegate })),
    roles: profile.roles.filter((r) => !NOT_DELEGABLE.includes(r.id)).map((r) => ({ id: r.id, title: local(r.title, ctx.lang), checked: form.roles.includes(r.id) })),
    kinds: ['plh', 'plt'].map((k) => ({ id: k, checked: k === form.kind })),
  }, status);
}

async function create(ctx: PageContext): Promise<void> {
  const fields = formFields(ctx.req);
  const form: Form = {
    delegator: field(fields, 'delegator'), delegate: field(fields, 'delegate'), roles: listField(fields, 'roles'), kind: field(fields, 'kind'),
    startsAt: field(fields, 'startsAt'), endsAt: field(fields, 'endsAt'), reason: field(fields, 'reason'), reference: field(fields, 'reference'),
  };
  const zone = (await tenantProfile(ctx)).timezone;
  const body = {
    delegate: form.delegate, roles: form.roles, kind: form.kind, startsAt: localToIso(form.startsAt, zone), endsAt: localToIso(form.endsAt, zone),
    reason: form.reason, ...(form.reference ? { reference: form.reference } : {}), ...(form.delegator ? { delegator: form.delegator } : {}),
  };
  const idOf = (path: string) => `f-${path.replace(/^body\./, '').split('.')[0]}`;
  const parsed = await validate(createDelegationBody, body, 'body', ctx.lang);
  if (!parsed.ok) return showDelegations(ctx, { form, errors: formErrors(parsed.errors, ctx.lang, idOf) }, 400);
  try {
    const row = await createDelegation(ctx.deps, ctx.principal, parsed.value);
    redirectDone(ctx, DELEGATIONS, 'delegationCreated', row.delegate_name);
  } catch (err) {
    if (!isProblemError(err) || err.status >= 500 || err.status === 401) throw err;
    const notice = problemNotice(err, ctx.lang);
    const id = FIELD_OF_CODE[err.code];
    if (!id) return showDelegations(ctx, { form, notice }, err.status);
    await showDelegations(ctx, { form, errors: { byField: { [id]: notice.text }, summary: [{ id, message: notice.text }] } }, err.status);
  }
}

export function registerPeoplePages(router: Router, c: ConsoleDeps): void {
  router.get('/admin/users', adminPage(c, showUsers));
  router.get(DELEGATIONS, adminPage(c, (ctx) => showDelegations(ctx)));
  router.post(DELEGATIONS, ...adminAction(c, create));
  router.post(`${DELEGATIONS}/:id/revoke`, ...adminAction(c, async (ctx) => {
    const id = String(ctx.req.params.id);
    const row = uuid.test(id) ? await revokeDelegation(ctx.deps, ctx.principal, id) : undefined;
    redirectDone(ctx, DELEGATIONS, 'delegationRevoked', row?.delegate_name ?? '');
  }));
}
