// The inbox (/inbox): open cases waiting for the signed-in person — for one of their roles, own or
// delegated (Plt./Plh.), or for them by name — soonest due first, with the SLA state. A decision can be
// taken right there (approve / reject with a note, posted to /cases/:id/decide like the case page's);
// its buttons appear only when the workflow's own check would let this person decide.
import { availableActions } from '../../api/services/caseActions.ts';
import { getCase, listWaitingFor } from '../../api/services/cases.ts';
import { processOf } from '../../api/services/processes.ts';
import type { AreaRegistrar } from '../console.ts';
import { page, type PageContext } from '../context.ts';
import { registerTexts } from '../i18n.ts';
import { inboxTexts } from '../texts/inbox.ts';
import { actionFormModel } from './casesForms.ts';
import { caseRow, stateLabel } from './casesView.ts';

registerTexts(inboxTexts);

const PAGE_SIZE = 50;

async function inboxPage(ctx: PageContext): Promise<void> {
  const { deps, principal, lang } = ctx;
  const pageNo = Math.max(1, Number.parseInt(String(ctx.req.query.page ?? '1'), 10) || 1);
  const waiting = await listWaitingFor(deps, principal, { page: pageNo, pageSize: PAGE_SIZE });
  const now = deps.now();
  const rows = await Promise.all(waiting.items.map(async (view) => {
    const asked = view.waitingFor.map((w) => w.action);
    // Only what the case waits for is tried: one workflow query per case.
    const available = await availableActions(deps, principal, view.id, asked);
    const decide = available.find((a) => a.decisions);
    const schema = decide ? processOf(view.type)?.bodies[decide.action] : undefined;
    return {
      ...caseRow(view, lang, now),
      decision: decide && schema ? actionFormModel(view.number, decide, schema, lang, undefined, 'inbox') : null,
      canAct: available.length > 0,
    };
  }));
  const decided = typeof ctx.req.query.decided === 'string' ? await decidedNotice(ctx, ctx.req.query.decided) : null;
  ctx.render('inbox-list', {
    title: ctx.t('inbox.title'),
    rows,
    count: ctx.t('inbox.count', { total: waiting.total }),
    decided,
    next: waiting.total > pageNo * PAGE_SIZE ? `/inbox?page=${pageNo + 1}` : null,
    prev: pageNo > 1 ? `/inbox?page=${pageNo - 1}` : null,
  });
}

/** The notice after an inline decision: the case's state now, read back, and a link to it. */
async function decidedNotice(ctx: PageContext, number: string) {
  try {
    const view = await getCase(ctx.deps, ctx.principal, number, true);
    return { text: ctx.t('inbox.decided', { number: view.number, state: stateLabel(view.state, ctx.lang) }), href: `/cases/${encodeURIComponent(view.number)}`, number: view.number };
  } catch {
    return null; // a number the person cannot see (or a hand-made link): no notice
  }
}

export const registerInboxPages: AreaRegistrar = (router, c) => {
  router.get('/inbox', page(c, inboxPage));
};
