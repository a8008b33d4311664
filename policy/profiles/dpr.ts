// Peraturan Sekretaris Jenderal DPR RI 2023 tentang Manajemen Layanan TI (seed 000_f7433f2562ab0672.txt).
import { defineProfile } from '../profile.ts';

const SEED = '000_f7433f2562ab0672.txt';
const DAY = 24 * 3_600_000;
const at = (section: string) => ({ seed: SEED, section });
// The seed sets no fulfilment target for request types (Pasal 7 leaves planning to the IT unit).
const NO_TARGET = { sigapDefault: 'dpr sets no fulfilment target (Pasal 7); Sigap default 14 calendar days, the longest serang Tabel 4.2 target' };

export const dpr = defineProfile({
  id: 'dpr',
  name: { id: 'Sekretariat Jenderal DPR RI', en: 'Secretariat General of the House of Representatives' },
  regulation: { seed: SEED, title: 'Peraturan Sekretaris Jenderal DPR RI tentang Manajemen Layanan Teknologi Informasi', year: 2023 },
  timezone: 'Asia/Jakarta',
  roles: [
    { id: 'requester', title: { id: 'Pemohon', en: 'Requester' }, source: at('Pasal 6') },
    { id: 'service_desk', title: { id: 'Petugas Pengelola Layanan TI', en: 'IT service officer' }, source: at('Pasal 3 ayat (1) huruf c') },
    { id: 'technical_team', title: { id: 'Petugas Pengelola Layanan TI (teknis)', en: 'IT service officer (technical)' }, source: at('Pasal 3 ayat (1) huruf c') },
    { id: 'service_coordinator', title: { id: 'Koordinator', en: 'Coordinator' }, source: at('Pasal 3 ayat (2)') },
    { id: 'service_owner', title: { id: 'Pejabat Administrator Unit TI', en: 'IT unit administrator official' }, eselon: 'III', source: at('Pasal 3 ayat (1) huruf b') },
    { id: 'head_of_unit', title: { id: 'Pejabat Pimpinan Tinggi Pratama Unit TI', en: 'Head of the IT unit' }, eselon: 'II', source: at('Pasal 3 ayat (1) huruf a') },
    { id: 'administrator', title: { id: 'Administrator Sigap', en: 'Sigap administrator' }, source: { sigapDefault: 'system role: profile, catalogue and calendar administration' } },
  ],
  documentKinds: [
    { id: 'nota_dinas', title: { id: 'Nota Dinas', en: 'Official memo' }, source: at('Pasal 6 ayat (2) huruf a') },
    { id: 'kerangka_acuan', title: { id: 'Kerangka Acuan', en: 'Terms of reference' }, source: at('Pasal 6 ayat (2) huruf b') },
  ],
  requestFulfilment: {
    serviceDeskRole: 'service_desk',
    executorRoles: ['service_desk', 'technical_team'],
    escalationRole: 'service_coordinator',
    // Pasal 7: the IT unit analyses, prioritises, sizes capacity and plans fulfilment.
    defaultApproverRole: 'service_owner',
    reminderAtPermille: 750,
    reminderSource: { sigapDefault: 'the seed sets no reminder; Sigap reminds the executor at 75 % of the target' },
    satisfactionScale: { min: 1, max: 5, source: { sigapDefault: 'dpr sets no scale; the serang 1–5 scale (B.2.6)' } },
  },
  // Pasal 4: the six request types; Pasal 6 ayat (2): each needs a nota dinas and a kerangka acuan.
  catalogue: [
    item('DPR-APLIKASI', 'pembangunan dan pengembangan aplikasi', 'application development', 'Pasal 4 huruf a'),
    item('DPR-JARINGAN', 'instalasi dan perbaikan jaringan internet', 'internet network installation and repair', 'Pasal 4 huruf b'),
    item('DPR-LITERASI', 'peningkatan literasi TI', 'IT literacy', 'Pasal 4 huruf c'),
    item('DPR-RAPAT-VIRTUAL', 'dukungan penyelenggaraan rapat virtual', 'virtual meeting support', 'Pasal 4 huruf d'),
    item('DPR-KEAMANAN', 'layanan keamanan informasi', 'information security service', 'Pasal 4 huruf e'),
    item('DPR-DATA', 'pengelolaan data dan analitiknya', 'data management and analytics', 'Pasal 4 huruf f'),
  ],
});

function item(code: string, id: string, en: string, section: string) {
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  return {
    code, group: cap(id), requiresApproval: true,
    name: { id: cap(id), en: cap(en) },
    description: { id: `Permintaan ${id} (${section})`, en: `Request for ${en} (${section})` },
    fulfilmentTarget: { ms: 14 * DAY, basis: 'calendar' as const, source: NO_TARGET },
    requiredDocuments: ['nota_dinas', 'kerangka_acuan'],
  };
}
