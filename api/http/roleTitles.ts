// A refusal names roles by their profile ids (service_owner); an official reads their titles
// ("Penyedia Layanan"). The tenant's profile was loaded for the request, so this stays synchronous.
// Used by the API's problem details and by the console's error pages and notices.
import { knownTenant, profileOf } from '../services/tenants.ts';
import type { Lang, MessageParams } from './messages.ts';

/** `roles: 'staff'` (every role but the requester's), as the dashboard and reports refuse a requester. */
const STAFF = { id: 'staf (semua peran kecuali Pemohon)', en: 'staff (every role except Requester)' };

/** The params of a problem with `roles` given as the tenant's role titles; other params unchanged. */
export function withRoleTitles(params: MessageParams, tenantId: string | undefined, lang: Lang): MessageParams {
  const roles = params.roles;
  if (roles === undefined || roles === null) return params;
  if (roles === 'staff') return { ...params, roles: STAFF[lang] };
  const tenant = tenantId ? knownTenant(tenantId) : undefined;
  const profile = tenant ? profileOf(tenant) : undefined;
  const ids = Array.isArray(roles) ? roles.map(String) : String(roles).split(/,\s*/);
  const title = (id: string) => profile?.roles.find((r) => r.id === id)?.title[lang] ?? id;
  return { ...params, roles: ids.map(title) };
}
