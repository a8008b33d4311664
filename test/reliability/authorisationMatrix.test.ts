// Issue 10 item 4: the authorisation matrix. Every operation the API serves (from its OpenAPI document) is called by
// every demo role of the serang profile, by nobody, and by API keys of three kinds of scope; case operations on the
// requester's own case and on another requester's case. The observed status of every cell must equal the table
// below — an operation missing from the table fails the test, so a new route has to be classified here.
// Segregation of duties (README "Change management", "Pelimpahan wewenang") is a second, scenario table.
import { useTestSystem } from '../support/system.ts';
import { operationsOf, fillPath, type OpenApiDoc, type Operation } from './fuzz/operations.ts';
import { changeAwaitingApproval, improvement, matrixFixtures, requestAwaitingApproval, submitRequest, type MatrixFixtures } from './matrix/fixtures.ts';
import { MISSING_ID, PROBES, type Probe } from './matrix/probes.ts';

const system = useTestSystem();

const COLUMNS = ['anon', 'pemohon', 'pengelola', 'teknis', 'penyedia', 'koordinator', 'pemulihan', 'kadis', 'admin', 'key:read', 'key:intake', 'key:all', 'key:admin'] as const;
type Column = (typeof COLUMNS)[number];

// anon: no credentials. pemohon: requester (owner of the "own" case; "other" is pemohon2's). pengelola: service_desk.
// teknis: technical_team. penyedia: service_owner. koordinator: service_coordinator. pemulihan: recovery_coordinator.
// kadis: head_of_unit. admin: administrator. key:read: API key `*:read`. key:intake: `incidents:create`.
// key:all: `*` acting with the role service_desk. key:admin: `*` acting with the role administrator.
const EXPECTED = `
                                       anon pemohon pengelola teknis penyedia koordinator pemulihan kadis admin key:read key:intake key:all key:admin
getOpenApi                              200     200       200    200      200         200       200   200   200      200        200     200       200
getMe                                   401     200       200    200      200         200       200   200   200      200        200     200       200
listCatalogue                           401     200       200    200      200         200       200   200   200      200        200     200       200
getCatalogueItem                        401     200       200    200      200         200       200   200   200      200        200     200       200
putCatalogueItem                        401     403       403    403      403         403       403   403   400      403        403     403       400
retireCatalogueItem                     401     403       403    403      403         403       403   403   404      403        403     403       404
uploadDocument                          401     400       400    400      400         400       400   400   400      403        403     400       400
downloadDocument                        401     200       404    404      404         404       404   404   404      404        403     404       404
submitRequest                           401     422       422    422      422         422       422   422   422      403        403     400       400
reportIncident                          401     422       422    422      422         422       422   422   422      403        400     400       400
reportMaintenance                       401     422       422    422      422         422       422   422   422      403        422     422       422
openProblem                             401     403       422    422      422         422       403   403   403      403        403     422       403
runProblemReview                        401     403       403    403      422         422       403   403   422      403        403     403       422
getProblemReviewSchedule                401     200       200    200      200         200       200   200   200      200        403     200       200
submitChange                            401     403       422    422      422         422       403   403   403      403        403     422       403
getChangeConflicts                      401     404       200    200      200         200       200   200   200      200        403     200       200
listStandardChanges                     401     200       200    200      200         200       200   200   200      200        403     200       200
getStandardChange                       401     200       200    200      200         200       200   200   200      200        403     200       200
putStandardChange                       401     403       403    403      400         403       403   403   400      403        403     403       400
listChangeBlackouts                     401     200       200    200      200         200       200   200   200      200        403     200       200
createChangeBlackout                    401     403       403    403      422         403       403   403   422      403        403     403       422
deleteChangeBlackout                    401     403       403    403      404         403       403   403   404      403        403     403       404
createRelease                           401     403       403    422      403         403       403   403   403      403        403     403       403
submitDisaster                          401     403       422    422      422         422       422   422   403      403        403     422       422
listDisasters                           401     200       200    200      200         200       200   200   200      200        403     200       200
getDrpEvaluation                        401     404       404    404      404         404       404   404   404      404        403     404       404
listContinuityPlans                     401     200       200    200      200         200       200   200   200      200        403     200       200
getContinuityPlan                       401     200       200    200      200         200       200   200   200      200        403     200       200
putContinuityPlan                       401     403       403    403      400         403       403   403   400      403        403     403       400
reportBackup                            401     403       403    404      403         403       404   403   403      403        403     404       404
listBackups                             401     200       200    200      200         200       200   200   200      200        403     200       200
submitDrp                               401     403       403    404      403         403       404   403   403      403        403     403       403
listDrpVersions                         401     200       200    200      200         200       200   200   200      200        403     200       200
startDrpTest                            401     403       403    403      403         403       404   403   403      403        403     403       403
listDrpTestSchedules                    401     200       200    200      200         200       200   200   200      200        403     200       200
recordDowntime                          401     403       422    422      403         403       403   403   422      403        403     422       422
listDowntime                            401     200       200    200      200         200       200   200   200      200        403     200       200
getAvailability                         401     200       200    200      200         200       200   200   200      200        403     200       200
openAvailabilityReport                  401     403       403    422      403         403       403   403   422      403        403     403       422
getAvailabilityReportSchedule           401     200       200    200      200         200       200   200   200      200        403     200       200
getFormulirF                            401     404       404    404      404         404       404   404   404      404        403     404       404
openEvaluation                          401     403       403    422      403         422       422   422   422      403        403     403       422
listEvaluations                         401     200       200    200      200         200       200   200   200      200        403     200       200
getEvaluationSchedule                   401     200       200    200      200         200       200   200   200      200        403     200       200
getFormulirI                            401     404       404    404      404         404       404   404   404      404        403     404       404
getMaturity                             401     403       200    200      200         200       200   200   200      403        403     200       200
listImprovements                        401     200       200    200      200         200       200   200   200      200        403     200       200
createImprovement                       401     403       403    403      403         400       403   400   400      403        403     403       400
completeImprovement                     401     403       403    403      403         403       403   200   200      403        403     403       200
dropImprovement                         401     403       403    403      403         403       403   200   200      403        403     403       200
listReports                             401     200       200    200      200         200       200   200   200      200        403     200       200
getReport:b                             401     403       200    200      200         200       200   200   200      403        403     200       200
getReport:d-own                         401     200       200    200      200         200       200   200   200      403        403     200       200
getReport:d-other                       401     403       200    200      200         200       200   200   200      403        403     200       200
listReportTemplates                     401     403       403    403      403         403       403   403   200      403        403     403       200
getReportTemplate                       401     403       403    403      403         403       403   403   200      403        403     403       200
putReportTemplate                       401     403       403    403      403         403       403   403   400      403        403     403       400
deleteReportTemplate                    401     403       403    403      403         403       403   403   404      403        403     403       404
listReportTemplateVersions              401     403       403    403      403         403       403   403   200      403        403     403       200
listRollbacks                           401     403       403    403      403         403       403   403   200      403        403     403       200
replayRollback                          401     403       403    403      403         403       403   403   404      403        403     403       404
resolveRollback                         401     403       403    403      403         403       403   403   404      403        403     403       404
searchKnownErrors                       401     403       200    200      200         200       200   200   200      200        403     200       200
getKnownError                           401     403       404    404      404         404       404   404   404      404        403     404       404
getCaseKnownErrors:own                  401     403       200    200      200         200       200   200   200      200        403     200       200
getCaseKnownErrors:other                401     404       200    200      200         200       200   200   200      200        403     200       200
listFindings                            401     403       403    403      200         200       403   200   200      200        403     200       200
receiveAlertmanagerWebhook              401     403       400    403      403         403       403   403   403      403        400     400       400
receiveAlert                            401     403       400    403      403         403       403   403   403      403        400     400       400
listAlerts                              401     403       200    200      200         200       200   200   200      200        403     200       200
listServices                            401     200       200    200      200         200       200   200   200      200        200     200       200
getService                              401     200       200    200      200         200       200   200   200      200        200     200       200
putService                              401     403       403    403      403         403       403   403   400      403        403     403       400
listCases                               401     200       200    200      200         200       200   200   200      200        403     200       200
getCase:own                             401     200       200    200      200         200       200   200   200      200        403     200       200
getCase:other                           401     404       200    200      200         200       200   200   200      200        403     200       200
getCaseTimeline:own                     401     200       200    200      200         200       200   200   200      200        403     200       200
getCaseTimeline:other                   401     404       200    200      200         200       200   200   200      200        403     200       200
actOnCase:cancel-own                    401     200       403    403      403         403       403   403   403      403        403     403       403
actOnCase:cancel-other                  401     404       403    403      403         403       403   403   403      403        403     403       403
actOnCase:classify                      401     403       200    403      403         403       403   403   403      403        403     200       403
decideCase:request-own                  401     403       403    403      200         403       403   403   403      403        403     403       403
decideCase:change                       401     404       403    403      200         403       403   403   403      403        403     403       403
getCalendar                             401     200       200    200      200         200       200   200   200      200        200     200       200
listHolidays                            401     200       200    200      200         200       200   200   200      200        200     200       200
replaceHolidays                         401     403       403    403      403         403       403   403   400      403        403     403       400
listProfiles                            401     200       200    200      200         200       200   200   200      200        200     200       200
getProfile                              401     200       200    200      200         200       200   200   200      200        200     200       200
getMyProfile                            401     200       200    200      200         200       200   200   200      200        200     200       200
putMyProfileOverrides                   401     403       403    403      403         403       403   403   400      403        403     403       400
createApiKey                            401     403       403    403      403         403       403   403   400      403        403     403       400
listApiKeys                             401     403       403    403      403         403       403   403   200      403        403     403       200
rotateApiKey                            401     403       403    403      403         403       403   403   404      403        403     403       404
revokeApiKey                            401     403       403    403      403         403       403   403   404      403        403     403       404
createWebhook                           401     403       403    403      403         403       403   403   400      403        403     403       400
listWebhooks                            401     403       403    403      403         403       403   403   200      403        403     403       200
revokeWebhook                           401     403       403    403      403         403       403   403   404      403        403     403       404
listWebhookDeliveries                   401     403       403    403      403         403       403   403   404      403        403     403       404
redeliverWebhook                        401     403       403    403      403         403       403   403   404      403        403     403       404
createDelegation                        401     422       422    422      422         422       422   422   422      403        403     403       403
listDelegations                         401     200       200    200      200         200       200   200   200      403        403     403       403
getDelegation                           401     404       404    404      404         404       404   404   404      403        403     403       403
revokeDelegation                        401     404       404    404      404         404       404   404   404      403        403     403       403
`;

interface Row { key: string; op: Operation; probe: Probe; fresh?: () => Promise<string> }

function rowsOf(operations: Operation[]): Row[] {
  const sys = system();
  const variants: Record<string, Array<Omit<Row, 'op'>>> = {
    getCase: [{ key: 'getCase:own', probe: { path: { id: 'own' } } }, { key: 'getCase:other', probe: { path: { id: 'other' } } }],
    getCaseTimeline: [{ key: 'getCaseTimeline:own', probe: { path: { id: 'own' } } }, { key: 'getCaseTimeline:other', probe: { path: { id: 'other' } } }],
    getCaseKnownErrors: [{ key: 'getCaseKnownErrors:own', probe: { path: { id: 'own' } } }, { key: 'getCaseKnownErrors:other', probe: { path: { id: 'other' } } }],
    getReport: [
      { key: 'getReport:b', probe: PROBES.getReport! },
      { key: 'getReport:d-own', probe: { path: { formulir: 'd' }, query: '?case=own&format=csv' } },
      { key: 'getReport:d-other', probe: { path: { formulir: 'd' }, query: '?case=other&format=csv' } },
    ],
    actOnCase: [
      { key: 'actOnCase:cancel-own', probe: { path: { action: 'cancel' }, body: { reason: 'Tidak jadi.' } }, fresh: () => submitRequest(sys, 'pemohon') },
      { key: 'actOnCase:cancel-other', probe: { path: { action: 'cancel' }, body: { reason: 'Tidak jadi.' } }, fresh: () => submitRequest(sys, 'pemohon2') },
      { key: 'actOnCase:classify', probe: { path: { action: 'classify' }, body: { classification: 'fulfilment', priority: 'low' } }, fresh: () => submitRequest(sys, 'pemohon') },
    ],
    completeImprovement: [{ key: 'completeImprovement', probe: PROBES.completeImprovement!, fresh: () => improvement(sys) }],
    dropImprovement: [{ key: 'dropImprovement', probe: PROBES.dropImprovement!, fresh: () => improvement(sys) }],
    decideCase: [
      { key: 'decideCase:request-own', probe: { body: { decision: 'approve', comment: 'Setuju.' } }, fresh: () => requestAwaitingApproval(sys, 'pemohon') },
      { key: 'decideCase:change', probe: { body: { decision: 'approve', comment: 'Setuju.' } }, fresh: () => changeAwaitingApproval(sys, 'teknis') },
    ],
  };
  return operations.flatMap((op) => (variants[op.operationId] ?? [{ key: op.operationId, probe: PROBES[op.operationId] ?? {} }]).map((v) => ({ ...v, op })));
}

let fixtures: MatrixFixtures;

async function credentials(column: Column): Promise<Record<string, string>> {
  if (column === 'anon') return {};
  if (column.startsWith('key:')) return { authorization: `Bearer ${fixtures.apiKeys[column]}` };
  return { authorization: `Bearer ${await system().token(column)}` };
}

async function call(row: Row, column: Column, caseId: string | undefined): Promise<number> {
  const fixture = (v: string) => (v === 'fresh' ? caseId! : fixtures.ids[v] ?? v);
  const values: Record<string, string> = {};
  for (const p of row.op.parameters.filter((x) => x.in === 'path')) {
    const given = row.probe.path?.[p.name];
    values[p.name] = encodeURIComponent(given !== undefined ? fixture(given) : p.name === 'id' ? (row.fresh ? caseId! : MISSING_ID) : p.name === 'service' ? 'PERIZINAN-ONLINE' : 'x');
  }
  const query = (row.probe.query ?? '').replace(/case=(own|other)/, (_, v: string) => `case=${fixtures.ids[v]}`);
  const headers: Record<string, string> = await credentials(column);
  let body: RequestInit['body'];
  const probeBody = row.probe.body as { multipart?: Record<string, string> } | undefined;
  if (probeBody?.multipart) {
    const form = new FormData();
    for (const [k, v] of Object.entries(probeBody.multipart)) form.append(k, v);
    body = form;
  } else if (probeBody !== undefined) {
    body = JSON.stringify(probeBody);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(`${system().baseUrl}/api/v1${fillPath(row.op.path, values)}${query}`, { method: row.op.method.toUpperCase(), headers, body });
  await res.arrayBuffer();
  return res.status;
}

const format = (key: string, cells: Array<string | number>) => `${key.padEnd(38)}${cells.map((c, i) => ` ${String(c).padStart(COLUMNS[i]!.length)}`).join('')}`;
const tableLines = (text: string) => text.split('\n').map((l) => l.trimEnd()).filter((l) => l.trim() !== '' && !l.trim().startsWith('anon '));

beforeAll(async () => {
  fixtures = await matrixFixtures(system());
}, 120_000);

test('every operation × every role and API key scope × own/other case answers as the table says', async () => {
  const doc = (await system().call(null, 'GET', '/api/v1/openapi.json')).body as OpenApiDoc;
  const rows = rowsOf(operationsOf(doc));
  const observed: string[] = [];
  for (const row of rows) {
    let caseId = row.fresh ? await row.fresh() : undefined;
    const cells: number[] = [];
    for (const column of COLUMNS) {
      const status = await call(row, column, caseId);
      cells.push(status);
      if (row.fresh && status < 300) caseId = await row.fresh(); // the action was taken: the next column gets a fresh case
    }
    observed.push(format(row.key, cells));
  }
  if (process.env.SIGAP_MATRIX_PRINT) console.log(`${format('', [...COLUMNS])}\n${observed.join('\n')}`);
  const expected = tableLines(EXPECTED);
  // Every served operation is classified, and the table names no operation the API does not serve.
  const keyOf = (line: string) => line.split(/\s+/)[0]!;
  expect(observed.map(keyOf).filter((k) => !expected.map(keyOf).includes(k))).toEqual([]);
  expect(expected.map(keyOf).filter((k) => !observed.map(keyOf).includes(k))).toEqual([]);
  expect(observed).toEqual(expected);
}, 300_000);

// Segregation of duties: who may not take a duty although their role allows it. Each scenario sets up its own
// case; the last column is the expected answer (status and problem code).
const SOD_EXPECTED = `
a service owner approves a change they initiated                          403 segregation_of_duties_change
the initiator records the implementation of their own emergency change   403 segregation_of_duties_change
a Plh. service owner approves a change of the official they stand in for  403 segregation_of_duties_change
a Plh. service owner approves a change they initiated                     403 segregation_of_duties_change
a Plh. service owner approves another official's change                   200 -
a requester acting as Plh. service owner approves their own request       403 segregation_of_duties
a requester acting as Plh. service owner approves another's request       200 -
a former Plh. approves after the delegation is revoked                    403 missing_role
`;

test('segregation of duties holds for initiators, implementers and acting officials (Plt./Plh.)', async () => {
  const sys = system();
  const act = async (who: string, id: string, action: string, body: unknown) => {
    const res = await sys.call(who, 'POST', `/api/v1/cases/${id}/actions/${action}`, body);
    return `${res.status} ${res.status < 300 ? '-' : res.body?.code}`;
  };
  const approve = (who: string, id: string) => act(who, id, 'decide', { decision: 'approve', comment: 'Setuju.' });
  const delegate = async (to: string) => {
    const res = await sys.call('penyedia', 'POST', '/api/v1/delegations', {
      delegate: to, roles: ['service_owner'], kind: 'plh', startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: new Date(Date.now() + 86_400_000).toISOString(), reason: 'Dinas luar', reference: 'ST/001/2026',
    });
    if (res.status !== 201) throw new Error(`delegation to ${to}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  const emergency = async () => {
    const res = await sys.call('teknis', 'POST', '/api/v1/changes', {
      title: 'Perbaikan darurat uji matriks', reason: 'Layanan tidak dapat diakses', category: 'emergency', services: ['WEBSITE'],
      riskAnalysis: 'Tinggi', implementationPlan: 'Mulai ulang layanan', window: { end: new Date(Date.now() + 7_200_000).toISOString() },
    });
    await sys.started(res.body.id);
    return res.body.id as string;
  };
  const teknis2Plh = await delegate('teknis2');
  const pemohon2Plh = await delegate('pemohon2');
  const observed: Array<[string, string]> = [
    ['a service owner approves a change they initiated', await approve('penyedia', await changeAwaitingApproval(sys, 'penyedia'))],
    ['the initiator records the implementation of their own emergency change', await act('teknis', await emergency(), 'record_implementation', { outcome: 'succeeded', note: 'Sendiri' })],
    ['a Plh. service owner approves a change of the official they stand in for', await approve('teknis2', await changeAwaitingApproval(sys, 'penyedia'))],
    ['a Plh. service owner approves a change they initiated', await approve('teknis2', await changeAwaitingApproval(sys, 'teknis2'))],
    ["a Plh. service owner approves another official's change", await approve('teknis2', await changeAwaitingApproval(sys, 'teknis'))],
    ['a requester acting as Plh. service owner approves their own request', await approve('pemohon2', await requestAwaitingApproval(sys, 'pemohon2'))],
    ["a requester acting as Plh. service owner approves another's request", await approve('pemohon2', await requestAwaitingApproval(sys, 'pemohon'))],
  ];
  const pending = await changeAwaitingApproval(sys, 'teknis');
  expect((await sys.call('penyedia', 'DELETE', `/api/v1/delegations/${teknis2Plh}`)).status).toBe(200);
  observed.push(['a former Plh. approves after the delegation is revoked', await approve('teknis2', pending)]);
  expect((await sys.call('penyedia', 'DELETE', `/api/v1/delegations/${pemohon2Plh}`)).status).toBe(200);

  const lines = (rows: Array<[string, string]>) => rows.map(([scenario, result]) => `${scenario.padEnd(74)}${result}`);
  expect(lines(observed)).toEqual(SOD_EXPECTED.split('\n').filter((l) => l.trim()).map((l) => {
    const m = /^(.*?)\s+(\d{3} \S+)$/.exec(l)!;
    return `${m[1]!.padEnd(74)}${m[2]}`;
  }));
}, 180_000);
