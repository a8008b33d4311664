// Reporting an application fault under a maintenance SOP (setwapres Bagian Kedua B): the report
// starts the SOP's first step; each step is then completed by its actor.
import { newSopCase, sopSnapshot, type SopInput } from '../../policy/maintenanceSop.ts';
import type { Principal } from '../auth/principal.ts';
import type { ApiDeps } from '../deps.ts';
import { problem } from '../http/problem.ts';
import type { CreateMaintenanceReportBody } from '../schemas/maintenance.ts';
import { intake, prepareIntake } from './intake.ts';
import { resolveOnBehalf } from './requests.ts';

export async function reportMaintenance(deps: ApiDeps, principal: Principal, body: CreateMaintenanceReportBody, idempotencyKey: string | null): Promise<{ caseId: string; created: boolean }> {
  const prep = await prepareIntake(deps, principal, body, idempotencyKey);
  if (prep.replayed) return prep.replayed;
  const { em, tenant, profile, requestHash } = prep;
  if (!profile.maintenanceSop) throw problem(422, 'no_maintenance_sop');
  const reporter = await resolveOnBehalf(em, principal, body.reporter, profile.requestFulfilment.serviceDeskRole);
  return intake<SopInput>(deps, principal, {
    kind: 'maintenance',
    input: ({ caseId, number, at, calendar }) => ({
      caseId, tenantId: principal.tenantId, profileId: profile.id, profileOverrides: tenant.profile_overrides, number,
      reporter, service: body.service, description: body.description, reportedAt: at, calendar,
    }),
    row: (input) => {
      const snap = sopSnapshot(newSopCase(input, profile), profile, input.reportedAt);
      return {
        serviceCode: null, title: `${body.service}: ${body.description.slice(0, 120)}`, state: snap.state, priority: null, requester: reporter.username,
        waitingFor: snap.waitingFor, sla: snap.sla, dueAt: snap.dueAt, data: snap.sop as unknown as Record<string, unknown>, links: [],
      };
    },
    event: { payload: { ...body, reporter: reporter.username }, actorRole: principal.apiKeyId ? 'integrator' : (reporter.username === principal.username ? 'reporter' : profile.requestFulfilment.serviceDeskRole) },
    searchService: null,
  }, idempotencyKey, requestHash, profile.timezone);
}
