// The application-maintenance SOP (setwapres Bagian Kedua B) as a workflow: a report is received,
// IT is notified, the work assigned and analysed; light damage is repaired in-house, heavy damage
// goes to the vendor; the repair is tested (back to whoever repaired it while still broken), the
// system and database are backed up, and a report closes the case. Each timed step runs a durable
// working-time timer; a late step is escalated once to the step's actor and the coordinator.
import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { SigapActivities } from '../activities/types.ts';
import type { BusinessCalendar } from '../policy/calendarTypes.ts';
import { effectiveProfile } from '../policy/effectiveProfile.ts';
import { completeStep, currentRun, newSopCase, sopRefusal, sopSnapshot, withStepBreach, type CompleteStep, type SopCase, type SopInput, type SopSnapshot, sopActingRole } from '../policy/maintenanceSop.ts';
import type { Actor } from '../policy/requestFulfilment.ts';
import { dueThresholds, nextThreshold } from '../policy/sla.ts';
import { calendarChangedSignal, sopActUpdate, sopStateQuery, type ActCommand, type ActResult } from './messages.ts';
import { ACTIVITY_OPTIONS } from './activityOptions.ts';
import { caseProjection, transition } from './projection.ts';
import { createInbox, type Taken } from './inbox.ts';
import { actingOf } from '../policy/delegation.ts';
import { refusalFailure } from './caseEffects.ts';

const { recordTransition, notify } = proxyActivities<SigapActivities>(ACTIVITY_OPTIONS);

const SYSTEM: Actor = { username: 'system', name: 'Sigap', roles: [] };

export async function maintenanceSop(input: SopInput): Promise<SopSnapshot> {
  const profile = effectiveProfile(input.profileId, input.profileOverrides);
  let kase: SopCase = newSopCase(input, profile);
  const inbox = createInbox<ActCommand<CompleteStep>, ActResult<SopSnapshot>>();
  let newerCalendar: BusinessCalendar | null = null;
  const watcherRole = profile.requestFulfilment.escalationRole;

  setHandler(sopStateQuery, () => kase);
  setHandler(calendarChangedSignal, (calendar) => {
    if (calendar.version > (newerCalendar ?? kase.calendar).version) newerCalendar = calendar;
  });
  setHandler(sopActUpdate, (cmd) => inbox.submit(cmd), {
    validator: (cmd) => {
      const { refusal } = acting(cmd);
      if (refusal) throw refusalFailure(refusal);
    },
  });

  await project('started', SYSTEM, null, { step: kase.current });
  await tellStep();

  while (kase.current !== null) {
    const run = currentRun(kase);
    const next = run?.clock ? nextThreshold(run.clock, Date.now(), kase.calendar) : null;
    const woken = () => inbox.waiting || newerCalendar !== null;
    if (next === null) await condition(woken);
    else if (next.dueInMs > 0) await condition(woken, next.dueInMs);

    if (newerCalendar) {
      // Later steps count on the new calendar; the running step keeps its clock (a step is short).
      kase = { ...kase, calendar: newerCalendar };
      newerCalendar = null;
    }
    const late = currentRun(kase);
    if (late?.clock && dueThresholds(late.clock, Date.now(), kase.calendar).some((t) => t.kind === 'breach')) {
      kase = withStepBreach(kase);
      const step = profile.maintenanceSop!.steps.find((s) => s.id === late.step)!;
      await project('step_overdue', SYSTEM, null, { step: late.step, targetMs: late.clock.targetMs });
      await tell('sop-step-overdue', `${late.step}:${kase.runs.length}`, [step.actorRole, watcherRole], { step: late.step });
    }
    const command = inbox.take();
    if (command) await handle(command);
  }
  return sopSnapshot(kase, profile, Date.now());

  /** Who acts, in which role, and whether the case refuses it now (the workflow names the role). */
  function acting(cmd: ActCommand<CompleteStep>) {
    return actingOf(cmd, Date.now(), (a) => sopRefusal(kase, cmd.command, a, profile), () => sopActingRole(kase, profile));
  }

  async function handle({ item, answer }: Taken<ActCommand<CompleteStep>, ActResult<SopSnapshot>>): Promise<void> {
    const { command, updateId } = item;
    const { actor, actingRole, refusal } = acting(item);
    if (refusal) { answer(refusalFailure(refusal)); return; }
    kase = completeStep(kase, command, actor, profile, Date.now());
    const { action: _a, ...payload } = command;
    await project('complete_step', actor, actingRole, { ...payload, ...(updateId ? { updateId } : {}) });
    await tellStep();
    answer({ seq: kase.seq, snapshot: sopSnapshot(kase, profile, Date.now()) });
  }

  /** Whoever acts in the step that just began is told (the report's reporter at the end). */
  async function tellStep(): Promise<void> {
    if (kase.current === null) {
      await tell('sop-completed', 'completed', [], {}, [input.reporter.username]);
      return;
    }
    const step = profile.maintenanceSop!.steps.find((s) => s.id === kase.current)!;
    await tell('sop-step', `${step.id}:${kase.runs.length}`, [step.actorRole], { step: step.id, stepTitle: step.title.id });
  }

  async function tell(template: string, key: string, toRoles: string[], params: Record<string, unknown>, toUsers: string[] = []): Promise<void> {
    await notify({
      dedupeKey: `${input.caseId}:${template}:${key}`, tenantId: input.tenantId, caseId: input.caseId, template,
      toRoles: [...new Set(toRoles)], toUsers,
      params: { number: input.number, service: input.service, description: input.description, reporter: input.reporter.name, dueAt: sopSnapshot(kase, profile, Date.now()).dueAt, ...params },
    });
  }

  async function project(action: string, actor: Actor, actingRole: string | null, payload: Record<string, unknown>): Promise<void> {
    kase = { ...kase, seq: kase.seq + 1 };
    const snap = sopSnapshot(kase, profile, Date.now());
    await recordTransition(transition(input, kase.seq, actor, actingRole, action, payload, caseProjection({ ...snap, priority: null, assignee: null }, snap.sop)));
  }
}

