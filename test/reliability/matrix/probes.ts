// How the authorisation matrix calls each operation: path values, query and body chosen so that a caller who
// passes the gate is refused a step later (a missing record, a business rule) wherever that is possible, so
// the matrix changes nothing. Operations not listed use the fixtures by parameter name and no body.
export interface Probe { path?: Record<string, string>; query?: string; body?: unknown }

export const MISSING_ID = '00000000-0000-4000-8000-000000000000';
const window = { start: '2099-01-05T01:00:00.000Z', end: '2099-01-05T03:00:00.000Z' };

export const PROBES: Record<string, Probe> = {
  getCatalogueItem: { path: { code: 'HOSTING-APP' } },
  getService: { path: { code: 'PERIZINAN-ONLINE' } },
  getStandardChange: { path: { code: 'RESTART-APP' } },
  getProfile: { path: { id: 'serang' } },
  putCatalogueItem: { path: { code: 'TIDAK-ADA' }, body: { invalid: true } },
  retireCatalogueItem: { path: { code: 'TIDAK-ADA' } },
  uploadDocument: { body: { multipart: { kind: 'nota_dinas' } } }, // no file: 400 file_required past the gate
  downloadDocument: { path: { id: 'document' } },
  submitRequest: { body: { catalogueItem: 'TIDAK-ADA', title: 'Uji matriks', description: 'Tidak ada item ini.' } },
  reportIncident: { body: { service: 'TIDAK-ADA', category: 'Uji', symptoms: 'Uji matriks', impact: 'minor' } },
  reportMaintenance: { body: { service: 'TIDAK-ADA', description: 'Uji matriks' } },
  openProblem: { body: { title: 'Uji matriks', description: 'Layanan tidak ada', service: 'TIDAK-ADA' } },
  runProblemReview: { body: { from: '2099-01-01', to: '2099-06-30' } },
  getChangeConflicts: { path: { id: 'change' } },
  submitChange: {
    body: { title: 'Uji matriks', reason: 'Uji', category: 'normal', services: ['TIDAK-ADA'], riskAnalysis: 'Uji', implementationPlan: 'Uji', window },
  },
  putStandardChange: { path: { code: 'TIDAK-ADA' }, body: { invalid: true } },
  createChangeBlackout: { body: { service: 'PERIZINAN-ONLINE', start: window.end, end: window.start, reason: 'Uji matriks' } },
  deleteChangeBlackout: { path: { id: MISSING_ID } },
  createRelease: {
    body: {
      title: 'Rilis uji matriks', change: 'CHG-1999-000001', window, expectedDowntimeMinutes: 5, contents: [{ kind: 'software', name: 'web', version: '1.0.0' }], method: 'pipeline',
      steps: [{ kind: 'manual', id: 'pasang', title: 'Pasang', instructions: 'Pasang paket.' }],
      evaluationCriteria: [{ kind: 'manual', id: 'cek', title: 'Cek beranda', description: 'Beranda terbuka.' }],
      rollbackSteps: [{ kind: 'manual', id: 'lepas', title: 'Lepas', instructions: 'Lepas paket.', undoes: 'pasang' }],
      affectedParties: { roles: ['requester'], users: [] },
    },
  },
  submitDisaster: { body: { title: 'Uji matriks', description: 'Uji', services: ['TIDAK-ADA'] } },
  getDrpEvaluation: { path: { id: MISSING_ID } },
  putContinuityPlan: { path: { service: 'TIDAK-ADA' }, body: { availabilityTarget: 99.5 } },
  reportBackup: { path: { service: 'TIDAK-ADA' }, body: { backupAt: '2026-01-01T00:00:00.000Z' } },
  submitDrp: { path: { service: 'TIDAK-ADA' }, body: { title: 'Uji', recoveryActivities: 'Uji', normalisationActivities: 'Uji' } },
  startDrpTest: { path: { service: 'TIDAK-ADA' }, body: {} },
  recordDowntime: { body: { service: 'PERIZINAN-ONLINE', start: window.end, end: window.start, cause: 'Uji matriks' } },
  openAvailabilityReport: { body: { month: '2099-01' } },
  getFormulirF: { path: { id: MISSING_ID } },
  openEvaluation: { body: { period: '2099-S1' } },
  getFormulirI: { path: { id: MISSING_ID } },
  createImprovement: { body: { invalid: true } },
  completeImprovement: { body: { resolution: 'Uji matriks' } }, // on a fresh improvement each time it is done
  dropImprovement: { body: { reason: 'Uji matriks' } },
  getAvailability: { query: '?month=2026-01' },
  getReport: { path: { formulir: 'b' }, query: '?format=csv' },
  getReportTemplate: { path: { name: 'letterhead', lang: 'id' } },
  putReportTemplate: { path: { name: 'letterhead', lang: 'id' }, body: { body: '{{#if}}' } },
  deleteReportTemplate: { path: { name: 'letterhead', lang: 'id' } },
  listReportTemplateVersions: { path: { name: 'letterhead', lang: 'id' } },
  replayRollback: { path: { id: MISSING_ID }, body: { note: 'Uji matriks' } },
  resolveRollback: { path: { id: MISSING_ID }, body: { justification: 'Uji matriks, diselesaikan manual sepenuhnya' } },
  getKnownError: { path: { id: MISSING_ID } },
  receiveAlertmanagerWebhook: { body: { version: '3' } },
  receiveAlert: { body: { source: 'uji' } },
  putService: { path: { code: 'TIDAK-ADA' }, body: { invalid: true } },
  replaceHolidays: { body: { holidays: [] } }, // no ?year: 400 past the gate
  putMyProfileOverrides: { body: { roles: 'bukan objek' } },
  createApiKey: { body: { name: 'Uji', scopes: ['tidak:ada'] } },
  rotateApiKey: { path: { id: MISSING_ID }, body: {} },
  revokeApiKey: { path: { id: MISSING_ID } },
  createWebhook: { body: { url: 'ftp://tidak-boleh' } },
  revokeWebhook: { path: { id: MISSING_ID } },
  listWebhookDeliveries: { path: { id: MISSING_ID } },
  redeliverWebhook: { path: { id: MISSING_ID } },
  createDelegation: { body: { delegate: 'tidak-ada', roles: ['service_owner'], kind: 'plh', startsAt: window.start, endsAt: window.end, reason: 'Uji matriks' } },
  getDelegation: { path: { id: MISSING_ID } },
  revokeDelegation: { path: { id: MISSING_ID } },
};
