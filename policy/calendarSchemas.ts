// The business calendar's zod schemas, for validating what comes in (profiles, the holiday table, API
// bodies). Kept apart from calendarTypes.ts so the workflow bundle, which imports only the types and
// the calendar maths, never loads zod: every workflow re-evaluates its bundle's modules.
import { z } from 'zod';

export const timezoneSchema = z.enum(['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura']);

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM');
/** One working stretch of a day in local time, [start, end). Breaks are the gaps between stretches. */
export const intervalSchema = z.object({ start: hhmm, end: hhmm }).refine((i) => i.start < i.end, 'start must be before end');

/** ISO weekday 1 (Monday) … 7 (Sunday) → working stretches, in order, not overlapping. */
export const workingWeekSchema = z.object({
  1: z.array(intervalSchema), 2: z.array(intervalSchema), 3: z.array(intervalSchema), 4: z.array(intervalSchema),
  5: z.array(intervalSchema), 6: z.array(intervalSchema), 7: z.array(intervalSchema),
});

export const holidaySchema = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD'),
  kind: z.enum(['national', 'cuti_bersama', 'agency']),
  name: z.string().min(1).max(200),
  /** The decree it comes from, e.g. "SKB 3 Menteri No. 1497/2/5 Tahun 2025". */
  source: z.string().max(300).optional(),
});
