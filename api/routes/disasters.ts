// STUB (owned by the disasters helper).
import type { ApiDeps } from '../deps.ts';
import type { Registry } from '../http/routes.ts';

export function registerDisasterRoutes(registry: Registry, deps: ApiDeps): void {
  void registry; void deps;
}
