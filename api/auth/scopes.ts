// What an integrator's API key may do: its scopes (users are governed by their roles instead).
//
// Grammar: `<process>:<operation>` — process is one of the case processes (PROCESS_OF_CASE_TYPE) or `*`;
// operation is `read`, `create`, `act` (every action), `act.<action>` (one action) or `*`. A bare `*`
// allows everything. The scopes of the first keys keep working as aliases (LEGACY_SCOPES) and mean
// exactly what they allowed before: `cases:read`, `cases:act`, `requests:create`, `incidents:create`.
import type { CaseType } from '../../db/intake.ts';
import { forbidden } from '../http/problem.ts';
import type { Principal } from './principal.ts';

/** The scope name of each case type's process (plural where the API speaks of them in the plural). */
export const PROCESS_OF_CASE_TYPE = {
  request: 'requests', incident: 'incidents', problem: 'problems', change: 'changes', release: 'releases',
  disaster: 'disasters', drp: 'drp', maintenance: 'maintenance', availability: 'availability', evaluation: 'evaluations',
} as const satisfies Record<CaseType, string>;

export type ScopeProcess = (typeof PROCESS_OF_CASE_TYPE)[CaseType];
export const SCOPE_PROCESSES = Object.values(PROCESS_OF_CASE_TYPE) as ScopeProcess[];
export const SCOPE_OPERATIONS = ['read', 'create', 'act'] as const;
export type ScopeOperation = (typeof SCOPE_OPERATIONS)[number];

/** One permission a scope grants: a process (or every one) and an operation (or every one); `action` narrows `act`. */
export interface Grant { process: ScopeProcess | '*'; operation: ScopeOperation | '*'; action?: string }

/** In a route's required scope, `cases` stands for "some process": the route then narrows it per case. */
const ANY_PROCESS = 'cases';

// The old `cases:act` also let keys open the cases whose endpoints asked for it (everything but requests,
// incidents and maintenance reports); `incidents:create` also let them report maintenance faults.
const OLD_ACT_CREATES: ScopeProcess[] = ['problems', 'changes', 'releases', 'disasters', 'drp', 'availability', 'evaluations'];
const CASES_READ: Grant[] = [{ process: '*', operation: 'read' }];
const CASES_ACT: Grant[] = [{ process: '*', operation: 'act' }, ...OLD_ACT_CREATES.map((process): Grant => ({ process, operation: 'create' }))];
export const LEGACY_SCOPES: Readonly<Record<string, Grant[]>> = {
  'cases:read': CASES_READ,
  'cases:act': CASES_ACT,
  'cases:*': [...CASES_READ, ...CASES_ACT],
  'incidents:create': [{ process: 'incidents', operation: 'create' }, { process: 'maintenance', operation: 'create' }],
};

const SCOPE_PATTERN = /^([a-z*]+):(read|create|act|\*|act\.([a-z_]+))$/;

export type ScopeProblem = { scope: string; reason: 'unknown_process' | 'unknown_operation' | 'unknown_action' };

/**
 * The grants of one scope string, or why it is not a scope. `actionsOf` (when given) names the actions of a
 * process so `act.<action>` is checked too; without it any action name is accepted (reading stored keys).
 */
export function parseScope(scope: string, actionsOf?: (process: ScopeProcess | '*') => readonly string[]): Grant[] | ScopeProblem {
  if (scope === '*') return [{ process: '*', operation: '*' }];
  const legacy = LEGACY_SCOPES[scope];
  if (legacy) return legacy;
  const m = SCOPE_PATTERN.exec(scope);
  if (!m) return { scope, reason: 'unknown_operation' };
  const process = m[1] as string;
  if (process !== '*' && !(SCOPE_PROCESSES as string[]).includes(process)) return { scope, reason: 'unknown_process' };
  const action = m[3];
  if (action !== undefined) {
    if (actionsOf && !actionsOf(process as ScopeProcess | '*').includes(action)) return { scope, reason: 'unknown_action' };
    return [{ process: process as ScopeProcess | '*', operation: 'act', action }];
  }
  return [{ process: process as ScopeProcess | '*', operation: m[2] as ScopeOperation | '*' }];
}

/** The grants of a principal's scopes (unparseable stored scopes grant nothing). */
export function grantsOf(principal: Principal): Grant[] {
  return (principal.scopes ?? []).flatMap((s) => {
    const parsed = parseScope(s);
    return Array.isArray(parsed) ? parsed : [];
  });
}

interface Need { process: ScopeProcess | typeof ANY_PROCESS; operation: ScopeOperation; action?: string | undefined }

function allows(g: Grant, need: Need): boolean {
  if (g.process !== '*' && need.process !== ANY_PROCESS && g.process !== need.process) return false;
  if (g.operation === '*') return true;
  if (g.operation !== need.operation) return false;
  // `act.decide` covers that action only; a route that does not know the case yet asks for "some action".
  return g.action === undefined || g.action === need.action || (need.action === undefined && need.process === ANY_PROCESS);
}

function needOf(scope: string): Need {
  const m = SCOPE_PATTERN.exec(scope);
  const operation = m?.[2]?.startsWith('act') ? 'act' : m?.[2];
  if (!m || !(SCOPE_OPERATIONS as readonly string[]).includes(operation ?? '')) throw new Error(`not a required scope: ${scope}`);
  return { process: m[1] as Need['process'], operation: operation as ScopeOperation, action: m[3] };
}

/**
 * Whether an API key may do `scope`. A route asks coarsely ('cases:read': some process may be read,
 * 'cases:act': some action may be taken) or precisely ('requests:create', 'changes:act.decide').
 * Users are not limited by scopes (their roles govern them).
 */
export function hasScope(principal: Principal, scope: string): boolean {
  if (principal.kind !== 'apiKey') return true;
  const need = needOf(scope);
  return grantsOf(principal).some((g) => allows(g, need));
}

/** Throws 403 missing_scope unless `hasScope`. */
export function requireScope(principal: Principal, scope: string): void {
  if (!hasScope(principal, scope)) throw forbidden('missing_scope', { scope });
}

/** The scope that allows `operation` (with `action`) on a case of this type, e.g. 'changes:act.decide'. */
export function caseScope(caseType: string, operation: ScopeOperation, action?: string): string {
  const process = PROCESS_OF_CASE_TYPE[caseType as CaseType] ?? caseType;
  return `${process}:${operation}${operation === 'act' && action ? `.${action}` : ''}`;
}

/** Throws 403 missing_scope (naming the scope) unless the principal may do this to a case of this type. */
export function requireCaseScope(principal: Principal, caseType: string, operation: ScopeOperation, action?: string): void {
  requireScope(principal, caseScope(caseType, operation, action));
}

/** The case types a principal may read; null when not limited (users, keys that read every process). */
export function readableCaseTypes(principal: Principal): CaseType[] | null {
  if (principal.kind !== 'apiKey') return null;
  const types = (Object.keys(PROCESS_OF_CASE_TYPE) as CaseType[]).filter((t) => hasScope(principal, caseScope(t, 'read')));
  return types.length === SCOPE_PROCESSES.length ? null : types;
}
