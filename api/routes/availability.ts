// STUB (owned by the availability helper).
import type { ApiDeps } from '../deps.ts';
import type { Registry } from '../http/routes.ts';

export function registerAvailabilityRoutes(registry: Registry, deps: ApiDeps): void {
  void registry; void deps;
}
