// Provers of the evaluation.* rules (issue 7). Stub: pending until the evaluation is built.
import type { Prover } from './provers.ts';

export const EVALUATION_PROVERS: Array<{ pattern: RegExp; prover: Prover }> = [
  { pattern: /^evaluation\./, prover: { kind: 'pending', issue: 7, process: 'semester evaluation and reports' } },
];
