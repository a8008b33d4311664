// Problem codes and texts of the continuity endpoints (merged into api/http/messages.ts): every code
// has its detail text in `messages` (Bahasa Indonesia first, English second; {param} placeholders)
// and its short, parameter-free title in `titles`.
import type { LocalText } from '../messages.ts';

export const continuityMessages = {
  drp_not_configured: {
    id: 'Profil regulasi {profile} tidak mengatur pemulihan bencana, sehingga DRP dan uji cobanya tidak tersedia.',
    en: 'Regulation profile {profile} has no disaster recovery section, so DRPs and their tests are not available.',
  },
  rto_rpo_required: {
    id: 'Layanan {service} berklasifikasi {classification} wajib menetapkan RTO dan RPO (serang BAB IV A.1).',
    en: 'Service {service} is classified {classification} and must set both RTO and RPO (serang BAB IV A.1).',
  },
  rto_must_be_positive: {
    id: 'RTO harus lebih dari nol.',
    en: 'The RTO must be greater than zero.',
  },
  rpo_must_not_be_negative: {
    id: 'RPO tidak boleh negatif.',
    en: 'The RPO must not be negative.',
  },
  availability_target_invalid: {
    id: 'Target ketersediaan harus berupa persen dari 0 sampai 100 dengan paling banyak dua angka desimal.',
    en: 'The availability target must be a percentage from 0 to 100 with at most two decimals.',
  },
  continuity_plan_version_stale: {
    id: 'Rencana keberlangsungan layanan ini sudah diubah orang lain (versi pada If-Match tidak sesuai). Muat ulang lalu ulangi perubahan Anda.',
    en: 'This service\u2019s continuity plan was changed by someone else (the If-Match version does not match). Reload and repeat your change.',
  },
  backup_in_future: {
    id: 'Waktu cadangan tidak boleh di masa depan.',
    en: 'The backup time must not be in the future.',
  },
  drp_eselon_too_low: {
    id: 'Persetujuan DRP memerlukan pejabat setingkat minimal eselon {required}; eselon Anda: {actual} (serang BAB IV C.3.2).',
    en: 'Approving a DRP requires an official of at least eselon {required}; yours: {actual} (serang BAB IV C.3.2).',
  },
  not_drp_author: {
    id: 'Hanya penyusun DRP yang dapat menarik versi ini.',
    en: 'Only the DRP\u2019s author can withdraw this version.',
  },
} as const satisfies Record<string, LocalText>;

export const continuityTitles = {
  drp_not_configured: { id: 'DRP tidak diatur', en: 'DRP not configured' },
  rto_rpo_required: { id: 'RTO dan RPO wajib', en: 'RTO and RPO required' },
  rto_must_be_positive: { id: 'RTO tidak valid', en: 'Invalid RTO' },
  rpo_must_not_be_negative: { id: 'RPO tidak valid', en: 'Invalid RPO' },
  availability_target_invalid: { id: 'Target ketersediaan tidak valid', en: 'Invalid availability target' },
  continuity_plan_version_stale: { id: 'Rencana sudah berubah', en: 'Plan changed meanwhile' },
  backup_in_future: { id: 'Waktu cadangan di masa depan', en: 'Backup in the future' },
  drp_eselon_too_low: { id: 'Eselon tidak memadai', en: 'Eselon too low' },
  not_drp_author: { id: 'Bukan penyusun DRP', en: 'Not the DRP author' },
} as const satisfies Record<keyof typeof continuityMessages, LocalText>;
