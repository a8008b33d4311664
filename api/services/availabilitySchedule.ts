// STUB (owned by the availability helper): the monthly availability-report Schedule of each tenant.
import type { ApiDeps } from '../deps.ts';

export async function ensureAvailabilityReportSchedules(deps: ApiDeps): Promise<Array<{ tenantId: string; scheduleId: string; created: boolean }>> {
  void deps;
  return [];
}
