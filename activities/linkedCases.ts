// Cases that open other cases. A request the service desk reclassifies as an incident (serang
// BAB IV B.2.4) gets an incident with the same durable intake as a reported one; the intake is
// keyed by the request, so a retried activity returns the incident it already wrote.
import type { MikroORM } from '@mikro-orm/postgresql';
import { writeIntake } from '../db/intake.ts';
import { effectiveProfile } from '../policy/effectiveProfile.ts';
import { incidentSnapshot, newIncidentCase, type IncidentInput } from '../policy/incident.ts';
import type { OpenLinkedIncidentInput } from './types.ts';

interface Existing { case_id: string; workflow_id: string; number: string; body: { input: IncidentInput } }

export function createLinkedCaseActivities(orm: MikroORM) {
  async function existing(tenantId: string, key: string): Promise<Existing | undefined> {
    const [row] = await orm.em.fork().execute<Existing[]>(
      `select s.case_id, s.workflow_id, c.number, s.body from submission s join sigap_case c on c.id = s.case_id
       where s.tenant_id = ? and s.principal = 'system' and s.idempotency_key = ?`, [tenantId, key]);
    return row;
  }
  const result = (e: Existing) => ({ caseId: e.case_id, number: e.number, workflowId: e.workflow_id, input: e.body.input });

  return {
    async openLinkedIncident(req: OpenLinkedIncidentInput) {
      const key = `reclassified:${req.from.caseId}`;
      const found = await existing(req.tenantId, key);
      if (found) return result(found);
      const em = orm.em.fork();
      const [tenant] = await em.execute<Array<{ profile_id: string; profile_overrides: Record<string, unknown> }>>('select profile_id, profile_overrides from tenant where id = ?', [req.tenantId]);
      if (!tenant) throw new Error(`tenant ${req.tenantId} not found`);
      const profile = effectiveProfile(tenant.profile_id, tenant.profile_overrides);
      try {
        const written = await writeIntake<IncidentInput>(em, {
          kind: 'incident', tenantId: req.tenantId, at: Date.now(), timezone: profile.timezone,
          input: ({ caseId, number, at, calendar }) => ({
            caseId, tenantId: req.tenantId, profileId: profile.id, profileOverrides: tenant.profile_overrides, number,
            reporter: req.reporter, channel: req.channel, category: req.incident.category, symptoms: req.symptoms, impact: req.incident.impact,
            service: req.incident.service, configurationItems: [], confirmationChannel: 'portal', security: false, reportedAt: at, calendar,
            origin: { type: req.from.type, id: req.from.caseId },
          }),
          row: (input) => {
            const snap = incidentSnapshot(newIncidentCase(input, profile), profile, input.reportedAt);
            return {
              serviceCode: input.service.code, title: `${input.service.name}: ${input.category}`, state: snap.state, priority: snap.priority,
              requester: input.reporter.username, waitingFor: snap.waitingFor, sla: snap.sla, dueAt: snap.dueAt,
              data: snap.formE as unknown as Record<string, unknown>,
              links: [{ type: req.from.type, id: req.from.caseId, number: req.from.number, relation: 'reclassified_from' }],
            };
          },
          event: { actor: req.actor, actorRole: profile.requestFulfilment.serviceDeskRole, payload: { reclassifiedFrom: req.from, ...req.incident } },
          submission: { idempotencyKey: key, principal: 'system', requestHash: key },
        });
        const [{ number } = { number: '' }] = await em.execute<Array<{ number: string }>>('select number from sigap_case where id = ?', [written.caseId]);
        return { caseId: written.caseId, number, workflowId: written.workflowId, input: written.input };
      } catch (err) {
        const again = await existing(req.tenantId, key); // a concurrent attempt won the unique key
        if (again) return result(again);
        throw err;
      }
    },
  };
}
