// Release with rollback (Rilis Layanan), spec §5; serang BAB IV D.3, yogyakarta Tabel 9, dpr Pasal
// 12–16, kemenkeu Lampiran II E.3. The plan is approved as its change category requires, dpr's fitness
// tests wait for the first instant outside working hours, the downtime is announced and the workflow
// sleeps until the window opens (one durable timer). Then the steps run in order (HTTP steps through
// the deployment system, manual ones confirmed), the evaluation criteria are checked, and when a step
// or a criterion fails the rollback steps run in reverse order on their own. A rollback step that still
// fails after its retries parks the release in `rollback_failed` until an administrator replays it from
// that step or resolves it by hand. Afterwards the post-implementation review, dpr's handover (Berita
// Acara Serah Terima) and the 3-calendar-month maintenance period with its own timer.
import { ActivityFailure, TemporalFailure } from '@temporalio/common';
import {
  condition, getExternalWorkflowHandle, proxyActivities, setHandler, upsertSearchAttributes,
} from '@temporalio/workflow';
import type { ReleaseActivities, SigapActivities } from '../activities/types.ts';
import type { BusinessCalendar } from '../policy/calendarTypes.ts';
import { effectiveProfile } from '../policy/effectiveProfile.ts';
import {
  applyReleaseCommand, currentFitnessRound, currentStepKey, endMaintenance, executionDueAt, fitnessNoticeDueAt, isReleaseClosed,
  maintenanceEndsAt, markFitnessNotified, markRetrospectiveOverdue, newReleaseCase, nextDeployStep, nextRollbackStep, pendingHttpCriteria,
  pendingManualCriteria, recordCriterionResult, recordStepOutcome, releaseRefusal, releaseRoles, releaseSnapshot, retrospectiveOverdueAt,
  settleVerification, startExecution, startStep, stepRun, waitingStep, withHandoverDocument, withReleaseCalendar,
  type ReleaseCase, type ReleaseCommand, type ReleaseInput, type ReleaseSnapshot, type ReleaseState, type StepPhase, releaseActingRole,
} from '../policy/release.ts';
import { STEP_RETRY, type HttpCheckCriterion, type HttpStepSpec, type StepOutcome } from '../policy/releasePlan.ts';
import type { Actor } from '../policy/requestFulfilment.ts';
import { ACTIVITY_OPTIONS } from './activityOptions.ts';
import { createInbox, type Taken } from './inbox.ts';
import {
  calendarChangedSignal, changeReleaseProgressSignal, releaseActUpdate, releaseStateQuery,
  type ActCommand, type ActResult, type ReleaseProgress,
} from './messages.ts';
import { SA } from './searchAttributes.ts';
import { caseProjection, searchAttributesEnabled, transition } from './projection.ts';
import { actingOf } from '../policy/delegation.ts';
import { refusalFailure } from './caseEffects.ts';

const { recordTransition, notify, recordFinding, loadCalendar } = proxyActivities<SigapActivities>(ACTIVITY_OPTIONS);
const { renderHandover, recordServiceHandover } = proxyActivities<ReleaseActivities>(ACTIVITY_OPTIONS);

const SYSTEM: Actor = { username: 'system', name: 'Sigap', roles: [] };

/**
 * How long the workflow gives one try of a step beyond the plan's `waitSeconds` (connecting, the
 * trigger call, the last poll). A Sigap choice.
 */
export const STEP_TIMEOUT_MARGIN_SECONDS = 30;
/** The activity reports progress while it polls; silence this long means its worker is gone. */
export const STEP_HEARTBEAT_TIMEOUT = '10 seconds';

/** Deploy and rollback steps: one try lasts at most waitSeconds + margin; STEP_RETRY tries in all. */
function stepActivities(step: HttpStepSpec) {
  return proxyActivities<ReleaseActivities>({
    startToCloseTimeout: `${step.waitSeconds + STEP_TIMEOUT_MARGIN_SECONDS} seconds`,
    heartbeatTimeout: STEP_HEARTBEAT_TIMEOUT,
    retry: { maximumAttempts: STEP_RETRY.maximumAttempts, initialInterval: STEP_RETRY.initialIntervalMs, backoffCoefficient: 2 },
  });
}

/** A health check tries `attempts` times `intervalSeconds` apart inside one activity. */
function checkActivities(criterion: HttpCheckCriterion) {
  return proxyActivities<ReleaseActivities>({
    startToCloseTimeout: `${criterion.attempts * (criterion.intervalSeconds + STEP_TIMEOUT_MARGIN_SECONDS)} seconds`,
    // The check heartbeats before each try: a killed worker is noticed after one interval plus a try, not the whole budget.
    heartbeatTimeout: `${criterion.intervalSeconds + STEP_TIMEOUT_MARGIN_SECONDS} seconds`,
    retry: { maximumAttempts: STEP_RETRY.maximumAttempts, initialInterval: STEP_RETRY.initialIntervalMs, backoffCoefficient: 2 },
  });
}

/** An activity that failed after all its tries counts as a failed outcome, with its last error. */
function failedOutcome(err: ActivityFailure): StepOutcome {
  const cause = err.cause as Error | undefined;
  return { outcome: 'failed', detail: cause?.message ?? err.message, httpStatus: null, externalId: null, calls: 0 };
}

export async function release(input: ReleaseInput): Promise<ReleaseSnapshot> {
  const profile = effectiveProfile(input.profileId, input.profileOverrides);
  const roles = releaseRoles(profile, input.change.category);
  let kase: ReleaseCase = newReleaseCase(input, profile);
  const inbox = createInbox<ActCommand<ReleaseCommand>, ActResult<ReleaseSnapshot>>();
  let newerCalendar: BusinessCalendar | null = null;

  setHandler(releaseStateQuery, () => kase);
  setHandler(calendarChangedSignal, (calendar) => {
    if (calendar.version > (newerCalendar ?? kase.calendar).version) newerCalendar = calendar;
  });
  setHandler(releaseActUpdate, (cmd) => inbox.submit(cmd), {
    validator: (cmd) => {
      const { refusal } = acting(cmd);
      if (refusal) throw refusalFailure(refusal);
    },
  });

  await project('started', SYSTEM, null, {
    change: input.change.number, category: input.change.category, approval: kase.approval.mode,
    window: { start: iso(input.plan.window.start), end: iso(input.plan.window.end) },
  });
  await progress('planned');
  const current = await loadCalendar(input.tenantId);
  if (current.version > (newerCalendar ?? kase.calendar).version) newerCalendar = current;
  await announce(null);

  while (!isReleaseClosed(kase)) {
    if (newerCalendar) { await retarget(newerCalendar); continue; }
    if (await fireTimers()) continue;
    if (await work()) continue;
    const command = inbox.take();
    if (command) { await handle(command); continue; }
    const wake = nextWake();
    const woken = () => inbox.waiting || newerCalendar !== null;
    if (wake === null) await condition(woken);
    else if (wake > Date.now()) await condition(woken, wake - Date.now());
  }
  return releaseSnapshot(kase, profile);

  // ---- commands ----

  /** Who acts, in which role, and whether the case refuses it now (the workflow names the role). */
  function acting(cmd: ActCommand<ReleaseCommand>) {
    return actingOf(cmd, Date.now(), (a) => releaseRefusal(kase, cmd.command, a, profile, Date.now()), (a) => releaseActingRole(kase, cmd.command, a, profile));
  }

  async function handle({ item, answer }: Taken<ActCommand<ReleaseCommand>, ActResult<ReleaseSnapshot>>): Promise<void> {
    // Re-check: an earlier command (or the workflow's own progress) may have changed the case since validation.
    const { command, updateId } = item;
    const { actor, actingRole, refusal } = acting(item);
    if (refusal) { answer(refusalFailure(refusal)); return; }
    const before = kase;
    const waiting = command.action === 'confirm_step' ? waitingStep(kase) : null;
    kase = applyReleaseCommand(kase, command, actor, profile, Date.now());
    await project(command.action, actor, actingRole, { ...commandPayload(command, before, waiting?.phase ?? null), ...(updateId ? { updateId } : {}), from: before.state, to: kase.state });
    await consequences(before, command, actor);
    await announce(before.state);
    answer({ seq: kase.seq, snapshot: releaseSnapshot(kase, profile) });
  }

  /** Findings and escalations a command leads to. */
  async function consequences(before: ReleaseCase, command: ReleaseCommand, actor: Actor): Promise<void> {
    if (command.action === 'record_review') {
      // serang D.3.8: the plan and its realisation are evaluated; the provider gets the result.
      await tell('release-reviewed', 'reviewed', {
        toRoles: roles.provider, toUsers: [input.author.username],
        params: { summary: command.summary, followUps: (command.followUps ?? []).join('; ') || '-', reviewer: actor.name },
      });
    }
    if (command.action === 'resolve_rollback') {
      const failure = before.rollback!.failure!;
      await recordFinding({
        dedupeKey: `${input.caseId}:rollback_resolved_manually:${kase.rollback!.replays.length}`, tenantId: input.tenantId, caseId: input.caseId, caseNumber: input.number,
        process: 'release', kind: 'rollback_resolved_manually', severity: 'high',
        summary: {
          id: `Rollback rilis ${input.number} gagal pada langkah ${failure.step} dan diselesaikan manual oleh ${actor.name}`,
          en: `The rollback of release ${input.number} failed at step ${failure.step} and was resolved manually by ${actor.name}`,
        },
        detail: { step: failure.step, run: failure.run, lastError: failure.detail, justification: command.justification, by: actor.username },
        at: Date.now(),
      });
    }
    if (command.action === 'decide_plan' && before.approval.mode === 'after' && command.decision === 'reject') {
      // A negative decision after the fact: escalated and recorded, like the change (spec §4, issue 5).
      await recordFinding({
        dedupeKey: `${input.caseId}:retrospective_approval_rejected`, tenantId: input.tenantId, caseId: input.caseId, caseNumber: input.number,
        process: 'release', kind: 'retrospective_approval_rejected', severity: 'high',
        summary: {
          id: `Rilis darurat ${input.number} tidak disetujui setelah dilaksanakan`,
          en: `Emergency release ${input.number} was not approved after it was carried out`,
        },
        detail: { by: actor.username, note: command.note ?? null, outcome: kase.outcome },
        at: Date.now(),
      });
      await tell('release-escalation', 'retrospective-rejected', { toRoles: roles.escalation, toUsers: [input.author.username], params: { reason: 'rejected', note: command.note ?? null } });
    }
  }

  // ---- timers ----

  function nextWake(): number | null {
    const dues = [fitnessNoticeDueAt(kase), executionDueAt(kase), retrospectiveOverdueAt(kase), maintenanceEndsAt(kase)].filter((t): t is number => t !== null);
    return dues.length ? Math.min(...dues) : null;
  }

  async function fireTimers(): Promise<boolean> {
    const now = Date.now();
    const before = kase.state;
    const notice = fitnessNoticeDueAt(kase);
    if (notice !== null && notice <= now) {
      // dpr Pasal 14 ayat 2: the tests run outside working hours; the performer is told when that time has come.
      kase = markFitnessNotified(kase, now);
      const round = currentFitnessRound(kase)!;
      await project('fitness_slot_open', SYSTEM, null, { round: round.round, scheduledAt: iso(round.scheduledAt) });
      await tell('release-fitness-due', `fitness-${round.round}`, { toRoles: roles.fitness ? [roles.fitness.performer] : [], params: { round: round.round, from: iso(round.scheduledAt), tests: fitnessTitles() } });
      return true;
    }
    const start = executionDueAt(kase);
    if (start !== null && start <= now) {
      kase = startExecution(kase, now);
      await project('execution_started', SYSTEM, null, { windowStart: iso(input.plan.window.start), windowEnd: iso(input.plan.window.end), late: now > input.plan.window.end });
      await progress('executing');
      await announce(before);
      return true;
    }
    const overdue = retrospectiveOverdueAt(kase);
    if (overdue !== null && overdue <= now) {
      kase = markRetrospectiveOverdue(kase, now);
      await project('retrospective_approval_overdue', SYSTEM, null, { dueAt: iso(overdue), escalatedTo: roles.escalation });
      await recordFinding({
        dedupeKey: `${input.caseId}:retrospective_approval_overdue`, tenantId: input.tenantId, caseId: input.caseId, caseNumber: input.number,
        process: 'release', kind: 'retrospective_approval_overdue', severity: 'medium',
        summary: {
          id: `Persetujuan rilis darurat ${input.number} belum diberikan sampai batas waktunya`,
          en: `The approval of emergency release ${input.number} was not given by its deadline`,
        },
        detail: { dueAt: iso(overdue), approverRole: kase.approval.role },
        at: now,
      });
      await tell('release-escalation', 'retrospective-overdue', { toRoles: [...roles.escalation, ...(kase.approval.role ? [kase.approval.role] : [])], params: { reason: 'overdue', dueAt: iso(overdue) } });
      return true;
    }
    const ends = maintenanceEndsAt(kase);
    if (ends !== null && ends <= now) {
      kase = endMaintenance(kase, now);
      await project('maintenance_ended', SYSTEM, null, { endsAt: iso(ends) });
      await announce(before);
      return true;
    }
    return false;
  }

  // ---- automatic work: http steps, health checks, the handover document ----

  async function work(): Promise<boolean> {
    if (kase.state === 'executing') {
      const step = nextDeployStep(kase);
      if (step && step.kind === 'http') { await runStep('deploy', step); return true; }
      return false;
    }
    if (kase.state === 'rolling_back') {
      const step = nextRollbackStep(kase);
      if (step && step.kind === 'http') { await runStep('rollback', step); return true; }
      return false;
    }
    if (kase.state === 'verifying') {
      const criterion = pendingHttpCriteria(kase)[0];
      if (criterion && criterion.kind === 'http_check') { await check(criterion); return true; }
      const before = kase;
      kase = settleVerification(kase, profile, Date.now());
      if (kase.state === before.state) return false;
      await project('verification_completed', SYSTEM, null, verificationPayload(before));
      await announce(before.state);
      return true;
    }
    if (kase.state === 'awaiting_handover' && !kase.handover?.document) {
      const doc = await renderHandover({ tenantId: input.tenantId, caseId: input.caseId, number: input.number, data: handoverData() });
      kase = withHandoverDocument(kase, doc, Date.now());
      await project('handover_rendered', SYSTEM, null, { documentId: doc.documentId, sha256: doc.sha256 });
      await tell('release-handover', 'handover', { toRoles: roles.signatories.filter((r) => r !== 'requester'), toUsers: input.requester ? [input.requester.username] : [], params: { documentId: doc.documentId } });
      return true;
    }
    return false;
  }

  async function runStep(phase: StepPhase, step: HttpStepSpec): Promise<void> {
    const before = kase.state;
    kase = startStep(kase, phase, step, Date.now());
    const run = stepRun(kase, phase, step.id);
    const idempotencyKey = currentStepKey(kase, phase, step.id);
    await project('step_started', SYSTEM, null, { phase, step: step.id, title: step.title, run, idempotencyKey });
    const acts = stepActivities(step);
    const call = phase === 'deploy' ? acts.runDeployStep : acts.runRollbackStep;
    let outcome: StepOutcome;
    let attempts = 1;
    try {
      outcome = await call({ tenantId: input.tenantId, caseId: input.caseId, releaseNumber: input.number, phase, step, idempotencyKey });
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
      outcome = failedOutcome(err);
      attempts = STEP_RETRY.maximumAttempts;
    }
    kase = recordStepOutcome(kase, phase, step.id, outcome, profile, Date.now(), { attempts });
    await project('step_completed', SYSTEM, null, { phase, step: step.id, run, idempotencyKey, ...outcome, attempts, from: before, to: kase.state });
    await announce(before);
  }

  async function check(criterion: HttpCheckCriterion): Promise<void> {
    const before = kase;
    let outcome: StepOutcome;
    try {
      outcome = await checkActivities(criterion).checkCriterion({ tenantId: input.tenantId, caseId: input.caseId, criterion });
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
      outcome = failedOutcome(err);
    }
    kase = recordCriterionResult(kase, criterion.id, outcome, Date.now());
    kase = settleVerification(kase, profile, Date.now());
    await project('criterion_checked', SYSTEM, null, { criterion: criterion.id, passed: outcome.outcome === 'succeeded', ...outcome, from: before.state, to: kase.state });
    await announce(before.state);
  }

  async function retarget(calendar: BusinessCalendar): Promise<void> {
    newerCalendar = null;
    const before = kase;
    kase = withReleaseCalendar(kase, calendar, profile);
    if (kase === before) return;
    await project('calendar_changed', SYSTEM, null, { calendarVersion: calendar.version, dueAt: releaseSnapshot(kase, profile).dueAt });
  }

  // ---- what each state announces ----

  /** Notifications and change progress on entering a state (and for each manual step that now waits). */
  async function announce(before: ReleaseState | null): Promise<void> {
    const entered = kase.state !== before;
    const s = kase.state;
    if (entered) {
      switch (s) {
        case 'awaiting_plan_approval':
          await tell('release-plan-approval', 'plan-approval', { toRoles: [roles.approver], params: { retrospective: false } });
          break;
        case 'awaiting_fitness_approval':
          // dpr Pasal 14 ayat 4–5: results recorded and sent to the coordinator; fitness approved by the administrator official.
          await tell('release-fitness-results', `fitness-results-${currentFitnessRound(kase)!.round}`, {
            toRoles: roles.fitness ? [roles.fitness.resultsTo, roles.fitness.approver] : [],
            params: { round: currentFitnessRound(kase)!.round, results: currentFitnessRound(kase)!.results.map((r) => `${r.test}: ${r.passed ? 'lulus / passed' : 'gagal / failed'} — ${r.summary}`).join('\n') },
          });
          break;
        case 'scheduled':
          // serang D.3.2: the downtime window is agreed with the service owner and announced to the affected parties.
          await tell('release-downtime', 'downtime', {
            toRoles: [...input.plan.affectedParties.roles, ...(roles.downtimeAgreedWith ? [roles.downtimeAgreedWith] : []), roles.approver],
            toUsers: [...input.plan.affectedParties.users, input.author.username],
          });
          break;
        case 'verifying':
          break;
        case 'rolling_back':
          await tell('release-rollback-started', `rollback-${kase.rollback!.startedAt}`, {
            toRoles: [roles.approver, ...roles.executors], toUsers: [input.author.username],
            params: { reason: kase.rollback!.reason, trigger: kase.rollback!.trigger.join(', '), order: kase.rollback!.order.join(' → ') || '-' },
          });
          break;
        case 'rollback_failed': {
          const f = kase.rollback!.failure!;
          await progress('rollback_failed', `${f.step}: ${f.detail}`);
          await tell('release-rollback-failed', `rollback-failed-${f.step}-${f.run}`, {
            toRoles: [roles.administrator], toUsers: [input.author.username], params: { step: f.step, run: f.run, lastError: f.detail, attempts: f.attempts },
          });
          break;
        }
        case 'reviewing':
        case 'awaiting_retrospective_approval':
        case 'awaiting_handover':
        case 'closed':
          if (before !== null && ['executing', 'verifying', 'rolling_back', 'rollback_failed'].includes(before)) await completed();
          if (s === 'reviewing') {
            await tell('release-completed', 'completed', { toRoles: [roles.approver], toUsers: [input.author.username], params: { outcome: kase.outcome } });
          }
          if (s === 'closed') await closed(before);
          break;
        case 'maintenance':
          // dpr Pasal 16: 3 calendar months of maintenance after the Berita Acara Serah Terima.
          await recordServiceHandover({ tenantId: input.tenantId, services: input.change.services, at: kase.handover!.completedAt! });
          await tell('release-maintenance-started', 'maintenance-started', {
            toRoles: roles.maintenance ? [roles.maintenance] : [], toUsers: input.requester ? [input.requester.username] : [],
            params: { endsAt: iso(kase.maintenance!.endsAt), months: kase.maintenance!.months },
          });
          break;
        case 'rejected':
          await progress('cancelled', 'rejected');
          await tell('release-closed', 'rejected', { toUsers: [input.author.username], params: { note: kase.approval.decision?.note ?? null } });
          break;
        case 'cancelled':
          await progress('cancelled', kase.cancellation?.reason);
          await tell('release-closed', 'cancelled', {
            toRoles: [roles.approver, ...(before === 'scheduled' ? input.plan.affectedParties.roles : [])],
            toUsers: [input.author.username, ...(before === 'scheduled' ? input.plan.affectedParties.users : [])], params: { note: kase.cancellation?.reason ?? null },
          });
          break;
        default:
          break;
      }
    }
    // A manual step or manual criteria that now wait for a person.
    const w = waitingStep(kase);
    if (w) {
      await tell('release-step-waiting', `${w.phase}-${w.step.id}-${stepRun(kase, w.phase, w.step.id)}`, {
        toRoles: roles.executors, params: { phase: w.phase, step: w.step.id, stepTitle: w.step.title, instructions: w.step.kind === 'manual' ? w.step.instructions : '' },
      });
    }
    if (kase.state === 'verifying' && !pendingHttpCriteria(kase).length && pendingManualCriteria(kase).length) {
      await tell('release-step-waiting', 'verify', {
        toRoles: roles.executors, params: { phase: 'verify', step: pendingManualCriteria(kase).map((k) => k.id).join(', '), stepTitle: pendingManualCriteria(kase).map((k) => k.title).join(', '), instructions: '' },
      });
    }
  }

  /** Execution is over: the change learns the result; an emergency release now asks for its approval. */
  async function completed(): Promise<void> {
    // A release that failed without a rollback counts for the change like a rolled-back one: implemented, outcome failed.
    const event: ReleaseProgress['event'] = kase.outcome === 'succeeded' ? 'succeeded' : kase.outcome === 'rollback_resolved' ? 'rollback_resolved' : 'rolled_back';
    await progress(event, kase.outcome === 'failed' ? 'failed without rollback' : undefined);
    if (kase.approval.mode === 'after' && kase.approval.requestedAt !== null) {
      await tell('release-plan-approval', 'retrospective-approval', { toRoles: kase.approval.role ? [kase.approval.role] : [], params: { retrospective: true, dueAt: iso(kase.approval.dueAt) } });
    }
  }

  async function closed(before: ReleaseState | null): Promise<void> {
    await progress('closed');
    // Closed by the review: the review's message (release-reviewed) already told the same people.
    if (before === 'reviewing') return;
    const ended = kase.maintenance?.endedAt != null;
    await tell(ended ? 'release-maintenance-ended' : 'release-closed', 'closed', {
      toRoles: ended ? [...(roles.maintenance ? [roles.maintenance] : []), ...roles.provider] : roles.provider,
      toUsers: [input.author.username, ...(ended && input.requester ? [input.requester.username] : [])],
      params: { note: kase.review?.summary ?? null },
    });
  }

  // ---- helpers ----

  async function progress(event: ReleaseProgress['event'], note?: string): Promise<void> {
    const signal: ReleaseProgress = { release: { caseId: input.caseId, number: input.number }, event, at: Date.now(), ...(note ? { note } : {}) };
    try {
      await getExternalWorkflowHandle(input.change.workflowId).signal(changeReleaseProgressSignal, signal);
    } catch (err) {
      // The change has closed (or was never started on this server): the release goes on; the read model keeps the link.
      if (!(err instanceof TemporalFailure)) throw err;
    }
  }

  function fitnessTitles(): string {
    return (profile.release?.fitnessTests?.tests ?? []).map((t) => t.title.id).join(', ');
  }

  function handoverData(): Record<string, unknown> {
    const snap = releaseSnapshot(kase, profile).data;
    return {
      number: input.number, title: input.title, change: input.change.number, services: input.change.services,
      window: snap.plan.window, contents: input.plan.contents, method: input.plan.method, outcome: kase.outcome, completedAt: snap.completedAt,
      review: snap.review, author: input.author, requester: input.requester, signatoryRoles: roles.signatories,
      maintenanceMonths: profile.release?.maintenancePeriod?.period.months ?? null, tenantId: input.tenantId,
    };
  }

  function verificationPayload(before: ReleaseCase): Record<string, unknown> {
    return { criteria: kase.criteria.map((r) => ({ criterion: r.criterion, passed: r.passed })), from: before.state, to: kase.state };
  }

  async function tell(template: string, key: string, to: { toRoles?: string[]; toUsers?: string[]; params?: Record<string, unknown> }): Promise<void> {
    await notify({
      dedupeKey: `${input.caseId}:${template}:${key}`, tenantId: input.tenantId, caseId: input.caseId, template,
      toRoles: [...new Set(to.toRoles ?? [])], toUsers: [...new Set(to.toUsers ?? [])],
      params: {
        number: input.number, title: input.title, change: input.change.number, category: input.change.category, services: input.change.services.join(', '),
        state: kase.state, outcome: kase.outcome, windowStart: iso(input.plan.window.start), windowEnd: iso(input.plan.window.end),
        expectedDowntimeMinutes: input.plan.expectedDowntimeMinutes, author: input.author.name, ...to.params,
      },
    });
  }

  async function project(action: string, actor: Actor, actingRole: string | null, payload: Record<string, unknown>): Promise<void> {
    kase = { ...kase, seq: kase.seq + 1 };
    const snap = releaseSnapshot(kase, profile);
    await recordTransition(transition(input, kase.seq, actor, actingRole, action, payload, caseProjection(snap, snap.data)));
    if (searchAttributesEnabled()) {
      upsertSearchAttributes([{ key: SA.state, value: snap.state }, { key: SA.breached, value: snap.breached }]);
    }
  }
}

function iso(t: number | null): string | null {
  return t === null ? null : new Date(t).toISOString();
}

/** What the audit event of a command keeps: the command without its name, plus the step's phase and run for confirmations. */
function commandPayload(cmd: ReleaseCommand, before: ReleaseCase, phase: StepPhase | null): Record<string, unknown> {
  const { action: _action, ...rest } = cmd;
  if (cmd.action === 'confirm_step' && phase) return { ...rest, phase, run: stepRun(before, phase, cmd.step) };
  if (cmd.action === 'replay_rollback') return { ...rest, step: before.rollback?.failure?.step ?? null, run: (before.rollback?.failure?.run ?? 0) + 1 };
  if (cmd.action === 'resolve_rollback') return { ...rest, step: before.rollback?.failure?.step ?? null, lastError: before.rollback?.failure?.detail ?? null };
  return rest;
}


/** Search attributes are registered on real servers; the time-skipping test server has none. */
