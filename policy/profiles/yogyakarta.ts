// Keputusan Wali Kota Yogyakarta No. 110 Tahun 2026, Pedoman Manajemen Layanan SPBE
// (seed 004_1d499493b3e12930.txt). Sections are the Lampiran's (BAB I Tabel 1, BAB II 2.x and Tabel 2–14).
//
// Role mapping (Tabel 1): Administrator Layanan = service_desk; Administrator Infrastruktur dan
// Aplikasi = technical_team (Tabel 5, 7, 8 and 9 also call it "(Administrator) Pengelola
// Infrastruktur dan Aplikasi"); Penanggung jawab Penyedia Layanan = service_owner; Penanggung jawab
// Pengelola Infrastruktur dan Aplikasi = infra_app_owner; Pimpinan PD Penyedia Layanan = head_of_unit.
// Tabel 4, 5, 7, 8 and 9 also use a bare "Penyedia Layanan", which is not a Tabel 1 post: where it
// approves (Tabel 8 DRP, Tabel 9 release plan) it is read as the Penanggung jawab Penyedia Layanan,
// who "memberikan persetujuan perubahan layanan" (Tabel 1 no. 2); where it serves users (Tabel 4)
// as the Administrator Layanan, who "memberikan pelayanan kepada pengguna" (Tabel 1 no. 4).
//
// Time basis: Tabel 3 ("<15 menit" …) and Tabel 12 ("0 - 48 jam" …, multiples of 24) say nothing of
// working time: calendar. Tabel 11 splits responses by "jam kerja": the 3-hour response applies to
// complaints raised in working hours and out-of-hours complaints wait for the next working day,
// so the 3 hours are working hours; "2x24 jam" is the Indonesian idiom for two full days: calendar.
import type { Profile } from '../profile.ts';
import { profileData } from '../profileData.ts';
import { DEFAULT_RECURRENCE_THRESHOLD, DEFAULT_DISASTER_PROGRESS, DEFAULT_DRP_APPROVAL, DEFAULT_AVAILABILITY_ACK,
  DEFAULT_DRP_TEST, DEFAULT_EVALUATION_CADENCE, DEFAULT_FULFILMENT_TARGET, DEFAULT_PROBLEM_REVIEW,
  DEFAULT_CHANGE_DECISION, DEFAULT_RETROSPECTIVE_APPROVAL, DEFAULT_SATISFACTION_SOURCE, DEFAULT_SLA, HOUR, MINUTE,
  defaultCalendar, seedSource, sigap,
  DEFAULT_CHAPTER_ANALYST, DEFAULT_EVALUATION_ANALYSIS, DEFAULT_EVALUATION_APPROVER,
} from './defaults.ts';

const SEED = '004_1d499493b3e12930.txt';
const at = seedSource(SEED);
const SCOPE = at('Diktum KETIGA «Pedoman Manajemen Layanan Sistem Pemerintahan Berbasis Elektronik sebagaimana dimaksud dalam Diktum KESATU meliputi»');
const NO_CATEGORIES = 'yogyakarta 2.1.2.5 classifies service changes as addition, removal and transfer but defines no standard/normal/emergency categories; Sigap uses those of serang D.3.5';
const calendarTime = (ms: number, stated: string, section: string) => ({ ms, basis: 'calendar' as const, stated, source: at(section) });

export const yogyakarta = (): Profile => profileData({
  id: 'yogyakarta',
  name: { id: 'Pemerintah Kota Yogyakarta (Kepwal 110/2026)', en: 'Yogyakarta City (Mayor Decree 110/2026)' },
  regulation: { seed: SEED, title: 'Keputusan Wali Kota Yogyakarta No. 110 Tahun 2026 tentang Penetapan Pedoman Manajemen Layanan SPBE', year: 2026 },
  timezone: 'Asia/Jakarta',
  roles: [
    { id: 'requester', title: { id: 'Pengguna Layanan', en: 'Service user' }, source: at('Tabel 4 «Pengguna Layanan Mengajukan permintaan layanan»') },
    { id: 'service_desk', title: { id: 'Administrator Layanan', en: 'Service administrator (service desk)' }, source: at('Tabel 1 «Administrator Layanan Tim yang terdiri dari pejabat/pegawai yang ditunjuk oleh Penanggung jawab Penyedia Layanan untuk memberikan bantuan layanan kepada pengguna layanan»') },
    { id: 'technical_team', title: { id: 'Administrator Infrastruktur dan Aplikasi', en: 'Infrastructure and application administrator' }, source: at('Tabel 1 «Administrator Infrastruktur dan Aplikasi Tim yang terdiri dari pejabat/pegawai/ pihak ketiga yang ditunjuk oleh Penanggung jawab Pengelola Infrastruktur dan Aplikasi»') },
    { id: 'service_owner', title: { id: 'Penanggung jawab Penyedia Layanan', en: 'Service provider lead (service owner)' }, eselon: 'III', source: at('Tabel 1 «Penanggung jawab Penyedia Layanan Pejabat setingkat Eselon III/Kepala Bidang Pemilik Layanan»') },
    { id: 'infra_app_owner', title: { id: 'Penanggung jawab Pengelola Infrastruktur dan Aplikasi', en: 'Infrastructure and application lead' }, eselon: 'III', source: at('Tabel 1 «Penanggung jawab Pengelola Infrastruktur dan Aplikasi Pejabat setingkat Eselon III/Kepala Bidang terkait Infrastruktur dan Aplikasi»') },
    { id: 'head_of_unit', title: { id: 'Pimpinan PD Penyedia Layanan', en: 'Head of the providing agency' }, eselon: 'II', eselonAlternatives: ['III'], source: at('Tabel 1 «Pimpinan PD Penyedia Layanan Pejabat setingkat Eselon II/III/Kepala Dinas/Camat»') },
    // The Inspektorat is only copied on the decree (Tembusan); the seed gives it no task.
    { id: 'auditor', title: { id: 'Inspektorat Kota Yogyakarta', en: 'City inspectorate' }, source: at('Tembusan «Inspektur Inspektorat Kota Yogyakarta»') },
    { id: 'administrator', title: { id: 'Administrator Sigap', en: 'Sigap administrator' }, source: sigap('system role: profile, catalogue and calendar administration') },
  ],
  documentKinds: [],
  requestFulfilment: {
    serviceDeskRole: 'service_desk',
    executorRoles: ['service_desk', 'technical_team'],
    // Tabel 1 no. 4 item 8: the Administrator Layanan reports complaint handling to the Penanggung
    // Jawab Penyedia Layanan, so a breached request goes there too.
    escalationRole: 'service_owner',
    // Tabel 1 no. 2: the Penanggung jawab Penyedia Layanan approves service changes.
    defaultApproverRole: 'service_owner',
    satisfactionScale: { min: 1, max: 5, source: DEFAULT_SATISFACTION_SOURCE('yogyakarta 2.2.1.1 records "penilaian kepuasan pelayanan" without a scale') },
  },
  // 2.1.1.2 lists the catalogue fields; 2.1.1.1 leaves each item's target to the Pimpinan PD.
  catalogue: [
    {
      code: 'YK-LAYANAN', group: 'Layanan SPBE', requiresApproval: false,
      // The seed sets no availability for this generic item; the tenant fills in each service's own.
      availability: 'Belum ditetapkan / not set',
      name: { id: 'Permintaan layanan SPBE', en: 'SPBE service request' },
      description: { id: 'Permintaan layanan sesuai katalog layanan (2.2.1.1)', en: 'A request against the service catalogue (2.2.1.1)' },
      fulfilmentTarget: DEFAULT_FULFILMENT_TARGET('yogyakarta sets no fulfilment target; 2.1.1.1 has the Pimpinan PD set one per catalogue item'),
    },
  ],

  calendar: defaultCalendar('Kota Yogyakarta', 'yogyakarta Tabel 11 distinguishes "jam kerja" from "di luar jam kerja" without stating the hours.'),
  sla: DEFAULT_SLA,

  // 2.1.2.1 Penentuan Klasifikasi Layanan: three levels by tolerance of disruption, no criteria table.
  classification: {
    levels: [
      {
        id: 'kritis', title: { id: 'Kritis', en: 'Critical' },
        description: { id: 'Layanan vital, toleransi gangguan sangat rendah, sepenuhnya elektronik, tidak dapat diselenggarakan secara manual', en: 'Vital service, very low tolerance, fully electronic, cannot run manually' },
        requiresRtoRpo: { value: true, source: at('2.1.2.1 «wajib menentukan besaran RPO dan RTO serta wajib memiliki Rencana Pemulihan Bencana»') },
        requiresDrp: { value: true, source: at('2.1.2.1 «wajib menentukan besaran RPO dan RTO serta wajib memiliki Rencana Pemulihan Bencana»') },
        requiresAvailabilityTarget: { value: true, source: at('2.1.2.4 «Target Pengoperasian Layanan melekat pada masing-masing aplikasi penyelenggara layanan» «target ketersediaan layanan»') },
        source: at('2.1.2.1 «klasifikasi kritis, ditujukan bagi layanan vital yang memiliki toleransi gangguan sangat rendah»'),
      },
      {
        id: 'esensial', title: { id: 'Esensial', en: 'Essential' },
        description: { id: 'Toleransi gangguan lebih tinggi; saat gangguan dapat tertunda dan dilaksanakan sementara secara manual', en: 'Higher tolerance; may be delayed and run manually for a while' },
        requiresRtoRpo: { value: false, source: at('2.1.2.4 «Untuk klasifikasi lainnya, tidak wajib menentukan RPO dan RTO»') },
        requiresDrp: { value: false, source: at('2.1.2.1 «wajib memiliki Rencana Pemulihan Bencana» (kritis only)') },
        requiresAvailabilityTarget: { value: true, source: at('2.1.2.4 «Target Pengoperasian Layanan melekat pada masing-masing aplikasi penyelenggara layanan» «target ketersediaan layanan»') },
        source: at('2.1.2.1 «klasifikasi esensial, ditujukan bagi layanan yang memiliki toleransi gangguan lebih tinggi»'),
      },
      {
        id: 'normal', title: { id: 'Normal', en: 'Normal' },
        description: { id: 'Toleransi gangguan tinggi; dapat sepenuhnya dilaksanakan secara manual', en: 'High tolerance; can run fully manually' },
        requiresRtoRpo: { value: false, source: at('2.1.2.4 «Untuk klasifikasi lainnya, tidak wajib menentukan RPO dan RTO»') },
        requiresDrp: { value: false, source: at('2.1.2.1 «wajib memiliki Rencana Pemulihan Bencana» (kritis only)') },
        requiresAvailabilityTarget: { value: true, source: at('2.1.2.4 «Target Pengoperasian Layanan melekat pada masing-masing aplikasi penyelenggara layanan» «target ketersediaan layanan»') },
        source: at('2.1.2.1 «klasifikasi normal, ditujukan bagi layanan di luar kedua klasifikasi di atas karena memiliki toleransi gangguan yang tinggi»'),
      },
    ],
    rules: [],
  },

  // 2.1.1.1: Tabel 2 Prioritas Penanganan Aduan and Tabel 3 Target Waktu Tanggap (response only).
  incident: {
    impacts: [
      { id: 'mayor', title: { id: 'Mayor', en: 'Major' }, description: { id: 'Layanan gagal beroperasi secara keseluruhan; pengguna sama sekali tidak dapat mengakses layanan', en: 'The whole service is down; users cannot reach it at all' }, source: at('Tabel 2 Keterangan «Layanan gagal beroperasi secara keseluruhan, dimana pengguna sama sekali tidak dapat mengakses layanan»') },
      { id: 'minor', title: { id: 'Minor', en: 'Minor' }, description: { id: 'Layanan masih beroperasi, namun mengalami penurunan kinerja atau gangguan pada salah satu fungsi', en: 'The service runs but is degraded or one function is broken' }, source: at('Tabel 2 Keterangan «Layanan secara keseluruhan masih beroperasi, namun mengalami penurunan kinerja»') },
    ],
    // Tabel 3 gives response targets only; the seed sets no resolution target per priority
    // (resolution times exist only for maintenance-period complaints, Tabel 12).
    priorities: [
      priority('P1', 15 * MINUTE, '<15 menit', 'Tabel 3 «Prioritas 1 <15 menit»'),
      priority('P2', 30 * MINUTE, '<30 menit', 'Tabel 3 «Prioritas 2 <30 menit»'),
      priority('P3', 1 * HOUR, '<1 jam', 'Tabel 3 «Prioritas 3 <1 jam»'),
      priority('P4', 90 * MINUTE, '<1,5 jam', 'Tabel 3 «Prioritas 4 <1,5 jam»'),
      priority('P5', 2 * HOUR, '<2 jam', 'Tabel 3 «Prioritas 5 <2 jam»'),
      priority('P6', 150 * MINUTE, '<2,5 jam', 'Tabel 3 «Prioritas 6 <2,5 jam»'),
    ],
    priorityMatrix: [
      ...row('mayor', 'publik', ['P1', 'P2', 'P3'], 'Tabel 2 «Mayor Layanan Publik Prioritas 1 Prioritas 2 Prioritas 3»'),
      ...row('mayor', 'administrasi', ['P2', 'P3', 'P4'], 'Tabel 2 «Mayor Layanan Administrasi Pemerintahan Prioritas 2 Prioritas 3 Prioritas 4»'),
      ...row('minor', 'publik', ['P3', 'P4', 'P5'], 'Tabel 2 «Minor Layanan Publik Prioritas 3 Prioritas 4 Prioritas 5»'),
      ...row('minor', 'administrasi', ['P4', 'P5', 'P6'], 'Tabel 2 «Minor Layanan Administrasi Pemerintahan Prioritas 4 Prioritas 5 Prioritas 6»'),
    ],
    clocks: [
      { id: 'response', starts: { id: 'Aduan dilaporkan', en: 'Complaint reported' }, stops: { id: 'Respons pertama penyedia layanan', en: 'First response of the provider' }, source: at('2.1.1.1 «Target Waktu Tanggap dihitung sejak aduan dilaporkan hingga penyedia layanan pertama kali memberikan respons»') },
      { id: 'resolution', starts: { id: 'Aduan dilaporkan', en: 'Complaint reported' }, stops: { id: 'Konsumen layanan mengkonfirmasi penyelesaian aduan', en: 'The user confirms the complaint is resolved' }, source: at('2.1.1.1 «Target pelayanan pengguna dihitung sejak aduan dilaporkan hingga konsumen layanan mengkonfirmasi penyelesaian aduan»') },
    ],
    // Tabel 5 Proses Penanganan Aduan.
    escalation: [
      { level: 1, leadRole: 'service_desk', trigger: { kind: 'start' }, triggerSource: at('Tabel 5 «Administrator Layanan» «melakukan analisa dan estimasi»'), source: at('Tabel 5 «Administrator Layanan» «melakukan penanganan gangguan»') },
      {
        level: 2, leadRole: 'technical_team',
        trigger: { kind: 'estimate_exceeded' },
        triggerSource: at('Tabel 5 «jika tidak sesuai akan dilaporkan ke Administrator Pengelola Infrastruktur dan Aplikasi»'),
        source: at('Tabel 5 «Administrator Pengelola Infrastruktur dan Aplikasi» «mengkaji aktivasi DRP»'),
      },
    ],
    problemEscalation: { role: 'service_desk', source: at('Tabel 6 Proses Reviu Berkala Gangguan Layanan «Administrator layanan» «melakukan analisa penyebab utama»') },
    securityIncidents: null,
  },

  // BAB II 2.3 Tabel 10–13: complaints during the maintenance and implementation-assistance period.
  maintenanceSupport: {
    appliesTo: { value: { id: 'Kendala pada masa pemeliharaan dan pendampingan implementasi', en: 'Problems during the maintenance and implementation-assistance period' }, source: at('Tabel 10 Klasifikasi Permasalahan «Setiap kendala yang muncul pada masa pemeliharaan dan pendampingan implementasi»') },
    urgencyLevels: [
      { level: 1, title: { id: 'Tinggi', en: 'High' }, description: { id: 'Kendala mempengaruhi semua pengguna; aktivitas pada layanan aplikasi tidak dapat berlangsung', en: 'All users affected; the application cannot be used' }, source: at('Tabel 10 «1 (tinggi) Kendala mempengaruhi semua pengguna dan aktivitas pada layanan aplikasi tidak dapat berlangsung»') },
      { level: 2, title: { id: 'Sedang', en: 'Medium' }, description: { id: 'Kendala hanya pada beberapa pengguna layanan', en: 'Only some users affected' }, source: at('Tabel 10 «2 (sedang) Kendala terjadi hanya pada beberapa pengguna layanan»') },
      { level: 3, title: { id: 'Rendah', en: 'Low' }, description: { id: 'Kendala karena ketidakterampilan pengguna', en: 'Caused by the user\'s lack of skill with the application' }, source: at('Tabel 10 «3 (rendah) Kendala disebabkan ketidakterampilan pengguna dalam menggunakan layanan»') },
    ],
    handler: { role: 'service_desk', source: at('Tabel 13 Dukungan Layanan «Setiap permintaan dukungan atas pemeliharaan ketika terjadi kendala, pihak yang akan menangani adalah Administrator Layanan»') },
    response: {
      inWorkingHours: { ms: 3 * HOUR, basis: 'working', stated: '3 jam (kendala pada jam kerja)', source: at('Tabel 11 «Bila kendala terjadi pada jam kerja, waktu respon maksimal adalah 3 jam»') },
      outsideWorkingHours: { rule: 'next_working_day', source: at('Tabel 11 «Bila kendala terjadi di luar jam kerja, waktu respon maksimal adalah hari kerja berikutnya»') },
      onSite: { urgencyLevels: [1], target: calendarTime(48 * HOUR, '2x24 jam', 'Tabel 11 «Bila ada aktivitas pendampingan di lokasi PD, maka kecepatan responnya maksimal 2x24 jam»') },
    },
    resolution: [
      { urgency: 1, target: calendarTime(48 * HOUR, '0 - 48 jam', 'Tabel 12 Waktu Penyelesaian «1 Dalam 0 - 48 jam»') },
      { urgency: 2, target: calendarTime(72 * HOUR, '0 - 72 jam', 'Tabel 12 Waktu Penyelesaian «2 Dalam 0 - 72 jam»') },
      { urgency: 3, target: calendarTime(120 * HOUR, '0 - 120 jam', 'Tabel 12 Waktu Penyelesaian «3 Dalam 0 - 120 jam»') },
    ],
    // Tabel 13 names the levels and says to escalate "ketika tidak dapat diselesaikan", with no time.
    escalation: [
      { level: 1, leadRole: 'service_desk', assistingRoles: ['technical_team'], trigger: { kind: 'start' }, triggerSource: at('Tabel 13 «pihak yang akan menangani adalah Administrator Layanan»'), source: at('Tabel 13 «Eskalasi level pertama : Administrator Layanan dibantu Administrator Infrastruktur dan Aplikasi»') },
      {
        level: 2, leadRole: 'service_owner', assistingRoles: ['infra_app_owner'],
        trigger: { kind: 'share_of_target', permille: 1000 },
        triggerSource: sigap('Tabel 13 escalates "ketika tidak dapat diselesaikan" without a time; Sigap climbs to level 2 when the Tabel 12 resolution target of the urgency level is missed'),
        source: at('Tabel 13 «Eskalasi level kedua : Penanggung Jawab Penyedia Layanan dibantu oleh Penanggung Jawab Infrastruktur dan Aplikasi»'),
      },
      {
        level: 3, leadRole: 'head_of_unit',
        trigger: { kind: 'share_of_target', permille: 1500 },
        triggerSource: sigap('Tabel 13 sets no time for level 3; Sigap climbs when 150 % of the Tabel 12 resolution target has elapsed'),
        source: at('Tabel 13 «Eskalasi level ketiga : Pimpinan PD Penyedia Layanan»'),
      },
    ],
  },
  maintenanceSop: null,

  // 2.1.2.5 Perumusan Rencana Perubahan Layanan; Tabel 1 no. 2 (approval).
  change: {
    categories: [
      { id: 'standard', title: { id: 'Standar', en: 'Standard' }, criteria: { id: 'Perubahan rutin berisiko rendah dengan prosedur baku', en: 'Routine low-risk change with a written procedure' }, approval: 'none', executorRole: 'technical_team', source: sigap(NO_CATEGORIES) },
      {
        id: 'emergency', title: { id: 'Darurat', en: 'Emergency' }, criteria: { id: 'Perubahan yang harus segera dilakukan untuk memulihkan layanan', en: 'Change that must be done now to restore service' },
        approval: 'after', approverRole: 'service_owner', executorRole: 'technical_team', source: sigap(`${NO_CATEGORIES}; the approver is the Penanggung jawab Penyedia Layanan (Tabel 1 no. 2)`),
        retrospectiveApprovalWithin: DEFAULT_RETROSPECTIVE_APPROVAL('yogyakarta defines no emergency changes'),
      },
      {
        id: 'normal', title: { id: 'Normal', en: 'Normal' }, criteria: { id: 'Perubahan layanan yang direncanakan', en: 'A planned service change' },
        approval: 'before', approverRole: 'service_owner', executorRole: 'technical_team',
        source: at('Tabel 1 «Penanggung jawab Penyedia Layanan» «memberikan persetujuan perubahan layanan»'),
        decisionWithin: DEFAULT_CHANGE_DECISION('Tabel 1 gives the approval to the Penanggung jawab Penyedia Layanan without a deadline'),
      },
    ],
    kinds: [
      { id: 'addition', title: { id: 'Penambahan layanan', en: 'Addition of a service' }, source: at('2.1.2.5 «Perubahan Layanan dapat diklasifikasikan sebagai penambahan, penghapusan, dan transfer layanan»') },
      { id: 'removal', title: { id: 'Penghapusan layanan', en: 'Removal of a service' }, source: at('2.1.2.5 «Perubahan Layanan dapat diklasifikasikan sebagai penambahan, penghapusan, dan transfer layanan»') },
      { id: 'transfer', title: { id: 'Transfer layanan', en: 'Transfer of a service' }, source: at('2.1.2.5 «Perubahan Layanan dapat diklasifikasikan sebagai penambahan, penghapusan, dan transfer layanan»') },
    ],
    steps: [
      { id: 'policy', title: { id: 'Kebijakan perubahan layanan ditetapkan Pimpinan PD Penyedia Layanan', en: 'The head of agency sets the service-change policy' }, source: at('2.1.2.5 «kebijakan mengenai perubahan layanan yang ditetapkan oleh Pimpinan PD Penyedia Layanan»') },
      { id: 'identify', title: { id: 'Mengidentifikasi perubahan', en: 'Identify the change' }, source: at('2.1.2.5 «dengan mengidentifikasi, mengevaluasi, dan merencanakan setiap perubahan»') },
      { id: 'evaluate', title: { id: 'Mengevaluasi perubahan (analisis dampak)', en: 'Evaluate the change (impact analysis)' }, source: at('2.1.2.5 «analisis dampak terhadap proses bisnis dan kepuasan pengguna layanan»') },
      { id: 'plan', title: { id: 'Merencanakan perubahan', en: 'Plan the change' }, source: at('2.1.2.5 «dengan mengidentifikasi, mengevaluasi, dan merencanakan setiap perubahan»') },
    ],
    forum: null,
    highImpactRoute: null,
    maintenancePeriodAfterHandover: null,
  },

  // 2.2.2.3 Rilis Layanan, Tabel 9.
  release: {
    triggers: [
      { title: { id: 'Penyelesaian pembangunan dan pengembangan aplikasi', en: 'Application development completed' }, source: at('2.2.2.3 «penyelesaian pembangunan dan pengembangan aplikasi pendukung layanan»') },
      { title: { id: 'Pemenuhan permintaan perubahan layanan', en: 'A service change request fulfilled' }, source: at('2.2.2.3 «pemenuhan permintaan perubahan layanan»') },
      { title: { id: 'Perubahan atas kehendak penyedia layanan', en: 'The provider wants a change without a user request' }, source: at('2.2.2.3 «penyedia layanan menghendaki perubahan layanan tanpa ada permintaan layanan dari pengguna layanan»') },
    ],
    planAuthor: { role: 'technical_team', source: at('Tabel 9 «Pengelola Infrastruktur dan Aplikasi» «menyusun dokumen rencana rilis»') },
    planApprover: { role: 'service_owner', source: at('Tabel 9 «melakukan pengecekan dan memberikan persetujuan terhadap dokumen rencana rilis»') },
    downtimeAgreedWith: null,
    rollbackOnFailedCriteria: { value: true, source: sigap('yogyakarta Tabel 9 tests and evaluates the release but names no rollback; Sigap requires the contingency plan to run when the evaluation criteria are missed, as serang D.3.7') },
    postImplementationReview: { value: true, source: at('Tabel 9 «melakukan evaluasi terhadap permasalahan saat dilakukan perilisan»') },
    fitnessTests: null,
    handover: null,
    maintenancePeriod: null,
    deploymentMethods: [],
  },

  // 2.2.2.2 Pemulihan Layanan, Tabel 8; RTO definition 2.1.2.4.
  disaster: {
    scenarios: [],
    steps: [
      drpStep(1, 'assessment', 'Asesmen kondisi fisik dan kelayakan fungsi pusat data', 'Assess the data centre\'s physical condition and fitness', 'Tabel 8 «melakukan asesmen kondisi fisik dan kelayakan fungsi pusat data»'),
      drpStep(2, 'analysis', 'Analisa hasil asesmen', 'Analyse the assessment', 'Tabel 8 «melakukan analisa hasil asesmen»'),
      drpStep(3, 'declaration', 'Mendefinisikan kondisi bencana', 'Define (declare) the disaster condition', 'Tabel 8 «mendefinisikan kondisi bencana»'),
      drpStep(4, 'activation', 'Aktivasi DRP', 'Activate the DRP', 'Tabel 8 «melakukan aktivasi DRP»'),
      drpStep(5, 'normalisation', 'Normalisasi', 'Normalise', 'Tabel 8 «melakukan normalisasi»'),
      drpStep(6, 'evaluation', 'Evaluasi DRP', 'Evaluate the DRP', 'Tabel 8 «melakukan evaluasi DRP»'),
      drpStep(7, 'establishment', 'Penetapan DRP', 'Establish the (revised) DRP', 'Tabel 8 «melakukan penetapan DRP»'),
    ],
    drpApproval: { role: 'service_owner', minEselon: null, source: at('Tabel 8 «Penyedia Layanan memberikan persetujuan DRP»') },
    drpRunBy: { role: 'technical_team', source: at('Tabel 8 «Pengelola Infrastruktur dan Aplikasi menyusun DRP terhadap aktivasi pemulihan layanan»') },
    drpTest: DEFAULT_DRP_TEST('yogyakarta Tabel 8 evaluates and re-establishes the DRP but sets no test period'),
    // Unlike serang (from the declaration), yogyakarta counts RTO from the disaster itself.
    rtoRpoFrom: { value: 'disaster', source: at('2.1.2.4 «RTO adalah waktu maksimal yang bisa ditoleransi untuk proses bisnis bisa dipulihkan kembali setelah terjadinya bencana»') },
    minorDisastersAsIncidents: null,
    continuityOrganisation: [],
    progressUpdateEvery: DEFAULT_DISASTER_PROGRESS('Tabel 8 sets no progress reporting during recovery'),
    drpApprovalWithin: DEFAULT_DRP_APPROVAL('Tabel 8 «Penyedia Layanan memberikan persetujuan DRP» sets no deadline'),
  },

  // Tabel 7 Proses Pemantauan dan Pemeliharaan Layanan: the provider makes the availability report.
  availabilityReport: {
    frequency: { atLeast: 1, perMonths: 1, source: sigap('Tabel 7 «membuat laporan ketersediaan layanan» sets no period; Sigap default: monthly, as serang BAB IV C.2.4 («setiap bulannya») and as availability is measured (2.1.2.4 target ketersediaan)') },
    preparedBy: { role: 'technical_team', source: at('Tabel 7 Pengelola Infrastruktur dan Aplikasi «melakukan analisis hasil pemantauan»') },
    acknowledgedBy: { role: 'service_owner', source: at('Tabel 7 Penyedia layanan «membuat laporan ketersediaan layanan»') },
    acknowledgeWithin: DEFAULT_AVAILABILITY_ACK('Tabel 7 sets no deadline for the availability report'),
  },

  // 2.3 Tahap Evaluasi; Tabel 14 maturity (PermenPANRB 59/2020 indicator 28).
  evaluation: {
    cadence: DEFAULT_EVALUATION_CADENCE('yogyakarta 2.3 evaluates "secara berkala dan/atau sewaktu-waktu sesuai kebutuhan" without a period'),
    chapters: [
      { id: 'A', title: { id: 'Evaluasi Penyelenggaraan Permintaan Layanan', en: 'Service requests' }, source: at('2.3 angka 5 «bab Evaluasi Penyelenggaraan Permintaan Layanan»') , measures: ['requests', 'satisfaction'], analysedBy: DEFAULT_CHAPTER_ANALYST('service_desk', 'yogyakarta 2.3 names no author of the chapters') },
      { id: 'B', title: { id: 'Evaluasi Penyelenggaraan Penanganan Gangguan', en: 'Incident handling' }, source: at('2.3 angka 5 «bab Evaluasi Penyelenggaraan Penanganan Gangguan»') , measures: ['incidents', 'satisfaction'], analysedBy: DEFAULT_CHAPTER_ANALYST('service_desk', 'yogyakarta 2.3 names no author of the chapters') },
      { id: 'C', title: { id: 'Evaluasi Pemantauan dan Pemeliharaan Layanan', en: 'Monitoring and maintenance' }, source: at('2.3 angka 5 «bab Evaluasi Pemantauan dan Pemeliharaan Layanan»') , measures: ['availability'], analysedBy: DEFAULT_CHAPTER_ANALYST('technical_team', 'yogyakarta 2.3 names no author of the chapters') },
      { id: 'D', title: { id: 'Evaluasi Pemulihan Layanan', en: 'Service recovery' }, source: at('2.3 angka 5 «bab Evaluasi Pemulihan Layanan»') , measures: ['recovery'], analysedBy: DEFAULT_CHAPTER_ANALYST('technical_team', 'yogyakarta 2.3 names no author of the chapters') },
      { id: 'E', title: { id: 'Evaluasi Rilis Layanan', en: 'Service releases' }, source: at('2.3 angka 5 «bab Evaluasi Rilis Layanan»') , measures: ['releases'], analysedBy: DEFAULT_CHAPTER_ANALYST('technical_team', 'yogyakarta 2.3 names no author of the chapters') },
    ],
    chapterContents: [
      { title: { id: 'Rekapitulasi: jumlah layanan yang mencapai target', en: 'Recap: how many services met the target' }, source: at('2.3 angka 6 «rekapitulasi hasil penyelenggaraan kegiatan berupa ringkasan jumlah layanan yang mencapai target»') },
      { title: { id: 'Analisa hambatan dan peluang penyempurnaan', en: 'Analysis of obstacles and improvement opportunities' }, source: at('2.3 angka 6 «analisa atas hambatan yang mengakibatkan tidak tercapainya target serta peluang penyempurnaan kerangka kerja»') },
      { title: { id: 'Tindak lanjut penyempurnaan', en: 'Follow-up actions' }, source: at('2.3 angka 6 «tindak lanjut penyempurnaan yang akan dilakukan»') },
      { title: { id: 'Komitmen SLA juga dievaluasi', en: 'SLA commitments are evaluated too' }, source: at('2.3 angka 7 «Service Level Agreement (SLA) juga menjadi obyek yang layak dievaluasi»') },
    ],
    reviews: [
      { id: 'maturity', title: { id: 'Monitoring dan evaluasi tahunan indikator 28 (PermenPANRB 59/2020)', en: 'Yearly SPBE maturity monitoring, indicator 28' }, role: null, frequency: { atLeast: 1, perMonths: 12, source: at('BAB III «monitoring dan evaluasi tahunan di indikator 28»') } },
    ],
    maturityLevels: [
      { level: 1, criteria: { id: 'Dilaksanakan tanpa perencanaan', en: 'Done without a plan' }, source: at('Tabel 14 «Manajemen Layanan SPBE dilaksanakan tanpa perencanaan»') },
      { level: 2, criteria: { id: 'Dilaksanakan dengan perencanaan, belum pada seluruh proses', en: 'Planned, not yet all processes' }, source: at('Tabel 14 «Manajemen Layanan SPBE dilaksanakan dengan perencanaan»') },
      { level: 3, criteria: { id: 'Dilaksanakan pada seluruh proses', en: 'All processes' }, source: at('Tabel 14 «Manajemen Layanan SPBE dilaksanakan pada seluruh proses Manajemen Layanan SPBE»') },
      { level: 4, criteria: { id: 'Dengan Sistem Aplikasi Manajemen Layanan SPBE, telah direviu dan dievaluasi', en: 'Run with a service management application, reviewed and evaluated' }, source: at('Tabel 14 «telah diterapkan dengan menggunakan Sistem Aplikasi Manajemen Layanan SPBE»') },
      { level: 5, criteria: { id: 'Hasil reviu dan evaluasi ditindaklanjuti dengan perbaikan', en: 'Review results followed up with improvements' }, source: at('Tabel 14 «hasil reviu dan evaluasi telah ditindaklanjuti melalui perbaikan Manajemen Layanan SPBE»') },
    ],
    improvement: null,
    analysisWithin: DEFAULT_EVALUATION_ANALYSIS('yogyakarta 2.3 sets no deadline for the evaluation report'),
    approvedBy: DEFAULT_EVALUATION_APPROVER('yogyakarta 2.3 names no approver of the evaluation report'),
  },

  // 2.2.1.3 Reviu Berkala Gangguan Layanan, Tabel 6.
  problemReview: {
    recurrenceThreshold: DEFAULT_RECURRENCE_THRESHOLD,
    frequency: DEFAULT_PROBLEM_REVIEW('yogyakarta Tabel 6 sets no period for the periodic incident review'),
    performedBy: { role: 'service_desk', source: at('Tabel 6 «Administrator layanan» «proaktif identifikasi gangguan»') },
    reportTo: { role: 'service_owner', source: at('Tabel 6 «menginformasikan kepada penyedia layanan»') },
    activities: [
      { title: { id: 'Membuat tiket gangguan; analisa, klasifikasi, prioritisasi dan estimasi', en: 'Raise a ticket; analyse, classify, prioritise, estimate' }, source: at('Tabel 6 «melakukan analisa, klasifikasi, prioritisasi, dan estimasi terhadap laporan»') },
      { title: { id: 'Analisa penyebab utama', en: 'Root-cause analysis' }, source: at('Tabel 6 «melakukan analisa penyebab utama»') },
      { title: { id: 'Penanganan penyebab utama', en: 'Treat the root cause' }, source: at('Tabel 6 «melakukan penanganan terhadap penyebab utama»') },
    ],
  },
  segregationOfDuties: null,

  gaps: [
    { path: 'classification.rules', reason: { id: 'Klasifikasi ditentukan per layanan menurut toleransi gangguan; tidak ada tabel kriteria', en: 'Levels are defined by tolerance of disruption; no criteria table, so each service is classified by hand' }, source: at('2.1.2.1 «Klasifikasi layanan dapat diklasifikasikan sebagai berikut»') },
    { path: 'incident.priorities.resolution', reason: { id: 'Tabel 3 hanya memuat target waktu tanggap', en: 'Tabel 3 gives response targets only; no resolution target per priority' }, source: at('Tabel 3 Target Waktu Tanggap') },
    { path: 'disaster.scenarios', reason: { id: 'Tidak ada tabel skenario bencana', en: 'No disaster scenario table' }, source: at('Tabel 8 Proses Pemulihan Layanan') },
    { path: 'disaster.minorDisastersAsIncidents', reason: { id: 'Tidak diatur', en: 'Not stated' }, source: at('Tabel 8 Proses Pemulihan Layanan') },
    { path: 'maintenanceSop', reason: { id: 'Tidak ada SOP dengan durasi langkah', en: 'No SOP with step durations' }, source: SCOPE },
    { path: 'segregationOfDuties', reason: { id: 'Tidak ada ketentuan pemisahan tugas', en: 'No segregation-of-duties rule' }, source: SCOPE },
  ],
});

function priority(id: string, responseMs: number, stated: string, section: string) {
  return {
    id, title: { id: `Prioritas ${id.slice(1)}`, en: `Priority ${id.slice(1)}` },
    response: calendarTime(responseMs, stated, section),
    resolution: null,
  };
}

function row(impact: 'mayor' | 'minor', serviceType: 'publik' | 'administrasi', priorities: [string, string, string], section: string) {
  const classes = ['kritis', 'esensial', 'normal'] as const;
  return classes.map((classification, i) => ({ impact, serviceType, classification, priority: priorities[i]!, source: at(section) }));
}

function drpStep(step: number, kind: 'assessment' | 'analysis' | 'declaration' | 'activation' | 'normalisation' | 'evaluation' | 'establishment', id: string, en: string, section: string) {
  return { step, kind, activity: { id, en }, roles: ['technical_team'], minEselon: null, source: at(section) };
}
