// One test per regulated number of every profile: `npm run conformance` prints them by seed.
// Title: `<seed> | <section> | <profile> <label> = <value> | <verdict>`.
import { profiles } from '../../policy/profiles/index.ts';
import { listRegulatedNumbers, type RegulatedValue } from '../../policy/profileNumbers.ts';
import { PendingRole, proverFor } from './provers.ts';

const compact = (v: unknown) => {
  const text = JSON.stringify(v) ?? 'null';
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
};
const seedOf = (r: RegulatedValue) => ('seed' in r.source ? r.source.seed : 'Sigap defaults');
const sectionOf = (r: RegulatedValue) => ('seed' in r.source ? r.source.section : r.source.sigapDefault);

for (const profile of Object.values(profiles)) {
  describe(profile.id, () => {
    for (const rule of listRegulatedNumbers(profile)) {
      const head = `${seedOf(rule)} | ${sectionOf(rule).replace(/\|/g, '/')} | ${profile.id} ${rule.label} = ${compact(rule.value).replace(/\|/g, '/')}`;
      const prover = proverFor(rule.path);
      if (!prover) {
        test(`${head} | NO PROVING TEST`, () => { throw new Error(`no prover for ${rule.path}: add one to test/conformance/provers.ts`); });
      } else if (prover.kind === 'pending') {
        test(`${head} | pending: issue #${prover.issue} (${prover.process})`, () => { expect(prover.issue).toBeGreaterThan(3); });
      } else {
        let verdict = prover.name;
        try {
          prover.prove(profile, rule);
        } catch (err) {
          if (!(err instanceof PendingRole)) {
            test(`${head} | FAILED ${prover.name}`, () => { throw err; });
            continue;
          }
          verdict = 'pending: issues #4–#7 (used by processes not built yet)';
        }
        test(`${head} | ${verdict}`, () => { expect(verdict).toBeTruthy(); });
      }
    }
  });
}
