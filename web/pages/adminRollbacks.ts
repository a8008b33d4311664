// /admin/rollbacks: releases whose rollback failed and waits for an administrator, who replays it from the
// failed step (after fixing the cause) or closes it as resolved by hand with a justification. Both go
// through actOnRollback, the function behind POST /api/v1/admin/releases/{id}/rollback/{replay,resolve}.
import { randomUUID } from 'node:crypto';
import type { Router } from 'express';
import { isProblemError } from '../../api/http/problem.ts';
import { validate } from '../../api/http/validation.ts';
import { replayBody, resolveBody, rollbackListQuery } from '../../api/schemas/releases.ts';
import { listRollbacks } from '../../api/services/releases.ts';
import { actOnRollback, type RollbackAction } from '../../api/services/rollbacks.ts';
import { formFields, type ConsoleDeps, type PageContext } from '../context.ts';
import { adminAction, adminPage, doneNotice, field, formErrors, formKey, problemNotice, redirectDone, type FormErrors, type Notice } from './adminShared.ts';

const PATH = '/admin/rollbacks';

interface Pending { caseId: string; action: RollbackAction; text: string; errors: FormErrors }

async function show(ctx: PageContext, extra: { notice?: Notice; pending?: Pending } = {}, status = 200): Promise<void> {
  const parsed = await validate(rollbackListQuery, { state: ctx.req.query.state, page: ctx.req.query.page }, 'query', ctx.lang);
  const query = parsed.ok ? parsed.value : { state: 'failed' as const, page: 1, pageSize: 20 };
  const list = await listRollbacks(ctx.deps, ctx.principal, query);
  const items = list.items.map((item) => {
    const pending = extra.pending?.caseId === item.caseId ? extra.pending : undefined;
    return {
      ...item, actionable: item.state === 'rollback_failed', replayKey: formKey(), resolveKey: formKey(),
      replayNote: pending?.action === 'replay_rollback' ? pending.text : '',
      justification: pending?.action === 'resolve_rollback' ? pending.text : '',
      errors: pending?.errors.byField ?? {},
    };
  });
  const pages = Math.max(1, Math.ceil(list.total / query.pageSize));
  ctx.render('admin-rollbacks', {
    title: ctx.t('admin.rollbacks.title'), state: query.state, items, total: list.total,
    notice: extra.notice ?? doneNotice(ctx), summary: extra.pending?.errors.summary ?? [],
    prev: query.page > 1 ? `${PATH}?state=${query.state}&page=${query.page - 1}` : null,
    next: query.page < pages ? `${PATH}?state=${query.state}&page=${query.page + 1}` : null,
    page: query.page, pages,
  }, status);
}

function act(action: RollbackAction) {
  return async (ctx: PageContext): Promise<void> => {
    const caseId = String(ctx.req.params.id);
    const fields = formFields(ctx.req);
    const isReplay = action === 'replay_rollback';
    const text = field(fields, isReplay ? 'note' : 'justification');
    const idFor = () => `f-${isReplay ? 'note' : 'justification'}-${caseId}`;
    const schema = isReplay ? replayBody : resolveBody;
    const parsed = await validate(schema, isReplay ? { note: text } : { justification: text }, 'body', ctx.lang);
    if (!parsed.ok) return show(ctx, { pending: { caseId, action, text, errors: formErrors(parsed.errors, ctx.lang, idFor) } }, 400);
    // The form's key makes a double submit one replay; without it (a crafted post) a fresh request id.
    const key = field(fields, 'idempotencyKey');
    try {
      const release = await actOnRollback(ctx.deps, ctx.principal, caseId, action, parsed.value,
        { requestId: randomUUID(), idempotencyKey: /^[\w-]{8,100}$/.test(key) ? `console:${key}` : null }, ctx.lang);
      redirectDone(ctx, PATH, isReplay ? 'rollbackReplayed' : 'rollbackResolved', release.number);
    } catch (err) {
      if (!isProblemError(err) || err.status >= 500 || err.status === 401 || err.status === 403) throw err;
      if (err.errors?.length) return show(ctx, { pending: { caseId, action, text, errors: formErrors(err.errors, ctx.lang, idFor) } }, err.status);
      await show(ctx, { notice: problemNotice(err, ctx.lang) }, err.status);
    }
  };
}

export function registerRollbackPages(router: Router, c: ConsoleDeps): void {
  router.get(PATH, adminPage(c, (ctx) => show(ctx)));
  router.post(`${PATH}/:id/replay`, ...adminAction(c, act('replay_rollback')));
  router.post(`${PATH}/:id/resolve`, ...adminAction(c, act('resolve_rollback')));
}
