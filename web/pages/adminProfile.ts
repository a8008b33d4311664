// /admin/profile: the regulation profile the agency runs (with its overrides), read-only — roles, incident
// targets, the escalation ladder and every regulated value, each with the regulation section it comes from
// (or the documented Sigap default where the regulation gives no number).
import type { Router } from 'express';
import { loadTenant, profileOf } from '../../api/services/tenants.ts';
import type { Duration, EscalationTrigger, Source } from '../../policy/profile.ts';
import { listRegulatedNumbers } from '../../policy/profileNumbers.ts';
import type { ConsoleDeps, PageContext } from '../context.ts';
import { local } from '../i18n.ts';
import { adminPage } from './adminShared.ts';

function sourceText(ctx: PageContext, source: Source): string {
  return 'sigapDefault' in source ? ctx.t('admin.profile.sigapDefault', { why: source.sigapDefault }) : `${source.seed} — ${source.section}`;
}

function durationText(ctx: PageContext, d: Duration | null): string {
  if (!d) return ctx.t('admin.profile.none');
  const units = [['days', 86_400_000], ['hours', 3_600_000], ['minutes', 60_000]] as const;
  const [unit, size] = units.find(([, ms]) => d.ms % ms === 0) ?? units[2];
  const figure = d.stated ?? ctx.t(`admin.unit.${unit}`, { n: d.ms / size });
  return `${figure} (${ctx.t(`admin.basis.${d.basis}`)})`;
}

function triggerText(ctx: PageContext, trigger: EscalationTrigger): string {
  switch (trigger.kind) {
    case 'share_of_target': return ctx.t('admin.profile.trigger.share_of_target', { pct: trigger.permille / 10 });
    case 'after': return ctx.t('admin.profile.trigger.after', { duration: durationText(ctx, trigger.duration) });
    default: return ctx.t(`admin.profile.trigger.${trigger.kind}`);
  }
}

async function show(ctx: PageContext): Promise<void> {
  const tenant = await loadTenant(ctx.deps.orm.em.fork(), ctx.principal.tenantId);
  const profile = profileOf(tenant);
  const roleTitle = (id: string) => local(profile.roles.find((r) => r.id === id)?.title, ctx.lang) || id;
  const overrides = tenant.profile_overrides && Object.keys(tenant.profile_overrides).length ? JSON.stringify(tenant.profile_overrides, null, 2) : null;
  ctx.render('admin-profile', {
    title: ctx.t('admin.profile.title'), name: local(profile.name, ctx.lang), regulation: profile.regulation, profileId: profile.id, overrides,
    roles: profile.roles.map((r) => ({
      id: r.id, title: local(r.title, ctx.lang), eselon: r.eselon ? `${r.eselon}${r.eselonIsMinimum ? '+' : ''}` : '', source: sourceText(ctx, r.source),
    })),
    priorities: (profile.incident?.priorities ?? []).map((p) => ({
      id: p.id, title: local(p.title, ctx.lang), response: durationText(ctx, p.response), responseSource: sourceText(ctx, p.response.source),
      resolution: durationText(ctx, p.resolution), resolutionSource: p.resolution ? sourceText(ctx, p.resolution.source) : '',
    })),
    ladder: (profile.incident?.escalation ?? []).map((s) => ({
      level: s.level, lead: roleTitle(s.leadRole), assisting: s.assistingRoles.map(roleTitle).join(', '),
      trigger: triggerText(ctx, s.trigger), triggerSource: sourceText(ctx, s.triggerSource), source: sourceText(ctx, s.source),
    })),
    gaps: profile.gaps.map((g) => ({ path: g.path, reason: local(g.reason, ctx.lang), source: sourceText(ctx, g.source) })),
    values: listRegulatedNumbers(profile).map((v) => ({ label: v.label, value: JSON.stringify(v.value), source: sourceText(ctx, v.source) })),
  });
}

export function registerProfilePages(router: Router, c: ConsoleDeps): void {
  router.get('/admin/profile', adminPage(c, show));
}
