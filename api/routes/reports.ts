// STUB (owned by the report-engine helper): GET /reports, GET /reports/{formulir}, /report-templates.
import type { ApiDeps } from '../deps.ts';
import type { Registry } from '../http/routes.ts';

export function registerReportRoutes(_registry: Registry, _deps: ApiDeps): void {}
