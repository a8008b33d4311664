// STUB: provers of the disaster rules (replaced by the helper that builds them).
import type { Prover } from './provers.ts';

export const DISASTER_PROVERS: Array<{ pattern: RegExp; prover: Prover }> = [
  { pattern: /^disaster(\.|$)/, prover: { kind: 'pending', issue: 6, process: 'disaster' } },
];
