// The scope grammar of API keys (api/auth/scopes.ts): `<process>:<operation>`, the old scopes as aliases,
// coarse route checks and fine checks per case; validation of the actions a scope names.
import { ProblemError } from '../../api/http/problem.ts';
import type { Principal } from '../../api/auth/principal.ts';
import { caseScope, hasScope, parseScope, readableCaseTypes, requireCaseScope, SCOPE_PROCESSES } from '../../api/auth/scopes.ts';
import { checkScopes } from '../../api/services/apiKeys.ts';
import { CASE_PREFIXES } from '../../db/intake.ts';

const key = (...scopes: string[]): Principal => ({ kind: 'apiKey', tenantId: 't', username: 'apikey:1', name: 'k', roles: [], scopes, apiKeyId: '1' });
const user: Principal = { kind: 'user', tenantId: 't', username: 'budi', name: 'Budi', roles: ['requester'] };
const refusal = (f: () => void) => {
  try { f(); } catch (err) { return err instanceof ProblemError ? [err.status, err.code, err.params] : err; }
  return 'allowed';
};

test('every case type has a scope process, and only those', () => {
  expect(SCOPE_PROCESSES).toHaveLength(Object.keys(CASE_PREFIXES).length);
  expect([...SCOPE_PROCESSES].sort()).toEqual(['availability', 'changes', 'disasters', 'drp', 'evaluations', 'incidents', 'maintenance', 'problems', 'releases', 'requests']);
  expect(caseScope('change', 'act', 'decide')).toBe('changes:act.decide');
  expect(caseScope('drp', 'read')).toBe('drp:read');
  expect(caseScope('incident', 'create', 'ignored')).toBe('incidents:create');
});

test('a process scope allows that process only; act.<action> that action only', () => {
  const k = key('incidents:create', 'changes:act.decide', 'problems:read');
  expect(hasScope(k, 'incidents:create')).toBe(true);
  expect(hasScope(k, 'changes:create')).toBe(false);
  expect(hasScope(k, 'changes:act.decide')).toBe(true);
  expect(hasScope(k, 'changes:act.cancel')).toBe(false);
  expect(hasScope(k, 'changes:act')).toBe(false); // one action is not every action
  expect(hasScope(k, 'releases:act.decide')).toBe(false);
  expect(hasScope(k, 'problems:read')).toBe(true);
  expect(hasScope(k, 'changes:read')).toBe(false);
  expect(refusal(() => requireCaseScope(k, 'change', 'act', 'cancel'))).toEqual([403, 'missing_scope', { scope: 'changes:act.cancel' }]);
  expect(refusal(() => requireCaseScope(k, 'change', 'act', 'decide'))).toBe('allowed');
});

test('wildcards: *, <process>:*, *:<operation>', () => {
  expect(hasScope(key('*'), 'evaluations:act.submit')).toBe(true);
  expect(hasScope(key('changes:*'), 'changes:create')).toBe(true);
  expect(hasScope(key('changes:*'), 'changes:act.decide')).toBe(true);
  expect(hasScope(key('changes:*'), 'releases:read')).toBe(false);
  expect(hasScope(key('*:read'), 'drp:read')).toBe(true);
  expect(hasScope(key('*:read'), 'drp:act.decide')).toBe(false);
  expect(hasScope(key('*:act.decide'), 'releases:act.decide')).toBe(true);
  expect(hasScope(key('*:act.decide'), 'releases:act.cancel')).toBe(false);
});

test('routes ask coarsely: cases:read is "some process may be read", cases:act "some action may be taken"', () => {
  expect(hasScope(key('incidents:read'), 'cases:read')).toBe(true);
  expect(hasScope(key('incidents:create'), 'cases:read')).toBe(false);
  expect(hasScope(key('changes:act.decide'), 'cases:act')).toBe(true);
  expect(hasScope(key('changes:read'), 'cases:act')).toBe(false);
});

test('the old scopes keep meaning what they allowed', () => {
  // cases:act took every action and opened the cases whose endpoints asked for it (not requests or incidents).
  for (const s of ['changes:create', 'problems:create', 'releases:create', 'disasters:create', 'drp:create', 'availability:create', 'evaluations:create', 'requests:act.cancel', 'changes:act']) {
    expect([s, hasScope(key('cases:act'), s)]).toEqual([s, true]);
  }
  for (const s of ['requests:create', 'incidents:create', 'maintenance:create', 'changes:read']) expect([s, hasScope(key('cases:act'), s)]).toEqual([s, false]);
  for (const p of SCOPE_PROCESSES) expect(hasScope(key('cases:read'), `${p}:read`)).toBe(true);
  expect(hasScope(key('cases:read'), 'requests:create')).toBe(false);
  expect(hasScope(key('incidents:create'), 'maintenance:create')).toBe(true); // maintenance reports used incidents:create
  expect(hasScope(key('incidents:create'), 'incidents:read')).toBe(false);
  expect(hasScope(key('cases:*'), 'cases:act')).toBe(true);
  expect(hasScope(key('cases:*'), 'requests:create')).toBe(false);
});

test('users are governed by roles, not scopes; a key without scopes may do nothing', () => {
  expect(hasScope(user, 'changes:act.decide')).toBe(true);
  expect(readableCaseTypes(user)).toBeNull();
  expect(hasScope(key(), 'cases:read')).toBe(false);
  expect(hasScope(key('nonsense', 'foo:read'), 'cases:read')).toBe(false); // unparseable stored scopes grant nothing
});

test('readable case types: null when every process may be read', () => {
  expect(readableCaseTypes(key('cases:read'))).toBeNull();
  expect(readableCaseTypes(key('*'))).toBeNull();
  expect(readableCaseTypes(key('incidents:read', 'changes:*', 'requests:create'))).toEqual(['incident', 'change']);
  expect(readableCaseTypes(key('requests:create'))).toEqual([]);
});

test('parsing and validation: unknown processes, operations and actions are named', () => {
  expect(parseScope('changes:act.decide')).toEqual([{ process: 'changes', operation: 'act', action: 'decide' }]);
  expect(parseScope('tickets:read')).toEqual({ scope: 'tickets:read', reason: 'unknown_process' });
  expect(parseScope('changes:write')).toEqual({ scope: 'changes:write', reason: 'unknown_operation' });
  expect(parseScope('cases:create')).toEqual({ scope: 'cases:create', reason: 'unknown_process' });
  for (const ok of ['*', 'cases:read', 'cases:act', 'requests:create', 'incidents:create', 'changes:act.decide', 'requests:act.cancel', 'drp:act', '*:act.decide', 'maintenance:act.complete_step', 'evaluations:*']) {
    expect([ok, refusal(() => checkScopes([ok]))]).toEqual([ok, 'allowed']);
  }
  for (const bad of ['changes:act.fly', 'maintenance:act.decide', '*:act.fly', 'changes', 'changes:', ':read', 'CHANGES:read', 'changes:read ']) {
    const r = refusal(() => checkScopes(['incidents:create', bad]));
    expect([bad, (r as unknown[])[0], (r as unknown[])[1], ((r as unknown[])[2] as { scope: string }).scope]).toEqual([bad, 400, 'unknown_scope', bad]);
  }
});
