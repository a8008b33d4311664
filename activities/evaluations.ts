// Activities of the semester evaluation: figures, intake, publishing. Stub: implemented with issue 7.
import type { ActivityDeps } from './index.ts';

export function createEvaluationActivities(_deps: Pick<ActivityDeps, 'orm'>) {
  return {};
}

export type EvaluationActivities = ReturnType<typeof createEvaluationActivities>;
