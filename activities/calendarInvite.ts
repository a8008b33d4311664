// The iCalendar invitation sent with the notices of a scheduled window (release downtime, a change's
// reserved window), so recipients can put the window in their calendars. METHOD:PUBLISH: an
// announcement, not a meeting request — nobody is asked to accept or decline. Generated with
// ical-generator; the content is a pure function of its input, so a retried send carries the same
// bytes (DTSTAMP is the notification row's creation time, not "now").
import { createHash } from 'node:crypto';
import ical, { ICalCalendarMethod } from 'ical-generator';

/** Templates whose params carry a window (windowStart/windowEnd, ISO instants) worth a calendar entry. */
export const WINDOW_TEMPLATES: ReadonlySet<string> = new Set(['release-downtime', 'change-scheduled']);

export interface CalendarInviteInput {
  template: string;
  caseId: string;
  params: Record<string, unknown>;
  /** The rendered subject and body, Bahasa Indonesia first. */
  summary: string;
  description: string;
  url: string;
  /** DTSTAMP: when the notice was first recorded. */
  stamp: Date;
}

export interface CalendarInvite { uid: string; method: 'PUBLISH'; filename: string; content: string }

/** The invitation for a window notice, or null when the template has none or the params lack the window. */
export function calendarInvite(input: CalendarInviteInput): CalendarInvite | null {
  if (!WINDOW_TEMPLATES.has(input.template)) return null;
  const start = instant(input.params.windowStart);
  const end = instant(input.params.windowEnd);
  if (!start || !end || end <= start) return null;
  // One UID per case and window: the same window announced again (a retry, another recipient)
  // updates the same calendar entry; a moved window is a new entry.
  const uid = `${createHash('sha256').update(`${input.caseId}|${start.toISOString()}|${end.toISOString()}`).digest('hex').slice(0, 32)}@sigap`;
  const calendar = ical({ prodId: { company: 'Sigap', product: 'Sigap ITSM', language: 'ID' }, method: ICalCalendarMethod.PUBLISH });
  calendar.createEvent({
    id: uid,
    // Dates as UTC instants (DTSTART:...Z): no VTIMEZONE needed, every client shows local time.
    start, end, stamp: input.stamp,
    summary: input.summary,
    description: input.description,
    url: input.url,
  });
  return { uid, method: 'PUBLISH', filename: 'jendela-waktu.ics', content: calendar.toString() };
}

function instant(value: unknown): Date | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}
