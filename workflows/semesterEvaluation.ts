// The semester evaluation (Formulir I). Stub: implemented with issue 7.
import type { EvaluationInput, EvaluationSnapshot } from '../policy/evaluation.ts';

export async function semesterEvaluation(input: EvaluationInput): Promise<EvaluationSnapshot> {
  return { state: 'opened', data: { number: input.number } };
}
