// Reporting an incident (Formulir E; serang BAB IV B.3.6): the affected service's type and
// classification with the impact give the priority (Tabel 4.4), which sets the clocks.
import type { EntityManager } from '@mikro-orm/postgresql';
import { findService } from '../../db/services.ts';
import { incidentSnapshot, newIncidentCase, type IncidentInput } from '../../policy/incident.ts';
import type { Principal } from '../auth/principal.ts';
import type { ApiDeps } from '../deps.ts';
import { problem } from '../http/problem.ts';
import type { CreateIncidentBody } from '../schemas/incidents.ts';
import { intake, prepareIntake } from './intake.ts';
import type { Person } from '../../policy/requestFulfilment.ts';
import { resolveOnBehalf } from './requests.ts';

export interface OpenIncidentOptions {
  /**
   * The reporter, decided by the caller instead of `body.reporter`: alert intake passes the
   * integration itself (`apikey:<id>`, the key's name) — nobody reported a monitoring incident.
   */
  reporter?: Person;
  /** Extra writes in the intake transaction (alert intake: the alert's fingerprint row). */
  alsoWrite?: (tx: EntityManager, input: IncidentInput) => Promise<void>;
}

export async function openIncident(deps: ApiDeps, principal: Principal, body: CreateIncidentBody, idempotencyKey: string | null, origin: IncidentInput['origin'] = null, options: OpenIncidentOptions = {}): Promise<{ caseId: string; created: boolean }> {
  const prep = await prepareIntake(deps, principal, body, idempotencyKey);
  if (prep.replayed) return prep.replayed;
  const { em, tenant, profile, requestHash } = prep;
  const reporter = options.reporter ?? await resolveOnBehalf(em, principal, body.reporter, profile.requestFulfilment.serviceDeskRole);
  const service = await findService(em, principal.tenantId, body.service);
  if (!service || !service.active) throw problem(422, 'unknown_service', { code: body.service });
  if (body.maintenance) {
    const support = profile.maintenanceSupport;
    if (!support) throw problem(422, 'no_maintenance_support');
    if (!support.urgencyLevels.some((u) => u.level === body.maintenance!.urgency)) throw problem(422, 'unknown_urgency', { urgency: body.maintenance.urgency, levels: support.urgencyLevels.map((u) => u.level) });
  }
  const unknownItems = body.configurationItems.filter((ci) => !service.configurationItems.includes(ci));
  if (unknownItems.length) throw problem(422, 'unknown_configuration_item', { items: unknownItems, service: service.code });

  return intake<IncidentInput>(deps, principal, {
    kind: 'incident',
    input: ({ caseId, number, at, calendar }) => ({
      caseId, tenantId: principal.tenantId, profileId: profile.id, profileOverrides: tenant.profile_overrides, number,
      reporter, channel: body.channel, category: body.category, symptoms: body.symptoms, impact: body.impact,
      service: { code: service.code, name: service.name.id, serviceType: service.nature, classification: service.classification },
      configurationItems: body.configurationItems, confirmationChannel: body.confirmationChannel, security: body.security,
      reportedAt: at, calendar, origin, maintenance: body.maintenance ?? null,
    }),
    row: (input) => {
      const snap = incidentSnapshot(newIncidentCase(input, profile), profile, input.reportedAt);
      return {
        serviceCode: service.code, title: `${service.name.id}: ${body.category}`, state: snap.state, priority: snap.priority, requester: reporter.username,
        waitingFor: snap.waitingFor, sla: snap.sla, dueAt: snap.dueAt, data: snap.formE as unknown as Record<string, unknown>,
        links: origin ? [{ type: origin.type, id: origin.id, relation: 'origin' }] : [],
      };
    },
    event: {
      payload: { ...body, reporter: reporter.username },
      actorRole: principal.apiKeyId ? 'integrator' : (reporter.username === principal.username ? 'reporter' : profile.requestFulfilment.serviceDeskRole),
    },
    ...(options.alsoWrite ? { alsoWrite: options.alsoWrite } : {}),
    searchService: service.code,
  }, idempotencyKey, requestHash, profile.timezone);
}
