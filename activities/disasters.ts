// STUB (owned by the disasters helper).
import type { ActivityDeps } from './index.ts';

export function createDisasterActivities(deps: ActivityDeps) {
  void deps;
  return {};
}
export type DisasterActivities = ReturnType<typeof createDisasterActivities>;
