// Started by a tenant's evaluation Schedule (1 January and 1 July). Stub: implemented with issue 7.
export interface EvaluationKickoffInput {
  tenantId: string;
  timezone?: string | undefined;
}

export async function evaluationKickoff(input: EvaluationKickoffInput): Promise<{ caseId: string | null; tenantId: string }> {
  return { caseId: null, tenantId: input.tenantId };
}
