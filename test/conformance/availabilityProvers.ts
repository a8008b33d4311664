// STUB: provers of the availabilityReport rules (replaced by the helper that builds them).
import type { Prover } from './provers.ts';

export const AVAILABILITY_PROVERS: Array<{ pattern: RegExp; prover: Prover }> = [
  { pattern: /^availabilityReport(\.|$)/, prover: { kind: 'pending', issue: 6, process: 'availabilityReport' } },
];
