// Standar Pelayanan Pemeliharaan Aplikasi Sistem Informasi di Lingkungan Sekretariat Wakil Presiden
// (Kementerian Sekretariat Negara; seed 002_adc557fcd4c5244c.txt). A service standard for one
// service — application maintenance — with step durations (Bagian Kedua B) and a guarantee (J.2).
//
// Time basis: the steps say "(1 hari)", "(3 hari)", "(5 Hari)"; the service "dilaksanakan pada jam
// kerja kedinasan" (G), the week of checks is "5 hari kerja" (B.3.a) and the guarantee is "1 hari
// kerja" (J.2). So a step day is a working day: stored as working time, 7.5 working hours per day
// (see WORKING_DAY in defaults.ts). The "(30 menit)" of the direction step is working time too.
//
// Eselon: the seed names the posts (Kepala Biro, Kepala Bagian, Kepala Subbagian) but no eselon.
import type { Profile } from '../profile.ts';
import { profileData } from '../profileData.ts';
import {
  DEFAULT_SATISFACTION_SOURCE, DEFAULT_SLA, MINUTE, WORKING_DAY,
  defaultCalendar, seedSource, sigap,
  DEFAULT_EVALUATION_CHAPTERS, DEFAULT_EVALUATION_ANALYSIS, DEFAULT_EVALUATION_APPROVER,
} from './defaults.ts';

const SEED = '002_adc557fcd4c5244c.txt';
const at = seedSource(SEED);
const SCOPE = at('Bagian Kesatu D «Ruang Lingkup»; B.3 «Pemeliharaan Sistem Informasi»');
const days = (n: number, stated: string, section: string) => ({ ms: n * WORKING_DAY, basis: 'working' as const, stated, source: at(section) });

export const setwapres = (): Profile => profileData({
  id: 'setwapres',
  name: { id: 'Sekretariat Wakil Presiden', en: 'Secretariat of the Vice President' },
  regulation: { seed: SEED, title: 'Standar Pelayanan Pemeliharaan Aplikasi Sistem Informasi di Lingkungan Sekretariat Wakil Presiden' },
  timezone: 'Asia/Jakarta',
  roles: [
    { id: 'requester', title: { id: 'Pengguna pelayanan (unit kerja/pejabat/pegawai)', en: 'Service user (work unit, official, employee)' }, source: at('Bagian Kesatu D.5 «Pengguna pelayanan adalah satuan organisasi/unit kerja/pejabat/pegawai yang terkait di lingkungan Sekretariat Wakil Presiden»') },
    { id: 'service_desk', title: { id: 'Kepala Subbagian Sistem Informasi beserta staf', en: 'Head of the Information Systems subsection and staff' }, source: at('Bagian Kesatu D.2 «Pelaksana pelayanan adalah Kepala Subbagian Sistem Informasi beserta staf yang dikoordinasikan oleh Kepala Bagian Teknologi Informasi»') },
    { id: 'technical_team', title: { id: 'Pranata Komputer', en: 'Computer officer (pranata komputer)' }, source: at('B.4 «Pemeriksaan ini dilakukan oleh pranata komputer»') },
    { id: 'service_coordinator', title: { id: 'Kepala Bagian Teknologi Informasi', en: 'Head of the IT section' }, source: at('Bagian Kesatu D.2 «dikoordinasikan oleh Kepala Bagian Teknologi Informasi»') },
    { id: 'head_of_unit', title: { id: 'Kepala Biro Tata Usaha, Teknologi Informasi dan Kepegawaian', en: 'Head of the Bureau of Administration, IT and Personnel' }, source: at('Bagian Kesatu D.3 «Penanggung jawab pelayanan adalah Biro Tata Usaha, Teknologi Informasi dan Kepegawaian»') },
    { id: 'vendor', title: { id: 'Penyedia', en: 'Vendor' }, source: at('Bagian Kesatu D.8.c «Penyedia adalah suatu perusahaan/badan usaha yang mendapatkan pekerjaan dalam penyediaan barang/jasa sistem informasi manajemen»') },
    { id: 'administrator', title: { id: 'Administrator Sigap', en: 'Sigap administrator' }, source: sigap('system role: profile, catalogue and calendar administration') },
  ],
  documentKinds: [
    { id: 'laporan_kerusakan', title: { id: 'Laporan kerusakan tertulis', en: 'Written damage report' }, source: at('C.2 «Mengajukan laporan kerusakan tertulis dari unit kerja terkait kepada Biro Tata Usaha, Teknologi Informasi dan Kepegawaian»') },
  ],
  requestFulfilment: {
    serviceDeskRole: 'service_desk',
    executorRoles: ['service_desk', 'technical_team'],
    // H.1: complaints about the service go to the Kepala Biro.
    escalationRole: 'head_of_unit',
    // No approval step in the SOP; the Kepala Bagian TI assigns the work (B.4.b).
    defaultApproverRole: 'service_coordinator',
    satisfactionScale: { min: 1, max: 5, source: DEFAULT_SATISFACTION_SOURCE('setwapres has no satisfaction survey') },
  },
  catalogue: [
    {
      code: 'SETWAPRES-PEMELIHARAAN', group: 'Pemeliharaan Aplikasi', requiresApproval: false,
      name: { id: 'Pemeliharaan aplikasi sistem informasi', en: 'Information system application maintenance' },
      description: { id: 'Laporan kerusakan sistem informasi dan perbaikannya', en: 'Report of a broken information system and its repair' },
      fulfilmentTarget: {
        ms: 15 * WORKING_DAY, basis: 'working', stated: '15 hari kerja',
        source: sigap('setwapres sets no end-to-end target; Sigap adds up the timed SOP steps of the heavy-damage path: report 1 + notify IT 1 + assign 1 + notify vendor 1 + repair 3 + test 2 + backup 5 + report 1 = 15 working days (Bagian Kedua B.3.b–B.7; analysis is untimed)'),
      },
      requiredDocuments: ['laporan_kerusakan'],
      availability: 'Jam kerja kedinasan; di luar jam kerja bila diperlukan',
      helpHours: 'Jam kerja kedinasan',
    },
  ],

  calendar: defaultCalendar('the Secretariat of the Vice President in Jakarta', 'setwapres serves "pada jam kerja kedinasan" (G) without stating the hours.'),
  sla: DEFAULT_SLA,

  classification: null,
  incident: null,
  maintenanceSupport: null,

  // Bagian Kedua B Uraian Prosedur. A case starts with a user's damage report (B.3.b); the direction
  // and scheduling steps (B.1–B.2) run the programme of routine maintenance.
  maintenanceSop: {
    firstStep: 'receive_report',
    steps: [
      step('direction', 'Arahan Kepala Biro kepada Kepala Bagian TI untuk melaksanakan pemeliharaan', 'The bureau head directs the IT section to carry out maintenance', 'head_of_unit',
        { ms: 30 * MINUTE, basis: 'working', stated: '30 menit', source: at('B.1 «kajian berjangka terhadap sistem informasi di lingkungan Sekretariat Wakil Presiden (30 menit)»') },
        [{ to: 'schedule' }], 'B.1 «Kepala Biro Tata Usaha, Teknologi Informasi dan Kepegawaian memberikan arahan kepada Kepala Bagian Teknologi Informasi»'),
      step('schedule', 'Penyusunan jadwal pemeliharaan (rutin dan laporan kerusakan)', 'Draw up the maintenance schedule (routine and damage reports)', 'service_coordinator', null,
        [], 'B.2 «menugaskan Kepala Subbagian Sistem Informasi untuk menyusun jadwal pemeliharaan»'),
      step('receive_report', 'Menerima laporan kerusakan sistem dari pengguna (telepon dan/atau memorandum)', 'Receive the user\'s damage report (phone and/or memo)', 'service_desk',
        days(1, '1 hari', 'B.3.b «melalui telepon dan/atau memorandum (1 hari)»'),
        [{ to: 'examine' }], 'B.3.b «Menerima laporan pengguna tentang kerusakan sistem»'),
      // B.5 "Apabila tidak terdapat kerusakan sistem maka dilakukan backup": read as applying both
      // when the examination finds no damage and when the test after a repair passes (B.4.g).
      step('examine', 'Pemeriksaan apakah benar terjadi kerusakan', 'Check whether the system is really broken', 'technical_team', null,
        [{ to: 'notify_it', when: { id: 'ditemukan kerusakan', en: 'damage found' } }, { to: 'backup', when: { id: 'tidak terdapat kerusakan', en: 'no damage' } }],
        'B.4 «sistem akan diperiksa lebih lanjut untuk memeriksa apakah benar terjadi kerusakan»'),
      step('notify_it', 'Pemberitahuan kepada Bagian TI tentang adanya kerusakan', 'Notify the IT section of the damage', 'technical_team',
        days(1, '1 hari', 'B.4.a «tentang adanya kerusakan pada sistem (1 hari)»'),
        [{ to: 'assign' }], 'B.4.a «Pemberitahuan kepada Bagian Teknologi Informasi tentang adanya kerusakan pada sistem»'),
      step('assign', 'Penugasan pejabat/pegawai terkait untuk menindaklanjuti', 'Assign an official to follow up', 'service_coordinator',
        days(1, '1 hari', 'B.4.b «menugaskan pejabat/pegawai terkait untuk menindaklanjuti laporan (1 hari)»'),
        [{ to: 'analyse' }], 'B.4.b «menugaskan pejabat/pegawai terkait untuk menindaklanjuti laporan»'),
      step('analyse', 'Analisa sistem secara keseluruhan (perangkat lunak, database, perangkat keras)', 'Analyse the whole system (software, database, hardware)', 'technical_team', null,
        [{ to: 'repair_in_house', when: { id: 'kerusakan ringan', en: 'light damage' } }, { to: 'notify_vendor', when: { id: 'kerusakan berat', en: 'heavy damage' } }],
        'B.4.c «melakukan analisa sistem secara keseluruhan, mulai dari perangkat lunak dan database hingga perangkat keras pendukung system»'),
      step('repair_in_house', 'Perbaikan secara swakelola', 'Repair in-house (swakelola)', 'technical_team', null,
        [{ to: 'test' }], 'B.4.c «Jika kerusakan sistem yang ditemukan tergolong ringan maka perbaikan akan dilakukan secara swakelola»'),
      step('notify_vendor', 'Pemberitahuan kepada penyedia yang terkait', 'Notify the vendor', 'technical_team',
        days(1, '1 Hari', 'B.4.d «akan dilakukan pemberitahuan kepada penyedia yang terkait (1 Hari)»'),
        [{ to: 'vendor_repair' }], 'B.4.d «apabila kerusakan tergolong berat maka akan dilakukan pemberitahuan kepada penyedia yang terkait»'),
      step('vendor_repair', 'Perbaikan oleh pihak terkait', 'Repair by the vendor', 'vendor',
        days(3, '3 hari', 'B.4.e «Perbaikan kemudian dilakukan oleh pihak terkait (3 hari)»'),
        [{ to: 'test' }], 'B.4.e «Perbaikan kemudian dilakukan oleh pihak terkait»'),
      step('test', 'Uji coba sistem yang telah diperbaiki', 'Test the repaired system', 'technical_team',
        days(2, '2 hari', 'B.4.f «untuk memastikan bahwa sistem dapat berfungsi kembali dengan baik (2 hari)»'),
        [
          { to: 'vendor_repair', when: { id: 'masih rusak; diperbaiki penyedia', en: 'still broken; repaired by the vendor' } },
          { to: 'repair_in_house', when: { id: 'masih rusak; diperbaiki swakelola', en: 'still broken; repaired in-house' } },
          { to: 'backup', when: { id: 'berfungsi dengan baik', en: 'works' } },
        ],
        'B.4.g «Jika masih ditemukan kerusakan pada sistem, maka sistem akan dikembalikan kepada pihak terkait yang melakukan perbaikan»'),
      step('backup', 'Backup sistem dan database', 'Back up the system and the database', 'technical_team',
        days(5, '5 Hari', 'B.5 «maka dilakukan backup sistem dan database (5 Hari)»'),
        [{ to: 'back_to_normal' }], 'B.5 «Proses ini dilakukan oleh pranata komputer yang bertugas melakukan backup sistem informasi dan database»'),
      step('back_to_normal', 'Sistem bekerja normal kembali dan siap diakses', 'The system works again and is open to users', 'technical_team', null,
        [{ to: 'report' }], 'B.6 «Sistem dapat bekerja normal kembali dan siap untuk diakses oleh pengguna»'),
      step('report', 'Laporan hasil perbaikan dan pemeliharaan kepada Kepala Bagian TI', 'Report the repair and maintenance to the head of the IT section', 'service_desk',
        days(1, '1 Hari', 'B.7 «dilengkapi dengan dokumen pendukung (1 Hari)»'),
        [], 'B.7 «Penyampaian laporan hasil perbaikan dan pemeliharaan sistem kepada Kepala Bagian Teknologi Informasi»'),
    ],
    routineCheck: { every: 'working_day', actorRole: 'technical_team', source: at('B.3.a «Pengecekan terhadap sistem informasi dan database dilakukan setiap hari sehingga dalam seminggu membutuhkan waktu 5 hari kerja»') },
    complaintFollowUp: days(1, '1 hari kerja', 'J.2 «Pengaduan terhadap tidak berfungsinya aplikasi ditindaklanjuti maksimal 1 hari kerja setelah pengaduan diterima»'),
    complaints: { role: 'head_of_unit', delegateRole: 'service_coordinator', source: at('H.1 «ditujukan kepada Kepala Biro Tata Usaha, Teknologi Informasi dan Kepegawaian» H.2 «dapat mendelegasikan wewenang kepada Kepala Bagian Teknologi Informasi»') },
  },
  change: null,
  release: null,
  disaster: null,
  availabilityReport: null,

  // L. Evaluasi Kinerja Pelaksana.
  evaluation: {
    cadence: { atLeast: 1, perMonths: 12, source: at('L.1 «Evaluasi dilakukan secara berkala minimal 1 kali dalam 1 tahun»') },
    chapters: DEFAULT_EVALUATION_CHAPTERS('setwapres L evaluates the executors\' performance without report chapters', [
      { id: 'A', title: { id: 'Evaluasi Penyelenggaraan Permintaan Layanan', en: 'Service requests' }, measures: ['requests', 'satisfaction'], role: 'service_coordinator' },
      { id: 'B', title: { id: 'Evaluasi Pemeliharaan dan Perbaikan', en: 'Maintenance and repairs' }, measures: ['maintenance'], role: 'technical_team' },
    ]),
    chapterContents: [],
    reviews: [],
    maturityLevels: [],
    improvement: null,
    analysisWithin: DEFAULT_EVALUATION_ANALYSIS('setwapres L sets no deadline for the evaluation'),
    approvedBy: DEFAULT_EVALUATION_APPROVER('setwapres L names no approver of the evaluation'),
  },
  problemReview: null,
  segregationOfDuties: null,

  gaps: [
    { path: 'availabilityReport', reason: { id: 'Tidak mengatur laporan ketersediaan layanan bulanan', en: 'No monthly availability report' }, source: SCOPE },
    { path: 'classification', reason: { id: 'Tidak ada klasifikasi layanan', en: 'No service classification' }, source: SCOPE },
    { path: 'incident', reason: { id: 'Laporan kerusakan ditangani melalui prosedur pemeliharaan (maintenanceSop)', en: 'Damage reports follow the maintenance procedure (maintenanceSop); no priorities or response targets beyond J.2' }, source: SCOPE },
    { path: 'maintenanceSupport', reason: { id: 'Tidak ada tingkat urgensi', en: 'No urgency levels' }, source: SCOPE },
    { path: 'change', reason: { id: 'Tidak mengatur manajemen perubahan', en: 'Change management is not in scope' }, source: SCOPE },
    { path: 'release', reason: { id: 'Tidak mengatur rilis', en: 'Release is not in scope' }, source: SCOPE },
    { path: 'disaster', reason: { id: 'Tidak mengatur pemulihan bencana (hanya backup berkala, K.3)', en: 'No disaster recovery (only periodic backups, K.3)' }, source: at('K.3 «Setiap informasi yang ada dilakukan penggandaan (backup) secara berkala»') },
    { path: 'problemReview', reason: { id: 'Tidak ada reviu masalah', en: 'No problem review' }, source: SCOPE },
    { path: 'segregationOfDuties', reason: { id: 'Hanya supervisi atasan langsung dan SPIP (I), bukan pemisahan tugas', en: 'Only direct supervision and internal control (I), no segregation of duties' }, source: at('I.1 «Supervisi atasan langsung»') },
    { path: 'evaluation.reviews', reason: { id: 'Monitoring aplikasi dilakukan secara berkala tanpa periode', en: 'Application monitoring is "periodic" without a period' }, source: at('L.2 «Monitoring terhadap aplikasi dilakukan secara berkala»') },
  ],
});

type Step = {
  id: string; title: { id: string; en: string }; actorRole: string;
  duration: { ms: number; basis: 'working' | 'calendar'; stated: string; source: { seed: string; section: string } } | null;
  next: Array<{ to: string; when?: { id: string; en: string } }>;
  source: { seed: string; section: string };
};

function step(id: string, titleId: string, titleEn: string, actorRole: string, duration: Step['duration'], next: Step['next'], section: string): Step {
  return { id, title: { id: titleId, en: titleEn }, actorRole, duration, next, source: at(section) };
}
