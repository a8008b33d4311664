// What every case's workflow input starts with: its identity and the profile it runs under.

export interface CaseInputBase {
  caseId: string;
  tenantId: string;
  profileId: string;
  /** The tenant's overrides of its profile when the case started. */
  profileOverrides?: Record<string, unknown> | undefined;
  number: string;
}
