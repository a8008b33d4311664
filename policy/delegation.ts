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
