// Change management on the time-skipping server: a normal change waits for its approver with
// reminders and one escalation when the decision is overdue, then sleeps until its window opens; an
// emergency change runs at once and escalates a missing retrospective approval (one finding); the
// kemenkeu change forum needs its convener and a quorum; segregation of duties refuses the initiator
// (and a supervised exception relaxes it where the profile allows); a window taken by another change
// parks the change until the initiator reschedules; a release reports the implementation.
import { randomUUID } from 'node:crypto';
import { useTimeSkippingWorker } from '../support/timeSkippingWorker.ts';
import { caseRecords, refusalCode } from '../support/caseRecords.ts';
import { changeActUpdate, changeReleaseProgressSignal, changeStateQuery } from '../../workflows/messages.ts';
import { change } from '../../workflows/change.ts';
import type { ChangeCommand, ChangeConflict, ChangeInput } from '../../policy/change.ts';
import type { ChangeActivities, ChangeWindowInput } from '../../activities/types.ts';
import { addWorkingMs, localDateOf, makeCalendar } from '../../policy/calendar.ts';
import { NATIONAL_HOLIDAYS } from '../../policy/holidays.ts';
import { getProfile } from '../../policy/profiles/index.ts';
import { nextLocal, skipTo } from '../support/workingHours.ts';
import { WORKING_DAY } from '../../policy/profiles/defaults.ts';
import type { Actor } from '../../policy/requestFulfilment.ts';
import { actors, command, testCalendar } from '../fixtures/requests.ts';
import { eventually } from '../support/eventually.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const who = {
  ...actors,
  tech2: { username: 'teknis2', name: 'Yoga Saputra', roles: ['technical_team'] },
  owner2: { username: 'penyedia2', name: 'Penyedia Kedua', roles: ['service_owner'] },
  changeCoordinator: { username: 'koordinatorperubahan', name: 'Koordinator Perubahan', roles: ['change_coordinator'] },
  problemCoordinator: { username: 'koordinatormasalah', name: 'Koordinator Masalah', roles: ['problem_coordinator'] },
  kemenkeuDesk: { username: 'servicedesk', name: 'Service Desk', roles: ['service_desk'] },
  kemenkeuTech: { username: 'pelaksana', name: 'Pelaksana', roles: ['technical_team'] },
  kemenkeuTech2: { username: 'pelaksana2', name: 'Pelaksana Dua', roles: ['technical_team'] },
  head: { username: 'kadis', name: 'Dr. Ahmad Fauzi', roles: ['head_of_unit'] },
} satisfies Record<string, Actor>;

/** Windows the fake reservation store holds (as change_window would), and what it was asked. */
const store = { windows: new Map<string, ChangeWindowInput>(), blackouts: [] as Array<{ service: string; start: number; end: number; reason: string }>, released: [] as string[] };
const overlapping = (input: ChangeWindowInput): ChangeConflict[] => [
  ...[...store.windows.values()].filter((w) => w.caseId !== input.caseId && w.tenantId === input.tenantId && w.services.some((s) => input.services.includes(s))
    && w.window.start < input.window.end && input.window.start < w.window.end)
    .map((w): ChangeConflict => ({ kind: 'change', caseId: w.caseId, number: w.number, title: 'x', state: 'scheduled', services: w.services, window: { start: new Date(w.window.start).toISOString(), end: new Date(w.window.end).toISOString() } })),
  ...store.blackouts.filter((b) => input.services.includes(b.service) && b.start < input.window.end && input.window.start < b.end)
    .map((b): ChangeConflict => ({ kind: 'blackout', id: b.reason, service: b.service, reason: b.reason, window: { start: new Date(b.start).toISOString(), end: new Date(b.end).toISOString() } })),
];
const changeActivities: ChangeActivities = {
  async findChangeConflicts(input) { return overlapping(input); },
  async reserveChangeWindow(input) {
    const conflicts = overlapping(input);
    if (conflicts.length && !input.force) return { reserved: false, conflicts };
    store.windows.set(input.caseId, input);
    return { reserved: true, conflicts };
  },
  async releaseChangeWindow({ caseId }) { store.windows.delete(caseId); store.released.push(caseId); },
};

const ts = useTimeSkippingWorker({ historyPrefix: 'change', activities: changeActivities });
const { events, mails, findings } = caseRecords(ts);

function changeInput(now: number, overrides: Partial<ChangeInput> = {}): ChangeInput {
  return {
    caseId: randomUUID(), tenantId: 'serang', profileId: 'serang', number: `CHG-2026-${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`,
    title: 'Pemutakhiran versi aplikasi Perizinan Online', reason: 'Perbaikan keamanan dari vendor', category: 'normal', kind: null,
    services: [{ code: 'PERIZINAN-ONLINE', name: 'Perizinan Online' }], configurationItems: ['VM-PERIZINAN-01'],
    riskAnalysis: 'Layanan berhenti 30 menit; risiko rendah', implementationPlan: 'Pasang paket 2.4.1, uji login, pantau 1 jam',
    window: { start: now + 10 * DAY, end: now + 10 * DAY + 2 * HOUR }, standardChange: null, origin: null,
    initiator: { username: who.tech.username, name: who.tech.name, role: 'technical_team' }, submittedAt: now, conflicts: [], calendar: testCalendar,
    ...overrides,
  };
}

async function start(overrides: Partial<ChangeInput> = {}) {
  const input = changeInput(await ts.env.currentTimeMs(), overrides);
  const handle = await ts.env.client.workflow.start(change, { taskQueue: ts.taskQueue, workflowId: `change:${input.tenantId}:${input.number}`, args: [input] });
  await handle.query(changeStateQuery);
  ts.track(handle);
  return { input, handle };
}
type Handle = Awaited<ReturnType<typeof start>>['handle'];
const act = (handle: Handle, actor: Actor, cmd: ChangeCommand) => handle.executeUpdate(changeActUpdate, { args: [command(actor, cmd)] });
const refusal = refusalCode;
test('a normal change waits for approval with reminders and one escalation, then sleeps until its window opens', async () => {
  const { input, handle } = await start();
  await eventually(() => expect(mails(input.caseId, 'change-approval-needed')).toHaveLength(1));
  expect(mails(input.caseId, 'change-approval-needed')[0]!.toRoles).toEqual(['service_owner']);
  const deadline = addWorkingMs(testCalendar, input.submittedAt, 3 * WORKING_DAY);
  const snap = (await handle.query(changeStateQuery));
  expect(snap.state).toBe('awaiting_approval');

  // Just before the deadline: the 50/75/90 % reminders, no escalation.
  await ts.env.sleep(deadline - input.submittedAt - 60_000);
  expect(mails(input.caseId, 'change-decision-reminder').map((m) => m.dedupeKey.split(':').at(-1))).toEqual(['warning-500', 'warning-750', 'warning-900']);
  expect(mails(input.caseId, 'change-decision-overdue')).toHaveLength(0);
  await ts.env.sleep(2 * 60_000);
  const overdue = mails(input.caseId, 'change-decision-overdue');
  expect(overdue).toHaveLength(1);
  expect(events(input.caseId, 'decision_escalated')[0]!.at).toBeGreaterThanOrEqual(deadline);
  expect(overdue[0]!.toRoles).toEqual(['service_coordinator', 'service_owner']);
  expect(events(input.caseId, 'decision_escalated')[0]!.payload).toMatchObject({ to: 'service_coordinator', retrospective: false });
  expect((await handle.query(changeStateQuery)).state).toBe('awaiting_approval');
  await ts.env.sleep(DAY);
  expect(mails(input.caseId, 'change-decision-overdue')).toHaveLength(1);

  // Segregation of duties: the initiator implements nothing of their own change; a requester decides nothing.
  expect(await refusal(act(handle, who.requester, { action: 'decide', decision: 'approve' }))).toBe('missing_role');
  const approved = await act(handle, who.owner, { action: 'decide', decision: 'approve', note: 'Disetujui, jalankan di luar jam layanan' });
  expect(approved.snapshot.data.approval).toMatchObject({ outcome: 'approved', votes: [{ username: 'penyedia', decision: 'approve' }] });
  await eventually(() => expect(events(input.caseId, 'window_reserved')).toHaveLength(1));
  expect((await handle.query(changeStateQuery)).state).toBe('scheduled');
  expect(store.windows.has(input.caseId)).toBe(true);
  await eventually(() => expect(mails(input.caseId, 'change-scheduled')[0]).toMatchObject({ toRoles: ['technical_team'], toUsers: ['teknis'] }));
  expect(await refusal(act(handle, who.tech2, { action: 'record_implementation', outcome: 'succeeded', note: 'x' }))).toBe('not_waiting_for_action');

  // The window opens exactly at its start: not a minute before.
  const now = await ts.env.currentTimeMs();
  await ts.env.sleep(input.window!.start - now - 60_000);
  expect((await handle.query(changeStateQuery)).state).toBe('scheduled');
  await ts.env.sleep(2 * 60_000);
  await eventually(() => expect(events(input.caseId, 'window_opened')).toHaveLength(1));
  expect(events(input.caseId, 'window_opened')[0]!.at).toBeGreaterThanOrEqual(input.window!.start);
  await eventually(() => expect(mails(input.caseId, 'change-window-open')[0]?.toRoles).toEqual(['technical_team']));

  expect(await refusal(act(handle, who.tech, { action: 'record_implementation', outcome: 'succeeded', note: 'Sendiri' }))).toBe('segregation_of_duties_change');
  const done = await act(handle, who.tech2, { action: 'record_implementation', outcome: 'succeeded', note: 'Versi 2.4.1 terpasang' });
  expect(done.snapshot).toMatchObject({ state: 'implemented', assignee: 'teknis2', data: { implementation: { outcome: 'succeeded', via: 'action' } } });
  expect(store.windows.has(input.caseId)).toBe(false);
  expect(await refusal(act(handle, who.tech2, { action: 'review', summary: 'x', successful: true }))).toBe('missing_role');
  const closed = await act(handle, who.owner, { action: 'review', summary: 'Berjalan sesuai rencana', successful: true });
  expect(closed.snapshot).toMatchObject({ state: 'closed', closedAt: expect.any(String) });
  expect((await handle.result()).state).toBe('closed');
  expect(events(input.caseId).map((e) => e.action)).toEqual([
    'started', 'decision_reminder', 'decision_reminder', 'decision_reminder', 'decision_escalated', 'decide', 'window_reserved', 'window_opened', 'record_implementation', 'review',
  ]);
});

test('the approver may not approve a change they initiated; a rejection closes the change', async () => {
  const { input, handle } = await start({ initiator: { username: who.owner.username, name: who.owner.name, role: 'service_owner' } });
  expect(await refusal(act(handle, who.owner, { action: 'decide', decision: 'approve' }))).toBe('segregation_of_duties_change');
  // serang has no supervised exception (the Sigap default is not relaxable).
  expect(await refusal(act(handle, who.head, { action: 'grant_exception', username: 'penyedia', duty: 'approve', justification: 'Hanya satu pejabat' }))).toBe('exception_not_allowed');
  const rejected = await act(handle, who.owner2, { action: 'decide', decision: 'reject', note: 'Risiko belum dianalisis' });
  expect(rejected.snapshot).toMatchObject({ state: 'rejected', data: { approval: { outcome: 'rejected' } } });
  expect(mails(input.caseId, 'change-decided')[0]).toMatchObject({ toUsers: ['penyedia'], params: { outcome: 'rejected' } });
  expect((await handle.result()).state).toBe('rejected');
});

test('an emergency change runs at once; a missing retrospective approval escalates and is recorded once; a late decision is still recorded', async () => {
  const { input, handle } = await start({ category: 'emergency', window: null, reason: 'Layanan Perizinan Online tidak dapat diakses' });
  await eventually(() => expect(mails(input.caseId, 'change-emergency')).toHaveLength(1));
  const first = await handle.query(changeStateQuery);
  expect(first.state).toBe('implementing');
  expect(mails(input.caseId, 'change-emergency')[0]!.toRoles).toEqual(['service_owner', 'technical_team']);
  const done = await act(handle, who.tech2, { action: 'record_implementation', outcome: 'succeeded', note: 'Layanan pulih' });
  expect(done.snapshot.state).toBe('implemented');
  expect(await refusal(act(handle, who.owner, { action: 'review', summary: 'x', successful: true }))).toBe('retrospective_approval_pending');

  const deadline = addWorkingMs(testCalendar, input.submittedAt, WORKING_DAY);
  const now = await ts.env.currentTimeMs();
  await ts.env.sleep(deadline - now - 60_000);
  expect(findings(input.caseId)).toHaveLength(0);
  await ts.env.sleep(2 * 60_000);
  await eventually(() => expect(findings(input.caseId)).toHaveLength(1));
  expect(findings(input.caseId)[0]).toMatchObject({ kind: 'retrospective_approval_overdue', process: 'change', severity: 'high', caseNumber: input.number });
  expect(findings(input.caseId)[0]!.at).toBeGreaterThanOrEqual(deadline);
  expect(mails(input.caseId, 'change-decision-overdue')[0]!.toRoles).toEqual(['service_coordinator', 'service_owner']);
  await ts.env.sleep(3 * DAY);
  expect(findings(input.caseId)).toHaveLength(1);
  expect(mails(input.caseId, 'change-decision-overdue')).toHaveLength(1);

  const late = await act(handle, who.owner, { action: 'decide', decision: 'approve', note: 'Disetujui setelah dilaksanakan' });
  expect(late.snapshot.data.retrospective).toMatchObject({ status: 'approved_late' });
  expect(events(input.caseId, 'decide')[0]!.payload).toMatchObject({ late: true, retrospective: true, outcome: 'approved' });
  const closed = await act(handle, who.owner, { action: 'review', summary: 'Pemulihan berhasil', successful: true });
  expect(closed.snapshot.state).toBe('closed');
});

test('a negative retrospective decision escalates and is recorded as a finding', async () => {
  const { input, handle } = await start({ category: 'emergency', window: null });
  const rejected = await act(handle, who.owner, { action: 'decide', decision: 'reject', note: 'Tidak perlu darurat' });
  expect(rejected.snapshot).toMatchObject({ state: 'implementing', data: { retrospective: { status: 'rejected' } } });
  expect(findings(input.caseId).map((f) => f.kind)).toEqual(['retrospective_approval_rejected']);
  expect(mails(input.caseId, 'change-retrospective-rejected')[0]).toMatchObject({ toRoles: ['service_coordinator', 'service_owner'], toUsers: ['teknis'] });
  expect(await refusal(act(handle, who.owner2, { action: 'decide', decision: 'approve' }))).toBe('not_waiting_for_action');
  // No escalation at the deadline any more: the decision is in.
  await ts.env.sleep(3 * DAY);
  expect(mails(input.caseId, 'change-decision-overdue')).toHaveLength(0);
  expect(findings(input.caseId)).toHaveLength(1);
});

test('kemenkeu change forum: approved once the convener and a quorum of 3 approved; the initiator votes only with a supervised exception', async () => {
  const { input, handle } = await start({
    tenantId: 'kemenkeu', profileId: 'kemenkeu', initiator: { username: who.kemenkeuTech.username, name: who.kemenkeuTech.name, role: 'technical_team' },
  });
  await eventually(() => expect(mails(input.caseId, 'change-approval-needed')).toHaveLength(1));
  expect(mails(input.caseId, 'change-approval-needed')[0]!.toRoles).toEqual(['change_coordinator', 'service_desk', 'problem_coordinator', 'technical_team', 'service_coordinator']);
  expect(await refusal(act(handle, who.owner, { action: 'decide', decision: 'approve' }))).toBe('missing_role');
  await act(handle, who.problemCoordinator, { action: 'decide', decision: 'approve', note: 'Tidak ada masalah terbuka' });
  expect(await refusal(act(handle, who.problemCoordinator, { action: 'decide', decision: 'approve' }))).toBe('already_voted');
  const two = await act(handle, who.changeCoordinator, { action: 'decide', decision: 'approve' });
  expect(two.snapshot).toMatchObject({ state: 'awaiting_approval', data: { approval: { outcome: null } } });
  // The initiator's vote breaks J.2 a until the head of the provider supervises it (J.3).
  expect(await refusal(act(handle, who.kemenkeuTech, { action: 'decide', decision: 'approve' }))).toBe('segregation_of_duties_change');
  expect(await refusal(act(handle, who.kemenkeuTech, { action: 'grant_exception', username: 'pelaksana', duty: 'approve', justification: 'x' }))).toBe('missing_role');
  const granted = await act(handle, who.head, { action: 'grant_exception', username: 'pelaksana', duty: 'approve', justification: 'Hanya satu pelaksana konfigurasi; diawasi langsung' });
  expect(granted.snapshot.data.segregation.exceptions).toMatchObject([{ username: 'pelaksana', duty: 'approve', supervisor: 'kadis' }]);
  expect(events(input.caseId, 'grant_exception')[0]).toMatchObject({ actor: 'kadis', payload: { username: 'pelaksana', duty: 'approve' } });
  const approved = await act(handle, who.kemenkeuTech, { action: 'decide', decision: 'approve' });
  expect(approved.snapshot.data.approval).toMatchObject({ outcome: 'approved' });
  expect(approved.snapshot.data.approval.votes.map((v: { username: string }) => v.username)).toEqual(['koordinatormasalah', 'koordinatorperubahan', 'pelaksana']);
  await eventually(() => expect(events(input.caseId, 'window_reserved')).toHaveLength(1));
  // kemenkeu keeps all three duties apart: an approver does not implement either.
  await ts.env.sleep(input.window!.start - (await ts.env.currentTimeMs()) + 1000);
  await eventually(() => expect(events(input.caseId, 'window_opened')).toHaveLength(1));
  expect(await refusal(act(handle, who.kemenkeuTech, { action: 'record_implementation', outcome: 'succeeded', note: 'x' }))).toBe('segregation_of_duties_change');
  expect((await act(handle, who.kemenkeuTech2, { action: 'record_implementation', outcome: 'succeeded', note: 'Selesai' })).snapshot.state).toBe('implemented');
});

test('kemenkeu high-impact change: the forum cannot approve until the design and transition coordination is recorded (E.1.b.5)', async () => {
  const { input, handle } = await start({
    tenantId: 'kemenkeu', profileId: 'kemenkeu', highImpact: true, initiator: { username: who.kemenkeuTech.username, name: who.kemenkeuTech.name, role: 'technical_team' },
  });
  await eventually(() => expect(events(input.caseId, 'started')).toHaveLength(1));
  expect(events(input.caseId, 'started')[0]!.payload).toMatchObject({ highImpact: true });
  expect(events(input.caseId, 'started')[0]!.snapshot.waitingFor).toEqual([
    { action: 'record_design_transition', party: { kind: 'role', roles: ['service_coordinator'] } },
    { action: 'decide', party: { kind: 'role', roles: ['change_coordinator', 'service_desk', 'problem_coordinator', 'technical_team', 'service_coordinator'] } },
  ]);
  expect(await refusal(act(handle, who.changeCoordinator, { action: 'decide', decision: 'approve' }))).toBe('design_transition_required');
  expect(await refusal(act(handle, who.problemCoordinator, { action: 'decide', decision: 'approve' }))).toBe('design_transition_required');
  expect(await refusal(act(handle, who.kemenkeuTech2, { action: 'record_design_transition', summary: 'x' }))).toBe('missing_role');

  const recorded = await act(handle, who.coordinator, {
    action: 'record_design_transition', summary: 'Rencana transisi, jadwal, kriteria penerimaan dan dampak pada Katalog Layanan TIK disepakati', documents: ['ND-45/PUSINTEK/2026'],
  });
  expect(recorded.snapshot).toMatchObject({
    state: 'awaiting_approval',
    data: { highImpact: true, designTransition: { by: who.coordinator.username, role: 'service_coordinator', documents: ['ND-45/PUSINTEK/2026'] } },
  });
  expect(recorded.snapshot.waitingFor.map((w: { action: string }) => w.action)).toEqual(['decide']);
  expect(events(input.caseId, 'record_design_transition')[0]).toMatchObject({ actor: who.coordinator.username, payload: { documents: ['ND-45/PUSINTEK/2026'], from: 'awaiting_approval', to: 'awaiting_approval' } });
  expect(await refusal(act(handle, who.coordinator, { action: 'record_design_transition', summary: 'lagi' }))).toBe('not_waiting_for_action');

  await act(handle, who.problemCoordinator, { action: 'decide', decision: 'approve' });
  await act(handle, who.kemenkeuDesk, { action: 'decide', decision: 'approve' });
  const approved = await act(handle, who.changeCoordinator, { action: 'decide', decision: 'approve', note: 'Koordinasi desain dan transisi tercatat' });
  expect(approved.snapshot.data.approval).toMatchObject({ outcome: 'approved' });
  await eventually(() => expect(events(input.caseId, 'window_reserved')).toHaveLength(1));
  expect((await handle.query(changeStateQuery)).state).toBe('scheduled');
  expect(events(input.caseId).map((e) => e.action)).toEqual(['started', 'record_design_transition', 'decide', 'decide', 'decide', 'window_reserved']);
  await act(handle, who.kemenkeuTech, { action: 'cancel', reason: 'Selesai diuji' });
});

test('kemenkeu forum: the convener\'s rejection rejects', async () => {
  const { handle } = await start({ tenantId: 'kemenkeu', profileId: 'kemenkeu', initiator: { username: who.kemenkeuTech.username, name: who.kemenkeuTech.name, role: 'technical_team' } });
  await act(handle, who.kemenkeuDesk, { action: 'decide', decision: 'approve' });
  const rejected = await act(handle, who.changeCoordinator, { action: 'decide', decision: 'reject', note: 'Bentrok dengan rilis lain' });
  expect(rejected.snapshot.state).toBe('rejected');
});

test('a window taken by another change parks the approved change until the initiator reschedules to a free window', async () => {
  const now = await ts.env.currentTimeMs();
  const taken = { start: now + 10 * DAY, end: now + 10 * DAY + 4 * HOUR };
  store.windows.set('other', { tenantId: 'serang', caseId: 'other', number: 'CHG-2026-999999', services: ['PERIZINAN-ONLINE', 'WEBSITE'], window: taken });
  try {
    const { input, handle } = await start({ window: { start: taken.start + HOUR, end: taken.end + HOUR } });
    await eventually(() => expect(events(input.caseId, 'conflicts_refreshed')).toHaveLength(1));
    expect((await handle.query(changeStateQuery)).conflicts).toMatchObject([{ kind: 'change', number: 'CHG-2026-999999' }]);
    await act(handle, who.owner, { action: 'decide', decision: 'approve' });
    await eventually(() => expect(events(input.caseId, 'window_conflict')).toHaveLength(1));
    expect((await handle.query(changeStateQuery)).state).toBe('window_conflict');
    await eventually(() => expect(mails(input.caseId, 'change-window-conflict')[0]).toMatchObject({ toUsers: ['teknis'] }));
    expect(store.windows.has(input.caseId)).toBe(false);

    const current = await ts.env.currentTimeMs();
    expect(await refusal(act(handle, who.tech2, { action: 'reschedule', window: { start: taken.end + HOUR, end: taken.end + 2 * HOUR } }))).toBe('not_initiator');
    expect(await refusal(act(handle, who.tech, { action: 'reschedule', window: { start: current - HOUR, end: current + HOUR } }))).toBe('window_in_past');
    expect(await refusal(act(handle, who.tech, { action: 'reschedule', window: { start: taken.end + 2 * HOUR, end: taken.end + HOUR } }))).toBe('window_end_before_start');
    await act(handle, who.tech, { action: 'reschedule', window: { start: taken.end, end: taken.end + 2 * HOUR }, reason: 'Setelah perubahan lain selesai' });
    await eventually(() => expect(events(input.caseId, 'window_reserved')).toHaveLength(1));
    const scheduled = await handle.query(changeStateQuery);
    expect(scheduled).toMatchObject({ state: 'scheduled', window: { start: taken.end, end: taken.end + 2 * HOUR } });
    expect(store.windows.get(input.caseId)!.window).toEqual({ start: taken.end, end: taken.end + 2 * HOUR });
    const cancelled = await act(handle, who.tech, { action: 'cancel', reason: 'Vendor menunda paket' });
    expect(cancelled.snapshot.state).toBe('cancelled');
    expect(store.windows.has(input.caseId)).toBe(false);
  } finally {
    store.windows.delete('other');
  }
});

test('a standard change is scheduled without approval and a release reports its implementation', async () => {
  const { input, handle } = await start({ category: 'standard', standardChange: { code: 'RESTART-APP', title: 'Mulai ulang layanan aplikasi', procedure: 'systemctl restart' } });
  await eventually(() => expect(events(input.caseId, 'window_reserved')).toHaveLength(1));
  expect(mails(input.caseId, 'change-approval-needed')).toHaveLength(0);
  expect(await refusal(act(handle, who.owner, { action: 'decide', decision: 'approve' }))).toBe('not_waiting_for_action');
  const release = { caseId: randomUUID(), number: 'RLS-2026-000001' };
  await handle.signal(changeReleaseProgressSignal, { release, event: 'planned', at: await ts.env.currentTimeMs() });
  await handle.signal(changeReleaseProgressSignal, { release, event: 'executing', at: await ts.env.currentTimeMs() });
  await eventually(() => expect(events(input.caseId, 'release_progress')).toHaveLength(2));
  expect((await handle.query(changeStateQuery)).state).toBe('implementing');
  await handle.signal(changeReleaseProgressSignal, { release, event: 'rollback_failed', at: await ts.env.currentTimeMs(), note: 'Langkah pemulihan gagal' });
  await eventually(() => expect(events(input.caseId, 'release_progress')).toHaveLength(3));
  expect((await handle.query(changeStateQuery)).state).toBe('implementing');
  await handle.signal(changeReleaseProgressSignal, { release, event: 'rolled_back', at: await ts.env.currentTimeMs(), note: 'Dipulihkan manual' });
  await eventually(() => expect(events(input.caseId, 'release_progress')).toHaveLength(4));
  const implemented = await handle.query(changeStateQuery);
  expect(implemented).toMatchObject({ state: 'implemented', implementation: { outcome: 'failed', via: 'release', release: 'RLS-2026-000001' } });
  expect(implemented.releases).toMatchObject([{ number: 'RLS-2026-000001', status: 'rolled_back' }]);
  // The window is freed and the mail sent after the progress event is recorded.
  await eventually(() => expect(mails(input.caseId, 'change-implemented')).toHaveLength(1));
  expect(store.windows.has(input.caseId)).toBe(false);
});

// Reminders wait for the recipient's working calendar (issue 8, policy/reminderHours.ts). An agency
// whose day starts at 08:00 and whose approver has 96 calendar hours to decide.
const eightToFour = makeCalendar({
  week: { 1: [{ start: '08:00', end: '16:00' }], 2: [{ start: '08:00', end: '16:00' }], 3: [{ start: '08:00', end: '16:00' }], 4: [{ start: '08:00', end: '16:00' }], 5: [{ start: '08:00', end: '16:00' }], 6: [], 7: [] },
  holidays: [...NATIONAL_HOLIDAYS],
});
const withinCalendarHours = (category: 'normal' | 'emergency', hours: number) => ({
  change: {
    categories: getProfile('serang').change!.categories.map((c) => {
      if (c.id !== category) return c;
      const within = { ms: hours * HOUR, basis: 'calendar' as const, stated: `${hours} jam`, source: { sigapDefault: 'test' } };
      return category === 'normal' ? { ...c, decisionWithin: within } : { ...c, retrospectiveApprovalWithin: within };
    }),
  },
});
const reminderKeys = (caseId: string) => mails(caseId, 'change-decision-reminder').map((m) => m.dedupeKey.split(':').at(-1));

test('working hours: a decision reminder due on Saturday arrives on Monday 08:00, the earlier ones folded into it', async () => {
  // Submitted Thursday 12:00 WIB: 50 % falls Saturday 12:00, 75 % Sunday 12:00, 90 % Monday 02:24; the deadline Monday 12:00.
  const thursday = nextLocal(eightToFour, await ts.env.currentTimeMs(), 4, '12:00', 7);
  await skipTo(ts.env, thursday);
  const { input, handle } = await start({ calendar: eightToFour, profileOverrides: withinCalendarHours('normal', 96) });
  const monday8 = thursday + 4 * DAY - 4 * HOUR;
  await ts.env.sleep(monday8 - 60_000 - (await ts.env.currentTimeMs()));
  expect(reminderKeys(input.caseId)).toEqual([]); // the weekend passes in silence
  expect(events(input.caseId, 'reminder_folded')).toHaveLength(0);
  await ts.env.sleep(2 * 60_000);
  await eventually(() => expect(reminderKeys(input.caseId)).toEqual(['warning-900']));
  const [reminder] = events(input.caseId, 'decision_reminder');
  expect(reminder!.at).toBeGreaterThanOrEqual(monday8);
  expect(reminder!.at).toBeLessThan(monday8 + 1000);
  expect(new Date(reminder!.at + 7 * HOUR).toISOString().slice(0, 16)).toBe(`${localDateOf(eightToFour, monday8)}T08:00`);
  // The earlier reminders are on the timeline as folded into the one sent, never lost silently.
  expect(events(input.caseId, 'reminder_folded').map((e) => e.payload)).toEqual([
    { threshold: 'warning-500', into: 'warning-900', dueAt: new Date(input.submittedAt + 2 * DAY).toISOString(), sendAt: new Date(monday8).toISOString() },
    { threshold: 'warning-750', into: 'warning-900', dueAt: new Date(input.submittedAt + 3 * DAY).toISOString(), sendAt: new Date(monday8).toISOString() },
  ]);
  // The same events in a row (seqs, payloads above), recorded in one activity with the reminder they folded into.
  const folded = events(input.caseId, 'reminder_folded');
  expect([...folded, reminder!].map((e) => e.seq)).toEqual([0, 1, 2].map((i) => folded[0]!.seq + i));
  expect(ts.recorded.transitionCalls.filter((c) => c.caseId === input.caseId && c.seqs.includes(reminder!.seq)))
    .toEqual([{ activity: 'recordTransitions', caseId: input.caseId, seqs: [...folded, reminder!].map((e) => e.seq) }]);
  // The deadline is no reminder: it escalates at its instant.
  await ts.env.sleep(input.submittedAt + 4 * DAY + 60_000 - (await ts.env.currentTimeMs()));
  await eventually(() => expect(events(input.caseId, 'decision_escalated')).toHaveLength(1));
  expect(events(input.caseId, 'decision_escalated')[0]!.at - (input.submittedAt + 4 * DAY)).toBeLessThan(1000);
  await act(handle, who.owner, { action: 'decide', decision: 'approve', note: 'Disetujui' });
});

test('working hours: a change decided over the weekend sends no reminder on Monday', async () => {
  const thursday = nextLocal(eightToFour, await ts.env.currentTimeMs(), 4, '12:00', 7);
  await skipTo(ts.env, thursday);
  const { input, handle } = await start({ calendar: eightToFour, profileOverrides: withinCalendarHours('normal', 96) });
  await ts.env.sleep(3 * DAY - 12 * HOUR); // Sunday 00:00: the Saturday reminder is waiting for Monday
  await act(handle, who.owner, { action: 'decide', decision: 'reject', note: 'Ditolak pada hari Minggu' });
  await ts.env.sleep(2 * DAY);
  expect(reminderKeys(input.caseId)).toEqual([]);
  expect(events(input.caseId).map((e) => e.action)).toEqual(['started', 'decide']);
});

test('working hours: an emergency change is urgent, its retrospective reminders go out at night', async () => {
  // Recorded Friday 20:00 WIB with 8 calendar hours to approve it afterwards: reminders at 00:00, 02:00 and 03:12 on Saturday.
  const friday = nextLocal(eightToFour, await ts.env.currentTimeMs(), 5, '20:00', 1);
  await skipTo(ts.env, friday);
  const { input } = await start({ category: 'emergency', window: null, reason: 'Sertifikat TLS kedaluwarsa', calendar: eightToFour, profileOverrides: withinCalendarHours('emergency', 8) });
  await ts.env.sleep(4 * HOUR + 60_000);
  await eventually(() => expect(reminderKeys(input.caseId)).toEqual(['warning-500']));
  expect(events(input.caseId, 'decision_reminder')[0]!.at - (input.submittedAt + 4 * HOUR)).toBeLessThan(1000);
  await ts.env.sleep(4 * HOUR);
  await eventually(() => expect(events(input.caseId, 'decision_escalated')).toHaveLength(1));
  expect(reminderKeys(input.caseId)).toEqual(['warning-500', 'warning-750', 'warning-900']);
  expect(events(input.caseId, 'reminder_folded')).toHaveLength(0);
});
