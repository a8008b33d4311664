// Business-calendar maths on the default ASN calendar (WIB, 2026 holidays) and its edge cases.
import {
  DEFAULT_TIMEZONE, DEFAULT_WORKING_WEEK, SEARCH_HORIZON_DAYS, addWorkingMs, isWorkingDay, isWorkingInstant, localDateOf,
  makeCalendar, nextWorkingDayStart, nextWorkingInstant, workingMsBetween,
} from '../../policy/calendar.ts';
import type { BusinessCalendar, IndonesianTimezone, WorkingWeek } from '../../policy/calendarTypes.ts';
import { HOUR, MINUTE, at, local } from './support.ts';

const cal = makeCalendar();

describe('addWorkingMs on the default calendar (WIB)', () => {
  // 2026-03-02 is a Monday; no holiday falls between 2026-03-02 and 2026-03-13.
  test.each([
    ['just before closing time: due the next working day', '2026-03-02T15:00', 3 * HOUR, '2026-03-03T09:30'],
    ['Friday 16:00 + 1 h: 30 min Friday, 30 min Monday', '2026-03-06T16:00', HOUR, '2026-03-09T08:00'],
    ['reported in the Monday break: the break does not count', '2026-03-02T12:15', HOUR, '2026-03-02T14:00'],
    ['reported in the longer Friday break (11:30-13:00)', '2026-03-06T11:45', 30 * MINUTE, '2026-03-06T13:30'],
    ['Friday morning runs to 11:30', '2026-03-06T11:00', HOUR, '2026-03-06T13:30'],
    ['reported on Saturday: starts Monday 07:30', '2026-03-07T10:00', HOUR, '2026-03-09T08:30'],
    ['reported on Sunday night', '2026-03-08T23:59', 8 * HOUR, '2026-03-10T08:00'],
    ['reported before opening time', '2026-03-02T06:00', 30 * MINUTE, '2026-03-02T08:00'],
    ['due exactly at closing time stays on that day', '2026-03-02T15:00', HOUR, '2026-03-02T16:00'],
    ['due exactly at the start of the break stays before it', '2026-03-02T11:00', HOUR, '2026-03-02T12:00'],
    ['Friday closes at 16:30', '2026-03-06T16:00', 30 * MINUTE, '2026-03-06T16:30'],
    ['one ASN week is 37.5 working hours', '2026-03-02T07:30', 37.5 * HOUR, '2026-03-06T16:30'],
    ['one millisecond after the week', '2026-03-02T07:30', 37.5 * HOUR + 1, '2026-03-09T07:30:00.001'],
    ['reported at the end of a stretch', '2026-03-02T16:00', MINUTE, '2026-03-03T07:31'],
  ])('%s', (_name, reported, ms, due) => {
    const start = at(reported);
    const result = addWorkingMs(cal, start, ms);
    expect(local(result)).toBe(local(at(due)));
    expect(workingMsBetween(cal, start, result)).toBe(ms);
  });

  test('ms = 0 returns start, in working time or not (the clock has not advanced)', () => {
    for (const t of ['2026-03-02T10:00', '2026-03-07T10:00', '2026-03-02T12:30', '2026-03-19T09:00']) expect(addWorkingMs(cal, at(t), 0)).toBe(at(t));
  });

  test('across Nyepi, Idulfitri and their cuti bersama (2026-03-18 … 03-24)', () => {
    const reported = at('2026-03-17T10:00'); // Tuesday; 5 working hours remain that day
    expect(workingMsBetween(cal, at('2026-03-17T16:00'), at('2026-03-25T07:30'))).toBe(0);
    expect(local(addWorkingMs(cal, reported, 5 * HOUR))).toBe('2026-03-17T16:00:00.000');
    expect(local(addWorkingMs(cal, reported, 5 * HOUR + 1))).toBe('2026-03-25T07:30:00.001');
    // The next working day after the report is Wednesday 2026-03-25.
    expect(local(nextWorkingDayStart(cal, reported))).toBe('2026-03-25T07:30:00.000');
    // One working day (7.5 h) is due on Wednesday 2026-03-25; two working days (15 h) on Thursday 03-26.
    expect(local(addWorkingMs(cal, reported, 7.5 * HOUR))).toBe('2026-03-25T10:00:00.000');
    expect(local(addWorkingMs(cal, reported, 15 * HOUR))).toBe('2026-03-26T10:00:00.000');
    for (const d of ['2026-03-18', '2026-03-19', '2026-03-20', '2026-03-21', '2026-03-22', '2026-03-23', '2026-03-24']) expect(isWorkingDay(cal, d)).toBe(false);
  });

  test.each<[IndonesianTimezone, number]>([['Asia/Makassar', 1], ['Asia/Jayapura', 2]])(
    '%s gives the same local behaviour, %i h earlier in UTC than WIB',
    (timezone, hoursEarlier) => {
      const zoned = makeCalendar({ timezone });
      for (const [reported, ms, due] of [
        ['2026-03-02T15:00', 3 * HOUR, '2026-03-03T09:30'],
        ['2026-03-06T16:00', HOUR, '2026-03-09T08:00'],
        ['2026-03-17T10:00', 15 * HOUR, '2026-03-26T10:00'],
      ] as const) {
        const result = addWorkingMs(zoned, at(reported, timezone), ms);
        expect(local(result, timezone)).toBe(`${due}:00.000`);
        expect(result).toBe(at(due) - hoursEarlier * HOUR);
        expect(workingMsBetween(zoned, at(reported, timezone), result)).toBe(ms);
      }
      expect(isWorkingInstant(zoned, at('2026-03-02T07:30', timezone))).toBe(true);
      expect(isWorkingInstant(zoned, at('2026-03-02T07:30'))).toBe(true); // 08:30 or 09:30 local
      expect(isWorkingInstant(zoned, at('2026-03-06T15:15'))).toBe(timezone === 'Asia/Makassar'); // Friday 16:15 / 17:15 local
      expect(localDateOf(zoned, at('2026-03-02T00:00', timezone))).toBe('2026-03-02');
      expect(localDateOf(zoned, at('2026-03-02T00:00', timezone) - 1)).toBe('2026-03-01');
    },
  );
});

describe('working instants and days', () => {
  test.each([
    ['2026-03-02T07:30', true], ['2026-03-02T07:29:59.999', false], ['2026-03-02T11:59:59.999', true], ['2026-03-02T12:00', false],
    ['2026-03-02T13:00', true], ['2026-03-02T15:59:59.999', true], ['2026-03-02T16:00', false], ['2026-03-06T11:30', false],
    ['2026-03-06T16:15', true], ['2026-03-06T16:30', false], ['2026-03-07T10:00', false], ['2026-03-19T10:00', false],
    ['2026-02-16T10:00', false], ['2026-12-24T10:00', false],
  ])('isWorkingInstant %s → %s', (t, expected) => expect(isWorkingInstant(cal, at(t))).toBe(expected));

  test('isWorkingDay', () => {
    expect(isWorkingDay(cal, '2026-03-25')).toBe(true);
    expect(isWorkingDay(cal, '2026-03-07')).toBe(false); // Saturday
    expect(isWorkingDay(cal, '2026-05-15')).toBe(false); // cuti bersama Kenaikan Yesus Kristus
    expect(isWorkingDay(cal, '2027-08-17')).toBe(false); // fixed date, already seeded for 2027
    expect(() => isWorkingDay(cal, '2026-02-30')).toThrow(RangeError);
    expect(() => isWorkingDay(cal, '2026-3-1')).toThrow(/localDate/);
  });

  test('localDateOf follows the zone, not UTC', () => {
    expect(localDateOf(cal, Date.UTC(2026, 2, 1, 17, 0))).toBe('2026-03-02');
    expect(localDateOf(cal, Date.UTC(2026, 2, 1, 16, 59, 59, 999))).toBe('2026-03-01');
    expect(localDateOf(cal, Date.UTC(1969, 11, 31, 16, 59))).toBe('1969-12-31');
    expect(localDateOf(cal, Date.UTC(2000, 1, 29, 12))).toBe('2000-02-29');
  });

  test.each([
    ['working: itself', '2026-03-02T10:00', '2026-03-02T10:00'],
    ['in the break', '2026-03-02T12:30', '2026-03-02T13:00'],
    ['after closing', '2026-03-02T16:00', '2026-03-03T07:30'],
    ['Saturday', '2026-03-07T09:00', '2026-03-09T07:30'],
    ['before a week of holidays', '2026-03-17T16:30', '2026-03-25T07:30'],
  ])('nextWorkingInstant, %s', (_n, t, expected) => expect(local(nextWorkingInstant(cal, at(t)))).toBe(`${expected}:00.000`));

  test.each([
    ['before opening: not the same day', '2026-03-02T06:00', '2026-03-03T07:30'],
    ['in working time', '2026-03-02T10:00', '2026-03-03T07:30'],
    ['Friday → Monday', '2026-03-06T10:00', '2026-03-09T07:30'],
    ['Saturday → Monday', '2026-03-07T10:00', '2026-03-09T07:30'],
    ['the day before Christmas cuti bersama', '2026-12-23T10:00', '2026-12-28T07:30'],
    ['the last minute of a day', '2026-03-02T23:59', '2026-03-03T07:30'],
  ])('nextWorkingDayStart, %s', (_n, t, expected) => expect(local(nextWorkingDayStart(cal, at(t)))).toBe(`${expected}:00.000`));
});

describe('workingMsBetween', () => {
  test.each([
    ['a default week', '2026-03-02T00:00', '2026-03-09T00:00', 37.5 * HOUR],
    ['a break', '2026-03-02T12:00', '2026-03-02T13:00', 0],
    ['across a break', '2026-03-02T11:00', '2026-03-02T14:00', 2 * HOUR],
    ['to <= from', '2026-03-02T14:00', '2026-03-02T11:00', 0],
    ['empty span', '2026-03-02T10:00', '2026-03-02T10:00', 0],
    ['the week of Nyepi and Idulfitri (Mon 16th only)', '2026-03-16T00:00', '2026-03-23T00:00', 7.5 * HOUR + 7.5 * HOUR],
  ])('%s', (_n, from, to, expected) => expect(workingMsBetween(cal, at(from), at(to))).toBe(expected));

  test('2026 has 261 weekdays minus the holidays that fall on weekdays', () => {
    const holidaysOnWeekdays = cal.holidays.filter((d) => d.startsWith('2026-') && ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay())).length;
    expect(workingMsBetween(cal, at('2026-01-01T00:00'), at('2027-01-01T00:00'))).toBe((261 - holidaysOnWeekdays) * 7.5 * HOUR);
  });

  test('a 2-year span costs well under a millisecond per call', () => {
    const from = at('2026-01-01T00:00');
    const to = at('2028-01-01T00:00');
    workingMsBetween(cal, from, to);
    const n = 20_000;
    const t0 = performance.now();
    let sink = 0;
    for (let i = 0; i < n; i++) sink += workingMsBetween(cal, from + i * 997, to - i * 991);
    for (let i = 0; i < n; i++) sink += addWorkingMs(cal, from + i * 997, 3000 * HOUR);
    const perCall = (performance.now() - t0) / (2 * n);
    expect(sink).toBeGreaterThan(0);
    expect(perCall).toBeLessThan(0.05);
  });
});

describe('makeCalendar', () => {
  test('defaults: WIB, the ASN week (37.5 h), the national holidays and cuti bersama, version 1', () => {
    expect(DEFAULT_TIMEZONE).toBe('Asia/Jakarta');
    expect(cal).toMatchObject({ timezone: 'Asia/Jakarta', week: DEFAULT_WORKING_WEEK, version: 1 });
    expect(cal.holidays).toEqual(expect.arrayContaining(['2026-01-01', '2026-03-20', '2026-12-24', '2027-12-25']));
    expect(Object.isFrozen(cal) && Object.isFrozen(cal.holidays) && Object.isFrozen(cal.week[1][0])).toBe(true);
    expect(workingMsBetween(makeCalendar({ holidays: [] }), at('2026-03-16T00:00'), at('2026-03-23T00:00'))).toBe(37.5 * HOUR);
  });

  test('holidays may be bare dates or Holiday records; duplicates are merged and dates sorted', () => {
    const c = makeCalendar({ holidays: ['2026-03-03', '2026-03-02', '2026-03-03'], version: 7 });
    expect(c.holidays).toEqual(['2026-03-02', '2026-03-03']);
    expect(c.version).toBe(7);
    const d = makeCalendar({ holidays: [{ date: '2026-03-02', kind: 'agency', name: 'HUT Kota' }] });
    expect(isWorkingDay(d, '2026-03-02')).toBe(false);
  });

  const week = (over: Partial<WorkingWeek>): WorkingWeek => ({ ...DEFAULT_WORKING_WEEK, ...over });
  test.each<[string, Parameters<typeof makeCalendar>[0], RegExp]>([
    ['overlapping stretches', { week: week({ 1: [{ start: '07:30', end: '12:30' }, { start: '12:00', end: '16:00' }] }) }, /^week\.1\[1\]: .*overlap/],
    ['unsorted stretches', { week: week({ 2: [{ start: '13:00', end: '16:00' }, { start: '07:30', end: '12:00' }] }) }, /^week\.2\[1\]/],
    ['malformed time', { week: week({ 3: [{ start: '7:30', end: '12:00' }] }) }, /^week\.3\[0\]\.start: HH:MM/],
    ['start after end', { week: week({ 4: [{ start: '12:00', end: '07:30' }] }) }, /^week\.4\[0\]: start must be before end/],
    ['a missing day', { week: { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [] } as unknown as WorkingWeek }, /^week\.7/],
    ['no working time at all', { week: { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] } }, /^week: no working time/],
    ['an impossible date', { holidays: ['2026-01-01', '2026-02-30'] }, /^holidays\[1\]: not a valid date/],
    ['a malformed date', { holidays: ['1/1/2026'] }, /^holidays\[0\]/],
    ['a bad holiday kind', { holidays: [{ date: '2026-01-01', kind: 'libur', name: 'x' } as never] }, /^holidays\[0\]\.kind/],
    ['an unknown zone', { timezone: 'Asia/Singapore' as IndonesianTimezone }, /^timezone/],
    ['a negative version', { version: -1 }, /^version/],
  ])('refuses %s with a RangeError naming the field', (_n, input, message) => {
    expect(() => makeCalendar(input)).toThrow(RangeError);
    expect(() => makeCalendar(input)).toThrow(message);
  });

  test('adjacent stretches (end = next start) are accepted', () => {
    const c = makeCalendar({ week: week({ 1: [{ start: '08:00', end: '12:00' }, { start: '12:00', end: '24:00' }] }), holidays: [] });
    expect(workingMsBetween(c, at('2026-03-02T00:00'), at('2026-03-03T00:00'))).toBe(16 * HOUR);
    expect(local(addWorkingMs(c, at('2026-03-02T23:00'), HOUR))).toBe('2026-03-03T00:00:00.000');
  });

  test('a calendar that arrives as plain data (e.g. a workflow input) works the same, and is validated', () => {
    const plain = JSON.parse(JSON.stringify(cal)) as BusinessCalendar;
    expect(addWorkingMs(plain, at('2026-03-17T10:00'), 15 * HOUR)).toBe(at('2026-03-26T10:00'));
    const broken = { ...plain, week: { ...plain.week, 1: [{ start: '09:00', end: '08:00' }] } };
    expect(() => isWorkingInstant(broken, at('2026-03-02T10:00'))).toThrow(/^week\.1\[0\]/);
    expect(() => workingMsBetween({ ...plain, holidays: ['2026-13-01'] }, 0, 1)).toThrow(/^holidays\[0\]/);
  });
});

describe('guards', () => {
  test('searches give up after 20 years without working time', () => {
    // Only Mondays work, and every Monday of 2026-2046 is a holiday.
    const mondays: string[] = [];
    for (let t = at('2026-03-02T00:00'); t < at('2047-01-01T00:00'); t += 7 * 24 * HOUR) mondays.push(localDateOf(cal, t));
    const c = makeCalendar({ week: { 1: [{ start: '08:00', end: '09:00' }], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] }, holidays: mondays });
    expect(() => nextWorkingInstant(c, at('2026-03-02T00:00'))).toThrow(RangeError);
    expect(() => nextWorkingDayStart(c, at('2026-03-02T00:00'))).toThrow(/20 years/);
    expect(() => addWorkingMs(c, at('2026-03-02T00:00'), 1)).toThrow(RangeError);
    expect(workingMsBetween(c, at('2026-03-02T00:00'), at('2046-12-01T00:00'))).toBe(0);
    expect(local(nextWorkingInstant(c, at('2046-12-20T00:00')))).toBe('2047-01-07T08:00:00.000'); // first Monday not listed
    expect(SEARCH_HORIZON_DAYS).toBe(7305);
  });

  test('a due instant more than 20 years away is refused', () => {
    expect(() => addWorkingMs(cal, at('2026-03-02T00:00'), 21 * 52 * 37.5 * HOUR)).toThrow(/20 years/);
    expect(() => addWorkingMs(cal, at('2026-03-02T00:00'), 19 * 52 * 37.5 * HOUR)).not.toThrow();
  });

  test.each([
    ['negative ms', () => addWorkingMs(cal, 0, -1), /^ms/],
    ['fractional ms', () => addWorkingMs(cal, 0, 1.5), /^ms/],
    ['NaN instant', () => workingMsBetween(cal, Number.NaN, 0), /^from/],
    ['infinite instant', () => isWorkingInstant(cal, Number.POSITIVE_INFINITY), /^t/],
  ])('refuses %s', (_n, call, message) => expect(call).toThrow(message));
});
