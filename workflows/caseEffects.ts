// The side effects every case workflow asks for in the same shape: an audit event with its read-model
// projection (and the search attributes), a notification keyed so a retry never sends twice, and a
// refusal carried to the API as a typed ApplicationFailure.
import { ApplicationFailure, condition, patched, proxyActivities, proxyLocalActivities, upsertSearchAttributes } from '@temporalio/workflow';
import type { NotifyInput, RecordTransitionInput, SigapActivities } from '../activities/types.ts';
import { FOLDED_REMINDERS_WITH_NEXT_EVENT } from '../policy/reminderHours.ts';
import type { Actor } from '../policy/requestFulfilment.ts';
import { ACTIVITY_OPTIONS, LOCAL_ACTIVITY_OPTIONS } from './activityOptions.ts';
import { REFUSAL_ERROR_TYPE } from './messages.ts';
import { caseProjection, searchAttributesEnabled, transition, type CaseSnapshotFields } from './projection.ts';
import { SA } from './searchAttributes.ts';

const asActivities = proxyActivities<SigapActivities>(ACTIVITY_OPTIONS);
const inWorkflowTask = proxyLocalActivities<SigapActivities>(LOCAL_ACTIVITY_OPTIONS);

/**
 * Patch: a case's audit events (and its read model) are written by local activities, inside the workflow
 * task that produced them, instead of as activity tasks the server dispatches. The same activity, the same
 * idempotency per (case, seq), the same retries. A decision is then answered in the workflow task that
 * took it, and an SLA breach is one workflow task instead of two plus an activity task: about half the
 * server's work per event (BENCHMARKS.md). Histories from before the patch keep their activity tasks.
 */
export const RECORD_IN_WORKFLOW_TASK = 'record-in-workflow-task';

/** The activities that record: local ones once the patch holds at this point of the history. */
function recorders(): Pick<SigapActivities, 'recordTransition' | 'recordTransitions'> {
  return patched(RECORD_IN_WORKFLOW_TASK) ? inWorkflowTask : asActivities;
}

/**
 * Patch: a decision is answered once its audit event and the read model are written, and the notices it
 * causes go out after the answer (they are retried activities, keyed so none is sent twice). Before, the
 * approver waited for the notices too: one more activity and workflow task in every decision's round trip.
 */
export const ANSWER_BEFORE_NOTICES = 'answer-before-notices';

interface CaseIdentity { caseId: string; tenantId: string }

/**
 * A case's audit events on their way to the read model. A folded reminder is held and goes in one
 * activity with the next event (patch FOLDED_REMINDERS_WITH_NEXT_EVENT): outside working hours a request
 * folds three reminders right before its breach, and four activities in a row made the breach late under
 * load. Nothing is held in histories from before the patch, so they record every event at once, as then.
 */
export interface CaseEventLog {
  /** Records `t`, after the events held before it, in one activity (recordTransition when none is held). */
  record(t: RecordTransitionInput): Promise<void>;
  /**
   * Holds a folded reminder for the next record() or flush(); false (record it now) in histories from before the
   * patch. The patch is read here, at the fold, so a case that never folds keeps its history's commands as they were.
   */
  hold(t: RecordTransitionInput): boolean;
  /** Records what is held: call it before the workflow waits or ends, so no folded reminder is left unrecorded. */
  flush(): Promise<void>;
}

export function caseEventLog(): CaseEventLog {
  let held: RecordTransitionInput[] = [];
  const take = () => { const events = held; held = []; return events; };
  return {
    async record(t) {
      if (held.length === 0) return recorders().recordTransition(t);
      await recorders().recordTransitions([...take(), t]);
    },
    hold(t) {
      if (!patched(FOLDED_REMINDERS_WITH_NEXT_EVENT)) return false;
      held.push(t);
      return true;
    },
    async flush() {
      if (held.length > 0) await recorders().recordTransitions(take());
    },
  };
}

/**
 * Audit event `seq` of the case and the case row it leads to; the state and breach become searchable.
 * With a `log`, the event goes through it, and a folded reminder (`folded`) may be held for the next event,
 * whose search attributes are upserted then.
 */
export async function recordCaseEvent(
  c: CaseIdentity, seq: number, actor: Actor, actingRole: string | null, action: string, payload: Record<string, unknown>,
  snap: CaseSnapshotFields & { data: unknown }, via?: { log: CaseEventLog; folded?: boolean },
): Promise<void> {
  const t = transition(c, seq, actor, actingRole, action, payload, caseProjection(snap, snap.data));
  if (via?.folded && via.log.hold(t)) return;
  await (via ? via.log.record(t) : recorders().recordTransition(t));
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
