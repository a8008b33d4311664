// The release's pure rules: approval per change category, fitness slots outside working hours,
// calendar months in the tenant's time zone, refusals (segregation of duties among them), the
// execution → verification → rollback → replay/resolve path, emergency approval after the fact, the
// dpr handover, and the read model.
import { makeCalendar } from '../../policy/calendar.ts';
import { getProfile } from '../../policy/profiles/index.ts';
import {
  addCalendarMonths, applyReleaseCommand, approvalMode, currentStepKey, fitnessRequired, fitnessSlot, newReleaseCase, nextDeployStep, nextRollbackStep,
  recordCriterionResult, recordStepOutcome, releaseRefusal, releaseSnapshot, releaseWaitingFor, retrospectiveOverdueAt, settleVerification,
  startExecution, startStep, withReleaseCalendar,
  type ReleaseCase, type ReleaseCommand,
} from '../../policy/release.ts';
import type { StepOutcome } from '../../policy/releasePlan.ts';
import type { Actor } from '../../policy/requestFulfilment.ts';
import { manualPlan, releaseActors as who, releaseInput } from '../fixtures/releaseWorkflow.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const cal = makeCalendar({ holidays: [], version: 1 });
const wib = (local: string) => Date.parse(`${local}+07:00`);
/** Monday 23 November 2026, 10:17 WIB: working time. */
const MONDAY_1017 = wib('2026-11-23T10:17:00');
const serang = getProfile('serang');
const dpr = getProfile('dpr');
const kemenkeu = getProfile('kemenkeu');

const ok: StepOutcome = { outcome: 'succeeded', detail: 'ok', httpStatus: 200, externalId: null, calls: 1 };
const bad: StepOutcome = { outcome: 'failed', detail: 'HTTP 500', httpStatus: 500, externalId: null, calls: 3 };

function serangCase(category: 'standard' | 'normal' | 'emergency' = 'normal'): ReleaseCase {
  const input = releaseInput({ now: MONDAY_1017, calendar: cal });
  return newReleaseCase({ ...input, change: { ...input.change, category } }, serang);
}
const refuse = (c: ReleaseCase, cmd: ReleaseCommand, actor: Actor, now = MONDAY_1017, profile = serang) => releaseRefusal(c, cmd, actor, profile, now)?.code ?? null;

/** Runs every HTTP deploy step with the given outcomes (by step id; default succeeded). */
function execute(c: ReleaseCase, outcomes: Record<string, StepOutcome> = {}, now = MONDAY_1017): ReleaseCase {
  let k = startExecution(c, now);
  for (let step = nextDeployStep(k); k.state === 'executing' && step; step = nextDeployStep(k)) {
    k = startStep(k, 'deploy', step, now);
    k = recordStepOutcome(k, 'deploy', step.id, outcomes[step.id] ?? ok, serang, now, { attempts: 1 });
  }
  return k;
}
function rollbackStep(k: ReleaseCase, outcome: StepOutcome, now = MONDAY_1017): ReleaseCase {
  const step = nextRollbackStep(k)!;
  return recordStepOutcome(startStep(k, 'rollback', step, now), 'rollback', step.id, outcome, serang, now, { attempts: outcome.outcome === 'failed' ? 3 : 1 });
}

describe('approval per change category', () => {
  test('serang: normal waits for the service owner, standard and emergency are scheduled at once', () => {
    expect(approvalMode(serang, 'normal')).toBe('before');
    expect(approvalMode(serang, 'standard')).toBe('none');
    expect(approvalMode(serang, 'emergency')).toBe('after');
    expect(serangCase('normal')).toMatchObject({ state: 'awaiting_plan_approval', approval: { mode: 'before', role: 'service_owner' } });
    expect(serangCase('standard')).toMatchObject({ state: 'scheduled', approval: { mode: 'none', role: null } });
    expect(serangCase('emergency')).toMatchObject({ state: 'scheduled', approval: { mode: 'after', role: 'service_owner', requestedAt: null } });
  });

  test('kemenkeu: the change coordinator approves release plans', () => {
    const input = releaseInput({ now: MONDAY_1017, tenantId: 'kemenkeu', calendar: cal });
    const c = newReleaseCase(input, kemenkeu);
    expect(c.approval.role).toBe('change_coordinator');
    expect(refuse(c, { action: 'decide_plan', decision: 'approve' }, who.owner, MONDAY_1017, kemenkeu)).toBe('missing_role');
    expect(refuse(c, { action: 'decide_plan', decision: 'approve' }, { username: 'kpm', name: 'K', roles: ['change_coordinator'] }, MONDAY_1017, kemenkeu)).toBeNull();
  });

  test('dpr runs fitness tests after the plan is approved, but not for an emergency', () => {
    expect(fitnessRequired(dpr, 'normal')).toBe(true);
    expect(fitnessRequired(dpr, 'emergency')).toBe(false);
    expect(fitnessRequired(serang, 'normal')).toBe(false);
    const input = releaseInput({ now: MONDAY_1017, tenantId: 'dpr', calendar: cal });
    const c = newReleaseCase(input, dpr);
    const approved = applyReleaseCommand(c, { action: 'decide_plan', decision: 'approve' }, who.owner, dpr, MONDAY_1017);
    expect(approved.state).toBe('fitness_testing');
    expect(approved.fitness[0]).toMatchObject({ round: 1, startedAt: MONDAY_1017, scheduledAt: wib('2026-11-23T12:00:00') });
    expect(newReleaseCase({ ...input, change: { ...input.change, category: 'emergency' } }, dpr).state).toBe('scheduled');
  });
});

describe('time', () => {
  test('fitness tests are scheduled at the first instant outside working hours', () => {
    expect(fitnessSlot(cal, MONDAY_1017)).toBe(wib('2026-11-23T12:00:00')); // the lunch break
    expect(fitnessSlot(cal, wib('2026-11-23T13:00:00'))).toBe(wib('2026-11-23T16:00:00'));
    expect(fitnessSlot(cal, wib('2026-11-23T15:59:59.500'))).toBe(wib('2026-11-23T16:00:00'));
    expect(fitnessSlot(cal, wib('2026-11-27T11:45:00'))).toBe(wib('2026-11-27T11:45:00')); // Friday break
    expect(fitnessSlot(cal, wib('2026-11-28T09:00:00'))).toBe(wib('2026-11-28T09:00:00')); // Saturday
    expect(fitnessSlot(makeCalendar({ holidays: ['2026-11-23'], version: 1 }), MONDAY_1017)).toBe(MONDAY_1017); // a holiday
  });

  test('calendar months in the tenant time zone, clamped to the end of shorter months', () => {
    expect(addCalendarMonths(wib('2026-11-23T10:17:00'), 3, 'Asia/Jakarta')).toBe(wib('2027-02-23T10:17:00'));
    expect(addCalendarMonths(wib('2026-11-30T10:00:00'), 3, 'Asia/Jakarta')).toBe(wib('2027-02-28T10:00:00'));
    expect(addCalendarMonths(wib('2027-11-30T10:00:00'), 3, 'Asia/Jakarta')).toBe(wib('2028-02-29T10:00:00'));
    // 31 January 05:00 WIB is still 30 January in UTC: the local date counts.
    expect(addCalendarMonths(wib('2027-01-31T05:00:00'), 1, 'Asia/Jakarta')).toBe(wib('2027-02-28T05:00:00'));
    expect(addCalendarMonths(Date.parse('2027-03-31T23:30:00+09:00'), 3, 'Asia/Jayapura')).toBe(Date.parse('2027-06-30T23:30:00+09:00'));
  });
});

describe('refusals', () => {
  test('segregation of duties: neither the plan author nor the change initiator approves; the initiator does not implement', () => {
    const c = serangCase();
    const authorAsOwner = { ...who.author, roles: ['technical_team', 'service_owner'] };
    expect(releaseRefusal(c, { action: 'decide_plan', decision: 'approve' }, authorAsOwner, serang, MONDAY_1017)).toMatchObject({ code: 'segregation_of_duties', duty: 'approve', conflictsWith: 'plan_author' });
    const initiatorAsOwner = { ...who.initiator, roles: ['service_owner'] };
    expect(releaseRefusal(c, { action: 'decide_plan', decision: 'approve' }, initiatorAsOwner, serang, MONDAY_1017)).toMatchObject({ code: 'segregation_of_duties', duty: 'approve', conflictsWith: 'initiate' });
    expect(refuse(c, { action: 'decide_plan', decision: 'approve' }, who.owner)).toBeNull();

    const manual = newReleaseCase({ ...releaseInput({ now: MONDAY_1017, calendar: cal }), plan: manualPlan({ start: MONDAY_1017, end: MONDAY_1017 + HOUR }), change: { ...releaseInput({ now: 0 }).change, category: 'standard' } }, serang);
    const running = startExecution(manual, MONDAY_1017);
    expect(releaseRefusal(running, { action: 'confirm_step', step: 'install', outcome: 'succeeded' }, who.initiator, serang, MONDAY_1017)).toMatchObject({ code: 'segregation_of_duties', duty: 'implement', conflictsWith: 'initiate' });
    expect(refuse(running, { action: 'confirm_step', step: 'install', outcome: 'succeeded' }, who.tech2)).toBeNull();
    expect(refuse(running, { action: 'confirm_step', step: 'install', outcome: 'succeeded' }, who.owner)).toBe('missing_role');
  });

  test('kemenkeu keeps approving and implementing apart too: the plan approver may not confirm a step', () => {
    const input = releaseInput({ now: MONDAY_1017, tenantId: 'kemenkeu', calendar: cal, plan: manualPlan({ start: MONDAY_1017, end: MONDAY_1017 + HOUR }) });
    const approver = { username: 'kpm', name: 'K', roles: ['change_coordinator', 'technical_team'] };
    let c = newReleaseCase(input, kemenkeu);
    c = applyReleaseCommand(c, { action: 'decide_plan', decision: 'approve' }, approver, kemenkeu, MONDAY_1017);
    c = startExecution(c, MONDAY_1017);
    expect(releaseRefusal(c, { action: 'confirm_step', step: 'install', outcome: 'succeeded' }, approver, kemenkeu, MONDAY_1017)).toMatchObject({ code: 'segregation_of_duties', duty: 'implement', conflictsWith: 'approve' });
    // serang's (Sigap default) rule keeps only the initiator apart.
    let s = newReleaseCase({ ...input, tenantId: 'serang', profileId: 'serang' }, serang);
    const owner = { ...who.owner, roles: ['service_owner', 'technical_team'] };
    s = startExecution(applyReleaseCommand(s, { action: 'decide_plan', decision: 'approve' }, owner, serang, MONDAY_1017), MONDAY_1017);
    expect(refuse(s, { action: 'confirm_step', step: 'install', outcome: 'succeeded' }, owner)).toBeNull();
  });

  test('fitness results: only outside working hours, not in the future, not before the round, only known tests; no approval with a failed test', () => {
    const input = releaseInput({ now: MONDAY_1017, tenantId: 'dpr', calendar: cal });
    let c = applyReleaseCommand(newReleaseCase(input, dpr), { action: 'decide_plan', decision: 'approve' }, who.owner, dpr, MONDAY_1017);
    const tester = { username: 'teknis', name: 'T', roles: ['technical_team'] };
    const now = wib('2026-11-23T20:00:00');
    const result = (performedAt: string, test = 'stress', passed = true): ReleaseCommand => ({ action: 'record_fitness_result', test, passed, summary: 's', performedAt });
    expect(refuse(c, result('2026-11-23T14:00:00+07:00'), tester, now, dpr)).toBe('fitness_inside_working_hours');
    expect(refuse(c, result('2026-11-23T21:00:00+07:00'), tester, now, dpr)).toBe('fitness_in_future');
    expect(refuse(c, result('2026-11-23T06:00:00+07:00'), tester, now, dpr)).toBe('fitness_before_scheduling');
    expect(refuse(c, result('kemarin'), tester, now, dpr)).toBe('invalid_time');
    expect(refuse(c, result('2026-11-23T19:00:00+07:00', 'penetration'), tester, now, dpr)).toBe('unknown_fitness_test');
    expect(refuse(c, result('2026-11-23T19:00:00+07:00'), who.owner, now, dpr)).toBe('missing_role');
    expect(refuse(c, result('2026-11-23T12:30:00+07:00'), tester, now, dpr)).toBeNull(); // the lunch break is outside working hours
    c = applyReleaseCommand(c, result('2026-11-23T19:00:00+07:00', 'vulnerability'), tester, dpr, now);
    c = applyReleaseCommand(c, result('2026-11-23T19:10:00+07:00', 'stress', false), tester, dpr, now);
    expect(c.state).toBe('fitness_testing');
    expect(releaseWaitingFor(c, dpr)[0]).toMatchObject({ action: 'record_fitness_result', roles: ['technical_team'], detail: { tests: ['risk_impact'] } });
    c = applyReleaseCommand(c, result('2026-11-23T19:20:00+07:00', 'risk_impact'), tester, dpr, now);
    expect(c.state).toBe('awaiting_fitness_approval');
    expect(releaseRefusal(c, { action: 'decide_fitness', decision: 'approve' }, who.owner, dpr, now)).toEqual({ code: 'fitness_tests_failed', tests: ['stress'] });
    const rejected = applyReleaseCommand(c, { action: 'decide_fitness', decision: 'reject' }, who.owner, dpr, now);
    expect(rejected).toMatchObject({ state: 'fitness_testing', fitness: [{ round: 1, decision: { decision: 'reject' } }, { round: 2, startedAt: now, scheduledAt: now, results: [] }] });
  });

  test('actions out of turn, replays of a rollback that has not failed, short justifications', () => {
    const c = serangCase();
    expect(refuse(c, { action: 'record_review', summary: 'x' }, who.owner)).toBe('not_waiting_for_action');
    expect(refuse(c, { action: 'replay_rollback', note: 'x' }, who.admin)).toBe('rollback_not_failed');
    expect(refuse(c, { action: 'resolve_rollback', justification: 'x'.repeat(30) }, who.admin)).toBe('rollback_not_failed');
    expect(refuse(c, { action: 'cancel', reason: 'x' }, who.tech2)).toBe('missing_role');
    expect(refuse(c, { action: 'cancel', reason: 'x' }, who.author)).toBeNull();
    const closed = applyReleaseCommand(c, { action: 'cancel', reason: 'x' }, who.author, serang, MONDAY_1017);
    expect(refuse(closed, { action: 'decide_plan', decision: 'approve' }, who.owner)).toBe('case_closed');
    const running = execute(serangCase('standard'));
    expect(refuse(running, { action: 'cancel', reason: 'x' }, who.author)).toBe('not_waiting_for_action');
  });
});

describe('execution, verification and rollback', () => {
  test('all steps and criteria pass: reviewing, then closed by the review', () => {
    let c = execute(serangCase('standard'));
    expect(c.state).toBe('verifying');
    expect(c.steps.map((s) => [s.step, s.status, s.idempotencyKey])).toEqual([
      ['migrate', 'succeeded', `sigap:${c.input.caseId}:deploy:migrate:1`], ['deploy', 'succeeded', `sigap:${c.input.caseId}:deploy:deploy:1`],
    ]);
    c = settleVerification(recordCriterionResult(c, 'health', ok, MONDAY_1017), serang, MONDAY_1017);
    expect(c).toMatchObject({ state: 'reviewing', outcome: 'succeeded', completedAt: MONDAY_1017 });
    c = applyReleaseCommand(c, { action: 'record_review', summary: 'Baik' }, who.author, serang, MONDAY_1017 + 1);
    expect(c).toMatchObject({ state: 'closed', closedAt: MONDAY_1017 + 1, review: { by: 'teknis', summary: 'Baik', followUps: [] } });
  });

  test('a failed criterion rolls back in reverse order; a failed rollback step parks; a replay runs it again with a new key', () => {
    let c = execute(serangCase('standard'));
    c = settleVerification(recordCriterionResult(c, 'health', bad, MONDAY_1017), serang, MONDAY_1017);
    expect(c).toMatchObject({ state: 'rolling_back', rollback: { reason: 'criteria_failed', trigger: ['health'], order: ['undo-deploy', 'undo-migrate'] } });
    c = rollbackStep(c, bad, MONDAY_1017 + 5);
    expect(c).toMatchObject({ state: 'rollback_failed', rollback: { failure: { step: 'undo-deploy', run: 1, detail: 'HTTP 500', attempts: 3, since: MONDAY_1017 + 5 } } });
    const snap = releaseSnapshot(c, serang);
    expect(snap.data.failedRollback).toEqual({ step: 'undo-deploy', run: 1, lastError: 'HTTP 500', attempts: 3, since: new Date(MONDAY_1017 + 5).toISOString() });
    expect(snap.waitingFor.map((w) => w.action)).toEqual(['replay_rollback', 'resolve_rollback']);
    expect(nextRollbackStep(c)?.id).toBe('undo-deploy');

    c = applyReleaseCommand(c, { action: 'replay_rollback', note: 'diperbaiki' }, who.admin, serang, MONDAY_1017 + 10);
    expect(c.state).toBe('rolling_back');
    expect(currentStepKey(c, 'rollback', 'undo-deploy')).toBe(`sigap:${c.input.caseId}:rollback:undo-deploy:2`);
    c = rollbackStep(c, ok);
    expect(c.state).toBe('rolling_back');
    c = rollbackStep(c, ok);
    expect(c).toMatchObject({ state: 'reviewing', outcome: 'rolled_back', rollback: { done: ['undo-deploy', 'undo-migrate'], runs: { 'undo-deploy': 2, 'undo-migrate': 1 }, replays: [{ step: 'undo-deploy', run: 2, by: 'admin' }] } });
    expect(c.steps.filter((s) => s.phase === 'rollback').map((s) => [s.step, s.run, s.status])).toEqual([
      ['undo-deploy', 1, 'failed'], ['undo-deploy', 2, 'succeeded'], ['undo-migrate', 1, 'succeeded'],
    ]);
  });

  test('a profile that does not require the rollback records the failure instead', () => {
    const lenient = { ...serang, release: { ...serang.release!, rollbackOnFailedCriteria: { value: false, source: { sigapDefault: 'test' } } } };
    const c = settleVerification(recordCriterionResult(execute(serangCase('standard')), 'health', bad, MONDAY_1017), lenient, MONDAY_1017);
    expect(c).toMatchObject({ state: 'reviewing', outcome: 'failed', rollback: null });
  });

  test('a failed deploy step rolls back only the steps that started; a resolution ends the rollback by hand', () => {
    let c = execute(serangCase('standard'), { migrate: bad });
    expect(c).toMatchObject({ state: 'rolling_back', rollback: { reason: 'step_failed', trigger: ['migrate'], order: ['undo-migrate'] } });
    c = rollbackStep(c, bad);
    expect(c.state).toBe('rollback_failed');
    expect(refuse(c, { action: 'resolve_rollback', justification: '   pendek sekali       ' }, who.admin)).toBe('justification_too_short');
    c = applyReleaseCommand(c, { action: 'resolve_rollback', justification: 'Dipulihkan manual dari cadangan malam' }, who.admin, serang, MONDAY_1017 + 1);
    expect(c).toMatchObject({ state: 'reviewing', outcome: 'rollback_resolved', rollback: { resolution: { by: 'admin', step: 'undo-migrate' }, completedAt: MONDAY_1017 + 1 } });
  });

  test('manual steps and criteria wait for a person; a failed manual criterion rolls back', () => {
    const input = releaseInput({ now: MONDAY_1017, calendar: cal, plan: manualPlan({ start: MONDAY_1017, end: MONDAY_1017 + HOUR }) });
    let c = startExecution(newReleaseCase({ ...input, change: { ...input.change, category: 'standard' } }, serang), MONDAY_1017);
    expect(releaseWaitingFor(c, serang)).toEqual([{ action: 'confirm_step', roles: ['technical_team'], detail: { phase: 'deploy', step: 'install' } }]);
    c = applyReleaseCommand(c, { action: 'confirm_step', step: 'install', outcome: 'succeeded' }, who.tech2, serang, MONDAY_1017);
    expect(c.state).toBe('verifying');
    expect(releaseWaitingFor(c, serang)).toEqual([{ action: 'verify', roles: ['technical_team'], detail: { criteria: ['smoke'] } }]);
    expect(refuse(c, { action: 'verify', results: [{ criterion: 'nope', passed: true }] }, who.tech2)).toBe('unknown_criterion');
    c = applyReleaseCommand(c, { action: 'verify', results: [{ criterion: 'smoke', passed: false, note: 'Beranda galat 500' }] }, who.tech2, serang, MONDAY_1017);
    expect(c).toMatchObject({ state: 'rolling_back', rollback: { order: ['uninstall'] } });
    expect(releaseWaitingFor(c, serang)[0]).toMatchObject({ action: 'confirm_step', detail: { phase: 'rollback', step: 'uninstall' } });
    c = applyReleaseCommand(c, { action: 'confirm_step', step: 'uninstall', outcome: 'succeeded' }, who.tech2, serang, MONDAY_1017);
    expect(c).toMatchObject({ state: 'reviewing', outcome: 'rolled_back' });
  });
});

describe('emergency approval after the fact, handover and maintenance', () => {
  test('an emergency asks for approval when it completes; overdue once; a late decision closes after the review', () => {
    let c = execute(serangCase('emergency'));
    c = settleVerification(recordCriterionResult(c, 'health', ok, MONDAY_1017), serang, MONDAY_1017);
    // Sigap default: 1 working day (7.5 h) on the calendar; from Monday 10:17 that is Tuesday 10:17.
    expect(c.approval).toMatchObject({ mode: 'after', requestedAt: MONDAY_1017, dueAt: wib('2026-11-24T10:17:00') });
    expect(retrospectiveOverdueAt(c)).toBe(wib('2026-11-24T10:17:00'));
    expect(releaseWaitingFor(c, serang).map((w) => w.action)).toEqual(['record_review', 'decide_plan']);
    // A holiday added on Tuesday moves the deadline to Wednesday.
    const moved = withReleaseCalendar(c, makeCalendar({ holidays: ['2026-11-24'], version: 2 }), serang);
    expect(moved.approval.dueAt).toBe(wib('2026-11-25T10:17:00'));
    c = applyReleaseCommand(c, { action: 'record_review', summary: 'Pulih' }, who.author, serang, MONDAY_1017);
    expect(c.state).toBe('awaiting_retrospective_approval');
    expect(refuse(c, { action: 'decide_plan', decision: 'approve' }, { ...who.author, roles: ['service_owner'] })).toBe('segregation_of_duties');
    c = applyReleaseCommand(c, { action: 'decide_plan', decision: 'reject', note: 'Tidak perlu darurat' }, who.owner, serang, MONDAY_1017 + HOUR);
    expect(c).toMatchObject({ state: 'closed', approval: { decision: { decision: 'reject', by: 'penyedia' } } });
    expect(refuse(c, { action: 'decide_plan', decision: 'approve' }, who.owner)).toBe('case_closed');
  });

  test('dpr: a successful release is handed over by both signatories, then 3 calendar months of maintenance; a rolled-back one is not', () => {
    const input = releaseInput({
      now: MONDAY_1017, tenantId: 'dpr', calendar: cal, plan: manualPlan({ start: MONDAY_1017, end: MONDAY_1017 + HOUR }),
      requester: { username: 'pemohon', name: 'Siti' },
    });
    let c = startExecution(newReleaseCase({ ...input, change: { ...input.change, category: 'standard' } }, dpr), MONDAY_1017);
    c = applyReleaseCommand(c, { action: 'confirm_step', step: 'install', outcome: 'succeeded' }, who.tech2, dpr, MONDAY_1017);
    c = applyReleaseCommand(c, { action: 'verify', results: [{ criterion: 'smoke', passed: true }] }, who.tech2, dpr, MONDAY_1017);
    const reviewed = applyReleaseCommand(c, { action: 'record_review', summary: 'Baik' }, who.owner, dpr, MONDAY_1017);
    expect(reviewed.state).toBe('awaiting_handover');
    expect(releaseWaitingFor(reviewed, dpr)).toEqual([{ action: 'sign_handover', roles: ['head_of_unit', 'requester'] }]);
    expect(refuse(reviewed, { action: 'sign_handover' }, who.otherRequester, MONDAY_1017, dpr)).toBe('not_named_requester');
    expect(refuse(reviewed, { action: 'sign_handover' }, who.owner, MONDAY_1017, dpr)).toBe('missing_role');
    const handedOverAt = wib('2026-11-30T10:00:00');
    let h = applyReleaseCommand(reviewed, { action: 'sign_handover' }, who.requester, dpr, MONDAY_1017 + HOUR);
    expect(releaseWaitingFor(h, dpr)).toEqual([{ action: 'sign_handover', roles: ['head_of_unit'] }]);
    expect(refuse(h, { action: 'sign_handover' }, who.requester, MONDAY_1017, dpr)).toBe('already_signed');
    h = applyReleaseCommand(h, { action: 'sign_handover' }, who.head, dpr, handedOverAt);
    expect(h).toMatchObject({ state: 'maintenance', handover: { completedAt: handedOverAt }, maintenance: { startedAt: handedOverAt, endsAt: wib('2027-02-28T10:00:00'), months: 3 } });
    expect(releaseSnapshot(h, dpr).dueAt).toBe(new Date(wib('2027-02-28T10:00:00')).toISOString());

    let r = startExecution(newReleaseCase({ ...input, change: { ...input.change, category: 'standard' } }, dpr), MONDAY_1017);
    r = applyReleaseCommand(r, { action: 'confirm_step', step: 'install', outcome: 'failed', note: 'Skrip gagal' }, who.tech2, dpr, MONDAY_1017);
    r = applyReleaseCommand(r, { action: 'confirm_step', step: 'uninstall', outcome: 'succeeded' }, who.tech2, dpr, MONDAY_1017);
    expect(r).toMatchObject({ state: 'reviewing', outcome: 'rolled_back' });
    expect(applyReleaseCommand(r, { action: 'record_review', summary: 'Gagal' }, who.owner, dpr, MONDAY_1017).state).toBe('closed');
  });
});
