// Read-model rows for sizes no run can create in time: SQL copies of real cases (each with its audit
// events, submission and notifications), new ids, numbers and workflow ids, same contents otherwise,
// so the copies weigh what real rows weigh. They have no workflow: used for table sizes only, and
// always reported as copies.
import type { BenchSystem } from './system.ts';

/** Columns that are written on insert (generated and identity columns excluded). */
async function columns(sys: BenchSystem, table: string): Promise<string[]> {
  const rows = await sys.orm.em.fork().execute<Array<{ column_name: string }>>(
    `select column_name from information_schema.columns where table_schema = current_schema() and table_name = ?
       and is_generated = 'NEVER' and is_identity = 'NO' and (column_default is null or column_default not like 'nextval(%')
     order by ordinal_position`, [table]);
  return rows.map((r) => r.column_name);
}

/** `insert into t (cols) select <cols, some replaced> from t join clone_map …`. */
async function copy(sys: BenchSystem, table: string, replace: Record<string, string>, from: string): Promise<void> {
  const cols = await columns(sys, table);
  const exprs = cols.map((c) => replace[c] ?? `t.${c}`);
  await sys.orm.em.fork().execute(`insert into ${table} (${cols.join(', ')}) select ${exprs.join(', ')} ${from}`);
}

/** Adds `count` copies of the tenant's existing requests (cycling over them). */
export async function cloneRequests(sys: BenchSystem, count: number): Promise<void> {
  const em = sys.orm.em.fork();
  await em.execute('drop table if exists clone_map');
  await em.execute(`create unlogged table clone_map as
    select g, s.id as old_id, gen_random_uuid() as new_id from generate_series(1, ?) g
    join (select id, row_number() over (order by created_at, id) - 1 as rn, count(*) over () as total from sigap_case where case_type = 'request') s
      on s.rn = (g - 1) % s.total`, [count]);
  await copy(sys, 'sigap_case', { id: 'm.new_id', number: `'REQ-COPY-' || m.new_id`, workflow_id: `'request:copy:' || m.new_id` },
    'from sigap_case t join clone_map m on m.old_id = t.id');
  await copy(sys, 'case_event', { case_id: 'm.new_id' }, 'from case_event t join clone_map m on m.old_id = t.case_id');
  await copy(sys, 'submission', { id: 'gen_random_uuid()', case_id: 'm.new_id', workflow_id: `'request:copy:' || m.new_id` },
    'from submission t join clone_map m on m.old_id = t.case_id');
  await copy(sys, 'notification', { id: 'gen_random_uuid()', case_id: 'm.new_id', dedupe_key: `t.dedupe_key || ':copy:' || m.new_id` },
    'from notification t join clone_map m on m.old_id = t.case_id');
  await em.execute('drop table clone_map');
}
