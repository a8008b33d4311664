// The common start of a process module's check(): the case's in-workflow state, the profile it
// started with, and the same pure refusal the workflow's validator runs. A refusal only this process
// has is thrown as its own problem+json; the shared ones (missing_role, not_waiting_for_action,
// case_closed) go back to actOnCase, which answers them alike for every process (403, 409).
import type { WorkflowHandle } from '@temporalio/client';
import type { QueryDefinition } from '@temporalio/common';
import { effectiveProfile } from '../../policy/effectiveProfile.ts';
import type { Profile } from '../../policy/profile.ts';
import type { ProblemError } from '../http/problem.ts';
import type { AnyRefusal } from './processes.ts';

interface CaseWithProfile { input: { profileId: string; profileOverrides?: Record<string, unknown> | undefined } }

export async function checkCase<K extends CaseWithProfile, R>(
  handle: WorkflowHandle, query: QueryDefinition<K>, refuse: (kase: K, profile: Profile) => R | null, ownAnswer: (refusal: R) => ProblemError | null,
): Promise<{ kase: K; profile: Profile; refusal: AnyRefusal | null }> {
  const kase = await handle.query(query);
  const profile = effectiveProfile(kase.input.profileId, kase.input.profileOverrides);
  const refusal = refuse(kase, profile);
  if (refusal) {
    const own = ownAnswer(refusal);
    if (own) throw own;
  }
  return { kase, profile, refusal: refusal as unknown as AnyRefusal | null };
}
