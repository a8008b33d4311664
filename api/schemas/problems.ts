// Request and response bodies of problem management, the KEDB and the periodic review.
import { z } from 'zod';
import { IMPACTS } from '../../policy/profile.ts';
import { KNOWN_ERROR_STATUSES } from '../../policy/problem.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const caseRef = z.string().trim().min(1).max(64).describe('ID (UUID) atau nomor gangguan, mis. INC-2026-000001');

export const createProblemBody = z.strictObject({
  title: z.string().trim().min(3).max(300).describe('Judul masalah'),
  description: text(10_000).describe('Uraian masalah: gejala, dampak, pola kejadian'),
  service: z.string().trim().min(1).max(64).optional().describe('Kode layanan terdampak (GET /api/v1/services)'),
  configurationItems: z.array(z.string().trim().min(1).max(100)).max(50).default([]).describe('Item konfigurasi terkait'),
  category: text(200).optional().describe('Kategori (diisi dari gangguan bila kosong)'),
  impact: z.enum(IMPACTS).optional().describe('Dampak: mayor atau minor (ditetapkan saat klasifikasi)'),
  incidents: z.array(caseRef).max(100).default([]).describe('Gangguan yang ditautkan ke masalah ini'),
});
export type CreateProblemBody = z.infer<typeof createProblemBody>;

export const problemActionBodies = {
  classify: z.strictObject({
    impact: z.enum(IMPACTS),
    category: text(200),
    priority: z.string().trim().min(1).max(16).optional().describe('Prioritas; bila kosong diturunkan dari matriks prioritas profil (dampak × layanan)'),
    note: text(4000).optional(),
  }),
  record_root_cause: z.strictObject({ cause: text(4000).describe('Akar penyebab'), analysis: text(10_000).optional().describe('Uraian analisis') }),
  record_workaround: z.strictObject({ workaround: text(4000).describe('Solusi sementara (workaround)') }),
  propose_fix: z.strictObject({
    fix: text(4000).describe('Solusi permanen'),
    needsChange: z.boolean().describe('Solusi memerlukan perubahan layanan (diserahkan ke manajemen perubahan)'),
    changeReference: text(500).optional().describe('Nomor atau tautan permintaan perubahan, bila sudah ada'),
  }),
  apply_fix: z.strictObject({ note: text(4000), changeReference: text(500).optional() }),
  review_fix: z.strictObject({ effective: z.boolean().describe('Solusi efektif: tidak ada gangguan berulang'), note: text(4000) }),
  progress: z.strictObject({ note: text(4000) }),
  link_incident: z.strictObject({ incident: caseRef }),
  cancel: z.strictObject({ reason: text(4000) }),
} as const;

export const problemReviewBody = z.strictObject({
  period: z.string().trim().regex(/^\d{4}(-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?$/).optional()
    .describe('Periode bernama: 2026-H1 (Januari–Juni), 2026-H2, 2026-Q3, 2026, 2026-05'),
  from: z.iso.date().optional().describe('Awal periode (tanggal lokal, inklusif), bersama `to`'),
  to: z.iso.date().optional().describe('Akhir periode (tanggal lokal, inklusif)'),
});
export type ProblemReviewBody = z.infer<typeof problemReviewBody>;

const localText = z.object({ id: z.string(), en: z.string() });

export const reviewFindingSchema = z.object({
  key: z.string(), kind: z.enum(['recurrence_service_category', 'recurrence_configuration_item', 'unresolved']),
  service: z.string().nullable(), category: z.string().nullable(), configurationItem: z.string().nullable(), count: z.number().int(),
  incidents: z.array(z.string()), outcome: z.enum(['opened', 'existing', 'already_handled']),
  problem: z.object({ caseId: z.string(), number: z.string() }).nullable(),
}).meta({ id: 'ProblemReviewFinding' });

export const problemReviewResultSchema = z.object({
  caseId: z.uuid(), number: z.string(), status: z.enum(['completed', 'running']),
  period: z.object({ id: z.string(), from: z.string(), to: z.string(), label: localText }),
  threshold: z.object({ value: z.number().int(), source: z.record(z.string(), z.string()) }).nullable(),
  totals: z.object({ incidents: z.number().int(), closed: z.number().int(), open: z.number().int() }).nullable(),
  findings: z.array(reviewFindingSchema),
}).meta({ id: 'ProblemReview' });

export const reviewScheduleSchema = z.object({
  scheduleId: z.string(), exists: z.boolean(), timezone: z.string().nullable(), months: z.array(z.number().int()),
  overlap: z.string().nullable(), catchupWindowMs: z.number().int().nullable(), paused: z.boolean().nullable(), nextRuns: z.array(z.string()),
  frequency: z.object({ atLeast: z.number().int(), perMonths: z.number().int(), source: z.record(z.string(), z.string()) }).nullable(),
  threshold: z.object({ value: z.number().int(), source: z.record(z.string(), z.string()) }),
}).meta({ id: 'ProblemReviewSchedule' });

export const knownErrorSchema = z.object({
  id: z.uuid(), number: z.string(), problem: z.object({ id: z.uuid(), number: z.string() }), title: z.string(), service: z.string().nullable(),
  configurationItems: z.array(z.string()), symptoms: z.string(), cause: z.string(), workaround: z.string(), permanentFix: z.string().nullable(),
  status: z.enum(KNOWN_ERROR_STATUSES), createdAt: z.string(), updatedAt: z.string(),
  score: z.number().optional().describe('Relevansi (lebih besar lebih cocok)'),
  matchedBy: z.array(z.enum(['text', 'service', 'configuration_item'])).optional(),
}).meta({ id: 'KnownError' });

export const knownErrorListSchema = z.object({
  items: z.array(knownErrorSchema), page: z.number().int(), pageSize: z.number().int(), total: z.number().int(),
}).meta({ id: 'KnownErrorList' });

export const knownErrorQuery = z.object({
  q: z.string().trim().min(1).max(500).optional().describe('Kata kunci gejala, penyebab, solusi sementara atau judul'),
  service: z.string().trim().min(1).max(64).optional(),
  ci: z.string().trim().min(1).max(100).optional().describe('Item konfigurasi'),
  status: z.enum(KNOWN_ERROR_STATUSES).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type KnownErrorQuery = z.infer<typeof knownErrorQuery>;
