// Request bodies of incident handling: Formulir E at the report, and each action's body.
import { z } from 'zod';
import { IMPACTS } from '../../policy/profile.ts';

const text = (max: number) => z.string().trim().min(1).max(max);

export const createIncidentBody = z.strictObject({
  service: z.string().trim().min(1).max(64).describe('Kode layanan yang terganggu (GET /api/v1/services)'),
  category: text(200).describe('Kategori gangguan'),
  symptoms: text(10_000).describe('Gejala yang dialami'),
  impact: z.enum(IMPACTS).describe('Dampak: mayor (seluruh layanan tidak berfungsi) atau minor (sebagian fungsi terganggu)'),
  channel: z.enum(['phone', 'letter', 'email', 'portal', 'monitoring']).default('portal').describe('Saluran pelaporan'),
  configurationItems: z.array(z.string().trim().min(1).max(100)).max(50).default([]).describe('Item konfigurasi terdampak'),
  confirmationChannel: z.enum(['phone', 'email', 'portal']).default('portal').describe('Saluran konfirmasi penyelesaian'),
  security: z.boolean().default(false).describe('Terkait keamanan informasi (melibatkan CSIRT bila profil menetapkannya)'),
  reporter: z.string().trim().min(1).max(100).optional().describe('Atas nama pelapor lain (Pengelola Layanan atau integrasi)'),
  maintenance: z.strictObject({
    urgency: z.number().int().min(1).max(9).describe('Tingkat urgensi (yogyakarta Tabel 10: 1 tinggi, 2 sedang, 3 rendah)'),
    onSite: z.boolean().default(false).describe('Ada pendampingan di lokasi perangkat daerah'),
  }).optional().describe('Kendala pada masa pemeliharaan dan pendampingan (yogyakarta Tabel 10–13)'),
});
export type CreateIncidentBody = z.infer<typeof createIncidentBody>;

export const incidentActionBodies = {
  respond: z.strictObject({ note: text(4000) }),
  escalate: z.strictObject({ note: text(4000) }),
  estimate: z.strictObject({ hours: z.number().positive().max(24 * 365).describe('Estimasi waktu penanganan dalam jam'), note: text(4000).optional() }),
  progress: z.strictObject({ note: text(4000) }),
  reassess: z.strictObject({ impact: z.enum(IMPACTS), reason: text(2000).describe('Alasan penilaian ulang prioritas') }),
  propose: z.strictObject({ kind: z.enum(['recovery', 'problem']), note: text(4000) }),
  involve_security: z.strictObject({ note: text(4000) }),
  resolve: z.strictObject({ resolution: text(4000), cause: text(4000).optional() }),
  confirm: z.strictObject({ satisfaction: z.number().int().min(1).max(5), suggestion: text(4000).optional() }),
  reopen: z.strictObject({ reason: text(4000) }),
} as const;
