// STUB (owned by the evaluation helper): each tenant's evaluation Schedule (1 January and 1 July).
import type { ApiDeps } from '../deps.ts';
import type { EnsuredSchedule } from './schedules.ts';

export async function ensureEvaluationSchedules(_deps: ApiDeps): Promise<EnsuredSchedule[]> {
  return [];
}
