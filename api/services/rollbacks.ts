// Failed rollbacks, administrators only: replay from the failed step, or close as resolved by hand with a
// written justification. Shared by the API (api/routes/admin.ts) and the console (web/pages/adminRollbacks.ts).
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../auth/principal.ts';
import type { ApiDeps } from '../deps.ts';
import type { Lang } from '../http/messages.ts';
import { problem } from '../http/problem.ts';
import { actOnCase, canSee, loadCaseRow } from './cases.ts';
import { requireAdministrator } from './releases.ts';

export type RollbackAction = 'replay_rollback' | 'resolve_rollback';

/**
 * Replays a failed rollback from its failed step (a new run, a new idempotency key) or closes it as
 * resolved by hand. Only for administrators; only while the release is in rollback_failed. The
 * timeline event records the administrator and, as its update id (`<admin>:request:<request id>`, or
 * the Idempotency-Key when one is sent), the request, so a retried request does not replay twice.
 */
export async function actOnRollback(
  deps: ApiDeps, principal: Principal, id: string, action: RollbackAction, body: { note: string } | { justification: string },
  ids: { requestId: string; idempotencyKey: string | null }, lang: Lang,
) {
  requireAdministrator(principal);
  const em = deps.orm.em.fork();
  const row = await loadCaseRow(em, principal.tenantId, id);
  if (row.case_type !== 'release' || !canSee(principal, row)) throw problem(404, 'case_not_found', { id });
  const key = ids.idempotencyKey ?? `request:${ids.requestId}`;
  if (row.state !== 'rollback_failed' && !(await alreadyApplied(em, row.id, `${principal.username}:${key}`))) {
    throw problem(409, 'rollback_not_failed', { state: row.state });
  }
  return actOnCase(deps, principal, row.id, action, body, key, lang);
}

async function alreadyApplied(em: EntityManager, caseId: string, updateId: string): Promise<boolean> {
  const [row] = await em.execute<unknown[]>(`select 1 from case_event where case_id = ? and payload->>'updateId' = ?`, [caseId, updateId]);
  return row !== undefined;
}
