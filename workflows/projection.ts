// What every workflow writes to the read model with each audit event, and whether it may upsert its
// search attributes (only when the case was started with them: the tenant attribute is set).
import { workflowInfo } from '@temporalio/workflow';
import type { RecordTransitionInput } from '../activities/types.ts';
import { SA } from './searchAttributes.ts';
import { delegationRecord } from '../policy/delegation.ts';
import type { Actor } from '../policy/requestFulfilment.ts';

/** The read-model fields every case snapshot carries. */
export type CaseSnapshotFields = Omit<RecordTransitionInput['snapshot'], 'data' | 'links'>;

/** One audit event of a case, stamped with the workflow's (deterministic) clock. */
export function transition(
  c: { caseId: string; tenantId: string }, seq: number, actor: Pick<Actor, 'username' | 'delegations'>, actingRole: string | null,
  action: string, payload: Record<string, unknown>, snapshot: RecordTransitionInput['snapshot'],
): RecordTransitionInput {
  // A decision taken in a delegated role says so in the audit trail (who acted for whom, until when).
  const delegation = delegationRecord({ username: actor.username, name: '', roles: [], delegations: actor.delegations }, actingRole);
  return {
    caseId: c.caseId, tenantId: c.tenantId, seq, at: Date.now(), actor: actor.username, actorRole: actingRole, action,
    payload: delegation ? { ...payload, delegation } : payload, snapshot,
  };
}

/** The case row of a snapshot, with the process's own data (Formulir D/E fields, …) and optionally its links. */
export function caseProjection(snap: CaseSnapshotFields, data: unknown, links?: unknown[]): RecordTransitionInput['snapshot'] {
  return {
    state: snap.state, priority: snap.priority, assignee: snap.assignee, waitingFor: snap.waitingFor, sla: snap.sla, dueAt: snap.dueAt,
    breached: snap.breached, slaMet: snap.slaMet, closedAt: snap.closedAt, data: data as Record<string, unknown>,
    ...(links !== undefined ? { links } : {}),
  };
}

export function searchAttributesEnabled(): boolean {
  return workflowInfo().typedSearchAttributes.get(SA.tenant) !== undefined;
}
