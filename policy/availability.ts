// Service availability (Ketersediaan Layanan), spec "Monitoring and availability"; serang BAB III C
// (Formulir C attributes, «Target Ketersediaan … diukur setiap bulan disajikan dalam satuan persen»):
//
//   availability = (committed operating time − downtime) / committed operating time
//
// - Committed operating time follows the agreed operating hours: 24×7 («24 jam setiap harinya
//   (termasuk akhir pekan) … 365 hari»), 24×5 («24 jam selama 5 hari kerja (Senin-jumat) … 260 hari»),
//   or the tenant's working calendar (a service offered in office hours).
// - Downtime counts only inside the committed time («durasi waktu keterjadian gangguan layanan pada
//   periode waktu operasional layanan yang disepakati»); overlapping reports (a Mayor incident and a
//   monitoring alert for the same outage) count once.
// - Scheduled maintenance is not downtime («Kegiatan pemeliharaan terjadwal yang mengakibatkan adanya
//   downtime tidak termasuk dalam perhitungan ini»).
// Pure: every instant is epoch milliseconds; local days come from the calendar's time zone.
import { workingMsBetween } from './calendar.ts';
import { TIMEZONE_OFFSETS_MINUTES, type BusinessCalendar } from './calendarTypes.ts';

export const OPERATING_SCHEDULES = ['24x7', '24x5', 'working_calendar'] as const;
export type OperatingSchedule = (typeof OPERATING_SCHEDULES)[number];

/** A half-open span of time [start, end). */
export interface Interval { start: number; end: number }

const DAY = 86_400_000;

/** Sorted, non-overlapping intervals covering exactly the union of the given ones (empty ones dropped). */
export function mergeIntervals(intervals: Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Interval[] = [];
  for (const i of sorted) {
    const last = merged.at(-1);
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else merged.push({ start: i.start, end: i.end });
  }
  return merged;
}

/** The parts of `from` not covered by `remove`. */
export function subtractIntervals(from: Interval[], remove: Interval[]): Interval[] {
  const cuts = mergeIntervals(remove);
  const out: Interval[] = [];
  for (const i of mergeIntervals(from)) {
    let start = i.start;
    for (const c of cuts) {
      if (c.end <= start || c.start >= i.end) continue;
      if (c.start > start) out.push({ start, end: c.start });
      start = Math.max(start, c.end);
      if (start >= i.end) break;
    }
    if (start < i.end) out.push({ start, end: i.end });
  }
  return out;
}

/** The parts of the intervals inside [window.start, window.end). */
export function clipIntervals(intervals: Interval[], window: Interval): Interval[] {
  return mergeIntervals(intervals.map((i) => ({ start: Math.max(i.start, window.start), end: Math.min(i.end, window.end) })));
}

function offsetMs(cal: BusinessCalendar): number {
  return TIMEZONE_OFFSETS_MINUTES[cal.timezone] * 60_000;
}

/** Whole local Monday–Friday days within the period (24×5). Holidays stay committed: 52 × 5 = 260 days a year. */
function weekdayIntervals(period: Interval, cal: BusinessCalendar): Interval[] {
  const offset = offsetMs(cal);
  const firstLocalMidnight = Math.floor((period.start + offset) / DAY) * DAY - offset;
  const days: Interval[] = [];
  for (let t = firstLocalMidnight; t < period.end; t += DAY) {
    const weekday = new Date(t + offset).getUTCDay(); // 0 Sunday … 6 Saturday, local
    if (weekday >= 1 && weekday <= 5) days.push({ start: t, end: t + DAY });
  }
  return clipIntervals(days, period);
}

/** Milliseconds of the intervals that fall in committed operating time. */
function committedPart(schedule: OperatingSchedule, intervals: Interval[], period: Interval, cal: BusinessCalendar): number {
  const inPeriod = clipIntervals(intervals, period);
  switch (schedule) {
    case '24x7':
      return sum(inPeriod);
    case '24x5': {
      const days = weekdayIntervals(period, cal);
      return sum(subtractIntervals(inPeriod, subtractIntervals([period], days)));
    }
    case 'working_calendar':
      return inPeriod.reduce((total, i) => total + workingMsBetween(cal, i.start, i.end), 0);
  }
}

function sum(intervals: Interval[]): number {
  return intervals.reduce((total, i) => total + (i.end - i.start), 0);
}

export interface AvailabilityInput {
  schedule: OperatingSchedule;
  /** The month (or any period) measured. */
  period: Interval;
  /** Outages as reported: Mayor incidents, monitoring alerts, entries by hand; may overlap. */
  downtime: Interval[];
  /** Scheduled maintenance windows (approved releases); not counted as downtime. */
  maintenance: Interval[];
  calendar: BusinessCalendar;
}

export interface AvailabilityResult {
  committedMs: number;
  /** Downtime inside committed time, overlaps merged, maintenance excluded. */
  downtimeMs: number;
  /** Reported outage time that fell in scheduled maintenance (shown, not counted). */
  maintenanceExcludedMs: number;
  /** Availability in hundredths of a percent, rounded down (9_512 = 95.12 %); null without committed time. */
  basisPoints: number | null;
}

export function measureAvailability(input: AvailabilityInput): AvailabilityResult {
  const committedMs = committedPart(input.schedule, [input.period], input.period, input.calendar);
  const outages = clipIntervals(input.downtime, input.period);
  const counted = subtractIntervals(outages, input.maintenance);
  const downtimeMs = committedPart(input.schedule, counted, input.period, input.calendar);
  const maintenanceExcludedMs = committedPart(input.schedule, outages, input.period, input.calendar) - downtimeMs;
  const basisPoints = committedMs > 0 ? Math.floor(((committedMs - downtimeMs) * 10_000) / committedMs) : null;
  return { committedMs, downtimeMs, maintenanceExcludedMs, basisPoints };
}

/** Whether an availability meets a target given in percent (serang Formulir C: «95%»). */
export function meetsTarget(basisPoints: number | null, targetPercent: number): boolean | null {
  return basisPoints === null ? null : basisPoints >= Math.round(targetPercent * 100);
}

/** The calendar month [first local midnight, next month's) in the calendar's time zone; month 1–12. */
export function monthPeriod(year: number, month: number, cal: BusinessCalendar): Interval {
  const offset = offsetMs(cal);
  return { start: Date.UTC(year, month - 1, 1) - offset, end: Date.UTC(year, month, 1) - offset };
}

/** Parses a target such as "95 %", "95%", "99.5 %"; null when the text names no percentage. */
export function parseTargetPercent(text: string | null): number | null {
  const m = text ? /^\s*(\d{1,3}(?:[.,]\d{1,3})?)\s*%\s*$/.exec(text) : null;
  if (!m) return null;
  const value = Number(m[1]!.replace(',', '.'));
  return value >= 0 && value <= 100 ? value : null;
}
