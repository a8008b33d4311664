// The semester evaluation (Formulir I), serang BAB IV E: the figures of the period are computed from
// the records first (SQL aggregates, activity computeEvaluationFigures), then each chapter's analyst
// writes the analysis of obstacles and the follow-up actions, the approver approves (or returns
// chapters), and publishing renders Formulir I as a stored document and turns the follow-ups into
// tracked improvement actions. Reminders at the SLA warning shares of `analysisWithin` go to the
// roles whose chapters are missing; at the deadline one escalation to the approver and a finding;
// the evaluation keeps waiting.
import { patched, proxyActivities, setHandler } from '@temporalio/workflow';
import type { EvaluationActivities } from '../activities/evaluations.ts';
import type { SigapActivities } from '../activities/types.ts';
import { effectiveProfile } from '../policy/effectiveProfile.ts';
import {
  analysisDueAt, applyEvaluationCommand, chapterMissed, evaluationRefusal, evaluationRoles, evaluationSnapshot, fireAnalysisThreshold, followUpItems,
  formulirIData, isEvaluationClosed, missingChapters, newEvaluationCase, nextAnalysisThreshold, pendingAnalysisThresholds, rolesMissing, withFigures, withPublication,
  type EvaluationCase, type EvaluationCommand, type EvaluationInput, type EvaluationSnapshot, evaluationActingRole,
} from '../policy/evaluation.ts';
import type { Actor } from '../policy/requestFulfilment.ts';
import { evaluationActUpdate, evaluationStateQuery, type ActCommand, type ActResult } from './messages.ts';
import { createInbox, type Taken } from './inbox.ts';
import { ACTIVITY_OPTIONS } from './activityOptions.ts';
import { caseEventLog, caseNotice, recordCaseEvent, refusalFailure, waitForWork } from './caseEffects.ts';
import { actingOf } from '../policy/delegation.ts';
import { REMINDERS_IN_WORKING_HOURS, nextSendAt, noticeTimings, noticesDue, type NoticeStep } from '../policy/reminderHours.ts';
import type { Threshold } from '../policy/sla.ts';

const { notify, recordFinding } = proxyActivities<SigapActivities>(ACTIVITY_OPTIONS);
// Aggregates over years of cases and rendering a document take longer than a notification.
const { computeEvaluationFigures, publishEvaluation } = proxyActivities<EvaluationActivities>({ ...ACTIVITY_OPTIONS, startToCloseTimeout: '5 minutes' });

const SYSTEM: Actor = { username: 'system', name: 'Sigap', roles: [] };

export async function semesterEvaluation(input: EvaluationInput): Promise<EvaluationSnapshot> {
  // Reminders wait for working hours (issue 8); histories recorded before this replay unchanged.
  const remindersInWorkingHours = patched(REMINDERS_IN_WORKING_HOURS);
  const profile = effectiveProfile(input.profileId, input.profileOverrides);
  const roles = evaluationRoles(profile);
  const chapterRoles = [...new Set(roles.chapters.map((c) => c.role))];
  let kase: EvaluationCase = newEvaluationCase(input, profile);
  const inbox = createInbox<ActCommand<EvaluationCommand>, ActResult<EvaluationSnapshot>>();
  const events = caseEventLog();

  setHandler(evaluationStateQuery, () => kase);
  setHandler(evaluationActUpdate, (cmd) => inbox.submit(cmd), {
    validator: (cmd) => {
      const { refusal } = acting(cmd);
      if (refusal) throw refusalFailure(refusal);
    },
  });

  const figures = await computeEvaluationFigures({ tenantId: input.tenantId, period: input.period, at: input.openedAt });
  kase = withFigures(kase, figures);
  const missed = profile.evaluation.chapters.filter((c) => chapterMissed(profile, figures, c.id)).map((c) => c.id);
  await project('started', SYSTEM, null, { period: input.period.label ?? `${input.period.fromDate}..${input.period.toDate}`, trigger: input.trigger, empty: figures.empty, missed });
  await tell('evaluation-open', 'open', chapterRoles, { missed: missed.join(', ') || '-' });

  while (!isEvaluationClosed(kase)) {
    await events.flush(); // a folded reminder is recorded before the case waits
    await waitForWork(() => inbox.waiting, remindersInWorkingHours ? nextSendAt(timings()) : nextAnalysisThreshold(kase)?.dueAt ?? null);
    await fireDue();
    const command = inbox.take();
    if (command) await handle(command);
  }
  await events.flush();
  return evaluationSnapshot(kase, profile, Date.now());

  async function fireDue(): Promise<void> {
    if (remindersInWorkingHours) {
      for (const step of noticesDue(timings(), Date.now())) await (step.action === 'send' ? fire(step.threshold) : fold(step));
      return;
    }
    for (let next = nextAnalysisThreshold(kase); next && next.dueAt <= Date.now(); next = nextAnalysisThreshold(kase)) await fire(next.threshold);
  }

  /** The analysis clock's pending notices and when each goes out (reminders wait for working hours). */
  function timings() {
    return noticeTimings(kase.calendar, pendingAnalysisThresholds(kase), false);
  }

  /** A deferred reminder overtaken by a later notice: recorded, not sent. */
  async function fold(step: Extract<NoticeStep, { action: 'fold' }>): Promise<void> {
    kase = fireAnalysisThreshold(kase, step.threshold, Date.now());
    await project('reminder_folded', SYSTEM, null, { threshold: step.threshold.id, into: step.into, dueAt: new Date(step.dueAt).toISOString(), sendAt: new Date(step.sendAt).toISOString() }, { folded: true });
  }

  async function fire(t: Threshold): Promise<void> {
    kase = fireAnalysisThreshold(kase, t, Date.now());
    const waitingOn = rolesMissing(kase, profile);
    const chapters = missingChapters(kase, profile);
    if (t.kind === 'breach') {
      await project('analysis_escalated', SYSTEM, null, { threshold: t.id, to: roles.approvedBy, waitingOn, chapters });
      await recordFinding({
        dedupeKey: `${input.caseId}:evaluation_analysis_overdue`, tenantId: input.tenantId, caseId: input.caseId, caseNumber: input.number,
        process: 'evaluation', kind: 'evaluation_analysis_overdue', severity: 'medium', at: Date.now(),
        summary: {
          id: `Analisis bab ${chapters.join(', ')} evaluasi ${input.number} melewati batas waktu`,
          en: `The analysis of chapters ${chapters.join(', ')} of evaluation ${input.number} is overdue`,
        },
        detail: { chapters, waitingOn },
      });
      await tell('evaluation-overdue', 'breach', [roles.approvedBy, ...waitingOn], { chapters: chapters.join(', ') });
    } else {
      await project('analysis_reminder', SYSTEM, null, { threshold: t.id, waitingOn, chapters });
      await tell('evaluation-reminder', t.id, waitingOn, { chapters: chapters.join(', ') });
    }
  }

  /** Who acts, in which role, and whether the case refuses it now (the workflow names the role). */
  function acting(cmd: ActCommand<EvaluationCommand>) {
    return actingOf(cmd, Date.now(), (a) => evaluationRefusal(kase, cmd.command, a, profile), (a) => evaluationActingRole(cmd.command, a, profile));
  }

  async function handle({ item, answer }: Taken<ActCommand<EvaluationCommand>, ActResult<EvaluationSnapshot>>): Promise<void> {
    const { command, updateId } = item;
    const { actor, actingRole, refusal } = acting(item);
    if (refusal) { answer(refusalFailure(refusal)); return; }
    const before = kase;
    kase = applyEvaluationCommand(kase, command, actor, Date.now(), profile);
    const { action: _a, ...payload } = command;
    await project(command.action, actor, actingRole, { ...payload, ...(updateId ? { updateId } : {}), from: before.state, to: kase.state });
    switch (command.action) {
      case 'submit_analysis':
        if (kase.state === 'approving') await tell('evaluation-approval', `approval-${kase.seq}`, [roles.approvedBy]);
        break;
      case 'return':
        await tell('evaluation-returned', `returned-${kase.seq}`, roles.chapters.filter((c) => command.chapters.includes(c.id)).map((c) => c.role),
          { chapters: command.chapters.join(', '), reason: command.reason, returnedBy: actor.name });
        break;
      case 'approve': {
        const published = await publishEvaluation({
          tenantId: input.tenantId, caseId: input.caseId, number: input.number, profileId: input.profileId, profileOverrides: input.profileOverrides,
          data: formulirIData(kase, profile), followUps: followUpItems(kase), approvedBy: actor.username,
        });
        kase = withPublication(kase, published);
        await project('evaluation_published', SYSTEM, null, { documentId: published.document.documentId, sha256: published.document.sha256, actions: published.createdActions.map((a) => a.number) });
        await tell('evaluation-published', 'published', [...chapterRoles, roles.approvedBy], { approvedBy: actor.name, actions: published.createdActions.length });
        break;
      }
      case 'cancel':
        await tell('evaluation-cancelled', 'cancelled', [...chapterRoles, roles.approvedBy], { reason: command.reason, cancelledBy: actor.name });
        break;
    }
    answer({ seq: kase.seq, snapshot: evaluationSnapshot(kase, profile, Date.now()) });
  }

  async function tell(template: string, key: string, toRoles: string[], params: Record<string, unknown> = {}): Promise<void> {
    const due = analysisDueAt(kase);
    await notify(caseNotice(input, template, key, { toRoles }, {
      number: input.number, period: input.period.title.id, periodEn: input.period.title.en, dueAt: due === null ? null : new Date(due).toISOString(),
      chapters: missingChapters(kase, profile).join(', ') || '-', state: kase.state, ...params,
    }));
  }

  async function project(action: string, actor: Actor, actingRole: string | null, payload: Record<string, unknown>, { folded = false } = {}): Promise<void> {
    kase = { ...kase, seq: kase.seq + 1 };
    await recordCaseEvent(input, kase.seq, actor, actingRole, action, payload, evaluationSnapshot(kase, profile, Date.now()), { log: events, folded });
  }
}
