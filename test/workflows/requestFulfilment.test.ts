// Request fulfilment on the time-skipping test server: SLA timers of 3 hours and 14 days take
// milliseconds. Activities are recorders; the database side is covered by the integration tests.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { useTimeSkippingWorker } from '../support/timeSkippingWorker.ts';
import { requestActUpdate, requestStateQuery } from '../../workflows/messages.ts';
import { requestFulfilment } from '../../workflows/requestFulfilment.ts';
import { actors, command, requestInput, testCalendar } from '../fixtures/requests.ts';
import { nextLocal, skipTo } from '../support/workingHours.ts';
import { eventually } from '../support/eventually.ts';
import type { RequestCommand, RequestInput } from '../../policy/requestFulfilment.ts';
import { addWorkingMs, localDateOf, makeCalendar, nextWorkingDayStart } from '../../policy/calendar.ts';
import { calendarChangedSignal, incidentStateQuery } from '../../workflows/messages.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;





const ts = useTimeSkippingWorker({ historyPrefix: 'requestFulfilment' });

async function start(itemCode: string, overrides: (submittedAt: number) => Partial<RequestInput> = () => ({})) {
  // Submission time is the (skipped) server time, as the API's clock would be.
  const submittedAt = await ts.env.currentTimeMs();
  const input = requestInput(itemCode, { submittedAt, ...overrides(submittedAt) });
  const handle = await ts.env.client.workflow.start(requestFulfilment, { taskQueue: ts.taskQueue, workflowId: `request:serang:${input.number}`, args: [input] });
  // Wait until the workflow has recorded its start, so timers are armed.
  await handle.query(requestStateQuery);
  ts.track(handle);
  return { input, handle };
}

function act(handle: Awaited<ReturnType<typeof start>>['handle'], actor: typeof actors[keyof typeof actors], cmd: RequestCommand) {
  return handle.executeUpdate(requestActUpdate, { args: [command(actor, cmd)] });
}

const notificationsOf = (caseId: string, template?: string) =>
  ts.recorded.notifications.filter((n) => n.caseId === caseId && (!template || n.template === template));
const transitionsOf = (caseId: string) => ts.recorded.transitions.filter((t) => t.caseId === caseId);

test('a 3-hour account request warns at 50/75/90 %, breaches and escalates exactly once, then closes as breached', async () => {
  // Submitted Tuesday 08:00 WIB: every warning falls in working hours, so each goes out at its instant.
  await skipTo(ts.env, nextLocal(testCalendar, await ts.env.currentTimeMs(), 2, '08:00', 1));
  const { input, handle } = await start('AKUN-EMAIL');
  await act(handle, actors.desk, { action: 'classify', classification: 'fulfilment', priority: 'high' });
  await act(handle, actors.desk, { action: 'assign', assignee: { username: actors.tech.username, name: actors.tech.name } });

  await ts.env.sleep(HOUR); // 1 h < 1 h 30 min: nothing yet
  expect(notificationsOf(input.caseId, 'sla-reminder')).toHaveLength(0);
  await ts.env.sleep(HOUR + 30 * 60_000); // 2 h 30 min: the 50 % and 75 % warnings, no breach
  expect(notificationsOf(input.caseId, 'sla-reminder')).toHaveLength(2);
  expect(notificationsOf(input.caseId, 'sla-reminder')[0]!.toUsers).toEqual([actors.tech.username]);
  expect(notificationsOf(input.caseId, 'sla-breach')).toHaveLength(0);
  await ts.env.sleep(HOUR); // 3 h 30 min: 90 % warning, then breached and escalated to the service coordinator
  const breach = notificationsOf(input.caseId, 'sla-breach');
  expect(breach).toHaveLength(1);
  expect(breach[0]!.toRoles).toEqual(['service_coordinator']);
  // A durable timer per threshold: never early, late only by the workflow task's own latency.
  const fired = transitionsOf(input.caseId).filter((t) => t.action === 'sla_reminder' || t.action === 'sla_breached');
  const expectedAt = [1.5 * HOUR, 2.25 * HOUR, 2.7 * HOUR, 3 * HOUR];
  expect(fired.map((t) => t.action)).toEqual(['sla_reminder', 'sla_reminder', 'sla_reminder', 'sla_breached']);
  fired.forEach((t, i) => {
    expect(t.at - input.submittedAt).toBeGreaterThanOrEqual(expectedAt[i]!);
    expect(t.at - input.submittedAt).toBeLessThan(expectedAt[i]! + 1000);
  });

  await ts.env.sleep(5 * DAY); // nothing fires twice
  expect(notificationsOf(input.caseId, 'sla-breach')).toHaveLength(1);
  expect(notificationsOf(input.caseId, 'sla-reminder')).toHaveLength(3);

  await act(handle, actors.tech, { action: 'fulfil', resolution: 'Akun dibuat.' });
  const done = await act(handle, actors.requester, { action: 'confirm', satisfaction: 3, suggestion: 'Lebih cepat.' });
  expect(done.snapshot.state).toBe('closed');
  expect(done.snapshot.breached).toBe(true);
  expect(done.snapshot.slaMet).toBe(false);
  const result = await handle.result();
  expect(result.formD.satisfaction).toBe(3);
  const seqs = transitionsOf(input.caseId).map((t) => t.seq);
  expect(seqs).toEqual(seqs.map((_, i) => i + 1)); // gap-free, each recorded once
});

test('a 14-day hosting request needs approval, warns at 7 and 10.5 days (the night one the next morning) and is met when confirmed on day 11', async () => {
  // Submitted Monday 10:00 WIB: 50 % falls on the next Monday 10:00, 75 % on Thursday 22:00, which waits for Friday 07:30.
  await skipTo(ts.env, nextLocal(testCalendar, await ts.env.currentTimeMs(), 1, '10:00', 14));
  const { input, handle } = await start('HOSTING-APP');
  await act(handle, actors.desk, { action: 'classify', classification: 'fulfilment', priority: 'medium' });
  let state = await handle.query(requestStateQuery);
  expect(state.state).toBe('awaiting_approval');
  // Notices go out after the answer (patch answer-before-notices).
  await eventually(() => expect(notificationsOf(input.caseId, 'decision-waiting')[0]!.toRoles).toEqual(['service_owner']));

  await act(handle, actors.owner, { action: 'decide', decision: 'approve', comment: 'Setuju.' });
  await act(handle, actors.desk, { action: 'assign', assignee: { username: actors.tech.username, name: actors.tech.name } });
  await act(handle, actors.tech, { action: 'progress', note: 'VM disiapkan.' });
  await ts.env.sleep(10 * DAY);
  expect(notificationsOf(input.caseId, 'sla-reminder')).toHaveLength(1); // 50 %: 7 days
  await ts.env.sleep(DAY);
  expect(notificationsOf(input.caseId, 'sla-reminder')).toHaveLength(2); // 75 %: 10.5 days, sent the next working morning
  const reminders = transitionsOf(input.caseId).filter((t) => t.action === 'sla_reminder');
  expect(reminders[0]!.at - input.submittedAt).toBeLessThan(7 * DAY + 1000);
  // Thursday 22:00 → Friday 07:30, the working start itself: not a moment before it. (Measured from the clock,
  // not from submittedAt, which the test server's clock may have passed by a few ms after skipping to 10:00.)
  const jakarta = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Jakarta', weekday: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  expect(jakarta.format(new Date(reminders[1]!.at))).toBe('Fri 07:30:00');
  expect(reminders[1]!.at - input.submittedAt).toBeGreaterThan(10.5 * DAY + 9.5 * HOUR - 1000);
  expect(reminders[1]!.at - input.submittedAt).toBeLessThan(10.5 * DAY + 9.5 * HOUR + 1000);
  await act(handle, actors.tech, { action: 'fulfil', resolution: 'Aplikasi sudah di-hosting.' });
  const done = await act(handle, actors.requester, { action: 'confirm', satisfaction: 5 });
  expect(done.snapshot).toMatchObject({ state: 'closed', breached: false, slaMet: true });
  await ts.env.sleep(10 * DAY);
  expect(notificationsOf(input.caseId, 'sla-breach')).toHaveLength(0);
  state = await handle.query(requestStateQuery);
  expect(state.approval).toMatchObject({ decision: 'approve', by: actors.owner.username });
});

test('refused commands leave the case unchanged', async () => {
  const { input, handle } = await start('HOSTING-APP');
  const refusalOf = async (p: Promise<unknown>) => {
    const err = await p.then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    return ((err as WorkflowUpdateFailedError).cause as Error).message;
  };
  expect(await refusalOf(act(handle, actors.requester, { action: 'classify', classification: 'fulfilment', priority: 'low' }))).toBe('missing_role');
  expect(await refusalOf(act(handle, actors.owner, { action: 'decide', decision: 'approve' }))).toBe('not_waiting_for_action');
  await act(handle, actors.desk, { action: 'classify', classification: 'fulfilment', priority: 'low' });
  expect(await refusalOf(act(handle, actors.desk, { action: 'decide', decision: 'approve' }))).toBe('missing_role');
  const requesterAsOwner = { ...actors.requester, roles: ['requester', 'service_owner'] };
  expect(await refusalOf(act(handle, requesterAsOwner, { action: 'decide', decision: 'approve' }))).toBe('segregation_of_duties');
  await act(handle, actors.owner, { action: 'decide', decision: 'approve' });
  expect(await refusalOf(act(handle, actors.owner, { action: 'decide', decision: 'approve' }))).toBe('not_waiting_for_action');
  await act(handle, actors.desk, { action: 'assign', assignee: { username: actors.tech.username, name: actors.tech.name } });
  await act(handle, actors.tech, { action: 'fulfil', resolution: 'Selesai.' });
  expect(await refusalOf(act(handle, actors.otherRequester, { action: 'confirm', satisfaction: 5 }))).toBe('not_your_case');
  expect(await refusalOf(act(handle, actors.requester, { action: 'confirm', satisfaction: 6 }))).toBe('rating_out_of_range');
  const before = transitionsOf(input.caseId).length;
  const reopened = await act(handle, actors.requester, { action: 'reopen', reason: 'Belum bisa login.' });
  expect(reopened.snapshot.state).toBe('in_fulfilment');
  expect(transitionsOf(input.caseId).length).toBe(before + 1);
  await act(handle, actors.tech, { action: 'fulfil', resolution: 'Sudah diperbaiki.' });
  await act(handle, actors.requester, { action: 'confirm', satisfaction: 4 });
  // The workflow has completed: nothing more is accepted.
  await expect(act(handle, actors.requester, { action: 'cancel', reason: 'x' })).rejects.toThrow();
});

test('a rejected request ends and stops its clock', async () => {
  const { input, handle } = await start('JARINGAN-LAN');
  await act(handle, actors.desk, { action: 'classify', classification: 'fulfilment', priority: 'low' });
  const res = await act(handle, actors.owner, { action: 'decide', decision: 'reject', comment: 'Anggaran belum tersedia.' });
  expect(res.snapshot.state).toBe('rejected');
  const result = await handle.result();
  expect(result.state).toBe('rejected');
  // Notices go out after the answer (patch answer-before-notices).
  await eventually(() => expect(notificationsOf(input.caseId, 'request-rejected')[0]!.toUsers).toEqual([actors.requester.username]));
});

test('a working-time target skips non-working time; a holiday added later re-targets the running timer', async () => {
  const weekOnly = makeCalendar({ holidays: [], version: 1 }); // the default working week, no holidays
  // AKUN-EMAIL counts calendar time; this case is given a 3-hour working-time target instead.
  const target = 3 * HOUR;
  const item = { ...requestInput('AKUN-EMAIL').item, basis: 'working' as const, targetMs: target };
  const { input: wInput, handle: wHandle } = await start('AKUN-EMAIL', () => ({ calendar: weekOnly, item }));
  const oldDue = addWorkingMs(weekOnly, wInput.submittedAt, target);

  // The administrator declares the day the target falls on a holiday (version 2).
  const withHoliday = makeCalendar({ holidays: [localDateOf(weekOnly, oldDue - 1)], version: 2 });
  const signalledAt = await ts.env.currentTimeMs();
  await wHandle.signal(calendarChangedSignal, withHoliday);
  let state = await wHandle.query(requestStateQuery);
  while (state.calendar.version < 2) state = await wHandle.query(requestStateQuery);
  const counted = state.sla.accumulatedMs;
  const newDue = addWorkingMs(withHoliday, state.sla.runningSince!, target - counted);
  expect(newDue).toBeGreaterThan(oldDue);
  expect(signalledAt).toBeLessThanOrEqual(state.sla.runningSince!);

  await ts.env.sleep(oldDue - (await ts.env.currentTimeMs()) + 60_000);
  expect(notificationsOf(wInput.caseId, 'sla-breach')).toHaveLength(0); // the old deadline passed silently
  await ts.env.sleep(newDue - (await ts.env.currentTimeMs()) + 60_000);
  const breaches = transitionsOf(wInput.caseId).filter((t) => t.action === 'sla_breached');
  expect(breaches).toHaveLength(1);
  expect(breaches[0]!.at).toBeGreaterThanOrEqual(newDue);
  expect(breaches[0]!.at).toBeLessThan(newDue + 1000);
  expect(transitionsOf(wInput.caseId).filter((t) => t.action === 'calendar_changed')).toHaveLength(1);
  // Each warning fired once, in working time, before the breach.
  const warnings = transitionsOf(wInput.caseId).filter((t) => t.action === 'sla_reminder');
  expect(new Set(warnings.map((w) => (w.payload as { threshold: string }).threshold)).size).toBe(warnings.length);
}, 30_000);

test('the clock pauses while the requester is asked for information', async () => {
  const { input, handle } = await start('AKUN-EMAIL');
  await act(handle, actors.desk, { action: 'classify', classification: 'fulfilment', priority: 'high' });
  await act(handle, actors.desk, { action: 'assign', assignee: { username: actors.tech.username, name: actors.tech.name } });
  await ts.env.sleep(HOUR);
  const asked = await act(handle, actors.tech, { action: 'request_info', question: 'Untuk unit kerja mana akun ini?' });
  expect(asked.snapshot.state).toBe('awaiting_requester_info');
  expect(asked.snapshot.dueAt).toBeNull();
  // Notices go out after the answer (patch answer-before-notices).
  await eventually(() => expect(notificationsOf(input.caseId, 'request-info-needed')[0]!.toUsers).toEqual([actors.requester.username]));
  await ts.env.sleep(5 * DAY); // paused: nothing fires
  expect(notificationsOf(input.caseId, 'sla-breach')).toHaveLength(0);
  const answered = await act(handle, actors.requester, { action: 'provide_info', answer: 'Bagian Umum.' });
  expect(answered.snapshot.state).toBe('in_fulfilment');
  const { sla } = await handle.query(requestStateQuery);
  const resumedAt = sla.runningSince!;
  const elapsed = sla.accumulatedMs;
  expect(elapsed).toBeGreaterThanOrEqual(HOUR);
  expect(elapsed).toBeLessThan(HOUR + 5_000);
  await ts.env.sleep(3 * HOUR - elapsed + 60_000);
  const breach = transitionsOf(input.caseId).find((t) => t.action === 'sla_breached')!;
  expect(breach.at - resumedAt).toBeGreaterThanOrEqual(3 * HOUR - elapsed); // paused time did not count
  expect(breach.at - resumedAt).toBeLessThan(3 * HOUR - elapsed + 1000);
}, 30_000);

test('outside working hours the three folded reminders and the breach are recorded in one activity, the events as before', async () => {
  // Submitted Friday 18:00 WIB with a 3-hour target: the reminders (19:30, 20:15, 20:42) would wait for Monday 07:30,
  // the breach at 21:00 does not, so all three fold into it.
  const friday = nextLocal(testCalendar, await ts.env.currentTimeMs(), 5, '18:00', 7);
  await skipTo(ts.env, friday);
  const { input } = await start('AKUN-EMAIL');
  await ts.env.sleep(3 * HOUR + 60_000);
  await eventually(() => expect(transitionsOf(input.caseId).map((t) => t.action)).toContain('sla_breached'));
  const monday0730 = new Date(friday + 2 * DAY + 13.5 * HOUR).toISOString();
  const events = transitionsOf(input.caseId);
  const breach = events.find((t) => t.action === 'sla_breached')!;
  // The audit trail is what it was with one activity per event (seqs, payloads, snapshots), and every event is stamped
  // with the breach instant: no fold waits for the activity of the one before it.
  expect(events.map((t) => [t.seq, t.action])).toEqual([[1, 'started'], [2, 'reminder_folded'], [3, 'reminder_folded'], [4, 'reminder_folded'], [5, 'sla_breached']]);
  expect(events.filter((t) => t.action === 'reminder_folded').map((t) => ({ payload: t.payload, at: t.at, state: t.snapshot.state, breached: t.snapshot.breached }))).toEqual(
    [500, 750, 900].map((p) => ({
      payload: { threshold: `warning-${p}`, into: 'breach', dueAt: new Date(input.submittedAt + (3 * HOUR * p) / 1000).toISOString(), sendAt: monday0730 },
      at: breach.at, state: 'submitted', breached: true, // the snapshot at the breach instant: the target is already missed
    })));
  expect(breach.payload).toEqual({ escalatedTo: 'service_coordinator', targetMs: 3 * HOUR });
  expect(breach.at - (input.submittedAt + 3 * HOUR)).toBeGreaterThanOrEqual(0);
  expect(breach.at - (input.submittedAt + 3 * HOUR)).toBeLessThan(1000);
  expect(breach.snapshot.breached).toBe(true);
  // One activity for the folds and the breach (one round trip: the breach is not recorded three activities late).
  expect(ts.recorded.transitionCalls.filter((c) => c.caseId === input.caseId)).toEqual([
    { activity: 'recordTransition', caseId: input.caseId, seqs: [1] },
    { activity: 'recordTransitions', caseId: input.caseId, seqs: [2, 3, 4, 5] },
  ]);
  expect(notificationsOf(input.caseId, 'sla-breach')).toHaveLength(1);
  await ts.env.sleep(3 * DAY); // past Monday 07:30: the folded reminders are never sent
  expect(notificationsOf(input.caseId, 'sla-reminder')).toHaveLength(0);
  expect(transitionsOf(input.caseId)).toHaveLength(5);
}, 30_000);

test('warnings at 50/75/90 % and the breach each fire once, at their instant, across a weekend and a holiday', async () => {
  const weekOnly = makeCalendar({ holidays: [], version: 1 });
  const start0 = await ts.env.currentTimeMs();
  // The next working day is a holiday; six working days (45 h) always span a weekend.
  const holiday = localDateOf(weekOnly, nextWorkingDayStart(weekOnly, start0));
  const calendar = makeCalendar({ holidays: [holiday], version: 1 });
  const target = 6 * 7.5 * HOUR;
  const item = { ...requestInput('AKUN-EMAIL').item, basis: 'working' as const, targetMs: target };
  const warningsAt = [500, 750, 900];
  const { input } = await start('AKUN-EMAIL', () => ({
    calendar, item, profileOverrides: { sla: { warningPermille: { value: warningsAt, source: { sigapDefault: 'test' } } } },
  }));
  const expected = [...warningsAt.map((p) => ({ id: `warning-${p}`, at: addWorkingMs(calendar, input.submittedAt, (target * p) / 1000) })),
    { id: 'breach', at: addWorkingMs(calendar, input.submittedAt, target) }];
  expect(expected.at(-1)!.at - input.submittedAt).toBeGreaterThan(7 * DAY); // crosses a weekend and the holiday

  await ts.env.sleep(expected.at(-1)!.at - (await ts.env.currentTimeMs()) + 2 * DAY);
  const fired = transitionsOf(input.caseId).filter((t) => t.action === 'sla_reminder' || t.action === 'sla_breached')
    .map((t) => ({ id: t.action === 'sla_breached' ? 'breach' : (t.payload as { threshold: string }).threshold, at: t.at }));
  expect(fired.map((f) => f.id)).toEqual(expected.map((e) => e.id)); // each once, in order
  fired.forEach((f, i) => {
    expect(f.at).toBeGreaterThanOrEqual(expected[i]!.at); // never early
    expect(f.at).toBeLessThan(expected[i]!.at + 1000);
  });
}, 30_000);

test('a request the service desk finds to be an incident continues as one, linked both ways', async () => {
  const { input, handle } = await start('AKUN-EMAIL');
  const incidentDetails = { service: { code: 'PERIZINAN-ONLINE', name: 'Perizinan Online', serviceType: 'publik' as const, classification: 'kritis' as const }, impact: 'mayor' as const, category: 'Login gagal' };
  const res = await act(handle, actors.desk, { action: 'classify', classification: 'incident', priority: 'high', incident: incidentDetails });
  expect(res.snapshot).toMatchObject({ state: 'reclassified', waitingFor: [], links: [{ type: 'incident', relation: 'reclassified_as' }] });
  const result = await handle.result(); // the request ends; its clock stopped
  expect(result.state).toBe('reclassified');
  const incidentId = res.snapshot.links[0]!.id;
  const child = ts.env.client.workflow.getHandle(`incident:serang:${res.snapshot.links[0]!.number}`);
  const incidentState = await child.query(incidentStateQuery);
  expect(incidentState).toMatchObject({ priority: 'P1', state: 'reported', input: { origin: { type: 'request', id: input.caseId }, reporter: { username: actors.requester.username } } });
  expect(transitionsOf(incidentId).map((t) => t.action)).toContain('started');
  // Notices go out after the answer (patch answer-before-notices).
  await eventually(() => expect(notificationsOf(input.caseId, 'request-reclassified')[0]!.toUsers).toEqual([actors.requester.username]));
});
