// The side effects every case workflow asks for in the same shape: an audit event with its read-model
// projection (and the search attributes), a notification keyed so a retry never sends twice, and a
// refusal carried to the API as a typed ApplicationFailure.
import { ApplicationFailure, condition, proxyActivities, upsertSearchAttributes } from '@temporalio/workflow';
import type { NotifyInput, SigapActivities } from '../activities/types.ts';
import type { Actor } from '../policy/requestFulfilment.ts';
import { ACTIVITY_OPTIONS } from './activityOptions.ts';
import { REFUSAL_ERROR_TYPE } from './messages.ts';
import { caseProjection, searchAttributesEnabled, transition, type CaseSnapshotFields } from './projection.ts';
import { SA } from './searchAttributes.ts';

const { recordTransition } = proxyActivities<SigapActivities>(ACTIVITY_OPTIONS);

interface CaseIdentity { caseId: string; tenantId: string }

/** Audit event `seq` of the case and the case row it leads to; the state and breach become searchable. */
export async function recordCaseEvent(
  c: CaseIdentity, seq: number, actor: Actor, actingRole: string | null, action: string, payload: Record<string, unknown>,
  snap: CaseSnapshotFields & { data: unknown },
): Promise<void> {
  await recordTransition(transition(c, seq, actor, actingRole, action, payload, caseProjection(snap, snap.data)));
  if (searchAttributesEnabled()) upsertSearchAttributes([{ key: SA.state, value: snap.state }, { key: SA.breached, value: snap.breached }]);
}

/** A notification of the case: `template` + `key` make its dedupe key; recipients are de-duplicated. */
export function caseNotice(
  c: CaseIdentity, template: string, key: string, to: { toRoles?: string[] | undefined; toUsers?: string[] | undefined }, params: Record<string, unknown>,
): NotifyInput {
  return {
    dedupeKey: `${c.caseId}:${template}:${key}`, tenantId: c.tenantId, caseId: c.caseId, template,
    toRoles: [...new Set(to.toRoles ?? [])], toUsers: [...new Set(to.toUsers ?? [])], params,
  };
}

/** A refusal of the pure rules, for the update validator or the caller's answer. */
export function refusalFailure<R extends { code: string }>(refusal: R): ApplicationFailure {
  return ApplicationFailure.create({ type: REFUSAL_ERROR_TYPE, message: refusal.code, details: [refusal], nonRetryable: true });
}

/** Waits until `woken()` holds or the case's next due instant comes (a durable timer; none when `due` is null). */
export async function waitForWork(woken: () => boolean, due: number | null): Promise<void> {
  if (due === null) await condition(woken);
  else if (due > Date.now()) await condition(woken, due - Date.now());
}
