// A refusal names roles by their profile ids (service_owner); an official reads their titles
// ("Penyedia Layanan"). The tenant's profile was loaded for the request, so this stays synchronous.
import { knownTenant, profileOf } from '../api/services/tenants.ts';
import type { Lang, MessageParams } from '../api/http/messages.ts';
import { local, t } from './i18n.ts';

/** The params of a problem with `roles` given as the tenant's role titles (id in brackets); others unchanged. */
export function withRoleTitles(params: MessageParams | undefined, tenantId: string | undefined, lang: Lang): MessageParams | undefined {
  const roles = params?.roles;
  if (roles === 'staff') return { ...params, roles: t('error.staffRoles', lang) };
  const tenant = tenantId ? knownTenant(tenantId) : undefined;
  if (!Array.isArray(roles) || !tenant) return params;
  const profile = profileOf(tenant);
  const titled = roles.map((id: string) => {
    const title = profile.roles.find((r) => r.id === id)?.title;
    return title ? `${local(title, lang)} (${id})` : id;
  });
  return { ...params, roles: titled.join(', ') };
}
