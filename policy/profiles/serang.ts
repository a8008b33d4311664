// Perbup Serang 49/2024, Pedoman Manajemen Layanan SPBE (seed 001_77b5a6378d6d5a17.txt).
import { defineProfile } from '../profile.ts';

const SEED = '001_77b5a6378d6d5a17.txt';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (section: string) => ({ seed: SEED, section });

export const serang = defineProfile({
  id: 'serang',
  name: { id: 'Kabupaten Serang (Perbup 49/2024)', en: 'Serang Regency (Regent Regulation 49/2024)' },
  regulation: { seed: SEED, title: 'Peraturan Bupati Serang No. 49 Tahun 2024 tentang Pedoman Manajemen Layanan SPBE', year: 2024 },
  timezone: 'Asia/Jakarta',
  roles: [
    { id: 'requester', title: { id: 'Pengguna Layanan / Pemohon', en: 'Service user / requester' }, source: at('BAB IV B.2.1') },
    { id: 'service_desk', title: { id: 'Pengelola Layanan', en: 'Service desk' }, source: at('BAB III, struktur: Pengelola Layanan') },
    { id: 'technical_team', title: { id: 'Pengelola Teknis', en: 'Technical team' }, source: at('BAB III, struktur: Pengelola Teknis') },
    { id: 'service_owner', title: { id: 'Penyedia Layanan', en: 'Service owner' }, eselon: 'II', source: at('BAB IV D.3.5 (eselon II)') },
    { id: 'service_coordinator', title: { id: 'Koordinator Layanan', en: 'Service coordinator' }, eselon: 'III', source: at('BAB III, Koordinator Layanan (eselon III)') },
    { id: 'recovery_coordinator', title: { id: 'Koordinator Pemulihan', en: 'Recovery coordinator' }, eselon: 'III', source: at('BAB III, Koordinator Pemulihan (eselon III)') },
    { id: 'head_of_unit', title: { id: 'Kepala Dinas', en: 'Head of unit' }, eselon: 'II', source: at('BAB IV C.3.2 (eselon II)') },
    { id: 'administrator', title: { id: 'Administrator Sigap', en: 'Sigap administrator' }, source: { sigapDefault: 'system role: profile, catalogue and calendar administration' } },
  ],
  documentKinds: [],
  requestFulfilment: {
    serviceDeskRole: 'service_desk',
    executorRoles: ['service_desk', 'technical_team'],
    // B.2.5: fulfilment by the service desk with the parties concerned; the Koordinator Layanan
    // watches attainment of the Target Pelayanan Pengguna (BAB III), so a breach goes to them.
    escalationRole: 'service_coordinator',
    // B.2.7 e: the form records "Persetujuan"; the seed names the Penyedia Layanan as the approver.
    defaultApproverRole: 'service_owner',
    reminderAtPermille: 750,
    reminderSource: { sigapDefault: 'the seed sets no reminder; Sigap reminds the executor at 75 % of the target' },
    satisfactionScale: { min: 1, max: 5, source: at('BAB IV B.2.6 (skala 1 Tidak Puas – 5 Memuaskan)') },
  },
  // Tabel 4.2 Pedoman Penetapan Target Pemenuhan Layanan SPBE: one item per service group, plus the
  // SRIKANDI example from the Formulir A catalogue (target 1 jam). The seed says "<3 jam" without
  // saying working or calendar time; calendar time is used until the business calendar lands.
  catalogue: [
    item('AKUN-EMAIL', 'Akun Layanan', 'Pembuatan akun e-mail / reset password / perubahan hak akses', 'E-mail account, password reset or access change',
      3 * HOUR, 'Tabel 4.2 Akun Layanan (<3 jam)', false),
    item('HOSTING-APP', 'Hosting Aplikasi', 'Penyediaan server (virtual machine), hosting aplikasi beserta pengujian keamanan', 'Virtual machine, application hosting and security test',
      14 * DAY, 'Tabel 4.2 Hosting Aplikasi (<14 hari)', true),
    item('DUKUNGAN-PL', 'Dukungan Perangkat Lunak', 'Dukungan penggunaan perangkat lunak berlisensi', 'Licensed software support',
      1 * DAY, 'Tabel 4.2 Dukungan Perangkat Lunak (<1 hari)', false),
    item('JARINGAN-LAN', 'Infrastruktur Jaringan', 'Penyediaan titik jaringan LAN/WLAN', 'LAN/WLAN network point',
      3 * DAY, 'Tabel 4.2 Infrastruktur Jaringan (<3 hari)', true),
    item('PERANGKAT-KANTOR', 'Perangkat Perkantoran', 'Penggantian perangkat perkantoran atau suku cadang', 'Office device or spare part replacement',
      3 * DAY, 'Tabel 4.2 Perangkat Perkantoran (<3 hari)', false),
    item('VICON', 'Video Conferencing', 'Dukungan kegiatan video conferencing dan live streaming', 'Video conferencing and live streaming support',
      3 * DAY, 'Tabel 4.2 Video Conferencing (<3 hari)', false),
    item('SRIKANDI-AKUN', 'Akun Layanan', 'Akun SRIKANDI: pembuatan akun, reset password', 'SRIKANDI account: create, reset password',
      1 * HOUR, 'Katalog Layanan contoh SRIKANDI (Target Pemenuhan Layanan 1 Jam)', false),
  ],
});

function item(code: string, group: string, id: string, en: string, ms: number, section: string, requiresApproval: boolean) {
  return {
    code, group, requiresApproval,
    name: { id, en },
    description: { id, en },
    fulfilmentTarget: { ms, basis: 'calendar' as const, source: at(section) },
    availability: '24/7',
  };
}
