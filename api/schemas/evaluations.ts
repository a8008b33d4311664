// Request and response bodies of the semester evaluation (serang BAB IV E, Formulir I), the
// improvement register (follow-up actions; dpr Pasal 23) and the maturity assessment (indicator 28).
import { z } from 'zod';

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe('Tanggal lokal YYYY-MM-DD');
const roleId = z.string().regex(/^[a-z_]+$/).max(60);
const idRef = z.string().regex(/^[a-z0-9_]+$/).max(60);

export const openEvaluationBody = z.strictObject({
  period: z.string().regex(/^\d{4}(-S[12])?$/).optional().describe('Periode: 2026-S1 (Januari–Juni), 2026-S2 (Juli–Desember) atau 2026 (setahun)'),
  from: localDate.optional().describe('Awal periode (tanggal lokal), bersama `to`, sebagai ganti `period`'),
  to: localDate.optional().describe('Akhir periode (tanggal lokal, termasuk)'),
});
export type OpenEvaluationBody = z.infer<typeof openEvaluationBody>;

export const evaluationListQuery = z.object({
  state: z.enum(['analysing', 'approving', 'published', 'cancelled']).optional(),
});

const followUp = z.strictObject({
  description: z.string().trim().min(3).max(2000).describe('Tindak lanjut penyempurnaan (serang E.2.3 c)'),
  ownerRole: roleId.optional().describe('Peran penanggung jawab (peran dalam profil)'),
  dueOn: localDate.optional().describe('Batas waktu, setelah akhir periode'),
});

export const evaluationActionBodies = {
  submit_analysis: z.strictObject({
    chapter: z.string().trim().min(1).max(20).describe('Bab evaluasi (mis. A, B, C, D, E)'),
    obstacles: z.string().trim().max(8000).default('').describe('Hambatan yang mengakibatkan tidak tercapainya target; wajib bila angka bab menunjukkan target tidak tercapai (serang E.2.3 b)'),
    improvements: z.string().trim().max(8000).default('').describe('Peluang penyempurnaan kerangka kerja'),
    followUps: z.array(followUp).max(50).optional().describe('Tindak lanjut yang akan dilakukan; menjadi tindak lanjut terlacak saat laporan diterbitkan'),
  }),
  approve: z.strictObject({ note: z.string().trim().max(4000).optional().describe('Catatan persetujuan') }),
  return: z.strictObject({
    chapters: z.array(z.string().trim().min(1).max(20)).min(1).max(20).describe('Bab yang dikembalikan untuk diperbaiki'),
    reason: z.string().trim().min(3).max(4000),
  }),
  cancel: z.strictObject({ reason: z.string().trim().min(3).max(4000) }),
};

export const evaluationSummarySchema = z.object({
  id: z.string(), number: z.string(), state: z.string(), title: z.string(),
  period: z.object({ from: z.string(), to: z.string(), fromDate: z.string(), toDate: z.string(), label: z.string().nullable(), title: z.object({ id: z.string(), en: z.string() }) }),
  trigger: z.string().nullable(), dueAt: z.string().nullable(), createdAt: z.string(), closedAt: z.string().nullable(),
  documentId: z.string().nullable(),
}).meta({ id: 'EvaluationSummary' });
export const evaluationListSchema = z.object({ items: z.array(evaluationSummarySchema) }).meta({ id: 'EvaluationList' });

export const evaluationScheduleSchema = z.object({
  scheduleId: z.string(), cadence: z.unknown(), months: z.array(z.number().int()), exists: z.boolean(), timezone: z.string().nullable(),
  overlap: z.string().nullable(), catchupWindowMs: z.number().nullable(), paused: z.boolean().nullable(), nextRuns: z.array(z.string()),
}).meta({ id: 'EvaluationSchedule' });

export const maturityQuery = z.object({ at: z.iso.datetime({ offset: true }).optional().describe('Saat penilaian (ISO 8601); bawaan: sekarang') });
export const maturitySchema = z.object({
  level: z.number().int(), levels: z.array(z.unknown()), evidence: z.unknown(), source: z.string(),
}).meta({ id: 'MaturityAssessment' });

// ---- the improvement register -------------------------------------------------------------------------

export const improvementStatus = z.enum(['open', 'done', 'dropped']);

export const improvementQuery = z.object({
  status: improvementStatus.optional(),
  evaluation: z.string().min(1).max(64).optional().describe('Id atau nomor evaluasi (EVL-…)'),
});

export const improvementBody = z.strictObject({
  description: z.string().trim().min(3).max(4000).describe('Rekomendasi perbaikan (dpr Pasal 23)'),
  method: idRef.optional().describe('Metode perbaikan berkelanjutan (dpr Pasal 22 ayat (3): benchmarking, audit, maturity_assessment, periodic_review)'),
  recommendationKind: idRef.optional().describe('Jenis rekomendasi (dpr Pasal 24 ayat (2): internal, with_third_party)'),
  ownerRole: roleId.optional(),
  dueOn: localDate.optional(),
});
export type ImprovementBody = z.infer<typeof improvementBody>;

export const completeImprovementBody = z.strictObject({ resolution: z.string().trim().min(3).max(4000) });
export const dropImprovementBody = z.strictObject({ reason: z.string().trim().min(3).max(4000) });

export const improvementSchema = z.object({
  id: z.string(), number: z.string(), origin: z.enum(['evaluation', 'register']),
  evaluation: z.object({ id: z.string(), number: z.string() }).nullable(), chapter: z.string().nullable(),
  description: z.string(), method: z.string().nullable(), recommendationKind: z.string().nullable(), ownerRole: z.string().nullable(),
  dueOn: z.string().nullable(), status: improvementStatus, overdue: z.boolean(), resolution: z.string().nullable(), resolvedBy: z.string().nullable(),
  resolvedAt: z.string().nullable(), createdBy: z.string(), createdAt: z.string(), version: z.number().int(),
}).meta({ id: 'ImprovementAction' });
export const improvementListSchema = z.object({ items: z.array(improvementSchema) }).meta({ id: 'ImprovementList' });
