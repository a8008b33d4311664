// STUB (owned by the availability helper): started by the monthly Schedule of a tenant.
export interface AvailabilityMonthInput { tenantId: string }

export async function availabilityMonth(input: AvailabilityMonthInput): Promise<{ caseId: string | null }> {
  return { caseId: input.tenantId ? null : null };
}
