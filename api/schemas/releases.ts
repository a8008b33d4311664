// Request and response bodies of release management: the release plan (Formulir H; serang D.3.2–D.3.7,
// kemenkeu E.3.b.2 a, dpr Pasal 13), the actions on a release, and the administrators' view of
// rollbacks (failed ones parked for a replay or a manual resolution).
import { z } from 'zod';
import { HTTP_STEP_METHODS } from '../../policy/releasePlan.ts';
import { RELEASE_CONTENT_KINDS, RESOLVE_JUSTIFICATION_MIN } from '../../policy/release.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const stepId = z.string().trim().regex(/^[a-z0-9_-]{1,64}$/).describe('ID langkah (huruf kecil, angka, - dan _), unik dalam rencana');
const caseRef = z.string().trim().min(1).max(64);
const isoDateTime = z.iso.datetime({ offset: true }).describe('Tanggal dan waktu ISO 8601, mis. 2026-12-01T22:00:00+07:00');
const url = z.string().trim().min(1).max(2000).describe('URL http(s); host harus diizinkan oleh SIGAP_STEP_ALLOWED_HOSTS bila diatur');

const httpStep = z.strictObject({
  kind: z.literal('http'),
  id: stepId,
  title: text(300),
  request: z.strictObject({
    method: z.enum(HTTP_STEP_METHODS).default('POST'),
    url,
    headers: z.record(z.string().regex(/^[A-Za-z0-9-]{1,100}$/), z.string().max(4000)).optional().describe('Header tambahan, mis. Authorization untuk pipeline'),
    body: z.unknown().optional().describe('Isi JSON yang dikirim ke sistem deployment'),
  }),
  waitSeconds: z.number().int().min(1).max(3600).default(300).describe('Batas waktu menunggu hasil dari sistem deployment (detik)'),
});
const manualStep = z.strictObject({ kind: z.literal('manual'), id: stepId, title: text(300), instructions: text(10_000) });
export const stepSchema = z.discriminatedUnion('kind', [httpStep, manualStep]).meta({ id: 'ReleaseStep' });
const undoes = stepId.optional().describe('ID langkah rilis yang dibatalkan oleh langkah ini (hanya dijalankan bila langkah itu sudah dimulai)');
export const rollbackStepSchema = z.discriminatedUnion('kind', [httpStep.extend({ undoes }), manualStep.extend({ undoes })]).meta({ id: 'ReleaseRollbackStep' });

export const criterionSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('http_check'), id: stepId, title: text(300), url,
    expectStatus: z.number().int().min(100).max(599).default(200),
    bodyContains: z.string().min(1).max(1000).optional(),
    attempts: z.number().int().min(1).max(20).default(3),
    intervalSeconds: z.number().int().min(0).max(600).default(10),
  }),
  z.strictObject({ kind: z.literal('manual'), id: stepId, title: text(300), description: text(4000) }),
]).meta({ id: 'ReleaseEvaluationCriterion' });

export const createReleaseBody = z.strictObject({
  title: z.string().trim().min(3).max(300).describe('Judul rilis'),
  change: caseRef.describe('Perubahan yang dirilis: ID (UUID) atau nomor, mis. CHG-2026-000001'),
  window: z.strictObject({ start: isoDateTime, end: isoDateTime }).describe('Jadwal pelaksanaan (periode penghentian layanan)'),
  expectedDowntimeMinutes: z.number().int().min(0).max(10_080).describe('Perkiraan lama layanan berhenti (menit)'),
  contents: z.array(z.strictObject({ kind: z.enum(RELEASE_CONTENT_KINDS), name: text(300), version: text(100).optional() })).min(1).max(100)
    .describe('Isi rilis: perangkat lunak, komponen, dokumentasi'),
  method: text(200).describe('Metode implementasi (id dari profile.release.deploymentMethods bila profil memuatnya)'),
  steps: z.array(stepSchema).min(1).max(50).describe('Langkah implementasi, dijalankan berurutan'),
  evaluationCriteria: z.array(criterionSchema).max(50).default([]).describe('Kriteria evaluasi (keberhasilan); wajib ada'),
  rollbackSteps: z.array(rollbackStepSchema).max(50).default([]).describe('Rencana kontinjensi: langkah rollback, urut seperti langkah yang dibatalkannya; wajib ada'),
  affectedParties: z.strictObject({
    roles: z.array(z.string().trim().min(1).max(64)).max(20).default([]),
    users: z.array(z.string().trim().min(1).max(100)).max(100).default([]),
  }).default({ roles: [], users: [] }).describe('Pihak terdampak yang diberi tahu jadwal penghentian layanan'),
  testResults: text(10_000).optional().describe('Hasil pengujian (kemenkeu E.3)'),
  impactAnalysis: text(10_000).optional().describe('Analisis dampak (kemenkeu E.3)'),
  requester: z.string().trim().min(1).max(100).optional().describe('dpr: username Pemohon yang menandatangani Berita Acara Serah Terima'),
});
export type CreateReleaseBody = z.infer<typeof createReleaseBody>;

const note = text(4000);
export const releaseActionBodies = {
  decide_plan: z.strictObject({ decision: z.enum(['approve', 'reject']), note: note.optional() }),
  record_fitness_result: z.strictObject({
    test: z.string().trim().min(1).max(64), passed: z.boolean(), summary: note,
    performedAt: isoDateTime.describe('Waktu pengujian dilakukan (di luar jam kerja)'),
  }),
  decide_fitness: z.strictObject({ decision: z.enum(['approve', 'reject']), note: note.optional() }),
  confirm_step: z.strictObject({ step: stepId, outcome: z.enum(['succeeded', 'failed']), note: note.optional() }),
  verify: z.strictObject({ results: z.array(z.strictObject({ criterion: stepId, passed: z.boolean(), note: note.optional() })).min(1).max(50) }),
  replay_rollback: z.strictObject({ note: note.describe('Apa yang sudah diperbaiki sebelum rollback diulang') }),
  resolve_rollback: z.strictObject({
    justification: z.string().trim().min(RESOLVE_JUSTIFICATION_MIN.value).max(10_000).describe('Alasan tertulis penyelesaian manual (minimal 20 karakter)'),
  }),
  record_review: z.strictObject({ summary: text(10_000), followUps: z.array(text(1000)).max(50).optional() }),
  sign_handover: z.strictObject({ note: note.optional() }),
  cancel: z.strictObject({ reason: note }),
} as const;

export const rollbackListQuery = z.object({
  state: z.enum(['failed', 'all']).default('failed').describe('failed: rollback yang gagal dan menunggu administrator; all: setiap rilis yang pernah di-rollback'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const rollbackItemSchema = z.object({
  caseId: z.uuid(), number: z.string(), title: z.string(), state: z.string(), services: z.array(z.string()),
  change: z.object({ caseId: z.string(), number: z.string() }).nullable(),
  reason: z.string().nullable().describe('step_failed atau criteria_failed'),
  trigger: z.array(z.string()),
  order: z.array(z.string()).describe('Langkah rollback dalam urutan eksekusi'),
  done: z.array(z.string()),
  failedStep: z.string().nullable(), run: z.number().int().nullable(), lastError: z.string().nullable(), attempts: z.number().int().nullable(),
  since: z.string().nullable().describe('Sejak kapan rollback gagal'),
  replays: z.number().int(), resolved: z.boolean(), updatedAt: z.string(),
}).meta({ id: 'ReleaseRollback' });

export const rollbackListSchema = z.object({
  items: z.array(rollbackItemSchema), page: z.number().int(), pageSize: z.number().int(), total: z.number().int(),
}).meta({ id: 'ReleaseRollbackList' });

export const replayBody = releaseActionBodies.replay_rollback;
export const resolveBody = releaseActionBodies.resolve_rollback;
