// The monthly availability report (Formulir F) as pure rules: months in the tenant's time zone, the
// 12-month trend, the Schedule's calendar, who prepares and acknowledges, the cause required for a
// missed target, and the due instant (acknowledgeWithin after the month end, working time).
import fc from 'fast-check';
import { makeCalendar, workingMsBetween } from '../../policy/calendar.ts';
import { getProfile } from '../../policy/profiles/index.ts';
import {
  applyAvailabilityReportCommand, availabilityReportCalendar, availabilityReportRefusal, availabilityReportRoles, availabilityReportRuns, availabilityReportSnapshot,
  fireReportThreshold, formulirF, metTarget, monthAt, monthEndedBefore, newAvailabilityReportCase, nextReportThreshold, reportDueAt, shiftMonth, trendMonths, trendOf,
  type AvailabilityReportInput, type ServiceFigures,
} from '../../policy/availabilityReport.ts';
import { monthPeriod } from '../../policy/availability.ts';

const serang = getProfile('serang');
const cal = makeCalendar({ timezone: 'Asia/Jakarta', holidays: [], version: 1 });
const tech = { username: 'teknis', name: 'Dewi', roles: ['technical_team'] };
const owner = { username: 'penyedia', name: 'Bambang', roles: ['service_owner'] };
const HOUR = 3_600_000;

const figures = (code: string, bp: number, target: number | null): ServiceFigures => ({
  code, name: code, classification: 'kritis', schedule: '24x7', targetPercent: target, targetSource: target === null ? null : 'continuity_plan',
  committedMs: 720 * HOUR, downtimeMs: 0, maintenanceExcludedMs: 0, basisPoints: bp, met: metTarget(bp, target), downtime: [], maintenance: [],
  trend: trendOf(trendMonths('2026-10'), { '2026-10': bp }, target),
});
function input(): AvailabilityReportInput {
  return {
    caseId: 'c', tenantId: 'serang', profileId: 'serang', number: 'AVL-2026-000001', month: '2026-10', period: monthPeriod(2026, 10, cal),
    services: [figures('WEBSITE', 9_875, 99.5), figures('SIMPEG', 10_000, 90), figures('EMAIL-DINAS', 9_000, null)],
    trigger: 'schedule', requestedBy: null, openedAt: monthPeriod(2026, 11, cal).start + HOUR, calendar: cal,
  };
}

test('months are local: 1 November 01:00 WIB is still 31 October in UTC, and reports October', () => {
  const firstNov0100 = Date.parse('2026-11-01T01:00:00+07:00');
  expect(monthAt(firstNov0100, 'Asia/Jakarta')).toBe('2026-11');
  expect(new Date(firstNov0100).toISOString().slice(0, 7)).toBe('2026-10');
  expect(monthEndedBefore(firstNov0100, 'Asia/Jakarta')).toBe('2026-10');
  expect(monthEndedBefore(Date.parse('2027-01-01T01:00:00+09:00'), 'Asia/Jayapura')).toBe('2026-12');
  expect(shiftMonth('2026-01', -1)).toBe('2025-12');
  fc.assert(fc.property(fc.integer({ min: 2000, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: -30, max: 30 }), (y, m, d) => {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    return shiftMonth(shiftMonth(month, d), -d) === month;
  }));
});

test('the trend is the 12 months ending with the reported month, oldest first; months without a figure stay empty', () => {
  expect(trendMonths('2026-03')).toEqual(['2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03']);
  const trend = trendOf(trendMonths('2026-03'), { '2026-03': 9_949, '2026-02': 9_950 }, 99.5);
  expect(trend.at(-1)).toEqual({ month: '2026-03', basisPoints: 9_949, met: false });
  expect(trend.at(-2)).toEqual({ month: '2026-02', basisPoints: 9_950, met: true });
  expect(trend[0]).toEqual({ month: '2025-04', basisPoints: null, met: null });
  expect(metTarget(9_000, null)).toBeNull();
});

test('the Schedule fires at 01:00 local time on the 1st of every month (serang C.2.4 «setiap bulannya»)', () => {
  expect(availabilityReportCalendar(serang.availabilityReport!.frequency)).toEqual({ months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], dayOfMonth: 1, hour: 1, minute: 0 });
  expect(availabilityReportCalendar({ ...serang.availabilityReport!.frequency, atLeast: 1, perMonths: 3 }).months).toEqual([1, 4, 7, 10]);
  expect(availabilityReportRuns(serang.availabilityReport!.frequency, 2026, 'Asia/Jakarta')[10]).toBe(Date.parse('2026-11-01T01:00:00+07:00'));
});

test('the technical team prepares (a cause for every missed target), the service owner acknowledges', () => {
  expect(availabilityReportRoles(serang)).toEqual({ preparedBy: 'technical_team', acknowledgedBy: 'service_owner', escalateTo: 'head_of_unit' });
  let c = newAvailabilityReportCase(input(), serang);
  expect(availabilityReportRefusal(c, { action: 'prepare', services: [] }, owner, serang)).toEqual({ code: 'missing_role', roles: ['technical_team'] });
  expect(availabilityReportRefusal(c, { action: 'prepare', services: [] }, tech, serang)).toEqual({ code: 'cause_required', services: ['WEBSITE'] });
  expect(availabilityReportRefusal(c, { action: 'prepare', services: [{ service: 'WEBSITE', causes: '   ' }] }, tech, serang)).toEqual({ code: 'cause_required', services: ['WEBSITE'] });
  expect(availabilityReportRefusal(c, { action: 'prepare', services: [{ service: 'X', causes: 'y' }] }, tech, serang)).toEqual({ code: 'service_not_in_report', services: ['X'] });
  expect(availabilityReportRefusal(c, { action: 'acknowledge' }, owner, serang)).toEqual({ code: 'not_waiting_for_action', state: 'preparing' });
  const prepare = { action: 'prepare' as const, services: [{ service: 'WEBSITE', causes: 'Disk penuh', utilisation: 'CPU 40 %', improvements: [' UPS ', ''] }] };
  expect(availabilityReportRefusal(c, prepare, tech, serang)).toBeNull();
  c = applyAvailabilityReportCommand(c, prepare, tech, 1000);
  expect(c.state).toBe('acknowledging');
  expect(c.preparation!.services.find((s) => s.service === 'WEBSITE')).toEqual({ service: 'WEBSITE', utilisation: 'CPU 40 %', causes: 'Disk penuh', improvements: ['UPS'] });
  expect(availabilityReportRefusal(c, { action: 'acknowledge' }, tech, serang)).toEqual({ code: 'missing_role', roles: ['service_owner'] });
  c = applyAvailabilityReportCommand(c, { action: 'acknowledge', note: 'ok' }, owner, 2000);
  expect(c.state).toBe('acknowledged');
  expect(availabilityReportRefusal(c, prepare, tech, serang)).toEqual({ code: 'case_closed', state: 'acknowledged' });
  const f = formulirF(c);
  expect(f.services[0]).toMatchObject({ code: 'WEBSITE', availabilityText: '98.75', targetText: '99.50', causes: 'Disk penuh' });
  expect(f.acknowledgedBy).toMatchObject({ username: 'penyedia', note: 'ok' });
});

test('the report is due 10 working days after the month end; reminders at the warning shares, then one escalation', () => {
  let c = newAvailabilityReportCase(input(), serang);
  const due = reportDueAt(c)!;
  expect(workingMsBetween(cal, c.input.period.end, due)).toBe(serang.availabilityReport!.acknowledgeWithin.ms);
  const fired: string[] = [];
  for (let next = nextReportThreshold(c); next; next = nextReportThreshold(c)) {
    fired.push(next.threshold.id);
    c = fireReportThreshold(c, next.threshold, next.dueAt);
  }
  expect(fired.at(-1)).toBe('breach');
  expect(fired.slice(0, -1).every((id) => id.startsWith('warning-'))).toBe(true);
  expect(c.escalatedAt).toBe(due);
  const snap = availabilityReportSnapshot(c, serang, due + 1);
  expect(snap).toMatchObject({ breached: true, dueAt: new Date(due).toISOString(), waitingFor: [{ action: 'prepare', party: { kind: 'role', roles: ['technical_team'] } }] });
  expect(snap.data.missed).toEqual(['WEBSITE']);
});
