// Problem management (Manajemen Masalah), spec §3; serang BAB IV B.3.5, yogyakarta Tabel 6, kemenkeu
// Lampiran II F.3, dpr Pasal 20. The performer classifies the problem, finds the root cause and a
// workaround (then the known error is written to the KEDB), proposes the permanent fix (handed to
// change management when it needs a change), applies it; after an observation period a durable
// timer looks for recurring incidents and asks the reviewer to judge the fix's effectiveness.
import { TemporalFailure, WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import {
  getExternalWorkflowHandle, ParentClosePolicy, proxyActivities, setHandler, startChild, upsertSearchAttributes,
} from '@temporalio/workflow';
import type { ProblemActivities, ProblemLinkResult, SigapActivities } from '../activities/types.ts';
import { effectiveProfile } from '../policy/effectiveProfile.ts';
import {
  applyProblemCommand, effectivenessCheckDueAt, isProblemClosed, knownErrorEntry, linkIncidents, newProblemCase, problemRefusal, problemRoles,
  problemSnapshot, withEffectivenessCheck, withKnownError,
  type ProblemCase, type ProblemCommand, type ProblemInput, type ProblemSnapshot, problemActingRole,
} from '../policy/problem.ts';
import type { Actor } from '../policy/requestFulfilment.ts';
import {
  problemActUpdate, problemLinkIncidentsSignal, problemStateQuery, type ActCommand, type ActResult, type LinkIncidentsSignal,
} from './messages.ts';
import { createInbox, type Taken } from './inbox.ts';
import { ACTIVITY_OPTIONS } from './activityOptions.ts';
import { waitForWork, refusalFailure } from './caseEffects.ts';
import { SA } from './searchAttributes.ts';
import { caseProjection, searchAttributesEnabled, transition } from './projection.ts';
import { actingOf } from '../policy/delegation.ts';

const { recordTransition, notify } = proxyActivities<SigapActivities>(ACTIVITY_OPTIONS);
const { linkCases, recordKnownError, countRecurrences, openProblemForIncident } = proxyActivities<ProblemActivities>(ACTIVITY_OPTIONS);

const SYSTEM: Actor = { username: 'system', name: 'Sigap', roles: [] };

export async function problem(input: ProblemInput): Promise<ProblemSnapshot> {
  const profile = effectiveProfile(input.profileId, input.profileOverrides);
  const roles = problemRoles(profile);
  let kase: ProblemCase = newProblemCase(input);
  const inbox = createInbox<ActCommand<ProblemCommand>, ActResult<ProblemSnapshot>>();
  const links: LinkIncidentsSignal[] = [];
  /** The KEDB record as last written (derived from the state, so replay computes the same). */
  let syncedEntry: string | null = null;
  const deskRole = profile.requestFulfilment.serviceDeskRole;
  const changeRoles = profile.roles.some((r) => r.id === 'change_coordinator') ? ['change_coordinator'] : [];

  setHandler(problemStateQuery, () => kase);
  setHandler(problemLinkIncidentsSignal, (signal) => { links.push(signal); });
  setHandler(problemActUpdate, (cmd) => inbox.submit(cmd), {
    validator: (cmd) => {
      const { refusal } = acting(cmd);
      if (refusal) throw refusalFailure(refusal);
    },
  });

  await project('started', SYSTEM, null, { origin: input.origin, dedupeKey: input.dedupeKey, incidents: input.incidents.map((i) => i.number) });
  if (kase.incidents.length) await linkCases({ tenantId: input.tenantId, problem: { id: input.caseId, number: input.number }, incidents: kase.incidents });
  await tell('problem-opened', 'opened', { toRoles: [roles.performer, ...(roles.reportTo ? [roles.reportTo] : [])] });

  while (!isProblemClosed(kase)) {
    const due = effectivenessCheckDueAt(kase);
    const woken = () => inbox.waiting || links.length > 0;
    await waitForWork(woken, due);

    const dueNow = effectivenessCheckDueAt(kase);
    if (dueNow !== null && dueNow <= Date.now()) await checkEffectiveness();
    const link = links.shift();
    if (link) await linkFromOutside(link);
    const command = inbox.take();
    if (command) await handle(command);
  }
  return problemSnapshot(kase, profile);

  /** Who acts, in which role, and whether the case refuses it now (the workflow names the role). */
  function acting(cmd: ActCommand<ProblemCommand>) {
    return actingOf(cmd, Date.now(), (a) => problemRefusal(kase, cmd.command, a, profile), (a) => problemActingRole(a, profile));
  }

  async function handle({ item, answer }: Taken<ActCommand<ProblemCommand>, ActResult<ProblemSnapshot>>): Promise<void> {
    const { command, updateId } = item;
    const { actor, actingRole, refusal } = acting(item);
    if (refusal) { answer(refusalFailure(refusal)); return; }
    const before = kase.state;
    kase = applyProblemCommand(kase, command, actor, profile, Date.now());
    const { action: _a, ...payload } = command;
    await project(command.action, actor, actingRole, { ...payload, ...(updateId ? { updateId } : {}), ...(command.action === 'classify' ? { priority: kase.priority } : {}), from: before, to: kase.state });
    if (command.action === 'link_incident') await linkCases({ tenantId: input.tenantId, problem: { id: input.caseId, number: input.number }, incidents: [command.incident] });
    await syncKnownError();
    await announce(command);
    answer({ seq: kase.seq, snapshot: problemSnapshot(kase, profile) });
  }

  /** The periodic review or an incident's proposal adds incidents to this open problem. */
  async function linkFromOutside(signal: LinkIncidentsSignal): Promise<void> {
    if (isProblemClosed(kase)) return;
    const result = linkIncidents(kase, signal.incidents);
    if (!result.added.length) return;
    kase = result.kase;
    await project('incidents_linked', SYSTEM, null, { incidents: result.added.map((i) => i.number), by: signal.by, source: signal.source });
    await linkCases({ tenantId: input.tenantId, problem: { id: input.caseId, number: input.number }, incidents: result.added });
  }

  /** kemenkeu F.3.b.9: after the observation period, look for incidents that recurred since the fix. */
  async function checkEffectiveness(): Promise<void> {
    const since = kase.fix!.appliedAt!;
    const found = await countRecurrences({
      tenantId: input.tenantId, since, serviceCode: input.service?.code ?? null, category: kase.classification?.category ?? input.category,
      configurationItems: input.configurationItems, exclude: kase.incidents.map((i) => i.id),
    });
    kase = withEffectivenessCheck(kase, found, Date.now());
    await project('effectiveness_checked', SYSTEM, null, { recurrences: found.recurrences, incidents: found.incidents, since: new Date(since).toISOString() });
    await tell('problem-review-due', 'effectiveness', { toRoles: [roles.reviewer], params: { recurrences: found.recurrences, recurringIncidents: found.incidents.join(', ') } });
  }

  /** Keeps the KEDB record in step with the problem (kemenkeu F.3.b.6 and b.10: the service desk reads it). */
  async function syncKnownError(): Promise<void> {
    const entry = knownErrorEntry(kase);
    if (!entry) return;
    const key = JSON.stringify(entry);
    if (key === syncedEntry) return;
    const ref = await recordKnownError(entry);
    syncedEntry = key;
    if (!kase.knownError) {
      kase = withKnownError(kase, ref, Date.now());
      await project('known_error_recorded', SYSTEM, null, { knownError: ref });
      await tell('problem-known-error', 'known-error', { toRoles: [deskRole, roles.performer, ...(roles.reportTo ? [roles.reportTo] : [])], params: { knownError: ref.number } });
    }
  }

  async function announce(command: ProblemCommand): Promise<void> {
    const key = String(kase.seq);
    switch (command.action) {
      case 'propose_fix':
        // kemenkeu F.3.b.11: a fix that needs a change goes to change management (a later process; the link is kept).
        if (command.needsChange) return tell('problem-change-needed', key, { toRoles: [...changeRoles, roles.reportTo ?? roles.performer], params: { fix: command.fix, changeReference: command.changeReference ?? null } });
        return;
      case 'review_fix':
        if (command.effective) return tell('problem-closed', key, { toRoles: [roles.performer, deskRole, ...(roles.reportTo ? [roles.reportTo] : [])], params: { note: command.note } });
        return tell('problem-reopened', key, { toRoles: [roles.performer], params: { note: command.note } });
      case 'cancel':
        return tell('problem-closed', key, { toRoles: [roles.performer, ...(roles.reportTo ? [roles.reportTo] : [])], params: { note: command.reason } });
      default:
        return;
    }
  }

  async function tell(template: string, key: string, to: { toRoles?: string[]; toUsers?: string[]; params?: Record<string, unknown> }): Promise<void> {
    await notify({
      dedupeKey: `${input.caseId}:${template}:${key}`, tenantId: input.tenantId, caseId: input.caseId, template,
      toRoles: [...new Set(to.toRoles ?? [])], toUsers: [...new Set(to.toUsers ?? [])],
      params: {
        number: input.number, title: input.title, service: input.service?.name ?? '-', priority: kase.priority, state: kase.state,
        incidents: kase.incidents.map((i) => i.number).join(', ') || '-', incidentCount: kase.incidents.length,
        knownError: kase.knownError?.number ?? null, dueAt: problemSnapshot(kase, profile).dueAt, ...to.params,
      },
    });
  }

  async function project(action: string, actor: Actor, actingRole: string | null, payload: Record<string, unknown>): Promise<void> {
    kase = { ...kase, seq: kase.seq + 1 };
    const snap = problemSnapshot(kase, profile);
    await recordTransition(transition(input, kase.seq, actor, actingRole, action, payload, caseProjection(snap, snap.data)));
    if (searchAttributesEnabled()) {
      upsertSearchAttributes([{ key: SA.state, value: snap.state }, ...(snap.priority ? [{ key: SA.priority, value: snap.priority }] : [])]);
    }
  }
}



/**
 * Acts on what an opening activity decided, from any workflow: starts a newly opened problem (its
 * intake is durable, so the API's reconciler would start it too; whoever is first wins), or tells
 * the open problem that covers the pattern about the new incidents.
 */
export async function startOrJoinProblem(result: ProblemLinkResult, source: LinkIncidentsSignal['source'], by: string): Promise<void> {
  if (!result.problem) return;
  if (result.outcome === 'opened' && result.input) {
    try {
      await startChild(problem, {
        workflowId: result.problem.workflowId, args: [result.input], parentClosePolicy: ParentClosePolicy.ABANDON,
        ...(searchAttributesEnabled() ? { typedSearchAttributes: [
          { key: SA.tenant, value: result.input.tenantId }, { key: SA.caseType, value: 'problem' }, { key: SA.caseNumber, value: result.problem.number },
          { key: SA.state, value: 'submitted' }, ...(result.input.service ? [{ key: SA.service, value: result.input.service.code }] : []),
        ] } : {}),
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
    return;
  }
  if (result.outcome === 'existing' && result.newIncidents.length) {
    try {
      await getExternalWorkflowHandle(result.problem.workflowId).signal(problemLinkIncidentsSignal, { incidents: result.newIncidents, by, source });
    } catch (err) {
      // The problem closed meanwhile: its incidents stay as they were (the links column was not touched).
      if (!(err instanceof TemporalFailure)) throw err;
    }
  }
}

/** patched() id guarding the incident workflow's call below (histories recorded before it replay unchanged). */
export const PROBLEM_FROM_PROPOSAL = 'incident-propose-opens-problem';

/**
 * Called by the incident workflow when the technical team proposes problem management: opens a
 * problem for the incident's pattern (service and category) or joins the open one, linked both
 * ways. Returns what the incident records in its timeline.
 */
export async function escalateToProblem(
  incident: { tenantId: string; caseId: string; number: string }, seq: number, actor: Actor, actingRole: string | null, note: string,
): Promise<{ problem: { caseId: string; number: string }; outcome: string } | null> {
  const result = await openProblemForIncident({
    tenantId: incident.tenantId, incidentCaseId: incident.caseId, proposedBy: { username: actor.username, name: actor.name }, actorRole: actingRole, note, proposalSeq: seq,
  });
  await startOrJoinProblem(result, { kind: 'incident', caseId: incident.caseId, number: incident.number }, actor.username);
  return result.problem ? { problem: { caseId: result.problem.caseId, number: result.problem.number }, outcome: result.outcome } : null;
}
