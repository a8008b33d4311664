// Request and response bodies of continuity management: the Formulir C registry (continuity plans),
// backup reports, DRP versions and their approval actions, and the yearly DRP-test Schedules.
import { z } from 'zod';
import { CONTINUITY_FLAGS, DRP_STATUSES, DURATION_UNITS, OPERATING_SCHEDULES } from '../../policy/continuity.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const instant = z.iso.datetime({ offset: true });

export const serviceParams = z.object({ service: z.string().trim().regex(/^[A-Z0-9-]{2,40}$/) });

const duration = z.strictObject({
  value: z.number().positive().describe('Besaran (> 0)'),
  unit: z.enum(DURATION_UNITS).describe('Satuan: minutes, hours, days'),
});

export const planBody = z.strictObject({
  availabilityTarget: z.number().min(0).max(100).multipleOf(0.01).describe('Target ketersediaan dalam persen, paling banyak 2 angka desimal (mis. 99.5)'),
  operatingSchedule: z.enum(OPERATING_SCHEDULES).describe('Waktu operasional yang dijanjikan: 24x7, 24x5 (Senin–Jumat), working_calendar (jam kerja kalender instansi)'),
  rto: duration.nullable().describe('Recovery Time Objective; wajib untuk klasifikasi yang mensyaratkannya (serang: Kritis)'),
  rpo: z.strictObject({ value: z.number().min(0), unit: z.enum(DURATION_UNITS) }).nullable().describe('Recovery Point Objective (0 = tanpa kehilangan data)'),
  notes: text(4000).optional(),
});
export type PlanBody = z.infer<typeof planBody>;

const drpView = z.object({
  status: z.enum(DRP_STATUSES), version: z.number().int().nullable(), approvedAt: z.string().nullable(), id: z.string().nullable(),
  pendingVersion: z.number().int().nullable(),
});

export const planSchema = z.object({
  service: z.string(), name: z.object({ id: z.string(), en: z.string() }), classification: z.string(),
  availabilityTarget: z.number().nullable().describe('Persen'), operatingSchedule: z.string().nullable(),
  rtoMs: z.number().int().nullable(), rpoMs: z.number().int().nullable(), notes: z.string().nullable(),
  version: z.number().int().nullable(), updatedBy: z.string().nullable(), updatedAt: z.string().nullable(),
  drp: drpView, flags: z.array(z.enum(CONTINUITY_FLAGS)),
  lastBackupAt: z.string().nullable(),
}).meta({ id: 'ContinuityPlan' });
export const planListSchema = z.object({ items: z.array(planSchema) }).meta({ id: 'ContinuityPlanList' });

export const backupBody = z.strictObject({
  backupAt: instant.describe('Waktu cadangan (backup) terakhir yang baik; tidak di masa depan'),
  note: text(2000).optional(),
});
export type BackupBody = z.infer<typeof backupBody>;
export const backupSchema = z.object({
  id: z.uuid(), service: z.string(), backupAt: z.string(), reportedBy: z.string(), source: z.enum(['manual', 'integration']),
  note: z.string().nullable(), reportedAt: z.string(),
}).meta({ id: 'BackupReport' });
export const backupListSchema = z.object({ items: z.array(backupSchema) }).meta({ id: 'BackupReportList' });

export const drpBody = z.strictObject({
  title: text(300).describe('Judul dokumen DRP'),
  recoveryActivities: text(20_000).describe('Aktivitas pemulihan (serang C.3.1 a)'),
  normalisationActivities: text(20_000).describe('Aktivitas normalisasi ke Pusat Data primer (serang C.3.1 b)'),
  documentId: z.uuid().optional().describe('Dokumen DRP lengkap yang diunggah lewat POST /documents'),
});
export type DrpBody = z.infer<typeof drpBody>;

export const drpVersionSchema = z.object({
  id: z.uuid(), service: z.string(), version: z.number().int(), title: z.string(), status: z.string(),
  recoveryActivities: z.string(), normalisationActivities: z.string(), documentId: z.string().nullable(),
  caseId: z.string().nullable(), caseNumber: z.string().nullable(), submittedBy: z.string(), submittedAt: z.string(),
  decidedBy: z.string().nullable(), decidedAt: z.string().nullable(), decisionNote: z.string().nullable(),
}).meta({ id: 'DrpVersion' });
export const drpVersionListSchema = z.object({ items: z.array(drpVersionSchema) }).meta({ id: 'DrpVersionList' });

export const drpActionBodies = {
  decide: z.strictObject({
    decision: z.enum(['approve', 'reject']),
    note: text(4000).optional().describe('Catatan keputusan'),
    comment: text(4000).optional().describe('Sama dengan `note` (POST /cases/{id}/decisions)'),
  }),
  withdraw: z.strictObject({ reason: text(4000).describe('Alasan menarik versi DRP (hanya penyusun)') }),
} as const;

export const drpTestBody = z.strictObject({
  title: text(300).optional().describe('Judul uji coba; bawaan "Uji coba DRP <layanan>"'),
  description: text(4000).optional(),
});
export type DrpTestBody = z.infer<typeof drpTestBody>;

export const drpTestScheduleSchema = z.object({
  scheduleId: z.string(), service: z.string(), exists: z.boolean(), timezone: z.string().nullable(),
  months: z.array(z.number().int()), dayOfMonth: z.number().int().nullable(), hour: z.number().int().nullable(),
  paused: z.boolean().nullable(), nextRuns: z.array(z.string()),
}).meta({ id: 'DrpTestSchedule' });
export const drpTestScheduleListSchema = z.object({
  frequency: z.object({ atLeast: z.number().int(), perMonths: z.number().int() }).nullable(), items: z.array(drpTestScheduleSchema),
}).meta({ id: 'DrpTestScheduleList' });
