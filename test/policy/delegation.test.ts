// The pure rules of acting under a delegation (Plt./Plh.): a delegated role works from `from`
// (inclusive) until `until` (exclusive) at the workflow's clock, an own role is never "under
// delegation", and segregation of duties holds for the delegator too — with the real change rules.
import fc from 'fast-check';
import { actorAt, delegationFor, delegationRecord, refusalUnderDelegation, type ActingDelegation } from '../../policy/delegation.ts';
import { changeRefusal, newChangeCase, type ChangeInput } from '../../policy/change.ts';
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
