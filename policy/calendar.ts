// Business-calendar maths: which instants are working time, how much working time lies between two
// instants, and when a working-time target falls due. Pure and deterministic (imported by workflows):
// instants are integer epoch milliseconds passed in, never read from a clock; no Intl, no I/O.
//
// Indonesia keeps no daylight saving time, so a zone is a fixed offset and a local date is
// floor((t + offset) / day). Working time of whole days is summed arithmetically (whole weeks times the
// weekly total, minus the holidays in range via a prefix sum), so every function costs O(log holidays)
// or O(log holidays * log days), whatever the span.
//
// Conventions (all intervals half-open):
// - a working stretch [start, end) of a local day: 07:30 is working, 16:00 is not (on a 07:30–16:00 day);
// - workingMsBetween(cal, from, to) counts the working milliseconds in [from, to);
// - addWorkingMs(cal, start, ms) is the instant the ms-th working millisecond after start has elapsed, the
//   earliest t with workingMsBetween(cal, start, t) === ms. For ms > 0 it lies inside a stretch or is
//   exactly a stretch end (a 1 h target from 15:00 on a day ending 16:00 is due at 16:00, not at 07:30 the
//   next morning). For ms = 0 it is start itself, even outside working time: the clock has not advanced.
import {
  TIMEZONE_OFFSETS_MINUTES,
  type BusinessCalendar,
  type Holiday,
  type IndonesianTimezone,
  type WorkingWeek,
} from './calendarTypes.ts';
import { NATIONAL_HOLIDAYS } from './holidays.ts';

export const DEFAULT_TIMEZONE: IndonesianTimezone = 'Asia/Jakarta';

/**
 * The ASN working week: Monday–Thursday 07:30–16:00 with a break 12:00–13:00 (7.5 h a day), Friday
 * 07:30–16:30 with a break 11:30–13:00 (7.5 h), no work on Saturday and Sunday: 5 × 7.5 h = exactly the
 * 37.5 working hours a week that Perpres 21/2023 (hari kerja dan jam kerja instansi pemerintah) requires
 * of ASN.
 */
export const DEFAULT_WORKING_WEEK: WorkingWeek = deepFreeze({
  1: [{ start: '07:30', end: '12:00' }, { start: '13:00', end: '16:00' }],
  2: [{ start: '07:30', end: '12:00' }, { start: '13:00', end: '16:00' }],
  3: [{ start: '07:30', end: '12:00' }, { start: '13:00', end: '16:00' }],
  4: [{ start: '07:30', end: '12:00' }, { start: '13:00', end: '16:00' }],
  5: [{ start: '07:30', end: '11:30' }, { start: '13:00', end: '16:30' }],
  6: [],
  7: [],
});

/** How far ahead a search for working time goes before it gives up (20 years of days). */
export const SEARCH_HORIZON_DAYS = 7305;

const MINUTE = 60_000;
const DAY = 86_400_000;

export interface CalendarInput {
  timezone?: IndonesianTimezone;
  week?: WorkingWeek;
  /** Holidays or bare local dates (YYYY-MM-DD). Default: NATIONAL_HOLIDAYS (national and cuti bersama). */
  holidays?: Holiday[] | readonly Holiday[] | string[] | readonly string[];
  /** Changes whenever the holiday table changes. Default 1. */
  version?: number;
}

/**
 * A validated, frozen calendar. Throws RangeError naming the field: an unknown time zone, a malformed or
 * unordered/overlapping working stretch, a week without any working time, an invalid holiday date, a
 * version that is not a non-negative integer.
 */
export function makeCalendar(input: CalendarInput = {}): BusinessCalendar {
  const timezone = input.timezone ?? DEFAULT_TIMEZONE;
  const week = input.week ?? DEFAULT_WORKING_WEEK;
  const rawHolidays = input.holidays ?? NATIONAL_HOLIDAYS;
  const version = input.version ?? 1;

  const tz = checkTimezone(timezone);
  const parsedWeek = parseWeek(week);
  const dates = rawHolidays.map((h, i): string => (typeof h === 'string' ? h : checkHoliday(h, i).date));
  dates.forEach((d, i) => { if (parseLocalDate(d) === null) throw new RangeError(`holidays[${i}]: not a valid date (YYYY-MM-DD): ${JSON.stringify(d)}`); });
  if (!Number.isSafeInteger(version) || version < 0) throw new RangeError(`version: must be a non-negative integer, got ${version}`);

  const cal: BusinessCalendar = deepFreeze({
    timezone: tz,
    week: parsedWeek,
    holidays: [...new Set(dates)].sort(),
    version,
  });
  compiled.set(cal, compile(cal));
  return cal;
}

/** Whether t lies in a working stretch of a working day. */
export function isWorkingInstant(cal: BusinessCalendar, t: number): boolean {
  const c = get(cal);
  checkInstant('t', t);
  const local = t + c.offsetMs;
  const day = Math.floor(local / DAY);
  if (c.holidaySet.has(day)) return false;
  const tod = local - day * DAY;
  return c.stretches[weekdayIndex(day)]!.some(([s, e]) => s <= tod && tod < e);
}

/** Whether a local date (YYYY-MM-DD) is a working day: its weekday has working hours and it is no holiday. */
export function isWorkingDay(cal: BusinessCalendar, localDate: string): boolean {
  const c = get(cal);
  const day = parseLocalDate(localDate);
  if (day === null) throw new RangeError(`localDate: not a valid date (YYYY-MM-DD): ${JSON.stringify(localDate)}`);
  return isWorkingDayNumber(c, day);
}

/** The local date (YYYY-MM-DD) of t in the calendar's time zone. */
export function localDateOf(cal: BusinessCalendar, t: number): string {
  const c = get(cal);
  checkInstant('t', t);
  return formatDayNumber(Math.floor((t + c.offsetMs) / DAY));
}

/** Working milliseconds in [from, to); 0 when to <= from. */
export function workingMsBetween(cal: BusinessCalendar, from: number, to: number): number {
  const c = get(cal);
  checkInstant('from', from);
  checkInstant('to', to);
  if (to <= from) return 0;
  const lf = from + c.offsetMs;
  const lt = to + c.offsetMs;
  const df = Math.floor(lf / DAY);
  const dt = Math.floor(lt / DAY);
  if (df === dt) return workingInDay(c, df, lf - df * DAY, lt - dt * DAY);
  return workingInDay(c, df, lf - df * DAY, DAY) + fullDays(c, df + 1, dt) + workingInDay(c, dt, 0, lt - dt * DAY);
}

/**
 * The earliest instant t >= start with workingMsBetween(cal, start, t) === ms: the instant the last
 * working millisecond of the target elapses. For ms > 0 it is inside a working stretch or exactly at a
 * stretch end (e.g. 16:00); for ms = 0 it is start, working time or not (the clock has not advanced).
 * Throws RangeError if ms is not a non-negative integer or the due instant lies beyond SEARCH_HORIZON_DAYS.
 */
export function addWorkingMs(cal: BusinessCalendar, start: number, ms: number): number {
  const c = get(cal);
  checkInstant('start', start);
  if (!Number.isSafeInteger(ms) || ms < 0) throw new RangeError(`ms: must be a non-negative integer, got ${ms}`);
  if (ms === 0) return start;
  const local = start + c.offsetMs;
  const day = Math.floor(local / DAY);
  const tod = local - day * DAY;
  let rest = ms;
  if (!c.holidaySet.has(day)) {
    for (const [s, e] of c.stretches[weekdayIndex(day)]!) {
      if (e <= tod) continue;
      const from = Math.max(s, tod);
      if (rest <= e - from) return day * DAY - c.offsetMs + from + rest;
      rest -= e - from;
    }
  }
  const due = dayReaching(c, day + 1, rest, 'addWorkingMs');
  return instantInDay(c, due, rest - fullDays(c, day + 1, due));
}

/** t itself if it is working time, else the start of the next working stretch. */
export function nextWorkingInstant(cal: BusinessCalendar, t: number): number {
  const c = get(cal);
  checkInstant('t', t);
  const local = t + c.offsetMs;
  const day = Math.floor(local / DAY);
  const tod = local - day * DAY;
  if (!c.holidaySet.has(day)) {
    for (const [s, e] of c.stretches[weekdayIndex(day)]!) {
      if (e > tod) return s <= tod ? t : day * DAY - c.offsetMs + s;
    }
  }
  return firstStretchStart(c, dayReaching(c, day + 1, 1, 'nextWorkingInstant'));
}

/**
 * The start of the first working stretch of the first working day after the local date of t (t's own
 * day never counts, even if t is before its opening time). For rules such as "respond within 3 working
 * hours, else by the next working day".
 */
export function nextWorkingDayStart(cal: BusinessCalendar, t: number): number {
  const c = get(cal);
  checkInstant('t', t);
  const day = Math.floor((t + c.offsetMs) / DAY);
  return firstStretchStart(c, dayReaching(c, day + 1, 1, 'nextWorkingDayStart'));
}

// ---------------------------------------------------------------------------------------------------
// Compiled form: stretches in ms of the local day, weekly totals and a prefix sum over the holidays.

interface Compiled {
  offsetMs: number;
  /** Index 0 = Monday … 6 = Sunday; [startMs, endMs) of the local day. */
  stretches: Array<Array<[number, number]>>;
  dayTotal: number[];
  /** prefix[i] = working ms of weekdays 0..i-1. */
  prefix: number[];
  weekTotal: number;
  holidaySet: Set<number>;
  /** Sorted day numbers of holidays that fall on a weekday with working hours. */
  effectiveHolidays: number[];
  /** holidayPrefix[i] = working ms lost to effectiveHolidays[0..i-1]. */
  holidayPrefix: number[];
}

// Calendars are treated as immutable (makeCalendar freezes them); calendars that arrive as plain data
// (e.g. workflow inputs) are validated and compiled on first use. The cache only saves work.
const compiled = new WeakMap<BusinessCalendar, Compiled>();

function get(cal: BusinessCalendar): Compiled {
  let c = compiled.get(cal);
  if (!c) {
    c = compile(validateData(cal));
    compiled.set(cal, c);
  }
  return c;
}

function validateData(cal: BusinessCalendar): BusinessCalendar {
  if (cal === null || typeof cal !== 'object') throw new RangeError('calendar: expected a BusinessCalendar');
  const tz = checkTimezone(cal.timezone);
  if (!Array.isArray(cal.holidays)) throw new RangeError('holidays: expected an array of YYYY-MM-DD dates');
  cal.holidays.forEach((d, i) => { if (typeof d !== 'string' || parseLocalDate(d) === null) throw new RangeError(`holidays[${i}]: not a valid date (YYYY-MM-DD): ${JSON.stringify(d)}`); });
  return { timezone: tz, week: parseWeek(cal.week), holidays: cal.holidays, version: cal.version };
}

function compile(cal: BusinessCalendar): Compiled {
  const stretches = ([1, 2, 3, 4, 5, 6, 7] as const).map((d) => cal.week[d].map((i): [number, number] => [hhmmToMs(i.start), hhmmToMs(i.end)]));
  const dayTotal = stretches.map((list) => list.reduce((sum, [s, e]) => sum + (e - s), 0));
  const prefix = [0];
  for (const total of dayTotal) prefix.push(prefix[prefix.length - 1]! + total);
  const holidayDays = cal.holidays.map((d) => parseLocalDate(d)!);
  const effectiveHolidays = [...new Set(holidayDays)].filter((d) => dayTotal[weekdayIndex(d)]! > 0).sort((a, b) => a - b);
  const holidayPrefix = [0];
  for (const d of effectiveHolidays) holidayPrefix.push(holidayPrefix[holidayPrefix.length - 1]! + dayTotal[weekdayIndex(d)]!);
  return {
    offsetMs: TIMEZONE_OFFSETS_MINUTES[cal.timezone] * MINUTE,
    stretches,
    dayTotal,
    prefix,
    weekTotal: prefix[7]!,
    holidaySet: new Set(holidayDays),
    effectiveHolidays,
    holidayPrefix,
  };
}

// Hand-written checks, not the zod schemas of calendarSchemas.ts: workflows import this module, and a
// workflow re-evaluates its bundle's modules when it starts (zod there cost every case). The rules are
// the schemas' own; test/calendar/calendarChecks.test.ts proves both accept exactly the same values.

function checkTimezone(timezone: unknown): IndonesianTimezone {
  if (typeof timezone === 'string' && Object.hasOwn(TIMEZONE_OFFSETS_MINUTES, timezone)) return timezone as IndonesianTimezone;
  throw new RangeError(`timezone: expected one of ${Object.keys(TIMEZONE_OFFSETS_MINUTES).join(', ')}, got ${JSON.stringify(timezone)}`);
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const HOLIDAY_KINDS: ReadonlyArray<Holiday['kind']> = ['national', 'cuti_bersama', 'agency'];

/** A holiday record as calendarSchemas.ts `holidaySchema` accepts it; the error names the field. */
function checkHoliday(h: unknown, i: number): Holiday {
  const fail = (field: string, message: string): never => { throw new RangeError(`holidays[${i}]${field}: ${message}`); };
  if (h === null || typeof h !== 'object' || Array.isArray(h)) return fail('', 'expected a holiday record or a YYYY-MM-DD date');
  const { date, kind, name, source } = h as Record<string, unknown>;
  if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) fail('.date', 'YYYY-MM-DD');
  if (!HOLIDAY_KINDS.includes(kind as Holiday['kind'])) fail('.kind', `expected one of ${HOLIDAY_KINDS.join(', ')}`);
  if (typeof name !== 'string' || name.length < 1 || name.length > 200) fail('.name', 'a text of 1–200 characters');
  if (source !== undefined && (typeof source !== 'string' || source.length > 300)) fail('.source', 'a text of at most 300 characters');
  return { date, kind, name, ...(source === undefined ? {} : { source }) } as Holiday;
}

/** Validates a week: days 1–7 of HH:MM stretches with start < end (the schema's rules, all days first), then stretches sorted and not overlapping, some working time in the week. */
function parseWeek(week: unknown): WorkingWeek {
  if (week === null || typeof week !== 'object' || Array.isArray(week)) throw new RangeError('week: expected an object with the days 1–7');
  const days = week as Record<string, unknown>;
  const out = {} as Record<1 | 2 | 3 | 4 | 5 | 6 | 7, Array<{ start: string; end: string }>>;
  for (const d of [1, 2, 3, 4, 5, 6, 7] as const) {
    const list = days[d];
    if (!Array.isArray(list)) throw new RangeError(`week.${d}: expected a list of working stretches`);
    out[d] = list.map((stretch: unknown, i) => {
      const { start, end } = (typeof stretch === 'object' && stretch !== null ? stretch : {}) as { start?: unknown; end?: unknown };
      if (typeof start !== 'string' || !HHMM.test(start)) throw new RangeError(`week.${d}[${i}].start: HH:MM`);
      if (typeof end !== 'string' || !HHMM.test(end)) throw new RangeError(`week.${d}[${i}].end: HH:MM`);
      if (!(start < end)) throw new RangeError(`week.${d}[${i}]: start must be before end`);
      return { start, end };
    });
  }
  let any = false;
  for (const d of [1, 2, 3, 4, 5, 6, 7] as const) {
    const stretches = out[d];
    for (let i = 1; i < stretches.length; i++) {
      if (stretches[i]!.start < stretches[i - 1]!.end) {
        throw new RangeError(`week.${d}[${i}]: working stretches must be sorted and not overlap (${stretches[i - 1]!.start}–${stretches[i - 1]!.end} then ${stretches[i]!.start}–${stretches[i]!.end})`);
      }
    }
    if (stretches.length > 0) any = true;
  }
  if (!any) throw new RangeError('week: no working time on any day; calendar maths would never reach a due instant');
  return out;
}

function hhmmToMs(hhmm: string): number {
  return (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))) * MINUTE;
}

function checkInstant(name: string, t: number): void {
  if (!Number.isSafeInteger(t)) throw new RangeError(`${name}: must be an integer epoch-millisecond instant, got ${t}`);
}

/** 0 = Monday … 6 = Sunday for a day number (days since 1970-01-01, a Thursday). */
function weekdayIndex(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

function isWorkingDayNumber(c: Compiled, day: number): boolean {
  return c.dayTotal[weekdayIndex(day)]! > 0 && !c.holidaySet.has(day);
}

/** Working ms of local day `day` within [fromMs, toMs) of that day. */
function workingInDay(c: Compiled, day: number, fromMs: number, toMs: number): number {
  if (toMs <= fromMs || c.holidaySet.has(day)) return 0;
  let sum = 0;
  for (const [s, e] of c.stretches[weekdayIndex(day)]!) {
    const overlap = Math.min(e, toMs) - Math.max(s, fromMs);
    if (overlap > 0) sum += overlap;
  }
  return sum;
}

/** Working ms of the weekly pattern over days [0, day), up to a constant. */
function weekly(c: Compiled, day: number): number {
  const k = day + 3; // Monday-aligned
  const weeks = Math.floor(k / 7);
  return weeks * c.weekTotal + c.prefix[k - weeks * 7]!;
}

/** Index of the first effective holiday >= day. */
function lowerBound(list: number[], day: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Working ms of the whole days [a, b). */
function fullDays(c: Compiled, a: number, b: number): number {
  if (b <= a) return 0;
  const lost = c.holidayPrefix[lowerBound(c.effectiveHolidays, b)]! - c.holidayPrefix[lowerBound(c.effectiveHolidays, a)]!;
  return weekly(c, b) - weekly(c, a) - lost;
}

/** The first day D >= from with fullDays(from, D + 1) >= amount (amount > 0), within the search horizon. */
function dayReaching(c: Compiled, from: number, amount: number, what: string): number {
  const limit = from + SEARCH_HORIZON_DAYS; // exclusive bound on D + 1
  let end = Math.min(limit, from + 7 * Math.ceil(amount / c.weekTotal));
  while (fullDays(c, from, end) < amount) {
    if (end >= limit) throw new RangeError(`${what}: no such working time within ${SEARCH_HORIZON_DAYS} days (20 years) of ${formatDayNumber(from)}`);
    end = Math.min(limit, from + 2 * (end - from));
  }
  let lo = from;
  let hi = end - 1;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (fullDays(c, from, mid + 1) >= amount) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The instant at which `amount` (0 < amount <= the day's total) working ms of working day `day` have elapsed. */
function instantInDay(c: Compiled, day: number, amount: number): number {
  let rest = amount;
  for (const [s, e] of c.stretches[weekdayIndex(day)]!) {
    if (rest <= e - s) return day * DAY - c.offsetMs + s + rest;
    rest -= e - s;
  }
  throw new Error(`calendar: internal error locating ${amount} ms in ${formatDayNumber(day)}`);
}

function firstStretchStart(c: Compiled, day: number): number {
  return day * DAY - c.offsetMs + c.stretches[weekdayIndex(day)]![0]![0];
}

// ---------------------------------------------------------------------------------------------------
// Proleptic Gregorian day numbers (days since 1970-01-01), integer-only (H. Hinnant's algorithms).

function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** Day number of a YYYY-MM-DD date, or null if it is malformed or does not exist (e.g. 2026-02-30). */
function parseLocalDate(s: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return null;
  const day = daysFromCivil(y, mo, d);
  const [y2, m2] = civilFromDays(day);
  return y2 === y && m2 === mo ? day : null;
}

function formatDayNumber(day: number): string {
  const [y, m, d] = civilFromDays(day);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
