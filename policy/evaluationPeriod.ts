// The periods of the semester evaluation (serang BAB IV E.1 «dilaksanakan setiap 6 (enam) bulan
// sekali»; yogyakarta 2.3; a yearly cadence for profiles that evaluate once a year). Pure: the
// workflow, the Schedule and the API share these, so every caller names the same period.
// A period is whole local days in the tenant's time zone, half-open as instants: [from, to).
import { isValidLocalDate, TIMEZONE_OFFSETS_MINUTES, type IndonesianTimezone } from './calendarTypes.ts';
import type { EvaluationPeriod } from './evaluationFigures.ts';

export type PeriodErrorCode = 'period_ends_before_start' | 'invalid_period';

/** Bad period input; the API maps `code` to a 400 problem. */
export class EvaluationPeriodError extends RangeError {
  readonly code: PeriodErrorCode;
  constructor(code: PeriodErrorCode, message: string) {
    super(message);
    this.name = 'EvaluationPeriodError';
    this.code = code;
  }
}

export type PeriodSpec = string | { fromDate: string; toDate: string };
/** Only `atLeast` and `perMonths` matter (profile.evaluation.cadence). */
export interface CadenceLike { atLeast: number; perMonths: number }

const DAY = 86_400_000;
const LABEL_RE = /^(\d{4})(?:-S([12]))?$/;
const ROMAN = ['I', 'II'];
const MONTHS_ID = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function offsetMs(timezone: string): number {
  return (TIMEZONE_OFFSETS_MINUTES[timezone as IndonesianTimezone] ?? 7 * 60) * 60_000;
}

function dateOf(t: number, timezone: string): string {
  return new Date(t + offsetMs(timezone)).toISOString().slice(0, 10);
}

function localMidnight(date: string, timezone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) - offsetMs(timezone);
}

function lastDayOfMonth(year: number, month: number): string {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

function longDate(date: string): { id: string; en: string } {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return { id: `${d} ${MONTHS_ID[m - 1]} ${y}`, en: `${d} ${MONTHS_EN[m - 1]} ${y}` };
}

/** Months per period of a cadence ("at least once every 6 months" → 6), at least 1, at most 12. */
export function periodMonths(cadence: CadenceLike): number {
  return Math.min(12, Math.max(1, Math.floor(cadence.perMonths / cadence.atLeast)));
}

/** The months (1–12) in which a period starts: semester → [1, 7], yearly → [1]. The Schedule fires in them. */
export function periodStartMonths(cadence: CadenceLike): number[] {
  const every = periodMonths(cadence);
  return Array.from({ length: 12 }, (_, i) => i + 1).filter((m) => (m - 1) % every === 0);
}

function titleOf(label: string | null, fromDate: string, toDate: string): { id: string; en: string } {
  const m = label ? LABEL_RE.exec(label) : null;
  if (m && m[2]) return { id: `Semester ${ROMAN[Number(m[2]) - 1]} ${m[1]}`, en: `Semester ${ROMAN[Number(m[2]) - 1]} ${m[1]}` };
  if (m) return { id: `Tahun ${m[1]}`, en: `Year ${m[1]}` };
  const a = longDate(fromDate);
  const b = longDate(toDate);
  return { id: `${a.id} – ${b.id}`, en: `${a.en} – ${b.en}` };
}

function build(fromDate: string, toDate: string, label: string | null, timezone: string): EvaluationPeriod {
  return {
    from: new Date(localMidnight(fromDate, timezone)).toISOString(),
    to: new Date(localMidnight(toDate, timezone) + DAY).toISOString(),
    fromDate, toDate, label, title: titleOf(label, fromDate, toDate),
  };
}

/**
 * The period named by a label ("2026-S1" = 1 Jan–30 Jun, "2026-S2" = 1 Jul–31 Dec, "2026" = the
 * year) or by local dates (toDate inclusive). Dates that are a semester or a year get its label.
 * Throws EvaluationPeriodError: `invalid_period`, or `period_ends_before_start` when from > to.
 */
export function periodOf(spec: PeriodSpec, timezone: string): EvaluationPeriod {
  if (typeof spec === 'string') {
    const m = LABEL_RE.exec(spec);
    if (!m) throw new EvaluationPeriodError('invalid_period', `not a period label (YYYY-S1, YYYY-S2 or YYYY): ${spec}`);
    const year = Number(m[1]);
    const half = m[2] ? Number(m[2]) : null;
    const fromMonth = half === 2 ? 7 : 1;
    const toMonth = half === 1 ? 6 : 12;
    return build(`${m[1]}-${String(fromMonth).padStart(2, '0')}-01`, lastDayOfMonth(year, toMonth), spec, timezone);
  }
  const { fromDate, toDate } = spec;
  if (!isValidLocalDate(fromDate) || !isValidLocalDate(toDate)) throw new EvaluationPeriodError('invalid_period', `not a date (YYYY-MM-DD): ${fromDate} / ${toDate}`);
  if (fromDate > toDate) throw new EvaluationPeriodError('period_ends_before_start', `the period ends (${toDate}) before it starts (${fromDate})`);
  return build(fromDate, toDate, labelOfDates(fromDate, toDate), timezone);
}

/** "2026-S1", "2026-S2" or "2026" when the dates are exactly that period; else null. */
export function labelOfDates(fromDate: string, toDate: string): string | null {
  const year = fromDate.slice(0, 4);
  if (toDate.slice(0, 4) !== year) return null;
  if (fromDate === `${year}-01-01` && toDate === `${year}-06-30`) return `${year}-S1`;
  if (fromDate === `${year}-07-01` && toDate === `${year}-12-31`) return `${year}-S2`;
  if (fromDate === `${year}-01-01` && toDate === `${year}-12-31`) return year;
  return null;
}

/** The period of the cadence that contains the instant (local time). */
export function periodContaining(instant: number, cadence: CadenceLike, timezone: string): EvaluationPeriod {
  const date = dateOf(instant, timezone);
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const every = periodMonths(cadence);
  const startMonth = Math.floor((month - 1) / every) * every + 1;
  const endMonth = Math.min(12, startMonth + every - 1);
  return periodOf({ fromDate: `${year}-${String(startMonth).padStart(2, '0')}-01`, toDate: lastDayOfMonth(year, endMonth) }, timezone);
}

/**
 * The period that ended last before the instant: what the Schedule evaluates when it fires on
 * 1 January / 1 July (semester) or 1 January (yearly).
 */
export function periodEndedBefore(instant: number, cadence: CadenceLike, timezone: string): EvaluationPeriod {
  const current = periodContaining(instant, cadence, timezone);
  return periodContaining(localMidnight(current.fromDate, timezone) - 1, cadence, timezone);
}

/** The period is over at the instant (an evaluation of a running period would count half of it). */
export function periodHasEnded(period: EvaluationPeriod, instant: number): boolean {
  return Date.parse(period.to) <= instant;
}

/** The calendar months (YYYY-MM) the period touches, oldest first (the monthly trend). */
export function periodMonthsList(period: EvaluationPeriod): string[] {
  const out: string[] = [];
  let y = Number(period.fromDate.slice(0, 4));
  let m = Number(period.fromDate.slice(5, 7));
  const last = period.toDate.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push(key);
    if (key >= last) return out;
    m += 1;
    if (m > 12) { m = 1; y += 1; }
  }
}
