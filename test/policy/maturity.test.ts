// The maturity decision (policy/maturity.ts): each level of indicator 28 from its evidence, the
// profile's own levels (yogyakarta Tabel 14) or the policy constant, and the properties that make it
// trustworthy: more evidence never lowers the level, and a level counts only with every lower one.
import fc from 'fast-check';
import { assessMaturity, INDICATOR_28_LEVELS, maturityLevelsOf, regulatedProcesses, type MaturityEvidence } from '../../policy/maturity.ts';
import { getProfile } from '../../policy/profiles/index.ts';

const serang = getProfile('serang');
const yogyakarta = getProfile('yogyakarta');

function evidence(profile = serang, over: Partial<MaturityEvidence> = {}, cases: Record<string, number> = {}): MaturityEvidence {
  return {
    at: '2026-07-01T00:00:00.000Z', windowFrom: '2025-07-01T00:00:00.000Z',
    processes: regulatedProcesses(profile).map((p) => ({ ...p, cases: cases[p.process] ?? 0, lastCaseAt: cases[p.process] ? '2026-06-01T00:00:00.000Z' : null })),
    planning: { catalogueItems: 10, catalogueItemsWithTarget: 10, services: 4, servicesWithContinuityPlan: 2, priorityTargets: true },
    evaluations: { published: 0, lastPublishedAt: null, lastNumber: null },
    followUps: { total: 0, done: 0, open: 0, overdue: 0 },
    ...over,
  };
}

const allProcesses = (profile = serang) => Object.fromEntries(regulatedProcesses(profile).filter((p) => p.regulated).map((p) => [p.process, 3]));

test('the processes a profile regulates follow its sections: serang has no maintenance SOP, setwapres has one', () => {
  expect(regulatedProcesses(serang).filter((p) => !p.regulated).map((p) => p.process)).toEqual(['maintenance']);
  expect(regulatedProcesses(getProfile('setwapres')).find((p) => p.process === 'maintenance')!.regulated).toBe(true);
});

test('no cases at all: level 0, nothing met', () => {
  const a = assessMaturity(serang, evidence(serang, { planning: { catalogueItems: 0, catalogueItemsWithTarget: 0, services: 0, servicesWithContinuityPlan: 0, priorityTargets: false } }));
  expect(a.level).toBe(0);
  expect(a.levels.map((l) => l.met)).toEqual([false, false, false, false, false]);
});

test('level 1: cases but no plan (no catalogue targets)', () => {
  const a = assessMaturity(serang, evidence(serang, { planning: { catalogueItems: 3, catalogueItemsWithTarget: 0, services: 4, servicesWithContinuityPlan: 2, priorityTargets: true } }, { request: 5 }));
  expect(a.level).toBe(1);
  expect(a.levels[0]!.evidence[0]!.id).toBe('Proses dengan kasus dalam 12 bulan terakhir: request (5)');
});

test('level 2: planned; continuity plans required where the profile classifies services', () => {
  expect(assessMaturity(serang, evidence(serang, {}, { request: 5, incident: 2 })).level).toBe(2);
  const noPlans = evidence(serang, { planning: { catalogueItems: 10, catalogueItemsWithTarget: 10, services: 4, servicesWithContinuityPlan: 0, priorityTargets: true } }, { request: 5 });
  expect(assessMaturity(serang, noPlans).level).toBe(1);
  const kemenkeu = getProfile('kemenkeu'); // no classification table: continuity plans are not a condition
  expect(kemenkeu.classification).toBeNull();
  expect(assessMaturity(kemenkeu, { ...noPlans, processes: evidence(kemenkeu, {}, { request: 5 }).processes }).level).toBe(2);
});

test('level 3 lists the regulated processes without cases', () => {
  const some = assessMaturity(serang, evidence(serang, {}, { request: 5, incident: 2 }));
  expect(some.levels[2]!.met).toBe(false);
  expect(some.levels[2]!.evidence[0]!.en).toBe('Regulated processes without cases in the last 12 months: problem, change, release, disaster, availability');
  expect(assessMaturity(serang, evidence(serang, {}, allProcesses())).level).toBe(3);
});

test('level 4 needs a published evaluation; level 5 follow-ups done and none overdue', () => {
  const published = { published: 1, lastPublishedAt: '2026-01-20T00:00:00.000Z', lastNumber: 'EVL-2026-000001' };
  expect(assessMaturity(serang, evidence(serang, { evaluations: published }, allProcesses())).level).toBe(4);
  expect(assessMaturity(serang, evidence(serang, { evaluations: published, followUps: { total: 3, done: 2, open: 1, overdue: 0 } }, allProcesses())).level).toBe(5);
  expect(assessMaturity(serang, evidence(serang, { evaluations: published, followUps: { total: 3, done: 2, open: 1, overdue: 1 } }, allProcesses())).level).toBe(4);
  expect(assessMaturity(serang, evidence(serang, { evaluations: published, followUps: { total: 1, done: 0, open: 1, overdue: 0 } }, allProcesses())).level).toBe(4);
  // Follow-ups acted on without a published evaluation: level 5's criteria alone do not make level 5.
  const skipped = assessMaturity(serang, evidence(serang, { followUps: { total: 1, done: 1, open: 0, overdue: 0 } }, allProcesses()));
  expect(skipped.levels.map((l) => l.met)).toEqual([true, true, true, false, true]);
  expect(skipped.level).toBe(3);
});

test('levels come from the profile (yogyakarta Tabel 14) or from the indicator-28 constant', () => {
  expect(maturityLevelsOf(yogyakarta).map((l) => l.criteria.id)).toEqual(yogyakarta.evaluation.maturityLevels.map((l) => l.criteria.id));
  expect(assessMaturity(yogyakarta, evidence(yogyakarta)).source).toMatch(/^004_1d499493b3e12930\.txt .*Tabel 14/);
  expect(serang.evaluation.maturityLevels).toEqual([]);
  const a = assessMaturity(serang, evidence());
  expect(a.levels.map((l) => l.criteria)).toEqual(INDICATOR_28_LEVELS.map((l) => l.criteria));
  expect(a.source).toMatch(/PermenPANRB 59\/2020 indikator 28/);
});

// ---- properties ---------------------------------------------------------------------------------

const evidenceArb = fc.record({
  cases: fc.array(fc.nat({ max: 3 }), { minLength: 8, maxLength: 8 }),
  catalogueWithTarget: fc.nat({ max: 3 }),
  withPlan: fc.nat({ max: 3 }),
  priorityTargets: fc.boolean(),
  published: fc.nat({ max: 2 }),
  done: fc.nat({ max: 2 }),
  open: fc.nat({ max: 2 }),
  overdue: fc.nat({ max: 2 }),
});
type Gen = typeof evidenceArb extends fc.Arbitrary<infer T> ? T : never;

function build(profileId: string, g: Gen): MaturityEvidence {
  const profile = getProfile(profileId);
  const overdue = Math.min(g.overdue, g.open);
  return {
    at: '2026-07-01T00:00:00.000Z', windowFrom: '2025-07-01T00:00:00.000Z',
    processes: regulatedProcesses(profile).map((p, i) => ({ ...p, cases: g.cases[i]!, lastCaseAt: null })),
    planning: { catalogueItems: 3, catalogueItemsWithTarget: g.catalogueWithTarget, services: 3, servicesWithContinuityPlan: g.withPlan, priorityTargets: g.priorityTargets },
    evaluations: { published: g.published, lastPublishedAt: null, lastNumber: null },
    followUps: { total: g.done + g.open, done: g.done, open: g.open, overdue },
  };
}

/** `b` has at least the evidence of `a`: more cases, plans, evaluations and done follow-ups, no more overdue ones. */
const more = (a: Gen, d: Gen): Gen => ({
  cases: a.cases.map((c, i) => c + d.cases[i]!), catalogueWithTarget: a.catalogueWithTarget + d.catalogueWithTarget, withPlan: a.withPlan + d.withPlan,
  priorityTargets: a.priorityTargets || d.priorityTargets, published: a.published + d.published, done: a.done + d.done,
  open: a.open, overdue: Math.min(a.overdue, a.open) - Math.min(d.overdue, Math.min(a.overdue, a.open)),
});

test('property: more evidence never lowers the level', () => {
  fc.assert(fc.property(fc.constantFrom('serang', 'yogyakarta', 'dpr', 'kemenkeu', 'setwapres'), evidenceArb, evidenceArb, (id, a, d) => {
    const profile = getProfile(id);
    expect(assessMaturity(profile, build(id, more(a, d))).level).toBeGreaterThanOrEqual(assessMaturity(profile, build(id, a)).level);
  }), { numRuns: 300 });
});

test('property: the level is the longest run of met levels from 1', () => {
  fc.assert(fc.property(fc.constantFrom('serang', 'yogyakarta', 'dpr'), evidenceArb, (id, g) => {
    const a = assessMaturity(getProfile(id), build(id, g));
    expect(a.levels.slice(0, a.level).every((l) => l.met)).toBe(true);
    if (a.level < a.levels.length) expect(a.levels[a.level]!.met).toBe(false);
  }), { numRuns: 300 });
});
