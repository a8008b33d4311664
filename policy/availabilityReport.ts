// The monthly availability report (Laporan Ketersediaan Layanan, Formulir F) as pure rules; serang
// BAB IV C.2.3–2.4, yogyakarta Tabel 7, kemenkeu Lampiran II G.1.
//
//   preparing --prepare (preparedBy: Pengelola Teknis)--> acknowledging --acknowledge (acknowledgedBy: Penyedia Layanan)--> acknowledged
//
// - serang C.2.4 «Laporan Ketersediaan Layanan dipersiapkan oleh Pengelola Teknis setiap bulannya
//   serta diketahui oleh Penyedia Layanan»: a Temporal Schedule opens one report per month for the
//   month just ended, with the measured figures per service (policy/availability.ts).
// - serang C.2.3 b–c: the technical team adds the utilisation of resources (CPU, RAM, storage,
//   bandwidth), the causes of a missed target and improvement opportunities. A cause is required for
//   every service that missed its target (Sigap rule: a miss without a cause cannot be evaluated).
// - The report is due `acknowledgeWithin` after the month ends (working time; Sigap default where
//   the regulation sets none); reminders at the SLA warning shares, one escalation at the deadline.
// - On acknowledgement the workflow renders Formulir F and stores it as a document.
import { addWorkingMs } from './calendar.ts';
import { TIMEZONE_OFFSETS_MINUTES, type BusinessCalendar, type IndonesianTimezone } from './calendarTypes.ts';
import type { CaseInputBase } from './caseInput.ts';
import type { OperatingSchedule } from './availability.ts';
import type { Frequency, Profile } from './profile.ts';
import type { Actor } from './requestFulfilment.ts';
import { clockView, markFired, startClock, stopClock, type SlaClock, type Threshold } from './sla.ts';

export const AVAILABILITY_REPORT_STATES = ['preparing', 'acknowledging', 'acknowledged'] as const;
export type AvailabilityReportState = (typeof AVAILABILITY_REPORT_STATES)[number];

/** What one outage or maintenance window was, for the «penyebab» column and the audit. */
export interface AvailabilitySource {
  kind: 'incident' | 'alert' | 'manual' | 'disaster' | 'release';
  /** Case number (incident, release, disaster), alert name or the downtime entry's id. */
  ref: string;
  start: string;
  end: string;
  /** Still open when measured (the end is the measurement instant or the period end). */
  open: boolean;
  cause: string | null;
}

export interface TrendPoint { month: string; basisPoints: number | null; met: boolean | null }

/** The measured figures of one service for the month (computed by the activity at the intake). */
export interface ServiceFigures {
  code: string;
  name: string;
  classification: string | null;
  schedule: OperatingSchedule;
  /** Percent (e.g. 99.5); null when the service has no agreed target. */
  targetPercent: number | null;
  targetSource: 'continuity_plan' | 'catalogue' | null;
  committedMs: number;
  downtimeMs: number;
  maintenanceExcludedMs: number;
  basisPoints: number | null;
  met: boolean | null;
  downtime: AvailabilitySource[];
  maintenance: AvailabilitySource[];
  /** The last 12 months, oldest first, ending with the reported month. */
  trend: TrendPoint[];
}

export interface AvailabilityReportInput extends CaseInputBase {
  /** YYYY-MM, the month reported. */
  month: string;
  period: { start: number; end: number };
  services: ServiceFigures[];
  trigger: 'schedule' | 'manual';
  requestedBy: { username: string; name: string } | null;
  openedAt: number;
  calendar: BusinessCalendar;
}

export interface ServicePreparation { service: string; utilisation: string | null; causes: string | null; improvements: string[] }

export interface AvailabilityReportCase {
  input: AvailabilityReportInput;
  state: AvailabilityReportState;
  preparation: { by: string; name: string; at: number; services: ServicePreparation[] } | null;
  acknowledgement: { by: string; name: string; at: number; note: string | null } | null;
  /** The report's due clock from the month end (acknowledgeWithin). */
  clock: SlaClock | null;
  escalatedAt: number | null;
  document: { documentId: string; sha256: string } | null;
  calendar: BusinessCalendar;
  closedAt: number | null;
  seq: number;
}

export type AvailabilityReportCommand =
  | { action: 'prepare'; services: Array<{ service: string; utilisation?: string | undefined; causes?: string | undefined; improvements?: string[] | undefined }> }
  | { action: 'acknowledge'; note?: string | undefined };
export type AvailabilityReportAction = AvailabilityReportCommand['action'];
export const AVAILABILITY_REPORT_ACTIONS: readonly AvailabilityReportAction[] = ['prepare', 'acknowledge'];

export type AvailabilityReportRefusal =
  | { code: 'not_waiting_for_action'; state: AvailabilityReportState }
  | { code: 'case_closed'; state: AvailabilityReportState }
  | { code: 'missing_role'; roles: string[] }
  | { code: 'cause_required'; services: string[] }
  | { code: 'service_not_in_report'; services: string[] };

// ---- who does what --------------------------------------------------------------------------------

export function availabilityReportRoles(profile: Profile): { preparedBy: string; acknowledgedBy: string; escalateTo: string } {
  const r = profile.availabilityReport;
  if (!r) throw new RangeError(`profile ${profile.id} has no availability report`);
  // Sigap default: the overdue report escalates to the head of the IT unit, else to the acknowledger.
  const escalateTo = profile.roles.some((x) => x.id === 'head_of_unit') ? 'head_of_unit' : r.acknowledgedBy.role;
  return { preparedBy: r.preparedBy.role, acknowledgedBy: r.acknowledgedBy.role, escalateTo };
}

// ---- months ------------------------------------------------------------------------------------

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function parseMonth(month: string): { year: number; month: number } | null {
  const m = MONTH_RE.exec(month);
  return m ? { year: Number(m[1]), month: Number(m[2]) } : null;
}

export function formatMonth(year: number, month: number): string {
  const d = new Date(Date.UTC(year, month - 1, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The month `delta` months from `month` (YYYY-MM). */
export function shiftMonth(month: string, delta: number): string {
  const p = parseMonth(month);
  if (!p) throw new RangeError(`not a month: ${month}`);
  return formatMonth(p.year, p.month + delta);
}

/** The local month (YYYY-MM) an instant falls in, in the tenant's time zone. */
export function monthAt(t: number, timezone: string): string {
  const local = new Date(t + offsetMs(timezone));
  return formatMonth(local.getUTCFullYear(), local.getUTCMonth() + 1);
}

/** The month that ended last before the instant (the Schedule fires on the 1st: the previous month). */
export function monthEndedBefore(t: number, timezone: string): string {
  return shiftMonth(monthAt(t, timezone), -1);
}

/** The 12 months ending with `month`, oldest first (the trend of Formulir F). */
export function trendMonths(month: string, count = 12): string[] {
  return Array.from({ length: count }, (_, i) => shiftMonth(month, i - count + 1));
}

const MONTH_NAMES_ID = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
const MONTH_NAMES_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function monthLabel(month: string): { id: string; en: string } {
  const p = parseMonth(month)!;
  return { id: `${MONTH_NAMES_ID[p.month - 1]} ${p.year}`, en: `${MONTH_NAMES_EN[p.month - 1]} ${p.year}` };
}

function offsetMs(timezone: string): number {
  return (TIMEZONE_OFFSETS_MINUTES[timezone as IndonesianTimezone] ?? 7 * 60) * 60_000;
}

// ---- the Schedule --------------------------------------------------------------------------------

/**
 * When the report opens (the Temporal Schedule's calendar spec): 01:00 local time on the 1st of each
 * month the frequency calls for (monthly for every profile: serang C.2.4 «setiap bulannya»). A
 * frequency of `atLeast` per `perMonths` months is every perMonths/atLeast months (rounded down, at
 * least monthly), starting in January.
 */
export function availabilityReportCalendar(frequency: Frequency): { months: number[]; dayOfMonth: 1; hour: 1; minute: 0 } {
  const every = Math.max(1, Math.floor(frequency.perMonths / frequency.atLeast));
  const months = Array.from({ length: 12 }, (_, i) => i + 1).filter((m) => (m - 1) % every === 0);
  return { months, dayOfMonth: 1, hour: 1, minute: 0 };
}

/** The instants the calendar fires in a local year (for proofs and the API's description). */
export function availabilityReportRuns(frequency: Frequency, year: number, timezone: string): number[] {
  const spec = availabilityReportCalendar(frequency);
  return spec.months.map((m) => Date.UTC(year, m - 1, spec.dayOfMonth, spec.hour, spec.minute) - offsetMs(timezone));
}

// ---- the trend ----------------------------------------------------------------------------------

/** Whether a measured availability meets a target in percent (the same rounding as policy/availability meetsTarget). */
export function metTarget(basisPoints: number | null, targetPercent: number | null): boolean | null {
  if (basisPoints === null || targetPercent === null) return null;
  return basisPoints >= Math.round(targetPercent * 100);
}

/** The trend points of the given months from measured figures (months without a figure stay null). */
export function trendOf(months: string[], measured: Record<string, number | null>, targetPercent: number | null): TrendPoint[] {
  return months.map((month) => {
    const bp = measured[month] ?? null;
    return { month, basisPoints: bp, met: metTarget(bp, targetPercent) };
  });
}

/** Services of the report that missed their target. */
export function missedServices(input: Pick<AvailabilityReportInput, 'services'>): string[] {
  return input.services.filter((s) => s.met === false).map((s) => s.code);
}

// ---- the case ------------------------------------------------------------------------------------

export function newAvailabilityReportCase(input: AvailabilityReportInput, profile: Profile): AvailabilityReportCase {
  const within = profile.availabilityReport?.acknowledgeWithin;
  const clock = within
    ? startClock({ id: 'acknowledge', targetMs: within.ms, basis: within.basis, warningPermille: profile.sla.warningPermille.value }, input.period.end)
    : null;
  return {
    input, state: 'preparing', preparation: null, acknowledgement: null, clock, escalatedAt: null, document: null,
    calendar: input.calendar, closedAt: null, seq: 0,
  };
}

export function isAvailabilityReportClosed(c: AvailabilityReportCase): boolean {
  return c.state === 'acknowledged';
}

export function availabilityReportRefusal(c: AvailabilityReportCase, cmd: AvailabilityReportCommand, actor: Actor, profile: Profile): AvailabilityReportRefusal | null {
  if (isAvailabilityReportClosed(c)) return { code: 'case_closed', state: c.state };
  const roles = availabilityReportRoles(profile);
  const needRole = (role: string): AvailabilityReportRefusal | null => (actor.roles.includes(role) ? null : { code: 'missing_role', roles: [role] });
  switch (cmd.action) {
    case 'prepare': {
      // The technical team may correct its preparation until the service owner has acknowledged it.
      const missing = needRole(roles.preparedBy);
      if (missing) return missing;
      const known = new Set(c.input.services.map((s) => s.code));
      const unknown = cmd.services.map((s) => s.service).filter((s) => !known.has(s));
      if (unknown.length) return { code: 'service_not_in_report', services: unknown };
      const withCause = new Set(cmd.services.filter((s) => (s.causes ?? '').trim() !== '').map((s) => s.service));
      const noCause = missedServices(c.input).filter((s) => !withCause.has(s));
      return noCause.length ? { code: 'cause_required', services: noCause } : null;
    }
    case 'acknowledge': {
      if (c.state !== 'acknowledging') return { code: 'not_waiting_for_action', state: c.state };
      return needRole(roles.acknowledgedBy);
    }
  }
}

/** The role `actor` acts in: the preparer's or the acknowledger's role when held, else their first. */
export function availabilityReportActingRole(cmd: AvailabilityReportCommand, actor: Actor, profile: Profile): string | null {
  const roles = availabilityReportRoles(profile);
  const role = cmd.action === 'prepare' ? roles.preparedBy : roles.acknowledgedBy;
  return actor.roles.includes(role) ? role : actor.roles[0] ?? null;
}

export function applyAvailabilityReportCommand(c: AvailabilityReportCase, cmd: AvailabilityReportCommand, actor: Actor, now: number): AvailabilityReportCase {
  switch (cmd.action) {
    case 'prepare': {
      const given = new Map(cmd.services.map((s) => [s.service, s]));
      const services = c.input.services.map((s): ServicePreparation => {
        const g = given.get(s.code);
        return { service: s.code, utilisation: blank(g?.utilisation), causes: blank(g?.causes), improvements: (g?.improvements ?? []).map((x) => x.trim()).filter(Boolean) };
      });
      return { ...c, state: 'acknowledging', preparation: { by: actor.username, name: actor.name, at: now, services } };
    }
    case 'acknowledge':
      return {
        ...c, state: 'acknowledged', closedAt: now, clock: c.clock ? stopClock(c.clock, now, c.calendar) : null,
        acknowledgement: { by: actor.username, name: actor.name, at: now, note: blank(cmd.note) },
      };
  }
}

function blank(v: string | undefined): string | null {
  const t = v?.trim();
  return t ? t : null;
}

export function withDocument(c: AvailabilityReportCase, document: { documentId: string; sha256: string }): AvailabilityReportCase {
  return { ...c, document };
}

// ---- the due clock --------------------------------------------------------------------------------

function thresholdDueAt(clock: SlaClock, t: Threshold, cal: BusinessCalendar): number {
  return clock.basis === 'working' ? addWorkingMs(cal, clock.startedAt, t.atMs) : clock.startedAt + t.atMs;
}

/** When the report is due: acknowledgeWithin after the month end (working time on the tenant calendar). */
export function reportDueAt(c: AvailabilityReportCase): number | null {
  return c.clock ? thresholdDueAt(c.clock, { id: 'breach', kind: 'breach', atMs: c.clock.targetMs }, c.calendar) : null;
}

/** The next reminder or the deadline while the report is not acknowledged. */
export function nextReportThreshold(c: AvailabilityReportCase): { threshold: Threshold; dueAt: number } | null {
  const clock = c.clock;
  if (!clock || isAvailabilityReportClosed(c)) return null;
  const first = clock.thresholds.find((t) => !clock.fired.includes(t.id));
  return first ? { threshold: first, dueAt: thresholdDueAt(clock, first, c.calendar) } : null;
}

/** Every pending threshold of the report clock with its due instant (issue 8 reminder timing). */
export function pendingReportThresholds(c: AvailabilityReportCase): Array<{ threshold: Threshold; dueAt: number }> {
  const clock = c.clock;
  if (!clock || isAvailabilityReportClosed(c)) return [];
  return clock.thresholds.filter((t) => !clock.fired.includes(t.id)).map((t) => ({ threshold: t, dueAt: thresholdDueAt(clock, t, c.calendar) }));
}

export function fireReportThreshold(c: AvailabilityReportCase, t: Threshold, now: number): AvailabilityReportCase {
  return { ...c, clock: markFired(c.clock!, t.id), escalatedAt: t.kind === 'breach' ? now : c.escalatedAt };
}

// ---- read model ------------------------------------------------------------------------------------

export function availabilityReportWaitingFor(c: AvailabilityReportCase, profile: Profile): Array<{ action: AvailabilityReportAction; roles: string[] }> {
  const roles = availabilityReportRoles(profile);
  switch (c.state) {
    case 'preparing': return [{ action: 'prepare', roles: [roles.preparedBy] }];
    case 'acknowledging': return [{ action: 'acknowledge', roles: [roles.acknowledgedBy] }, { action: 'prepare', roles: [roles.preparedBy] }];
    default: return [];
  }
}

const iso = (t: number) => new Date(t).toISOString();
const isoOr = (t: number | null) => (t === null ? null : iso(t));

/** Percent text of basis points, two decimals ("99.52"); "-" without a figure. */
export function percentText(bp: number | null): string {
  return bp === null ? '-' : (bp / 100).toFixed(2);
}

export function availabilityReportSnapshot(c: AvailabilityReportCase, profile: Profile, now: number) {
  const roles = availabilityReportRoles(profile);
  const view = c.clock ? clockView(c.clock, Math.max(now, c.clock.startedAt), c.calendar) : null;
  const due = reportDueAt(c);
  const prepared = new Map((c.preparation?.services ?? []).map((s) => [s.service, s]));
  return {
    state: c.state,
    priority: null as string | null,
    assignee: c.preparation?.by ?? null,
    waitingFor: availabilityReportWaitingFor(c, profile).map((w) => ({ action: w.action, party: { kind: 'role' as const, roles: w.roles } })),
    sla: c.clock ? [c.clock] as unknown[] : [],
    dueAt: isAvailabilityReportClosed(c) || due === null ? null : iso(due),
    breached: view?.breached ?? false,
    slaMet: view && view.stopped ? !view.breached : null,
    closedAt: isoOr(c.closedAt),
    data: {
      month: c.input.month, label: monthLabel(c.input.month),
      period: { start: iso(c.input.period.start), end: iso(c.input.period.end) },
      trigger: c.input.trigger, requestedBy: c.input.requestedBy, openedAt: iso(c.input.openedAt),
      preparedByRole: roles.preparedBy, acknowledgedByRole: roles.acknowledgedBy,
      services: c.input.services.map((s) => ({
        ...s, availabilityPercent: s.basisPoints === null ? null : s.basisPoints / 100,
        utilisation: prepared.get(s.code)?.utilisation ?? null, causes: prepared.get(s.code)?.causes ?? null, improvements: prepared.get(s.code)?.improvements ?? [],
      })),
      missed: missedServices(c.input),
      preparation: c.preparation ? { by: c.preparation.by, name: c.preparation.name, at: iso(c.preparation.at) } : null,
      acknowledgement: c.acknowledgement ? { ...c.acknowledgement, at: iso(c.acknowledgement.at) } : null,
      dueAt: due === null ? null : iso(due), dueClock: view, escalatedAt: isoOr(c.escalatedAt),
      document: c.document,
      closedAt: isoOr(c.closedAt),
    },
  };
}
export type AvailabilityReportSnapshot = ReturnType<typeof availabilityReportSnapshot>;

// ---- Formulir F ------------------------------------------------------------------------------------

/** What Formulir F shows (serang Lampiran Formulir F; C.2.3 a–c), rendered by activities/availability.ts. */
export interface FormulirF {
  number: string;
  month: string;
  label: { id: string; en: string };
  period: { start: string; end: string };
  services: Array<ServiceFigures & { availabilityText: string; targetText: string; utilisation: string | null; causes: string | null; improvements: string[] }>;
  preparedBy: { username: string; name: string; at: string } | null;
  acknowledgedBy: { username: string; name: string; at: string; note: string | null } | null;
}

export function formulirF(c: AvailabilityReportCase): FormulirF {
  const prepared = new Map((c.preparation?.services ?? []).map((s) => [s.service, s]));
  return {
    number: c.input.number, month: c.input.month, label: monthLabel(c.input.month),
    period: { start: iso(c.input.period.start), end: iso(c.input.period.end) },
    services: c.input.services.map((s) => ({
      ...s, availabilityText: percentText(s.basisPoints), targetText: s.targetPercent === null ? '-' : s.targetPercent.toFixed(2),
      utilisation: prepared.get(s.code)?.utilisation ?? null, causes: prepared.get(s.code)?.causes ?? null, improvements: prepared.get(s.code)?.improvements ?? [],
    })),
    preparedBy: c.preparation ? { username: c.preparation.by, name: c.preparation.name, at: iso(c.preparation.at) } : null,
    acknowledgedBy: c.acknowledgement ? { username: c.acknowledgement.by, name: c.acknowledgement.name, at: iso(c.acknowledgement.at), note: c.acknowledgement.note } : null,
  };
}
