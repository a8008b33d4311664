// STUB (owned by the continuity helper).
import type { ActivityDeps } from './index.ts';

export function createContinuityActivities(deps: ActivityDeps) {
  void deps;
  return {};
}
export type ContinuityActivities = ReturnType<typeof createContinuityActivities>;
