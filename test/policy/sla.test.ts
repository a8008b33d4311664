// The SLA clock is pure: unit and property tests over integer milliseconds.
import fc from 'fast-check';
import { makeCalendar } from '../../policy/calendar.ts';
import {
  clockView, dueThresholds, elapsedMs, markFired, nextThreshold, pauseClock, resumeClock, startClock, stopClock,
} from '../../policy/sla.ts';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 23, 1, 0, 0); // Monday 08:00 WIB
const def = { id: 'fulfilment', targetMs: 3 * HOUR, basis: 'calendar' as const, warningPermille: [750] };

test('a 3-hour target reminds at 2 h 15 min and breaches at 3 h', () => {
  const c = startClock(def, T0);
  expect(c.thresholds).toEqual([
    { id: 'warning-750', kind: 'warning', atMs: 2.25 * HOUR },
    { id: 'breach', kind: 'breach', atMs: 3 * HOUR },
  ]);
  expect(nextThreshold(c, T0)).toEqual({ threshold: c.thresholds[0], dueAt: T0 + 2.25 * HOUR, dueInMs: 2.25 * HOUR });
  expect(dueThresholds(c, T0 + 2.25 * HOUR - 1)).toEqual([]);
  expect(dueThresholds(c, T0 + 2.25 * HOUR).map((t) => t.id)).toEqual(['warning-750']);
  expect(dueThresholds(c, T0 + 3 * HOUR).map((t) => t.id)).toEqual(['warning-750', 'breach']);
  const v = clockView(c, T0 + HOUR);
  expect(v).toMatchObject({ elapsedMs: HOUR, remainingMs: 2 * HOUR, breached: false, paused: false, dueAt: new Date(T0 + 3 * HOUR).toISOString(), met: null });
});

test('the target instant itself is a breach ("< 3 jam")', () => {
  const c = startClock(def, T0);
  expect(clockView(c, T0 + 3 * HOUR - 1).breached).toBe(false);
  expect(clockView(c, T0 + 3 * HOUR).breached).toBe(true);
});

test('a stopped clock reports met or missed and fires nothing more', () => {
  const met = stopClock(startClock(def, T0), T0 + HOUR);
  expect(clockView(met, T0 + 10 * HOUR)).toMatchObject({ stopped: true, met: true, elapsedMs: HOUR, dueAt: null });
  expect(nextThreshold(met, T0 + 10 * HOUR)).toBeNull();
  expect(dueThresholds(met, T0 + 10 * HOUR)).toEqual([]);
  const missed = stopClock(startClock(def, T0), T0 + 4 * HOUR);
  expect(clockView(missed, T0 + 5 * HOUR)).toMatchObject({ met: false, breached: true });
});

test('each threshold fires once', () => {
  let c = startClock(def, T0);
  c = markFired(c, 'warning-750');
  c = markFired(c, 'warning-750');
  expect(c.fired).toEqual(['warning-750']);
  expect(nextThreshold(c, T0)?.threshold.id).toBe('breach');
});

test('bad targets are refused', () => {
  expect(() => startClock({ ...def, targetMs: 0 }, T0)).toThrow(RangeError);
  expect(() => startClock({ ...def, targetMs: 1.5 }, T0)).toThrow(RangeError);
});

// Arbitrary sequences of pauses and resumes at increasing instants.
const steps = fc.array(fc.record({ gap: fc.integer({ min: 0, max: 5 * HOUR }), op: fc.constantFrom('pause', 'resume') }), { maxLength: 30 });

test('property: elapsed time is monotonic and never counts paused time', () => {
  fc.assert(fc.property(steps, (ops) => {
    let c = startClock(def, T0);
    let now = T0;
    let running = true;
    let expected = 0;
    let last = 0;
    for (const { gap, op } of ops) {
      if (running) expected += gap;
      now += gap;
      c = op === 'pause' ? pauseClock(c, now) : resumeClock(c, now);
      running = op === 'pause' ? false : true;
      const e = elapsedMs(c, now);
      expect(e).toBe(expected);
      expect(e).toBeGreaterThanOrEqual(last);
      last = e;
    }
  }));
});

test('property: waiting exactly dueInMs of running time reaches the threshold, never earlier', () => {
  fc.assert(fc.property(fc.integer({ min: 1, max: 30 * 24 * HOUR }), fc.integer({ min: 1, max: 999 }), fc.integer({ min: 0, max: HOUR }), (target, permille, started) => {
    const c = startClock({ ...def, targetMs: target, warningPermille: [permille] }, T0 + started);
    let clock = c;
    let now = T0 + started;
    for (;;) {
      const next = nextThreshold(clock, now);
      if (!next) break;
      if (next.dueInMs > 0) expect(dueThresholds(clock, now + next.dueInMs - 1).map((t) => t.id)).not.toContain(next.threshold.id);
      now += Math.max(0, next.dueInMs);
      expect(dueThresholds(clock, now).map((t) => t.id)).toContain(next.threshold.id);
      clock = markFired(clock, next.threshold.id);
    }
    expect(clockView(clock, now).breached).toBe(true);
    expect(elapsedMs(clock, now)).toBe(target);
  }));
});

// Working time on the default calendar (Mon–Thu 07:30–16:00, Fri 07:30–16:30, breaks), WIB = UTC+7.
const wib = (d: string, hm: string) => Date.parse(`${d}T${hm}:00+07:00`);
const cal = makeCalendar({ holidays: ['2026-11-26'], version: 1 }); // a Thursday holiday
const working = { id: 'resolution', targetMs: 3 * HOUR, basis: 'working' as const, warningPermille: [500, 750, 900] };

test('a working-time clock reported just before closing is due the next working day', () => {
  const c = startClock(working, wib('2026-11-23', '15:00')); // Monday 15:00
  expect(clockView(c, wib('2026-11-23', '15:00'), cal).dueAt).toBe(new Date(wib('2026-11-24', '09:30')).toISOString());
  // Overnight counts nothing: at Tuesday 07:30 exactly one hour has elapsed.
  expect(elapsedMs(c, wib('2026-11-24', '07:30'), cal)).toBe(HOUR);
  expect(dueThresholds(c, wib('2026-11-24', '07:30'), cal).map((t) => t.id)).toEqual([]);
  expect(dueThresholds(c, wib('2026-11-24', '08:00'), cal).map((t) => t.id)).toEqual(['warning-500']);
  expect(nextThreshold(c, wib('2026-11-23', '15:00'), cal)).toMatchObject({ threshold: { id: 'warning-500' }, dueAt: wib('2026-11-24', '08:00') });
});

test('a working-time clock skips the weekend and a holiday, and paused time never counts', () => {
  const c = startClock(working, wib('2026-11-25', '15:00')); // Wednesday 15:00; Thursday is a holiday
  expect(clockView(c, wib('2026-11-25', '15:00'), cal).dueAt).toBe(new Date(wib('2026-11-27', '09:30')).toISOString()); // Friday
  const paused = pauseClock(c, wib('2026-11-25', '15:30'), cal); // 30 min counted
  const resumed = resumeClock(paused, wib('2026-11-30', '10:00')); // Monday
  expect(elapsedMs(resumed, wib('2026-11-30', '10:00'), cal)).toBe(30 * 60_000);
  expect(clockView(resumed, wib('2026-11-30', '10:00'), cal).dueAt).toBe(new Date(wib('2026-11-30', '13:30')).toISOString()); // 2 h before the break, 30 min after
  expect(() => elapsedMs(c, wib('2026-11-25', '16:00'))).toThrow(/needs the business calendar/);
});
