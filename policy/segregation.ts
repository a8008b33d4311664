// Segregation of duties (Pemisahan Tugas), spec §4; kemenkeu Lampiran II J.2–J.3. One person must
// not combine the duties a rule keeps apart: for a change, initiating, approving and implementing
// (J.2 a). Where duties cannot be separated, J.3 allows it only under monitoring, an audit trail
// and the supervision of the head of the provider: a supervisor grants a named exception, which is
// recorded, and only then may that person take that duty.
import type { Profile, Source } from './profile.ts';

export interface SegregationRule {
  id: string;
  /** Pairs of duties one person must not hold both of. */
  apart: Array<readonly [string, string]>;
  /** Whether a supervised exception may relax the rule (kemenkeu J.3). */
  relaxable: boolean;
  supervisorRole: string | null;
  /** The measures every exception must keep (monitoring, audit trail, supervision). */
  measures: string[];
  source: Source;
}

/** Who already holds which duty on a case. */
export interface DutyHolder { duty: string; username: string }

/** A supervisor's recorded permission for one person to take one duty despite the rule. */
export interface SupervisedException { username: string; duty: string; supervisor: string; justification: string; at: number }

export interface SegregationConflict {
  code: 'segregation_of_duties';
  rule: string;
  duty: string;
  conflictsWith: string;
  username: string;
  relaxable: boolean;
  supervisorRole: string | null;
}

/**
 * Sigap's rule where a regulation sets none: the initiator of a change neither approves nor
 * implements it (spec §4, issue 5). Without a regulation that allows exceptions, none are allowed.
 */
export const DEFAULT_CHANGE_SEGREGATION: SegregationRule = {
  id: 'change',
  apart: [['initiate', 'approve'], ['initiate', 'implement']],
  relaxable: false,
  supervisorRole: null,
  measures: [],
  source: { sigapDefault: 'the regulation sets no segregation of duties; Sigap keeps the initiator of a change from approving or implementing it, as kemenkeu Lampiran II J.2 a, without exceptions' },
};

/** Every pair of the listed duties (pairwise distinct people). */
function pairs(duties: string[]): Array<readonly [string, string]> {
  return duties.flatMap((a, i) => duties.slice(i + 1).map((b) => [a, b] as const));
}

/** The rule a profile sets for `ruleId` (kemenkeu: 'change', 'access', 'code' …), else Sigap's default for changes. */
export function segregationRule(profile: Profile, ruleId: string): SegregationRule | null {
  const sod = profile.segregationOfDuties;
  const rule = sod?.rules.find((r) => r.id === ruleId);
  if (sod && rule) {
    return {
      id: rule.id, apart: pairs(rule.duties), relaxable: true, supervisorRole: sod.relaxation.supervisorRole,
      measures: sod.relaxation.measures.map((m) => m.id), source: rule.source,
    };
  }
  return ruleId === 'change' ? DEFAULT_CHANGE_SEGREGATION : null;
}

/**
 * Whether `next` (a person taking a duty) breaks the rule, given who holds which duty already and
 * the supervised exceptions granted on this case. Returns the first conflict, or null.
 */
export function segregationConflict(
  rule: SegregationRule | null, held: DutyHolder[], next: DutyHolder, exceptions: SupervisedException[] = [],
): SegregationConflict | null {
  if (!rule) return null;
  const excused = rule.relaxable && exceptions.some((e) => e.username === next.username && e.duty === next.duty);
  if (excused) return null;
  for (const h of held) {
    if (h.username !== next.username || h.duty === next.duty) continue;
    const apart = rule.apart.some(([a, b]) => (a === h.duty && b === next.duty) || (b === h.duty && a === next.duty));
    if (apart) {
      return { code: 'segregation_of_duties', rule: rule.id, duty: next.duty, conflictsWith: h.duty, username: next.username, relaxable: rule.relaxable, supervisorRole: rule.supervisorRole };
    }
  }
  return null;
}

/**
 * Whether a supervisor may grant an exception: the rule allows them, the supervisor holds the
 * supervisor role and is not the person excused.
 */
export function exceptionRefusal(rule: SegregationRule | null, supervisor: { username: string; roles: string[] }, username: string): 'not_relaxable' | 'missing_role' | 'self_supervision' | null {
  if (!rule || !rule.relaxable || !rule.supervisorRole) return 'not_relaxable';
  if (!supervisor.roles.includes(rule.supervisorRole)) return 'missing_role';
  if (supervisor.username === username) return 'self_supervision';
  return null;
}
