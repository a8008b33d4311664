// Every signal, query and update of Sigap's workflows, with their payload types. Shared by
// workflows, the API and tests so the names and shapes cannot drift apart.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { BusinessCalendar } from '../policy/calendarTypes.ts';
import type { IncidentCase, IncidentCommand, IncidentSnapshot } from '../policy/incident.ts';
import type { Actor, RequestCase, RequestCommand, RequestSnapshot } from '../policy/requestFulfilment.ts';

/** A command as the API sends it: who acts (already authenticated), and what they do. */
export interface ActCommand<C> {
  actor: Actor;
  /** The role the actor acts in, recorded in the audit trail. */
  actingRole: string | null;
  command: C;
  /** The update id (from the client's Idempotency-Key), kept in the audit event. */
  updateId?: string | undefined;
}

export interface ActResult<S> {
  seq: number;
  snapshot: S;
}

/** Takes an action on a request; the validator refuses what the case is not waiting for. */
export const requestActUpdate = defineUpdate<ActResult<RequestSnapshot>, [ActCommand<RequestCommand>]>('request.act');

/** The full in-workflow state of a request (the source of truth). */
export const requestStateQuery = defineQuery<RequestCase>('request.state');

/** Error types carried by ApplicationFailure from workflows to the API. */
export const REFUSAL_ERROR_TYPE = 'SigapRefusal';

/** The tenant's business calendar changed (holidays, working week): running clocks re-target. */
export const calendarChangedSignal = defineSignal<[BusinessCalendar]>('calendar.changed');

/** Takes an action on an incident; the validator refuses what the incident is not waiting for. */
export const incidentActUpdate = defineUpdate<ActResult<IncidentSnapshot>, [ActCommand<IncidentCommand>]>('incident.act');

/** The full in-workflow state of an incident. */
export const incidentStateQuery = defineQuery<IncidentCase>('incident.state');
