// Conformance provers of the continuity rules: classification.levels[].requiresDrp / requiresRtoRpo
// / requiresAvailabilityTarget (continuityFlags flags exactly those), disaster.drpApproval (who
// approves, from which eselon, never the author), disaster.drpApprovalWithin (the decision deadline)
// and disaster.drpTest (the Schedule's calendar fires at least `atLeast` times in every `perMonths`).
import { addWorkingMs, makeCalendar } from '../../policy/calendar.ts';
import {
  continuityFlags, drpDecisionDueAt, drpRefusal, drpTestCalendar, eselonOf, fireDrpThreshold, meetsEselon, newDrpCase, nextDrpThreshold,
  type ContinuityFlag, type DrpInput, type PlanFacts,
} from '../../policy/continuity.ts';
import type { Profile } from '../../policy/profile.ts';
import { calendarOfProfile } from '../../policy/profileCalendar.ts';
import type { RegulatedValue } from '../../policy/profileNumbers.ts';
import type { Prover } from './provers.ts';

const MONDAY_0800_WIB = Date.parse('2026-11-23T08:00:00+07:00');
const COMPLETE = { availabilityTargetBp: 9950, rtoMs: 3_600_000, rpoMs: 0 };
const FLAG_OF = { requiresAvailabilityTarget: 'availability_target_missing', requiresRtoRpo: 'rto_rpo_missing', requiresDrp: 'drp_missing' } as const;

function fail(message: string): never {
  throw new Error(message);
}

function levelAt(profile: Profile, path: string) {
  const index = Number(/^classification\.levels\.(\d+)/.exec(path)?.[1]);
  return profile.classification?.levels[index] ?? fail(`no classification level at ${path}`);
}

/** With only `missing` lacking from an otherwise complete plan, the flags are exactly what the level requires of it. */
function proveRequirement(profile: Profile, rule: RegulatedValue, key: keyof typeof FLAG_OF): void {
  const level = levelAt(profile, rule.path);
  const facts: PlanFacts = key === 'requiresDrp' ? { classification: level.id, plan: COMPLETE, drp: 'missing' }
    : { classification: level.id, plan: { ...COMPLETE, ...(key === 'requiresRtoRpo' ? { rtoMs: null } : { availabilityTargetBp: null }) }, drp: 'approved' };
  const expected: ContinuityFlag[] = level[key].value ? [FLAG_OF[key]] : [];
  if (JSON.stringify(continuityFlags(profile, facts)) !== JSON.stringify(expected)) fail(`${level.id}: ${key} flags ${JSON.stringify(continuityFlags(profile, facts))}`);
  if (key === 'requiresDrp' && level.requiresDrp.value && !continuityFlags(profile, { ...facts, drp: 'pending' }).includes('drp_unapproved')) fail('a pending DRP is not flagged');
}

function drpInput(profile: Profile): DrpInput {
  return {
    caseId: 'conformance', tenantId: profile.id, profileId: profile.id, number: 'DRP-0', drpId: 'd', version: 1, title: 'DRP',
    service: { code: 'S', name: 'S', classification: 'kritis' }, recoveryActivities: 'r', normalisationActivities: 'n', documentId: null,
    author: { username: 'penyusun', name: 'Penyusun', role: 'technical_team' }, submittedAt: MONDAY_0800_WIB, supersedes: null,
    calendar: makeCalendar({ ...calendarOfProfile(profile), holidays: [], version: 1 }),
  };
}

const person = (username: string, roles: string[]) => ({ username, name: username, roles });

export const CONTINUITY_PROVERS: Array<{ pattern: RegExp; prover: Prover }> = [
  {
    pattern: /^classification\.levels\.\d+\.requiresRtoRpo$/,
    prover: { kind: 'proof', name: 'policy/continuity: continuityFlags flags a missing RTO/RPO exactly where the level requires it', prove: (p, r) => proveRequirement(p, r, 'requiresRtoRpo') },
  },
  {
    pattern: /^classification\.levels\.\d+\.requiresDrp$/,
    prover: { kind: 'proof', name: 'policy/continuity: continuityFlags flags a missing or unapproved DRP exactly where the level requires it', prove: (p, r) => proveRequirement(p, r, 'requiresDrp') },
  },
  {
    pattern: /^classification\.levels\.\d+\.requiresAvailabilityTarget$/,
    prover: { kind: 'proof', name: 'policy/continuity: continuityFlags flags a missing availability target exactly where the level requires it', prove: (p, r) => proveRequirement(p, r, 'requiresAvailabilityTarget') },
  },
  {
    pattern: /^classification\.levels\.\d+$/,
    prover: { kind: 'proof', name: 'policy/continuity: a service of this level without a plan is flagged for exactly its requirements; a complete one for none', prove(profile, rule) {
      const level = levelAt(profile, rule.path);
      const expected = (['requiresAvailabilityTarget', 'requiresRtoRpo', 'requiresDrp'] as const).filter((k) => level[k].value).map((k) => FLAG_OF[k]);
      if (JSON.stringify(continuityFlags(profile, { classification: level.id, plan: null, drp: 'missing' })) !== JSON.stringify(expected)) fail(`${level.id}: flags differ`);
      if (continuityFlags(profile, { classification: level.id, plan: COMPLETE, drp: 'approved' }).length) fail(`${level.id}: a complete plan is flagged`);
    } },
  },
  {
    pattern: /^disaster\.drpApproval$/,
    prover: { kind: 'proof', name: 'policy/continuity drpRefusal: only the approver role with its minimum eselon decides, never the DRP\'s author', prove(profile) {
      const rule = profile.disaster!.drpApproval;
      const c = newDrpCase(drpInput(profile), profile);
      const decide = { action: 'decide' as const, decision: 'approve' as const };
      const eligible = meetsEselon(eselonOf(profile, [rule.role]), rule.minEselon);
      const refusal = drpRefusal(c, decide, person('approver', [rule.role]), profile);
      if (eligible ? refusal !== null : refusal?.code !== 'eselon_too_low') fail(`the ${rule.role} role: ${JSON.stringify(refusal)}`);
      if (drpRefusal(c, decide, person('other', ['requester']), profile)?.code !== 'missing_role') fail('another role may decide');
      if (drpRefusal(c, decide, person('penyusun', [rule.role]), profile)?.code === undefined) fail('the author may approve their own DRP');
      if (rule.minEselon) {
        const lowered = { ...profile, roles: profile.roles.map((r) => (r.id === rule.role ? { ...r, eselon: 'IV' as const, eselonAlternatives: [] } : r)) };
        if (rule.minEselon !== 'IV' && drpRefusal(c, decide, person('approver', [rule.role]), lowered)?.code !== 'eselon_too_low') fail('an approver below the minimum eselon may decide');
      }
    } },
  },
  {
    pattern: /^disaster\.drpApprovalWithin$/,
    prover: { kind: 'proof', name: 'policy/continuity: the DRP decision escalates exactly at drpApprovalWithin after the submission, after every reminder', prove(profile) {
      const d = profile.disaster!.drpApprovalWithin;
      let c = newDrpCase(drpInput(profile), profile);
      const due = d.basis === 'working' ? addWorkingMs(c.calendar, MONDAY_0800_WIB, d.ms) : MONDAY_0800_WIB + d.ms;
      if (drpDecisionDueAt(c) !== due) fail('deadline differs');
      let last = 0;
      for (let next = nextDrpThreshold(c); next; next = nextDrpThreshold(c)) {
        if (next.dueAt < last || next.dueAt > due) fail('a reminder after the deadline');
        last = next.dueAt;
        if (next.threshold.kind === 'breach' && next.dueAt !== due) fail('escalation not at the deadline');
        c = fireDrpThreshold(c, next.threshold, next.dueAt);
      }
      if (c.escalatedAt !== due) fail('not escalated at the deadline');
    } },
  },
  {
    pattern: /^disaster\.drpTest$/,
    prover: { kind: 'proof', name: 'policy/continuity drpTestCalendar: the DRP-test Schedule fires at least atLeast times in every span of perMonths months', prove(profile) {
      const f = profile.disaster!.drpTest;
      const cal = drpTestCalendar(profile) ?? fail('no calendar');
      if (cal.timezone !== profile.timezone) fail('not in the profile time zone');
      for (let start = 1; start <= 12; start++) {
        let runs = 0;
        for (let i = 0; i < f.perMonths; i++) if (cal.months.includes(((start - 1 + i) % 12) + 1)) runs++;
        if (runs < f.atLeast) fail(`${runs} runs in the ${f.perMonths} months from month ${start}`);
      }
    } },
  },
];
