// Texts of the inbox: the decisions and steps waiting for the signed-in person (own and delegated roles).
import type { LocalText } from '../../api/http/messages.ts';

export const inboxTexts = {
  'inbox.title': { id: 'Menunggu saya', en: 'Waiting for me' },
  'inbox.intro': {
    id: 'Kasus yang menunggu keputusan atau tindakan Anda, termasuk untuk peran yang didelegasikan kepada Anda (Plt./Plh.). Yang paling cepat jatuh tempo di atas.',
    en: 'Cases waiting for your decision or action, including for roles delegated to you (Plt./Plh.). Soonest due first.',
  },
  'inbox.empty': { id: 'Tidak ada yang menunggu Anda saat ini.', en: 'Nothing is waiting for you right now.' },
  'inbox.count': { id: '{total} kasus menunggu', en: '{total} cases waiting' },
  'inbox.case': { id: 'Kasus', en: 'Case' },
  'inbox.waitingFor': { id: 'Menunggu', en: 'Waiting for' },
  'inbox.due': { id: 'Jatuh tempo', en: 'Due' },
  'inbox.sla': { id: 'SLA', en: 'SLA' },
  'inbox.act': { id: 'Tindakan', en: 'Action' },
  'inbox.decideHere': { id: 'Putuskan di sini', en: 'Decide here' },
  'inbox.openCase': { id: 'Buka kasus', en: 'Open case' },
  'inbox.cannotAct': {
    id: 'Anda tidak dapat bertindak atas kasus ini (mis. pemisahan tugas: Anda pengajunya).',
    en: 'You cannot act on this case (e.g. segregation of duties: you submitted it).',
  },
  'inbox.decided': { id: 'Keputusan untuk {number} tercatat: {state}.', en: 'Decision on {number} recorded: {state}.' },
} as const satisfies Record<string, LocalText>;
