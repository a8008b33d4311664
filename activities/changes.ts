// Activities of change management: the conflicts of a change's window (other changes holding an
// overlapping window on a shared service, and blackout periods), and the reservation of the window
// under a per-tenant advisory lock, so two approvals at the same moment cannot both take one slot.
// Each is idempotent: a reservation is keyed by the change (a retry finds its own row), freeing a
// window that is already free does nothing.
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { ChangeConflict } from '../policy/change.ts';
import { pgTextArray } from '../db/pgArray.ts';
import type { ChangeActivities, ChangeWindowInput } from './types.ts';

interface ChangeRow { case_id: string; case_number: string; title: string; state: string; services: string[]; starts: Date; ends: Date }
interface BlackoutRow { id: string; service_code: string | null; reason: string; starts_at: Date; ends_at: Date }

const iso = (d: Date | string) => new Date(d).toISOString();

/** Conflicts of a window: reserved windows of other open changes and blackouts on any of the services (or all services). */
export async function conflictsOf(em: EntityManager, input: Omit<ChangeWindowInput, 'number' | 'caseId'> & { caseId: string | null }): Promise<ChangeConflict[]> {
  const from = iso(new Date(input.window.start));
  const to = iso(new Date(input.window.end));
  const changes = await em.execute<ChangeRow[]>(
    `select w.case_id, w.case_number, c.title, c.state, w.services, lower(w.during) as starts, upper(w.during) as ends
     from change_window w join sigap_case c on c.id = w.case_id
     where w.tenant_id = ? and (?::uuid is null or w.case_id <> ?::uuid) and c.closed_at is null
       and w.services && ?::text[] and w.during && tstzrange(?::timestamptz, ?::timestamptz)
     order by lower(w.during), w.case_number`,
    [input.tenantId, input.caseId, input.caseId, pgTextArray(input.services), from, to],
  );
  const blackouts = await em.execute<BlackoutRow[]>(
    `select id, service_code, reason, starts_at, ends_at from change_blackout
     where tenant_id = ? and (service_code is null or service_code = any(?::text[]))
       and tstzrange(starts_at, ends_at) && tstzrange(?::timestamptz, ?::timestamptz)
     order by starts_at, id`,
    [input.tenantId, pgTextArray(input.services), from, to],
  );
  return [
    ...changes.map((r): ChangeConflict => ({
      kind: 'change', caseId: r.case_id, number: r.case_number, title: r.title, state: r.state,
      services: r.services.filter((s) => input.services.includes(s)), window: { start: iso(r.starts), end: iso(r.ends) },
    })),
    ...blackouts.map((b): ChangeConflict => ({ kind: 'blackout', id: b.id, service: b.service_code, reason: b.reason, window: { start: iso(b.starts_at), end: iso(b.ends_at) } })),
  ];
}

export function createChangeActivities(orm: MikroORM): ChangeActivities {
  return {
    async findChangeConflicts(input) {
      return conflictsOf(orm.em.fork(), input);
    },

    async reserveChangeWindow(input) {
      let result: { reserved: boolean; conflicts: ChangeConflict[] } = { reserved: false, conflicts: [] };
      await orm.em.fork().transactional(async (tx) => {
        // One reservation at a time per tenant: the check and the insert see the same windows.
        await tx.execute(`select pg_advisory_xact_lock(hashtext('change_window:' || ?))`, [input.tenantId]);
        const conflicts = await conflictsOf(tx, input);
        if (conflicts.length && !input.force) { result = { reserved: false, conflicts }; return; }
        await tx.execute(
          `insert into change_window (case_id, tenant_id, case_number, services, during)
           values (?, ?, ?, ?::text[], tstzrange(?::timestamptz, ?::timestamptz))
           on conflict (case_id) do update set services = excluded.services, during = excluded.during, reserved_at = now()`,
          [input.caseId, input.tenantId, input.number, pgTextArray(input.services), iso(new Date(input.window.start)), iso(new Date(input.window.end))],
        );
        result = { reserved: true, conflicts };
      });
      return result;
    },

    async releaseChangeWindow({ tenantId, caseId }) {
      await orm.em.fork().execute('delete from change_window where tenant_id = ? and case_id = ?', [tenantId, caseId]);
    },
  };
}
