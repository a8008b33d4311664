// Availability arithmetic (serang BAB III C, Formulir C/F): committed time for 24×7, 24×5 and the
// working calendar; downtime merged, clipped to committed time, maintenance excluded.
import fc from 'fast-check';
import { makeCalendar } from '../../policy/calendar.ts';
import {
  clipIntervals, measureAvailability, meetsTarget, mergeIntervals, monthPeriod, parseTargetPercent, subtractIntervals, type Interval,
} from '../../policy/availability.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const cal = makeCalendar({ timezone: 'Asia/Jakarta', holidays: [], version: 1 });
const at = (iso: string) => Date.parse(iso);

describe('committed operating time', () => {
  test('a 24×7 year is 365 days and a 24×5 year 261 weekdays in 2026 (the seed\'s "260 hari" is 52 × 5)', () => {
    const year = { start: monthPeriod(2026, 1, cal).start, end: monthPeriod(2027, 1, cal).start };
    expect(measureAvailability({ schedule: '24x7', period: year, downtime: [], maintenance: [], calendar: cal }).committedMs).toBe(365 * DAY);
    // 2026 starts on a Thursday: 52 full weeks plus Thursday 31 December → 261 weekdays.
    expect(measureAvailability({ schedule: '24x5', period: year, downtime: [], maintenance: [], calendar: cal }).committedMs).toBe(261 * DAY);
  });

  test('24×5 counts local Monday–Friday days in the tenant time zone, holidays included', () => {
    const nov = monthPeriod(2026, 11, cal); // November 2026: 21 weekdays
    expect(measureAvailability({ schedule: '24x5', period: nov, downtime: [], maintenance: [], calendar: makeCalendar({ timezone: 'Asia/Jakarta', holidays: ['2026-11-20'], version: 1 }) }).committedMs).toBe(21 * DAY);
    // In WIT (UTC+9) the local days start two hours earlier than in WIB.
    const wit = makeCalendar({ timezone: 'Asia/Jayapura', holidays: [], version: 1 });
    const saturdayWib = { start: at('2026-11-27T22:00:00Z'), end: at('2026-11-28T00:00:00Z') }; // Sat 05:00–07:00 WIB, Sat 07:00–09:00 WIT
    expect(measureAvailability({ schedule: '24x5', period: saturdayWib, downtime: [], maintenance: [], calendar: cal }).committedMs).toBe(0);
    const fridayLateWib = { start: at('2026-11-27T15:00:00Z'), end: at('2026-11-27T17:00:00Z') }; // Fri 22:00–24:00 WIB = Sat 00:00–02:00 WIT
    expect(measureAvailability({ schedule: '24x5', period: fridayLateWib, downtime: [], maintenance: [], calendar: cal }).committedMs).toBe(2 * HOUR);
    expect(measureAvailability({ schedule: '24x5', period: fridayLateWib, downtime: [], maintenance: [], calendar: wit }).committedMs).toBe(0);
  });

  test('a service offered in office hours counts the working calendar (holidays excluded)', () => {
    const week = { start: at('2026-11-23T00:00:00+07:00'), end: at('2026-11-30T00:00:00+07:00') };
    expect(measureAvailability({ schedule: 'working_calendar', period: week, downtime: [], maintenance: [], calendar: cal }).committedMs).toBe(37.5 * HOUR);
    const withHoliday = makeCalendar({ timezone: 'Asia/Jakarta', holidays: ['2026-11-24'], version: 1 });
    expect(measureAvailability({ schedule: 'working_calendar', period: week, downtime: [], maintenance: [], calendar: withHoliday }).committedMs).toBe(30 * HOUR);
  });
});

describe('downtime', () => {
  const nov = monthPeriod(2026, 11, cal);

  test('serang example: a 24×7 service with 36 hours down in a 30-day month reaches 95 % exactly', () => {
    const r = measureAvailability({ schedule: '24x7', period: nov, downtime: [{ start: at('2026-11-10T00:00:00+07:00'), end: at('2026-11-11T12:00:00+07:00') }], maintenance: [], calendar: cal });
    expect(r).toEqual({ committedMs: 30 * DAY, downtimeMs: 36 * HOUR, maintenanceExcludedMs: 0, basisPoints: 9_500 });
    expect(meetsTarget(r.basisPoints, 95)).toBe(true);
    expect(meetsTarget(r.basisPoints! - 1, 95)).toBe(false);
  });

  test('an incident and an alert for the same outage count once; maintenance is shown but not counted; weekends of a 24×5 service do not count', () => {
    const incident = { start: at('2026-11-13T20:00:00+07:00'), end: at('2026-11-14T04:00:00+07:00') }; // Fri 20:00 – Sat 04:00
    const alert = { start: at('2026-11-13T21:00:00+07:00'), end: at('2026-11-13T23:00:00+07:00') };
    const maintenance = [{ start: at('2026-11-13T22:00:00+07:00'), end: at('2026-11-13T23:00:00+07:00') }];
    const r = measureAvailability({ schedule: '24x5', period: nov, downtime: [incident, alert], maintenance, calendar: cal });
    // Friday 20:00–24:00 is committed (4 h), minus the maintenance hour → 3 h; Saturday is not committed.
    expect(r.downtimeMs).toBe(3 * HOUR);
    expect(r.maintenanceExcludedMs).toBe(HOUR);
    const seven = measureAvailability({ schedule: '24x7', period: nov, downtime: [incident, alert], maintenance, calendar: cal });
    expect(seven.downtimeMs).toBe(7 * HOUR);
  });

  test('an outage reaching into the next month counts only its part in the month', () => {
    const r = measureAvailability({ schedule: '24x7', period: nov, downtime: [{ start: at('2026-11-30T22:00:00+07:00'), end: at('2026-12-01T03:00:00+07:00') }], maintenance: [], calendar: cal });
    expect(r.downtimeMs).toBe(2 * HOUR);
  });

  test('no committed time gives no availability figure', () => {
    const saturday = { start: at('2026-11-28T00:00:00+07:00'), end: at('2026-11-29T00:00:00+07:00') };
    expect(measureAvailability({ schedule: '24x5', period: saturday, downtime: [saturday], maintenance: [], calendar: cal }).basisPoints).toBeNull();
    expect(meetsTarget(null, 95)).toBeNull();
  });
});

test('targets are read from the catalogue text', () => {
  expect(parseTargetPercent('95 %')).toBe(95);
  expect(parseTargetPercent('99,5%')).toBe(99.5);
  expect(parseTargetPercent('24/7')).toBeNull();
  expect(parseTargetPercent('120 %')).toBeNull();
  expect(parseTargetPercent(null)).toBeNull();
});

describe('properties', () => {
  const T0 = at('2026-11-01T00:00:00+07:00');
  const interval = fc.tuple(fc.integer({ min: 0, max: 40 * DAY }), fc.integer({ min: -DAY, max: 5 * DAY })).map(([s, len]): Interval => ({ start: T0 + s, end: T0 + s + len }));
  const intervals = fc.array(interval, { maxLength: 12 });
  const covered = (xs: Interval[], t: number) => xs.some((i) => i.start <= t && t < i.end);
  const probes = fc.array(fc.integer({ min: -DAY, max: 46 * DAY }).map((d) => T0 + d), { minLength: 1, maxLength: 30 });

  test('merging keeps exactly the covered instants and leaves sorted, disjoint intervals', () => {
    fc.assert(fc.property(intervals, probes, (xs, ts) => {
      const m = mergeIntervals(xs);
      for (let i = 1; i < m.length; i++) if (!(m[i - 1]!.end < m[i]!.start)) return false;
      return ts.every((t) => covered(m, t) === covered(xs.filter((i) => i.end > i.start), t));
    }));
  });

  test('subtracting covers an instant iff the first covers it and the second does not', () => {
    fc.assert(fc.property(intervals, intervals, probes, (a, b, ts) => {
      const d = subtractIntervals(a, b);
      return ts.every((t) => covered(d, t) === (covered(mergeIntervals(a), t) && !covered(mergeIntervals(b), t)));
    }));
  });

  test('availability stays within 0–100 %, more downtime never raises it, maintenance never lowers it', () => {
    const nov = monthPeriod(2026, 11, cal);
    const schedule = fc.constantFrom('24x7' as const, '24x5' as const, 'working_calendar' as const);
    fc.assert(fc.property(schedule, intervals, interval, intervals, (s, down, extra, maint) => {
      const base = measureAvailability({ schedule: s, period: nov, downtime: down, maintenance: maint, calendar: cal });
      const more = measureAvailability({ schedule: s, period: nov, downtime: [...down, extra], maintenance: maint, calendar: cal });
      const noMaint = measureAvailability({ schedule: s, period: nov, downtime: down, maintenance: [], calendar: cal });
      const ok = (r: typeof base) => r.basisPoints === null || (r.basisPoints >= 0 && r.basisPoints <= 10_000);
      return ok(base) && ok(more) && more.downtimeMs >= base.downtimeMs && base.downtimeMs <= noMaint.downtimeMs
        && base.downtimeMs <= base.committedMs && clipIntervals(down, nov).length <= mergeIntervals(down).length;
    }), { numRuns: 200 });
  });
});
