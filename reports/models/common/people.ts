// Display names of the users a form names (approver, executor …), from the tenant's user table.
import type { ReportContext } from '../../types.ts';

export async function namesOf(ctx: ReportContext, usernames: Array<string | null | undefined>): Promise<(username: string | null | undefined) => string | null> {
  const wanted = [...new Set(usernames.filter((u): u is string => typeof u === 'string' && u !== ''))];
  const rows = wanted.length === 0 ? [] : await ctx.em.execute<Array<{ username: string; name: string }>>(
    'select username, name from app_user where tenant_id = ? and username = any(?::text[])', [ctx.tenant.id, `{${wanted.map((u) => `"${u.replace(/["\\]/g, '\\$&')}"`).join(',')}}`],
  );
  const byName = new Map(rows.map((r) => [r.username, r.name]));
  return (u) => (u ? byName.get(u) ?? (u === 'system' ? 'Sigap' : u) : null);
}
