// The pure continuity rules: what a continuity plan lacks (classification levels), plan refusals,
// eselon, the DRP approval case's refusals and deadline, and the DRP-test calendar.
import fc from 'fast-check';
import {
  applyDrpCommand, continuityFlags, drpRefusal, drpStatusOf, drpTestCalendar, durationMs, eselonOf, meetsEselon, newDrpCase, nextDrpThreshold,
  percentToBp, planRefusal, drpDecisionDueAt, type DrpInput,
} from '../../policy/continuity.ts';
import { addWorkingMs } from '../../policy/calendar.ts';
import { getProfile } from '../../policy/profiles/index.ts';
import type { Profile } from '../../policy/profile.ts';
import { testCalendar } from '../fixtures/requests.ts';

const serang = getProfile('serang');
const dpr = getProfile('dpr');
const full = { availabilityTargetBp: 9950, rtoMs: 4 * 3_600_000, rpoMs: 3_600_000 };

test('a Kritis service in serang needs an availability target, RTO and RPO and an approved DRP', () => {
  expect(continuityFlags(serang, { classification: 'kritis', plan: null, drp: 'missing' })).toEqual(['availability_target_missing', 'rto_rpo_missing', 'drp_missing']);
  expect(continuityFlags(serang, { classification: 'kritis', plan: { ...full, rpoMs: null }, drp: 'pending' })).toEqual(['rto_rpo_missing', 'drp_unapproved']);
  expect(continuityFlags(serang, { classification: 'kritis', plan: full, drp: 'rejected' })).toEqual(['drp_unapproved']);
  expect(continuityFlags(serang, { classification: 'kritis', plan: full, drp: 'approved' })).toEqual([]);
  // Esensial: only the availability target (A.3.a); Normal: nothing.
  expect(continuityFlags(serang, { classification: 'esensial', plan: null, drp: 'missing' })).toEqual(['availability_target_missing']);
  expect(continuityFlags(serang, { classification: 'normal', plan: null, drp: 'missing' })).toEqual([]);
  // dpr has no classification levels: no flags.
  expect(continuityFlags(dpr, { classification: 'kritis', plan: null, drp: 'missing' })).toEqual([]);
});

test('the registry DRP status: an approved version wins over a newer pending one', () => {
  expect(drpStatusOf([])).toBe('missing');
  expect(drpStatusOf([{ version: 1, status: 'withdrawn' }])).toBe('missing');
  expect(drpStatusOf([{ version: 1, status: 'pending' }])).toBe('pending');
  expect(drpStatusOf([{ version: 1, status: 'rejected' }])).toBe('rejected');
  expect(drpStatusOf([{ version: 1, status: 'approved' }, { version: 2, status: 'pending' }])).toBe('approved');
  expect(drpStatusOf([{ version: 1, status: 'superseded' }, { version: 2, status: 'rejected' }, { version: 3, status: 'pending' }])).toBe('pending');
});

test('plans: RTO/RPO required for Kritis, positive RTO, percent with two decimals', () => {
  expect(durationMs({ value: 4, unit: 'hours' })).toBe(14_400_000);
  expect(durationMs({ value: 30, unit: 'minutes' })).toBe(1_800_000);
  expect(durationMs({ value: 1, unit: 'days' })).toBe(86_400_000);
  expect(percentToBp(99.5)).toBe(9950);
  expect(percentToBp(99.99)).toBe(9999);
  expect(percentToBp(100)).toBe(10_000);
  expect(percentToBp(101)).toBeNull();
  expect(percentToBp(99.999)).toBeNull();
  expect(planRefusal(serang, 'kritis', { availabilityTarget: 99, rtoMs: null, rpoMs: 0 })).toEqual({ code: 'rto_rpo_required', classification: 'kritis' });
  expect(planRefusal(serang, 'kritis', { availabilityTarget: 99, rtoMs: 0, rpoMs: 0 })).toEqual({ code: 'rto_must_be_positive' });
  expect(planRefusal(serang, 'kritis', { availabilityTarget: 101, rtoMs: 1, rpoMs: 0 })).toEqual({ code: 'availability_target_invalid' });
  expect(planRefusal(serang, 'kritis', { availabilityTarget: 99, rtoMs: 1, rpoMs: 0 })).toBeNull();
  expect(planRefusal(serang, 'esensial', { availabilityTarget: 95, rtoMs: null, rpoMs: null })).toBeNull();
});

test('a person\'s eselon is the highest among their roles; eselon I is above II', () => {
  expect(eselonOf(serang, ['service_owner'])).toBe('II');
  expect(eselonOf(serang, ['recovery_coordinator', 'head_of_unit'])).toBe('II');
  expect(eselonOf(serang, ['recovery_coordinator'])).toBe('III');
  expect(eselonOf(serang, ['technical_team'])).toBeNull();
  expect(meetsEselon('I', 'II')).toBe(true);
  expect(meetsEselon('II', 'II')).toBe(true);
  expect(meetsEselon('III', 'II')).toBe(false);
  expect(meetsEselon(null, 'II')).toBe(false);
  expect(meetsEselon(null, null)).toBe(true);
});

function drpInput(overrides: Partial<DrpInput> = {}): DrpInput {
  return {
    caseId: 'c1', tenantId: 'serang', profileId: 'serang', number: 'DRP-2026-000001', drpId: 'd1',
    service: { code: 'PERIZINAN-ONLINE', name: 'Perizinan Online', classification: 'kritis' }, version: 1, title: 'DRP Perizinan Online',
    recoveryActivities: 'Aktifkan DRC', normalisationActivities: 'Kembali ke pusat data primer', documentId: null,
    author: { username: 'pemulihan', name: 'Hendra', role: 'recovery_coordinator' }, submittedAt: Date.parse('2026-11-23T08:00:00+07:00'),
    supersedes: null, calendar: testCalendar, ...overrides,
  };
}

test('the DRP approver: the service owner (eselon II), never the author; the author withdraws', () => {
  const c = newDrpCase(drpInput(), serang);
  const decide = { action: 'decide' as const, decision: 'approve' as const };
  expect(drpRefusal(c, decide, { username: 'teknis', name: 't', roles: ['technical_team'] }, serang)).toEqual({ code: 'missing_role', roles: ['service_owner'] });
  expect(drpRefusal(c, decide, { username: 'pemulihan', name: 'p', roles: ['recovery_coordinator', 'service_owner'] }, serang)).toEqual({ code: 'segregation_of_duties' });
  expect(drpRefusal(c, decide, { username: 'penyedia', name: 'p', roles: ['service_owner'] }, serang)).toBeNull();
  expect(drpRefusal(c, { action: 'withdraw', reason: 'x' }, { username: 'penyedia', name: 'p', roles: ['service_owner'] }, serang)).toEqual({ code: 'not_drp_author' });
  // A profile whose approver role has a lower eselon than the rule asks: refused with both levels.
  const lowered: Profile = { ...serang, roles: serang.roles.map((r) => (r.id === 'service_owner' ? { ...r, eselon: 'III' as const } : r)) };
  expect(drpRefusal(c, decide, { username: 'penyedia', name: 'p', roles: ['service_owner'] }, lowered)).toEqual({ code: 'eselon_too_low', required: 'II', actual: 'III' });
  const done = applyDrpCommand(c, decide, { username: 'penyedia', name: 'p', roles: ['service_owner'] }, serang, c.input.submittedAt + 1000);
  expect(done).toMatchObject({ state: 'approved', decision: { outcome: 'approved', by: 'penyedia', role: 'service_owner' } });
  expect(drpRefusal(done, decide, { username: 'penyedia', name: 'p', roles: ['service_owner'] }, serang)).toEqual({ code: 'case_closed', state: 'approved' });
  expect(nextDrpThreshold(done)).toBeNull();
});

test('the decision is due 5 working days after the submission, with reminders at 50/75/90 %', () => {
  const c = newDrpCase(drpInput(), serang);
  const week = serang.disaster!.drpApprovalWithin.ms;
  expect(drpDecisionDueAt(c)).toBe(addWorkingMs(testCalendar, c.input.submittedAt, week));
  expect(c.clock.thresholds.map((t) => t.id)).toEqual(['warning-500', 'warning-750', 'warning-900', 'breach']);
  expect(nextDrpThreshold(c)!.dueAt).toBe(addWorkingMs(testCalendar, c.input.submittedAt, week / 2));
});

/** How many runs fall in the `length` months starting at month `start` (1–12, wrapping over years). */
function runsIn(months: number[], start: number, length: number): number {
  let n = 0;
  for (let i = 0; i < length; i++) if (months.includes(((start - 1 + i) % 12) + 1)) n++;
  return n;
}

test('the DRP-test calendar: serang once a year, 1 February 08:00 WIB', () => {
  expect(drpTestCalendar(serang)).toEqual({ months: [2], dayOfMonth: 1, hour: 8, minute: 0, timezone: 'Asia/Jakarta' });
  expect(drpTestCalendar(dpr)).toBeNull();
});

test('property: every span of perMonths months holds at least atLeast runs', () => {
  fc.assert(fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 36 }), fc.integer({ min: 1, max: 12 }), (atLeast, perMonths, start) => {
    fc.pre(atLeast <= perMonths);
    const profile = { ...serang, disaster: { ...serang.disaster!, drpTest: { ...serang.disaster!.drpTest, atLeast, perMonths } } };
    const cal = drpTestCalendar(profile)!;
    expect(runsIn(cal.months, start, perMonths)).toBeGreaterThanOrEqual(atLeast);
  }));
});
