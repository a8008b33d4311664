// Problem codes and texts of the evaluation endpoints (merged into api/http/messages.ts): every code has its
// detail text in `messages` (Bahasa Indonesia first, English second; {param} placeholders) and its
// short, parameter-free title in `titles`. (period_ends_before_start is shared with the reports catalogue.)
import type { LocalText } from '../messages.ts';

export const evaluationMessages = {
  invalid_evaluation_period: {
    id: 'Periode evaluasi tidak valid: kirim period (mis. 2026-S1, 2026-S2 atau 2026) atau from dan to (tanggal YYYY-MM-DD), tidak keduanya.',
    en: 'Invalid evaluation period: send period (e.g. 2026-S1, 2026-S2 or 2026) or from and to (dates YYYY-MM-DD), not both.',
  },
  period_not_ended: {
    id: 'Periode {period} belum berakhir (berakhir {to}); evaluasi dilakukan setelah periode selesai.',
    en: 'Period {period} has not ended yet (it ends {to}); an evaluation is made once the period is over.',
  },
  chapter_not_in_evaluation: {
    id: 'Bab {chapters} tidak termasuk dalam evaluasi ini. Bab yang ada: {known}.',
    en: 'Chapters {chapters} are not part of this evaluation. Its chapters: {known}.',
  },
  obstacles_required: {
    id: 'Angka bab {chapter} menunjukkan target yang tidak tercapai: isi hambatan yang mengakibatkannya (serang BAB IV E.2.3 b).',
    en: 'The figures of chapter {chapter} show a missed target: describe the obstacles that caused it (serang BAB IV E.2.3 b).',
  },
  unknown_owner_role: {
    id: 'Peran penanggung jawab {roles} tidak dikenal dalam profil instansi ini.',
    en: 'The owner roles {roles} are not roles of this agency\'s profile.',
  },
  follow_up_due_before_period_end: {
    id: 'Batas waktu tindak lanjut {dueOn} harus tanggal yang valid setelah akhir periode ({periodEnd}).',
    en: 'The follow-up due date {dueOn} must be a valid date after the end of the period ({periodEnd}).',
  },
  formulir_i_not_ready: {
    id: 'Formulir I tersedia setelah evaluasi disetujui dan diterbitkan.',
    en: 'Form I is available once the evaluation has been approved and published.',
  },
  maturity_in_future: {
    id: 'Saat penilaian {at} berada di masa depan.',
    en: 'The assessment instant {at} lies in the future.',
  },
  improvement_not_found: {
    id: 'Tindak lanjut {id} tidak ditemukan.',
    en: 'Improvement action {id} was not found.',
  },
  unknown_improvement_method: {
    id: 'Metode perbaikan "{method}" tidak dikenal. Metode yang diatur: {known}.',
    en: 'Unknown improvement method "{method}". Methods of the profile: {known}.',
  },
  unknown_recommendation_kind: {
    id: 'Jenis rekomendasi "{kind}" tidak dikenal. Jenis yang diatur: {known}.',
    en: 'Unknown recommendation kind "{kind}". Kinds of the profile: {known}.',
  },
  invalid_due_date: {
    id: 'Batas waktu {dueOn} bukan tanggal yang valid (YYYY-MM-DD).',
    en: 'The due date {dueOn} is not a valid date (YYYY-MM-DD).',
  },
  improvement_not_open: {
    id: 'Tindak lanjut {number} sudah tidak terbuka (status: {status}).',
    en: 'Improvement action {number} is no longer open (status: {status}).',
  },
  improvement_version_stale: {
    id: 'Tindak lanjut {number} telah diubah orang lain; muat ulang lalu coba lagi.',
    en: 'Improvement action {number} was changed by someone else; reload and try again.',
  },
} as const satisfies Record<string, LocalText>;

export const evaluationTitles = {
  invalid_evaluation_period: { id: 'Periode evaluasi tidak valid', en: 'Invalid evaluation period' },
  period_not_ended: { id: 'Periode belum berakhir', en: 'Period not ended' },
  chapter_not_in_evaluation: { id: 'Bab tidak dalam evaluasi', en: 'Chapter not in the evaluation' },
  obstacles_required: { id: 'Hambatan wajib diisi', en: 'Obstacles required' },
  unknown_owner_role: { id: 'Peran penanggung jawab tidak dikenal', en: 'Unknown owner role' },
  follow_up_due_before_period_end: { id: 'Batas waktu tindak lanjut tidak valid', en: 'Invalid follow-up due date' },
  formulir_i_not_ready: { id: 'Formulir I belum tersedia', en: 'Form I not available yet' },
  maturity_in_future: { id: 'Saat penilaian di masa depan', en: 'Assessment in the future' },
  improvement_not_found: { id: 'Tindak lanjut tidak ditemukan', en: 'Improvement action not found' },
  unknown_improvement_method: { id: 'Metode perbaikan tidak dikenal', en: 'Unknown improvement method' },
  unknown_recommendation_kind: { id: 'Jenis rekomendasi tidak dikenal', en: 'Unknown recommendation kind' },
  invalid_due_date: { id: 'Tanggal tidak valid', en: 'Invalid date' },
  improvement_not_open: { id: 'Tindak lanjut tidak terbuka', en: 'Improvement action not open' },
  improvement_version_stale: { id: 'Versi tindak lanjut berubah', en: 'Improvement action changed' },
} as const satisfies Record<keyof typeof evaluationMessages, LocalText>;
