// A maintenance SOP as a step graph (setwapres Standar Pelayanan Pemeliharaan Aplikasi, Bagian
// Kedua B): each step has an actor role and, where the SOP gives one, a duration counted in working
// time; a step with several next steps branches on its outcome (light or heavy damage, still
// broken or working after the test). Pure: the workflow runs it, the API and tests check it.
import type { BusinessCalendar } from './calendarTypes.ts';
import type { CaseInputBase } from './caseInput.ts';
import type { Profile, SopStep } from './profile.ts';
import type { Actor, Person } from './requestFulfilment.ts';
import { clockView, startClock, stopClock, type ClockView, type SlaClock } from './sla.ts';

export interface SopInput extends CaseInputBase {
  reporter: Person;
  service: string;
  description: string;
  reportedAt: number;
  calendar: BusinessCalendar;
}

export interface SopStepRun {
  step: string;
  startedAt: number;
  completedAt: number | null;
  by: string | null;
  outcome: string | null;
  note: string | null;
  clock: SlaClock | null;
}

export interface SopCase {
  input: SopInput;
  /** The step waiting to be completed; null once the SOP has ended. */
  current: string | null;
  runs: SopStepRun[];
  calendar: BusinessCalendar;
  seq: number;
}

export interface CompleteStep { action: 'complete_step'; step: string; next?: string | undefined; note?: string | undefined }

export type SopRefusal =
  | { code: 'case_closed' }
  | { code: 'not_waiting_for_action'; step: string | null }
  | { code: 'missing_role'; roles: string[] }
  | { code: 'sop_branch_required'; options: string[] }
  | { code: 'sop_branch_unknown'; options: string[] };

export function sopOf(profile: Profile) {
  const sop = profile.maintenanceSop;
  if (!sop) throw new Error(`Profile ${profile.id} has no maintenance SOP`);
  return sop;
}

function stepOf(profile: Profile, id: string): SopStep {
  const step = sopOf(profile).steps.find((s) => s.id === id);
  if (!step) throw new Error(`Profile ${profile.id}: SOP step ${id} not found`);
  return step;
}

function enter(profile: Profile, id: string, now: number): SopStepRun {
  const step = stepOf(profile, id);
  const clock = step.duration ? startClock({ id: `step-${id}`, targetMs: step.duration.ms, basis: step.duration.basis, warningPermille: [] }, now) : null;
  return { step: id, startedAt: now, completedAt: null, by: null, outcome: null, note: null, clock };
}

export function newSopCase(input: SopInput, profile: Profile): SopCase {
  const first = sopOf(profile).firstStep;
  return { input, current: first, runs: [enter(profile, first, input.reportedAt)], calendar: input.calendar, seq: 0 };
}

export function currentRun(c: SopCase): SopStepRun | null {
  return c.current === null ? null : c.runs.at(-1) ?? null;
}

export function sopRefusal(c: SopCase, cmd: CompleteStep, actor: Actor, profile: Profile): SopRefusal | null {
  if (c.current === null) return { code: 'case_closed' };
  if (cmd.step !== c.current) return { code: 'not_waiting_for_action', step: c.current };
  const step = stepOf(profile, c.current);
  if (!actor.roles.includes(step.actorRole)) return { code: 'missing_role', roles: [step.actorRole] };
  const options = step.next.map((n) => n.to);
  if (options.length > 1 && !cmd.next) return { code: 'sop_branch_required', options };
  if (cmd.next && !options.includes(cmd.next)) return { code: 'sop_branch_unknown', options };
  return null;
}

/** The role a step is completed in: the SOP step's own actor role. */
export function sopActingRole(c: SopCase, profile: Profile): string | null {
  return profile.maintenanceSop?.steps.find((s) => s.id === c.current)?.actorRole ?? null;
}

/** Completes the current step (check `sopRefusal` first) and enters the next one, if any. */
export function completeStep(c: SopCase, cmd: CompleteStep, actor: Actor, profile: Profile, now: number): SopCase {
  const step = stepOf(profile, c.current!);
  const next = cmd.next ?? step.next[0]?.to ?? null;
  const outcome = step.next.find((n) => n.to === next)?.when?.id ?? null;
  const runs = c.runs.map((r, i) => (i === c.runs.length - 1
    ? { ...r, completedAt: now, by: actor.username, outcome, note: cmd.note ?? null, clock: r.clock ? stopClock(r.clock, now, c.calendar) : null }
    : r));
  return next === null ? { ...c, current: null, runs } : { ...c, current: next, runs: [...runs, enter(profile, next, now)] };
}

/** The current step's clock, marked as having fired its breach. */
export function withStepBreach(c: SopCase): SopCase {
  const run = currentRun(c);
  if (!run?.clock) return c;
  return { ...c, runs: [...c.runs.slice(0, -1), { ...run, clock: { ...run.clock, fired: [...run.clock.fired, 'breach'] } }] };
}

export function sopSnapshot(c: SopCase, profile: Profile, now: number) {
  const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
  const run = currentRun(c);
  const step = c.current ? stepOf(profile, c.current) : null;
  const views: ClockView[] = c.runs.flatMap((r) => (r.clock ? [clockView(r.clock, now, c.calendar)] : []));
  const current = run?.clock ? clockView(run.clock, now, c.calendar) : null;
  return {
    state: c.current === null ? 'completed' : `step:${c.current}`,
    priority: null,
    assignee: null,
    waitingFor: step ? [{ action: 'complete_step', party: { kind: 'role' as const, roles: [step.actorRole] }, step: step.id, options: step.next.map((n) => n.to) }] : [],
    sla: current && run?.clock ? [run.clock] : [],
    dueAt: current?.dueAt ?? null,
    breached: views.some((v) => v.breached),
    slaMet: c.current === null ? views.every((v) => v.met !== false) : null,
    closedAt: c.current === null ? iso(c.runs.at(-1)?.completedAt ?? null) : null,
    sop: {
      reporter: c.input.reporter, service: c.input.service, description: c.input.description, reportedAt: iso(c.input.reportedAt),
      steps: c.runs.map((r) => ({
        step: r.step, startedAt: iso(r.startedAt), completedAt: iso(r.completedAt), by: r.by, outcome: r.outcome, note: r.note,
        targetMs: r.clock?.targetMs ?? null, met: r.clock ? clockView(r.clock, now, c.calendar).met : null,
      })),
    },
  };
}
export type SopSnapshot = ReturnType<typeof sopSnapshot>;
