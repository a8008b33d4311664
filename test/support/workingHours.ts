// Fixed local instants for time-skipping tests whose outcome depends on working hours (reminders wait
// for them, policy/reminderHours.ts): the test server starts at the wall clock, so a test picks "the
// next Tuesday 08:00 WIB in a week without holidays" and skips the server's clock there.
import { isWorkingDay, localDateOf } from '../../policy/calendar.ts';
import { TIMEZONE_OFFSETS_MINUTES, type BusinessCalendar } from '../../policy/calendarTypes.ts';

const DAY = 86_400_000;
const MINUTE = 60_000;

/**
 * The instant of local time `hhmm` on the first ISO `weekday` (1 = Monday … 7 = Sunday) strictly after
 * the local date of `from`, such that every Monday–Friday of the `quietDays` days from it is a working
 * day of the calendar (no holiday in the way of the test's reasoning).
 */
export function nextLocal(cal: BusinessCalendar, from: number, weekday: number, hhmm: string, quietDays = 14): number {
  const offset = TIMEZONE_OFFSETS_MINUTES[cal.timezone] * MINUTE;
  const minutes = Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  const iso = (d: number) => ((((d + 3) % 7) + 7) % 7) + 1; // day 0 (1970-01-01) was a Thursday
  const date = (d: number) => localDateOf(cal, d * DAY - offset);
  for (let d = Math.floor((from + offset) / DAY) + 1; ; d++) {
    if (iso(d) !== weekday) continue;
    let quiet = true;
    for (let k = 0; k < quietDays && quiet; k++) if (iso(d + k) <= 5 && !isWorkingDay(cal, date(d + k))) quiet = false;
    if (quiet) return d * DAY - offset + minutes * MINUTE;
  }
}

/** Skips the time-skipping server's clock forward to `t`. */
export async function skipTo(env: { currentTimeMs(): Promise<number>; sleep(ms: number): Promise<void> }, t: number): Promise<void> {
  const now = await env.currentTimeMs();
  if (t < now) throw new Error(`skipTo: ${new Date(t).toISOString()} is in the past of the test server (${new Date(now).toISOString()})`);
  if (t > now) await env.sleep(t - now);
}
