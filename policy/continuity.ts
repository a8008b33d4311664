// STUB (owned by the continuity helper): replaced by the full pure rules.
import type { CaseInputBase } from './caseInput.ts';

export type DrpInput = CaseInputBase & Record<string, unknown>;
export type DrpCommand = { action: string } & Record<string, unknown>;
export type DrpCase = { input: DrpInput; state: string; seq: number };
export type DrpSnapshot = { state: string };
