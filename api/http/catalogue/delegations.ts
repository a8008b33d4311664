// Problem codes and texts of delegation (Plt./Plh.) (merged into api/http/messages.ts): every code has its
// detail text in `messages` (Bahasa Indonesia first, English second; {param} placeholders) and its short,
// parameter-free title in `titles`.
import type { LocalText } from '../messages.ts';

export const delegationMessages = {
  delegation_expired: {
    id: 'Pelimpahan wewenang untuk peran {role} sudah berakhir pada {until}; tindakan ini tidak dapat diambil atas dasar pelimpahan tersebut.',
    en: 'The delegation of role {role} ended at {until}; this action cannot be taken under it.',
  },
} as const satisfies Record<string, LocalText>;

export const delegationTitles = {
  delegation_expired: { id: 'Pelimpahan wewenang berakhir', en: 'Delegation expired' },
} as const satisfies Record<string, LocalText>;
