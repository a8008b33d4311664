// The monthly availability report on the time-skipping server: reminders at the warning shares of
// acknowledgeWithin (10 working days after the month end), one escalation to the head of unit at the
// deadline while the report keeps waiting; the technical team prepares (a cause for the missed
// target), the service owner acknowledges and Formulir F is rendered; the monthly workflow opens the
// report of the given month and starts it as an abandoned child.
import { randomUUID } from 'node:crypto';
import { useTimeSkippingWorker } from '../support/timeSkippingWorker.ts';
import { caseRecords, refusalCode } from '../support/caseRecords.ts';
import { availabilityReportActUpdate, availabilityReportStateQuery } from '../../workflows/messages.ts';
import { availabilityReport } from '../../workflows/availabilityReport.ts';
import { availabilityMonth } from '../../workflows/availabilityMonth.ts';
import type { AvailabilityActivities } from '../../activities/availability.ts';
import { metTarget, trendMonths, trendOf, type AvailabilityReportCommand, type AvailabilityReportInput, type FormulirF, type ServiceFigures } from '../../policy/availabilityReport.ts';
import { addWorkingMs } from '../../policy/calendar.ts';
import { WORKING_DAY } from '../../policy/profiles/defaults.ts';
import type { Actor } from '../../policy/requestFulfilment.ts';
import { actors, command, testCalendar } from '../fixtures/requests.ts';
import { eventually } from '../support/eventually.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const rendered: Array<{ caseId: string; report: FormulirF }> = [];
const opened: Array<{ month: string; input: AvailabilityReportInput }> = [];

function figures(code: string, bp: number, target: number | null): ServiceFigures {
  return {
    code, name: code, classification: 'kritis', schedule: '24x7', targetPercent: target, targetSource: target === null ? null : 'continuity_plan',
    committedMs: 30 * DAY, downtimeMs: Math.round(((10_000 - bp) * 30 * DAY) / 10_000), maintenanceExcludedMs: 0, basisPoints: bp, met: metTarget(bp, target),
    downtime: [], maintenance: [], trend: trendOf(trendMonths('2026-11'), { '2026-11': bp }, target),
  };
}

function reportInput(now: number, month = '2026-11'): AvailabilityReportInput {
  return {
    caseId: randomUUID(), tenantId: 'serang', profileId: 'serang', number: `AVL-2026-${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`,
    month, period: { start: now - 30 * DAY, end: now }, services: [figures('WEBSITE', 9_875, 99.5), figures('SIMPEG', 10_000, 90)],
    trigger: 'schedule', requestedBy: null, openedAt: now, calendar: testCalendar,
  };
}

const fakes: Pick<AvailabilityActivities, 'renderFormulirF' | 'openAvailabilityReport'> = {
  async renderFormulirF(req) { rendered.push({ caseId: req.caseId, report: req.report }); return { documentId: `doc-${req.caseId}`, sha256: 'abc' }; },
  async openAvailabilityReport(req) {
    const input = reportInput(Date.now(), req.month);
    opened.push({ month: req.month, input });
    return { caseId: input.caseId, number: input.number, workflowId: `availability:serang:${input.number}`, input, created: true };
  },
};

const ts = useTimeSkippingWorker({ historyPrefix: 'availability', activities: fakes });
const { events, mails } = caseRecords(ts);
const head: Actor = { username: 'kadis', name: 'Dr. Ahmad Fauzi', roles: ['head_of_unit'] };

async function start() {
  const input = reportInput(await ts.env.currentTimeMs());
  const handle = await ts.env.client.workflow.start(availabilityReport, { taskQueue: ts.taskQueue, workflowId: `availability:serang:${input.number}`, args: [input] });
  await handle.query(availabilityReportStateQuery);
  ts.track(handle);
  return { input, handle };
}
type Handle = Awaited<ReturnType<typeof start>>['handle'];
const act = (handle: Handle, actor: Actor, cmd: AvailabilityReportCommand) => handle.executeUpdate(availabilityReportActUpdate, { args: [command(actor, cmd)] });
const refusal = refusalCode;

test('the report reminds at the warning shares, escalates once at the deadline, then is prepared, acknowledged and rendered', async () => {
  const { input, handle } = await start();
  await eventually(() => expect(mails(input.caseId, 'availability-report-open')).toHaveLength(1));
  expect(mails(input.caseId, 'availability-report-open')[0]).toMatchObject({ toRoles: ['technical_team'], params: { missed: 'WEBSITE', period: 'November 2026' } });
  const deadline = addWorkingMs(testCalendar, input.period.end, 10 * WORKING_DAY);

  await ts.env.sleep(deadline - input.period.end - 60_000);
  expect(mails(input.caseId, 'availability-report-reminder').map((m) => m.dedupeKey.split(':').at(-1))).toEqual(['warning-500', 'warning-750', 'warning-900']);
  // Each reminder fires at its share of the 10 working days (timers fire within a second).
  const shares = [500, 750, 900].map((p) => addWorkingMs(testCalendar, input.period.end, (10 * WORKING_DAY * p) / 1000));
  events(input.caseId, 'report_reminder').forEach((e, i) => { expect(e.at - shares[i]!).toBeGreaterThanOrEqual(0); expect(e.at - shares[i]!).toBeLessThan(1000); });
  expect(mails(input.caseId, 'availability-report-overdue')).toHaveLength(0);
  await ts.env.sleep(2 * 60_000);
  await eventually(() => expect(mails(input.caseId, 'availability-report-overdue')).toHaveLength(1));
  expect(mails(input.caseId, 'availability-report-overdue')[0]!.toRoles).toEqual(['head_of_unit', 'technical_team']);
  expect(events(input.caseId, 'report_escalated')[0]!.at - deadline).toBeGreaterThanOrEqual(0);
  expect(events(input.caseId, 'report_escalated')[0]!.at - deadline).toBeLessThan(1000);
  await ts.env.sleep(DAY);
  expect(mails(input.caseId, 'availability-report-overdue')).toHaveLength(1);

  expect(await refusal(act(handle, actors.owner, { action: 'prepare', services: [] }))).toBe('missing_role');
  expect(await refusal(act(handle, actors.tech, { action: 'prepare', services: [{ service: 'WEBSITE', utilisation: 'CPU 40 %' }] }))).toBe('cause_required');
  expect(await refusal(act(handle, actors.owner, { action: 'acknowledge' }))).toBe('not_waiting_for_action');
  const prepared = await act(handle, actors.tech, { action: 'prepare', services: [{ service: 'WEBSITE', causes: 'Disk penuh', improvements: ['Pantau kapasitas disk'] }] });
  expect(prepared.snapshot.state).toBe('acknowledging');
  await eventually(() => expect(mails(input.caseId, 'availability-report-prepared')[0]).toMatchObject({ toRoles: ['service_owner'] }));
  expect(await refusal(act(handle, actors.tech, { action: 'acknowledge' }))).toBe('missing_role');
  expect(await refusal(act(handle, head, { action: 'acknowledge' }))).toBe('missing_role');
  const done = await act(handle, actors.owner, { action: 'acknowledge', note: 'Diketahui' });
  expect(done.snapshot).toMatchObject({ state: 'acknowledged', breached: true, slaMet: false, data: { document: { documentId: `doc-${input.caseId}` } } });
  const result = await handle.result();
  expect(result.state).toBe('acknowledged');
  const form = rendered.find((r) => r.caseId === input.caseId)!.report;
  expect(form.services[0]).toMatchObject({ code: 'WEBSITE', availabilityText: '98.75', causes: 'Disk penuh', improvements: ['Pantau kapasitas disk'] });
  expect(form.acknowledgedBy).toMatchObject({ username: 'penyedia', note: 'Diketahui' });
  expect(events(input.caseId).map((e) => e.action).slice(-3)).toEqual(['prepare', 'acknowledge', 'formulir_f_rendered']);
  expect(mails(input.caseId, 'availability-report-acknowledged')[0]).toMatchObject({ toRoles: ['technical_team'], toUsers: ['teknis'] });
});

test('a report acknowledged in time stops its clock before any reminder', async () => {
  const { input, handle } = await start();
  await act(handle, actors.tech, { action: 'prepare', services: [{ service: 'WEBSITE', causes: 'Disk penuh' }] });
  const done = await act(handle, actors.owner, { action: 'acknowledge' });
  expect(done.snapshot).toMatchObject({ state: 'acknowledged', breached: false, slaMet: true });
  await handle.result();
  expect(mails(input.caseId, 'availability-report-reminder')).toHaveLength(0);
});

test('the monthly workflow opens the given month once and starts the report as an abandoned child', async () => {
  const handle = await ts.env.client.workflow.start(availabilityMonth, { taskQueue: ts.taskQueue, workflowId: `availability-month:serang-${randomUUID()}`, args: [{ tenantId: 'serang', timezone: 'Asia/Jakarta', month: '2026-10' }] });
  ts.track(handle);
  const result = await handle.result();
  expect(result.month).toBe('2026-10');
  const open = opened.find((o) => o.input.caseId === result.caseId)!;
  expect(open.month).toBe('2026-10');
  const child = ts.env.client.workflow.getHandle(`availability:serang:${open.input.number}`);
  expect((await child.query(availabilityReportStateQuery)).state).toBe('preparing');
});
