// Peraturan Sekretaris Jenderal DPR RI 2023 tentang Manajemen Layanan TI (seed 000_f7433f2562ab0672.txt).
// A short regulation: it names posts, steps and documents, and only two numbers — the 3 calendar
// months of maintenance after handover (Pasal 16 ayat 3) and the same 3 months as the line between
// maintenance and change (Pasal 17 ayat 2 huruf c). Everything else numeric is a Sigap default.
//
// Eselon: the seed names posts, not eselon levels. "Pejabat pimpinan tinggi pratama" is the
// post equivalent to eselon II and "pejabat administrator" to eselon III under the civil-service
// law (UU ASN); the profile records those levels with that caveat in the section.
import type { Profile } from '../profile.ts';
import { profileData } from '../profileData.ts';
import { DEFAULT_RECURRENCE_THRESHOLD,
  DEFAULT_EVALUATION_CADENCE, DEFAULT_FULFILMENT_TARGET, DEFAULT_PROBLEM_REVIEW,
  DEFAULT_CHANGE_DECISION, DEFAULT_RETROSPECTIVE_APPROVAL, DEFAULT_SATISFACTION_SOURCE, DEFAULT_SLA, defaultCalendar, seedSource, sigap,
  DEFAULT_EVALUATION_CHAPTERS, DEFAULT_EVALUATION_ANALYSIS, DEFAULT_EVALUATION_APPROVER,
} from './defaults.ts';

const SEED = '000_f7433f2562ab0672.txt';
const at = seedSource(SEED);
const SCOPE = at('Pasal 2 «Lingkup Peraturan Sekretaris Jenderal ini adalah»');
// The seed sets no fulfilment target for request types (Pasal 7 leaves planning to the IT unit).
const NO_TARGET = DEFAULT_FULFILMENT_TARGET('dpr sets no fulfilment target (Pasal 7 leaves analysis, priority and planning to the IT unit)');
const NO_CATEGORIES = 'dpr Pasal 18 huruf c classifies change requests but defines no categories; Sigap uses the standard/normal/emergency categories of serang D.3.5';

export const dpr = (): Profile => profileData({
  id: 'dpr',
  name: { id: 'Sekretariat Jenderal DPR RI', en: 'Secretariat General of the House of Representatives' },
  regulation: { seed: SEED, title: 'Peraturan Sekretaris Jenderal DPR RI tentang Manajemen Layanan Teknologi Informasi', year: 2023 },
  timezone: 'Asia/Jakarta',
  roles: [
    { id: 'requester', title: { id: 'Pemohon', en: 'Requester' }, source: at('Pasal 1 «Pemohon adalah Anggota DPR RI dan/atau pejabat pimpinan tinggi Sekretariat Jenderal DPR RI»; Pasal 6') },
    { id: 'service_desk', title: { id: 'Petugas Pengelola Layanan TI', en: 'IT service officer' }, source: at('Pasal 3 ayat (1) huruf c «sebagai petugas pengelola Layanan TI»') },
    { id: 'technical_team', title: { id: 'Petugas Pengelola Layanan TI (teknis)', en: 'IT service officer (technical)' }, source: at('Pasal 3 ayat (1) huruf c «pegawai yang menjalankan fungsi di bidang pengelolaan TI sebagai petugas pengelola Layanan TI»') },
    { id: 'service_coordinator', title: { id: 'Koordinator', en: 'Coordinator' }, source: at('Pasal 3 ayat (2) «dapat memberikan penugasan sebagai koordinator kepada petugas pengelola Layanan TI»') },
    { id: 'service_owner', title: { id: 'Pejabat Administrator Unit TI', en: 'IT unit administrator official' }, eselon: 'III', source: at('Pasal 3 ayat (1) huruf b «pejabat administrator unit kerja yang membidangi TI» (jabatan administrator ≙ eselon III)') },
    { id: 'head_of_unit', title: { id: 'Pejabat Pimpinan Tinggi Pratama Unit TI', en: 'Head of the IT unit' }, eselon: 'II', source: at('Pasal 3 ayat (1) huruf a «pejabat pimpinan tinggi pratama unit kerja yang membidangi TI» (JPT pratama ≙ eselon II)') },
    { id: 'security_team', title: { id: 'Computer Security Incident Response Team (CSIRT) Setjen DPR RI', en: 'CSIRT of the Secretariat General' }, source: at('Pasal 21 «berkoordinasi dengan computer security incident response team Sekretariat Jenderal DPR RI»') },
    { id: 'administrator', title: { id: 'Administrator Sigap', en: 'Sigap administrator' }, source: sigap('system role: profile, catalogue and calendar administration') },
  ],
  documentKinds: [
    { id: 'nota_dinas', title: { id: 'Nota Dinas', en: 'Official memo' }, source: at('Pasal 6 ayat (2) huruf a «nota dinas»') },
    { id: 'kerangka_acuan', title: { id: 'Kerangka Acuan', en: 'Terms of reference' }, source: at('Pasal 6 ayat (2) huruf b «kerangka acuan»') },
    { id: 'berita_acara_serah_terima', title: { id: 'Berita Acara Serah Terima', en: 'Handover certificate' }, source: at('Pasal 15 ayat (2) «dinyatakan dalam dokumen berita acara serah terima»') },
  ],
  requestFulfilment: {
    serviceDeskRole: 'service_desk',
    executorRoles: ['service_desk', 'technical_team'],
    escalationRole: 'service_coordinator',
    // Pasal 7: the IT unit analyses, prioritises, sizes capacity and plans fulfilment.
    defaultApproverRole: 'service_owner',
    satisfactionScale: { min: 1, max: 5, source: DEFAULT_SATISFACTION_SOURCE('dpr sets no satisfaction scale') },
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

  calendar: defaultCalendar('the DPR RI in Jakarta', 'dpr refers to "jam kerja Sekretariat Jenderal DPR RI" (Pasal 14 ayat 2) without stating the hours.'),
  sla: DEFAULT_SLA,

  classification: null,
  // BAB VII Pasal 19–21: steps and the CSIRT, no matrix and no targets.
  incident: {
    impacts: [],
    priorities: [],
    priorityMatrix: null,
    clocks: [],
    escalation: [],
    problemEscalation: null,
    securityIncidents: { role: 'security_team', source: at('Pasal 21 «yang terkait insiden keamanan informasi dilakukan oleh petugas pengelola Layanan TI di bidang pengelolaan Gangguan Layanan TI dan Masalah Layanan TI berkoordinasi dengan computer security incident response team»') },
  },
  maintenanceSupport: null,
  maintenanceSop: null,

  // BAB VI Pasal 17–18.
  change: {
    categories: [
      { id: 'standard', title: { id: 'Standar', en: 'Standard' }, criteria: { id: 'Perubahan rutin berisiko rendah dengan prosedur baku', en: 'Routine low-risk change with a written procedure' }, approval: 'none', executorRole: 'technical_team', source: sigap(NO_CATEGORIES) },
      {
        id: 'emergency', title: { id: 'Darurat', en: 'Emergency' }, criteria: { id: 'Perubahan yang harus segera dilakukan untuk memulihkan layanan', en: 'Change that must be done now to restore service' },
        approval: 'after', approverRole: 'service_owner', executorRole: 'technical_team',
        source: sigap(`${NO_CATEGORIES}; approver: the pejabat administrator, who approves the release plan (Pasal 13 ayat 3) and fitness (Pasal 14 ayat 5)`),
        retrospectiveApprovalWithin: DEFAULT_RETROSPECTIVE_APPROVAL('dpr defines no emergency changes'),
      },
      {
        id: 'normal', title: { id: 'Normal', en: 'Normal' }, criteria: { id: 'Perubahan lain', en: 'Any other change' },
        approval: 'before', approverRole: 'service_owner', executorRole: 'technical_team',
        source: sigap(`${NO_CATEGORIES}; approver: the pejabat administrator, who approves the release plan (Pasal 13 ayat 3) and fitness (Pasal 14 ayat 5)`),
        decisionWithin: DEFAULT_CHANGE_DECISION('dpr Pasal 18 sets no deadline for deciding a change request'),
      },
    ],
    kinds: [
      { id: 'application', title: { id: 'Pembangunan dan pengembangan aplikasi', en: 'Application development' }, source: at('Pasal 17 ayat (2) huruf a «pembangunan dan pengembangan aplikasi»') },
      { id: 'network', title: { id: 'Instalasi dan perbaikan jaringan internet', en: 'Network installation and repair' }, source: at('Pasal 17 ayat (2) huruf b «instalasi dan perbaikan jaringan internet»') },
      { id: 'delivered_service', title: { id: 'Layanan TI yang telah melebihi 3 bulan setelah serah terima', en: 'A delivered IT service more than 3 months after handover' }, source: at('Pasal 17 ayat (2) huruf c «Layanan TI yang telah melebihi jangka waktu 3 (tiga) bulan setelah serah terima»') },
    ],
    steps: [
      { id: 'receive', title: { id: 'Menerima permohonan perubahan dari Pemohon', en: 'Receive the change request from the requester' }, source: at('Pasal 18 ayat (1) huruf a «menerima penyampaian permohonan perubahan Layanan TI oleh Pemohon»') },
      { id: 'analyse', title: { id: 'Menganalisis dan identifikasi risiko', en: 'Analyse and identify risk' }, source: at('Pasal 18 ayat (1) huruf b «identifikasi risiko dari permohonan perubahan Layanan TI»') },
      { id: 'classify', title: { id: 'Klasifikasi permohonan', en: 'Classify the request' }, source: at('Pasal 18 ayat (1) huruf c «klasifikasi permohonan atas perubahan Layanan TI»') },
      { id: 'plan', title: { id: 'Perencanaan implementasi', en: 'Plan the implementation' }, source: at('Pasal 18 ayat (1) huruf d «perencanaan implementasi perubahan Layanan TI»') },
      { id: 'monitor', title: { id: 'Pemantauan implementasi', en: 'Monitor the implementation' }, source: at('Pasal 18 ayat (1) huruf e «pemantauan implementasi perubahan Layanan TI»') },
      { id: 'evaluate', title: { id: 'Evaluasi proses perubahan', en: 'Evaluate the change process' }, source: at('Pasal 18 ayat (1) huruf f «evaluasi proses perubahan Layanan TI»') },
      { id: 'release', title: { id: 'Perubahan yang telah dipenuhi dirilis', en: 'A fulfilled change goes to release' }, source: at('Pasal 18 ayat (2) «Perubahan Layanan TI yang telah dipenuhi akan dilakukan Rilis Layanan TI»') },
    ],
    forum: null,
    highImpactRoute: null,
    // Pasal 16 ayat (3) and Pasal 17 ayat (2) huruf c: within 3 calendar months after the Berita
    // Acara Serah Terima, work on the delivered service is maintenance (error handling, SLA), not a change.
    maintenancePeriodAfterHandover: { months: 3, basis: 'calendar', source: at('Pasal 17 ayat (2) huruf c «Layanan TI yang telah melebihi jangka waktu 3 (tiga) bulan setelah serah terima»; Pasal 16 ayat (3) «3 (tiga) bulan kalender»') },
    requesterInitiates: { value: true, source: at('Pasal 18 ayat (1) huruf a «menerima penyampaian permohonan perubahan Layanan TI oleh Pemohon»') },
  },

  // BAB V Pasal 12–16.
  release: {
    triggers: [
      { title: { id: 'Pembangunan dan pengembangan aplikasi', en: 'Application development' }, source: at('Pasal 12 ayat (1) huruf a «pembangunan dan pengembangan aplikasi»') },
      { title: { id: 'Instalasi dan perbaikan jaringan internet', en: 'Network installation and repair' }, source: at('Pasal 12 ayat (1) huruf b «instalasi dan perbaikan jaringan internet»') },
      { title: { id: 'Perubahan Layanan TI yang telah dipenuhi', en: 'A fulfilled change' }, source: at('Pasal 18 ayat (2) «Perubahan Layanan TI yang telah dipenuhi akan dilakukan Rilis Layanan TI»') },
    ],
    planAuthor: { role: 'service_coordinator', source: at('Pasal 13 ayat (2) «disusun oleh petugas pengelola Layanan TI yang bertugas sebagai koordinator»') },
    planApprover: { role: 'service_owner', source: at('Pasal 13 ayat (3) «disampaikan kepada pejabat administrator unit kerja yang membidangi TI untuk mendapat persetujuan»') },
    downtimeAgreedWith: null,
    rollbackOnFailedCriteria: { value: true, source: sigap('dpr does not mention a rollback; Sigap requires the contingency plan to run when the evaluation criteria are missed, as serang D.3.7') },
    postImplementationReview: { value: true, source: sigap('dpr evaluates the change process (Pasal 18 ayat 1 huruf f) but not the release; Sigap reviews each release afterwards, as serang D.3.8') },
    fitnessTests: {
      tests: [
        { id: 'vulnerability', title: { id: 'Uji kerentanan (vulnerability test)', en: 'Vulnerability test' }, source: at('Pasal 14 ayat (1) huruf a «uji kerentanan (vulnerability test)»') },
        { id: 'stress', title: { id: 'Uji beban (stress test)', en: 'Stress test' }, source: at('Pasal 14 ayat (1) huruf b «uji beban (stress test)»') },
        { id: 'risk_impact', title: { id: 'Uji dampak risiko', en: 'Risk-impact test' }, source: at('Pasal 14 ayat (1) huruf c «uji dampak risiko»') },
      ],
      outsideWorkingHours: { value: true, source: at('Pasal 14 ayat (2) «dilakukan oleh petugas pengelola Layanan TI di luar jam kerja Sekretariat Jenderal DPR RI»') },
      performedByRole: 'technical_team',
      resultsToRole: 'service_coordinator',
      approverRole: 'service_owner',
      source: at('Pasal 14 ayat (4) «Hasil pengujian kelaikan dicatat dan disampaikan kepada koordinator» ayat (5) «disetujui oleh pejabat administrator unit kerja yang membidangi TI»'),
    },
    handover: {
      document: { id: 'Berita Acara Serah Terima', en: 'Handover certificate' },
      signatoryRoles: ['head_of_unit', 'requester'],
      source: at('Pasal 15 ayat (3) «ditandatangani oleh pejabat pimpinan tinggi pratama unit kerja yang membidangi TI dengan Pemohon»'),
    },
    maintenancePeriod: {
      period: { months: 3, basis: 'calendar', source: at('Pasal 16 ayat (3) «dalam periode 3 (tiga) bulan kalender setelah serah terima»') },
      covers: [
        { id: 'Penanganan atas eror pada Layanan TI', en: 'Handling errors in the service' },
        { id: 'Pemenuhan atas perjanjian tingkat layanan', en: 'Meeting the service level agreement' },
      ],
      performedByRole: 'technical_team',
      source: at('Pasal 16 ayat (2) «penanganan atas eror pada Layanan TI» «pemenuhan atas perjanjian tingkat layanan» ayat (4) «dilakukan dan didokumentasikan oleh petugas pengelola Layanan TI»'),
    },
    deploymentMethods: [],
  },
  disaster: null,
  availabilityReport: null,

  // BAB VIII Pasal 22–25 Perbaikan Berkelanjutan.
  evaluation: {
    cadence: DEFAULT_EVALUATION_CADENCE('dpr Pasal 22 ayat (3) lists "peninjauan berkala" without a period'),
    chapters: DEFAULT_EVALUATION_CHAPTERS('dpr BAB VIII (Perbaikan Berkelanjutan) names review methods but no report chapters', [
      { id: 'A', title: { id: 'Evaluasi Penyelenggaraan Permintaan Layanan', en: 'Service requests' }, measures: ['requests', 'satisfaction'], role: 'service_coordinator' },
      { id: 'B', title: { id: 'Evaluasi Penyelenggaraan Penanganan Gangguan', en: 'Incident handling' }, measures: ['incidents', 'problems', 'satisfaction'], role: 'service_coordinator' },
      { id: 'E', title: { id: 'Evaluasi Perubahan dan Rilis Layanan', en: 'Changes and releases' }, measures: ['changes', 'releases'], role: 'technical_team' },
    ]),
    chapterContents: [],
    reviews: [],
    maturityLevels: [],
    analysisWithin: DEFAULT_EVALUATION_ANALYSIS('dpr Pasal 22 sets no deadline for the periodic review'),
    approvedBy: DEFAULT_EVALUATION_APPROVER('dpr Pasal 22 names no approver of the periodic review'),
    improvement: {
      methods: [
        { id: 'benchmarking', title: { id: 'Studi banding', en: 'Benchmarking visit' }, source: at('Pasal 22 ayat (3) huruf a «kegiatan studi banding»') },
        { id: 'audit', title: { id: 'Audit', en: 'Audit' }, source: at('Pasal 22 ayat (3) huruf b «audit»') },
        { id: 'maturity_assessment', title: { id: 'Penilaian maturitas', en: 'Maturity assessment' }, source: at('Pasal 22 ayat (3) huruf c «penilaian maturitas»') },
        { id: 'periodic_review', title: { id: 'Peninjauan berkala', en: 'Periodic review' }, source: at('Pasal 22 ayat (3) huruf d «peninjauan berkala»') },
      ],
      register: { value: { id: 'Daftar register Perbaikan Berkelanjutan yang memuat rekomendasi perbaikan', en: 'Continuous-improvement register with recommendations' }, source: at('Pasal 23 «didokumentasikan pada daftar register Perbaikan Berkelanjutan yang memuat rekomendasi perbaikan»') },
      recommendationKinds: [
        { id: 'internal', title: { id: 'Rekomendasi internal', en: 'Internal recommendation' }, source: at('Pasal 24 ayat (2) huruf a «rekomendasi internal»') },
        { id: 'with_third_party', title: { id: 'Rekomendasi atas kerja sama dengan pihak terkait', en: 'Recommendation with third parties' }, source: at('Pasal 24 ayat (2) huruf b «rekomendasi atas kerja sama dengan pihak terkait»') },
      ],
    },
  },

  // Pasal 20: a catalogue of problems and solutions, reviewed and updated; no period.
  problemReview: {
    recurrenceThreshold: DEFAULT_RECURRENCE_THRESHOLD,
    frequency: DEFAULT_PROBLEM_REVIEW('dpr Pasal 20 huruf i requires reviewing the catalogue of problems and solutions without a period'),
    performedBy: { role: 'technical_team', source: at('Pasal 20 «Unit kerja yang membidangi TI melakukan pengelolaan Gangguan Layanan TI dan Masalah Layanan TI»') },
    reportTo: null,
    activities: [
      { title: { id: 'Mendiagnosis akar penyebab dan menentukan solusi', en: 'Diagnose the root cause and set the solution' }, source: at('Pasal 20 huruf e «mendiagnosis akar penyebab dari Gangguan Layanan TI dan Masalah layanan TI dan menentukan solusi»') },
      { title: { id: 'Mengidentifikasi potensi gangguan berulang dan menentukan solusi', en: 'Identify likely recurring incidents and set solutions' }, source: at('Pasal 20 huruf f «mengidentifikasi potensi Gangguan Layanan TI dan Masalah Layanan TI yang berulang»') },
      { title: { id: 'Menyusun katalog masalah dan solusi', en: 'Keep a catalogue of problems and solutions' }, source: at('Pasal 20 huruf h «menyusun katalog masalah dan solusi»') },
      { title: { id: 'Reviu dan pemutakhiran katalog masalah dan solusi', en: 'Review and update that catalogue' }, source: at('Pasal 20 huruf i «melakukan reviu dan memutakhirkan katalog masalah dan solusi»') },
    ],
  },
  segregationOfDuties: null,

  gaps: [
    { path: 'availabilityReport', reason: { id: 'Tidak mengatur laporan ketersediaan layanan bulanan', en: 'No monthly availability report' }, source: SCOPE },
    { path: 'classification', reason: { id: 'Tidak ada klasifikasi layanan Kritis/Esensial/Normal', en: 'No Kritis/Esensial/Normal service classification' }, source: SCOPE },
    { path: 'incident.priorityMatrix', reason: { id: 'Pasal 20 huruf b menentukan prioritas tanpa matriks atau target waktu', en: 'Pasal 20 huruf b sets priorities without a matrix or time targets' }, source: at('Pasal 20 «penentuan prioritas penanganan Gangguan Layanan TI»') },
    { path: 'maintenanceSupport', reason: { id: 'Pemeliharaan diatur sebagai masa 3 bulan setelah serah terima (release.maintenancePeriod), tanpa tingkat urgensi', en: 'Maintenance is the 3-month period after handover (release.maintenancePeriod), without urgency levels' }, source: at('Pasal 16') },
    { path: 'maintenanceSop', reason: { id: 'Tidak ada SOP dengan durasi langkah', en: 'No SOP with step durations' }, source: SCOPE },
    { path: 'disaster', reason: { id: 'Tidak mengatur pemulihan bencana', en: 'Disaster recovery is not in scope' }, source: SCOPE },
    { path: 'segregationOfDuties', reason: { id: 'Tidak ada ketentuan pemisahan tugas', en: 'No segregation-of-duties rule' }, source: SCOPE },
    { path: 'release.downtimeAgreedWith', reason: { id: 'Rencana rilis memuat jadwal dan waktu, tanpa kesepakatan downtime', en: 'The release plan has a schedule and time, no downtime agreement' }, source: at('Pasal 13 ayat (1) «rencana jadwal Rilis Layanan TI»') },
  ],
});

function item(code: string, id: string, en: string, section: string) {
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  return {
    code, group: cap(id), requiresApproval: true,
    name: { id: cap(id), en: cap(en) },
    description: { id: `Permintaan ${id} (${section})`, en: `Request for ${en} (${section})` },
    fulfilmentTarget: NO_TARGET,
    requiredDocuments: ['nota_dinas', 'kerangka_acuan'],
  };
}
