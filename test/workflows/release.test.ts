// Releases on the time-skipping server: plan approval per change category, the downtime announcement
// and the durable sleep until the window, HTTP steps and checks against a scripted deployment system,
// the automatic rollback in reverse order, a parked rollback replayed or resolved by an administrator,
// dpr's fitness tests outside working hours, handover and the 3-calendar-month maintenance timer, and
// an emergency release's approval after the fact.
import { ApplicationFailure } from '@temporalio/common';
import { useTimeSkippingWorker } from '../support/timeSkippingWorker.ts';
import { caseRecords, refusalCode } from '../support/caseRecords.ts';
import { releaseActUpdate, releaseStateQuery } from '../../workflows/messages.ts';
import { release } from '../../workflows/release.ts';
import type { ReleaseActivities, RunStepInput } from '../../activities/types.ts';
import { addCalendarMonths, fitnessSlot, type ReleaseCommand, type ReleaseInput } from '../../policy/release.ts';
import { addWorkingMs, isWorkingInstant, nextWorkingDayStart, nextWorkingInstant } from '../../policy/calendar.ts';
import { STEP_RETRY, type StepOutcome } from '../../policy/releasePlan.ts';
import { SA } from '../../workflows/searchAttributes.ts';
import { WORKING_DAY } from '../../policy/profiles/defaults.ts';
import { command, testCalendar } from '../fixtures/requests.ts';
import { manualPlan, releaseActors as who, releaseInput } from '../fixtures/releaseWorkflow.ts';
import { eventually } from '../support/eventually.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The scripted deployment system: each call is recorded; a key's behaviour is set by the test (default: succeed). */
type Behaviour = 'succeed' | 'fail' | 'throw';
const calls: Array<{ caseId: string; phase: string; step: string; key: string; at: number }> = [];
const checks: Array<{ caseId: string; criterion: string; at: number }> = [];
const behaviours = new Map<string, Behaviour>();
const handovers: Array<{ caseId: string; data: Record<string, unknown> }> = [];
const serviceHandovers: Array<{ services: string[]; at: number }> = [];

function outcomeOf(b: Behaviour, what: string): StepOutcome {
  if (b === 'throw') throw ApplicationFailure.retryable(`deployment system answered 503 for ${what}`, 'DeploymentUnavailable');
  return b === 'fail'
    ? { outcome: 'failed', detail: `${what}: job failed`, httpStatus: 200, externalId: 'job-1', calls: 2 }
    : { outcome: 'succeeded', detail: `${what}: ok`, httpStatus: 200, externalId: 'job-1', calls: 2 };
}
async function step(input: RunStepInput): Promise<StepOutcome> {
  calls.push({ caseId: input.caseId, phase: input.phase, step: input.step.id, key: input.idempotencyKey, at: Date.now() });
  return outcomeOf(behaviours.get(input.idempotencyKey) ?? 'succeed', input.step.id);
}
const releaseActivities: ReleaseActivities = {
  runDeployStep: step,
  runRollbackStep: step,
  async checkCriterion({ caseId, criterion }) {
    checks.push({ caseId, criterion: criterion.id, at: Date.now() });
    return outcomeOf(behaviours.get(`check:${caseId}:${criterion.id}`) ?? 'succeed', criterion.id);
  },
  async renderHandover({ caseId, data }) { handovers.push({ caseId, data }); return { documentId: `doc-${caseId}`, sha256: 'a'.repeat(64) }; },
  async recordServiceHandover({ services, at }) { serviceHandovers.push({ services, at }); },
};

const ts = useTimeSkippingWorker({ historyPrefix: 'release', activities: releaseActivities });
const { events, mails } = caseRecords(ts);

async function start(input: ReleaseInput, searchAttributes = false) {
  const handle = await ts.env.client.workflow.start(release, {
    taskQueue: ts.taskQueue, workflowId: `release:${input.tenantId}:${input.number}`, args: [input],
    ...(searchAttributes ? { typedSearchAttributes: [{ key: SA.tenant, value: input.tenantId }, { key: SA.caseType, value: 'release' }, { key: SA.caseNumber, value: input.number }] } : {}),
  });
  await handle.query(releaseStateQuery);
  ts.track(handle);
  return handle;
}
type Handle = Awaited<ReturnType<typeof start>>;
const act = (handle: Handle, actor: { username: string; name: string; roles: string[] }, cmd: ReleaseCommand) =>
  handle.executeUpdate(releaseActUpdate, { args: [command(actor, cmd)] });
/** The refusal code of an update the workflow refused. */
const refusal = refusalCode;
const stepCalls = (caseId: string, phase?: string) => calls.filter((c) => c.caseId === caseId && (!phase || c.phase === phase));
const state = async (handle: Handle) => (await handle.query(releaseStateQuery)).state;/** The progress events the release signalled to its change (read back from the workflow's history). */
async function changeSignals(handle: Handle, changeWorkflowId: string): Promise<string[]> {
  const history = await handle.fetchHistory();
  return (history.events ?? []).flatMap((e) => {
    const a = e.signalExternalWorkflowExecutionInitiatedEventAttributes;
    if (!a) return [];
    expect(a.signalName).toBe('change.releaseProgress');
    expect(a.workflowExecution?.workflowId).toBe(changeWorkflowId);
    return [(JSON.parse(Buffer.from(a.input!.payloads![0]!.data!).toString()) as { event: string }).event];
  });
}

test('a normal release waits for plan approval, sleeps until its window, runs its steps in order, verifies, and closes after the review', async () => {
  const now = await ts.env.currentTimeMs();
  const input = releaseInput({ now });
  const handle = await start(input);
  await eventually(() => expect(mails(input.caseId, 'release-plan-approval')).toHaveLength(1));
  expect(mails(input.caseId, 'release-plan-approval')[0]!.toRoles).toEqual(['service_owner']);
  expect(await state(handle)).toBe('awaiting_plan_approval');

  // The plan's author may not approve it, even holding the approver's role; the technical team may not either.
  expect(await refusal(act(handle, { ...who.author, roles: ['technical_team', 'service_owner'] }, { action: 'decide_plan', decision: 'approve' }))).toBe('segregation_of_duties');
  expect(await refusal(act(handle, who.tech2, { action: 'decide_plan', decision: 'approve' }))).toBe('missing_role');
  const approved = await act(handle, who.owner, { action: 'decide_plan', decision: 'approve', note: 'Setuju' });
  expect(approved.snapshot).toMatchObject({ state: 'scheduled', dueAt: new Date(input.plan.window.start).toISOString() });
  // serang D.3.2: the downtime is agreed with the service owner and announced to the affected parties.
  const downtime = mails(input.caseId, 'release-downtime');
  expect(downtime).toHaveLength(1);
  expect(downtime[0]!.toRoles).toEqual(['service_desk', 'service_owner']);
  expect(downtime[0]!.toUsers).toEqual(['pemohon', 'teknis']);

  // Asleep until the window opens: nothing runs a minute before.
  await ts.env.sleep(input.plan.window.start - (await ts.env.currentTimeMs()) - MINUTE);
  expect(stepCalls(input.caseId)).toHaveLength(0);
  expect(await state(handle)).toBe('scheduled');
  await ts.env.sleep(2 * MINUTE);
  await eventually(async () => expect(await state(handle)).toBe('reviewing'));

  expect(stepCalls(input.caseId).map((c) => [c.step, c.key])).toEqual([
    ['migrate', `sigap:${input.caseId}:deploy:migrate:1`], ['deploy', `sigap:${input.caseId}:deploy:deploy:1`],
  ]);
  expect(events(input.caseId, 'execution_started')[0]!.at).toBeGreaterThanOrEqual(input.plan.window.start);
  expect(events(input.caseId, 'execution_started')[0]!.at).toBeLessThan(input.plan.window.start + 1000);
  expect(checks.filter((c) => c.caseId === input.caseId).map((c) => c.criterion)).toEqual(['health']);
  expect(events(input.caseId, 'step_completed').map((e) => [e.payload.step, e.payload.outcome])).toEqual([['migrate', 'succeeded'], ['deploy', 'succeeded']]);
  await eventually(() => expect(mails(input.caseId, 'release-completed')).toHaveLength(1));
  expect(mails(input.caseId, 'release-completed')[0]).toMatchObject({ toRoles: ['service_owner'], toUsers: ['teknis'], params: { outcome: 'succeeded' } });

  expect(await refusal(act(handle, who.tech2, { action: 'record_review', summary: 'x' }))).toBe('missing_role');
  const reviewed = await act(handle, who.owner, { action: 'record_review', summary: 'Rilis sesuai rencana', followUps: ['Perbarui panduan'] });
  expect(reviewed.snapshot).toMatchObject({ state: 'closed', data: { outcome: 'succeeded', review: { summary: 'Rilis sesuai rencana' } } });
  expect((await handle.result()).state).toBe('closed');
  expect(mails(input.caseId, 'release-reviewed')[0]).toMatchObject({ toRoles: ['service_owner'], toUsers: ['teknis'] });
  expect(events(input.caseId).map((e) => e.action)).toEqual([
    'started', 'decide_plan', 'execution_started', 'step_started', 'step_completed', 'step_started', 'step_completed', 'criterion_checked', 'record_review',
  ]);
  expect(events(input.caseId).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  // The change hears of every milestone; it was never started here, which the release tolerates.
  expect(await changeSignals(handle, input.change.workflowId)).toEqual(['planned', 'executing', 'succeeded', 'closed']);
}, 60_000);

test('a failing evaluation criterion rolls back every started step in reverse order, exactly once each', async () => {
  const now = await ts.env.currentTimeMs();
  const input = releaseInput({ now, change: { ...releaseInput({ now }).change, category: 'standard' } });
  behaviours.set(`check:${input.caseId}:health`, 'fail');
  const handle = await start(input);
  // A standard change needs no approval: scheduled at once.
  await eventually(() => expect(mails(input.caseId, 'release-downtime')).toHaveLength(1));
  expect(mails(input.caseId, 'release-plan-approval')).toHaveLength(0);
  await ts.env.sleep(input.plan.window.start - (await ts.env.currentTimeMs()) + MINUTE);
  await eventually(async () => expect(await state(handle)).toBe('reviewing'));

  expect(stepCalls(input.caseId).map((c) => `${c.phase}:${c.step}`)).toEqual(['deploy:migrate', 'deploy:deploy', 'rollback:undo-deploy', 'rollback:undo-migrate']);
  const kase = await handle.query(releaseStateQuery);
  expect(kase.outcome).toBe('rolled_back');
  expect(kase.rollback).toMatchObject({ reason: 'criteria_failed', trigger: ['health'], order: ['undo-deploy', 'undo-migrate'], done: ['undo-deploy', 'undo-migrate'] });
  await eventually(() => expect(mails(input.caseId, 'release-rollback-started')).toHaveLength(1));
  expect(events(input.caseId, 'criterion_checked')[0]!.payload).toMatchObject({ criterion: 'health', passed: false, from: 'verifying', to: 'rolling_back' });

  await act(handle, who.author, { action: 'record_review', summary: 'Kriteria kesehatan tidak terpenuhi; dikembalikan' });
  expect((await handle.result()).state).toBe('closed');
  // Nothing ran twice, and nothing ran after the rollback.
  expect(stepCalls(input.caseId)).toHaveLength(4);
  expect(await changeSignals(handle, input.change.workflowId)).toEqual(['planned', 'executing', 'rolled_back', 'closed']);
}, 60_000);

test('a deploy step that keeps failing is retried with the same key, then only the started steps are rolled back', async () => {
  const now = await ts.env.currentTimeMs();
  const input = releaseInput({ now, change: { ...releaseInput({ now }).change, category: 'standard' } });
  behaviours.set(`sigap:${input.caseId}:deploy:migrate:1`, 'throw');
  const handle = await start(input);
  await ts.env.sleep(input.plan.window.start - (await ts.env.currentTimeMs()) + MINUTE);
  await eventually(async () => expect(await state(handle)).toBe('reviewing'), 30_000);

  // STEP_RETRY tries of one run, all with one idempotency key; the second deploy step never started.
  expect(stepCalls(input.caseId, 'deploy').map((c) => c.key)).toEqual(Array(STEP_RETRY.maximumAttempts).fill(`sigap:${input.caseId}:deploy:migrate:1`));
  expect(stepCalls(input.caseId, 'rollback').map((c) => c.step)).toEqual(['undo-migrate']);
  const completed = events(input.caseId, 'step_completed')[0]!;
  expect(completed.payload).toMatchObject({ phase: 'deploy', step: 'migrate', outcome: 'failed', attempts: STEP_RETRY.maximumAttempts, to: 'rolling_back' });
  expect(String(completed.payload.detail)).toContain('503');
  expect((await handle.query(releaseStateQuery)).rollback).toMatchObject({ reason: 'step_failed', trigger: ['migrate'], order: ['undo-migrate'] });
}, 60_000);

test('a rollback step that keeps failing parks the release in rollback_failed; a replay from that step completes it', async () => {
  const now = await ts.env.currentTimeMs();
  const input = releaseInput({ now, change: { ...releaseInput({ now }).change, category: 'standard' } });
  behaviours.set(`check:${input.caseId}:health`, 'fail');
  behaviours.set(`sigap:${input.caseId}:rollback:undo-deploy:1`, 'throw');
  const handle = await start(input, true);
  await ts.env.sleep(input.plan.window.start - (await ts.env.currentTimeMs()) + MINUTE);
  await eventually(async () => expect(await state(handle)).toBe('rollback_failed'), 30_000);

  const parked = events(input.caseId).at(-1)!;
  expect(parked.snapshot.state).toBe('rollback_failed');
  expect(parked.snapshot.data.failedRollback).toMatchObject({ step: 'undo-deploy', run: 1, attempts: STEP_RETRY.maximumAttempts });
  expect(parked.snapshot.waitingFor).toEqual([
    { action: 'replay_rollback', party: { kind: 'role', roles: ['administrator'] } }, { action: 'resolve_rollback', party: { kind: 'role', roles: ['administrator'] } },
  ]);
  await eventually(() => expect(mails(input.caseId, 'release-rollback-failed')).toHaveLength(1));
  expect(mails(input.caseId, 'release-rollback-failed')[0]).toMatchObject({ toRoles: ['administrator'], params: { step: 'undo-deploy', attempts: STEP_RETRY.maximumAttempts } });
  // Searchable: the state search attribute says rollback_failed.
  expect((await handle.describe()).typedSearchAttributes.get(SA.state)).toBe('rollback_failed');
  // The earlier rollback step is not run while parked.
  expect(stepCalls(input.caseId, 'rollback').map((c) => c.step)).toEqual(Array(STEP_RETRY.maximumAttempts).fill('undo-deploy'));

  expect(await refusal(act(handle, who.author, { action: 'replay_rollback', note: 'coba lagi' }))).toBe('missing_role');
  expect(await refusal(act(handle, who.admin, { action: 'resolve_rollback', justification: 'terlalu pendek' }))).toBe('justification_too_short');
  // The administrator fixes the target and replays: a new run of the failed step, with a new key.
  const replayed = await act(handle, who.admin, { action: 'replay_rollback', note: 'Kredensial deploy diperbaiki' });
  expect(['rolling_back', 'reviewing']).toContain(replayed.snapshot.state);
  await eventually(async () => expect(await state(handle)).toBe('reviewing'));
  expect(stepCalls(input.caseId, 'rollback').map((c) => c.key)).toEqual([
    ...Array(STEP_RETRY.maximumAttempts).fill(`sigap:${input.caseId}:rollback:undo-deploy:1`),
    `sigap:${input.caseId}:rollback:undo-deploy:2`, `sigap:${input.caseId}:rollback:undo-migrate:1`,
  ]);
  expect(events(input.caseId, 'replay_rollback')[0]).toMatchObject({ actor: 'admin', payload: { note: 'Kredensial deploy diperbaiki', step: 'undo-deploy', run: 2 } });
  expect((await handle.query(releaseStateQuery)).outcome).toBe('rolled_back');
  expect((await handle.describe()).typedSearchAttributes.get(SA.state)).toBe('reviewing');
  expect(await refusal(act(handle, who.admin, { action: 'replay_rollback', note: 'lagi' }))).toBe('rollback_not_failed');
  expect(await changeSignals(handle, input.change.workflowId)).toEqual(['planned', 'executing', 'rollback_failed', 'rolled_back']);
}, 60_000);

test('an administrator resolves a parked rollback with a written justification: a finding, and the release goes on', async () => {
  const now = await ts.env.currentTimeMs();
  const input = releaseInput({ now, change: { ...releaseInput({ now }).change, category: 'standard' } });
  behaviours.set(`check:${input.caseId}:health`, 'fail');
  behaviours.set(`sigap:${input.caseId}:rollback:undo-deploy:1`, 'fail');
  const handle = await start(input);
  await ts.env.sleep(input.plan.window.start - (await ts.env.currentTimeMs()) + MINUTE);
  await eventually(async () => expect(await state(handle)).toBe('rollback_failed'));
  expect(stepCalls(input.caseId, 'rollback')).toHaveLength(1); // a business failure is not retried

  const justification = 'Versi 2.3.1 dipasang manual oleh tim teknis lewat konsol';
  const resolved = await act(handle, who.admin, { action: 'resolve_rollback', justification });
  expect(resolved.snapshot).toMatchObject({ state: 'reviewing', data: { outcome: 'rollback_resolved', rollback: { resolution: { by: 'admin', justification, step: 'undo-deploy' } } } });
  const findings = ts.recorded.findings.filter((f) => f.caseId === input.caseId);
  expect(findings).toHaveLength(1);
  expect(findings[0]).toMatchObject({ process: 'release', kind: 'rollback_resolved_manually', detail: { step: 'undo-deploy', justification } });
  // The remaining rollback step is not run after a manual resolution.
  await ts.env.sleep(MINUTE);
  expect(stepCalls(input.caseId, 'rollback')).toHaveLength(1);
  expect(await changeSignals(handle, input.change.workflowId)).toEqual(['planned', 'executing', 'rollback_failed', 'rollback_resolved']);
}, 60_000);

test('dpr: fitness tests outside working hours, handover signed by both roles, then a 3-calendar-month maintenance timer', async () => {
  const cal = testCalendar;
  // Start one hour into a working day, whatever time of day the test server's clock has reached, so the
  // fitness slot (the first instant outside working hours) lies ahead.
  await ts.env.sleep(nextWorkingDayStart(cal, await ts.env.currentTimeMs()) + HOUR - (await ts.env.currentTimeMs()));
  const now = await ts.env.currentTimeMs();
  const base = releaseInput({ now, tenantId: 'dpr' });
  const input: ReleaseInput = {
    ...base, title: 'Rilis Portal DPR 1.2.0', change: { ...base.change, services: ['PORTAL-DPR'] },
    plan: manualPlan({ start: now + 20 * DAY, end: now + 20 * DAY + 3 * HOUR }),
    author: { username: who.coordinator.username, name: who.coordinator.name }, requester: { username: who.requester.username, name: who.requester.name },
  };
  const handle = await start(input);
  const approved = await act(handle, who.owner, { action: 'decide_plan', decision: 'approve' });
  expect(approved.snapshot.state).toBe('fitness_testing');
  const round1 = (await handle.query(releaseStateQuery)).fitness[0]!;
  // Scheduled at the first instant outside working hours (dpr Pasal 14 ayat 2).
  expect(round1.scheduledAt).toBe(fitnessSlot(cal, round1.startedAt));
  expect(isWorkingInstant(cal, round1.scheduledAt)).toBe(false);
  if (round1.scheduledAt > round1.startedAt) expect(isWorkingInstant(cal, round1.scheduledAt - 1)).toBe(true);
  expect(mails(input.caseId, 'release-fitness-due')).toHaveLength(0);
  await ts.env.sleep(Math.max(0, round1.scheduledAt - (await ts.env.currentTimeMs())) + MINUTE);
  await eventually(() => expect(mails(input.caseId, 'release-fitness-due')).toHaveLength(1));
  expect(mails(input.caseId, 'release-fitness-due')[0]!.toRoles).toEqual(['technical_team']);
  expect(events(input.caseId, 'fitness_slot_open')[0]!.at - round1.scheduledAt).toBeGreaterThanOrEqual(0);
  expect(events(input.caseId, 'fitness_slot_open')[0]!.at - round1.scheduledAt).toBeLessThan(1000);

  const tester = { username: 'teknis', name: 'Dewi', roles: ['technical_team'] };
  const isoAt = (t: number) => new Date(t).toISOString();
  expect(await refusal(act(handle, tester, { action: 'record_fitness_result', test: 'stress', passed: true, summary: 'x', performedAt: isoAt((await ts.env.currentTimeMs()) + HOUR) }))).toBe('fitness_in_future');
  // Wait into the next working hours: a test performed then is refused.
  const working = nextWorkingInstant(cal, await ts.env.currentTimeMs());
  await ts.env.sleep(working + HOUR - (await ts.env.currentTimeMs()));
  expect(await refusal(act(handle, tester, { action: 'record_fitness_result', test: 'stress', passed: true, summary: 'x', performedAt: isoAt(working + 30 * MINUTE) }))).toBe('fitness_inside_working_hours');
  expect(await refusal(act(handle, tester, { action: 'record_fitness_result', test: 'penetration', passed: true, summary: 'x', performedAt: isoAt(round1.scheduledAt) }))).toBe('unknown_fitness_test');
  await act(handle, tester, { action: 'record_fitness_result', test: 'vulnerability', passed: true, summary: 'Tidak ada kerentanan kritis', performedAt: isoAt(round1.scheduledAt) });
  await act(handle, tester, { action: 'record_fitness_result', test: 'stress', passed: false, summary: 'Gagal pada 500 pengguna', performedAt: isoAt(round1.scheduledAt + MINUTE) });
  const complete = await act(handle, tester, { action: 'record_fitness_result', test: 'risk_impact', passed: true, summary: 'Dampak rendah', performedAt: isoAt(round1.scheduledAt + 2 * MINUTE) });
  expect(complete.snapshot.state).toBe('awaiting_fitness_approval');
  // dpr Pasal 14 ayat 4: results go to the coordinator (and the approver).
  expect(mails(input.caseId, 'release-fitness-results')[0]!.toRoles).toEqual(['service_coordinator', 'service_owner']);
  expect(await refusal(act(handle, who.owner, { action: 'decide_fitness', decision: 'approve' }))).toBe('fitness_tests_failed');
  const again = await act(handle, who.owner, { action: 'decide_fitness', decision: 'reject', note: 'Ulangi uji beban' });
  expect(again.snapshot.state).toBe('fitness_testing');
  const round2 = (await handle.query(releaseStateQuery)).fitness[1]!;
  expect(round2.scheduledAt).toBe(fitnessSlot(cal, round2.startedAt));
  await ts.env.sleep(Math.max(0, round2.scheduledAt - (await ts.env.currentTimeMs())) + MINUTE);
  await eventually(() => expect(mails(input.caseId, 'release-fitness-due')).toHaveLength(2));
  for (const test of ['vulnerability', 'stress', 'risk_impact']) {
    await act(handle, tester, { action: 'record_fitness_result', test, passed: true, summary: 'Lulus', performedAt: isoAt(round2.scheduledAt) });
  }
  expect((await act(handle, who.owner, { action: 'decide_fitness', decision: 'approve' })).snapshot.state).toBe('scheduled');
  expect(mails(input.caseId, 'release-downtime')[0]!.toRoles).toEqual(['requester', 'service_owner']); // dpr names no downtime role

  // The window: a manual step, confirmed by someone other than the change's initiator.
  await ts.env.sleep(input.plan.window.start - (await ts.env.currentTimeMs()) + MINUTE);
  await eventually(async () => expect(await state(handle)).toBe('executing'));
  await eventually(() => expect(mails(input.caseId, 'release-step-waiting')).toHaveLength(1));
  expect(mails(input.caseId, 'release-step-waiting')[0]).toMatchObject({ toRoles: ['technical_team'], params: { step: 'install', phase: 'deploy' } });
  expect(await refusal(act(handle, who.initiator, { action: 'confirm_step', step: 'install', outcome: 'succeeded' }))).toBe('segregation_of_duties');
  expect(await refusal(act(handle, who.tech2, { action: 'confirm_step', step: 'uninstall', outcome: 'succeeded' }))).toBe('unknown_step');
  expect((await act(handle, who.tech2, { action: 'confirm_step', step: 'install', outcome: 'succeeded', note: 'Terpasang' })).snapshot.state).toBe('verifying');
  expect((await act(handle, who.tech2, { action: 'verify', results: [{ criterion: 'smoke', passed: true, note: 'Beranda terbuka' }] })).snapshot.state).toBe('reviewing');
  expect((await act(handle, who.coordinator, { action: 'record_review', summary: 'Sesuai rencana' })).snapshot.state).toBe('awaiting_handover');

  // The Berita Acara Serah Terima is rendered once and signed by the head of the IT unit and the named requester.
  await eventually(() => expect(handovers.filter((h) => h.caseId === input.caseId)).toHaveLength(1));
  expect(handovers.find((h) => h.caseId === input.caseId)!.data).toMatchObject({ number: input.number, outcome: 'succeeded', signatoryRoles: ['head_of_unit', 'requester'] });
  // The notice follows the rendered document: wait for it rather than race it.
  await eventually(() => expect(mails(input.caseId, 'release-handover')[0]).toMatchObject({ toRoles: ['head_of_unit'], toUsers: ['pemohon'] }));
  expect(await refusal(act(handle, who.otherRequester, { action: 'sign_handover' }))).toBe('not_named_requester');
  expect((await act(handle, who.head, { action: 'sign_handover', note: 'Diterima' })).snapshot.state).toBe('awaiting_handover');
  expect(await refusal(act(handle, who.head, { action: 'sign_handover' }))).toBe('already_signed');
  const signed = await act(handle, who.requester, { action: 'sign_handover' });
  expect(signed.snapshot.state).toBe('maintenance');
  const kase = await handle.query(releaseStateQuery);
  const handedOverAt = kase.handover!.completedAt!;
  const endsAt = addCalendarMonths(handedOverAt, 3, 'Asia/Jakarta');
  expect(kase.maintenance).toMatchObject({ startedAt: handedOverAt, endsAt, months: 3, endedAt: null });
  await eventually(() => expect(serviceHandovers.filter((s) => s.at === handedOverAt)).toEqual([{ services: ['PORTAL-DPR'], at: handedOverAt }]));
  expect(mails(input.caseId, 'release-maintenance-started')[0]).toMatchObject({ toRoles: ['technical_team'], toUsers: ['pemohon'] });

  // The maintenance timer: still running a day before three calendar months, closed at the end.
  await ts.env.sleep(endsAt - DAY - (await ts.env.currentTimeMs()));
  expect(await state(handle)).toBe('maintenance');
  await ts.env.sleep(2 * DAY);
  expect((await handle.result()).state).toBe('closed');
  const ended = events(input.caseId, 'maintenance_ended');
  expect(ended).toHaveLength(1);
  expect(ended[0]!.at - endsAt).toBeGreaterThanOrEqual(0);
  expect(ended[0]!.at - endsAt).toBeLessThan(1000);
  expect(mails(input.caseId, 'release-maintenance-ended')).toHaveLength(1);
}, 60_000);

test('an emergency release runs at once, asks for approval afterwards, and escalates a missing approval once', async () => {
  const now = await ts.env.currentTimeMs();
  const base = releaseInput({ now });
  const input: ReleaseInput = { ...base, change: { ...base.change, category: 'emergency' }, plan: { ...base.plan, window: { start: now, end: now + 2 * HOUR } } };
  const handle = await start(input);
  await eventually(async () => expect(await state(handle)).toBe('reviewing'));
  await eventually(() => expect(mails(input.caseId, 'release-plan-approval')).toHaveLength(1));
  const kase = await handle.query(releaseStateQuery);
  expect(kase.approval).toMatchObject({ mode: 'after', role: 'service_owner', decision: null, requestedAt: kase.completedAt });
  // serang: Sigap's default deadline, 1 working day on the tenant calendar.
  expect(kase.approval.dueAt).toBe(addWorkingMs(testCalendar, kase.completedAt!, WORKING_DAY));
  expect(mails(input.caseId, 'release-plan-approval')[0]).toMatchObject({ toRoles: ['service_owner'], params: { retrospective: true } });

  expect((await act(handle, who.author, { action: 'record_review', summary: 'Pemulihan berhasil' })).snapshot.state).toBe('awaiting_retrospective_approval');
  await ts.env.sleep(kase.approval.dueAt! - (await ts.env.currentTimeMs()) + MINUTE);
  await eventually(() => expect(events(input.caseId, 'retrospective_approval_overdue')).toHaveLength(1));
  await ts.env.sleep(3 * DAY);
  expect(events(input.caseId, 'retrospective_approval_overdue')).toHaveLength(1);
  expect(events(input.caseId, 'retrospective_approval_overdue')[0]!.at - kase.approval.dueAt!).toBeLessThan(1000);
  expect(ts.recorded.findings.filter((f) => f.caseId === input.caseId).map((f) => f.kind)).toEqual(['retrospective_approval_overdue']);
  expect(mails(input.caseId, 'release-escalation')).toHaveLength(1);
  expect(mails(input.caseId, 'release-escalation')[0]!.toRoles).toEqual(['head_of_unit', 'service_owner']);
  // A late decision is still recorded; then the release closes.
  const late = await act(handle, who.owner, { action: 'decide_plan', decision: 'approve', note: 'Disetujui terlambat' });
  expect(late.snapshot).toMatchObject({ state: 'closed', data: { approval: { decision: { decision: 'approve', by: 'penyedia' } } } });
  expect((await handle.result()).state).toBe('closed');
}, 60_000);

test('a release is cancelled before execution by its author; a rejected plan ends the release', async () => {
  const now = await ts.env.currentTimeMs();
  const input = releaseInput({ now });
  const handle = await start(input);
  await act(handle, who.owner, { action: 'decide_plan', decision: 'approve' });
  expect(await refusal(act(handle, who.tech2, { action: 'cancel', reason: 'x' }))).toBe('missing_role');
  expect(await refusal(act(handle, who.tech2, { action: 'confirm_step', step: 'migrate', outcome: 'succeeded' }))).toBe('not_waiting_for_action');
  const cancelled = await act(handle, who.author, { action: 'cancel', reason: 'Jadwal bentrok dengan kegiatan pimpinan' });
  expect(cancelled.snapshot.state).toBe('cancelled');
  expect((await handle.result()).state).toBe('cancelled');
  expect(stepCalls(input.caseId)).toHaveLength(0);
  // The affected parties who were told of the downtime are told it is off.
  expect(mails(input.caseId, 'release-closed')[0]).toMatchObject({ toRoles: ['service_owner', 'service_desk'], toUsers: ['teknis', 'pemohon'] });
  expect(await changeSignals(handle, input.change.workflowId)).toEqual(['planned', 'cancelled']);

  const other = releaseInput({ now: await ts.env.currentTimeMs() });
  const rejectedHandle = await start(other);
  const rejected = await act(rejectedHandle, who.owner, { action: 'decide_plan', decision: 'reject', note: 'Rencana rollback kurang rinci' });
  expect(rejected.snapshot).toMatchObject({ state: 'rejected', closedAt: expect.any(String) });
  expect((await rejectedHandle.result()).state).toBe('rejected');
  expect(mails(other.caseId, 'release-closed')[0]).toMatchObject({ toUsers: ['teknis'], params: { state: 'rejected' } });
}, 60_000);
