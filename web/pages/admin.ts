// Administration (issue 9): failed rollbacks, webhooks, holidays, the catalogue, the regulation profile,
// users and delegations, API keys — administrators only (anyone else gets the 403 page, as from the API).
// Each page calls the same service functions as the API's admin endpoints.
import type { Router } from 'express';
import { listRollbacks } from '../../api/services/releases.ts';
import type { AreaRegistrar } from '../console.ts';
import type { ConsoleDeps } from '../context.ts';
import { registerTexts } from '../i18n.ts';
import { consoleHelpers } from '../render.ts';
import { adminTexts } from '../texts/admin.ts';
import { registerApiKeyPages } from './adminApiKeys.ts';
import { registerCalendarPages } from './adminCalendar.ts';
import { registerCataloguePages } from './adminCatalogue.ts';
import { registerPeoplePages } from './adminPeople.ts';
import { registerProfilePages } from './adminProfile.ts';
import { registerRollbackPages } from './adminRollbacks.ts';
import { adminPage } from './adminShared.ts';
import { registerWebhookPages } from './adminWebhooks.ts';

registerTexts(adminTexts);
// Template helpers of this area (prefixed: helper names are shared by every area).
consoleHelpers.registerHelper('adminOr', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
consoleHelpers.registerHelper('adminConcat', (...args: unknown[]) => args.slice(0, -1).map(String).join(''));

const SECTIONS = ['rollbacks', 'webhooks', 'holidays', 'catalogue', 'profile', 'users', 'delegations', 'apiKeys'] as const;
const HREF: Record<(typeof SECTIONS)[number], string> = {
  rollbacks: '/admin/rollbacks', webhooks: '/admin/webhooks', holidays: '/admin/holidays', catalogue: '/admin/catalogue',
  profile: '/admin/profile', users: '/admin/users', delegations: '/admin/delegations', apiKeys: '/admin/api-keys',
};

function registerIndex(router: Router, c: ConsoleDeps): void {
  router.get('/admin', adminPage(c, async (ctx) => {
    const failed = await listRollbacks(ctx.deps, ctx.principal, { state: 'failed', page: 1, pageSize: 1 });
    ctx.render('admin-index', {
      title: ctx.t('admin.title'), failedRollbacks: failed.total,
      sections: SECTIONS.map((s) => ({ href: HREF[s], name: ctx.t(`admin.${s}.title`), about: ctx.t(`admin.${s}.about`) })),
    });
  }));
}

export const registerAdminPages: AreaRegistrar = (router, c) => {
  registerIndex(router, c);
  registerRollbackPages(router, c);
  registerWebhookPages(router, c);
  registerCalendarPages(router, c);
  registerCataloguePages(router, c);
  registerProfilePages(router, c);
  registerPeoplePages(router, c);
  registerApiKeyPages(router, c);
};
