// Shared helpers for the calendar tests: local-time instants, a random-calendar arbitrary and an
// independent (Date-based, minute-granularity) reference for "is this instant working time?".
import fc from 'fast-check';
import { makeCalendar } from '../../policy/calendar.ts';
import { TIMEZONE_OFFSETS_MINUTES, type IndonesianTimezone, type WorkingWeek } from '../../policy/calendarTypes.ts';
import type { BusinessCalendar } from '../../policy/calendarTypes.ts';

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** The UTC instant of a local wall-clock time 'YYYY-MM-DDTHH:MM[:SS]' in a zone. */
export function at(local: string, tz: IndonesianTimezone = 'Asia/Jakarta'): number {
  const offset = TIMEZONE_OFFSETS_MINUTES[tz];
  const sign = '+';
  const hh = String(Math.floor(offset / 60)).padStart(2, '0');
  const ms = Date.parse(`${local.length === 16 ? `${local}:00` : local}${sign}${hh}:00`);
  if (Number.isNaN(ms)) throw new Error(`bad local time ${local}`);
  return ms;
}

/** An instant shown as local wall-clock time 'YYYY-MM-DDTHH:MM:SS.sss' in a zone. */
export function local(t: number, tz: IndonesianTimezone = 'Asia/Jakarta'): string {
  return new Date(t + TIMEZONE_OFFSETS_MINUTES[tz] * MINUTE).toISOString().slice(0, 23);
}

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The calendar period random instants and holidays are drawn from. */
export const RANGE_START = Date.UTC(2025, 11, 1);
export const RANGE_END = Date.UTC(2027, 1, 1);

const dayArb = fc
  .uniqueArray(fc.integer({ min: 0, max: 1440 }), { maxLength: 6 })
  .map((mins) => {
    const sorted = [...mins].sort((a, b) => a - b);
    const stretches: Array<{ start: string; end: string }> = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) stretches.push({ start: hhmm(sorted[i]!), end: hhmm(sorted[i + 1]!) });
    return stretches;
  });

export const weekArb: fc.Arbitrary<WorkingWeek> = fc
  .tuple(dayArb, dayArb, dayArb, dayArb, dayArb, dayArb, dayArb)
  .map(([d1, d2, d3, d4, d5, d6, d7]) => ({
    1: d1.length || [d2, d3, d4, d5, d6, d7].some((d) => d.length) ? d1 : [{ start: '09:00', end: '10:00' }],
    2: d2, 3: d3, 4: d4, 5: d5, 6: d6, 7: d7,
  }));

const holidayDatesArb = fc
  .uniqueArray(fc.integer({ min: 0, max: Math.floor((RANGE_END - RANGE_START) / DAY) }), { maxLength: 60 })
  .map((days) => days.map((d) => new Date(RANGE_START + d * DAY).toISOString().slice(0, 10)));

export const timezoneArb = fc.constantFrom<IndonesianTimezone>('Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura');

/** Random calendars (random weeks, holidays and zones) and, one time in four, the default calendar. */
export const calendarArb: fc.Arbitrary<BusinessCalendar> = fc.oneof(
  { arbitrary: fc.record({ timezone: timezoneArb, week: weekArb, holidays: holidayDatesArb }).map((input) => makeCalendar(input)), weight: 3 },
  { arbitrary: timezoneArb.map((timezone) => makeCalendar({ timezone })), weight: 1 },
);

/** Instants in the range; half of them minute-aligned, so that stretch boundaries are hit exactly. */
export const instantArb = fc.oneof(
  fc.integer({ min: RANGE_START, max: RANGE_END }),
  fc.integer({ min: RANGE_START / MINUTE, max: RANGE_END / MINUTE }).map((m) => m * MINUTE),
);

/** Working ms of one week of the calendar's pattern, ignoring holidays. */
export function weekTotalMs(cal: BusinessCalendar): number {
  const toMs = (s: string) => (Number(s.slice(0, 2)) * 60 + Number(s.slice(3))) * MINUTE;
  return ([1, 2, 3, 4, 5, 6, 7] as const).reduce((sum, d) => sum + cal.week[d].reduce((s, i) => s + toMs(i.end) - toMs(i.start), 0), 0);
}

/** Reference: is t working time? Built on Date and string comparison, independently of policy/calendar.ts. */
export function referenceIsWorking(cal: BusinessCalendar, t: number): boolean {
  const d = new Date(t + TIMEZONE_OFFSETS_MINUTES[cal.timezone] * MINUTE);
  if (cal.holidays.includes(d.toISOString().slice(0, 10))) return false;
  const isoWeekday = (d.getUTCDay() || 7) as 1 | 2 | 3 | 4 | 5 | 6 | 7;
  const now = hhmm(d.getUTCHours() * 60 + d.getUTCMinutes());
  return cal.week[isoWeekday].some((i) => i.start <= now && now < i.end);
}
