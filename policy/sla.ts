// SLA clocks as pure data: start, pause, resume, stop, thresholds. Time is integer epoch
// milliseconds passed in by the caller (`now`), never read from a clock here, so the same code runs
// in workflows (deterministic time), activities and the API.
//
// Only calendar time is counted so far; working-time targets arrive with the business calendar.

export type ThresholdKind = 'reminder' | 'breach';

export interface Threshold {
  id: string;
  kind: ThresholdKind;
  /** Elapsed (counted) time at which the threshold fires. */
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
  /** Share of the target (per mille) at which reminders fire, e.g. 750 = 75 %. */
  reminderPermille: number[];
}

export function startClock(def: ClockDefinition, now: number): SlaClock {
  if (!Number.isSafeInteger(def.targetMs) || def.targetMs <= 0) throw new RangeError(`SLA target must be a positive integer, got ${def.targetMs}`);
  if (def.basis !== 'calendar') throw new RangeError('working-time SLA clocks need the business calendar');
  const reminders = [...new Set(def.reminderPermille)].sort((a, b) => a - b).map((p): Threshold => ({
    id: `reminder-${p}`, kind: 'reminder', atMs: Math.floor((def.targetMs * p) / 1000),
  })).filter((t) => t.atMs > 0 && t.atMs < def.targetMs); // a reminder at the start or at the breach says nothing
  return {
    id: def.id, targetMs: def.targetMs, basis: def.basis, startedAt: now,
    accumulatedMs: 0, runningSince: now, pausedAt: null, stoppedAt: null,
    thresholds: [...reminders, { id: 'breach', kind: 'breach', atMs: def.targetMs }],
    fired: [],
  };
}

export function elapsedMs(clock: SlaClock, now: number): number {
  const running = clock.runningSince === null ? 0 : Math.max(0, now - clock.runningSince);
  return clock.accumulatedMs + running;
}

export function pauseClock(clock: SlaClock, now: number): SlaClock {
  if (clock.runningSince === null) return clock;
  return { ...clock, accumulatedMs: elapsedMs(clock, now), runningSince: null, pausedAt: now };
}

export function resumeClock(clock: SlaClock, now: number): SlaClock {
  if (clock.stoppedAt !== null || clock.runningSince !== null) return clock;
  return { ...clock, runningSince: now, pausedAt: null };
}

export function stopClock(clock: SlaClock, now: number): SlaClock {
  if (clock.stoppedAt !== null) return clock;
  return { ...clock, accumulatedMs: elapsedMs(clock, now), runningSince: null, pausedAt: null, stoppedAt: now };
}

export function isBreached(clock: SlaClock, now: number): boolean {
  return elapsedMs(clock, now) >= clock.targetMs;
}

/** The next threshold that has not fired, and how long until it is due (<= 0: due now). */
export function nextThreshold(clock: SlaClock, now: number): { threshold: Threshold; dueInMs: number } | null {
  if (clock.stoppedAt !== null || clock.runningSince === null) return null;
  const pending = clock.thresholds.find((t) => !clock.fired.includes(t.id));
  if (!pending) return null;
  return { threshold: pending, dueInMs: pending.atMs - elapsedMs(clock, now) };
}

/** Thresholds whose time has come (in order), so a late wake-up still fires each one once. */
export function dueThresholds(clock: SlaClock, now: number): Threshold[] {
  if (clock.stoppedAt !== null) return [];
  const elapsed = elapsedMs(clock, now);
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
  /** When the target falls if the clock keeps running; null while paused. */
  dueAt: string | null;
  paused: boolean;
  stopped: boolean;
  stoppedAt: string | null;
  warningsFired: string[];
  breached: boolean;
  /** Once stopped: whether the target was met. */
  met: boolean | null;
}

export function clockView(clock: SlaClock, now: number): ClockView {
  const elapsed = elapsedMs(clock, now);
  const breached = elapsed >= clock.targetMs || clock.fired.includes('breach');
  const stopped = clock.stoppedAt !== null;
  return {
    id: clock.id,
    basis: clock.basis,
    targetMs: clock.targetMs,
    elapsedMs: elapsed,
    remainingMs: Math.max(0, clock.targetMs - elapsed),
    startedAt: new Date(clock.startedAt).toISOString(),
    dueAt: clock.runningSince === null ? null : new Date(clock.runningSince + (clock.targetMs - clock.accumulatedMs)).toISOString(),
    paused: clock.pausedAt !== null,
    stopped,
    stoppedAt: stopped ? new Date(clock.stoppedAt!).toISOString() : null,
    warningsFired: clock.fired.filter((f) => f !== 'breach'),
    breached,
    met: stopped ? !breached : null,
  };
}
