// Delegation of a role to an acting official: Plt. (Pelaksana Tugas, the post is vacant) or Plh.
// (Pelaksana Harian, the holder is away). The API adds the roles delegated to a person, while the
// delegation is in force, to the actor it sends with a command; the workflow checks them again at
// its own clock, so a delegation ends at its exact instant even for a command already in flight.
//
// Two rules hold whatever is delegated:
// - a delegated role works only while the delegation is in force (`until` is exclusive);
// - segregation of duties holds for the acting official and for the official they act for: a Plh.
//   does not approve their own change, nor the change of the person whose role they hold.
import type { Actor } from './requestFulfilment.ts';

export type DelegationKind = 'plt' | 'plh';

/** A delegation in force for the actor when the API sent the command. */
export interface ActingDelegation {
  id: string;
  kind: DelegationKind;
  delegator: { username: string; name: string };
  /** The roles this delegation adds to the actor (delegated roles the actor does not hold already). */
  roles: string[];
  /** Epoch ms: in force from `from` (inclusive) until `until` (exclusive). */
  from: number;
  until: number;
}

/** What the audit event records when a decision is taken under delegation. */
export interface DelegationRecord {
  id: string;
  kind: DelegationKind;
  role: string;
  delegator: string;
  delegatorName: string;
  until: string;
}

export interface DelegationExpired {
  code: 'delegation_expired';
  role: string;
  delegation: string;
  until: string;
}

/** Refusal codes that keep duties apart; checked again as if the delegator acted. */
const SEGREGATION_CODES = new Set(['segregation_of_duties', 'segregation_of_duties_change']);

function inForce(d: ActingDelegation, now: number): boolean {
  return d.from <= now && now < d.until;
}

/** The delegation the actor uses for `role`: one that adds it (an own role is never "under delegation"). */
export function delegationFor(actor: Actor, role: string | null): ActingDelegation | null {
  if (role === null) return null;
  return actor.delegations?.find((d) => d.roles.includes(role)) ?? null;
}

/** The actor as of `now`: roles only a delegation gave, whose delegations are not in force, are gone. */
export function actorAt(actor: Actor, now: number): Actor {
  const delegations = actor.delegations;
  if (!delegations || delegations.length === 0) return actor;
  const lapsed = new Set(delegations.filter((d) => !inForce(d, now)).flatMap((d) => d.roles));
  const kept = new Set(delegations.filter((d) => inForce(d, now)).flatMap((d) => d.roles));
  const roles = actor.roles.filter((r) => !lapsed.has(r) || kept.has(r));
  return { ...actor, roles, delegations: delegations.filter((d) => inForce(d, now)) };
}

/**
 * The refusal of a command taken by `actor` in `actingRole` at `now`: the role's delegation must be
 * in force, the process's own rules must allow it for the actor as of `now`, and segregation of
 * duties must also allow it for the delegator.
 */
export function refusalUnderDelegation<R extends { code: string }>(
  actor: Actor, actingRole: string | null, now: number, refuse: (actor: Actor) => R | null,
): R | DelegationExpired | null {
  const delegation = delegationFor(actor, actingRole);
  if (delegation && !inForce(delegation, now)) {
    return { code: 'delegation_expired', role: actingRole as string, delegation: delegation.id, until: new Date(delegation.until).toISOString() };
  }
  const current = actorAt(actor, now);
  const refusal = refuse(current);
  if (refusal || !delegation) return refusal;
  const asDelegator = refuse({ ...current, username: delegation.delegator.username, name: delegation.delegator.name });
  return asDelegator && SEGREGATION_CODES.has(asDelegator.code) ? asDelegator : null;
}

/** The delegation to record with an event taken in `actingRole`, or null when the role is the actor's own. */
export function delegationRecord(actor: Actor, actingRole: string | null): DelegationRecord | null {
  const d = delegationFor(actor, actingRole);
  if (!d || actingRole === null) return null;
  return {
    id: d.id, kind: d.kind, role: actingRole, delegator: d.delegator.username, delegatorName: d.delegator.name,
    until: new Date(d.until).toISOString(),
  };
}

/** Who acts on a command, in which role, and whether the case refuses it. */
export interface Acting<R> {
  actor: Actor;
  actingRole: string | null;
  refusal: R | DelegationExpired | null;
}

/**
 * Who acts, in which role: in their own right when their own roles allow the act; otherwise under the
 * first delegation in force that allows it (its roles come first, so the act is recorded in the
 * delegated role). When nothing allows it, the refusal says why (see the end of the function).
 * `roleOf` names the role an actor with these roles acts in (each process's rule, in policy).
 */
export function chooseActing<R extends { code: string }>(
  actor: Actor, now: number, refuse: (actor: Actor) => R | null, roleOf: (actor: Actor) => string | null,
): Acting<R> {
  const attempt = (who: Actor): Acting<R> => {
    const actingRole = roleOf(who);
    return { actor: who, actingRole, refusal: refusalUnderDelegation(who, actingRole, now, refuse) };
  };
  const delegations = actor.delegations ?? [];
  if (delegations.length === 0) return attempt(actor);
  const ownRoles = actor.roles.filter((r) => !delegations.some((d) => d.roles.includes(r)));
  const own = attempt({ username: actor.username, name: actor.name, roles: ownRoles });
  if (!own.refusal) return own;
  const refused: Array<Acting<R>> = [];
  for (const d of delegations) {
    const under = attempt({ username: actor.username, name: actor.name, roles: [...d.roles, ...ownRoles], delegations: [d] });
    if (!under.refusal) return { ...under, actor: { ...under.actor, roles: [...ownRoles, ...d.roles] } };
    refused.push(under);
  }
  // Refused every way. Say why a grant that gives a needed role refuses (it lapsed, or its delegator may
  // not decide: segregation of duties); else why all roles together refuse. Roles of several grants
  // together are no way to act, so when only they would allow it, the refusal is the own roles'.
  const together = attempt(actor);
  return refused.find((r) => r.refusal?.code !== 'missing_role') ?? (together.refusal ? together : own);
}

/** A command as the API sends it: the acting role named by the API (before the workflow named it), or not. */
export interface ActingCommand {
  actor: Actor;
  actingRole?: string | null | undefined;
}

/**
 * The acting of a command at `now`. Commands recorded before the workflow named the role carry the
 * API's choice and are checked as they were, so their histories replay unchanged.
 */
export function actingOf<R extends { code: string }>(
  cmd: ActingCommand, now: number, refuse: (actor: Actor) => R | null, roleOf: (actor: Actor) => string | null,
): Acting<R> {
  if (cmd.actingRole !== undefined) {
    return { actor: cmd.actor, actingRole: cmd.actingRole, refusal: refusalUnderDelegation(cmd.actor, cmd.actingRole, now, refuse) };
  }
  return chooseActing(cmd.actor, now, refuse, roleOf);
}
