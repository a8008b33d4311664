// The working calendar a profile prescribes (time zone and working week); holidays come from the
// tenant's holiday table.
import { timezoneSchema } from './calendarSchemas.ts';
import type { IndonesianTimezone, WorkingWeek } from './calendarTypes.ts';
import type { Profile } from './profile.ts';

export function calendarOfProfile(profile: Profile): { timezone: IndonesianTimezone; week: WorkingWeek } {
  return { timezone: timezoneSchema.parse(profile.calendar.timezone.value), week: profile.calendar.week.value };
}
