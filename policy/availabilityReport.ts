// STUB (owned by the availability helper): replaced by the full pure rules.
import type { CaseInputBase } from './caseInput.ts';

export type AvailabilityReportInput = CaseInputBase & Record<string, unknown>;
export type AvailabilityReportCommand = { action: string } & Record<string, unknown>;
export type AvailabilityReportCase = { input: AvailabilityReportInput; state: string; seq: number };
export type AvailabilityReportSnapshot = { state: string };
