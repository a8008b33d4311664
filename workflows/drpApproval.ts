// STUB (owned by the continuity helper).
import type { DrpInput, DrpSnapshot } from '../policy/continuity.ts';

export async function drpApproval(input: DrpInput): Promise<DrpSnapshot> {
  return { state: input.number };
}
