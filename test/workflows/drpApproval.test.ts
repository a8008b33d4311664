// The DRP approval on the time-skipping server: the approver (serang: Penyedia Layanan, eselon II)
// is reminded at 50/75/90 % of the 5 working days and the decision is escalated once to the head of
// unit at the deadline; the author never approves their own DRP; approving settles the version
// (supersedes the approved one, via the activity); rejecting and withdrawing close it.
import { randomUUID } from 'node:crypto';
import { useTimeSkippingWorker } from '../support/timeSkippingWorker.ts';
import { caseRecords, refusalCode } from '../support/caseRecords.ts';
import { drpActUpdate, drpStateQuery } from '../../workflows/messages.ts';
import { drpApproval } from '../../workflows/drpApproval.ts';
import type { DrpCommand, DrpInput } from '../../policy/continuity.ts';
import type { SettleDrpVersionInput } from '../../activities/continuity.ts';
import { addWorkingMs } from '../../policy/calendar.ts';
import { WORKING_DAY } from '../../policy/profiles/defaults.ts';
import type { Actor } from '../../policy/requestFulfilment.ts';
import { actors, command, testCalendar } from '../fixtures/requests.ts';
import { eventually } from '../support/eventually.ts';

const who = {
  ...actors,
  recovery: { username: 'pemulihan', name: 'Hendra Gunawan', roles: ['recovery_coordinator'] },
  authorOwner: { username: 'pemulihan2', name: 'Penyusun Penyedia', roles: ['recovery_coordinator', 'service_owner'] },
} satisfies Record<string, Actor>;

const settled: SettleDrpVersionInput[] = [];
const ts = useTimeSkippingWorker({
  historyPrefix: 'drp',
  activities: {
    async settleDrpVersion(req: SettleDrpVersionInput) { settled.push(req); return { changed: true, superseded: 'old-drp' }; },
    async openDrpExercise() { return { opened: false, reason: 'no_disaster_section' }; },
  },
});
const { events, mails } = caseRecords(ts);

function drpInput(now: number, overrides: Partial<DrpInput> = {}): DrpInput {
  return {
    caseId: randomUUID(), tenantId: 'serang', profileId: 'serang', number: `DRP-2026-${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`,
    drpId: randomUUID(), service: { code: 'PERIZINAN-ONLINE', name: 'Perizinan Online', classification: 'kritis' }, version: 2,
    title: 'DRP Perizinan Online 2026', recoveryActivities: 'Aktifkan DRC; pulihkan basis data dari cadangan terakhir',
    normalisationActivities: 'Sinkronkan data ke pusat data primer; alihkan DNS kembali', documentId: null,
    author: { username: who.recovery.username, name: who.recovery.name, role: 'recovery_coordinator' }, submittedAt: now,
    supersedes: { id: 'old-drp', version: 1 }, calendar: testCalendar, ...overrides,
  };
}

async function start(overrides: Partial<DrpInput> = {}) {
  const input = drpInput(await ts.env.currentTimeMs(), overrides);
  const handle = await ts.env.client.workflow.start(drpApproval, { taskQueue: ts.taskQueue, workflowId: `drp:${input.tenantId}:${input.number}`, args: [input] });
  await handle.query(drpStateQuery);
  ts.track(handle);
  return { input, handle };
}
type Handle = Awaited<ReturnType<typeof start>>['handle'];
const act = (handle: Handle, actor: Actor, cmd: DrpCommand) => handle.executeUpdate(drpActUpdate, { args: [command(actor, cmd)] });
const refusal = refusalCode;

test('a DRP waits for the service owner with reminders and one escalation to the head of unit, then is approved', async () => {
  const { input, handle } = await start();
  await eventually(() => expect(mails(input.caseId, 'drp-approval-needed')).toHaveLength(1));
  expect(mails(input.caseId, 'drp-approval-needed')[0]!.toRoles).toEqual(['service_owner']);
  const deadline = addWorkingMs(testCalendar, input.submittedAt, 5 * WORKING_DAY);

  // Just before the deadline: the three reminders, no escalation.
  await ts.env.sleep(deadline - input.submittedAt - 60_000);
  expect(mails(input.caseId, 'drp-decision-reminder').map((m) => m.dedupeKey.split(':').at(-1))).toEqual(['warning-500', 'warning-750', 'warning-900']);
  const reminders = events(input.caseId, 'decision_reminder');
  expect(reminders[0]!.at).toBeGreaterThanOrEqual(addWorkingMs(testCalendar, input.submittedAt, 2.5 * WORKING_DAY));
  expect(mails(input.caseId, 'drp-decision-overdue')).toHaveLength(0);
  await ts.env.sleep(2 * 60_000);
  await eventually(() => expect(mails(input.caseId, 'drp-decision-overdue')).toHaveLength(1));
  expect(mails(input.caseId, 'drp-decision-overdue')[0]!.toRoles).toEqual(['head_of_unit', 'service_owner']);
  const escalated = events(input.caseId, 'decision_escalated')[0]!;
  expect(escalated.at).toBeGreaterThanOrEqual(deadline);
  expect(escalated.at).toBeLessThan(deadline + 2 * 60_000);
  expect(escalated.payload).toMatchObject({ to: 'head_of_unit' });
  expect(escalated.snapshot).toMatchObject({ state: 'awaiting_decision', breached: true });
  // Escalated once: a day later nothing more.
  await ts.env.sleep(24 * 3_600_000);
  expect(mails(input.caseId, 'drp-decision-overdue')).toHaveLength(1);

  expect(await refusal(act(handle, who.tech, { action: 'decide', decision: 'approve' }))).toBe('missing_role');
  expect(await refusal(act(handle, who.owner, { action: 'withdraw', reason: 'x' }))).toBe('not_drp_author');
  expect(settled.filter((s) => s.caseId === input.caseId)).toHaveLength(0);
  const approved = await act(handle, who.owner, { action: 'decide', decision: 'approve', note: 'Sesuai hasil uji coba' });
  expect(approved.snapshot).toMatchObject({ state: 'approved', closedAt: expect.any(String), data: { decision: { outcome: 'approved', by: 'penyedia', note: 'Sesuai hasil uji coba' } } });
  expect(settled.filter((s) => s.caseId === input.caseId)).toEqual([expect.objectContaining({ drpId: input.drpId, outcome: 'approved', by: 'penyedia', note: 'Sesuai hasil uji coba' })]);
  await eventually(() => expect(mails(input.caseId, 'drp-decided')[0]).toMatchObject({ toUsers: ['pemulihan'], toRoles: ['recovery_coordinator'], params: { approved: true } }));
  expect((await handle.result()).state).toBe('approved');
  expect(events(input.caseId).map((e) => e.action)).toEqual(['started', 'decision_reminder', 'decision_reminder', 'decision_reminder', 'decision_escalated', 'decide']);
  expect(events(input.caseId, 'decide')[0]!.payload).toMatchObject({ decision: 'approve', outcome: 'approved', late: true });
});

test('the author may not approve their own DRP even holding the approver role; a rejection closes it', async () => {
  const { input, handle } = await start({ author: { username: who.authorOwner.username, name: who.authorOwner.name, role: 'recovery_coordinator' } });
  expect(await refusal(act(handle, who.authorOwner, { action: 'decide', decision: 'approve' }))).toBe('segregation_of_duties');
  const rejected = await act(handle, who.owner, { action: 'decide', decision: 'reject', note: 'RTO belum diuji' });
  expect(rejected.snapshot).toMatchObject({ state: 'rejected', slaMet: true });
  expect(settled.filter((s) => s.caseId === input.caseId).map((s) => s.outcome)).toEqual(['rejected']);
  await eventually(() => expect(mails(input.caseId, 'drp-decided')[0]?.params).toMatchObject({ approved: false, note: 'RTO belum diuji' }));
  expect(mails(input.caseId, 'drp-decision-reminder')).toHaveLength(0);
});

test('the author withdraws a pending DRP version', async () => {
  const { input, handle } = await start();
  const withdrawn = await act(handle, who.recovery, { action: 'withdraw', reason: 'Versi baru sedang disusun' });
  expect(withdrawn.snapshot.state).toBe('withdrawn');
  expect(settled.filter((s) => s.caseId === input.caseId)).toEqual([expect.objectContaining({ outcome: 'withdrawn', note: 'Versi baru sedang disusun' })]);
  await eventually(() => expect(mails(input.caseId, 'drp-withdrawn')[0]?.toRoles).toEqual(['service_owner']));
  expect((await handle.result()).state).toBe('withdrawn');
});
