// STUB: provers of the classification.levels rules (replaced by the helper that builds them).
import type { Prover } from './provers.ts';

export const CONTINUITY_PROVERS: Array<{ pattern: RegExp; prover: Prover }> = [
  { pattern: /^classification\.levels(\.|$)/, prover: { kind: 'pending', issue: 6, process: 'classification.levels' } },
];
