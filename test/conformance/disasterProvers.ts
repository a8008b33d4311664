// Conformance provers for the disaster rules of a profile (`disaster.*`): each runs the pure disaster
// policy (policy/disaster.ts, the rules the disaster workflow and the API apply) against the value the
// profile encodes. disaster.drpTest, disaster.drpApproval and disaster.drpApprovalWithin belong to the
// continuity provers (DRP approval and the yearly exercise schedule) and are not matched here.
import { makeCalendar } from '../../policy/calendar.ts';
import {
  applyDisasterCommand, assessmentSteps, declarationStep, disasterRefusal, fireProgressReminder, newDisasterCase, outageMeetsScenario,
  progressReminderDueAt, scenarioRoles, type DisasterCase, type DisasterCommand, type DisasterInput,
} from '../../policy/disaster.ts';
import type { Eselon, Profile } from '../../policy/profile.ts';
import { ESELON_LEVELS } from '../../policy/profile.ts';
import { calendarOfProfile } from '../../policy/profileCalendar.ts';
import type { RegulatedValue } from '../../policy/profileNumbers.ts';
import type { Actor } from '../../policy/requestFulfilment.ts';
import { PendingRole, type Prover } from './provers.ts';

const HOUR = 3_600_000;
const MONDAY_0800_WIB = Date.parse('2026-11-23T08:00:00+07:00');
const OCCURRED = MONDAY_0800_WIB - 6 * HOUR;
const DECLARED = MONDAY_0800_WIB + HOUR;

function fail(message: string): never {
  throw new Error(message);
}
const person = (username: string, roles: string[]): Actor => ({ username, name: username, roles });

function input(profile: Profile, scenario: string | null): DisasterInput {
  return {
    caseId: 'conformance', tenantId: profile.id, profileId: profile.id, number: 'BCN-0', mode: 'real', title: 'Bencana', description: 'x',
    occurredAt: OCCURRED, startedAt: MONDAY_0800_WIB, scenario,
    services: [{ code: 'S', name: 'S', classification: 'kritis', rtoMs: 24 * HOUR, rpoMs: 4 * HOUR, drp: { id: 'drp', version: 1 } }],
    origin: null, reporter: { username: 'pelapor', name: 'Pelapor', role: 'technical_team' },
    calendar: makeCalendar({ ...calendarOfProfile(profile), holidays: [], version: 1 }),
  };
}

/** Someone holding the role, at the highest eselon any holder of it may have. */
function holder(role: string): Actor {
  return person(`holder-${role}`, [role]);
}

function apply(profile: Profile, c: DisasterCase, actor: Actor, cmd: DisasterCommand, at: number): DisasterCase {
  const refusal = disasterRefusal(c, cmd, actor, profile, at);
  if (refusal) fail(`${cmd.action} by ${actor.roles.join(',')}: ${refusal.code}`);
  return applyDisasterCommand(c, cmd, actor, profile, at);
}

/** Every assessment and analysis step recorded by its first role, the scenario chosen where the profile has scenarios. */
function assessed(profile: Profile, scenario: string | null = null): DisasterCase {
  const first = profile.disaster!.scenarios.find((s) => s.response === 'recovery')?.id ?? null;
  let c = newDisasterCase(input(profile, scenario ?? first), profile);
  for (const s of assessmentSteps(profile)) {
    c = apply(profile, c, holder(s.roles[0]!), { action: 'record_assessment', step: s.step, findings: 'x', ...(s.kind === 'analysis' ? { criteriaMet: true } : {}) }, MONDAY_0800_WIB);
  }
  return c;
}

function declaredCase(profile: Profile): DisasterCase {
  return apply(profile, assessed(profile), holder(declarationStep(profile).roles[0]!), { action: 'declare', decision: 'disaster', reasons: 'x' }, DECLARED);
}

/** Another role of the profile that is not among `roles` (or an unknown one). */
function otherRole(profile: Profile, roles: string[]): string {
  return profile.roles.find((r) => !roles.includes(r.id) && r.id !== 'administrator')?.id ?? 'someone_else';
}

function lowerEselon(e: Eselon): Eselon | null {
  return ESELON_LEVELS[ESELON_LEVELS.indexOf(e) + 1] ?? null;
}

/** The step's roles may do `cmd` on `c`; another role may not; a holder below the minimum eselon may not. */
function proveStepRoles(profile: Profile, c: DisasterCase, cmd: DisasterCommand, roles: string[], minEselon: Eselon | null, at: number): void {
  for (const role of roles) {
    const refusal = disasterRefusal(c, cmd, holder(role), profile, at);
    if (refusal) fail(`${role} may not ${cmd.action}: ${refusal.code}`);
  }
  const other = otherRole(profile, roles);
  if (disasterRefusal(c, cmd, holder(other), profile, at)?.code !== 'missing_role') fail(`${other} may ${cmd.action}`);
  if (minEselon) {
    const lower = lowerEselon(minEselon);
    if (!lower) return;
    // The same role held by an official below the minimum (the profile's role re-graded) is refused.
    const regraded = { ...profile, roles: profile.roles.map((r) => (r.id === roles[0] ? { ...r, eselon: lower } : r)) };
    const refusal = disasterRefusal(c, cmd, holder(roles[0]!), regraded, at);
    if (refusal?.code !== 'eselon_too_low') fail(`${roles[0]} below eselon ${minEselon} may ${cmd.action}`);
  }
}

function prove(profile: Profile, rule: RegulatedValue): void {
  const d = profile.disaster ?? fail('no disaster section');
  const path = rule.path;
  const runner = d.drpRunBy.role;
  let m: RegExpExecArray | null;
  if ((m = /^disaster\.scenarios\.(\d+)$/.exec(path))) {
    const s = d.scenarios[Number(m[1])]!;
    const c = assessed(profile, s.id);
    const declare: DisasterCommand = { action: 'declare', decision: 'disaster', reasons: 'x' };
    const declarer = holder(declarationStep(profile).roles[0]!);
    const handOver = disasterRefusal(c, { action: 'hand_to_incident', reason: 'x' }, holder(scenarioRoles(profile)[0]!), profile, DECLARED);
    if (s.response === 'incident') {
      if (disasterRefusal(c, declare, declarer, profile, DECLARED)?.code !== 'scenario_calls_for_incident') fail(`scenario ${s.id} may be declared a disaster`);
      if (handOver) fail(`scenario ${s.id} cannot be handed to incident handling: ${handOver.code}`);
    } else {
      if (disasterRefusal(c, declare, declarer, profile, DECLARED)) fail(`scenario ${s.id} cannot be declared`);
      if (handOver?.code !== 'scenario_not_for_incident') fail(`scenario ${s.id} is handed to incident handling`);
    }
  } else if ((m = /^disaster\.scenarios\.(\d+)\.minOutage$/.exec(path))) {
    const s = d.scenarios[Number(m[1])]!;
    const min = s.minOutage ?? fail('no minimum outage');
    if (outageMeetsScenario(profile, s.id, min.ms)) fail(`an outage of exactly ${min.ms} ms meets «lebih dari»`);
    if (!outageMeetsScenario(profile, s.id, min.ms + 1)) fail(`an outage longer than ${min.ms} ms does not meet the scenario`);
  } else if ((m = /^disaster\.steps\.(\d+)$/.exec(path))) {
    const step = d.steps[Number(m[1])]!;
    switch (step.kind) {
      case 'assessment':
      case 'analysis': {
        const c = newDisasterCase(input(profile, null), profile);
        const cmd: DisasterCommand = { action: 'record_assessment', step: step.step, findings: 'x', ...(step.kind === 'analysis' ? { criteriaMet: true } : {}) };
        proveStepRoles(profile, c, cmd, step.roles, step.minEselon, MONDAY_0800_WIB);
        if (step.kind === 'analysis' && disasterRefusal(c, { ...cmd, criteriaMet: undefined } as DisasterCommand, holder(step.roles[0]!), profile, MONDAY_0800_WIB)?.code !== 'criteria_verdict_required') {
          fail('an analysis without a verdict on the criteria is accepted');
        }
        // The declaration waits for this step.
        const missing = disasterRefusal(c, { action: 'declare', decision: 'disaster', reasons: 'x' }, holder(declarationStep(profile).roles[0]!), profile, DECLARED);
        if (missing?.code !== 'assessments_incomplete' || !missing.missing.includes(step.step)) fail('the declaration does not wait for this step');
        return;
      }
      case 'declaration': {
        const decl = declarationStep(profile);
        if (decl.step !== step.step || decl.roles.join() !== step.roles.join() || decl.minEselon !== step.minEselon) fail('another declaration rule');
        proveStepRoles(profile, assessed(profile), { action: 'declare', decision: 'disaster', reasons: 'x' }, step.roles, step.minEselon, DECLARED);
        return;
      }
      case 'activation':
      case 'normalisation':
      case 'evaluation': {
        // These steps are the DRP runner's (activate_drc, normalise, evaluate): the step's roles must be it.
        if (step.roles.join() !== runner) fail(`step ${step.step} names ${step.roles.join(',')} but the DRP is run by ${runner}`);
        let c = declaredCase(profile);
        if (step.kind === 'activation') return proveStepRoles(profile, c, { action: 'activate_drc', note: 'x' }, step.roles, step.minEselon, DECLARED + HOUR);
        c = apply(profile, c, holder(runner), { action: 'activate_drc', note: 'x' }, DECLARED + HOUR);
        c = apply(profile, c, holder(runner), { action: 'confirm_recovery', service: 'S', note: 'x' }, DECLARED + 2 * HOUR);
        if (step.kind === 'normalisation') return proveStepRoles(profile, c, { action: 'normalise', note: 'x' }, step.roles, step.minEselon, DECLARED + 3 * HOUR);
        c = apply(profile, c, holder(runner), { action: 'normalise', note: 'x' }, DECLARED + 3 * HOUR);
        return proveStepRoles(profile, c, { action: 'evaluate', causes: [], obstacles: 'x', improvements: [] }, step.roles, step.minEselon, DECLARED + 4 * HOUR);
      }
      default:
        // preparation (kemenkeu G.2.b.1–2: business impact analysis, the DRP) and establishment (yogyakarta
        // Tabel 8 step 7: Penetapan DRP) happen outside a disaster: continuity plans and DRP approval.
        throw new PendingRole(`disaster step ${step.step} (${step.kind})`);
    }
  } else if (path === 'disaster.drpRunBy') {
    let c = declaredCase(profile);
    proveStepRoles(profile, c, { action: 'activate_drc', note: 'x' }, [runner], null, DECLARED + HOUR);
    proveStepRoles(profile, c, { action: 'post_progress', message: 'x' }, [runner], null, DECLARED + HOUR);
    c = apply(profile, c, holder(runner), { action: 'activate_drc', note: 'x' }, DECLARED + HOUR);
    c = apply(profile, c, holder(runner), { action: 'confirm_recovery', service: 'S', note: 'x' }, DECLARED + 2 * HOUR);
    proveStepRoles(profile, c, { action: 'normalise', note: 'x' }, [runner], null, DECLARED + 3 * HOUR);
  } else if (path === 'disaster.rtoRpoFrom') {
    const c = declaredCase(profile);
    const expected = d.rtoRpoFrom.value === 'declaration' ? DECLARED : OCCURRED;
    if (c.baseAt !== expected) fail(`RTO and RPO count from ${new Date(c.baseAt!).toISOString()}, not from the ${d.rtoRpoFrom.value}`);
    if (c.clocks[0]?.startedAt !== expected) fail('the RTO clock starts elsewhere');
  } else if (path === 'disaster.progressUpdateEvery') {
    const every = d.progressUpdateEvery;
    if (every.basis !== 'calendar') fail('the progress interval is not calendar time');
    let c = declaredCase(profile);
    if (progressReminderDueAt(c) !== DECLARED + every.ms) fail('the first reminder is not one interval after the declaration');
    c = fireProgressReminder(c, profile);
    if (progressReminderDueAt(c) !== DECLARED + 2 * every.ms) fail('reminders do not repeat every interval');
    const posted = DECLARED + every.ms + HOUR;
    c = apply(profile, c, holder(runner), { action: 'post_progress', message: 'x' }, posted);
    if (progressReminderDueAt(c) !== posted + every.ms) fail('an update does not restart the interval');
  } else if (path === 'disaster.minorDisastersAsIncidents') {
    const incidents = d.scenarios.filter((s) => s.response === 'incident');
    if (d.minorDisastersAsIncidents?.value && incidents.length === 0) fail('no scenario is handled as an incident');
    for (const s of incidents) {
      const c = newDisasterCase(input(profile, s.id), profile);
      if (disasterRefusal(c, { action: 'hand_to_incident', reason: 'x' }, holder(scenarioRoles(profile)[0]!), profile, MONDAY_0800_WIB)) fail(`${s.id} is not handed over`);
    }
  } else if (/^disaster\.continuityOrganisation\.\d+$/.test(path)) {
    // kemenkeu G.2.b.4: who establishes the continuity organisation — a role of the profile; the unit-level
    // head of unit is who declares where no declaration step exists.
    const role = (rule.value as { role: string }).role;
    if (!profile.roles.some((r) => r.id === role)) fail(`role ${role} is not in the profile`);
    if (role === 'head_of_unit' && !declarationStep(profile).roles.includes('head_of_unit') && !d.steps.some((s) => s.kind === 'declaration')) fail('the head of unit does not declare');
  } else {
    fail(`no disaster prover for ${path}`);
  }
}

export const DISASTER_PROVERS: Array<{ pattern: RegExp; prover: Prover }> = [
  {
    pattern: /^disaster\.(scenarios|steps|continuityOrganisation)\.\d+(\.minOutage)?$|^disaster\.(drpRunBy|rtoRpoFrom|progressUpdateEvery|minorDisastersAsIncidents)$/,
    prover: {
      kind: 'proof',
      name: 'policy/disaster: scenarios, assessment and declaration roles (eselon), the DRP runner, the RTO/RPO base and the progress interval follow the profile',
      prove,
    },
  },
];
