// Read-model writes: one audit event and the case projection, in one transaction, idempotent by
// (case, seq). A retried activity finds its event already there and changes nothing.
import type { MikroORM } from '@mikro-orm/postgresql';
import { ApplicationFailure } from '@temporalio/activity';
import { eventHash } from './audit.ts';
import type { RecordTransitionInput } from './types.ts';

export function createCaseActivities(orm: MikroORM) {
  return {
    async recordTransition(input: RecordTransitionInput): Promise<void> {
      const em = orm.em.fork();
      await em.transactional(async (tx) => {
        const [row] = await tx.execute<Array<{ last_seq: number }>>('select last_seq from sigap_case where id = ? for update', [input.caseId]);
        if (!row) throw ApplicationFailure.retryable(`case ${input.caseId} has no intake record yet`, 'CaseMissing');
        const [existing] = await tx.execute<unknown[]>('select 1 from case_event where case_id = ? and seq = ?', [input.caseId, input.seq]);
        if (existing) return; // already recorded by an earlier attempt
        const [prev] = await tx.execute<Array<{ hash: string }>>('select hash from case_event where case_id = ? and seq = ?', [input.caseId, input.seq - 1]);
        if (!prev) throw ApplicationFailure.retryable(`case ${input.caseId} misses event ${input.seq - 1}`, 'EventGap');
        const at = new Date(input.at).toISOString();
        const hash = eventHash(prev.hash, {
          caseId: input.caseId, seq: input.seq, at, actor: input.actor, actorRole: input.actorRole, action: input.action, payload: input.payload,
        });
        await tx.execute(
          `insert into case_event (case_id, seq, at, actor, actor_role, action, payload, prev_hash, hash)
           values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)`,
          [input.caseId, input.seq, at, input.actor, input.actorRole, input.action, JSON.stringify(input.payload), prev.hash, hash],
        );
        const s = input.snapshot;
        await tx.execute(
          `update sigap_case set state = ?, priority = ?, assignee_username = ?, waiting_for = ?::jsonb, sla = ?::jsonb,
             due_at = ?, breached = ?, sla_met = ?, closed_at = ?, data = ?::jsonb, last_seq = ?, updated_at = ?,
             links = coalesce(?::jsonb, links)
           where id = ? and last_seq < ?`,
          [s.state, s.priority, s.assignee, JSON.stringify(s.waitingFor), JSON.stringify(s.sla), s.dueAt, s.breached, s.slaMet,
            s.closedAt, JSON.stringify(s.data), input.seq, at, s.links === undefined ? null : JSON.stringify(s.links), input.caseId, input.seq],
        );
      });
    },
  };
}
