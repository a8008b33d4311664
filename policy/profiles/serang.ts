// Perbup Serang 49/2024, Pedoman Manajemen Layanan SPBE (seed 001_77b5a6378d6d5a17.txt).
// Sections are cited as in the Lampiran (BAB IV A–E) with the seed's own words in «…».
//
// Time basis: no target in this seed says "hari kerja" or "jam kerja"; Tabel 4.2 and Tabel 4.4 give
// plain "<3 jam", "<14 hari", "<15 menit" … counted "sejak diajukannya permintaan layanan hingga
// pengguna layanan telah mengkonfirmasi" (A.1.a) and "sejak pelaporan gangguan" (A.1.b), i.e.
// elapsed time. So every serang target is calendar time.
//
// Seed quirks: three different tables are captioned or cited as "Tabel 4.4" (the priority matrix
// and its targets — cited in A.1.b, caption lost in OCR —, "Mekanisme Penilaian dan Deklarasi
// Bencana" in C.3, cited there as "Tabel 4.8", and "Kategori Rilis" in D.3.5, cited there as
// "tabel X"). Sections below name the table by caption as well as by number.
import type { Profile } from '../profile.ts';
import { profileData } from '../profileData.ts';
import { DEFAULT_RECURRENCE_THRESHOLD, DEFAULT_DISASTER_PROGRESS, DEFAULT_DRP_APPROVAL, DEFAULT_AVAILABILITY_ACK,
  DAY, DEFAULT_CHANGE_DECISION, DEFAULT_RETROSPECTIVE_APPROVAL, DEFAULT_SLA, HOUR, MINUTE,
  defaultCalendar, seedSource, sigap,
  DEFAULT_CHAPTER_ANALYST, DEFAULT_EVALUATION_ANALYSIS, DEFAULT_EVALUATION_APPROVER,
} from './defaults.ts';

const SEED = '001_77b5a6378d6d5a17.txt';
const at = seedSource(SEED);
const cal = (ms: number, stated: string, section: string) => ({ ms, basis: 'calendar' as const, stated, source: at(section) });
const SCOPE = at('BAB I D «Ruang Lingkup pembahasan mencakup»');

export const serang = (): Profile => profileData({
  id: 'serang',
  name: { id: 'Kabupaten Serang (Perbup 49/2024)', en: 'Serang Regency (Regent Regulation 49/2024)' },
  regulation: { seed: SEED, title: 'Peraturan Bupati Serang No. 49 Tahun 2024 tentang Pedoman Manajemen Layanan SPBE', year: 2024 },
  timezone: 'Asia/Jakarta',
  roles: [
    { id: 'requester', title: { id: 'Pengguna Layanan / Pemohon', en: 'Service user / requester' }, source: at('BAB IV B.1.4 «Permintaan Layanan (Service Request) merupakan permintaan yang diajukan oleh Pemohon Layanan»') },
    { id: 'service_desk', title: { id: 'Pengelola Layanan', en: 'Service desk' }, source: at('BAB III «Pengelola Layanan merupakan pejabat/pegawai yang ditunjuk oleh Penyedia Layanan»') },
    { id: 'technical_team', title: { id: 'Pengelola Teknis', en: 'Technical team' }, source: at('BAB III «Pengelola Teknis merupakan tim pelaksana yang ditunjuk sebagai penanggung jawab teknis»') },
    { id: 'service_owner', title: { id: 'Penyedia Layanan', en: 'Service owner' }, eselon: 'II', eselonIsMinimum: true, source: at('BAB IV D.3.5 «Persetujuan Penyedia Layanan dilakukan oleh pejabat setingkat minimal eselon II (Direktur/Kepala Dinas/Kepala Pusat)»') },
    { id: 'service_coordinator', title: { id: 'Koordinator Layanan', en: 'Service coordinator' }, eselon: 'III', eselonIsMinimum: true, source: at('BAB III «Koordinator Layanan memiliki tugas utama mengawasi kualitas penyelenggaraan seluruh layanan SPBE» «Kedua koordinator ini merupakan pejabat setingkat minimal eselon III (Kabid/Koordinator)»') },
    { id: 'recovery_coordinator', title: { id: 'Koordinator Pemulihan', en: 'Recovery coordinator' }, eselon: 'III', eselonIsMinimum: true, source: at('BAB III «Koordinator Pemulihan memiliki tugas utama memastikan keberlangsungan seluruh layanan SPBE» «Kedua koordinator ini merupakan pejabat setingkat minimal eselon III (Kabid/Koordinator)»') },
    { id: 'head_of_unit', title: { id: 'Kepala Dinas', en: 'Head of unit' }, eselon: 'II', eselonIsMinimum: true, source: at('BAB IV C.3.2 «pejabat setingkat minimal eselon II (Direktur/Kepala Dinas/Kepala Pusat)»') },
    { id: 'administrator', title: { id: 'Administrator Sigap', en: 'Sigap administrator' }, source: sigap('system role: profile, catalogue and calendar administration') },
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
    satisfactionScale: { min: 1, max: 5, source: at('BAB IV B.2.6 «skala 1 (Tidak Puas) hingga 5 (Memuaskan)»') },
  },
  // Tabel 4.2 Pedoman Penetapan Target Pemenuhan Layanan SPBE: one item per service group, plus the
  // SRIKANDI example from the Formulir A catalogue (target 1 jam). Calendar time (see the header).
  catalogue: [
    item('AKUN-EMAIL', 'Akun Layanan', 'Pembuatan akun e-mail / reset password / perubahan hak akses', 'E-mail account, password reset or access change',
      3 * HOUR, '<3 jam', 'Tabel 4.2 Akun Layanan «perubahan hak akses <3 jam»', false),
    item('HOSTING-APP', 'Hosting Aplikasi', 'Penyediaan server (virtual machine), hosting aplikasi beserta pengujian keamanan', 'Virtual machine, application hosting and security test',
      14 * DAY, '<14 hari', 'Tabel 4.2 Hosting Aplikasi «beserta pengujian keamanan <14 hari»', true),
    item('DUKUNGAN-PL', 'Dukungan Perangkat Lunak', 'Dukungan penggunaan perangkat lunak berlisensi', 'Licensed software support',
      1 * DAY, '<1 hari', 'Tabel 4.2 Dukungan Perangkat Lunak «penggunaan perangkat lunak berlisensi <1 hari»', false),
    item('JARINGAN-LAN', 'Infrastruktur Jaringan', 'Penyediaan titik jaringan LAN/WLAN', 'LAN/WLAN network point',
      3 * DAY, '<3 hari', 'Tabel 4.2 Infrastruktur Jaringan «titik jaringan LAN/WLAN <3 hari»', true),
    item('PERANGKAT-KANTOR', 'Perangkat Perkantoran', 'Penggantian perangkat perkantoran atau suku cadang', 'Office device or spare part replacement',
      3 * DAY, '<3 hari', 'Tabel 4.2 Perangkat Perkantoran «penggantian perangkat atau sparepart <3 hari»', false),
    item('VICON', 'Video Conferencing', 'Dukungan kegiatan video conferencing dan live streaming', 'Video conferencing and live streaming support',
      3 * DAY, '<3 hari', 'Tabel 4.2 Video Conferencing «video conferencing, live streaming <3 hari»', false),
    item('SRIKANDI-AKUN', 'Akun Layanan', 'Akun SRIKANDI: pembuatan akun, reset password', 'SRIKANDI account: create, reset password',
      1 * HOUR, '1 Jam', 'Katalog Layanan contoh SRIKANDI «Target Pemenuhan Layanan 1 Jam»', false),
  ],

  calendar: defaultCalendar('Kabupaten Serang (Banten)', 'Perbup Serang names no working hours (its only hours are the SRIKANDI example help window 08.00–16.00 of ANRI and a "24 jam selama 5 hari kerja (Senin-jumat)" availability example, BAB IV A.3.a).'),
  sla: DEFAULT_SLA,

  // BAB IV A.1 Klasifikasi Sistem and Tabel 4.1 Pedoman Penetapan Klasifikasi Sistem.
  classification: {
    levels: [
      {
        id: 'kritis', title: { id: 'Kritis', en: 'Critical' },
        description: { id: 'Toleransi gangguan sangat rendah; tidak dapat diselenggarakan secara manual', en: 'Very low tolerance of disruption; cannot be run manually' },
        requiresRtoRpo: { value: true, source: at('BAB IV A.1 «klasifikasi Kritis wajib menentukan besaran RTO dan RPO»') },
        requiresDrp: { value: true, source: at('BAB IV A.1 «serta wajib memiliki Rencana Pemulihan Bencana (DRP)»') },
        requiresAvailabilityTarget: { value: true, source: at('BAB IV A.3.a «Target Ketersediaan wajib ditetapkan terhadap layanan dengan klasifikasi Kritis dan Esensial»') },
        source: at('BAB IV A.1 «Klasifikasi Kritis ditujukan bagi layanan yang memiliki toleransi gangguan sangat rendah sehingga tidak dapat diselenggarakan secara manual»'),
      },
      {
        id: 'esensial', title: { id: 'Esensial', en: 'Essential' },
        description: { id: 'Toleransi gangguan lebih tinggi; dapat tertunda atau diselenggarakan secara manual dalam waktu singkat', en: 'Higher tolerance; may be delayed or run manually for a short time' },
        requiresRtoRpo: { value: false, source: at('BAB IV A.3.b «Untuk klasifikasi layanan lainnya, layanan dapat menentukan RPO dan RTO»') },
        requiresDrp: { value: false, source: at('BAB IV C.3.1 «Rencana Pemulihan Bencana (DRP) terhadap keseluruhan layanan kritis»') },
        requiresAvailabilityTarget: { value: true, source: at('BAB IV A.3.a «Target Ketersediaan wajib ditetapkan terhadap layanan dengan klasifikasi Kritis dan Esensial»') },
        source: at('BAB IV A.1 «Klasifikasi Esensial ditujukan bagi layanan yang memiliki toleransi gangguan lebih tinggi»'),
      },
      {
        id: 'normal', title: { id: 'Normal', en: 'Normal' },
        description: { id: 'Toleransi gangguan tinggi', en: 'High tolerance of disruption' },
        requiresRtoRpo: { value: false, source: at('BAB IV A.3.b «Untuk klasifikasi layanan lainnya, layanan dapat menentukan RPO dan RTO»') },
        requiresDrp: { value: false, source: at('BAB IV C.3.1 «Rencana Pemulihan Bencana (DRP) terhadap keseluruhan layanan kritis»') },
        requiresAvailabilityTarget: { value: false, source: at('BAB IV A.3.a «Target Ketersediaan wajib ditetapkan terhadap layanan dengan klasifikasi Kritis dan Esensial»') },
        source: at('BAB IV A.1 «Klasifikasi Normal ditujukan bagi layanan di luar kedua klasifikasi tersebut karena memiliki toleransi gangguan yang tinggi»'),
      },
    ],
    // Tabel 4.1 has five rows and covers 7 of the 12 combinations. The remaining five follow the
    // table's own pattern by user scope (Regional → Esensial, Instansi → Normal) as Sigap defaults;
    // the seed says the table may be followed ("dapat mengikuti pedoman kriteria"), so the
    // Koordinator Layanan confirms them.
    rules: [
      { natures: ['administrasi'], bases: ['umum', 'khusus'], scopes: ['nasional'], classification: 'kritis', source: at('Tabel 4.1 «Layanan Administrasi Pemerintahan Aplikasi Umum/Khusus Nasional Kritis»') },
      { natures: ['publik'], bases: ['umum', 'khusus'], scopes: ['nasional'], classification: 'kritis', source: at('Tabel 4.1 «Layanan Publik Aplikasi Nasional Kritis» (basis Umum/Khusus on the next OCR line)') },
      { natures: ['administrasi'], bases: ['khusus'], scopes: ['regional'], classification: 'esensial', source: at('Tabel 4.1 «Layanan Administrasi Pemerintahan Aplikasi Khusus Regional Esensial»') },
      { natures: ['publik'], bases: ['khusus'], scopes: ['regional'], classification: 'esensial', source: at('Tabel 4.1 «Layanan Publik Aplikasi Khusus Regional Esensial»') },
      { natures: ['administrasi'], bases: ['khusus'], scopes: ['instansi'], classification: 'normal', source: at('Tabel 4.1 «Layanan Administrasi Pemerintahan Aplikasi Khusus Instansi Normal»') },
      { natures: ['publik', 'administrasi'], bases: ['umum'], scopes: ['regional'], classification: 'esensial', source: sigap('Tabel 4.1 has no row for Aplikasi Umum with Regional scope; Sigap follows the table\'s Regional rows (Esensial)') },
      { natures: ['publik'], bases: ['umum', 'khusus'], scopes: ['instansi'], classification: 'normal', source: sigap('Tabel 4.1 has no row for Layanan Publik with Instansi scope; Sigap follows the table\'s Instansi row (Normal)') },
      { natures: ['administrasi'], bases: ['umum'], scopes: ['instansi'], classification: 'normal', source: sigap('Tabel 4.1 has no row for Aplikasi Umum with Instansi scope; Sigap follows the table\'s Instansi row (Normal)') },
    ],
  },

  // BAB IV A.1.b Target Penanganan Gangguan: the matrix and the targets the Koordinator Layanan
  // sets "berpedoman pada Tabel 4.4" (= Formulir B, Prioritas Penanganan Gangguan).
  incident: {
    impacts: [
      { id: 'mayor', title: { id: 'Mayor', en: 'Major' }, description: { id: 'Layanan gagal beroperasi secara keseluruhan', en: 'The whole service is down' }, source: sigap('serang Tabel 4.4 names Mayor and Minor without defining them; Sigap uses the definitions of yogyakarta Tabel 2 (Keterangan)') },
      { id: 'minor', title: { id: 'Minor', en: 'Minor' }, description: { id: 'Layanan masih beroperasi namun mengalami penurunan kinerja atau gangguan pada salah satu fungsi', en: 'The service runs but is degraded or one function is broken' }, source: sigap('serang Tabel 4.4 names Mayor and Minor without defining them; Sigap uses the definitions of yogyakarta Tabel 2 (Keterangan)') },
    ],
    priorities: [
      priority('P1', 15 * MINUTE, '<15 menit', 12 * HOUR, '<12 jam', 'Tabel 4.4 (Formulir B) «P1 <15 menit <12 jam»'),
      priority('P2', 30 * MINUTE, '<30 menit', 24 * HOUR, '<24 jam', 'Tabel 4.4 (Formulir B) «P2 <30 menit <24 jam»'),
      priority('P3', 1 * HOUR, '<1 jam', 36 * HOUR, '<36 jam', 'Tabel 4.4 (Formulir B) «P3 <1 jam <36 jam»'),
      priority('P4', 90 * MINUTE, '<1,5 jam', 48 * HOUR, '<48 jam', 'Tabel 4.4 (Formulir B) «P4 <1,5 jam <48 jam»'),
      priority('P5', 2 * HOUR, '<2 jam', 60 * HOUR, '<60 jam', 'Tabel 4.4 (Formulir B) «P5 <2 jam <60 jam»'),
      priority('P6', 150 * MINUTE, '<2,5 jam', 72 * HOUR, '<72 jam', 'Tabel 4.4 (Formulir B) «P6 <2,5 jam <72 jam»'),
    ],
    priorityMatrix: [
      ...row('mayor', 'publik', ['P1', 'P2', 'P3'], 'Tabel 4.4 «Mayor Layanan Publik P1 P2 P3»'),
      ...row('mayor', 'administrasi', ['P2', 'P3', 'P4'], 'Tabel 4.4 «Mayor Layanan Administrasi Pemerintahan P2 P3 P4»'),
      ...row('minor', 'publik', ['P3', 'P4', 'P5'], 'Tabel 4.4 «Minor Layanan Publik P3 P4 P5»'),
      ...row('minor', 'administrasi', ['P4', 'P5', 'P6'], 'Tabel 4.4 «Minor Layanan Administrasi Pemerintahan P4 P5 P6»'),
    ],
    clocks: [
      { id: 'response', starts: { id: 'Pelaporan gangguan', en: 'Report' }, stops: { id: 'Respons pertama Pengelola Layanan', en: 'First response by the service desk' }, source: at('BAB IV A.1.b «Target Waktu Tanggap dihitung sejak pelaporan gangguan hingga direspon pertama kali oleh Pengelola Layanan»') },
      { id: 'resolution', starts: { id: 'Pelaporan gangguan', en: 'Report' }, stops: { id: 'Konfirmasi pengguna bahwa gangguan selesai', en: 'The user confirms the fix' }, source: at('BAB IV A.1.b «Target Waktu Penyelesaian dihitung sejak pelaporan gangguan hingga pengguna layanan telah mengkonfirmasi terselesaikannya gangguan»') },
    ],
    escalation: [
      { level: 1, leadRole: 'service_desk', trigger: { kind: 'start' }, triggerSource: at('BAB IV B.1.3 «Pengelola Layanan memberikan pelayanan kepada pengguna yang terdiri dari Permintaan Layanan dan Penanganan Gangguan»'), source: at('BAB IV B.1.3 «Pengelola Layanan memberikan pelayanan kepada pengguna»') },
      {
        level: 2, leadRole: 'technical_team',
        trigger: { kind: 'share_of_target', permille: 500 },
        triggerSource: sigap('B.3.1 has the service desk escalate by ticket to the Pengelola Teknis but sets no time; Sigap escalates at the latest at 50 % of the resolution target'),
        source: at('BAB IV B.3.1 «Pengelola Layanan melakukan eskalasi bantuan dalam bentuk pengajuan tiket gangguan kepada Pengelola Teknis»'),
      },
      {
        level: 3, leadRole: 'service_owner', assistingRoles: ['technical_team'],
        trigger: { kind: 'estimate_exceeded' },
        triggerSource: at('BAB IV B.3.3 «Apabila penanganan gangguan telah melebihi waktu estimasi, Pengelola Teknis harus mengkomunikasikan perkembangan penanganan hingga diketahui Penyedia Layanan»'),
        source: at('BAB IV B.3.3 «Keputusan yang dapat dipertimbangkan dalam kondisi ini adalah melanjutkan pada kegiatan Pemulihan Layanan»'),
      },
    ],
    problemEscalation: { role: 'technical_team', source: at('BAB IV B.3.3 «Penanganan gangguan yang belum terselesaikan secara tuntas ditindaklanjuti dalam kegiatan pemeriksaan berkala penanganan gangguan»') },
    securityIncidents: null,
  },
  maintenanceSupport: null,
  maintenanceSop: null,

  // BAB IV D.3.5, table "Kategori Rilis" (captioned Tabel 4.4, cited as "tabel X").
  change: {
    categories: [
      {
        id: 'standard', title: { id: 'Standar ("Rutin")', en: 'Standard (routine)' },
        criteria: { id: 'Perubahan umum dengan instruksi baku, repeatable, berisiko rendah', en: 'Common change with a standard, repeatable, low-risk instruction' },
        approval: 'none', executorRole: 'technical_team',
        source: at('Tabel 4.4 Kategori Rilis «Perubahan dapat langsung dilaksanakan oleh Pengelola Teknis tanpa membutuhkan persetujuan»'),
      },
      {
        id: 'emergency', title: { id: 'Emergency', en: 'Emergency' },
        criteria: { id: 'Perubahan/perbaikan yang harus segera dilakukan seperti memulihkan layanan', en: 'A change or fix that must be done now, e.g. to restore service' },
        approval: 'after', approverRole: 'service_owner', executorRole: 'technical_team',
        source: at('Tabel 4.4 Kategori Rilis «Perubahan dapat segera dilaksanakan oleh Pengelola Teknis dengan sesudahnya meminta persetujuan Penyedia Layanan»'),
        retrospectiveApprovalWithin: DEFAULT_RETROSPECTIVE_APPROVAL('serang asks for approval "sesudahnya" without a deadline'),
      },
      {
        id: 'normal', title: { id: 'Normal', en: 'Normal' },
        criteria: { id: 'Perubahan di luar kategori Rutin maupun Emergency, seperti hasil Pengembangan Layanan', en: 'Any other change, e.g. the result of service development' },
        approval: 'before', approverRole: 'service_owner', executorRole: 'technical_team',
        source: at('Tabel 4.4 Kategori Rilis «seperti hasil dari kegiatan Pengembangan Layanan, di mana harus mendapatkan persetujuan Penyedia Layanan»'),
        decisionWithin: DEFAULT_CHANGE_DECISION('Tabel 4.4 requires the approval of the Penyedia Layanan without a deadline'),
      },
    ],
    kinds: [],
    steps: [],
    forum: null,
    highImpactRoute: null,
    maintenancePeriodAfterHandover: null,
  },

  // BAB IV D.3 Rilis Layanan.
  release: {
    triggers: [
      { title: { id: 'Perubahan layanan hasil Pengembangan Layanan', en: 'Service change from service development' }, source: at('BAB IV D.3.1 «Perubahan layanan sebagai hasil dari Pengembangan Layanan»') },
      { title: { id: 'Perubahan konfigurasi infrastruktur', en: 'Infrastructure configuration change' }, source: at('BAB IV D.3.1 «Perubahan konfigurasi infrastruktur»') },
      { title: { id: 'Perubahan dokumentasi layanan', en: 'Service documentation change' }, source: at('BAB IV D.3.1 «Perubahan dokumentasi layanan»') },
    ],
    planAuthor: { role: 'technical_team', source: at('BAB IV D.1.3 «Pengelolaan Layanan merupakan tanggung jawab dari Pengelola Teknis»') },
    planApprover: { role: 'service_owner', source: at('BAB IV D.3.5 «Dokumen Rencana Rilis harus mendapat persetujuan»') },
    downtimeAgreedWith: { role: 'service_owner', source: at('BAB IV D.3.2 «Periode waktu Penghentian Layanan harus disepakati bersama Penyedia Layanan serta dikomunikasikan kepada para pihak yang terdampak»') },
    rollbackOnFailedCriteria: { value: true, source: at('BAB IV D.3.7 «tidak memenuhi kriteria evaluasi implementasi, maka rencana kontinjensi harus dieksekusi»') },
    postImplementationReview: { value: true, source: at('BAB IV D.3.8 «Rencana Rilis beserta realisasinya harus dievaluasi»') },
    fitnessTests: null,
    handover: null,
    maintenancePeriod: null,
    deploymentMethods: [],
  },

  // BAB IV C.3 Pemulihan Layanan, Tabel 4.3 and Tabel 4.4 (Mekanisme Penilaian dan Deklarasi Bencana).
  disaster: {
    scenarios: [
      scenario('infrastructure_failure', 'Gagal Fungsi Infrastruktur Pusat Kendali dan Pusat Komputasi', 'Control/computing centre infrastructure failure',
        'Kegagalan fungsi perangkat kritis Pusat Data yang pemulihannya diperkirakan lebih dari 3 hari', 'Critical data-centre component failure expected to take more than 3 days',
        cal(3 * DAY, 'lebih dari 3 hari', 'Tabel 4.3 «yang pemulihannya diperkirakan membutuhkan waktu lebih dari 3 hari»'), 'recovery',
        'Tabel 4.3 «Gagal Fungsi Infrastruktur Pusat Kendali dan Pusat Komputasi»'),
      scenario('physical_damage', 'Kerusakan Fisik Infrastruktur Pusat Data', 'Physical damage to the data centre',
        'Kerusakan fisik fasilitas Pusat Data (genangan air, kebakaran) yang pemulihannya diperkirakan lebih dari 3 hari', 'Physical damage (flood, fire) expected to take more than 3 days to repair',
        cal(3 * DAY, 'lebih dari 3 hari', 'Tabel 4.3 «yang diperkirakan pemulihannya membutuhkan waktu lebih dari 3 hari»'), 'recovery',
        'Tabel 4.3 «Kerusakan Fisik Infrastruktur Pusat Data»'),
      scenario('third_party_stop', 'Penghentian Layanan Pihak Ketiga', 'Third-party service stopped',
        'Pihak ketiga penyedia layanan esensial berhenti beroperasi secara permanen', 'An essential third party has stopped operating permanently',
        null, 'recovery', 'Tabel 4.3 «Penghentian Layanan Pihak Ketiga» «telah berhenti beroperasi secara permanen»'),
      // "lebih dari 24 jam, dan/atau … kehilangan data": data loss alone also qualifies.
      scenario('access_failure_downtime_data_loss', 'Kegagalan Akses Layanan Disertai Downtime dan Kehilangan Data', 'Access failure with downtime and data loss',
        'Operasional layanan terhenti lebih dari 24 jam, dan/atau terjadi kehilangan data', 'Service stopped for more than 24 hours and/or data was lost',
        cal(24 * HOUR, 'lebih dari 24 jam', 'Tabel 4.3 «operasional layanan telah terhenti lebih dari 24 jam, dan/atau telah terjadi kehilangan data»'), 'recovery',
        'Tabel 4.3 «Kegagalan Akses Layanan Disertai Downtime dan Kehilangan Data»'),
      scenario('access_failure', 'Kegagalan Akses Layanan', 'Access failure',
        'Kegagalan akses layanan tanpa kehilangan data', 'Users cannot reach the service; no data lost',
        null, 'incident', 'Tabel 4.3 «Kegagalan akses layanan oleh pengguna tanpa adanya kehilangan data.»'),
      scenario('intranet_failure', 'Gagal fungsi infrastruktur Jaringan Intra Pemerintahan', 'Government intranet failure',
        'Kegagalan akses karena gagal fungsi Jaringan Intra Pemerintahan', 'Access failure caused by the government intranet',
        null, 'incident', 'Tabel 4.3 «kegagalan fungsi pada Jaringan Intra Pemerintahan»'),
      scenario('service_bus_failure', 'Gagal fungsi infrastruktur Sistem Penghubung Layanan Pemerintahan', 'Government service bus (SPLP) failure',
        'Kegagalan akses karena gagal fungsi Sistem Penghubung Layanan Pemerintahan', 'Access failure caused by the government service bus',
        null, 'incident', 'Tabel 4.3 «kegagalan fungsi pada Sistem Penghubung Layanan Pemerintahan»'),
    ],
    steps: [
      { step: 1, kind: 'assessment', activity: { id: 'Asesmen kondisi fisik fasilitas Pusat Data beserta fungsi penunjangnya (kelistrikan, suhu)', en: 'Assess the data centre\'s physical condition and support (power, temperature)' }, roles: ['recovery_coordinator', 'service_coordinator'], minEselon: 'III', source: at('Tabel 4.4 Mekanisme Penilaian dan Deklarasi Bencana «Asesmen kondisi fisik fasilitas Pusat Data beserta fungsi penunjangnya» «Pejabat setingkat minimal eselon III (Kabid/ Koordinator)»') },
      { step: 2, kind: 'assessment', activity: { id: 'Asesmen layak fungsi perangkat aktif Pusat Data (server, switch, storage)', en: 'Assess the active devices (servers, switches, storage)' }, roles: ['recovery_coordinator', 'service_coordinator'], minEselon: 'III', source: at('Tabel 4.4 Mekanisme Penilaian dan Deklarasi Bencana «Asesmen layak fungsi perangkat aktif Pusat Data»') },
      { step: 3, kind: 'analysis', activity: { id: 'Analisis hasil asesmen: apakah memenuhi kriteria bencana', en: 'Analyse both assessments against the disaster criteria' }, roles: ['recovery_coordinator', 'service_coordinator'], minEselon: 'III', source: at('Tabel 4.4 Mekanisme Penilaian dan Deklarasi Bencana «menentukan apakah memenuhi kriteria bencana»') },
      { step: 4, kind: 'declaration', activity: { id: 'Mendeklarasikan kondisi bencana, jika kriteria bencana terpenuhi', en: 'Declare the disaster if the criteria are met' }, roles: ['head_of_unit', 'service_owner'], minEselon: 'II', source: at('Tabel 4.4 Mekanisme Penilaian dan Deklarasi Bencana «Mendeklarasikan kondisi bencana, jika kriteria bencana terpenuhi» «Pejabat setingkat minimal eselon II (Direktur/ Kepala Dinas/ Kepala Pusat)»') },
      { step: 5, kind: 'activation', activity: { id: 'Aktivasi DRC', en: 'Activate the disaster recovery centre' }, roles: ['recovery_coordinator'], minEselon: null, source: at('BAB IV C.3.4 «mulai dari deklarasi bencana, aktivasi DRC hingga normalisasi»') },
      { step: 6, kind: 'normalisation', activity: { id: 'Normalisasi ke Pusat Data primer', en: 'Return to the primary data centre' }, roles: ['recovery_coordinator'], minEselon: null, source: at('BAB IV C.3.1 «Aktivitas Normalisasi, yakni mengembalikan seluruh layanan kritis untuk kembali beroperasi pada Pusat Data primer»') },
      { step: 7, kind: 'evaluation', activity: { id: 'Evaluasi DRP (Laporan Evaluasi DRP, Formulir G)', en: 'DRP evaluation report (Formulir G)' }, roles: ['recovery_coordinator'], minEselon: null, source: at('BAB IV C.3.6 «Koordinator Pemulihan melakukan evaluasi»') },
    ],
    drpApproval: { role: 'service_owner', minEselon: 'II', source: at('BAB IV C.3.2 «Dokumen DRP harus mendapat persetujuan dari Penyedia Layanan yaitu pejabat setingkat minimal eselon II»') },
    drpRunBy: { role: 'recovery_coordinator', source: at('BAB IV C.3.4 «Koordinator Pemulihan bertanggung jawab atas pelaksanaan DRP»') },
    drpTest: { atLeast: 1, perMonths: 12, source: at('BAB IV C.3.5 «DRP harus diujicobakan secara berkala minimal satu kali setahun»') },
    rtoRpoFrom: { value: 'declaration', source: at('BAB IV C.3.6 «dihitung sejak bencana dideklarasikan»') },
    minorDisastersAsIncidents: { value: true, source: at('BAB IV C.3.2 «Kejadian bencana yang berdampak kurang signifikan pada penyelenggaraan layanan SPBE diperlakukan sebagai bagian dari Penanganan Gangguan»') },
    continuityOrganisation: [],
    progressUpdateEvery: DEFAULT_DISASTER_PROGRESS('BAB IV C.3.4 «Selama pelaksanaan DRP, Koordinator Pemulihan senantiasa mengkomunikasikan kepada pihak terkait atas perkembangan upaya pemulihan» sets no interval'),
    drpApprovalWithin: DEFAULT_DRP_APPROVAL('BAB IV C.3.2 requires the Penyedia Layanan\'s approval of the DRP without a deadline'),
  },

  // BAB IV C.2.3–2.4 Laporan Ketersediaan Layanan (Formulir F).
  availabilityReport: {
    frequency: { atLeast: 1, perMonths: 1, source: at('BAB IV C.2.4 «Laporan Ketersediaan Layanan dipersiapkan oleh Pengelola Teknis setiap bulannya»') },
    preparedBy: { role: 'technical_team', source: at('BAB IV C.2.4 «dipersiapkan oleh Pengelola Teknis»') },
    acknowledgedBy: { role: 'service_owner', source: at('BAB IV C.2.4 «serta diketahui oleh Penyedia Layanan»') },
    acknowledgeWithin: DEFAULT_AVAILABILITY_ACK('BAB IV C.2.4 sets a monthly report without a deadline'),
  },

  // BAB II C, BAB IV E Evaluasi and Formulir I (Laporan Evaluasi).
  evaluation: {
    cadence: { atLeast: 1, perMonths: 6, source: at('BAB II C «melaksanakan evaluasi Manajemen Layanan SPBE sedikitnya setiap semester»') },
    chapters: [
      { id: 'A', title: { id: 'Evaluasi Penyelenggaraan Permintaan Layanan', en: 'Service requests' }, source: at('BAB IV E.2.2 a «Bab Evaluasi Penyelenggaraan Permintaan Layanan»') , measures: ['requests', 'satisfaction'], analysedBy: DEFAULT_CHAPTER_ANALYST('service_coordinator', 'serang BAB IV E names no author of the chapters') },
      { id: 'B', title: { id: 'Evaluasi Penyelenggaraan Penanganan Gangguan', en: 'Incident handling' }, source: at('BAB IV E.2.2 b «Bab Evaluasi Penyelenggaraan Penanganan Gangguan»') , measures: ['incidents', 'satisfaction'], analysedBy: DEFAULT_CHAPTER_ANALYST('service_coordinator', 'serang BAB IV E names no author of the chapters') },
      { id: 'C', title: { id: 'Evaluasi Pemantauan dan Pemeliharaan Layanan', en: 'Monitoring and maintenance' }, source: at('BAB IV E.2.2 c «Bab Evaluasi Pemantauan dan Pemeliharaan Layanan»') , measures: ['availability'], analysedBy: DEFAULT_CHAPTER_ANALYST('technical_team', 'serang BAB IV E names no author of the chapters') },
      { id: 'D', title: { id: 'Evaluasi Pemulihan Layanan', en: 'Service recovery' }, source: at('BAB IV E.2.2 d «Bab Evaluasi Pemulihan Layanan»') , measures: ['recovery'], analysedBy: DEFAULT_CHAPTER_ANALYST('recovery_coordinator', 'serang BAB IV E names no author of the chapters') },
      // Formulir I in the Lampiran has tables for A–D only; chapter E comes from E.2.2 e.
      { id: 'E', title: { id: 'Evaluasi Rilis Layanan', en: 'Service releases' }, source: at('BAB IV E.2.2 e «Bab Evaluasi Rilis Layanan»') , measures: ['releases'], analysedBy: DEFAULT_CHAPTER_ANALYST('technical_team', 'serang BAB IV E names no author of the chapters') },
    ],
    chapterContents: [
      { title: { id: 'Rekapitulasi: jumlah layanan yang mencapai target', en: 'Recap: how many services met the target' }, source: at('BAB IV E.2.3 a «Rekapitulasi hasil penyelenggaraan kegiatan berupa ringkasan jumlah layanan yang mencapai target»') },
      { title: { id: 'Analisa hambatan dan peluang penyempurnaan', en: 'Analysis of obstacles and improvement opportunities' }, source: at('BAB IV E.2.3 b «Analisa atas hambatan yang mengakibatkan tidak tercapainya target serta peluang penyempurnaan kerangka kerja»') },
      { title: { id: 'Tindak lanjut penyempurnaan', en: 'Follow-up actions' }, source: at('BAB IV E.2.3 c «Tindak lanjut penyempurnaan yang akan dilakukan»') },
    ],
    reviews: [
      { id: 'availability_report', title: { id: 'Laporan Ketersediaan Layanan (Formulir F)', en: 'Service availability report (Formulir F)' }, role: 'technical_team', frequency: { atLeast: 1, perMonths: 1, source: at('BAB IV C.2.4 «Laporan Ketersediaan Layanan dipersiapkan oleh Pengelola Teknis setiap bulannya serta diketahui oleh Penyedia Layanan»') } },
    ],
    maturityLevels: [],
    improvement: null,
    analysisWithin: DEFAULT_EVALUATION_ANALYSIS('serang BAB IV E sets no deadline for the evaluation report'),
    approvedBy: DEFAULT_EVALUATION_APPROVER('serang BAB IV E names no approver of the evaluation report'),
  },

  // BAB IV B.3.5 Reviu Berkala Gangguan.
  problemReview: {
    recurrenceThreshold: DEFAULT_RECURRENCE_THRESHOLD,
    frequency: { atLeast: 2, perMonths: 12, source: at('BAB IV B.3.5 «pemeriksaan berkala sedikitnya dua kali dalam setahun»') },
    performedBy: { role: 'technical_team', source: at('BAB IV B.3.5 «Pengelola Teknis selalu melakukan pemeriksaan berkala»') },
    reportTo: { role: 'service_owner', source: at('BAB IV B.3.5 c «Penanganan atas gangguan dilaporkan kepada Penyedia Layanan»') },
    activities: [
      { title: { id: 'Analisis gangguan lampau yang penting, berulang atau belum tuntas; diagnosis penyebab; solusi permanen', en: 'Analyse important, recurring or unresolved past incidents; root cause; permanent solution' }, source: at('BAB IV B.3.5 a «sering terjadi berulang kali dan belum terselesaikan dengan tuntas»') },
      { title: { id: 'Identifikasi potensi gangguan dan tindakan pencegahan', en: 'Identify likely incidents and preventive actions' }, source: at('BAB IV B.3.5 b «Mengidentifikasi potensi gangguan yang mungkin akan terjadi dan menentukan tindakan pencegahan yang diperlukan»') },
      { title: { id: 'Dokumentasi dalam Formulir Penanganan Gangguan', en: 'Document in the incident form' }, source: at('BAB IV B.3.5 d «Upaya proaktif ini didokumentasikan dalam Formulir Penanganan Gangguan»') },
    ],
  },
  segregationOfDuties: null,

  gaps: [
    { path: 'maintenanceSupport', reason: { id: 'Perbup Serang tidak mengatur tingkat urgensi keluhan masa pemeliharaan', en: 'No maintenance-period complaint levels; maintenance here is monitoring (C.2)' }, source: SCOPE },
    { path: 'maintenanceSop', reason: { id: 'Tidak ada SOP pemeliharaan dengan durasi langkah', en: 'No maintenance SOP with step durations' }, source: SCOPE },
    { path: 'segregationOfDuties', reason: { id: 'Tidak ada ketentuan pemisahan tugas', en: 'No segregation-of-duties rule' }, source: SCOPE },
    { path: 'incident.securityIncidents', reason: { id: 'Tidak ada ketentuan insiden keamanan informasi', en: 'No separate handling of security incidents' }, source: SCOPE },
  ],
});

function item(code: string, group: string, id: string, en: string, ms: number, stated: string, section: string, requiresApproval: boolean) {
  return {
    code, group, requiresApproval,
    name: { id, en },
    description: { id, en },
    fulfilmentTarget: cal(ms, stated, section),
    availability: '24/7',
  };
}

function priority(id: string, responseMs: number, responseStated: string, resolutionMs: number, resolutionStated: string, section: string) {
  return {
    id, title: { id: `Prioritas ${id.slice(1)}`, en: `Priority ${id.slice(1)}` },
    response: cal(responseMs, responseStated, section),
    resolution: cal(resolutionMs, resolutionStated, section),
  };
}

function row(impact: 'mayor' | 'minor', serviceType: 'publik' | 'administrasi', priorities: [string, string, string], section: string) {
  const classes = ['kritis', 'esensial', 'normal'] as const;
  return classes.map((classification, i) => ({ impact, serviceType, classification, priority: priorities[i]!, source: at(section) }));
}

function scenario(
  id: string, titleId: string, titleEn: string, criteriaId: string, criteriaEn: string,
  minOutage: ReturnType<typeof cal> | null, response: 'recovery' | 'incident', section: string,
) {
  return { id, title: { id: titleId, en: titleEn }, criteria: { id: criteriaId, en: criteriaEn }, minOutage, response, source: at(section) };
}
