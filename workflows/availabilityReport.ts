// STUB (owned by the availability helper).
import type { AvailabilityReportInput, AvailabilityReportSnapshot } from '../policy/availabilityReport.ts';

export async function availabilityReport(input: AvailabilityReportInput): Promise<AvailabilityReportSnapshot> {
  return { state: input.number };
}
