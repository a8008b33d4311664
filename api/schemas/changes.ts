// Request and response bodies of change management: the RFC, the actions on a change, the
// standard-change catalogue, blackout periods and the live conflicts of a change's window.
import { z } from 'zod';
import { CHANGE_CATEGORIES } from '../../policy/profile.ts';
import { CHANGE_DUTIES } from '../../policy/change.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const code = z.string().trim().regex(/^[A-Z0-9-]{2,40}$/);
const instant = z.iso.datetime({ offset: true });

export const changeWindowBody = z.strictObject({
  start: instant.describe('Mulai jendela perubahan (ISO 8601, mis. 2026-12-05T22:00:00+07:00); harus di masa depan'),
  end: instant.describe('Akhir jendela perubahan; setelah mulai'),
});

export const createChangeBody = z.strictObject({
  title: z.string().trim().min(3).max(300).describe('Judul permintaan perubahan (RFC)'),
  reason: text(4000).optional().describe('Alasan perubahan; wajib, terutama untuk perubahan darurat'),
  category: z.enum(CHANGE_CATEGORIES).describe('Kategori: standard (katalog perubahan standar, tanpa persetujuan), normal (persetujuan sebelum), emergency (dilaksanakan segera, persetujuan sesudahnya)'),
  kind: z.string().trim().regex(/^[a-z0-9_]+$/).optional().describe('Jenis perubahan menurut profil (mis. dpr: application, network, delivered_service)'),
  services: z.array(code).min(1).max(20).describe('Kode layanan terdampak (GET /api/v1/services)'),
  configurationItems: z.array(z.string().trim().min(1).max(100)).max(50).default([]).describe('Item konfigurasi terdampak (milik layanan tersebut)'),
  riskAnalysis: text(10_000).describe('Analisis dan identifikasi risiko (dpr Pasal 18 (1) b)'),
  implementationPlan: text(10_000).describe('Rencana implementasi (dpr Pasal 18 (1) d)'),
  window: z.strictObject({ start: instant.optional(), end: instant }).optional()
    .describe('Jendela perubahan yang diminta; wajib kecuali perubahan darurat (mulai saat dicatat, `end` opsional)'),
  standardChange: code.optional().describe('Kode perubahan standar dari katalog (wajib untuk dan hanya untuk kategori standard)'),
  origin: z.strictObject({
    type: z.enum(['request', 'incident', 'problem']),
    id: z.string().trim().min(1).max(64).describe('ID (UUID) atau nomor kasus asal'),
  }).optional().describe('Kasus asal perubahan; ditautkan dua arah'),
  highImpact: z.boolean().default(false)
    .describe('Perubahan berpotensi berdampak besar (kemenkeu Lampiran II E.1.b.5, E.2.b: ditentukan Pengelola Layanan TIK); hanya pada profil dengan rute dampak besar, bukan untuk kategori standard. Persetujuan menunggu koordinasi desain dan transisi layanan (record_design_transition)'),
});
export type CreateChangeBody = z.infer<typeof createChangeBody>;

export const changeActionBodies = {
  decide: z.strictObject({
    decision: z.enum(['approve', 'reject']),
    note: text(4000).optional().describe('Catatan keputusan'),
    comment: text(4000).optional().describe('Sama dengan `note` (POST /cases/{id}/decisions)'),
  }),
  reschedule: z.strictObject({ window: changeWindowBody, reason: text(2000).optional() }),
  record_implementation: z.strictObject({
    outcome: z.enum(['succeeded', 'failed']).describe('Hasil pelaksanaan perubahan'),
    note: text(4000),
  }),
  review: z.strictObject({
    summary: text(10_000).describe('Hasil evaluasi/pengkajian perubahan (dpr Pasal 18 (1) f; kemenkeu E.1.b.6)'),
    successful: z.boolean().describe('Perubahan mencapai tujuannya'),
  }),
  grant_exception: z.strictObject({
    username: z.string().trim().min(1).max(100).describe('Pengguna yang dikecualikan dari pemisahan tugas'),
    duty: z.enum(CHANGE_DUTIES).describe('Tugas yang boleh diambilnya: initiate, approve, implement'),
    justification: z.string().trim().min(20).max(4000).describe('Alasan dan bentuk pengawasan (kemenkeu J.3), minimal 20 karakter'),
  }),
  cancel: z.strictObject({ reason: text(4000) }),
  record_design_transition: z.strictObject({
    summary: text(10_000).describe('Hasil koordinasi dengan desain dan transisi layanan (kemenkeu Lampiran II E.1.b.5, E.2.c: rencana, jadwal, sumber daya, pengujian, kriteria penerimaan, dampak)'),
    documents: z.array(z.string().trim().min(1).max(500)).max(20).optional().describe('Rujukan dokumen perencanaan (nomor nota dinas, tautan, dsb.)'),
  }),
} as const;

const localText = z.object({ id: text(300), en: text(300) });

export const standardChangeBody = z.strictObject({
  title: localText.describe('Nama perubahan standar (Bahasa Indonesia dan Inggris)'),
  description: text(4000),
  services: z.array(code).max(50).default([]).describe('Layanan yang boleh memakai perubahan ini; kosong = semua layanan'),
  procedure: text(20_000).describe('Prosedur baku (instruksi langkah demi langkah)'),
  active: z.boolean().default(true),
});
export type StandardChangeBody = z.infer<typeof standardChangeBody>;

export const standardChangeSchema = z.object({
  code: z.string(), title: z.object({ id: z.string(), en: z.string() }), description: z.string(), services: z.array(z.string()),
  procedure: z.string(), active: z.boolean(), updatedAt: z.string(),
}).meta({ id: 'StandardChange' });
export const standardChangeListSchema = z.object({ items: z.array(standardChangeSchema) }).meta({ id: 'StandardChangeList' });

export const blackoutBody = z.strictObject({
  service: code.nullable().default(null).describe('Kode layanan; null = semua layanan'),
  start: instant, end: instant,
  reason: text(2000).describe('Alasan, mis. masa pendaftaran CPNS'),
});
export type BlackoutBody = z.infer<typeof blackoutBody>;

export const blackoutSchema = z.object({
  id: z.uuid(), service: z.string().nullable(), start: z.string(), end: z.string(), reason: z.string(), createdBy: z.string(), createdAt: z.string(),
}).meta({ id: 'ChangeBlackout' });
export const blackoutListSchema = z.object({ items: z.array(blackoutSchema) }).meta({ id: 'ChangeBlackoutList' });

export const changeConflictSchema = z.union([
  z.object({ kind: z.literal('change'), caseId: z.string(), number: z.string(), title: z.string(), state: z.string(), services: z.array(z.string()), window: z.object({ start: z.string(), end: z.string() }) }),
  z.object({ kind: z.literal('blackout'), id: z.string(), service: z.string().nullable(), reason: z.string(), window: z.object({ start: z.string(), end: z.string() }) }),
]).meta({ id: 'ChangeConflict' });

export const changeConflictsSchema = z.object({
  caseId: z.uuid(), number: z.string(), window: z.object({ start: z.string(), end: z.string() }).nullable(), checkedAt: z.string(), conflicts: z.array(changeConflictSchema),
}).meta({ id: 'ChangeConflicts' });
