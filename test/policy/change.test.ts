// The pure rules of change management: calendar months in the tenant's time zone, the forum's
// outcome, windows, who may cancel, release progress and the profile checks of the new fields.
import fc from 'fast-check';
import {
  addCalendarMonths, applyChangeCommand, applyReleaseProgress, approvalOutcome, changeEscalationRole, changeInitiatorRoles, changeRefusal, changeSnapshot,
  changeWaitingFor, designTransitionRole, highImpactRefusal, newChangeCase, windowRefusal, type ChangeInput, type Vote,
} from '../../policy/change.ts';
import { defineProfile, type ProfileInput } from '../../policy/profile.ts';
import { getProfile } from '../../policy/profiles/index.ts';
import { testCalendar } from '../fixtures/requests.ts';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-23T08:00:00+07:00');
const serang = getProfile('serang');
const input = (overrides: Partial<ChangeInput> = {}): ChangeInput => ({
  caseId: 'c', tenantId: 'serang', profileId: 'serang', number: 'CHG-2026-000001', title: 't', reason: 'r', category: 'normal', kind: null,
  services: [{ code: 'WEBSITE', name: 'Website' }], configurationItems: [], riskAnalysis: 'r', implementationPlan: 'p',
  window: { start: T0 + 48 * HOUR, end: T0 + 50 * HOUR }, standardChange: null, origin: null,
  initiator: { username: 'teknis', name: 'Teknis', role: 'technical_team' }, submittedAt: T0, conflicts: [], calendar: testCalendar, ...overrides,
});
const who = (username: string, roles: string[]) => ({ username, name: username, roles });

test('calendar months are counted on local dates of the tenant time zone, clamped to the month end', () => {
  expect(addCalendarMonths(Date.parse('2026-01-31T10:00:00+07:00'), 1, 'Asia/Jakarta')).toBe(Date.parse('2026-02-28T10:00:00+07:00'));
  expect(addCalendarMonths(Date.parse('2026-11-30T23:30:00+07:00'), 3, 'Asia/Jakarta')).toBe(Date.parse('2027-02-28T23:30:00+07:00'));
  // 1 March 00:30 WITA is still 28 February in UTC: the local date counts.
  expect(addCalendarMonths(Date.parse('2026-03-01T00:30:00+08:00'), 3, 'Asia/Makassar')).toBe(Date.parse('2026-06-01T00:30:00+08:00'));
  fc.assert(fc.property(fc.integer({ min: Date.parse('2020-01-01'), max: Date.parse('2035-01-01') }), fc.integer({ min: 1, max: 24 }), (t, m) => {
    const end = addCalendarMonths(t, m, 'Asia/Jakarta');
    return end > t && end - t <= m * 31 * 24 * HOUR && end - t >= m * 28 * 24 * HOUR;
  }));
});

test('a forum approves only with its convener and a quorum of distinct approvers', () => {
  const forum = { convenerRole: 'change_coordinator', memberRoles: ['service_desk'], quorum: 3 };
  const v = (username: string, role: string, decision: 'approve' | 'reject'): Vote => ({ username, name: username, role, decision, note: null, at: 0 });
  expect(approvalOutcome({ forum, approverRole: null, votes: [v('a', 'service_desk', 'approve'), v('b', 'service_desk', 'approve'), v('c', 'service_desk', 'approve')] })).toBeNull();
  expect(approvalOutcome({ forum, approverRole: null, votes: [v('a', 'service_desk', 'approve'), v('k', 'change_coordinator', 'approve')] })).toBeNull();
  expect(approvalOutcome({ forum, approverRole: null, votes: [v('a', 'service_desk', 'approve'), v('b', 'service_desk', 'reject'), v('k', 'change_coordinator', 'approve'), v('c', 'service_desk', 'approve')] })).toBe('approved');
  expect(approvalOutcome({ forum, approverRole: null, votes: [v('a', 'service_desk', 'approve'), v('k', 'change_coordinator', 'reject')] })).toBe('rejected');
  expect(approvalOutcome({ forum: null, approverRole: 'service_owner', votes: [v('p', 'service_owner', 'reject')] })).toBe('rejected');
});

test('windows must lie in the future and end after they start', () => {
  expect(windowRefusal({ start: T0 + HOUR, end: T0 + 2 * HOUR }, T0)).toBeNull();
  expect(windowRefusal({ start: T0, end: T0 + HOUR }, T0)).toEqual({ code: 'window_in_past' });
  expect(windowRefusal({ start: T0 + 2 * HOUR, end: T0 + HOUR }, T0)).toEqual({ code: 'window_end_before_start' });
});

test('the initiator or the change authority cancels before the implementation, nobody after', () => {
  const c = newChangeCase(input(), serang);
  const cancel = { action: 'cancel' as const, reason: 'x' };
  expect(changeRefusal(c, cancel, who('teknis', ['technical_team']), serang, T0)).toBeNull();
  expect(changeRefusal(c, cancel, who('penyedia', ['service_owner']), serang, T0)).toBeNull();
  expect(changeRefusal(c, cancel, who('teknis2', ['technical_team']), serang, T0)).toEqual({ code: 'missing_role', roles: ['service_owner'] });
  expect(changeRefusal({ ...c, state: 'implementing' }, cancel, who('teknis', ['technical_team']), serang, T0)).toMatchObject({ code: 'not_waiting_for_action' });
  const cancelled = applyChangeCommand(c, cancel, who('teknis', ['technical_team']), serang, T0);
  expect(changeRefusal(cancelled, cancel, who('teknis', ['technical_team']), serang, T0)).toMatchObject({ code: 'case_closed' });
});

test('release progress: executing opens the change, a rollback implements it as failed, a failed rollback keeps it implementing', () => {
  const scheduled = { ...newChangeCase(input(), serang), state: 'scheduled' as const };
  const release = { caseId: 'r1', number: 'RLS-2026-000001' };
  const executing = applyReleaseProgress(scheduled, { release, event: 'executing', at: T0 });
  expect(executing.state).toBe('implementing');
  const parked = applyReleaseProgress(executing, { release, event: 'rollback_failed', at: T0 + 1 });
  expect(parked).toMatchObject({ state: 'implementing', releases: [{ number: 'RLS-2026-000001', status: 'rollback_failed' }] });
  const back = applyReleaseProgress(parked, { release, event: 'rolled_back', at: T0 + 2 });
  expect(back).toMatchObject({ state: 'implemented', implementation: { outcome: 'failed', via: 'release', release: 'RLS-2026-000001' } });
  const closed = { ...back, state: 'closed' as const };
  expect(applyReleaseProgress(closed, { release, event: 'succeeded', at: T0 + 3 }).state).toBe('closed');
});

test('who initiates and who receives escalations follow the profile', () => {
  expect(changeInitiatorRoles(serang)).toEqual(['technical_team', 'service_desk', 'service_coordinator', 'service_owner']);
  expect(changeInitiatorRoles(getProfile('dpr'))).toContain('requester');
  expect(changeInitiatorRoles(getProfile('kemenkeu'))).toContain('change_coordinator');
  expect(changeEscalationRole(serang)).toBe('service_coordinator');
  expect(changeEscalationRole(getProfile('yogyakarta'))).toBe('head_of_unit');
});

test('a profile whose normal changes lack a decision deadline, or whose forum lists its convener as a member, is refused', () => {
  const base = getProfile('kemenkeu') as unknown as ProfileInput;
  const clone = () => structuredClone(base) as ProfileInput & { change: { categories: Array<Record<string, unknown>>; forum: Record<string, unknown> } };
  const noDeadline = clone();
  delete noDeadline.change.categories.find((c) => c.id === 'normal')!.decisionWithin;
  expect(() => defineProfile(noDeadline)).toThrow(/change\.categories\.2\.decisionWithin/);
  const convenerMember = clone();
  convenerMember.change.forum.memberRoles = ['change_coordinator'];
  expect(() => defineProfile(convenerMember)).toThrow(/change\.forum\.memberRoles/);
});

describe('kemenkeu high-impact route (Lampiran II E.1.b.5, E.2.b)', () => {
  const kemenkeu = getProfile('kemenkeu');
  const kInput = (overrides: Partial<ChangeInput> = {}) => input({ tenantId: 'kemenkeu', profileId: 'kemenkeu', highImpact: true, ...overrides });
  const coordinator = who('mutu', ['service_coordinator']);
  const convener = who('koordinator', ['change_coordinator']);
  const approve = { action: 'decide' as const, decision: 'approve' as const };
  const record = { action: 'record_design_transition' as const, summary: 'Rencana transisi, jadwal dan kriteria penerimaan disepakati', documents: ['ND-12/2026'] };

  test('only profiles with the route accept highImpact, and never for a standard change', () => {
    expect(designTransitionRole(kemenkeu)).toBe('service_coordinator');
    expect(highImpactRefusal(kemenkeu, 'normal', true)).toBeNull();
    expect(highImpactRefusal(kemenkeu, 'emergency', true)).toBeNull();
    expect(highImpactRefusal(kemenkeu, 'standard', true)).toEqual({ code: 'high_impact_standard_change' });
    for (const id of ['serang', 'dpr', 'yogyakarta'] as const) {
      expect(designTransitionRole(getProfile(id))).toBeNull();
      expect(highImpactRefusal(getProfile(id), 'normal', true)).toEqual({ code: 'high_impact_not_supported' });
      expect(highImpactRefusal(getProfile(id), 'normal', false)).toBeNull();
    }
  });

  test('a normal high-impact change: approval refused until the coordinator records the coordination; rejection stays possible', () => {
    let c = newChangeCase(kInput(), kemenkeu);
    expect(c.designTransition).toBeNull();
    expect(changeWaitingFor(c, kemenkeu).map((w) => w.action)).toEqual(['record_design_transition', 'decide']);
    expect(changeWaitingFor(c, kemenkeu)[0]).toEqual({ action: 'record_design_transition', roles: ['service_coordinator'] });
    expect(changeRefusal(c, approve, convener, kemenkeu, T0)).toEqual({ code: 'design_transition_required', role: 'service_coordinator' });
    expect(changeRefusal(c, { action: 'decide', decision: 'reject' }, convener, kemenkeu, T0)).toBeNull();
    expect(changeRefusal(c, record, who('teknis2', ['technical_team']), kemenkeu, T0)).toEqual({ code: 'missing_role', roles: ['service_coordinator'] });
    expect(changeRefusal(c, record, coordinator, kemenkeu, T0)).toBeNull();
    c = applyChangeCommand(c, record, coordinator, kemenkeu, T0 + HOUR);
    expect(c.designTransition).toEqual({ at: T0 + HOUR, by: 'mutu', name: 'mutu', role: 'service_coordinator', summary: record.summary, documents: ['ND-12/2026'] });
    expect(changeRefusal(c, record, coordinator, kemenkeu, T0)).toMatchObject({ code: 'not_waiting_for_action' });
    expect(changeRefusal(c, approve, convener, kemenkeu, T0)).toBeNull();
    expect(changeWaitingFor(c, kemenkeu).map((w) => w.action)).toEqual(['decide']);
    const snap = changeSnapshot(c, kemenkeu, T0 + HOUR);
    expect(snap.data).toMatchObject({ highImpact: true, designTransition: { by: 'mutu', at: new Date(T0 + HOUR).toISOString(), documents: ['ND-12/2026'] } });
  });

  test('an emergency high-impact change records the coordination afterwards; the retrospective approval waits for it', () => {
    let c = newChangeCase(kInput({ category: 'emergency', window: null }), kemenkeu);
    expect(c.state).toBe('implementing');
    expect(changeWaitingFor(c, kemenkeu).map((w) => w.action)).toEqual(['record_design_transition', 'record_implementation', 'decide']);
    expect(changeRefusal(c, approve, convener, kemenkeu, T0)).toMatchObject({ code: 'design_transition_required' });
    c = applyChangeCommand(c, record, coordinator, kemenkeu, T0);
    expect(changeRefusal(c, approve, convener, kemenkeu, T0)).toBeNull();
  });

  test('changes that are not high-impact, and inputs recorded before the flag existed, need no coordination', () => {
    const { highImpact: _omit, ...old } = kInput();
    const c = newChangeCase(old as ChangeInput, kemenkeu);
    expect(changeRefusal(c, approve, convener, kemenkeu, T0)).toBeNull();
    expect(changeRefusal(c, record, coordinator, kemenkeu, T0)).toEqual({ code: 'not_high_impact' });
    expect(changeWaitingFor(c, kemenkeu).map((w) => w.action)).toEqual(['decide']);
    expect(changeSnapshot(c, kemenkeu, T0).data).toMatchObject({ highImpact: false, designTransition: null });
  });
});
