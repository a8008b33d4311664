// The monthly availability report (Formulir F; serang BAB IV C.2.3–2.4): its intake with the month's
// figures (measured by db/availabilityMeasure.ts) and the stored Formulir F.
import type { MikroORM } from '@mikro-orm/postgresql';
import { measureMonth } from '../db/availabilityMeasure.ts';
import { writeIntake } from '../db/intake.ts';
import {
  availabilityReportRoles, availabilityReportSnapshot, monthLabel, newAvailabilityReportCase,
  type AvailabilityReportInput, type FormulirF,
} from '../policy/availabilityReport.ts';
import { formulirFModel } from '../reports/models/availability.ts';
import { effectiveProfile } from '../policy/effectiveProfile.ts';
import { derivedDocumentId, storeReportDocument } from './documents.ts';
import type { ActivityDeps } from './index.ts';

export const AVAILABILITY_DOCUMENT_KIND = 'availability_report';

// ---- the report's intake ------------------------------------------------------------------------

export interface OpenAvailabilityReportInput {
  tenantId: string;
  month: string;
  trigger: 'schedule' | 'manual';
  requestedBy?: { username: string; name: string; role: string } | null;
  /** The measurement instant (open outages end here); default now. */
  at?: number;
}
export interface OpenedAvailabilityReport { caseId: string; number: string; workflowId: string; input: AvailabilityReportInput; created: boolean }

interface Existing { case_id: string; workflow_id: string; number: string; body: { input: AvailabilityReportInput } }

/**
 * Writes the intake of the month's `availability` case once (idempotency key `availability:<YYYY-MM>`,
 * principal 'system'): a second call for the month returns the case already written.
 */
export async function openAvailabilityReportIntake(orm: MikroORM, req: OpenAvailabilityReportInput): Promise<OpenedAvailabilityReport> {
  const key = `availability:${req.month}`;
  const existing = async (): Promise<Existing | undefined> => (await orm.em.fork().execute<Existing[]>(
    `select s.case_id, s.workflow_id, c.number, s.body from submission s join sigap_case c on c.id = s.case_id
     where s.tenant_id = ? and s.principal = 'system' and s.idempotency_key = ?`, [req.tenantId, key]))[0];
  const result = (e: Existing): OpenedAvailabilityReport => ({ caseId: e.case_id, number: e.number, workflowId: e.workflow_id, input: e.body.input, created: false });
  const found = await existing();
  if (found) return result(found);
  const em = orm.em.fork();
  const [tenant] = await em.execute<Array<{ profile_id: string; profile_overrides: Record<string, unknown> | null }>>('select profile_id, profile_overrides from tenant where id = ?', [req.tenantId]);
  if (!tenant) throw new Error(`tenant ${req.tenantId} not found`);
  const profile = effectiveProfile(tenant.profile_id, tenant.profile_overrides ?? undefined);
  if (!profile.availabilityReport) throw new Error(`profile ${profile.id} has no availability report`);
  const at = req.at ?? Date.now();
  const measured = await measureMonth(em, req.tenantId, req.month, null, at, 12);
  const label = monthLabel(req.month);
  const roles = availabilityReportRoles(profile);
  try {
    const written = await writeIntake<AvailabilityReportInput>(em, {
      kind: 'availability', tenantId: req.tenantId, at, timezone: profile.timezone,
      input: ({ caseId, number, at: openedAt, calendar }) => ({
        caseId, tenantId: req.tenantId, profileId: profile.id, profileOverrides: tenant.profile_overrides ?? undefined, number,
        month: req.month, period: measured.period, services: measured.services, trigger: req.trigger,
        requestedBy: req.requestedBy ? { username: req.requestedBy.username, name: req.requestedBy.name } : null, openedAt, calendar,
      }),
      row: (input) => {
        const snap = availabilityReportSnapshot(newAvailabilityReportCase(input, profile), profile, input.openedAt);
        return {
          serviceCode: null, title: `Laporan Ketersediaan Layanan ${label.id} / Service availability report ${label.en}`, state: snap.state, priority: null,
          requester: req.requestedBy?.username ?? 'system', waitingFor: snap.waitingFor, sla: snap.sla, dueAt: snap.dueAt,
          data: snap.data as unknown as Record<string, unknown>, links: [],
        };
      },
      event: {
        actor: req.requestedBy?.username ?? 'system', actorRole: req.requestedBy?.role ?? roles.preparedBy,
        payload: { month: req.month, trigger: req.trigger, services: measured.services.length },
      },
      submission: { idempotencyKey: key, principal: 'system', requestHash: key },
    });
    const [{ number } = { number: '' }] = await em.execute<Array<{ number: string }>>('select number from sigap_case where id = ?', [written.caseId]);
    return { caseId: written.caseId, number, workflowId: written.workflowId, input: written.input, created: true };
  } catch (err) {
    const again = await existing(); // a concurrent attempt won the unique key
    if (again) return result(again);
    throw err;
  }
}

// ---- Formulir F ---------------------------------------------------------------------------------

/** The id of a report's Formulir F: derived from the case, so a retried activity finds the one it stored. */
export function formulirFDocumentId(caseId: string): string {
  return derivedDocumentId('formulir-f', caseId);
}

// ---- the activities -------------------------------------------------------------------------------

export function createAvailabilityActivities(deps: Pick<ActivityDeps, 'orm'>, now: () => number = Date.now) {
  const orm = deps.orm;
  return {
    /** The month's `availability` case, written once; the workflow then starts it as a child. */
    async openAvailabilityReport(req: OpenAvailabilityReportInput): Promise<OpenedAvailabilityReport> {
      return openAvailabilityReportIntake(orm, req);
    },

    /** Renders Formulir F and stores it as the case's document (kind availability_report); a retry returns the stored one. */
    async renderFormulirF(req: { tenantId: string; caseId: string; number: string; report: FormulirF }): Promise<{ documentId: string; sha256: string }> {
      return storeReportDocument(orm, {
        tenantId: req.tenantId, caseId: req.caseId, documentId: formulirFDocumentId(req.caseId), kind: AVAILABILITY_DOCUMENT_KIND, now: now(),
        build: (_em, tenant) => formulirFModel(req.report, { regulation: effectiveProfile(tenant.profile_id, tenant.profile_overrides ?? undefined).regulation.title }),
      });
    },
  };
}
export type AvailabilityActivities = ReturnType<typeof createAvailabilityActivities>;
