// STUB (owned by the continuity helper): started by the yearly DRP-test Schedule of a Kritis service.
export interface DrpTestKickoffInput { tenantId: string; serviceCode: string }

export async function drpTestKickoff(input: DrpTestKickoffInput): Promise<{ caseId: string | null }> {
  return { caseId: input.serviceCode ? null : null };
}
