// How each regulated number is proven: a prover runs the engine (the pure policy the workflows use)
// against the number the profile encodes. Rules of processes not built yet are pending, with the
// issue that builds them; anything else without a prover fails the conformance suite.
import { addWorkingMs, makeCalendar, nextWorkingDayStart, workingMsBetween } from '../../policy/calendar.ts';
import { classifyService } from '../../policy/classification.ts';
import { priorityFor } from '../../policy/priority.ts';
import type { Duration, LadderStep, Profile } from '../../policy/profile.ts';
import { calendarOfProfile } from '../../policy/profileCalendar.ts';
import type { RegulatedValue } from '../../policy/profileNumbers.ts';
import { newRequestCase, partyFor, refusalFor, type Actor, type RequestCommand } from '../../policy/requestFulfilment.ts';
import { newSopCase, sopRefusal } from '../../policy/maintenanceSop.ts';
import { problemRoles, recurrenceThreshold, reviewIntervalMonths, reviewMonths } from '../../policy/problem.ts';
import { applyIncidentCommand, estimateExceeded, fireIncidentThreshold, incidentRefusal, newIncidentCase, type IncidentInput } from '../../policy/incident.ts';
import { clockView, dueThresholds, startClock } from '../../policy/sla.ts';
import { requestInput } from '../fixtures/requests.ts';
import {
  applyChangeCommand, approvalOutcome, CHANGE_STEP_REALISATION, changeInitiatorRoles, changeKindRefusal, changeRefusal, designTransitionRole, dutyConflict,
  highImpactRefusal, maintenancePeriodUntil,
  newChangeCase, type ChangeCase, type ChangeInput,
} from '../../policy/change.ts';
import type { ChangeCategory } from '../../policy/profile.ts';
import { exceptionRefusal, segregationRule } from '../../policy/segregation.ts';
import { releaseProver } from './releaseProvers.ts';
import { DISASTER_PROVERS } from './disasterProvers.ts';
import { CONTINUITY_PROVERS } from './continuityProvers.ts';
import { AVAILABILITY_PROVERS } from './availabilityProvers.ts';
import { EVALUATION_PROVERS } from './evaluationProvers.ts';

export type Prover =
  | { kind: 'proof'; name: string; prove(profile: Profile, rule: RegulatedValue): void }
  | { kind: 'pending'; issue: number; process: string };

interface Entry { pattern: RegExp; prover: Prover }

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MONDAY_0800_WIB = Date.parse('2026-11-23T08:00:00+07:00');

function fail(message: string): never {
  throw new Error(message);
}

/** A clock with the duration as target breaches exactly when the duration has been counted. */
function proveDuration(profile: Profile, d: Duration): void {
  const cal = makeCalendar({ ...calendarOfProfile(profile), holidays: [], version: 1 });
  const clock = startClock({ id: 'conformance', targetMs: d.ms, basis: d.basis, warningPermille: [] }, MONDAY_0800_WIB);
  const due = d.basis === 'working' ? addWorkingMs(cal, MONDAY_0800_WIB, d.ms) : MONDAY_0800_WIB + d.ms;
  if (dueThresholds(clock, due - 1, cal).some((t) => t.kind === 'breach')) fail(`breach before ${d.ms} ms`);
  if (!dueThresholds(clock, due, cal).some((t) => t.kind === 'breach')) fail(`no breach at ${d.ms} ms`);
  if (clockView(clock, due, cal).elapsedMs !== d.ms) fail('elapsed time differs from the target at the due instant');
}

const actor = (username: string, roles: string[]): Actor => ({ username, name: username, roles });

const pending = (issue: number, process: string): Prover => ({ kind: 'pending', issue, process });

export const PROVERS: Entry[] = [
  {
    pattern: /^calendar\.week$/,
    prover: { kind: 'proof', name: 'policy/calendar: a week counts exactly the profile\'s working stretches', prove(profile) {
      const { timezone, week } = calendarOfProfile(profile);
      const cal = makeCalendar({ timezone, week, holidays: [], version: 1 });
      const expected = Object.values(week).flat().reduce((sum, i) => sum + minutes(i.end) - minutes(i.start), 0) * 60_000;
      const monday = Date.parse('2026-11-23T00:00:00Z') - (cal.timezone === 'Asia/Jakarta' ? 7 : cal.timezone === 'Asia/Makassar' ? 8 : 9) * HOUR;
      if (workingMsBetween(cal, monday, monday + 7 * 24 * HOUR) !== expected) fail('working time of a week differs from the profile');
    } },
  },
  {
    pattern: /^calendar\.timezone$/,
    prover: { kind: 'proof', name: 'policy/calendar: local working hours are read in the profile\'s time zone', prove(profile) {
      const { timezone, week } = calendarOfProfile(profile);
      const cal = makeCalendar({ timezone, week, holidays: [], version: 1 });
      const first = week[1][0] ?? fail('no Monday hours');
      const offset = { 'Asia/Jakarta': 7, 'Asia/Makassar': 8, 'Asia/Jayapura': 9 }[timezone];
      const open = Date.parse(`2026-11-23T${first.start}:00Z`) - offset * HOUR;
      if (workingMsBetween(cal, open - 60_000, open) !== 0 || workingMsBetween(cal, open, open + 60_000) !== 60_000) fail('opening time not at local start');
    } },
  },
  {
    pattern: /^catalogue\.\d+\.fulfilmentTarget$/,
    prover: { kind: 'proof', name: 'policy/sla: the fulfilment clock breaches exactly at the catalogue target', prove(profile, rule) {
      proveDuration(profile, { ...(rule.value as Duration), source: rule.source });
    } },
  },
  {
    pattern: /^sla\.warningPermille$/,
    prover: { kind: 'proof', name: 'policy/sla: warnings fall at exactly these shares of a target', prove(_profile, rule) {
      const permille = rule.value as number[];
      const clock = startClock({ id: 'x', targetMs: 1000 * HOUR, basis: 'calendar', warningPermille: permille }, 0);
      const got = clock.thresholds.filter((t) => t.kind === 'warning').map((t) => t.atMs);
      if (JSON.stringify(got) !== JSON.stringify(permille.map((p) => p * HOUR))) fail(`warnings at ${got.join(', ')}`);
    } },
  },
  {
    pattern: /^requestFulfilment\.satisfactionScale$/,
    prover: { kind: 'proof', name: 'policy/requestFulfilment: ratings outside the scale are refused, inside accepted', prove(profile) {
      const { min, max } = profile.requestFulfilment.satisfactionScale;
      const c = { ...newRequestCase(requestInput('AKUN-EMAIL', { profileId: profile.id }), profile), state: 'awaiting_confirmation' as const };
      const requester = actor(c.input.requester.username, ['requester']);
      const confirm = (satisfaction: number): RequestCommand => ({ action: 'confirm', satisfaction });
      if (refusalFor(c, confirm(min - 1), requester, profile)?.code !== 'rating_out_of_range') fail(`${min - 1} accepted`);
      if (refusalFor(c, confirm(max + 1), requester, profile)?.code !== 'rating_out_of_range') fail(`${max + 1} accepted`);
      for (let s = min; s <= max; s++) if (refusalFor(c, confirm(s), requester, profile)) fail(`${s} refused`);
    } },
  },
  {
    pattern: /^roles\.\d+$/,
    prover: { kind: 'proof', name: 'policy/requestFulfilment: request steps are open to exactly their roles', prove(profile, rule) {
      const role = (rule.value as { id: string }).id;
      const rf = profile.requestFulfilment;
      const c = newRequestCase(requestInput('AKUN-EMAIL', { profileId: profile.id }), profile);
      const party = partyFor(c, 'classify', profile);
      const allowed = refusalFor(c, { action: 'classify', classification: 'fulfilment', priority: 'low' }, actor('someone', [role]), profile) === null;
      const expected = party.kind === 'role' && party.roles.includes(role);
      if (allowed !== expected) fail(`role ${role}: classify ${allowed ? 'allowed' : 'refused'}`);
      const requestRoles = new Set([rf.serviceDeskRole, rf.escalationRole, rf.defaultApproverRole, ...rf.executorRoles, 'requester', 'administrator']);
      if (!requestRoles.has(role)) throw new PendingRole(role);
    } },
  },
  {
    pattern: /^classification\.rules\.\d+$/,
    prover: { kind: 'proof', name: 'policy/classification: every combination of the rule gives its classification', prove(profile, rule) {
      const r = rule.value as { natures: string[]; bases: string[]; scopes: string[]; classification: string };
      for (const nature of r.natures) for (const basis of r.bases) for (const scope of r.scopes) {
        const got = classifyService(profile, { nature, basis, scope } as never);
        if (got?.classification !== r.classification) fail(`${nature}/${basis}/${scope} → ${got?.classification}`);
      }
    } },
  },
  {
    pattern: /^incident\.priorityMatrix\.\d+$/,
    prover: { kind: 'proof', name: 'policy/priority: the matrix cell gives its priority', prove(profile, rule) {
      const cell = rule.value as { impact: string; serviceType: string; classification: string; priority: string };
      if (priorityFor(profile, cell as never)?.priority !== cell.priority) fail('different priority');
    } },
  },
  {
    pattern: /^incident\.priorities\.\d+\.(response|resolution)$/,
    prover: { kind: 'proof', name: 'policy/priority + policy/sla: the priority\'s clock breaches exactly at its target', prove(profile, rule) {
      proveDuration(profile, { ...(rule.value as Duration), source: rule.source });
    } },
  },
  {
    pattern: /^gaps\.\d+$/,
    prover: { kind: 'proof', name: 'policy/profile: a section the regulation does not cover is absent or empty', prove(profile, rule) {
      const path = (rule.value as { path: string }).path;
      const value = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | null | undefined)?.[key], profile);
      const absent = value === null || value === undefined || (Array.isArray(value) && value.length === 0);
      if (!absent && !(typeof value === 'object' && 'source' in (value as object))) fail(`${path} is present`);
    } },
  },
  { pattern: /^documentKinds\.\d+$/, prover: { kind: 'proof', name: 'policy/profile: required documents name a document kind of the profile', prove(profile, rule) {
    const id = (rule.value as { id: string }).id;
    const used = profile.catalogue.some((c) => c.requiredDocuments.includes(id));
    const kinds = new Set(profile.documentKinds.map((k) => k.id));
    if (!kinds.has(id)) fail(`document kind ${id} missing`);
    if (!used && id !== 'berita_acara_serah_terima' && !id.startsWith('bast')) throw new PendingRole(id);
  } } },
  {
    pattern: /^incident\.escalation\.\d+(\.trigger)?$/,
    prover: { kind: 'proof', name: 'policy/incident: the ladder step is reached by its trigger', prove(profile, rule) {
      const level = Number(/escalation\.(\d+)/.exec(rule.path)![1]) + 1;
      proveLadderStep(profile, profile.incident!.escalation.find((s) => s.level === level) ?? fail(`no level ${level}`), null);
    } },
  },
  {
    pattern: /^maintenanceSupport\.escalation\.\d+(\.trigger)?$/,
    prover: { kind: 'proof', name: 'policy/incident: the maintenance ladder step is reached by its trigger', prove(profile, rule) {
      const level = Number(/escalation\.(\d+)/.exec(rule.path)![1]) + 1;
      proveLadderStep(profile, profile.maintenanceSupport!.escalation.find((s) => s.level === level) ?? fail(`no level ${level}`), { urgency: 1, onSite: false });
    } },
  },
  {
    pattern: /^incident\.clocks\.\d+$/,
    prover: { kind: 'proof', name: 'policy/incident: the response clock stops at the first response, the resolution clock at the confirmation', prove(profile, rule) {
      const id = (rule.value as { id: string }).id;
      let c = newIncidentCase(incidentCase(profile), profile);
      const clock = () => c.clocks[id as 'response' | 'resolution'];
      if (!clock()) return; // a profile without targets (e.g. no resolution target) runs no such clock
      const reporter = actor(c.input.reporter.username, ['requester']);
      const desk = actor('desk', [profile.requestFulfilment.serviceDeskRole]);
      c = applyIncidentCommand(c, { action: 'respond', note: 'x' }, desk, profile, MONDAY_0800_WIB + 1);
      if ((clock()!.stoppedAt !== null) !== (id === 'response')) fail('respond stopped the wrong clock');
      c = applyIncidentCommand(c, { action: 'resolve', resolution: 'x' }, desk, profile, MONDAY_0800_WIB + 2);
      c = applyIncidentCommand(c, { action: 'confirm', satisfaction: 5 }, reporter, profile, MONDAY_0800_WIB + 3);
      if (clock()!.stoppedAt === null) fail('the confirmation did not stop the clock');
    } },
  },
  {
    pattern: /^incident\.impacts\.\d+$/,
    prover: { kind: 'proof', name: 'policy/priority: the impact ranks incidents through the matrix', prove(profile, rule) {
      const impact = (rule.value as { id: 'mayor' | 'minor' }).id;
      if (!profile.incident?.priorityMatrix) return;
      if (!priorityFor(profile, { impact, serviceType: 'publik', classification: 'kritis' })) fail(`impact ${impact} has no priority`);
    } },
  },
  {
    pattern: /^incident\.securityIncidents$/,
    prover: { kind: 'proof', name: 'policy/incident: the security team joins security incidents', prove(profile) {
      const c = newIncidentCase(incidentCase(profile), profile);
      const role = profile.incident!.securityIncidents!.role;
      if (incidentRefusal(c, { action: 'involve_security', note: 'x' }, actor('desk', [profile.requestFulfilment.serviceDeskRole]), profile)) fail('involving the security team refused');
      const withSecurity = applyIncidentCommand({ ...c, state: 'handling_desk' }, { action: 'involve_security', note: 'x' }, actor('desk', []), profile, 0);
      if (incidentRefusal(withSecurity, { action: 'resolve', resolution: 'x' }, actor('csirt', [role]), profile)) fail(`${role} may not resolve`);
    } },
  },
  {
    pattern: /^maintenanceSupport\.(response\.(inWorkingHours|outsideWorkingHours|onSite\.target)|resolution\.\d+\.target|urgencyLevels\.\d+)$/,
    prover: { kind: 'proof', name: 'policy/incident: a maintenance complaint gets the response and resolution targets of its urgency', prove(profile, rule) {
      const support = profile.maintenanceSupport!;
      const cal = makeCalendar({ ...calendarOfProfile(profile), holidays: [], version: 1 });
      const m = (urgency: number, at: number, onSite = false) => newIncidentCase({ ...incidentCase(profile), calendar: cal, reportedAt: at, maintenance: { urgency, onSite } }, profile);
      if (rule.path.endsWith('inWorkingHours')) {
        if (m(1, MONDAY_0800_WIB + HOUR).clocks.response!.targetMs !== support.response.inWorkingHours.ms) fail('in-hours response target');
      } else if (rule.path.endsWith('outsideWorkingHours')) {
        const evening = MONDAY_0800_WIB + 12 * HOUR;
        const start = nextWorkingDayStart(cal, evening);
        if (m(1, evening).clocks.response!.targetMs !== workingMsBetween(cal, start, start + 24 * HOUR - 1)) fail('next-working-day response');
      } else if (rule.path.endsWith('onSite.target')) {
        const level = support.response.onSite!.urgencyLevels[0]!;
        if (m(level, MONDAY_0800_WIB, true).clocks.response!.targetMs !== support.response.onSite!.target.ms) fail('on-site response target');
      } else if (rule.path.includes('resolution')) {
        const r = support.resolution[Number(/resolution\.(\d+)/.exec(rule.path)![1])]!;
        proveDuration(profile, r.target);
        if (m(r.urgency, MONDAY_0800_WIB).clocks.resolution!.targetMs !== r.target.ms) fail('resolution target');
      } else {
        const level = (rule.value as { level: number }).level;
        if (m(level, MONDAY_0800_WIB).priority !== `U${level}`) fail('urgency not ranked');
      }
    } },
  },
  {
    pattern: /^maintenanceSop\.steps\.\d+(\.duration)?$/,
    prover: { kind: 'proof', name: 'policy/maintenanceSop: only the step\'s actor completes it, on its branches, within its duration', prove(profile, rule) {
      const index = Number(/steps\.(\d+)/.exec(rule.path)![1]);
      const step = profile.maintenanceSop!.steps[index]!;
      const base = newSopCase({ caseId: 'c', tenantId: profile.id, profileId: profile.id, number: 'N', reporter: { username: 'p', name: 'p' }, service: 's', description: 'd', reportedAt: MONDAY_0800_WIB, calendar: makeCalendar({ ...calendarOfProfile(profile), holidays: [], version: 1 }) }, profile);
      const at = { ...base, current: step.id, runs: [{ step: step.id, startedAt: MONDAY_0800_WIB, completedAt: null, by: null, outcome: null, note: null, clock: null }] };
      const options = step.next.map((n) => n.to);
      const cmd = { action: 'complete_step' as const, step: step.id, ...(options.length > 1 ? { next: options[0] } : {}) };
      if (sopRefusal(at, cmd, actor('x', [step.actorRole]), profile)) fail('the actor may not complete the step');
      if (sopRefusal(at, cmd, actor('x', ['someone_else']), profile)?.code !== 'missing_role') fail('another role may complete the step');
      if (options.length > 1 && sopRefusal(at, { action: 'complete_step', step: step.id }, actor('x', [step.actorRole]), profile)?.code !== 'sop_branch_required') fail('a branch was not required');
      if (step.duration) proveDuration(profile, step.duration);
    } },
  },
  {
    pattern: /^problemReview\.(frequency|recurrenceThreshold|performedBy|reportTo)$/,
    prover: { kind: 'proof', name: 'policy/problem: the review schedule, threshold and roles follow the profile', prove(profile, rule) {
      const review = profile.problemReview!;
      if (rule.path.endsWith('frequency')) {
        const months = reviewMonths(reviewIntervalMonths(profile)!);
        if (months.length * review.frequency.perMonths < review.frequency.atLeast * 12) fail(`only ${months.length} reviews a year`);
      } else if (rule.path.endsWith('recurrenceThreshold')) {
        if (recurrenceThreshold(profile).value !== review.recurrenceThreshold.value) fail('a different threshold is used');
      } else if (rule.path.endsWith('performedBy')) {
        if (problemRoles(profile).performer !== review.performedBy.role) fail('another role performs the review');
      } else if (problemRoles(profile).reviewer !== review.reportTo!.role) {
        fail('the review is reported to another role');
      }
    } },
  },
  { pattern: /^(incident|maintenanceSupport|maintenanceSop|problemReview)\./, prover: pending(4, 'routine checks and complaint channels of the setwapres SOP; the activities a problem review lists') },
  { pattern: /^release\./, prover: releaseProver },
  {
    pattern: /^change\.categories\.\d+$/,
    prover: { kind: 'proof', name: 'policy/change: the category is approved as the profile says (none / before / after) by its approver, executed by its executor', prove(profile, rule) {
      const cat = rule.value as { id: ChangeCategory; approval: 'none' | 'before' | 'after'; approverRole?: string; executorRole?: string };
      const c = changeCase(profile, cat.id);
      const expected = { none: 'approved', before: 'awaiting_approval', after: 'implementing' }[cat.approval];
      if (c.state !== expected) fail(`starts in ${c.state}, expected ${expected}`);
      const decide = { action: 'decide' as const, decision: 'approve' as const };
      if (cat.approval === 'none') {
        if (changeRefusal(c, decide, actor('x', ['service_owner', 'change_coordinator']), profile, MONDAY_0800_WIB)?.code !== 'not_waiting_for_action') fail('a standard change waits for approval');
      } else {
        const voters = profile.change!.forum && cat.approval === 'before' ? [profile.change!.forum.convenerRole] : [cat.approverRole!];
        if (changeRefusal(c, decide, actor('approver', voters), profile, MONDAY_0800_WIB)) fail(`${voters.join()} may not decide`);
        if (changeRefusal(c, decide, actor('approver', ['requester']), profile, MONDAY_0800_WIB)?.code !== 'missing_role') fail('a requester may decide');
      }
      const implementing = { ...c, state: 'implementing' as const };
      const implement = { action: 'record_implementation' as const, outcome: 'succeeded' as const, note: 'x' };
      if (changeRefusal(implementing, implement, actor('executor', [cat.executorRole ?? profile.requestFulfilment.executorRoles[0]!]), profile, MONDAY_0800_WIB)) fail('the executor may not implement');
    } },
  },
  {
    pattern: /^change\.categories\.\d+\.(retrospectiveApprovalWithin|decisionWithin)$/,
    prover: { kind: 'proof', name: 'policy/change + policy/sla: the decision clock breaches exactly at the deadline, in working time', prove(profile, rule) {
      const d = rule.value as Duration;
      proveDuration(profile, { ...d, source: rule.source });
      const category = profile.change!.categories[Number(/categories\.(\d+)/.exec(rule.path)![1])]!.id;
      const c = changeCase(profile, category);
      if (c.approval.clock?.targetMs !== d.ms || c.approval.clock.basis !== d.basis) fail('the change does not run this deadline');
    } },
  },
  {
    pattern: /^change\.kinds\.\d+$/,
    prover: { kind: 'proof', name: 'policy/change: an RFC names one of the profile\'s kinds of change', prove(profile, rule) {
      const kind = (rule.value as { id: string }).id;
      if (changeKindRefusal(profile, kind)) fail(`${kind} refused`);
      if (changeKindRefusal(profile, undefined)?.code !== 'change_kind_required') fail('a change without a kind is accepted');
      if (changeKindRefusal(profile, 'no_such_kind')?.code !== 'unknown_change_kind') fail('an unknown kind is accepted');
    } },
  },
  {
    pattern: /^change\.steps\.\d+$/,
    prover: { kind: 'proof', name: 'policy/change: the step is a field of the RFC, an action or a state of the change workflow', prove(profile, rule) {
      const step = (rule.value as { id: string }).id;
      const how = CHANGE_STEP_REALISATION[step];
      if (!how) throw new PendingRole(step);
      const c = changeCase(profile, 'normal');
      if ('field' in how && !(how.field in c.input)) fail(`no RFC field ${how.field}`);
    } },
  },
  {
    pattern: /^change\.(forum|forum\.quorum)$/,
    prover: { kind: 'proof', name: 'policy/change: the forum approves once its convener and a quorum approved; the convener\'s rejection rejects', prove(profile) {
      const forum = profile.change!.forum!;
      const q = forum.quorum.value;
      const member = forum.memberRoles[0]!;
      let c = changeCase(profile, 'normal');
      const vote = (username: string, role: string, decision: 'approve' | 'reject') => {
        const cmd = { action: 'decide' as const, decision };
        const a = actor(username, [role]);
        if (changeRefusal(c, cmd, a, profile, MONDAY_0800_WIB)) fail(`${role} may not vote`);
        c = applyChangeCommand(c, cmd, a, profile, MONDAY_0800_WIB);
      };
      for (let i = 1; i < q; i++) vote(`member${i}`, member, 'approve');
      if (c.approval.outcome !== null) fail(`decided with ${q - 1} approvals and no convener`);
      vote('convener', forum.convenerRole, 'approve');
      if (c.approval.outcome !== 'approved') fail(`not approved with the convener and ${q} approvals`);
      if (approvalOutcome({ forum: { convenerRole: forum.convenerRole, memberRoles: forum.memberRoles, quorum: q }, approverRole: forum.convenerRole, votes: [
        { username: 'convener', name: 'c', role: forum.convenerRole, decision: 'reject', note: null, at: 0 },
      ] }) !== 'rejected') fail('the convener\'s rejection does not reject');
    } },
  },
  {
    pattern: /^change\.maintenancePeriodAfterHandover$/,
    prover: { kind: 'proof', name: 'policy/change: within the months after the handover (tenant time zone) work is maintenance, after them a change', prove(profile, rule) {
      const months = (rule.value as { months: number }).months;
      const handover = Date.parse('2026-01-31T10:00:00+07:00');
      const until = maintenancePeriodUntil(profile, handover, handover + DAY);
      // 31 January + 3 calendar months = 30 April (the month's last day), same local time.
      if (months === 3 && until !== Date.parse('2026-04-30T10:00:00+07:00')) fail(`maintenance ends ${until && new Date(until).toISOString()}, expected 30 April 10:00 WIB`);
      if (until === null) fail('no maintenance period after the handover');
      if (maintenancePeriodUntil(profile, handover, until! - 1) === null) fail('not maintenance just before the end');
      if (maintenancePeriodUntil(profile, handover, until!) !== null) fail('still maintenance at the end');
    } },
  },
  {
    pattern: /^change\.requesterInitiates$/,
    prover: { kind: 'proof', name: 'policy/change: the requester may submit a change request', prove(profile, rule) {
      if (changeInitiatorRoles(profile).includes('requester') !== (rule.value as boolean)) fail('requester initiation differs');
    } },
  },
  {
    pattern: /^segregationOfDuties\.rules\.\d+$/,
    prover: { kind: 'proof', name: 'policy/change + policy/segregation: one person never takes two of the rule\'s duties on a change', prove(profile, rule) {
      const r = rule.value as { id: string; duties: string[] };
      if (r.id !== 'change') throw new PendingRole(r.id);
      let c = changeCase(profile, 'normal');
      const initiator = c.input.initiator.username;
      if (dutyConflict(c, profile, initiator, 'approve')?.conflictsWith !== 'initiate') fail('the initiator may approve');
      if (dutyConflict(c, profile, initiator, 'implement')?.conflictsWith !== 'initiate') fail('the initiator may implement');
      c = { ...c, approval: { ...c.approval, votes: [{ username: 'approver', name: 'a', role: 'x', decision: 'approve', note: null, at: 0 }] } };
      const approverImplements = dutyConflict(c, profile, 'approver', 'implement') !== null;
      if (approverImplements !== (r.duties.includes('approve') && r.duties.includes('implement'))) fail('approve/implement separation differs from the rule');
      if (dutyConflict(c, profile, 'someone_else', 'implement')) fail('an uninvolved person may not implement');
    } },
  },
  {
    pattern: /^segregationOfDuties\.(relaxation|appliesWhen)$/,
    prover: { kind: 'proof', name: 'policy/segregation: only the supervisor relaxes a rule, for a named person and duty, recorded on the case', prove(profile) {
      const rule = segregationRule(profile, 'change')!;
      const supervisor = rule.supervisorRole!;
      let c = changeCase(profile, 'normal');
      const initiator = c.input.initiator.username;
      if (exceptionRefusal(rule, { username: 'boss', roles: ['technical_team'] }, initiator) !== 'missing_role') fail('a non-supervisor grants exceptions');
      if (exceptionRefusal(rule, { username: initiator, roles: [supervisor] }, initiator) !== 'self_supervision') fail('self-supervision allowed');
      const grant = { action: 'grant_exception' as const, username: initiator, duty: 'approve' as const, justification: 'one officer only, supervised' };
      if (changeRefusal(c, grant, actor('boss', [supervisor]), profile, MONDAY_0800_WIB)) fail('the supervisor may not grant');
      c = applyChangeCommand(c, grant, actor('boss', [supervisor]), profile, MONDAY_0800_WIB);
      if (dutyConflict(c, profile, initiator, 'approve')) fail('the exception does not relax the rule');
      if (!dutyConflict(c, profile, initiator, 'implement')) fail('the exception relaxes another duty');
    } },
  },
  {
    pattern: /^change\.highImpactRoute$/,
    prover: { kind: 'proof', name: 'policy/change: a high-impact change is approved only after the design and transition coordination is recorded (normal and retrospective)', prove(profile) {
      const role = designTransitionRole(profile) ?? fail('no role records the design and transition coordination');
      if (highImpactRefusal(profile, 'normal', true)) fail('a high-impact normal change is refused at intake');
      if (highImpactRefusal(profile, 'standard', true)?.code !== 'high_impact_standard_change') fail('a standard change may be high-impact');
      const approve = { action: 'decide' as const, decision: 'approve' as const };
      const record = { action: 'record_design_transition' as const, summary: 'Rencana transisi disepakati' };
      const forum = profile.change!.forum;
      for (const category of ['normal', 'emergency'] as const) {
        let c = changeCase(profile, category);
        c = { ...c, input: { ...c.input, highImpact: true } };
        const approver = actor('approver', [forum && category === 'normal' ? forum.convenerRole : categoryRuleOf(profile, category)]);
        if (changeRefusal(c, approve, approver, profile, MONDAY_0800_WIB)?.code !== 'design_transition_required') fail(`${category}: approved before the coordination`);
        if (changeRefusal(c, { action: 'decide', decision: 'reject' }, approver, profile, MONDAY_0800_WIB)) fail(`${category}: a rejection is refused before the coordination`);
        if (changeRefusal(c, record, actor('someone', ['requester']), profile, MONDAY_0800_WIB)?.code !== 'missing_role') fail(`${category}: anyone records the coordination`);
        if (changeRefusal(c, record, actor('coordinator', [role]), profile, MONDAY_0800_WIB)) fail(`${category}: ${role} may not record the coordination`);
        c = applyChangeCommand(c, record, actor('coordinator', [role]), profile, MONDAY_0800_WIB);
        if (changeRefusal(c, approve, approver, profile, MONDAY_0800_WIB)) fail(`${category}: still refused after the coordination`);
      }
      const plain = changeCase(profile, 'normal');
      if (changeRefusal(plain, approve, actor('approver', [forum?.convenerRole ?? categoryRuleOf(profile, 'normal')]), profile, MONDAY_0800_WIB)) fail('a change that is not high-impact waits for the coordination');
    } },
  },
  ...DISASTER_PROVERS,
  ...CONTINUITY_PROVERS,
  ...AVAILABILITY_PROVERS,
  ...EVALUATION_PROVERS,
];

/** A change of the category under the profile, initiated by a technician on Monday 08:00 WIB. */
function changeCase(profile: Profile, category: ChangeCategory): ChangeCase {
  const input: ChangeInput = {
    caseId: 'conformance', tenantId: profile.id, profileId: profile.id, number: 'CHG-0', title: 'x', reason: 'x', category, kind: null,
    services: [{ code: 'S', name: 'S' }], configurationItems: [], riskAnalysis: 'x', implementationPlan: 'x',
    window: { start: MONDAY_0800_WIB + 7 * DAY, end: MONDAY_0800_WIB + 7 * DAY + HOUR }, standardChange: null, origin: null,
    initiator: { username: 'initiator', name: 'initiator', role: 'technical_team' }, submittedAt: MONDAY_0800_WIB, conflicts: [],
    calendar: makeCalendar({ ...calendarOfProfile(profile), holidays: [], version: 1 }),
  };
  return newChangeCase(input, profile);
}

function categoryRuleOf(profile: Profile, category: ChangeCategory): string {
  return profile.change!.categories.find((c) => c.id === category)?.approverRole ?? fail(`no approver for ${category}`);
}

function incidentCase(profile: Profile): IncidentInput {
  return {
    caseId: 'conformance', tenantId: profile.id, profileId: profile.id, number: 'INC-0', reporter: { username: 'pelapor', name: 'Pelapor' },
    channel: 'phone', category: 'x', symptoms: 'x', impact: 'mayor', service: { code: 'S', name: 'S', serviceType: 'publik', classification: 'kritis' },
    configurationItems: [], confirmationChannel: 'email', security: false, reportedAt: MONDAY_0800_WIB,
    calendar: makeCalendar({ ...calendarOfProfile(profile), holidays: [], version: 1 }), origin: null,
  };
}

/** A ladder step is reached: level 1 from the start, others by their timer or an exceeded estimate. */
function proveLadderStep(profile: Profile, step: LadderStep, maintenance: { urgency: number; onSite: boolean } | null): void {
  const c = newIncidentCase({ ...incidentCase(profile), maintenance }, profile);
  const t = step.trigger;
  if (t.kind === 'start') {
    if (step.level !== 1 || c.level !== 1) fail('the first level does not own the case from the start');
  } else if (t.kind === 'share_of_target' || t.kind === 'after') {
    const threshold = c.clocks.resolution?.thresholds.find((x) => x.id === `ladder-${step.level}`);
    if (!c.clocks.resolution) return; // no resolution target: the step cannot fall due (recorded as a gap)
    const expected = t.kind === 'after' ? t.duration.ms : Math.floor((c.clocks.resolution.targetMs * t.permille) / 1000);
    if (threshold?.atMs !== expected) fail(`ladder level ${step.level} not at ${expected} ms`);
    const fired = fireIncidentThreshold(c, 'resolution', threshold);
    if (fired.level !== step.level) fail('the level did not climb');
  } else {
    const withEstimate = { ...c, state: 'handling_technical' as const, estimate: { setAt: 0, ms: HOUR, by: 'x', exceeded: false } };
    if (estimateExceeded(withEstimate, profile).level !== step.level) fail('exceeding the estimate did not climb to this level');
  }
}

/** A role or document a later process uses; proven where request fulfilment uses it, else pending. */
export class PendingRole extends Error {}

export function proverFor(path: string): Prover | undefined {
  return PROVERS.find((e) => e.pattern.test(path))?.prover;
}

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}
