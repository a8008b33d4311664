// Properties of the calendar maths over random calendars (random weeks, holidays and zones) and the
// default one, checked against each other and against a brute-force minute-by-minute reference.
import fc from 'fast-check';
import {
  addWorkingMs, isWorkingInstant, localDateOf, nextWorkingDayStart, nextWorkingInstant, workingMsBetween,
} from '../../policy/calendar.ts';
import { TIMEZONE_OFFSETS_MINUTES, type BusinessCalendar } from '../../policy/calendarTypes.ts';
import { DAY, HOUR, MINUTE, RANGE_END, RANGE_START, calendarArb, instantArb, referenceIsWorking, weekTotalMs } from './support.ts';

/** A target: small ones (within a day) or up to 30 weeks of the calendar's pattern. */
function targetArb(): fc.Arbitrary<(cal: BusinessCalendar) => number> {
  return fc.oneof(
    fc.integer({ min: 0, max: 3 * HOUR }).map((ms) => () => ms),
    fc.integer({ min: 0, max: 24 * 60 }).map((minutes) => () => minutes * MINUTE),
    fc.integer({ min: 0, max: 1_000_000 }).map((k) => (cal: BusinessCalendar) => Math.floor((weekTotalMs(cal) * 30 * k) / 1_000_000)),
  );
}

const minuteAligned = fc.integer({ min: RANGE_START / MINUTE, max: RANGE_END / MINUTE }).map((m) => m * MINUTE);

test('(a) round trip: workingMsBetween(s, addWorkingMs(s, ms)) === ms', () => {
  fc.assert(fc.property(calendarArb, instantArb, targetArb(), (cal, s, target) => {
    const ms = target(cal);
    const due = addWorkingMs(cal, s, ms);
    expect(due).toBeGreaterThanOrEqual(s);
    expect(workingMsBetween(cal, s, due)).toBe(ms);
  }), { numRuns: 300 });
});

test('(b) addWorkingMs is strictly increasing in ms', () => {
  fc.assert(fc.property(calendarArb, instantArb, targetArb(), targetArb(), (cal, s, t1, t2) => {
    const [a, b] = [t1(cal), t2(cal)].sort((x, y) => x - y) as [number, number];
    const da = addWorkingMs(cal, s, a);
    const db = addWorkingMs(cal, s, b);
    if (a === b) expect(da).toBe(db);
    else expect(da).toBeLessThan(db);
  }), { numRuns: 300 });
});

test('(c) workingMsBetween is additive: f(a,b) + f(b,c) === f(a,c)', () => {
  fc.assert(fc.property(calendarArb, instantArb, instantArb, instantArb, (cal, x, y, z) => {
    const [a, b, c] = [x, y, z].sort((p, q) => p - q) as [number, number, number];
    expect(workingMsBetween(cal, a, b) + workingMsBetween(cal, b, c)).toBe(workingMsBetween(cal, a, c));
    expect(workingMsBetween(cal, c, a)).toBe(0); // reversed spans are empty
  }), { numRuns: 300 });
});

test('(d) workingMsBetween <= to - from and equals the brute-force count of working minutes', () => {
  fc.assert(fc.property(calendarArb, minuteAligned, fc.integer({ min: 0, max: 3 * 24 * 60 }), (cal, from, minutes) => {
    const to = from + minutes * MINUTE;
    let count = 0;
    for (let t = from; t < to; t += MINUTE) if (referenceIsWorking(cal, t)) count++;
    const got = workingMsBetween(cal, from, to);
    expect(got).toBeLessThanOrEqual(to - from);
    expect(got).toBe(count * MINUTE);
  }), { numRuns: 150 });
});

test('(d\') isWorkingInstant and localDateOf agree with the Date-based reference', () => {
  fc.assert(fc.property(calendarArb, instantArb, (cal, t) => {
    expect(isWorkingInstant(cal, t)).toBe(referenceIsWorking(cal, t));
    expect(localDateOf(cal, t)).toBe(new Date(t + TIMEZONE_OFFSETS_MINUTES[cal.timezone] * MINUTE).toISOString().slice(0, 10));
  }), { numRuns: 500 });
});

test('(e) a due instant (ms > 0) is in working time or exactly the end of a stretch', () => {
  // The due instant is when the last working millisecond has elapsed: the millisecond before it is
  // always working time; the due instant itself may be a stretch end such as 16:00 (not working).
  fc.assert(fc.property(calendarArb, instantArb, targetArb(), (cal, s, target) => {
    const ms = Math.max(1, target(cal));
    const due = addWorkingMs(cal, s, ms);
    expect(isWorkingInstant(cal, due - 1)).toBe(true);
    expect(workingMsBetween(cal, s, due - 1)).toBe(ms - 1); // and it is the earliest such instant
  }), { numRuns: 300 });
});

test('nextWorkingInstant: the first working instant at or after t', () => {
  fc.assert(fc.property(calendarArb, instantArb, (cal, t) => {
    const next = nextWorkingInstant(cal, t);
    expect(next).toBeGreaterThanOrEqual(t);
    expect(isWorkingInstant(cal, next)).toBe(true);
    expect(workingMsBetween(cal, t, next)).toBe(0);
    if (isWorkingInstant(cal, t)) expect(next).toBe(t);
    // addWorkingMs(t, 1) is one millisecond after it
    expect(addWorkingMs(cal, t, 1)).toBe(next + 1);
  }), { numRuns: 300 });
});

test('nextWorkingDayStart: the opening of the first working day after t\'s local date', () => {
  fc.assert(fc.property(calendarArb, instantArb, (cal, t) => {
    const start = nextWorkingDayStart(cal, t);
    const offset = TIMEZONE_OFFSETS_MINUTES[cal.timezone] * MINUTE;
    const tomorrow = (Math.floor((t + offset) / DAY) + 1) * DAY - offset;
    expect(localDateOf(cal, start) > localDateOf(cal, t)).toBe(true);
    expect(isWorkingInstant(cal, start)).toBe(true);
    expect(workingMsBetween(cal, tomorrow, start)).toBe(0);
    expect(start).toBe(nextWorkingInstant(cal, tomorrow));
  }), { numRuns: 300 });
});
