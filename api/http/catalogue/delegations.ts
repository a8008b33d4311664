// Problem codes and texts of delegation (Plt./Plh.) (merged into api/http/messages.ts): every code has its
// detail text in `messages` (Bahasa Indonesia first, English second; {param} placeholders) and its short,
// parameter-free title in `titles`. A `roles` parameter is shown with the profile's role titles.
import type { LocalText } from '../messages.ts';

export const delegationMessages = {
  delegation_expired: {
    id: 'Pelimpahan wewenang untuk peran {role} sudah berakhir pada {until}; tindakan ini tidak dapat diambil atas dasar pelimpahan tersebut.',
    en: 'The delegation of role {role} ended at {until}; this action cannot be taken under it.',
  },
  delegation_users_only: {
    id: 'Pelimpahan wewenang (Plt./Plh.) dicatat dan dibaca oleh pegawai yang masuk, bukan oleh kunci API.',
    en: 'Delegations (Plt./Plh.) are recorded and read by signed-in officials, not by API keys.',
  },
  delegation_on_behalf_forbidden: {
    id: 'Hanya administrator yang dapat mencatat pelimpahan wewenang atas nama pejabat lain.',
    en: 'Only an administrator can record a delegation on behalf of another official.',
  },
  delegation_role_not_delegable: {
    id: 'Peran {roles} tidak dapat dilimpahkan kepada Plt./Plh.',
    en: 'Role {roles} cannot be delegated to an acting official (Plt./Plh.).',
  },
  delegation_role_not_held: {
    id: '{delegator} tidak memegang peran {roles}, sehingga tidak dapat melimpahkannya.',
    en: '{delegator} does not hold role {roles} and so cannot delegate it.',
  },
  delegation_role_delegated: {
    id: 'Peran {roles} Anda jalankan sebagai Plt./Plh.; peran hasil pelimpahan tidak dapat dilimpahkan lagi.',
    en: 'You hold role {roles} as an acting official (Plt./Plh.); a delegated role cannot be delegated again.',
  },
  delegation_to_self: {
    id: 'Pelimpahan wewenang harus kepada pegawai lain, bukan kepada pemberi pelimpahan sendiri.',
    en: 'A delegation must go to another official, not to the delegator.',
  },
  delegation_period_invalid: {
    id: 'Akhir masa pelimpahan ({endsAt}) harus sesudah awalnya ({startsAt}).',
    en: 'The end of the delegation ({endsAt}) must come after its start ({startsAt}).',
  },
  delegation_ends_in_past: {
    id: 'Masa pelimpahan berakhir pada {endsAt}, yang sudah lewat; pelimpahan harus masih berlaku di masa depan.',
    en: 'The delegation would end at {endsAt}, which has passed; a delegation must still be in force in the future.',
  },
  delegation_not_found: {
    id: 'Pelimpahan wewenang {id} tidak ditemukan.',
    en: 'Delegation {id} was not found.',
  },
  delegation_revoke_forbidden: {
    id: 'Hanya pemberi pelimpahan atau administrator yang dapat mencabut pelimpahan wewenang ini.',
    en: 'Only the delegator or an administrator can revoke this delegation.',
  },
} as const satisfies Record<string, LocalText>;

export const delegationTitles = {
  delegation_expired: { id: 'Pelimpahan wewenang berakhir', en: 'Delegation expired' },
  delegation_users_only: { id: 'Hanya untuk pegawai', en: 'Officials only' },
  delegation_on_behalf_forbidden: { id: 'Bukan administrator', en: 'Not an administrator' },
  delegation_role_not_delegable: { id: 'Peran tidak dapat dilimpahkan', en: 'Role not delegable' },
  delegation_role_not_held: { id: 'Peran tidak dipegang', en: 'Role not held' },
  delegation_role_delegated: { id: 'Peran hasil pelimpahan', en: 'Delegated role' },
  delegation_to_self: { id: 'Pelimpahan kepada diri sendiri', en: 'Delegation to oneself' },
  delegation_period_invalid: { id: 'Masa pelimpahan tidak valid', en: 'Invalid delegation period' },
  delegation_ends_in_past: { id: 'Masa pelimpahan sudah lewat', en: 'Delegation period in the past' },
  delegation_not_found: { id: 'Pelimpahan tidak ditemukan', en: 'Delegation not found' },
  delegation_revoke_forbidden: { id: 'Tidak berwenang mencabut', en: 'Not allowed to revoke' },
} as const satisfies Record<string, LocalText>;
