// STUB (owned by the disaster workflow helper).
import type { DisasterInput, DisasterSnapshot } from '../policy/disaster.ts';

export async function disaster(input: DisasterInput): Promise<DisasterSnapshot> {
  return { state: input.mode };
}
