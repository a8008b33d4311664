// STUB (owned by the continuity helper).
import type { ApiDeps } from '../deps.ts';
import type { Registry } from '../http/routes.ts';

export function registerContinuityRoutes(registry: Registry, deps: ApiDeps): void {
  void registry; void deps;
}
