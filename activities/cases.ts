// Read-model writes: audit events and the case projection, in one transaction, idempotent by
// (case, seq). A retried activity finds its events already there and changes nothing.
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { ApplicationFailure } from '@temporalio/activity';
import { eventHash } from './audit.ts';
import type { RecordTransitionInput } from './types.ts';

interface CaseRow { last_seq: number; case_type: string; number: string }

export function createCaseActivities(orm: MikroORM) {
  return {
    async recordTransition(input: RecordTransitionInput): Promise<void> {
      await recordInOneTransaction(orm, [input]);
    },
    /**
     * Several events of one case (a folded reminder with the notice it folded into) in one transaction,
     * in seq order: one activity instead of one per event, with the same idempotency, chain and outbox.
     */
    async recordTransitions(inputs: RecordTransitionInput[]): Promise<void> {
      const caseIds = new Set(inputs.map((i) => i.caseId));
      if (caseIds.size > 1) throw ApplicationFailure.nonRetryable(`events of ${caseIds.size} cases in one call`, 'MixedCases');
      await recordInOneTransaction(orm, inputs.toSorted((a, b) => a.seq - b.seq));
    },
  };
}

async function recordInOneTransaction(orm: MikroORM, inputs: readonly RecordTransitionInput[]): Promise<void> {
  const first = inputs[0];
  if (!first) return;
  await orm.em.fork().transactional(async (tx) => {
    const [row] = await tx.execute<CaseRow[]>('select last_seq, case_type, number from sigap_case where id = ? for update', [first.caseId]);
    if (!row) throw ApplicationFailure.retryable(`case ${first.caseId} has no intake record yet`, 'CaseMissing');
    for (const input of inputs) await recordEvent(tx, input, row);
  });
}

/** One audit event, chained to the one before it, the case row it leads to and its webhook deliveries. */
async function recordEvent(tx: EntityManager, input: RecordTransitionInput, row: CaseRow): Promise<void> {
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
  await queueWebhooks(tx, input, row, at);
}

/**
 * The webhook outbox: a delivery row per active subscription of the tenant that wants this case type and
 * event (empty lists = all), in the transaction of the audit event — so an event is queued exactly when
 * it is recorded, and the unique (subscription, case, seq) key keeps a retry from queueing it twice.
 * The API's dispatcher (api/services/webhooks.ts) starts their `webhookDelivery` workflows.
 */
async function queueWebhooks(tx: EntityManager, input: RecordTransitionInput, row: { case_type: string; number: string }, at: string): Promise<void> {
  const payload = {
    type: `case.${input.action}`,
    timestamp: at,
    data: {
      tenant: input.tenantId, caseId: input.caseId, number: row.number, caseType: row.case_type, seq: input.seq, event: input.action,
      actor: input.actor, actorRole: input.actorRole, state: input.snapshot.state, priority: input.snapshot.priority, breached: input.snapshot.breached,
      payload: input.payload,
    },
  };
  await tx.execute(
    `insert into webhook_delivery (id, tenant_id, subscription_id, case_id, event_seq, event_type, payload, next_attempt_at)
     select gen_random_uuid(), s.tenant_id, s.id, ?, ?, ?, ?::jsonb, now()
     from webhook_subscription s
     where s.tenant_id = ? and s.active and s.revoked_at is null
       and (cardinality(s.case_types) = 0 or ? = any(s.case_types))
       and (cardinality(s.events) = 0 or ? = any(s.events))
     on conflict (subscription_id, case_id, event_seq) do nothing`,
    [input.caseId, input.seq, input.action, JSON.stringify(payload), input.tenantId, row.case_type, input.action]);
}
