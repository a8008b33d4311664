// The pure rules of acting under a delegation (Plt./Plh.): a delegated role works from `from`
// (inclusive) until `until` (exclusive) at the workflow's clock, an own role is never "under
// delegation", and segregation of duties holds for the delegator too — with the real change rules.
import fc from 'fast-check';
import { actingOf, actorAt, chooseActing, delegationFor, delegationRecord, refusalUnderDelegation, type ActingDelegation } from '../../policy/delegation.ts';
import { changeActingRole, changeRefusal, newChangeCase, type ChangeInput } from '../../policy/change.ts';
import { getProfile } from '../../policy/profiles/index.ts';
import type { Actor } from '../../policy/requestFulfilment.ts';
import { testCalendar } from '../fixtures/requests.ts';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-23T08:00:00+07:00');
const serang = getProfile('serang');

const plh = (over: Partial<ActingDelegation> = {}): ActingDelegation => ({
  id: 'd-1', kind: 'plh', delegator: { username: 'penyedia', name: 'Ir. Bambang' }, roles: ['service_owner'], from: T0, until: T0 + 8 * HOUR, ...over,
});
const acting = (delegations: ActingDelegation[], own: string[] = ['technical_team']): Actor => ({
  username: 'teknis', name: 'Dewi', roles: [...own, ...delegations.flatMap((d) => d.roles.filter((r) => !own.includes(r)))], delegations,
});
/** A process rule that needs `role` and keeps the initiator `initiator` from deciding. */
const rule = (role: string, initiator: string) => (a: Actor) => {
  if (!a.roles.includes(role)) return { code: 'missing_role', roles: [role] };
  if (a.username === initiator) return { code: 'segregation_of_duties' };
  return null;
};

const changeInput = (initiator: string, role: string): ChangeInput => ({
  caseId: 'c', tenantId: 'serang', profileId: 'serang', number: 'CHG-2026-000001', title: 't', reason: 'r', category: 'normal', kind: null,
  services: [{ code: 'WEBSITE', name: 'Website' }], configurationItems: [], riskAnalysis: 'r', implementationPlan: 'p',
  window: { start: T0 + 48 * HOUR, end: T0 + 50 * HOUR }, standardChange: null, origin: null,
  initiator: { username: initiator, name: initiator, role }, submittedAt: T0, conflicts: [], calendar: testCalendar,
});
const approve = { action: 'decide' as const, decision: 'approve' as const };

test('a delegated role works from `from` (inclusive) to `until` (exclusive), then the command is refused delegation_expired', () => {
  const actor = acting([plh()]);
  const allow = rule('service_owner', 'koordinator');
  expect(refusalUnderDelegation(actor, 'service_owner', T0, allow)).toBeNull();
  expect(refusalUnderDelegation(actor, 'service_owner', T0 + 8 * HOUR - 1, allow)).toBeNull();
  expect(refusalUnderDelegation(actor, 'service_owner', T0 + 8 * HOUR, allow))
    .toEqual({ code: 'delegation_expired', role: 'service_owner', delegation: 'd-1', until: new Date(T0 + 8 * HOUR).toISOString() });
  // Before it starts, the role is not there at all: the process's own rule refuses.
  expect(refusalUnderDelegation(actor, 'service_owner', T0 - 1, allow)).toEqual({ code: 'delegation_expired', role: 'service_owner', delegation: 'd-1', until: new Date(T0 + 8 * HOUR).toISOString() });
  expect(actorAt(actor, T0 - 1).roles).toEqual(['technical_team']);
  expect(actorAt(actor, T0).roles).toEqual(['technical_team', 'service_owner']);
  expect(actorAt(actor, T0 + 8 * HOUR)).toMatchObject({ roles: ['technical_team'], delegations: [] });
});

test('property: whatever the instant, a delegated role is usable exactly while from <= now < until', () => {
  fc.assert(fc.property(
    fc.integer({ min: 0, max: 1000 * HOUR }), fc.integer({ min: 1, max: 100 * HOUR }), fc.integer({ min: -10 * HOUR, max: 1200 * HOUR }),
    (from, length, now) => {
      const d = plh({ from, until: from + length });
      const inForce = from <= now && now < from + length;
      const refusal = refusalUnderDelegation(acting([d]), 'service_owner', now, rule('service_owner', 'koordinator'));
      const roles = actorAt(acting([d]), now).roles;
      return (refusal === null) === inForce && roles.includes('service_owner') === inForce
        && (inForce || refusal?.code === 'delegation_expired');
    },
  ));
});

test('an own role is never "under delegation": no expiry, no record, at any instant', () => {
  // The resolver lists in a delegation only the roles it adds (api/auth/delegations.ts): the Plh. of
  // the service owner who also is a service owner themselves gets a delegation adding head_of_unit only.
  const actor = acting([plh({ roles: ['head_of_unit'] })], ['technical_team', 'service_owner']);
  expect(delegationFor(actor, 'service_owner')).toBeNull();
  expect(delegationRecord(actor, 'service_owner')).toBeNull();
  expect(delegationFor(actor, 'head_of_unit')).toMatchObject({ id: 'd-1' });
  // A role with no acting role (the initiator's own act) is never under delegation either.
  expect(delegationRecord(actor, null)).toBeNull();
  fc.assert(fc.property(fc.integer({ min: -100 * HOUR, max: 100 * HOUR }), (offset) => {
    const now = T0 + offset;
    const roles = actorAt(actor, now).roles;
    return refusalUnderDelegation(actor, 'service_owner', now, rule('service_owner', 'koordinator')) === null
      && refusalUnderDelegation(actor, 'technical_team', now, rule('technical_team', 'koordinator')) === null
      && roles.includes('service_owner') && roles.includes('technical_team')
      && roles.includes('head_of_unit') === (offset >= 0 && offset < 8 * HOUR);
  }));
});

test('two delegations of the same role: the lapsed one does not take away what the one in force gives', () => {
  const early = plh({ id: 'd-early', until: T0 + HOUR });
  const later = plh({ id: 'd-later', delegator: { username: 'kadis', name: 'Dr. Ahmad' }, from: T0, until: T0 + 10 * HOUR });
  const actor: Actor = { username: 'teknis', name: 'Dewi', roles: ['technical_team', 'service_owner'], delegations: [early, later] };
  expect(actorAt(actor, T0 + 2 * HOUR)).toMatchObject({ roles: ['technical_team', 'service_owner'], delegations: [later] });
});

test('the record of a decision under delegation names the delegator and the end of the delegation', () => {
  expect(delegationRecord(acting([plh()]), 'service_owner')).toEqual({
    id: 'd-1', kind: 'plh', role: 'service_owner', delegator: 'penyedia', delegatorName: 'Ir. Bambang', until: new Date(T0 + 8 * HOUR).toISOString(),
  });
});

test('segregation of duties holds for the delegator: a Plh. does not approve the change of the person whose role they hold', () => {
  const byHolder = newChangeCase(changeInput('penyedia', 'service_owner'), serang);
  const byOther = newChangeCase(changeInput('koordinator', 'service_coordinator'), serang);
  const byDelegate = newChangeCase(changeInput('teknis', 'technical_team'), serang);
  const actor = acting([plh()]);
  const decide = (c: typeof byHolder) => (a: Actor) => changeRefusal(c, approve, a, serang, T0 + HOUR);
  expect(refusalUnderDelegation(actor, 'service_owner', T0 + HOUR, decide(byOther))).toBeNull();
  expect(decide(byHolder)(actor)).toBeNull(); // the rule alone sees no conflict: only the delegator initiated it
  expect(refusalUnderDelegation(actor, 'service_owner', T0 + HOUR, decide(byHolder))).toMatchObject({ code: 'segregation_of_duties_change', duty: 'approve', conflictsWith: 'initiate' });
  expect(refusalUnderDelegation(actor, 'service_owner', T0 + HOUR, decide(byDelegate))).toMatchObject({ code: 'segregation_of_duties_change', duty: 'approve', conflictsWith: 'initiate' });
  // Only segregation refusals are checked as the delegator: other rules apply to the actor alone.
  const notSegregation = (a: Actor) => (a.username === 'penyedia' ? { code: 'missing_role', roles: ['x'] } : null);
  expect(refusalUnderDelegation(actor, 'service_owner', T0 + HOUR, notSegregation)).toBeNull();
});

test('property: under delegation the actor is refused whenever the same act is refused to the actor or (for segregation) to the delegator', () => {
  const people = ['teknis', 'penyedia', 'koordinator'];
  fc.assert(fc.property(fc.constantFrom(...people), fc.integer({ min: 0, max: 7 * HOUR }), (initiator, offset) => {
    const refuse = rule('service_owner', initiator);
    const now = T0 + offset;
    const refusal = refusalUnderDelegation(acting([plh()]), 'service_owner', now, refuse);
    const expected = initiator === 'teknis' || initiator === 'penyedia' ? 'segregation_of_duties' : null;
    return (refusal?.code ?? null) === expected;
  }));
});

// The workflow names the acting role (chooseActing): own roles first, then each delegation in force.
const roleOf = (role: string) => (a: Actor) => (a.roles.includes(role) ? role : a.roles[0] ?? null);

test('who acts: in their own right when their own roles allow it, with no delegation recorded', () => {
  const actor = acting([plh({ roles: ['auditor'] })], ['technical_team', 'service_owner']);
  const chosen = chooseActing(actor, T0 + HOUR, rule('service_owner', 'koordinator'), roleOf('service_owner'));
  expect(chosen).toEqual({ actor: { username: 'teknis', name: 'Dewi', roles: ['technical_team', 'service_owner'] }, actingRole: 'service_owner', refusal: null });
  expect(delegationRecord(chosen.actor, chosen.actingRole)).toBeNull();
});

test('who acts: under the delegation that gives the role, recorded in the delegated role', () => {
  const other = plh({ id: 'd-2', roles: ['auditor'], delegator: { username: 'inspektur', name: 'Inspektur' } });
  const chosen = chooseActing(acting([other, plh()]), T0 + HOUR, rule('service_owner', 'koordinator'), roleOf('service_owner'));
  expect(chosen.refusal).toBeNull();
  expect(chosen.actingRole).toBe('service_owner');
  expect(chosen.actor).toEqual({ username: 'teknis', name: 'Dewi', roles: ['technical_team', 'service_owner'], delegations: [plh()] });
  expect(delegationRecord(chosen.actor, chosen.actingRole)).toMatchObject({ id: 'd-1', delegator: 'penyedia' });
});

test('who acts: a Plh. refused as the delegator is refused for segregation, though all roles together would pass', () => {
  const byHolder = newChangeCase(changeInput('penyedia', 'service_owner'), serang);
  const now = T0 + HOUR;
  const actor = acting([plh()]);
  const chosen = chooseActing(actor, now, (a) => changeRefusal(byHolder, approve, a, serang, now), (a) => changeActingRole(byHolder, approve, a, serang));
  expect(changeRefusal(byHolder, approve, actor, serang, now)).toBeNull(); // every role together, as teknis alone
  expect(chosen.refusal).toMatchObject({ code: 'segregation_of_duties_change', conflictsWith: 'initiate' });
});

test('who acts: a delegation that lapsed before the workflow saw the command is refused delegation_expired', () => {
  const chosen = chooseActing(acting([plh()]), T0 + 8 * HOUR, rule('service_owner', 'koordinator'), roleOf('service_owner'));
  expect(chosen.refusal).toEqual({ code: 'delegation_expired', role: 'service_owner', delegation: 'd-1', until: new Date(T0 + 8 * HOUR).toISOString() });
});

test('a command that names its acting role (recorded before the workflow named it) is checked as it was', () => {
  const actor = acting([plh()]);
  const allow = rule('service_owner', 'koordinator');
  expect(actingOf({ actor, actingRole: 'service_owner' }, T0 + HOUR, allow, roleOf('technical_team'))).toEqual({ actor, actingRole: 'service_owner', refusal: null });
  expect(actingOf({ actor, actingRole: null }, T0 + HOUR, allow, roleOf('service_owner'))).toEqual({ actor, actingRole: null, refusal: null });
  expect(actingOf({ actor }, T0 + HOUR, allow, roleOf('service_owner')).actor.delegations).toEqual([plh()]);
});

test('property: an act is allowed exactly when own roles, or own roles and one delegation in force whose delegator may act, allow it', () => {
  const people = ['teknis', 'penyedia', 'koordinator', 'kadis'];
  const roles = ['technical_team', 'service_owner', 'service_coordinator'];
  const delegation = fc.record({
    roles: fc.subarray(roles, { minLength: 1 }), delegator: fc.constantFrom('penyedia', 'koordinator', 'kadis'),
    from: fc.integer({ min: -4, max: 4 }), length: fc.integer({ min: 1, max: 8 }),
  });
  fc.assert(fc.property(
    fc.subarray(roles), fc.array(delegation, { maxLength: 3 }), fc.constantFrom(...roles), fc.constantFrom(...people), fc.integer({ min: -2, max: 10 }),
    (own, grants, needed, initiator, hour) => {
      const ds = grants.map((g, i): ActingDelegation => ({
        id: `d-${i}`, kind: 'plh', delegator: { username: g.delegator, name: g.delegator }, roles: g.roles.filter((r) => !own.includes(r)),
        from: T0 + g.from * HOUR, until: T0 + (g.from + g.length) * HOUR,
      })).filter((d) => d.roles.length > 0);
      const actor: Actor = { username: 'teknis', name: 'Dewi', roles: [...own, ...new Set(ds.flatMap((d) => d.roles))], ...(ds.length ? { delegations: ds } : {}) };
      const now = T0 + hour * HOUR;
      const chosen = chooseActing(actor, now, rule(needed, initiator), roleOf(needed));
      const allows = (rs: string[], delegator: string | null) => rs.includes(needed) && initiator !== 'teknis' && delegator !== initiator;
      const expected = allows(own, null) || ds.some((d) => d.from <= now && now < d.until && !own.includes(needed) && allows([...own, ...d.roles], d.delegator.username));
      if ((chosen.refusal === null) !== expected) return false;
      if (chosen.refusal !== null) return true;
      // What is recorded is a real way to act: its roles and delegations are the actor's, and it passes the workflow's check.
      return chosen.actor.roles.every((r) => actor.roles.includes(r)) && (chosen.actor.delegations ?? []).length <= 1
        && refusalUnderDelegation(chosen.actor, chosen.actingRole, now, rule(needed, initiator)) === null;
    },
  ), { numRuns: 2000 });
});
