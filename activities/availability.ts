// STUB (owned by the availability helper).
import type { ActivityDeps } from './index.ts';

export function createAvailabilityActivities(deps: ActivityDeps) {
  void deps;
  return {};
}
export type AvailabilityActivities = ReturnType<typeof createAvailabilityActivities>;
