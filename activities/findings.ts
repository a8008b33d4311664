// Findings: what a process records for the evaluation (a missing or negative retrospective approval
// of an emergency change, a rollback closed by hand …). One row per dedupe key, so a retried
// activity never records a finding twice.
import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { RecordFindingInput } from './types.ts';

export function createFindingActivities(orm: MikroORM) {
  return {
    async recordFinding(input: RecordFindingInput): Promise<{ id: string; created: boolean }> {
      const em = orm.em.fork();
      const inserted = await em.execute<Array<{ id: string }>>(
        `insert into finding (id, tenant_id, dedupe_key, case_id, case_number, process, kind, severity, summary, detail, recorded_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)
         on conflict (dedupe_key) do nothing returning id`,
        [randomUUID(), input.tenantId, input.dedupeKey, input.caseId, input.caseNumber, input.process, input.kind, input.severity,
          JSON.stringify(input.summary), JSON.stringify(input.detail ?? {}), new Date(input.at).toISOString()],
      );
      if (inserted[0]) return { id: inserted[0].id, created: true };
      const [existing] = await em.execute<Array<{ id: string }>>('select id from finding where dedupe_key = ?', [input.dedupeKey]);
      return { id: existing!.id, created: false };
    },
  };
}
