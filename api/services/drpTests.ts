// STUB (owned by the continuity helper): the yearly DRP-test Schedules of Kritis services.
import type { ApiDeps } from '../deps.ts';

export async function ensureDrpTestSchedules(deps: ApiDeps): Promise<Array<{ tenantId: string; scheduleId: string; created: boolean }>> {
  void deps;
  return [];
}
