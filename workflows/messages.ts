// Every signal, query and update of Sigap's workflows, with their payload types. Shared by
// workflows, the API and tests so the names and shapes cannot drift apart.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { BusinessCalendar } from '../policy/calendarTypes.ts';
import type { CompleteStep, SopCase, SopSnapshot } from '../policy/maintenanceSop.ts';
import type { AlertResolution, IncidentCase, IncidentCommand, IncidentSnapshot } from '../policy/incident.ts';
import type { IncidentRef, ProblemCase, ProblemCommand, ProblemSnapshot } from '../policy/problem.ts';
import type { Actor, RequestCase, RequestCommand, RequestSnapshot } from '../policy/requestFulfilment.ts';
import type { ChangeCase, ChangeCommand, ChangeSnapshot } from '../policy/change.ts';
import type { ReleaseCase, ReleaseCommand, ReleaseSnapshot } from '../policy/release.ts';
import type { DisasterCase, DisasterCommand, DisasterSnapshot } from '../policy/disaster.ts';
import type { DrpCase, DrpCommand, DrpSnapshot } from '../policy/continuity.ts';
import type { AvailabilityReportCase, AvailabilityReportCommand, AvailabilityReportSnapshot } from '../policy/availabilityReport.ts';
import type { EvaluationCase, EvaluationCommand, EvaluationSnapshot } from '../policy/evaluation.ts';

/** A command as the API sends it: who acts (already authenticated), and what they do. */
export interface ActCommand<C> {
  actor: Actor;
  /**
   * The role the actor acts in, recorded in the audit trail. The API no longer names it: the workflow
   * chooses it from the actor's roles and delegations (policy/delegation.ts chooseActing), which saves
   * the API a query per decision. Histories recorded before carry the API's choice.
   */
  actingRole?: string | null | undefined;
  /** The role recorded when the actor holds none the step names: an API key acts as 'integrator' (disasters). */
  fallbackRole?: string | undefined;
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

/** Takes an action on a problem; the validator refuses what the problem is not waiting for. */
export const problemActUpdate = defineUpdate<ActResult<ProblemSnapshot>, [ActCommand<ProblemCommand>]>('problem.act');

/** The full in-workflow state of a problem. */
export const problemStateQuery = defineQuery<ProblemCase>('problem.state');

/** Incidents joining an open problem from outside: the periodic review or an incident's proposal. */
export interface LinkIncidentsSignal { incidents: IncidentRef[]; by: string; source: { kind: 'review' | 'incident'; caseId: string; number: string } }
export const problemLinkIncidentsSignal = defineSignal<[LinkIncidentsSignal]>('problem.linkIncidents');

/** Completes the current step of a maintenance SOP case (setwapres). */
export const sopActUpdate = defineUpdate<ActResult<SopSnapshot>, [ActCommand<CompleteStep>]>('sop.act');

/** The full in-workflow state of a maintenance SOP case. */
export const sopStateQuery = defineQuery<SopCase>('sop.state');

/** The monitoring reports that an alert of this incident cleared (alert intake, api/services/alerts.ts). */
export interface AlertResolvedCommand { actor: Actor; actingRole: string | null; alert: AlertResolution }
/** Records an alert's clearing on the incident (activity + audit event); never closes it. Refused once closed. */
export const incidentAlertResolvedUpdate = defineUpdate<ActResult<IncidentSnapshot>, [AlertResolvedCommand]>('incident.alertResolved');

/** What a release tells the change it implements (spec §4–§5: a fulfilled change goes to release). */
export interface ReleaseProgress {
  release: { caseId: string; number: string };
  event: 'planned' | 'executing' | 'succeeded' | 'rolled_back' | 'rollback_failed' | 'rollback_resolved' | 'cancelled' | 'closed';
  at: number;
  note?: string | undefined;
}
/** Sent by the release workflow to the change workflow it references. */
export const changeReleaseProgressSignal = defineSignal<[ReleaseProgress]>('change.releaseProgress');

/** Takes an action on a change; the validator refuses what the change is not waiting for. */
export const changeActUpdate = defineUpdate<ActResult<ChangeSnapshot>, [ActCommand<ChangeCommand>]>('change.act');

/** The full in-workflow state of a change. */
export const changeStateQuery = defineQuery<ChangeCase>('change.state');

/** Takes an action on a release; the validator refuses what the release is not waiting for. */
export const releaseActUpdate = defineUpdate<ActResult<ReleaseSnapshot>, [ActCommand<ReleaseCommand>]>('release.act');

/** The full in-workflow state of a release. */
export const releaseStateQuery = defineQuery<ReleaseCase>('release.state');

/** Takes an action on a disaster (assessment, declaration, recovery, evaluation); the validator refuses what it is not waiting for. */
export const disasterActUpdate = defineUpdate<ActResult<DisasterSnapshot>, [ActCommand<DisasterCommand>]>('disaster.act');

/** The full in-workflow state of a disaster (or DRP exercise). */
export const disasterStateQuery = defineQuery<DisasterCase>('disaster.state');

/** Decides a submitted DRP version; the validator refuses what the approval case is not waiting for. */
export const drpActUpdate = defineUpdate<ActResult<DrpSnapshot>, [ActCommand<DrpCommand>]>('drp.act');

/** The full in-workflow state of a DRP approval case. */
export const drpStateQuery = defineQuery<DrpCase>('drp.state');

/** Prepares or acknowledges a monthly availability report (Formulir F). */
export const availabilityReportActUpdate = defineUpdate<ActResult<AvailabilityReportSnapshot>, [ActCommand<AvailabilityReportCommand>]>('availabilityReport.act');

/** The full in-workflow state of a monthly availability report. */
export const availabilityReportStateQuery = defineQuery<AvailabilityReportCase>('availabilityReport.state');

/** Submits a chapter analysis of a semester evaluation, approves, returns or cancels it. */
export const evaluationActUpdate = defineUpdate<ActResult<EvaluationSnapshot>, [ActCommand<EvaluationCommand>]>('evaluation.act');

/** The full in-workflow state of a semester evaluation. */
export const evaluationStateQuery = defineQuery<EvaluationCase>('evaluation.state');
