// SLA clocks as pure data: start, pause, resume, stop, thresholds (warnings, escalation steps, the
// breach). Time is integer epoch milliseconds passed in by the caller (`now`), never read from a
// clock here, so the same code runs in workflows (deterministic time), activities and the API.
// Counted time is integer milliseconds of calendar time or of working time on the tenant's
// business calendar, so no rounding can fake a breach.
import { addWorkingMs, workingMsBetween } from './calendar.ts';
import type { BusinessCalendar } from './calendarTypes.ts';

export type ThresholdKind = 'warning' | 'escalation' | 'breach';

export interface Threshold {
  id: string;
  kind: ThresholdKind;
  /** Counted time at which the threshold fires. */
  atMs: number;
}

export interface SlaClock {
  id: string;
  targetMs: number;
  basis: 'calendar' | 'working';
  startedAt: number;
  /** Counted time accumulated before `runningSince`. */
  accumulatedMs: number;
  /** When the current running stretch began; null while paused or stopped. */
  runningSince: number | null;
  pausedAt: number | null;
  stoppedAt: number | null;
  thresholds: Threshold[];
  /** Ids of thresholds that have fired, in order; each fires at most once. */
  fired: string[];
}

export interface ClockDefinition {
  id: string;
  targetMs: number;
  basis: 'calendar' | 'working';
  /** Shares of the target (per mille) at which warnings fire, e.g. [500, 750, 900]. */
  warningPermille: number[];
  /** Escalation-ladder steps at offsets of counted time (may lie beyond the target). */
  escalations?: Array<{ id: string; atMs: number }>;
}

/** How a clock counts: calendar milliseconds, or working milliseconds of a business calendar. */
interface Counting {
  between(from: number, to: number): number;
  add(start: number, ms: number): number;
}

const CALENDAR_TIME: Counting = { between: (from, to) => Math.max(0, to - from), add: (start, ms) => start + ms };

function counting(clock: Pick<SlaClock, 'basis' | 'id'>, cal: BusinessCalendar | undefined): Counting {
  if (clock.basis === 'calendar') return CALENDAR_TIME;
  if (!cal) throw new RangeError(`SLA clock ${clock.id} counts working time and needs the business calendar`);
  return { between: (from, to) => workingMsBetween(cal, from, to), add: (start, ms) => addWorkingMs(cal, start, ms) };
}

export function startClock(def: ClockDefinition, now: number): SlaClock {
  if (!Number.isSafeInteger(def.targetMs) || def.targetMs <= 0) throw new RangeError(`SLA target must be a positive integer, got ${def.targetMs}`);
  const warnings = [...new Set(def.warningPermille)].sort((a, b) => a - b).map((p): Threshold => ({
    id: `warning-${p}`, kind: 'warning', atMs: Math.floor((def.targetMs * p) / 1000),
  })).filter((t) => t.atMs > 0 && t.atMs < def.targetMs); // a warning at the start or at the breach says nothing
  const escalations = (def.escalations ?? []).map((e): Threshold => ({ id: e.id, kind: 'escalation', atMs: e.atMs }));
  const thresholds = [...warnings, ...escalations, { id: 'breach', kind: 'breach' as const, atMs: def.targetMs }]
    .sort((a, b) => a.atMs - b.atMs || kindOrder(a.kind) - kindOrder(b.kind));
  return {
    id: def.id, targetMs: def.targetMs, basis: def.basis, startedAt: now,
    accumulatedMs: 0, runningSince: now, pausedAt: null, stoppedAt: null, thresholds, fired: [],
  };
}

function kindOrder(k: ThresholdKind): number {
  return k === 'warning' ? 0 : k === 'breach' ? 1 : 2;
}

export function elapsedMs(clock: SlaClock, now: number, cal?: BusinessCalendar): number {
  const running = clock.runningSince === null ? 0 : counting(clock, cal).between(clock.runningSince, now);
  return clock.accumulatedMs + running;
}

export function pauseClock(clock: SlaClock, now: number, cal?: BusinessCalendar): SlaClock {
  if (clock.runningSince === null) return clock;
  return { ...clock, accumulatedMs: elapsedMs(clock, now, cal), runningSince: null, pausedAt: now };
}

export function resumeClock(clock: SlaClock, now: number): SlaClock {
  if (clock.stoppedAt !== null || clock.runningSince !== null) return clock;
  return { ...clock, runningSince: now, pausedAt: null };
}

export function stopClock(clock: SlaClock, now: number, cal?: BusinessCalendar): SlaClock {
  if (clock.stoppedAt !== null) return clock;
  return { ...clock, accumulatedMs: elapsedMs(clock, now, cal), runningSince: null, pausedAt: null, stoppedAt: now };
}

/** The instant a threshold falls due if the clock keeps running; null while paused or stopped. */
export function dueAtOf(clock: SlaClock, atMs: number, cal?: BusinessCalendar): number | null {
  if (clock.runningSince === null) return null;
  return counting(clock, cal).add(clock.runningSince, Math.max(0, atMs - clock.accumulatedMs));
}

/** The next threshold that has not fired, when it falls due, and how long until then (<= 0: now). */
export function nextThreshold(clock: SlaClock, now: number, cal?: BusinessCalendar): { threshold: Threshold; dueAt: number; dueInMs: number } | null {
  if (clock.stoppedAt !== null || clock.runningSince === null) return null;
  const pending = clock.thresholds.find((t) => !clock.fired.includes(t.id));
  if (!pending) return null;
  const dueAt = dueAtOf(clock, pending.atMs, cal)!;
  return { threshold: pending, dueAt, dueInMs: dueAt - now };
}

/** Every threshold that has not fired, in order, with the instant it falls due; none while paused or stopped. */
export function pendingThresholds(clock: SlaClock, cal?: BusinessCalendar): Array<{ threshold: Threshold; dueAt: number }> {
  if (clock.stoppedAt !== null || clock.runningSince === null) return [];
  return clock.thresholds.filter((t) => !clock.fired.includes(t.id)).map((t) => ({ threshold: t, dueAt: dueAtOf(clock, t.atMs, cal)! }));
}

/** Thresholds whose time has come (in order), so a late wake-up still fires each one once. */
export function dueThresholds(clock: SlaClock, now: number, cal?: BusinessCalendar): Threshold[] {
  if (clock.stoppedAt !== null) return [];
  const elapsed = elapsedMs(clock, now, cal);
  return clock.thresholds.filter((t) => !clock.fired.includes(t.id) && t.atMs <= elapsed);
}

export function markFired(clock: SlaClock, thresholdId: string): SlaClock {
  if (clock.fired.includes(thresholdId)) return clock;
  return { ...clock, fired: [...clock.fired, thresholdId] };
}

export interface ClockView {
  id: string;
  basis: 'calendar' | 'working';
  targetMs: number;
  elapsedMs: number;
  remainingMs: number;
  startedAt: string;
  /** When the target falls if the clock keeps running; null while paused or stopped. */
  dueAt: string | null;
  paused: boolean;
  stopped: boolean;
  stoppedAt: string | null;
  warningsFired: string[];
  breached: boolean;
  /** Once stopped: whether the target was met. */
  met: boolean | null;
}

export function clockView(clock: SlaClock, now: number, cal?: BusinessCalendar): ClockView {
  const elapsed = elapsedMs(clock, now, cal);
  const breached = elapsed >= clock.targetMs || clock.fired.includes('breach');
  const stopped = clock.stoppedAt !== null;
  const dueAt = dueAtOf(clock, clock.targetMs, cal);
  return {
    id: clock.id,
    basis: clock.basis,
    targetMs: clock.targetMs,
    elapsedMs: elapsed,
    remainingMs: Math.max(0, clock.targetMs - elapsed),
    startedAt: new Date(clock.startedAt).toISOString(),
    dueAt: dueAt === null ? null : new Date(dueAt).toISOString(),
    paused: clock.pausedAt !== null,
    stopped,
    stoppedAt: stopped ? new Date(clock.stoppedAt!).toISOString() : null,
    warningsFired: clock.fired.filter((f) => f !== 'breach'),
    breached,
    met: stopped ? !breached : null,
  };
}
