// Incident handling on the time-skipping server: response and resolution clocks, the escalation
// ladder, estimates, reopening and priority re-assessment (serang profile: P1 = 15 min / 12 h).
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { useTimeSkippingWorker } from '../support/timeSkippingWorker.ts';
import { caseRecords } from '../support/caseRecords.ts';
import { incidentActUpdate, incidentStateQuery } from '../../workflows/messages.ts';
import { incident } from '../../workflows/incident.ts';
import type { IncidentCommand, IncidentInput } from '../../policy/incident.ts';
import { actors, command, testCalendar } from '../fixtures/requests.ts';
import { incidentInput } from '../fixtures/incidents.ts';
import { eventually } from '../support/eventually.ts';
import { nextLocal, skipTo } from '../support/workingHours.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;




const ts = useTimeSkippingWorker({ historyPrefix: 'incident' });
const { events, mails } = caseRecords(ts);

async function start(overrides: Partial<IncidentInput> = {}) {
  const input = incidentInput({ reportedAt: await ts.env.currentTimeMs(), ...overrides });
  const handle = await ts.env.client.workflow.start(incident, { taskQueue: ts.taskQueue, workflowId: `incident:serang:${input.number}`, args: [input] });
  await handle.query(incidentStateQuery);
  ts.track(handle);
  return { input, handle };
}
const act = (handle: Awaited<ReturnType<typeof start>>['handle'], actor: typeof actors[keyof typeof actors], cmd: IncidentCommand) =>
  handle.executeUpdate(incidentActUpdate, { args: [command(actor, cmd)] });

test('a P1 with no response within 15 minutes escalates exactly once, at 15 minutes', async () => {
  const { input, handle } = await start();
  expect((await handle.query(incidentStateQuery)).priority).toBe('P1');
  await ts.env.sleep(14 * MIN);
  expect(events(input.caseId, 'response_breached')).toHaveLength(0);
  await ts.env.sleep(2 * MIN);
  const breach = events(input.caseId, 'response_breached');
  expect(breach).toHaveLength(1);
  expect(breach[0]!.at - input.reportedAt).toBeGreaterThanOrEqual(15 * MIN);
  expect(breach[0]!.at - input.reportedAt).toBeLessThan(15 * MIN + 1000);
  expect(mails(input.caseId, 'incident-response-breach')[0]!.toRoles).toEqual(['service_coordinator', 'service_desk']);
  await ts.env.sleep(HOUR);
  expect(events(input.caseId, 'response_breached')).toHaveLength(1);
  // A late response still stops the response clock (missed), and handling continues.
  const responded = await act(handle, actors.desk, { action: 'respond', note: 'Kami periksa.' });
  expect(responded.snapshot).toMatchObject({ state: 'handling_desk' });
});

test('the ladder climbs L1 → L2 at half the resolution target → L3 when the estimate is exceeded', async () => {
  const { input, handle } = await start();
  await act(handle, actors.desk, { action: 'respond', note: 'Diterima, sedang dicek.' });
  expect(events(input.caseId, 'response_breached')).toHaveLength(0);
  await ts.env.sleep(5 * HOUR + 50 * MIN);
  expect((await handle.query(incidentStateQuery)).level).toBe(1);
  await ts.env.sleep(20 * MIN); // 6 h 10 min: 50 % of 12 h passed
  const l2 = events(input.caseId, 'escalated');
  expect(l2.map((e) => e.payload.level)).toEqual([2]);
  expect(l2[0]!.at - input.reportedAt).toBeGreaterThanOrEqual(6 * HOUR);
  expect(mails(input.caseId, 'incident-escalated')[0]!.toRoles).toEqual(['technical_team']);

  await act(handle, actors.desk, { action: 'escalate', note: 'Perlu Pengelola Teknis.' });
  await expect(act(handle, actors.desk, { action: 'estimate', hours: 1 })).rejects.toBeInstanceOf(WorkflowUpdateFailedError); // not the desk's call
  await act(handle, actors.tech, { action: 'estimate', hours: 1, note: 'Restart layanan aplikasi.' });
  await ts.env.sleep(HOUR + MIN);
  const exceeded = events(input.caseId, 'estimate_exceeded');
  expect(exceeded).toHaveLength(1);
  expect(exceeded[0]!.payload.level).toBe(3);
  expect(mails(input.caseId, 'incident-estimate-exceeded')[0]!.toRoles).toEqual(['service_owner', 'technical_team']);
  expect((await handle.query(incidentStateQuery)).level).toBe(3);
  await ts.env.sleep(2 * HOUR);
  expect(events(input.caseId, 'estimate_exceeded')).toHaveLength(1);
});

test('a reopened incident keeps its history and its running resolution clock', async () => {
  const { input, handle } = await start();
  await act(handle, actors.desk, { action: 'respond', note: 'Diterima.' });
  await act(handle, actors.desk, { action: 'escalate', note: 'Ke teknis.' });
  await act(handle, actors.tech, { action: 'resolve', resolution: 'Layanan dijalankan ulang.', cause: 'Memori penuh' });
  expect(mails(input.caseId, 'incident-resolved')[0]!.toUsers).toEqual([actors.requester.username]);
  await expect(act(handle, actors.otherRequester, { action: 'reopen', reason: 'x' })).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
  const reopened = await act(handle, actors.requester, { action: 'reopen', reason: 'Masih galat 502.' });
  expect(reopened.snapshot).toMatchObject({ state: 'handling_technical' });
  const state = await handle.query(incidentStateQuery);
  expect(state.reopenCount).toBe(1);
  expect(state.activities.map((a) => a.note)).toEqual(['Diterima.', 'Ke teknis.', 'Masih galat 502.']);
  expect(state.clocks.resolution!.stoppedAt).toBeNull();
  await act(handle, actors.tech, { action: 'resolve', resolution: 'Memori ditambah.', cause: 'Memori penuh' });
  const closed = await act(handle, actors.requester, { action: 'confirm', satisfaction: 4, suggestion: 'Terima kasih.' });
  expect(closed.snapshot).toMatchObject({ state: 'closed', slaMet: true });
  const result = await handle.result();
  expect(result.formE).toMatchObject({ reopenCount: 1, satisfaction: 4, cause: 'Memori penuh', configurationItems: ['VM-PERIZINAN-01'] });
  expect(events(input.caseId).map((e) => e.action)).toEqual(['started', 'respond', 'escalate', 'resolve', 'reopen', 'resolve', 'confirm']);
});

test('a priority change re-targets the clocks from the report time', async () => {
  const { input, handle } = await start();
  await act(handle, actors.desk, { action: 'respond', note: 'Diterima.' });
  const reassessed = await act(handle, actors.desk, { action: 'reassess', impact: 'minor', reason: 'Hanya satu fitur yang terganggu.' });
  expect(reassessed.snapshot.priority).toBe('P3'); // minor × publik × kritis
  const state = await handle.query(incidentStateQuery);
  expect(state.clocks.resolution!.targetMs).toBe(36 * HOUR);
  expect(state.reassessments).toMatchObject([{ from: 'P1', to: 'P3', reason: 'Hanya satu fitur yang terganggu.' }]);
  await ts.env.sleep(13 * HOUR); // past P1's 12 h: no breach under P3
  expect(events(input.caseId, 'resolution_breached')).toHaveLength(0);
  await ts.env.sleep(6 * HOUR); // 19 h: L2 at 50 % of 36 h (18 h)
  const l2 = events(input.caseId, 'escalated');
  expect(l2).toHaveLength(1);
  expect(l2[0]!.at - input.reportedAt).toBeGreaterThanOrEqual(18 * HOUR);
  expect(l2[0]!.at - input.reportedAt).toBeLessThan(18 * HOUR + 1000);
  await ts.env.sleep(18 * HOUR); // 37 h: breached at 36 h
  const breach = events(input.caseId, 'resolution_breached');
  expect(breach).toHaveLength(1);
  expect(breach[0]!.at - input.reportedAt).toBeGreaterThanOrEqual(36 * HOUR);
});

test('refused actions leave the incident unchanged', async () => {
  const { input, handle } = await start();
  await eventually(() => expect(events(input.caseId, 'started')).toHaveLength(1)); // the query may answer before it is recorded
  const before = events(input.caseId).length;
  await expect(act(handle, actors.tech, { action: 'respond', note: 'x' })).rejects.toBeInstanceOf(WorkflowUpdateFailedError); // not the service desk
  await expect(act(handle, actors.desk, { action: 'resolve', resolution: 'x' })).rejects.toBeInstanceOf(WorkflowUpdateFailedError); // no response yet
  await expect(act(handle, actors.desk, { action: 'involve_security', note: 'x' })).rejects.toBeInstanceOf(WorkflowUpdateFailedError); // serang has no CSIRT
  expect(events(input.caseId).length).toBe(before);
});

// Reminders wait for working hours unless the incident is P1/P2 (issue 8, policy/reminderHours.ts);
// breaches and the escalation ladder never wait.
test('working hours: a P1 resolution warning at night goes out at night', async () => {
  // Reported Tuesday 20:00 WIB; 50 % of P1's 12 h falls Wednesday 02:00.
  const tuesday = nextLocal(testCalendar, await ts.env.currentTimeMs(), 2, '20:00', 2);
  await skipTo(ts.env, tuesday);
  const { input } = await start();
  expect(input.reportedAt - tuesday).toBeLessThan(1000);
  await ts.env.sleep(6 * HOUR - MIN);
  expect(mails(input.caseId, 'incident-warning')).toHaveLength(0);
  await ts.env.sleep(2 * MIN);
  await eventually(() => expect(mails(input.caseId, 'incident-warning').map((m) => m.dedupeKey.split(':').at(-1))).toEqual(['resolution-warning-500']));
  const [warning] = events(input.caseId, 'sla_warning');
  expect(warning!.at - (input.reportedAt + 6 * HOUR)).toBeGreaterThanOrEqual(0);
  expect(warning!.at - (input.reportedAt + 6 * HOUR)).toBeLessThan(1000);
  expect(events(input.caseId, 'reminder_folded')).toHaveLength(0);
});

test('working hours: a P3 warning at night waits for the morning; one overtaken by a ladder step folds into it', async () => {
  // Reported Tuesday 02:00 WIB as P3 (36 h): 50 % and L2 at Tuesday 20:00, 75 % at Wednesday 05:00, 90 % at 10:24, breach at 14:00.
  const tuesday = nextLocal(testCalendar, await ts.env.currentTimeMs(), 2, '02:00', 2);
  await skipTo(ts.env, tuesday);
  const { input, handle } = await start({ impact: 'minor' });
  expect((await handle.query(incidentStateQuery)).priority).toBe('P3');
  await act(handle, actors.desk, { action: 'respond', note: 'Diterima.' });
  await ts.env.sleep(18 * HOUR + MIN);
  await eventually(() => expect(events(input.caseId, 'escalated')).toHaveLength(1));
  expect(mails(input.caseId, 'incident-warning')).toHaveLength(0);
  expect(events(input.caseId, 'reminder_folded').map((e) => e.payload)).toMatchObject([{ clock: 'resolution', threshold: 'warning-500', into: 'ladder-2' }]);
  const wednesday0730 = tuesday + DAY + 5 * HOUR + 30 * MIN;
  await ts.env.sleep(wednesday0730 - MIN - (await ts.env.currentTimeMs()));
  expect(mails(input.caseId, 'incident-warning')).toHaveLength(0); // due at 05:00, still waiting
  await ts.env.sleep(2 * MIN);
  await eventually(() => expect(mails(input.caseId, 'incident-warning').map((m) => m.dedupeKey.split(':').at(-1))).toEqual(['resolution-warning-750']));
  const [warning] = events(input.caseId, 'sla_warning');
  expect(warning!.at - wednesday0730).toBeGreaterThanOrEqual(0);
  expect(warning!.at - wednesday0730).toBeLessThan(1000);
  await ts.env.sleep(input.reportedAt + 36 * HOUR + MIN - (await ts.env.currentTimeMs()));
  await eventually(() => expect(events(input.caseId, 'resolution_breached')).toHaveLength(1));
  expect(events(input.caseId, 'sla_warning').map((e) => e.payload.threshold)).toEqual(['warning-750', 'warning-900']);
});
