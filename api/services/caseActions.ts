// Which actions a person may take on a case now — for the console, which shows a button only when the
// server would accept it. It runs the very check actOnCase runs (the process's `check`, i.e. the
// workflow's own validator, own roles first, then each delegation in force), with a sample command per
// action. A refusal about who or when (403, 409: missing role, segregation of duties, not waiting) hides
// the action; a refusal about what was typed (400, 422: a rating out of range, a window in the past) does
// not, because the form's content decides it. actOnCase still checks everything when the form is sent.
import { WorkflowNotFoundError, isGrpcServiceError, type WorkflowHandle } from '@temporalio/client';
import { z } from 'zod';
import type { Principal } from '../auth/principal.ts';
import { requireCaseScope } from '../auth/scopes.ts';
import type { ApiDeps } from '../deps.ts';
import { isProblemError, type ProblemError } from '../http/problem.ts';
import { canSee, checkActing, loadCaseRow, refusalProblem } from './cases.ts';
import type { Profile } from '../../policy/profile.ts';
import { processOf, type ProcessModule } from './processes.ts';
import { loadTenant, profileOf } from './tenants.ts';

export interface AvailableAction {
  action: string;
  /** For an action with a `decision` choice (approve / reject …): the choices allowed now. */
  decisions?: string[];
}

/** The choices of a body's `decision` field, when it has one. */
export function decisionOptions(schema: z.ZodType | undefined): string[] | null {
  const shape = (schema as unknown as { shape?: Record<string, z.ZodType> } | undefined)?.shape;
  const decision = shape?.decision;
  return decision instanceof z.ZodEnum ? (decision.options as string[]) : null;
}

/** One workflow query per case however many actions are tried (every check asks the same query). */
function memoisedQueries(handle: WorkflowHandle): WorkflowHandle {
  const cache = new Map<unknown, Promise<unknown>>();
  const query = ((def: unknown, ...args: unknown[]) => {
    if (args.length > 0) return handle.query(def as string, ...args);
    if (!cache.has(def)) cache.set(def, handle.query(def as string));
    return cache.get(def);
  }) as WorkflowHandle['query'];
  return Object.assign(Object.create(handle) as WorkflowHandle, { query });
}

// Refusals answered 422 that no content can lift: with the sample naming someone else (below), a change's
// supervised exception is refused only where the rule allows none or the person may not supervise.
const NEVER_BY_CONTENT = new Set(['segregation_exception_not_allowed']);
const hides = (p: ProblemError) => p.status === 401 || p.status === 403 || p.status === 404 || p.status === 409 || NEVER_BY_CONTENT.has(p.code);
/** A person a sample command may name (grant_exception's `username`): never the one asking. */
const SOMEONE_ELSE = '\u0000someone-else';

async function allowed(process: ProcessModule, handle: WorkflowHandle, command: Record<string, unknown>, principal: Principal, profile: Profile): Promise<boolean> {
  try {
    const { refusal } = await checkActing(process, handle, command, principal, profile);
    if (!refusal) return true;
    return !hides(process.answer?.(refusal) ?? refusalProblem(refusal));
  } catch (err) {
    if (isProblemError(err)) return !hides(err);
    // A check that needs a field the sample command lacks (a window, a step): the content decides.
    if (err instanceof TypeError) return true;
    throw err;
  }
}

/**
 * The actions `principal` may take on the case now (`only`: try just these, e.g. the ones the case waits
 * for). A closed case, a case the person cannot see or a workflow that is gone allows none.
 */
export async function availableActions(deps: ApiDeps, principal: Principal, caseIdOrNumber: string, only?: readonly string[]): Promise<AvailableAction[]> {
  const row = await loadCaseRow(deps.orm.em.fork(), principal.tenantId, caseIdOrNumber);
  const process = processOf(row.case_type);
  if (!process || row.closed_at !== null || !canSee(principal, row)) return [];
  const profile = profileOf(await loadTenant(deps.orm.em.fork(), principal.tenantId));
  const handle = memoisedQueries(deps.temporal.workflow.getHandle(row.workflow_id));
  const candidates = Object.keys(process.bodies).filter((a) => !only || only.includes(a));
  const out: AvailableAction[] = [];
  try {
    for (const action of candidates) {
      try {
        requireCaseScope(principal, row.case_type, 'act', action);
      } catch {
        continue;
      }
      const choices = decisionOptions(process.bodies[action]);
      if (choices) {
        const decisions: string[] = [];
        for (const decision of choices) if (await allowed(process, handle, { action, decision }, principal, profile)) decisions.push(decision);
        if (decisions.length > 0) out.push({ action, decisions });
      } else if (await allowed(process, handle, { action, username: SOMEONE_ELSE }, principal, profile)) {
        out.push({ action });
      }
    }
  } catch (err) {
    // The workflow has ended (or cannot be asked): nothing to do on this case now.
    if (isGone(err)) return [];
    throw err;
  }
  return out;
}

function isGone(err: unknown): boolean {
  return err instanceof WorkflowNotFoundError || isGrpcServiceError(err);
}
