// The shape of a business calendar: working week, hours and breaks, time zone, holidays.
// Indonesia keeps no daylight saving time, so each zone is a fixed UTC offset and calendar maths
// stays integer arithmetic, deterministic in workflows.
import { z } from 'zod';

/** WIB, WITA and WIT. */
export const TIMEZONE_OFFSETS_MINUTES = { 'Asia/Jakarta': 7 * 60, 'Asia/Makassar': 8 * 60, 'Asia/Jayapura': 9 * 60 } as const;
export type IndonesianTimezone = keyof typeof TIMEZONE_OFFSETS_MINUTES;
export const timezoneSchema = z.enum(['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura']);

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM');
/** One working stretch of a day in local time, [start, end). Breaks are the gaps between stretches. */
export const intervalSchema = z.object({ start: hhmm, end: hhmm }).refine((i) => i.start < i.end, 'start must be before end');

/** ISO weekday 1 (Monday) … 7 (Sunday) → working stretches, in order, not overlapping. */
export const workingWeekSchema = z.object({
  1: z.array(intervalSchema), 2: z.array(intervalSchema), 3: z.array(intervalSchema), 4: z.array(intervalSchema),
  5: z.array(intervalSchema), 6: z.array(intervalSchema), 7: z.array(intervalSchema),
});
export type WorkingWeek = z.infer<typeof workingWeekSchema>;

export const holidaySchema = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD'),
  kind: z.enum(['national', 'cuti_bersama', 'agency']),
  name: z.string().min(1).max(200),
  /** The decree it comes from, e.g. "SKB 3 Menteri No. 1497/2/5 Tahun 2025". */
  source: z.string().max(300).optional(),
});
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
