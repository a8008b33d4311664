// Keputusan Menteri Keuangan No. 395 Tahun 2023 tentang Manajemen Mutu dan Layanan TIK di Lingkungan
// Kementerian Keuangan (seed 003_0370077a2a8f897b.txt). Sections: Diktum (KESATU …), Lampiran I
// (ketentuan umum: A definitions, B parties, D service management system) and Lampiran II
// (activities A–J). The KMK follows ISO/IEC 20000 and ISO 9001 (Diktum KETIGA): it prescribes
// activities and yearly reviews, and leaves targets, priorities and criticality to each Pengelola
// Layanan TIK. So its numbers are review frequencies; the rest is marked as Sigap defaults.
import type { Profile } from '../profile.ts';
import { profileData } from '../profileData.ts';
import type { EvaluationMeasure } from '../profile.ts';
import { DEFAULT_RECURRENCE_THRESHOLD, DEFAULT_DISASTER_PROGRESS, DEFAULT_DRP_APPROVAL, DEFAULT_AVAILABILITY_ACK,
  DEFAULT_DRP_TEST, DEFAULT_FULFILMENT_TARGET, DEFAULT_PROBLEM_REVIEW,
  DEFAULT_CHANGE_DECISION, DEFAULT_RETROSPECTIVE_APPROVAL, DEFAULT_SATISFACTION_SOURCE, DEFAULT_SLA, defaultCalendar, seedSource, sigap,
  DEFAULT_CHAPTER_ANALYST, DEFAULT_EVALUATION_ANALYSIS,
} from './defaults.ts';

const SEED = '003_0370077a2a8f897b.txt';
const at = seedSource(SEED);
const SCOPE = at('Diktum KESATU «Menetapkan manajemen mutu dan layanan teknologi informasi dan komunikasi di lingkungan Kementerian Keuangan»');
const yearly = (section: string) => ({ atLeast: 1, perMonths: 12, source: at(section) });

export const kemenkeu = (): Profile => profileData({
  id: 'kemenkeu',
  name: { id: 'Kementerian Keuangan (KMK 395/2023)', en: 'Ministry of Finance (Ministerial Decree 395/2023)' },
  regulation: { seed: SEED, title: 'Keputusan Menteri Keuangan No. 395 Tahun 2023 tentang Manajemen Mutu dan Layanan TIK di Lingkungan Kementerian Keuangan', year: 2023 },
  timezone: 'Asia/Jakarta',
  roles: [
    { id: 'requester', title: { id: 'Pengguna', en: 'User' }, source: at('Lampiran I A.12 «Pengguna Layanan Kementerian Keuangan yang selanjutnya disebut Pengguna merupakan perorangan atau unit kerja yang memanfaatkan layanan TIK»') },
    { id: 'service_desk', title: { id: 'Service desk', en: 'Service desk' }, source: at('Lampiran II F.2.b.1) «identifikasi dan pencatatan permintaan layanan TIK oleh service desk»') },
    { id: 'technical_team', title: { id: 'Pelaksana kegiatan Manajemen Mutu dan Layanan TIK', en: 'Quality and IT service management practitioner' }, source: at('Lampiran I B.3.c «pelaksana kegiatan Manajemen Mutu dan Layanan TIK, yaitu pejabat atau pegawai yang melaksanakan kegiatan Manajemen Mutu dan Layanan TIK»') },
    { id: 'service_owner', title: { id: 'Pemilik Layanan', en: 'Service owner' }, source: at('Lampiran I A.10 «Pemilik Layanan (Service Owner) yang selanjutnya disebut Pemilik Layanan merupakan Unit di Lingkungan Kementerian Keuangan»') },
    // Lampiran I A.5: a Unit TIK Eselon I is an eselon II unit, so its head is eselon II; the heads
    // of Unit TIK Pusat and Unit TIK Non Eselon are not given a level by the seed.
    { id: 'head_of_unit', title: { id: 'Pimpinan Pengelola Layanan TIK', en: 'Head of the IT service provider' }, eselon: 'II', source: at('Lampiran I B.3.a «pimpinan Pengelola Layanan TIK»; A.5 «Unit TIK Eselon I merupakan unit eselon II»') },
    { id: 'service_coordinator', title: { id: 'Koordinator Manajemen Mutu dan Layanan TIK', en: 'Quality and IT service management coordinator' }, source: at('Lampiran I B.3.b «koordinator Manajemen Mutu dan Layanan TIK, yaitu pejabat atau pegawai yang ditunjuk oleh masing-masing pimpinan Pengelola Layanan TIK»') },
    { id: 'change_coordinator', title: { id: 'Koordinator manajemen perubahan', en: 'Change management coordinator' }, source: at('Lampiran II E.3.a «perubahan layanan TIK yang telah disetujui oleh koordinator manajemen perubahan»') },
    { id: 'problem_coordinator', title: { id: 'Koordinator manajemen masalah', en: 'Problem management coordinator' }, source: at('Lampiran II F.1.b.3) «eskalasi gangguan layanan TIK kepada koordinator manajemen masalah»') },
    { id: 'auditor', title: { id: 'Internal auditor', en: 'Internal auditor' }, source: at('Lampiran I B.3.d «internal auditor, yaitu pejabat atau pegawai yang ditunjuk oleh masing-masing pimpinan Pengelola Layanan TIK»') },
    { id: 'recovery_coordinator', title: { id: 'Organisasi Manajemen Kelangsungan Layanan TIK', en: 'IT service continuity organisation' }, source: at('Lampiran II G.2.b.4) «pembentukan Organisasi Manajemen Kelangsungan Layanan TIK»') },
    { id: 'cio', title: { id: 'Chief Information Officer Kementerian Keuangan', en: 'Chief Information Officer of the ministry' }, source: at('Diktum KEDUAPULUH LIMA «Chief Information Officer Kementerian Keuangan bertanggung jawab mengoordinasikan penerapan Manajemen Mutu dan Layanan TIK»') },
    { id: 'administrator', title: { id: 'Administrator Sigap', en: 'Sigap administrator' }, source: sigap('system role: profile, catalogue and calendar administration') },
  ],
  documentKinds: [],
  requestFulfilment: {
    serviceDeskRole: 'service_desk',
    executorRoles: ['technical_team'],
    // F.2.b.3 requires escalation of service requests but names no target; the coordinator
    // coordinates implementation and monitoring (Lampiran I D.1.b.3), so a breach goes there.
    escalationRole: 'service_coordinator',
    // The KMK names no request approver; the Pemilik Layanan owns the SPBE service (Lampiran I C.2).
    defaultApproverRole: 'service_owner',
    satisfactionScale: { min: 1, max: 5, source: DEFAULT_SATISFACTION_SOURCE('KMK C.1.b.6 requires user satisfaction surveys without a scale') },
  },
  catalogue: [
    {
      code: 'KMK-LAYANAN-TIK', group: 'Layanan TIK', requiresApproval: false,
      // The seed sets no availability for this generic item; the tenant fills in each service's own.
      availability: 'Belum ditetapkan / not set',
      name: { id: 'Permintaan layanan TIK', en: 'IT service request' },
      description: { id: 'Permintaan layanan TIK pada Katalog Layanan TIK (Lampiran II F.2)', en: 'A request for an IT service in the catalogue (Lampiran II F.2)' },
      fulfilmentTarget: DEFAULT_FULFILMENT_TARGET('KMK B.2.d.3) requires each catalogue item to state its "jangka waktu pemenuhan layanan" but sets none'),
    },
  ],

  calendar: defaultCalendar('the Ministry of Finance in Jakarta', 'KMK 395/2023 names no working hours.'),
  sla: DEFAULT_SLA,

  classification: null,
  // Lampiran II F.1 Manajemen Gangguan: each provider defines its own priority reference.
  incident: {
    impacts: [],
    priorities: [],
    priorityMatrix: null,
    clocks: [],
    escalation: [],
    problemEscalation: { role: 'problem_coordinator', source: at('Lampiran II F.1.b.3) «eskalasi gangguan layanan TIK kepada koordinator manajemen masalah (problem management) dalam hal terdapat gangguan layanan TIK yang tidak dapat diselesaikan»') },
    securityIncidents: null,
  },
  maintenanceSupport: null,
  maintenanceSop: null,

  // Lampiran II E.1 Manajemen Perubahan.
  change: {
    categories: [
      {
        id: 'standard', title: { id: 'Perubahan standar', en: 'Standard change' }, criteria: { id: 'Perubahan bukan darurat yang masuk kategori standar', en: 'A non-emergency change of the standard category' },
        approval: 'none', executorRole: 'technical_team',
        source: sigap('KMK E.1.b.1) b) names standard changes among the non-emergency ones but not their approval; Sigap treats them as pre-approved, as serang D.3.5 and ISO/IEC 20000 (Diktum KETIGA)'),
      },
      {
        id: 'emergency', title: { id: 'Perubahan darurat (emergency change)', en: 'Emergency change' },
        criteria: { id: 'Perubahan yang harus dilakukan sesegera mungkin karena mengancam dan mengganggu ketersediaan layanan TIK', en: 'Must be done as soon as possible because it threatens or disrupts availability' },
        approval: 'after', approverRole: 'change_coordinator', executorRole: 'technical_team',
        source: sigap('KMK E.1.b.1) b) defines emergency changes ("harus dilakukan sesegera mungkin karena mengancam dan mengganggu ketersediaan layanan TIK") without saying when they are approved; Sigap executes first and asks the change coordinator afterwards, as serang D.3.5'),
        retrospectiveApprovalWithin: DEFAULT_RETROSPECTIVE_APPROVAL('KMK sets no deadline for approving an emergency change'),
      },
      {
        id: 'normal', title: { id: 'Perubahan normal', en: 'Normal change' }, criteria: { id: 'Perubahan bukan darurat yang masuk kategori normal', en: 'A non-emergency change of the normal category' },
        approval: 'before', approverRole: 'change_coordinator', executorRole: 'technical_team',
        source: at('Lampiran II E.1.b.3) «penilaian, persetujuan, dan penentuan prioritas atas permintaan perubahan layanan TIK»; E.3.a «perubahan layanan TIK yang telah disetujui oleh koordinator manajemen perubahan»'),
        decisionWithin: DEFAULT_CHANGE_DECISION('KMK E.1.b.3 sets no deadline for approving a change'),
      },
    ],
    kinds: [
      { id: 'new_service', title: { id: 'Implementasi layanan TIK baru', en: 'New IT service' }, source: at('Lampiran II E.1.b.2) «permintaan perubahan layanan TIK atau implementasi layanan TIK baru»') },
      { id: 'change', title: { id: 'Perubahan layanan TIK', en: 'Change to an IT service' }, source: at('Lampiran II E.1.b.2) «permintaan perubahan layanan TIK»') },
      { id: 'removal', title: { id: 'Penghapusan layanan TIK pada Katalog', en: 'Removal from the catalogue' }, source: at('Lampiran II E.1.b.5) d) «penghapusan layanan TIK pada Katalog Layanan TIK»') },
      { id: 'transfer_out', title: { id: 'Transfer layanan TIK ke Pengguna atau pihak lain', en: 'Transfer to users or others' }, source: at('Lampiran II E.1.b.5) e) «transfer layanan TIK yang ada pada Pengelola Layanan TIK ke Pengguna atau pihak lain»') },
      { id: 'transfer_in', title: { id: 'Transfer layanan TIK dari Pengguna atau pihak lain', en: 'Transfer from users or others' }, source: at('Lampiran II E.1.b.5) f) «transfer layanan TIK yang ada dari Pengguna atau pihak lain ke Pengelola layanan TIK»') },
    ],
    steps: [
      { id: 'record', title: { id: 'Pencatatan dan pengklasifikasian RFC', en: 'Record and classify the RFC' }, source: at('Lampiran II E.1.b.2) «pencatatan dan pengklasifikasian atas permintaan perubahan layanan TIK»') },
      { id: 'assess', title: { id: 'Penilaian, persetujuan dan penentuan prioritas (katalog, kebutuhan Pengguna, kapasitas, ketersediaan, keberlangsungan, keamanan informasi, perubahan/rilis lain)', en: 'Assess, approve and prioritise (catalogue, user needs, capacity, availability, continuity, security, other changes and releases)' }, source: at('Lampiran II E.1.b.3) «penilaian, persetujuan, dan penentuan prioritas atas permintaan perubahan layanan TIK»') },
      { id: 'plan_test', title: { id: 'Perencanaan dan pengujian', en: 'Plan and test' }, source: at('Lampiran II E.1.b.4) «perencanaan dan pengujian perubahan layanan TIK»') },
      { id: 'design_transition', title: { id: 'Koordinasi dengan desain dan transisi layanan untuk dampak besar', en: 'Hand high-impact changes to service design and transition' }, source: at('Lampiran II E.1.b.5) «pelaksanaan koordinasi dengan koordinator desain dan transisi layanan»') },
      { id: 'review', title: { id: 'Pengkajian perubahan', en: 'Review the change' }, source: at('Lampiran II E.1.b.6) «pengkajian perubahan layanan TIK atau implementasi layanan TIK baru»') },
    ],
    forum: {
      convenerRole: 'change_coordinator',
      members: [
        { id: 'Manajemen gangguan (incident management)', en: 'Incident management' },
        { id: 'Manajemen masalah (problem management)', en: 'Problem management' },
        { id: 'Manajemen permintaan layanan (service request management)', en: 'Service request management' },
        { id: 'Manajemen rilis (release management)', en: 'Release management' },
        { id: 'Manajemen konfigurasi (configuration management)', en: 'Configuration management' },
        { id: 'Desain dan transisi layanan (service design and transition)', en: 'Service design and transition' },
      ],
      // The practices of E.1.b.7 as the profile's roles: incident handling (service desk), problem
      // management (problem coordinator), requests and release/configuration work (technical team),
      // service design and transition (the quality and IT service management coordinator).
      memberRoles: ['service_desk', 'problem_coordinator', 'technical_team', 'service_coordinator'],
      quorum: { value: 3, source: sigap('KMK E.1.b.7 convenes the forum but sets no quorum; Sigap approves a normal change when the change coordinator and at least two other forum members (3 distinct people) have approved, and the convener\'s rejection rejects it') },
      source: at('Lampiran II E.1.b.7) «koordinator kegiatan manajemen perubahan (change management) mengadakan forum komunikasi dengan melibatkan pelaksana kegiatan terkait»'),
    },
    highImpactRoute: { value: { id: 'Perubahan berdampak besar ditangani melalui desain dan transisi layanan; potensi dampak ditentukan tiap Pengelola Layanan TIK', en: 'High-impact changes go through service design and transition; each provider defines "high impact"' }, source: at('Lampiran II E.2.b «Potensi dampak sebagaimana dimaksud pada huruf a ditentukan oleh Pengelola Layanan TIK masing-masing»') },
    maintenancePeriodAfterHandover: null,
  },

  // Lampiran II E.3 Manajemen Rilis dan Penyebaran.
  release: {
    triggers: [
      { title: { id: 'Perubahan layanan TIK yang telah disetujui koordinator manajemen perubahan', en: 'A change approved by the change coordinator' }, source: at('Lampiran II E.3.a «mengimplementasikan perubahan layanan TIK yang telah disetujui oleh koordinator manajemen perubahan»') },
    ],
    planAuthor: { role: 'technical_team', source: at('Lampiran II E.3.b.1) b) «perencanaan, implementasi, pengujian, dan pendokumentasian implementasi rilis layanan TIK»') },
    planApprover: { role: 'change_coordinator', source: at('Lampiran II E.3.b.1) a) «koordinasi dengan koordinator manajemen perubahan»') },
    downtimeAgreedWith: null,
    rollbackOnFailedCriteria: { value: true, source: at('Lampiran II E.3.b.2) a) (5) «rollback plan dalam hal terjadi kegagalan pada saat implementasi rilis layanan TIK»') },
    postImplementationReview: { value: true, source: at('Lampiran II E.3.b.2) a) (7) «masa tinjauan pasca implementasi (post implementation review)»') },
    fitnessTests: null,
    handover: null,
    maintenancePeriod: null,
    deploymentMethods: [
      { id: 'phased', title: { id: 'Bertahap', en: 'Phased' }, source: at('Lampiran II E.3.c.1) «metode bertahap, metode berkelanjutan, metode big bang, dan/atau metode pull deployment»') },
      { id: 'continuous', title: { id: 'Berkelanjutan', en: 'Continuous' }, source: at('Lampiran II E.3.c.1) «metode bertahap, metode berkelanjutan, metode big bang, dan/atau metode pull deployment»') },
      { id: 'big_bang', title: { id: 'Big bang', en: 'Big bang' }, source: at('Lampiran II E.3.c.1) «metode bertahap, metode berkelanjutan, metode big bang, dan/atau metode pull deployment»') },
      { id: 'pull', title: { id: 'Pull deployment', en: 'Pull deployment' }, source: at('Lampiran II E.3.c.1) «metode bertahap, metode berkelanjutan, metode big bang, dan/atau metode pull deployment»') },
    ],
  },

  // Lampiran II G.2 Manajemen Kelangsungan: adds the business impact analysis and the continuity
  // organisation; no scenarios, no declaration procedure, no test period.
  disaster: {
    scenarios: [],
    steps: [
      { step: 1, kind: 'preparation', activity: { id: 'Analisis dampak bisnis (business impact analysis)', en: 'Business impact analysis' }, roles: ['recovery_coordinator'], minEselon: null, source: at('Lampiran II G.2.b.1) «analisis dampak bisnis (business impact analysis)»') },
      { step: 2, kind: 'preparation', activity: { id: 'Penyusunan dan/atau pemutakhiran DRP', en: 'Prepare or update the DRP' }, roles: ['recovery_coordinator'], minEselon: null, source: at('Lampiran II G.2.b.2) «penyusunan dan/atau pemutakhiran rencana pemulihan bencana (disaster recovery plan)»') },
      { step: 3, kind: 'evaluation', activity: { id: 'Pengujian dan evaluasi DRP', en: 'Test and evaluate the DRP' }, roles: ['recovery_coordinator'], minEselon: null, source: at('Lampiran II G.2.b.3) «pengujian dan evaluasi rencana pemulihan bencana (disaster recovery plan)»') },
    ],
    drpApproval: { role: 'head_of_unit', minEselon: null, source: sigap('KMK G.2 names no DRP approver; Sigap uses the pimpinan Pengelola Layanan TIK, who establishes the unit\'s continuity organisation (G.2.b.4.b) and approves the quality and service management plan (Lampiran I D.1.a.1)') },
    drpRunBy: { role: 'recovery_coordinator', source: at('Lampiran II G.2.b.4) «pembentukan Organisasi Manajemen Kelangsungan Layanan TIK»') },
    drpTest: DEFAULT_DRP_TEST('KMK G.2.b.3 requires testing and evaluating the DRP without a period'),
    rtoRpoFrom: { value: 'disaster', source: at('Lampiran II G.2.a «dapat dipulihkan pada saat terjadi bencana TIK dalam rentang waktu yang telah disepakati»') },
    minorDisastersAsIncidents: null,
    continuityOrganisation: [
      { scope: { id: 'Tingkat Kementerian Keuangan', en: 'Ministry level' }, role: 'cio', source: at('Lampiran II G.2.b.4) a) «ditetapkan oleh Chief Information Officer (CIO) Kementerian Keuangan»') },
      { scope: { id: 'Tingkat Unit', en: 'Unit level' }, role: 'head_of_unit', source: at('Lampiran II G.2.b.4) b) «ditetapkan oleh masing-masing pimpinan Pengelola Layanan TIK»') },
    ],
    progressUpdateEvery: DEFAULT_DISASTER_PROGRESS('KMK G.2 sets no progress reporting during recovery'),
    drpApprovalWithin: DEFAULT_DRP_APPROVAL('KMK G.2 names neither a DRP approver nor a deadline'),
  },
  // Lampiran II G.1 Manajemen Ketersediaan Layanan: monitoring and analysing availability against the target.
  availabilityReport: {
    frequency: { atLeast: 1, perMonths: 1, source: sigap('KMK G.1.b.3) «pemantauan dan analisis realisasi ketersediaan layanan TIK terhadap target yang telah disepakati» sets no period; Sigap default: monthly, as serang BAB IV C.2.4 («setiap bulannya»)') },
    preparedBy: { role: 'technical_team', source: at('Lampiran II G.1.b.3) «pemantauan dan analisis realisasi ketersediaan layanan TIK terhadap target yang telah disepakati»') },
    acknowledgedBy: { role: 'service_owner', source: sigap('KMK G.1 names no one who acknowledges the analysis; Sigap uses the Pemilik Layanan, who agrees the availability target («target tingkat ketersediaan layanan TIK yang telah disepakati», G.1.a)') },
    acknowledgeWithin: DEFAULT_AVAILABILITY_ACK('KMK G.1 sets no deadline for the availability analysis'),
  },

  // Lampiran I D.5 Pengukuran dan Evaluasi (management review) and D.6 Peningkatan berkelanjutan.
  evaluation: {
    cadence: yearly('Lampiran I D.5.c «melalui rapat pembahasan yang dilaksanakan paling sedikit 1 (satu) kali dalam 1 (satu) tahun»'),
    // The management review agenda (D.5.c 1–12) plays the role of the chapters.
    chapters: [
      chapter('1', 'Hasil dan tindak lanjut tinjauan manajemen sebelumnya', 'Results and follow-up of the previous review', '«hasil dan tindak lanjut dari rapat tinjauan manajemen sebelumnya»', ['follow_ups'], 'head_of_unit'),
      chapter('2', 'Perubahan isu internal dan eksternal', 'Changes in internal and external issues', '«perubahan pada isu internal dan eksternal»', [], 'head_of_unit'),
      chapter('3', 'Kinerja dan efektivitas, termasuk tren', 'Performance and effectiveness, with trends', '«informasi tentang kinerja dan efektivitas Manajemen Mutu dan Layanan TIK, termasuk tren»', ['requests', 'incidents', 'satisfaction'], 'service_coordinator'),
      chapter('4', 'Peluang peningkatan berkelanjutan', 'Improvement opportunities', '«peluang untuk peningkatan berkelanjutan»', ['follow_ups'], 'service_coordinator'),
      chapter('5', 'Feedback Pengguna dan pemangku kepentingan', 'Feedback from users and stakeholders', '«feedback dari Pengguna dan pemangku kepentingan»', ['satisfaction'], 'service_coordinator'),
      chapter('6', 'Kepatuhan terhadap kebijakan dan peraturan', 'Compliance with policy and regulation', '«kepatuhan dan kesesuaian terhadap kebijakan Manajemen Mutu dan Layanan TIK»', [], 'head_of_unit'),
      chapter('7', 'Pencapaian sasaran', 'Achievement of objectives', '«pencapaian sasaran penerapan Manajemen Mutu dan Layanan TIK»', [], 'head_of_unit'),
      chapter('8', 'Kinerja layanan TIK', 'IT service performance', '«kinerja layanan TIK»', ['availability', 'incidents', 'releases'], 'service_coordinator'),
      chapter('9', 'Kinerja pihak yang terlibat', 'Performance of the parties involved', '«kinerja pihak yang terlibat dalam penyelenggaraan layanan TIK»', [], 'service_coordinator'),
      chapter('10', 'Penggunaan dan prediksi sumber daya', 'Resource use and forecast', '«penggunaan dan prediksi sumber daya yang dibutuhkan»', [], 'technical_team'),
      chapter('11', 'Hasil manajemen risiko', 'Risk management results', '«hasil dari pelaksanaan manajemen risiko»', ['recovery', 'problems'], 'recovery_coordinator'),
      chapter('12', 'Perubahan yang berpengaruh pada layanan TIK', 'Changes affecting IT services', '«perubahan yang dapat berpengaruh pada layanan TIK»', ['changes'], 'change_coordinator'),
    ],
    chapterContents: [
      { title: { id: 'Tren hasil survei kepuasan Pengguna', en: 'Trend of user satisfaction surveys' }, source: at('Lampiran I D.5.c.3) a) «hasil survei kepuasan Pengguna»') },
      { title: { id: 'Tren ketidaksesuaian dan tindakan korektif', en: 'Trend of nonconformities and corrective actions' }, source: at('Lampiran I D.5.c.3) b) «ketidaksesuaian dan tindakan korektif»') },
      { title: { id: 'Tren hasil pemantauan dan pengukuran', en: 'Trend of monitoring and measurement' }, source: at('Lampiran I D.5.c.3) c) «hasil pemantauan dan pengukuran»') },
      { title: { id: 'Hasil dan tindak lanjut audit', en: 'Audit results and follow-up' }, source: at('Lampiran I D.5.c.3) d) «hasil dan tindak lanjut dari internal audit dan/atau eksternal audit»') },
    ],
    reviews: [
      { id: 'monitoring_evaluation', title: { id: 'Pemantauan dan evaluasi penerapan', en: 'Monitoring and evaluation of the implementation' }, role: 'head_of_unit', frequency: yearly('Lampiran I D.1.a.5) «memastikan pemantauan dan evaluasi terhadap penerapan Manajemen Mutu dan Layanan TIK dilaksanakan paling sedikit 1 (satu) kali dalam 1 (satu) tahun»') },
      { id: 'internal_audit', title: { id: 'Internal audit', en: 'Internal audit' }, role: 'auditor', frequency: yearly('Lampiran I D.5.b.2) «pelaksanaan internal audit paling sedikit 1 (satu) kali dalam 1 (satu) tahun»') },
      { id: 'service_level_review', title: { id: 'Pengkajian tingkat layanan TIK', en: 'Service level review' }, role: 'service_coordinator', frequency: yearly('Lampiran I D.6.d «pengkajian tingkat layanan TIK paling sedikit 1 (satu) kali dalam 1 (satu) tahun»') },
      { id: 'improvement_programme', title: { id: 'Pengkajian program peningkatan layanan TIK', en: 'IT service improvement programme review' }, role: 'service_coordinator', frequency: yearly('Lampiran I D.6.f «pengkajian program peningkatan layanan TIK (IT service improvement program) paling sedikit 1 (satu) kali dalam 1 (satu) tahun»') },
      { id: 'competence_review', title: { id: 'Pengkajian peningkatan kompetensi SDM', en: 'Staff competence review' }, role: 'head_of_unit', frequency: yearly('Lampiran I D.4.a.5) «pengkajian paling sedikit 1 (satu) kali dalam 1 (satu) tahun atau sewaktu-waktu dalam hal diperlukan terhadap peningkatan kompetensi sumber daya manusia»') },
      { id: 'user_performance_review', title: { id: 'Tinjauan kinerja layanan TIK dengan Pengguna', en: 'Service performance review with users' }, role: 'service_coordinator', frequency: yearly('Lampiran II C.1.b.5) «pelaksanaan tinjauan kinerja layanan TIK paling sedikit 1 (satu) kali dalam 1 (satu) tahun dengan Pengguna»') },
      { id: 'supplier_performance', title: { id: 'Pemantauan kinerja Penyedia', en: 'Supplier performance monitoring' }, role: null, frequency: yearly('Lampiran II C.3.b.3) «pemantauan kinerja Penyedia paling sedikit 1 (satu) kali dalam 1 (satu) tahun»') },
      { id: 'configuration_audit', title: { id: 'Audit Informasi Konfigurasi', en: 'Configuration information audit' }, role: null, frequency: yearly('Lampiran II B.2.f.2) h) «audit Informasi Konfigurasi (Configuration Information) paling sedikit 1 (satu) kali dalam 1 (satu) tahun»') },
      { id: 'contamination_measurement', title: { id: 'Pengukuran partikel debu dan senyawa korosif di DC/DRC', en: 'Dust and corrosive-compound measurement in the DC/DRC' }, role: null, frequency: yearly('Lampiran II I.2.b.1) «pengukuran terhadap partikel debu dan senyawa yang bersifat korosif, paling sedikit 1 (satu) kali dalam 1 (satu) tahun»') },
      { id: 'dc_cleaning', title: { id: 'Pembersihan DC/DRC', en: 'DC/DRC cleaning' }, role: null, frequency: yearly('Lampiran II I.2.b.4) «pembersihan paling sedikit 1 (satu) kali dalam 1 (satu) tahun»') },
      { id: 'decree_evaluation', title: { id: 'Pemantauan dan evaluasi atas penerapan KMK ini', en: 'Evaluation of this decree\'s implementation' }, role: null, frequency: { atLeast: 1, perMonths: 24, source: at('Diktum KEDUAPULUH TUJUH «paling sedikit 1 (satu) kali dalam 2 (dua) tahun»') } },
    ],
    maturityLevels: [],
    improvement: null,
    analysisWithin: DEFAULT_EVALUATION_ANALYSIS('KMK D.5.c sets no deadline for preparing the management review inputs'),
    approvedBy: { role: 'head_of_unit', source: at('Lampiran I D.1.a.5) «memastikan pemantauan dan evaluasi terhadap penerapan Manajemen Mutu dan Layanan TIK dilaksanakan»') },
  },

  // Lampiran II F.3 Manajemen Masalah.
  problemReview: {
    recurrenceThreshold: DEFAULT_RECURRENCE_THRESHOLD,
    frequency: DEFAULT_PROBLEM_REVIEW('KMK F.3 runs problem management continuously (trend analysis, F.3.b.7) without a review period'),
    performedBy: { role: 'problem_coordinator', source: at('Lampiran II F.1.b.3) «koordinator manajemen masalah»') },
    reportTo: null,
    activities: [
      problemActivity('Identifikasi gangguan berulang', 'Identify recurring incidents', 'F.3.b.1) «identifikasi gangguan layanan TIK yang terjadi secara berulang»'),
      problemActivity('Klasifikasi masalah berdasarkan prioritas, kategori dan dampak', 'Classify by priority, category and impact', 'F.3.b.2) «penentuan klasifikasi masalah layanan TIK berdasarkan prioritas, kategori, dan dampak»'),
      problemActivity('Investigasi dan diagnosa akar penyebab', 'Investigate and diagnose the root cause', 'F.3.b.3) «investigasi dan diagnosa akar penyebab masalah layanan TIK»'),
      problemActivity('Tindakan meminimalkan dampak bila belum terselesaikan (workaround)', 'Minimise the impact while unresolved (workaround)', 'F.3.b.5) «meminimalkan dampak masalah dalam hal masalah layanan TIK belum terselesaikan»'),
      problemActivity('Pencatatan Known Error dan solusi ke KEDB dan Knowledge Base', 'Record known errors and solutions in the KEDB and knowledge base', 'F.3.b.6) «pencatatan setiap Known Error dan solusi ke dalam KEDB dan Knowledge Base»'),
      problemActivity('Analisis tren gangguan dan masalah', 'Trend analysis', 'F.3.b.7) «analisis data tren gangguan layanan TIK dan tren masalah layanan TIK»'),
      problemActivity('Tindakan preventif', 'Preventive action', 'F.3.b.8) «pelaksanaan tindakan preventif»'),
      problemActivity('Pengkajian efektivitas solusi', 'Review the effectiveness of solutions', 'F.3.b.9) «pengawasan, pengkajian, dan pelaporan terhadap efektivitas solusi masalah layanan TIK»'),
      problemActivity('Akses KEDB bagi manajemen gangguan dan service desk', 'KEDB access for incident management and the service desk', 'F.3.b.10) «pemberian akses KEDB dan solusi masalah layanan TIK kepada koordinator kegiatan manajemen gangguan (incident management) dan service desk»'),
      problemActivity('Koordinasi dengan manajemen perubahan', 'Hand fixes that need a change to change management', 'F.3.b.11) «untuk penanganan masalah yang memerlukan proses perubahan layanan TIK»'),
    ],
  },

  // Lampiran II J: resource limits and segregation of duties.
  segregationOfDuties: {
    appliesWhen: { value: { id: 'Selalu; penggabungan kegiatan karena keterbatasan sumber daya harus memperhatikan pemisahan tugas', en: 'Always; activities combined for lack of resources must still keep these duties apart' }, source: at('Lampiran II J.2 «Penggabungan kegiatan Manajemen Mutu dan Layanan TIK harus memperhatikan ketentuan pemisahan tugas untuk kegiatan»') },
    rules: [
      { id: 'change', title: { id: 'Inisiasi, persetujuan, atau pelaksanaan perubahan', en: 'Initiating, approving or implementing a change' }, duties: ['initiate', 'approve', 'implement'], source: at('Lampiran II J.2 a) «inisiasi, persetujuan, atau pelaksanaan perubahan»') },
      { id: 'access', title: { id: 'Permintaan, persetujuan, atau implementasi hak akses', en: 'Requesting, approving or granting access rights' }, duties: ['request', 'approve', 'grant'], source: at('Lampiran II J.2 b) «permintaan, persetujuan, atau implementasi hak akses»') },
      { id: 'code', title: { id: 'Perancangan, implementasi, atau reviu kode', en: 'Designing, implementing or reviewing code' }, duties: ['design', 'implement', 'review'], source: at('Lampiran II J.2 c) «perancangan, implementasi, atau reviu kode»') },
      { id: 'dev_prod', title: { id: 'Pengembangan aplikasi atau pengelolaan production system', en: 'Application development or running the production system' }, duties: ['develop', 'operate_production'], source: at('Lampiran II J.2 d) «pengembangan aplikasi atau pengelolaan production system»') },
      { id: 'security_controls', title: { id: 'Perancangan, audit, atau penjaminan pengendalian keamanan informasi', en: 'Designing, auditing or assuring information-security controls' }, duties: ['design', 'audit', 'assure'], source: at('Lampiran II J.2 e) «perancangan, audit, atau penjaminan pengendalian keamanan informasi»') },
    ],
    relaxation: {
      measures: [
        { id: 'monitoring', title: { id: 'Pemantauan terhadap kegiatan', en: 'Monitoring of the activity' } },
        { id: 'audit_trail', title: { id: 'Jejak audit (audit trails)', en: 'Audit trail' } },
        { id: 'supervision', title: { id: 'Supervisi pimpinan Pengelola Layanan TIK', en: 'Supervision by the head of the provider' } },
      ],
      supervisorRole: 'head_of_unit',
      source: at('Lampiran II J.3 «Dalam hal pemisahan tugas tidak dapat dilaksanakan» «supervisi dari masing-masing pimpinan Pengelola Layanan TIK»'),
    },
  },

  gaps: [
    { path: 'classification', reason: { id: 'Kritikalitas ditentukan masing-masing Pengelola Layanan TIK; tidak ada tingkat Kritis/Esensial/Normal', en: 'Each provider sets criticality; no Kritis/Esensial/Normal levels' }, source: at('Lampiran II B.2.b.2) «penentuan kritikalitas layanan TIK berdasarkan kebutuhan Pengelola Layanan TIK masing-masing dan Pengguna»') },
    { path: 'incident.priorityMatrix', reason: { id: 'Acuan prioritas didefinisikan masing-masing Pengelola Layanan TIK', en: 'Each provider defines its own priority reference (impact and urgency)' }, source: at('Lampiran II F.1.b.1) «pendefinisian dan pendokumentasian acuan prioritas penanganan gangguan layanan TIK dengan mempertimbangkan dampak dan urgensi»') },
    { path: 'maintenanceSupport', reason: { id: 'Tidak ada tingkat urgensi masa pemeliharaan', en: 'No maintenance-period urgency levels' }, source: SCOPE },
    { path: 'maintenanceSop', reason: { id: 'Tidak ada SOP dengan durasi langkah', en: 'No SOP with step durations' }, source: SCOPE },
    { path: 'disaster.scenarios', reason: { id: 'Tidak ada skenario bencana atau prosedur deklarasi', en: 'No disaster scenarios or declaration procedure' }, source: at('Lampiran II G.2 «Manajemen Kelangsungan (Continuity Management)»') },
    { path: 'disaster.minorDisastersAsIncidents', reason: { id: 'Tidak diatur', en: 'Not stated' }, source: at('Lampiran II G.2 «Manajemen Kelangsungan (Continuity Management)»') },
    { path: 'incident.securityIncidents', reason: { id: 'Keamanan informasi mengacu pada ketentuan tersendiri', en: 'Information security follows separate regulations' }, source: at('Lampiran II G.3 «dengan mengacu pada ketentuan mengenai keamanan informasi, keamanan siber, dan perlindungan data pribadi»') },
  ],
});

function chapter(id: string, titleId: string, titleEn: string, quote: string, measures: EvaluationMeasure[], analyst: string) {
  return {
    id, title: { id: titleId, en: titleEn }, source: at(`Lampiran I D.5.c.${id}) ${quote}`), measures,
    analysedBy: DEFAULT_CHAPTER_ANALYST(analyst, 'KMK D.5.c lists the management review inputs without naming who prepares each'),
  };
}

function problemActivity(id: string, en: string, section: string) {
  return { title: { id, en }, source: at(`Lampiran II ${section}`) };
}
