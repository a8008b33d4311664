// Conformance provers for the release rules of a profile (`release.*`): each runs the pure release
// policy (policy/release.ts, the rules the release workflow and the API apply) against the value the
// profile encodes.
import { isWorkingInstant, makeCalendar } from '../../policy/calendar.ts';
import type { Profile } from '../../policy/profile.ts';
import { calendarOfProfile } from '../../policy/profileCalendar.ts';
import type { RegulatedValue } from '../../policy/profileNumbers.ts';
import {
  addCalendarMonths, applyReleaseCommand, deploymentMethodRefusal, newReleaseCase, nextDeployStep, recordCriterionResult, recordStepOutcome,
  releaseRefusal, releaseRoles, releaseSnapshot, releaseWaitingFor, settleVerification, startExecution, startStep,
  type ReleaseCase, type ReleaseInput,
} from '../../policy/release.ts';
import type { StepOutcome } from '../../policy/releasePlan.ts';
import type { Actor } from '../../policy/requestFulfilment.ts';

const HOUR = 3_600_000;
const MONDAY_0800_WIB = Date.parse('2026-11-23T08:00:00+07:00');
const OK: StepOutcome = { outcome: 'succeeded', detail: 'ok', httpStatus: 200, externalId: null, calls: 1 };
const FAILED: StepOutcome = { outcome: 'failed', detail: 'HTTP 503', httpStatus: 503, externalId: null, calls: 1 };

function fail(message: string): never {
  throw new Error(message);
}
const person = (username: string, roles: string[]): Actor => ({ username, name: username, roles });

function input(profile: Profile, category: 'standard' | 'normal' | 'emergency'): ReleaseInput {
  const cal = makeCalendar({ ...calendarOfProfile(profile), holidays: [], version: 1 });
  return {
    caseId: 'conformance', tenantId: profile.id, profileId: profile.id, number: 'RLS-0', title: 'Rilis',
    change: { caseId: 'chg', number: 'CHG-0', workflowId: 'change:x:CHG-0', category, initiator: 'pemrakarsa', services: ['S'] },
    plan: {
      window: { start: MONDAY_0800_WIB + 48 * HOUR, end: MONDAY_0800_WIB + 50 * HOUR }, expectedDowntimeMinutes: 30,
      contents: [{ kind: 'software', name: 'app' }], method: profile.release?.deploymentMethods[0]?.id ?? 'big bang',
      steps: [
        { kind: 'http', id: 'a', title: 'A', request: { method: 'POST', url: 'https://deploy.test/a' }, waitSeconds: 60 },
        { kind: 'http', id: 'b', title: 'B', request: { method: 'POST', url: 'https://deploy.test/b' }, waitSeconds: 60 },
      ],
      evaluationCriteria: [{ kind: 'http_check', id: 'health', title: 'Health', url: 'https://app.test/health', expectStatus: 200, attempts: 1, intervalSeconds: 1 }],
      rollbackSteps: [
        { kind: 'http', id: 'undo-a', title: 'Undo A', undoes: 'a', request: { method: 'POST', url: 'https://deploy.test/undo-a' }, waitSeconds: 60 },
        { kind: 'http', id: 'undo-b', title: 'Undo B', undoes: 'b', request: { method: 'POST', url: 'https://deploy.test/undo-b' }, waitSeconds: 60 },
      ],
      affectedParties: { roles: [], users: [] },
    },
    author: { username: 'penyusun', name: 'Penyusun' }, requester: { username: 'pemohon', name: 'Pemohon' },
    calendar: cal, submittedAt: MONDAY_0800_WIB,
  };
}

/** A standard release (no approval before) run to verification with every step succeeding. */
function verifying(profile: Profile): ReleaseCase {
  let c = startExecution(newReleaseCase(input(profile, 'standard'), profile), MONDAY_0800_WIB);
  for (let s = nextDeployStep(c); s && c.state === 'executing'; s = nextDeployStep(c)) {
    c = recordStepOutcome(startStep(c, 'deploy', s, MONDAY_0800_WIB), 'deploy', s.id, OK, profile, MONDAY_0800_WIB, { attempts: 1 });
  }
  if (c.state !== 'verifying') fail(`after the steps: ${c.state}`);
  return c;
}

function succeeded(profile: Profile): ReleaseCase {
  const c = settleVerification(recordCriterionResult(verifying(profile), 'health', OK, MONDAY_0800_WIB), profile, MONDAY_0800_WIB);
  if (c.state !== 'reviewing' || c.outcome !== 'succeeded') fail(`a verified release is ${c.state}`);
  return c;
}

/** The handed-over dpr release: reviewed and signed by every signatory role. */
function handedOver(profile: Profile, at: number): ReleaseCase {
  let c = applyReleaseCommand(succeeded(profile), { action: 'record_review', summary: 'ok' }, person('penyusun', []), profile, at);
  if (c.state !== 'awaiting_handover') fail(`after the review: ${c.state}`);
  for (const role of releaseRoles(profile).signatories) {
    const who = person(role === 'requester' ? 'pemohon' : `signer-${role}`, [role]);
    if (releaseRefusal(c, { action: 'sign_handover' }, who, profile, at)) fail(`${role} may not sign`);
    c = applyReleaseCommand(c, { action: 'sign_handover' }, who, profile, at);
  }
  return c;
}

function prove(profile: Profile, rule: RegulatedValue): void {
  const rel = profile.release ?? fail('no release section');
  const path = rule.path;
  if (/^release\.triggers\.\d+$/.test(path)) {
    // A release is always planned for a change that triggered it, and shows it.
    const c = newReleaseCase(input(profile, 'normal'), profile);
    if ((releaseSnapshot(c, profile).data.change as { number: string }).number !== 'CHG-0') fail('the release does not reference its change');
  } else if (path === 'release.planAuthor') {
    if (releaseRoles(profile).author !== rel.planAuthor.role) fail('another role authors the plan');
    const c = succeeded(profile);
    if (releaseRefusal(c, { action: 'record_review', summary: 'x' }, person('penyusun', [rel.planAuthor.role]), profile, MONDAY_0800_WIB)) fail('the author may not review the realisation of the plan');
  } else if (path === 'release.planApprover') {
    const c = newReleaseCase(input(profile, 'normal'), profile);
    const approve = { action: 'decide_plan' as const, decision: 'approve' as const };
    if (c.state !== 'awaiting_plan_approval') fail(`a normal release starts in ${c.state}`);
    if (releaseRefusal(c, approve, person('approver', [rel.planApprover.role]), profile, MONDAY_0800_WIB)) fail('the plan approver may not approve');
    if (releaseRefusal(c, approve, person('approver', ['someone_else']), profile, MONDAY_0800_WIB)?.code !== 'missing_role') fail('another role may approve');
    if (releaseRefusal(c, approve, person('penyusun', [rel.planApprover.role]), profile, MONDAY_0800_WIB)?.code !== 'segregation_of_duties') fail('the author may approve their own plan');
  } else if (path === 'release.downtimeAgreedWith') {
    if (releaseRoles(profile).downtimeAgreedWith !== rel.downtimeAgreedWith?.role) fail('the downtime is agreed with another role');
    const approved = applyReleaseCommand(newReleaseCase(input(profile, 'normal'), profile), { action: 'decide_plan', decision: 'approve' }, person('approver', [rel.planApprover.role]), profile, MONDAY_0800_WIB);
    if (!rel.fitnessTests && approved.state !== 'scheduled') fail('the announced window is not scheduled after approval');
  } else if (path === 'release.rollbackOnFailedCriteria') {
    const c = settleVerification(recordCriterionResult(verifying(profile), 'health', FAILED, MONDAY_0800_WIB), profile, MONDAY_0800_WIB);
    const expected = rel.rollbackOnFailedCriteria.value ? 'rolling_back' : 'reviewing';
    if (c.state !== expected) fail(`a failed criterion leads to ${c.state}`);
    if (expected === 'rolling_back' && c.rollback?.order.join(',') !== 'undo-b,undo-a') fail('the rollback does not run in reverse order');
  } else if (path === 'release.postImplementationReview') {
    const c = succeeded(profile);
    const waits = releaseWaitingFor(c, profile).some((w) => w.action === 'record_review');
    if (waits !== rel.postImplementationReview.value) fail(`review ${waits ? 'awaited' : 'skipped'}`);
  } else if (path.startsWith('release.fitnessTests')) {
    const fit = rel.fitnessTests ?? fail('no fitness tests');
    const approved = applyReleaseCommand(newReleaseCase(input(profile, 'normal'), profile), { action: 'decide_plan', decision: 'approve' }, person('approver', [rel.planApprover.role]), profile, MONDAY_0800_WIB);
    if (approved.state !== 'fitness_testing') fail(`after plan approval: ${approved.state}`);
    const round = approved.fitness[0]!;
    const cal = approved.calendar;
    if (fit.outsideWorkingHours.value && isWorkingInstant(cal, round.scheduledAt)) fail('fitness tests scheduled in working hours');
    const tester = person('tester', [fit.performedByRole]);
    const late = round.scheduledAt + 5 * 60_000;
    const record = (test: string, at: number) => ({ action: 'record_fitness_result' as const, test, passed: true, summary: 's', performedAt: new Date(at).toISOString() });
    if (path === 'release.fitnessTests.outsideWorkingHours') {
      if (releaseRefusal(approved, record(fit.tests[0]!.id, MONDAY_0800_WIB + HOUR), tester, profile, late)?.code !== 'fitness_inside_working_hours') fail('a test in working hours is accepted');
      if (releaseRefusal(approved, record(fit.tests[0]!.id, round.scheduledAt), tester, profile, late)) fail('a test outside working hours is refused');
    } else if (/^release\.fitnessTests\.tests\.\d+$/.test(path)) {
      const id = (rule.value as { id: string }).id;
      let c = approved;
      for (const t of fit.tests.filter((x) => x.id !== id)) c = applyReleaseCommand(c, record(t.id, round.scheduledAt), tester, profile, late);
      if (c.state !== 'fitness_testing') fail(`fitness complete without test ${id}`);
      c = applyReleaseCommand(c, record(id, round.scheduledAt), tester, profile, late);
      if (c.state !== 'awaiting_fitness_approval') fail(`test ${id} does not complete the fitness tests`);
    } else {
      let c = approved;
      for (const t of fit.tests) c = applyReleaseCommand(c, record(t.id, round.scheduledAt), tester, profile, late);
      if (releaseRefusal(c, { action: 'decide_fitness', decision: 'approve' }, person('x', [fit.approverRole]), profile, late)) fail('the fitness approver may not approve');
      if (releaseRefusal(c, { action: 'decide_fitness', decision: 'approve' }, person('x', [fit.performedByRole === fit.approverRole ? 'none' : fit.performedByRole]), profile, late)?.code !== 'missing_role') fail('another role approves fitness');
    }
  } else if (path === 'release.handover') {
    const c = handedOver(profile, MONDAY_0800_WIB + 72 * HOUR);
    if (c.handover?.completedAt !== MONDAY_0800_WIB + 72 * HOUR) fail('the handover is not complete after every signatory signed');
    if (c.handover.signatures.map((s) => s.role).join(',') !== rel.handover!.signatoryRoles.join(',')) fail('other signatories');
  } else if (path === 'release.maintenancePeriod' || path === 'release.maintenancePeriod.period') {
    const at = MONDAY_0800_WIB + 72 * HOUR;
    const c = handedOver(profile, at);
    const months = rel.maintenancePeriod!.period.months;
    if (c.state !== 'maintenance' || c.maintenance?.endsAt !== addCalendarMonths(at, months, c.calendar.timezone)) fail(`maintenance does not last ${months} calendar months`);
    if (releaseRoles(profile).maintenance !== rel.maintenancePeriod!.performedByRole) fail('another role maintains the service');
  } else if (/^release\.deploymentMethods\.\d+$/.test(path)) {
    const id = (rule.value as { id: string }).id;
    if (deploymentMethodRefusal(profile, id)) fail(`method ${id} refused`);
    if (!deploymentMethodRefusal(profile, `${id}-unknown`)) fail('an unknown method is accepted');
  } else {
    fail(`no release prover for ${path}`);
  }
}

export const releaseProver = {
  kind: 'proof' as const,
  name: 'policy/release: the release plan, its approval, fitness tests, rollback, review, handover and maintenance follow the profile',
  prove,
};
