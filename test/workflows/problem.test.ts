// Problem management on the time-skipping server: the whole path with the KEDB record kept in step,
// the change hand-over, the effectiveness check exactly 30 days after the fix, incidents joining
// from outside, an incident's proposal opening a problem, and the periodic review's workflow.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { useTimeSkippingWorker } from '../support/timeSkippingWorker.ts';
import { caseRecords } from '../support/caseRecords.ts';
import { incidentActUpdate, incidentStateQuery, problemActUpdate, problemLinkIncidentsSignal, problemStateQuery } from '../../workflows/messages.ts';
import { incident } from '../../workflows/incident.ts';
import { problem } from '../../workflows/problem.ts';
import { problemReview } from '../../workflows/problemReview.ts';
import type { KnownErrorEntry, ProblemCommand, ProblemInput } from '../../policy/problem.ts';
import { FIX_OBSERVATION, periodEndedBy } from '../../policy/problem.ts';
import type { ProblemActivities, ProblemLinkResult, ScanFinding } from '../../activities/types.ts';
import { command } from '../fixtures/requests.ts';
import { incidentInput } from '../fixtures/incidents.ts';
import { problemActors as who, problemInput } from '../fixtures/problems.ts';
import { eventually } from '../support/eventually.ts';

const DAY = 86_400_000;

/** What the problem activities were asked, and what they answer (tests set the answers). */
const problemCalls = {
  links: [] as Array<{ problem: string; incidents: string[] }>,
  knownErrors: [] as KnownErrorEntry[],
  recurrenceChecks: [] as Array<{ since: number; at: number }>,
  opened: [] as string[],
};
const answers: {
  recurrences: { recurrences: number; incidents: string[] };
  scan: ScanFinding[];
  forFinding: (f: ScanFinding) => ProblemLinkResult;
  forIncident: () => ProblemLinkResult;
} = {
  recurrences: { recurrences: 0, incidents: [] },
  scan: [],
  forFinding: () => ({ outcome: 'already_handled', problem: null, input: null, newIncidents: [] }),
  forIncident: () => ({ outcome: 'already_handled', problem: null, input: null, newIncidents: [] }),
};

const problemActivities: ProblemActivities = {
  async linkCases({ problem: p, incidents }) { problemCalls.links.push({ problem: p.number, incidents: incidents.map((i) => i.number) }); },
  async recordKnownError(entry) { problemCalls.knownErrors.push(entry); return { id: `ke-${entry.problemCaseId}`, number: 'KE-2026-000001' }; },
  async countRecurrences({ since }) { problemCalls.recurrenceChecks.push({ since, at: Date.now() }); return answers.recurrences; },
  async loadReviewContext() { return { profileId: 'serang', profileOverrides: null, tenantName: 'Kabupaten Serang' }; },
  async beginProblemReview({ caseId }) { return { caseId, number: 'PRV-2026-000001' }; },
  async scanIncidentsForReview() { return { totals: { incidents: 12, closed: 9, open: 3 }, findings: answers.scan }; },
  async openProblemForFinding({ finding }) { const r = answers.forFinding(finding); if (r.outcome === 'opened') problemCalls.opened.push(r.problem!.number); return r; },
  async openProblemForIncident() { return answers.forIncident(); },
};





const ts = useTimeSkippingWorker({ historyPrefix: 'problem', activities: problemActivities });
const { events, mails } = caseRecords(ts);

async function start(overrides: Partial<ProblemInput> = {}) {
  const input = problemInput({ openedAt: await ts.env.currentTimeMs(), ...overrides });
  const handle = await ts.env.client.workflow.start(problem, { taskQueue: ts.taskQueue, workflowId: `problem:${input.tenantId}:${input.number}`, args: [input] });
  await handle.query(problemStateQuery);
  ts.track(handle);
  return { input, handle };
}
type Handle = Awaited<ReturnType<typeof start>>['handle'];
const act = (handle: Handle, actor: { username: string; name: string; roles: string[] }, cmd: ProblemCommand) =>
  handle.executeUpdate(problemActUpdate, { args: [command(actor, cmd)] });
/** Waits (in real time) until the workflow's activities have recorded what `check` expects. */const keOf = (caseId: string) => problemCalls.knownErrors.filter((k) => k.problemCaseId === caseId);

test('a problem goes from classification to a known error, a change hand-over, the fix, an effectiveness check at 30 days and closure', async () => {
  const { input, handle } = await start();
  await eventually(() => expect(mails(input.caseId, 'problem-opened')).toHaveLength(1));
  expect(mails(input.caseId, 'problem-opened')[0]!.toRoles).toEqual(['technical_team', 'service_owner']);
  expect(problemCalls.links.filter((l) => l.problem === input.number)).toEqual([{ problem: input.number, incidents: ['INC-2026-000101'] }]);

  await expect(act(handle, who.desk, { action: 'classify', impact: 'mayor', category: 'x' })).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
  const classified = await act(handle, who.tech, { action: 'classify', impact: 'mayor', category: 'Aplikasi tidak dapat diakses' });
  expect(classified.snapshot).toMatchObject({ state: 'investigating', priority: 'P1', assignee: 'teknis' });
  await act(handle, who.tech, { action: 'record_root_cause', cause: 'Pool koneksi basis data habis' });
  expect(keOf(input.caseId)).toHaveLength(0);
  const known = await act(handle, who.tech, { action: 'record_workaround', workaround: 'Mulai ulang layanan aplikasi' });
  expect(known.snapshot.state).toBe('known_error');
  expect(known.snapshot.data.knownError).toMatchObject({ number: 'KE-2026-000001' });
  expect(keOf(input.caseId).map((k) => k.status)).toEqual(['workaround']);
  expect(events(input.caseId, 'known_error_recorded')).toHaveLength(1);
  expect(mails(input.caseId, 'problem-known-error')[0]!.toRoles).toEqual(['service_desk', 'technical_team', 'service_owner']);

  const handedOver = await act(handle, who.tech, { action: 'propose_fix', fix: 'Naikkan ukuran pool koneksi', needsChange: true });
  expect(handedOver.snapshot).toMatchObject({ state: 'awaiting_change', data: { changeHandover: { needed: true, link: null, status: 'awaiting_change_management' } } });
  expect(mails(input.caseId, 'problem-change-needed')[0]).toMatchObject({ toRoles: ['service_owner'], params: { fix: 'Naikkan ukuran pool koneksi' } });
  const applied = await act(handle, who.tech, { action: 'apply_fix', note: 'Dijalankan', changeReference: 'CHG-2026-000003' });
  const appliedAt = Date.parse(applied.snapshot.data.fix!.appliedAt!);
  expect(applied.snapshot).toMatchObject({ state: 'reviewing', dueAt: new Date(appliedAt + FIX_OBSERVATION.ms).toISOString() });
  expect(keOf(input.caseId).map((k) => k.status)).toEqual(['workaround', 'change_pending', 'fix_applied']);

  answers.recurrences = { recurrences: 0, incidents: [] };
  await ts.env.sleep(29 * DAY);
  expect(events(input.caseId, 'effectiveness_checked')).toHaveLength(0);
  await ts.env.sleep(2 * DAY);
  const checked = events(input.caseId, 'effectiveness_checked');
  expect(checked).toHaveLength(1);
  expect(checked[0]!.at - appliedAt).toBeGreaterThanOrEqual(FIX_OBSERVATION.ms);
  expect(checked[0]!.at - appliedAt).toBeLessThan(FIX_OBSERVATION.ms + 1000);
  expect(mails(input.caseId, 'problem-review-due')[0]!.toRoles).toEqual(['service_owner']);
  await ts.env.sleep(40 * DAY);
  expect(events(input.caseId, 'effectiveness_checked')).toHaveLength(1);

  await expect(act(handle, who.tech, { action: 'review_fix', effective: true, note: 'x' })).rejects.toBeInstanceOf(WorkflowUpdateFailedError); // the service owner reviews (B.3.5 c)
  const closed = await act(handle, who.owner, { action: 'review_fix', effective: true, note: 'Tidak berulang' });
  expect(closed.snapshot).toMatchObject({ state: 'closed', closedAt: expect.any(String) });
  expect((await handle.result()).state).toBe('closed');
  expect(keOf(input.caseId).at(-1)!.status).toBe('resolved');
  expect(events(input.caseId).map((e) => e.action)).toEqual([
    'started', 'classify', 'record_root_cause', 'record_workaround', 'known_error_recorded', 'propose_fix', 'apply_fix', 'effectiveness_checked', 'review_fix',
  ]);
  expect(mails(input.caseId, 'problem-closed')).toHaveLength(1);
});

test('an ineffective fix reopens the analysis and the known error is not recorded twice', async () => {
  const { input, handle } = await start({ incidents: [] });
  await act(handle, who.tech, { action: 'classify', impact: 'minor', category: 'Lambat' });
  await act(handle, who.tech, { action: 'record_workaround', workaround: 'Bersihkan cache' });
  await act(handle, who.tech, { action: 'record_root_cause', cause: 'Cache penuh' });
  await act(handle, who.tech, { action: 'propose_fix', fix: 'Pembersihan terjadwal', needsChange: false });
  await act(handle, who.tech, { action: 'apply_fix', note: 'Cron dipasang' });
  const reopened = await act(handle, who.owner, { action: 'review_fix', effective: false, note: 'Masih lambat' });
  expect(reopened.snapshot.state).toBe('investigating');
  expect(mails(input.caseId, 'problem-reopened')[0]!.toRoles).toEqual(['technical_team']);
  await act(handle, who.tech, { action: 'record_root_cause', cause: 'Indeks hilang' });
  expect(events(input.caseId, 'known_error_recorded')).toHaveLength(1);
  expect(keOf(input.caseId).at(-1)).toMatchObject({ cause: 'Indeks hilang', status: 'workaround' });
  expect(events(input.caseId, 'effectiveness_checked')).toHaveLength(0);
  await act(handle, who.tech, { action: 'cancel', reason: 'Digabung dengan masalah lain' });
  expect((await handle.result()).state).toBe('cancelled');
  expect(keOf(input.caseId).at(-1)!.status).toBe('retired');
});

test('incidents joining from outside are linked once; refused actions change nothing', async () => {
  const { input, handle } = await start();
  await eventually(() => expect(mails(input.caseId, 'problem-opened')).toHaveLength(1));
  const before = events(input.caseId).length;
  await expect(act(handle, who.tech, { action: 'propose_fix', fix: 'x', needsChange: false })).rejects.toBeInstanceOf(WorkflowUpdateFailedError); // not a known error yet
  await expect(act(handle, who.tech, { action: 'link_incident', incident: input.incidents[0]! })).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
  expect(events(input.caseId)).toHaveLength(before);
  const other = { id: randomUUID(), number: 'INC-2026-000102', title: 'Perizinan Online: Aplikasi tidak dapat diakses' };
  await handle.signal(problemLinkIncidentsSignal, { incidents: [input.incidents[0]!, other], by: 'system', source: { kind: 'review', caseId: 'r', number: 'PRV-2026-000001' } });
  await handle.signal(problemLinkIncidentsSignal, { incidents: [other], by: 'system', source: { kind: 'review', caseId: 'r', number: 'PRV-2026-000001' } });
  const state = await handle.query(problemStateQuery);
  expect(state.incidents.map((i) => i.number)).toEqual(['INC-2026-000101', 'INC-2026-000102']);
  await eventually(() => expect(problemCalls.links.filter((l) => l.problem === input.number)).toHaveLength(2));
  expect(events(input.caseId, 'incidents_linked').map((e) => e.payload.incidents)).toEqual([['INC-2026-000102']]);
  expect(problemCalls.links.filter((l) => l.problem === input.number).at(-1)).toEqual({ problem: input.number, incidents: ['INC-2026-000102'] });
});

test('kemenkeu: the problem coordinator performs and reviews; dpr states the priority (no matrix)', async () => {
  const k = await start({ tenantId: 'kemenkeu', profileId: 'kemenkeu', service: null, incidents: [] });
  await eventually(() => expect(mails(k.input.caseId, 'problem-opened')).toHaveLength(1));
  expect(mails(k.input.caseId, 'problem-opened')[0]!.toRoles).toEqual(['problem_coordinator']);
  await expect(act(k.handle, who.tech, { action: 'classify', impact: 'mayor', category: 'x', priority: 'high' })).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
  expect((await act(k.handle, who.problemCoordinator, { action: 'classify', impact: 'mayor', category: 'x', priority: 'high' })).snapshot.priority).toBe('high');
  const d = await start({ tenantId: 'dpr', profileId: 'dpr', service: null, incidents: [] });
  const tech = { username: 'teknis', name: 'Teknis', roles: ['technical_team'] };
  await expect(act(d.handle, tech, { action: 'classify', impact: 'mayor', category: 'x' })).rejects.toBeInstanceOf(WorkflowUpdateFailedError); // priority_required
  expect((await act(d.handle, tech, { action: 'classify', impact: 'mayor', category: 'x', priority: 'medium' })).snapshot.priority).toBe('medium');
});

test('an incident\'s proposal for problem management opens a problem linked both ways', async () => {
  const inc = incidentInput({ reportedAt: await ts.env.currentTimeMs() });
  const opened = problemInput({ openedAt: await ts.env.currentTimeMs(), origin: { kind: 'incident', caseId: inc.caseId, number: inc.number }, incidents: [{ id: inc.caseId, number: inc.number, title: 'x' }] });
  answers.forIncident = () => ({ outcome: 'opened', problem: { caseId: opened.caseId, number: opened.number, workflowId: `problem:serang:${opened.number}` }, input: opened, newIncidents: [] });
  const handle = await ts.env.client.workflow.start(incident, { taskQueue: ts.taskQueue, workflowId: `incident:serang:${inc.number}`, args: [inc] });
  await handle.query(incidentStateQuery);
  ts.track(handle);
  const go = (actor: typeof who.desk, cmd: Parameters<typeof command>[1]) => handle.executeUpdate(incidentActUpdate, { args: [command(actor, cmd as never)] });
  await go(who.desk, { action: 'respond', note: 'Diterima' });
  await go(who.desk, { action: 'escalate', note: 'Ke teknis' });
  await go(who.tech, { action: 'propose', kind: 'problem', note: 'Sudah tiga kali bulan ini' });
  expect(events(inc.caseId, 'problem_linked')[0]!.payload).toEqual({ problem: { caseId: opened.caseId, number: opened.number }, outcome: 'opened' });
  const child = ts.env.client.workflow.getHandle(`problem:serang:${opened.number}`);
  expect((await child.query(problemStateQuery)).incidents.map((i) => i.number)).toEqual([inc.number]);
});

test('the review opens a problem per new finding, joins the open one, and reports per service', async () => {
  const now = await ts.env.currentTimeMs();
  const existing = await start({ incidents: [] });
  const inc = (n: number) => ({ id: randomUUID(), number: `INC-2026-00${n}`, title: 't', serviceCode: 'PERIZINAN-ONLINE', category: 'Lambat', configurationItems: [], symptoms: 's', linked: false });
  const recurring: ScanFinding = { key: 'service-category:PERIZINAN-ONLINE:lambat', kind: 'recurrence_service_category', count: 3, service: 'PERIZINAN-ONLINE', category: 'Lambat', configurationItem: null, incidents: [inc(1001), inc(1002), inc(1003)] };
  const onItem: ScanFinding = { key: 'configuration-item:MAIL-01', kind: 'recurrence_configuration_item', count: 4, service: 'EMAIL-DINAS', category: null, configurationItem: 'MAIL-01', incidents: [inc(1004)] };
  const fresh = problemInput({ openedAt: now, incidents: recurring.incidents.map(({ id, number, title }) => ({ id, number, title })) });
  answers.scan = [recurring, onItem];
  answers.forFinding = (f) => f === recurring || f.key === recurring.key
    ? { outcome: 'opened', problem: { caseId: fresh.caseId, number: fresh.number, workflowId: `problem:serang:${fresh.number}` }, input: fresh, newIncidents: [] }
    : { outcome: 'existing', problem: { caseId: existing.input.caseId, number: existing.input.number, workflowId: `problem:serang:${existing.input.number}` }, input: null, newIncidents: [{ id: onItem.incidents[0]!.id, number: 'INC-2026-001004', title: 't' }] };
  const review = await ts.env.client.workflow.start(problemReview, { taskQueue: ts.taskQueue, workflowId: `problem-review:serang:test-${randomUUID()}`, args: [{ tenantId: 'serang', trigger: 'manual' }] });
  ts.track(review);
  const result = await review.result();
  expect(result.period.id).toBe(periodEndedBy(now, 'Asia/Jakarta', 6).id); // no period given: the half-year that ended last
  expect(result.findings.map((f) => [f.key, f.outcome, f.problem?.number])).toEqual([
    [recurring.key, 'opened', fresh.number], [onItem.key, 'existing', existing.input.number],
  ]);
  const child = ts.env.client.workflow.getHandle(`problem:serang:${fresh.number}`);
  expect((await child.query(problemStateQuery)).incidents).toHaveLength(3);
  expect((await existing.handle.query(problemStateQuery)).incidents.map((i) => i.number)).toEqual(['INC-2026-001004']);
  const reviewEvents = ts.recorded.transitions.filter((t) => t.caseId === result.caseId);
  expect(reviewEvents.map((e) => e.action)).toEqual(['started', 'scanned', 'finding', 'finding', 'completed']);
  expect(reviewEvents.at(-1)!.snapshot).toMatchObject({ state: 'completed', data: { findings: [{ outcome: 'opened' }, { outcome: 'existing' }] } });
  const reports = mails(result.caseId, 'problem-review-report');
  expect(reports.map((r) => [r.params.service, r.toRoles])).toEqual([['EMAIL-DINAS', ['service_owner']], ['PERIZINAN-ONLINE', ['service_owner']]]);
});
