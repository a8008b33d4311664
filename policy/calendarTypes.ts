// The shape of a business calendar: working week, hours and breaks, time zone, holidays.
// Indonesia keeps no daylight saving time, so each zone is a fixed UTC offset and calendar maths
// stays integer arithmetic, deterministic in workflows. The zod schemas are in calendarSchemas.ts.
import type { z } from 'zod';
import type { holidaySchema, workingWeekSchema } from './calendarSchemas.ts';

/** WIB, WITA and WIT. */
export const TIMEZONE_OFFSETS_MINUTES = { 'Asia/Jakarta': 7 * 60, 'Asia/Makassar': 8 * 60, 'Asia/Jayapura': 9 * 60 } as const;
export type IndonesianTimezone = keyof typeof TIMEZONE_OFFSETS_MINUTES;

export type WorkingWeek = z.infer<typeof workingWeekSchema>;

export type Holiday = z.infer<typeof holidaySchema>;

/** Everything calendar maths needs. `version` changes whenever the holiday table changes. */
export interface BusinessCalendar {
  timezone: IndonesianTimezone;
  week: WorkingWeek;
  /** Local dates (YYYY-MM-DD) that are not working days. */
  holidays: string[];
  version: number;
}

/** A real calendar date in YYYY-MM-DD (2027-02-30 is not). */
export function isValidLocalDate(date: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}
