// Side effects of the continuity processes: settling a DRP version when its approval case decides
// (approving supersedes the previously approved version in the same transaction), and opening the
// yearly DRP exercise of a Kritis service as a `disaster` case in exercise mode (durable intake,
// keyed by service and year, so a retried or caught-up run opens it once).
import type { EntityManager } from '@mikro-orm/postgresql';
import { writeIntake } from '../db/intake.ts';
import { effectiveProfile } from '../policy/effectiveProfile.ts';
import { disasterSnapshot, newDisasterCase, type DisasterInput, type DisasterServiceRef } from '../policy/disaster.ts';
import type { Profile, ServiceClassification } from '../policy/profile.ts';
import type { BusinessCalendar } from '../policy/calendarTypes.ts';
import type { IntakeRow } from '../db/intake.ts';
import type { ActivityDeps } from './index.ts';

export interface SettleDrpVersionInput {
  tenantId: string;
  drpId: string;
  caseId: string;
  outcome: 'approved' | 'rejected' | 'withdrawn';
  by: string;
  at: number;
  note: string | null;
}

export interface OpenDrpExerciseInput { tenantId: string; serviceCode: string; scheduledAt: number }
export type OpenDrpExerciseResult =
  | { opened: true; caseId: string; number: string; workflowId: string; input: DisasterInput }
  | { opened: false; reason: 'no_disaster_section' | 'service_inactive' | 'no_continuity_plan' | 'drp_not_required' };

/** Marks a DRP version with its outcome; approving supersedes the approved version of the service. Idempotent. */
export async function settleDrpVersionIn(em: EntityManager, req: SettleDrpVersionInput): Promise<{ changed: boolean; superseded: string | null }> {
  let result = { changed: false, superseded: null as string | null };
  await em.transactional(async (tx) => {
    const [doc] = await tx.execute<Array<{ id: string; service_code: string; status: string }>>(
      'select id, service_code, status from drp_document where tenant_id = ? and id = ? for update', [req.tenantId, req.drpId]);
    if (!doc) throw new Error(`DRP ${req.drpId} not found in ${req.tenantId}`);
    if (doc.status !== 'pending') return; // settled already: a retry changes nothing
    let superseded: string | null = null;
    if (req.outcome === 'approved') {
      const rows = await tx.execute<Array<{ id: string }>>(
        `update drp_document set status = 'superseded' where tenant_id = ? and service_code = ? and status = 'approved' and id <> ? returning id`,
        [req.tenantId, doc.service_code, req.drpId]);
      superseded = rows[0]?.id ?? null;
    }
    await tx.execute(
      'update drp_document set status = ?, decided_by = ?, decided_at = ?, decision_note = ? where id = ?',
      [req.outcome, req.by, new Date(req.at).toISOString(), req.note, req.drpId]);
    result = { changed: true, superseded };
  });
  return result;
}

interface ServicePlanRow {
  code: string; name: { id: string; en: string }; classification: ServiceClassification; active: boolean;
  rto_ms: string | number | null; rpo_ms: string | number | null; has_plan: boolean; drp_id: string | null; drp_version: number | null;
}

/** A service with its continuity plan's RTO/RPO and its approved DRP: what a disaster case starts with. */
export async function serviceRefOf(em: EntityManager, tenantId: string, code: string): Promise<(DisasterServiceRef & { active: boolean; hasPlan: boolean }) | null> {
  const [row] = await em.execute<ServicePlanRow[]>(
    `select s.code, s.name, s.classification, s.active, p.rto_ms, p.rpo_ms, (p.service_code is not null) as has_plan, d.id as drp_id, d.version as drp_version
     from service s
     left join continuity_plan p on p.tenant_id = s.tenant_id and p.service_code = s.code
     left join drp_document d on d.tenant_id = s.tenant_id and d.service_code = s.code and d.status = 'approved'
     where s.tenant_id = ? and s.code = ?`, [tenantId, code]);
  if (!row) return null;
  return {
    code: row.code, name: row.name.id, classification: row.classification,
    rtoMs: row.rto_ms === null ? null : Number(row.rto_ms), rpoMs: row.rpo_ms === null ? null : Number(row.rpo_ms),
    drp: row.drp_id ? { id: row.drp_id, version: row.drp_version! } : null, active: row.active, hasPlan: row.has_plan,
  };
}

/** The title of a yearly exercise (Bahasa Indonesia; the case title is one language). */
export const exerciseTitle = (service: string, year: number) => `Uji coba DRP tahunan ${service} ${year}`;

/** The workflow input of a DRP exercise (a disaster case in exercise mode) for one service. */
export function exerciseInput(args: {
  caseId: string; number: string; at: number; calendar: BusinessCalendar; tenantId: string; profile: Profile; overrides: Record<string, unknown> | undefined;
  service: DisasterServiceRef; title: string; description: string; reporter: DisasterInput['reporter']; origin: DisasterInput['origin'];
}): DisasterInput {
  return {
    caseId: args.caseId, tenantId: args.tenantId, profileId: args.profile.id, profileOverrides: args.overrides, number: args.number,
    mode: 'exercise', title: args.title, description: args.description, occurredAt: args.at, startedAt: args.at, scenario: null,
    services: [args.service], origin: args.origin, reporter: args.reporter, calendar: args.calendar,
  };
}

/** The read-model row a disaster case (here: an exercise) starts with. */
export function exerciseIntakeRow(input: DisasterInput, profile: Profile): IntakeRow {
  const snap = disasterSnapshot(newDisasterCase(input, profile), profile, input.startedAt);
  return {
    serviceCode: input.services[0]?.code ?? null, title: input.title, state: snap.state, priority: null, requester: input.reporter.username,
    waitingFor: snap.waitingFor, sla: snap.sla, dueAt: snap.dueAt, data: snap.data as unknown as Record<string, unknown>, links: [],
  };
}

export function createContinuityActivities(deps: ActivityDeps) {
  const { orm } = deps;

  async function existing(tenantId: string, key: string) {
    const [row] = await orm.em.fork().execute<Array<{ case_id: string; workflow_id: string; number: string; body: { input: DisasterInput } }>>(
      `select s.case_id, s.workflow_id, c.number, s.body from submission s join sigap_case c on c.id = s.case_id
       where s.tenant_id = ? and s.principal = 'system' and s.idempotency_key = ?`, [tenantId, key]);
    return row ? { opened: true as const, caseId: row.case_id, number: row.number, workflowId: row.workflow_id, input: row.body.input } : null;
  }

  return {
    async settleDrpVersion(req: SettleDrpVersionInput): Promise<{ changed: boolean; superseded: string | null }> {
      return settleDrpVersionIn(orm.em.fork(), req);
    },

    /** The yearly DRP test of a Kritis service (serang C.3.5): a disaster case in exercise mode, once per service and year. */
    async openDrpExercise(req: OpenDrpExerciseInput): Promise<OpenDrpExerciseResult> {
      const em = orm.em.fork();
      const [tenant] = await em.execute<Array<{ profile_id: string; profile_overrides: Record<string, unknown> | null }>>(
        'select profile_id, profile_overrides from tenant where id = ?', [req.tenantId]);
      if (!tenant) throw new Error(`tenant ${req.tenantId} not found`);
      const profile = effectiveProfile(tenant.profile_id, tenant.profile_overrides);
      if (!profile.disaster) return { opened: false, reason: 'no_disaster_section' };
      const year = Number(new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: profile.timezone }).format(req.scheduledAt));
      const key = `drp-test:${req.serviceCode}:${year}`;
      const found = await existing(req.tenantId, key);
      if (found) return found;
      const service = await serviceRefOf(em, req.tenantId, req.serviceCode);
      if (!service || !service.active) return { opened: false, reason: 'service_inactive' };
      if (!service.hasPlan) return { opened: false, reason: 'no_continuity_plan' };
      const level = profile.classification?.levels.find((l) => l.id === service.classification);
      if (!level?.requiresDrp.value) return { opened: false, reason: 'drp_not_required' };
      const { active: _a, hasPlan: _h, ...ref } = service;
      const scheduleId = `drp-test:${req.tenantId}:${req.serviceCode}`;
      try {
        const written = await writeIntake<DisasterInput>(em, {
          kind: 'disaster', tenantId: req.tenantId, at: Date.now(), timezone: profile.timezone,
          input: ({ caseId, number, at, calendar }) => exerciseInput({
            caseId, number, at, calendar, tenantId: req.tenantId, profile, overrides: tenant.profile_overrides ?? undefined, service: ref,
            title: exerciseTitle(ref.code, year),
            description: `Uji coba DRP berkala layanan ${ref.name} (${ref.code}) tahun ${year}, dijadwalkan oleh Sigap (minimal satu kali setahun). / Yearly DRP exercise of ${ref.name}.`,
            reporter: { username: 'system', name: 'Sigap', role: null }, origin: { type: 'schedule', scheduleId },
          }),
          row: (input) => exerciseIntakeRow(input, profile),
          event: { actor: 'system', actorRole: 'system', payload: { mode: 'exercise', services: [ref.code], scheduleId, scheduledAt: new Date(req.scheduledAt).toISOString() } },
          submission: { idempotencyKey: key, principal: 'system', requestHash: key },
        });
        const [{ number } = { number: '' }] = await em.execute<Array<{ number: string }>>('select number from sigap_case where id = ?', [written.caseId]);
        return { opened: true, caseId: written.caseId, number, workflowId: written.workflowId, input: written.input };
      } catch (err) {
        const again = await existing(req.tenantId, key); // a concurrent attempt won the unique key
        if (again) return again;
        throw err;
      }
    },
  };
}
export type ContinuityActivities = ReturnType<typeof createContinuityActivities>;
