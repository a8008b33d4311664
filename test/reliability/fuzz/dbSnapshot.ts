// A fingerprint of everything Sigap stores: per table, the row count and an order-independent checksum of the rows.
// Columns that change on every authenticated call by design are left out: the user directory's updated_at
// (refreshed from the identity claims) and an API key's last_used_at; sign-in state (sessions) is not case data.
import type { MikroORM } from '@mikro-orm/postgresql';

const VOLATILE: Record<string, string[]> = { app_user: ['updated_at'], api_key: ['last_used_at'] };
const SKIPPED = new Set(['web_session', 'oidc_login', 'mikro_orm_migrations']);

export type DbSnapshot = Record<string, string>;

export async function snapshot(orm: MikroORM): Promise<DbSnapshot> {
  const em = orm.em.fork();
  const tables = (await em.execute<Array<{ table_name: string }>>(
    `select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`))
    .map((t) => t.table_name).filter((t) => !SKIPPED.has(t));
  const parts = tables.map((t) => {
    const row = `to_jsonb(x)${(VOLATILE[t] ?? []).map((c) => ` - '${c}'`).join('')}`;
    return `select '${t}' as t, count(*)::text || ':' || coalesce(md5(string_agg(md5((${row})::text), '' order by md5((${row})::text))), '') as v from "${t}" x`;
  });
  const rows = await em.execute<Array<{ t: string; v: string }>>(parts.join(' union all '));
  return Object.fromEntries(rows.map((r) => [r.t, r.v]));
}

/** The tables whose fingerprint differs. */
export function changedTables(before: DbSnapshot, after: DbSnapshot): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((t) => before[t] !== after[t]).sort();
}

/**
 * Waits until the database stops changing (workflows started by accepted requests record their first events
 * asynchronously), then returns the settled snapshot.
 */
export async function settled(orm: MikroORM, timeoutMs = 30_000): Promise<DbSnapshot> {
  const deadline = Date.now() + timeoutMs;
  let last = await snapshot(orm);
  let quietSince = Date.now();
  for (;;) {
    await new Promise((r) => setTimeout(r, 150));
    const next = await snapshot(orm);
    if (changedTables(last, next).length > 0) {
      last = next;
      quietSince = Date.now();
    } else if (Date.now() - quietSince >= 600) {
      return next;
    }
    if (Date.now() > deadline) throw new Error(`the database kept changing for ${timeoutMs} ms`);
  }
}
