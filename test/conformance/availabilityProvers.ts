// Conformance provers of the monthly availability report (`availabilityReport.*`; serang BAB IV
// C.2.3–2.4): each runs the pure report policy (policy/availabilityReport.ts, the rules the
// availabilityReport workflow, the monthly Schedule and the API apply) against the profile's value.
import { addWorkingMs, makeCalendar } from '../../policy/calendar.ts';
import {
  applyAvailabilityReportCommand, availabilityReportCalendar, availabilityReportRefusal, availabilityReportRuns, fireReportThreshold,
  metTarget, monthEndedBefore, newAvailabilityReportCase, nextReportThreshold, reportDueAt,
  type AvailabilityReportCase, type AvailabilityReportInput,
} from '../../policy/availabilityReport.ts';
import { monthPeriod } from '../../policy/availability.ts';
import type { Profile } from '../../policy/profile.ts';
import { calendarOfProfile } from '../../policy/profileCalendar.ts';
import type { RegulatedValue } from '../../policy/profileNumbers.ts';
import type { Actor } from '../../policy/requestFulfilment.ts';
import type { Prover } from './provers.ts';

const HOUR = 3_600_000;

function fail(message: string): never {
  throw new Error(message);
}
const person = (username: string, roles: string[]): Actor => ({ username, name: username, roles });

function reportCase(profile: Profile): AvailabilityReportCase {
  const calendar = makeCalendar({ ...calendarOfProfile(profile), holidays: [], version: 1 });
  const period = monthPeriod(2026, 10, calendar);
  const input: AvailabilityReportInput = {
    caseId: 'conformance', tenantId: profile.id, profileId: profile.id, number: 'AVL-0', month: '2026-10', period, trigger: 'schedule', requestedBy: null,
    openedAt: period.end + HOUR, calendar,
    services: [{
      code: 'S', name: 'S', classification: 'kritis', schedule: '24x7', targetPercent: 99.5, targetSource: 'continuity_plan', committedMs: 744 * HOUR,
      downtimeMs: 9 * HOUR, maintenanceExcludedMs: 0, basisPoints: 9_879, met: metTarget(9_879, 99.5), downtime: [], maintenance: [], trend: [],
    }],
  };
  return newAvailabilityReportCase(input, profile);
}

const PREPARE = { action: 'prepare' as const, services: [{ service: 'S', causes: 'Disk penuh' }] };

export const AVAILABILITY_PROVERS: Array<{ pattern: RegExp; prover: Prover }> = [
  {
    pattern: /^availabilityReport\.frequency$/,
    prover: { kind: 'proof', name: 'policy/availabilityReport: the Schedule fires atLeast times in every perMonths months, on the 1st at 01:00 local time, for the month just ended', prove(profile) {
      const f = profile.availabilityReport!.frequency;
      const runs = availabilityReportRuns(f, 2026, profile.timezone);
      if (availabilityReportCalendar(f).months.length * f.perMonths < 12 * f.atLeast) fail(`${runs.length} runs a year for ${f.atLeast} per ${f.perMonths} months`);
      for (let start = 1; start + f.perMonths - 1 <= 12; start++) {
        const inWindow = availabilityReportCalendar(f).months.filter((m) => m >= start && m < start + f.perMonths).length;
        if (inWindow < f.atLeast) fail(`only ${inWindow} runs in months ${start}–${start + f.perMonths - 1}`);
      }
      // Each run reports the month that ended just before it (the 1st at 01:00 local is still the previous day in UTC).
      runs.forEach((t, i) => {
        const m = availabilityReportCalendar(f).months[i]!;
        const expected = m === 1 ? '2025-12' : `2026-${String(m - 1).padStart(2, '0')}`;
        if (monthEndedBefore(t, profile.timezone) !== expected) fail(`run ${new Date(t).toISOString()} reports ${monthEndedBefore(t, profile.timezone)}, expected ${expected}`);
      });
    } },
  },
  {
    pattern: /^availabilityReport\.preparedBy$/,
    prover: { kind: 'proof', name: 'policy/availabilityReport: only the preparedBy role prepares, and a missed target needs a cause', prove(profile, rule: RegulatedValue) {
      const role = (rule.value as { role: string }).role;
      const c = reportCase(profile);
      const other = profile.roles.find((r) => r.id !== role)!.id;
      const refused = availabilityReportRefusal(c, PREPARE, person('x', [other]), profile);
      if (refused?.code !== 'missing_role') fail(`${other} may prepare: ${JSON.stringify(refused)}`);
      if (availabilityReportRefusal(c, PREPARE, person('p', [role]), profile) !== null) fail(`${role} may not prepare`);
      const noCause = availabilityReportRefusal(c, { action: 'prepare', services: [] }, person('p', [role]), profile);
      if (noCause?.code !== 'cause_required') fail('a missed target was accepted without a cause');
    } },
  },
  {
    pattern: /^availabilityReport\.acknowledgedBy$/,
    prover: { kind: 'proof', name: 'policy/availabilityReport: only the acknowledgedBy role acknowledges a prepared report', prove(profile, rule: RegulatedValue) {
      const role = (rule.value as { role: string }).role;
      const preparer = profile.availabilityReport!.preparedBy.role;
      const c = applyAvailabilityReportCommand(reportCase(profile), PREPARE, person('p', [preparer]), Date.now());
      const refused = availabilityReportRefusal(c, { action: 'acknowledge' }, person('p', [preparer]), profile);
      if (preparer !== role && refused?.code !== 'missing_role') fail(`the preparer may acknowledge: ${JSON.stringify(refused)}`);
      if (availabilityReportRefusal(c, { action: 'acknowledge' }, person('a', [role]), profile) !== null) fail(`${role} may not acknowledge`);
      const done = applyAvailabilityReportCommand(c, { action: 'acknowledge' }, person('a', [role]), Date.now());
      if (done.state !== 'acknowledged') fail(`acknowledged report is ${done.state}`);
    } },
  },
  {
    pattern: /^availabilityReport\.acknowledgeWithin$/,
    prover: { kind: 'proof', name: 'policy/availabilityReport: the report is due exactly acknowledgeWithin after the month end; the escalation fires at that instant, not before', prove(profile) {
      const within = profile.availabilityReport!.acknowledgeWithin;
      let c = reportCase(profile);
      const expected = within.basis === 'working' ? addWorkingMs(c.calendar, c.input.period.end, within.ms) : c.input.period.end + within.ms;
      if (reportDueAt(c) !== expected) fail(`due ${reportDueAt(c)} instead of ${expected}`);
      for (let next = nextReportThreshold(c); next; next = nextReportThreshold(c)) {
        if (next.threshold.kind === 'breach') {
          if (next.dueAt !== expected) fail(`escalation at ${next.dueAt} instead of ${expected}`);
          c = fireReportThreshold(c, next.threshold, next.dueAt);
          if (c.escalatedAt !== expected) fail('escalation not recorded at the deadline');
        } else {
          if (next.dueAt >= expected) fail(`reminder ${next.threshold.id} at or after the deadline`);
          c = fireReportThreshold(c, next.threshold, next.dueAt);
        }
      }
      if (c.escalatedAt === null) fail('no escalation');
    } },
  },
];
