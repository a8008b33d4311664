// What the API needs to know of each process to act on its cases: the body of each action, the
// workflow's query and update, and the pure check that tells whether the case waits for this
// action from this person (the same check the workflow's update validator runs).
import type { DelegationExpired } from '../../policy/delegation.ts';
import type { ProblemError } from '../http/problem.ts';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { WorkflowHandle } from '@temporalio/client';
import type { z } from 'zod';
import { effectiveProfile } from '../../policy/effectiveProfile.ts';
import { incidentActingRole, incidentRefusal, type IncidentCommand, type IncidentRefusal } from '../../policy/incident.ts';
import type { Profile } from '../../policy/profile.ts';
import { refusalFor, type Actor, type Refusal, type RequestCommand, requestActingRole } from '../../policy/requestFulfilment.ts';
import { incidentActUpdate, incidentStateQuery, requestActUpdate, requestStateQuery, sopActUpdate, sopStateQuery, type ActCommand } from '../../workflows/messages.ts';
import type { Principal } from '../auth/principal.ts';
import { problem } from '../http/problem.ts';
import { incidentActionBodies } from '../schemas/incidents.ts';
import { actionBodies } from '../schemas/requests.ts';
import { findService } from '../../db/services.ts';
import { sopRefusal, type CompleteStep, type SopRefusal, sopActingRole } from '../../policy/maintenanceSop.ts';
import { completeStepBody } from '../schemas/maintenance.ts';
import { findUser } from './users.ts';
import { problemActionBodies } from '../schemas/problems.ts';
import { problemProcess } from './problems.ts';
import { releaseActionBodies } from '../schemas/releases.ts';
import { releaseProcess } from './releases.ts';
import { changeActionBodies } from '../schemas/changes.ts';
import { changeProcess } from './changes.ts';
import { disasterProcess } from './disasters.ts';
import { drpProcess } from './continuity.ts';
import { availabilityProcess } from './availability.ts';
import { evaluationProcess } from './evaluations.ts';

export type AnyRefusal = Refusal | IncidentRefusal | SopRefusal | DelegationExpired;

export interface ProcessModule {
  bodies: Record<string, z.ZodType>;
  /** This process's own problem+json for a refusal the workflow answered (null: a shared refusal, answered alike). */
  answer?: (refusal: { code: string }) => ProblemError | null;
  /** Ask the workflow whether it waits for this command from this actor; returns the acting role. */
  check(handle: WorkflowHandle, command: unknown, actor: Actor, principal: Principal, profile: Profile): Promise<{ refusal: AnyRefusal | null; actingRole: string | null }>;
  toCommand(em: EntityManager, tenantId: string, action: string, body: Record<string, unknown>, profile: Profile): Promise<unknown>;
  execute(handle: WorkflowHandle, cmd: ActCommand<unknown>, updateId: string): Promise<unknown>;
}

const request: ProcessModule = {
  bodies: actionBodies,
  async check(handle, command, actor, principal, profile) {
    const kase = await handle.query(requestStateQuery);
    const cmd = command as RequestCommand;
    return { refusal: refusalFor(kase, cmd, actor, profile), actingRole: requestActingRole(kase, cmd, actor, profile) };
  },
  async toCommand(em, tenantId, action, body, profile) {
    if (action === 'assign') {
      const executorRoles = profile.requestFulfilment.executorRoles;
      const user = await findUser(em, tenantId, String(body.assignee));
      if (!user) throw problem(422, 'unknown_user', { username: String(body.assignee) });
      if (!user.roles.some((r) => executorRoles.includes(r))) throw problem(422, 'assignee_not_executor', { username: user.username, roles: executorRoles.join(', ') });
      return { action, assignee: { username: user.username, name: user.name }, note: body.note as string | undefined };
    }
    if (action === 'classify' && body.classification === 'incident' && body.incident) {
      // serang BAB IV B.2.4: the affected service sets the incident's priority.
      const details = body.incident as { service: string; impact: 'mayor' | 'minor'; category: string };
      const service = await findService(em, tenantId, details.service);
      if (!service || !service.active) throw problem(422, 'unknown_service', { code: details.service });
      return { ...body, action, incident: { ...details, service: { code: service.code, name: service.name.id, serviceType: service.nature, classification: service.classification } } };
    }
    return { action, ...body };
  },
  execute: (handle, cmd, updateId) => handle.executeUpdate(requestActUpdate, { args: [cmd as ActCommand<RequestCommand>], updateId }),
};

const incident: ProcessModule = {
  bodies: incidentActionBodies,
  async check(handle, command, actor) {
    const kase = await handle.query(incidentStateQuery);
    const cmd = command as IncidentCommand;
    // The profile the incident started with decides; the caller's own roles name the acting role.
    const profile = effectiveProfile(kase.input.profileId, kase.input.profileOverrides);
    return { refusal: incidentRefusal(kase, cmd, actor, profile), actingRole: incidentActingRole(kase, cmd, actor) };
  },
  async toCommand(_em, _tenantId, action, body) {
    return { action, ...body };
  },
  execute: (handle, cmd, updateId) => handle.executeUpdate(incidentActUpdate, { args: [cmd as ActCommand<IncidentCommand>], updateId }),
};

const maintenance: ProcessModule = {
  bodies: { complete_step: completeStepBody },
  async check(handle, command, actor) {
    const kase = await handle.query(sopStateQuery);
    const profile = effectiveProfile(kase.input.profileId, kase.input.profileOverrides);
    const cmd = command as CompleteStep;
    return { refusal: sopRefusal(kase, cmd, actor, profile), actingRole: sopActingRole(kase, profile) };
  },
  async toCommand(_em, _tenantId, action, body) {
    return { action, ...body };
  },
  execute: (handle, cmd, updateId) => handle.executeUpdate(sopActUpdate, { args: [cmd as ActCommand<CompleteStep>], updateId }),
};

// Built on first use, not at module load: the process modules import the case services, which import
// this module, so reading their bindings while the import graph is still loading would fail.
let processes: Readonly<Record<string, ProcessModule>> | null = null;

/** The process module of a case type (undefined for a type without actions). */
export function processOf(caseType: string): ProcessModule | undefined {
  processes ??= {
    request, incident, problem: problemProcess, maintenance, release: releaseProcess, change: changeProcess,
    disaster: disasterProcess, drp: drpProcess, availability: availabilityProcess, evaluation: evaluationProcess,
  };
  return processes[caseType];
}

/** Every action name of every process (POST /cases/{id}/actions/{action}). */
export function allActions(): [string, ...string[]] {
  return [...new Set([
    ...Object.keys(actionBodies), ...Object.keys(incidentActionBodies), ...Object.keys(problemActionBodies), ...Object.keys(releaseActionBodies),
    ...Object.keys(changeActionBodies), ...Object.keys(disasterProcess.bodies), ...Object.keys(drpProcess.bodies), ...Object.keys(availabilityProcess.bodies),
    ...Object.keys(evaluationProcess.bodies), 'complete_step',
  ])] as [string, ...string[]];
}
