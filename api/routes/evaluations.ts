// STUB (owned by the evaluation helper): /evaluations, /improvements, /maturity.
import type { ApiDeps } from '../deps.ts';
import type { Registry } from '../http/routes.ts';

export function registerEvaluationRoutes(_registry: Registry, _deps: ApiDeps): void {}
