// Request and response bodies of disaster recovery (serang BAB IV C.3, Tabel 4.3–4.4; yogyakarta
// Tabel 8; kemenkeu G.2): the start of a disaster case (or a DRP exercise) and the actions on it.
import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1).max(max);
const code = z.string().trim().regex(/^[A-Z0-9-]{2,40}$/);
const idRef = z.string().trim().regex(/^[a-z0-9_]{1,64}$/);
const instant = z.iso.datetime({ offset: true });

export const createDisasterBody = z.strictObject({
  title: z.string().trim().min(3).max(300).describe('Judul kejadian, mis. "Pusat Data tergenang banjir"'),
  description: text(10_000).describe('Uraian kejadian dan dampaknya'),
  services: z.array(code).min(1).max(50).describe('Kode layanan terdampak (GET /api/v1/services); RTO/RPO dari Formulir C dan DRP yang disetujui diambil saat kasus dibuat'),
  occurredAt: instant.optional().describe('Waktu terjadinya bencana (ISO 8601); tidak di masa depan; bawaan: saat dicatat'),
  scenario: idRef.optional().describe('Skenario bencana dari profil (serang Tabel 4.3), mis. physical_damage; dapat dipilih kemudian (choose_scenario)'),
  mode: z.enum(['real', 'exercise']).default('real').describe('real: bencana sungguhan (waktu henti dicatat); exercise: uji coba DRP (C.3.5), tidak pernah dihitung sebagai waktu henti'),
  origin: z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('incident'), id: z.string().trim().min(1).max(64).describe('ID (UUID) atau nomor insiden asal') }),
    z.strictObject({
      type: z.literal('alert'), source: text(100), fingerprint: text(200), alertName: text(300),
    }),
  ]).optional().describe('Asal kasus: insiden (ditautkan dua arah) atau peringatan pemantauan'),
});
export type CreateDisasterBody = z.infer<typeof createDisasterBody>;

/** The actions on a disaster case (POST /cases/{id}/actions/{action}); mirror of the policy's DisasterCommand. */
export const disasterActionBodies = {
  choose_scenario: z.strictObject({
    scenario: idRef.describe('Skenario dari profil (serang Tabel 4.3); skenario dengan respons «incident» ditangani sebagai gangguan'),
  }),
  record_assessment: z.strictObject({
    step: z.number().int().min(1).max(50).describe('Nomor langkah asesmen/analisis dari profil (serang Tabel 4.4 langkah 1–3)'),
    findings: text(10_000).describe('Hasil asesmen atau analisis'),
    criteriaMet: z.boolean().optional().describe('Langkah analisis: apakah kriteria bencana terpenuhi (wajib pada langkah analisis)'),
  }),
  hand_to_incident: z.strictObject({ reason: text(4000).describe('Mengapa ditangani sebagai gangguan (serang C.3.2, Tabel 4.3)') }),
  declare: z.strictObject({
    decision: z.enum(['disaster', 'not_disaster']).describe('Deklarasi bencana (serang Tabel 4.4 langkah 4) atau bukan bencana'),
    reasons: text(10_000).describe('Dasar keputusan'),
  }),
  report_backup: z.strictObject({
    service: code.describe('Layanan terdampak'),
    lastGoodBackupAt: instant.describe('Waktu cadangan baik terakhir (RPO)'),
  }),
  activate_drc: z.strictObject({ note: text(4000).describe('Catatan aktivasi DRC') }),
  confirm_recovery: z.strictObject({
    service: code.describe('Layanan yang telah pulih'),
    recoveredAt: instant.optional().describe('Waktu pulih; bawaan: sekarang; tidak sebelum awal perhitungan RTO dan tidak di masa depan'),
    note: text(4000),
  }),
  post_progress: z.strictObject({ message: text(10_000).describe('Perkembangan pemulihan untuk pihak terkait (serang C.3.4)') }),
  normalise: z.strictObject({ note: text(4000).describe('Layanan kembali beroperasi di Pusat Data primer (serang C.3.1 b)') }),
  evaluate: z.strictObject({
    causes: z.array(z.strictObject({ service: code, cause: text(4000) })).max(50).default([])
      .describe('Penyebab tidak tercapainya RTO/RPO, wajib untuk setiap layanan yang meleset (serang C.3.6 b)'),
    obstacles: text(10_000).describe('Kendala yang dihadapi (C.3.6 b)'),
    improvements: z.array(text(4000)).max(50).describe('Peluang perbaikan DRP (C.3.6 c)'),
  }),
  cancel: z.strictObject({ reason: text(4000) }),
} as const;

export const disasterListQuery = z.object({
  mode: z.enum(['real', 'exercise']).optional().describe('real atau exercise (uji coba DRP)'),
  state: z.string().trim().regex(/^[a-z_]{1,64}$/).optional().describe('Status kasus, mis. declared, recovering, closed'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type DisasterListQuery = z.infer<typeof disasterListQuery>;
