// Maintenance-period complaints (yogyakarta Tabel 10–13) run on the incident engine: urgency levels,
// response within 3 working hours or by the next working day, resolution 48/72/120 h, the Tabel 13
// ladder (L1 → L2 → L3).
import { incidentStateQuery } from '../../workflows/messages.ts';
import { incident } from '../../workflows/incident.ts';
import { getProfile } from '../../policy/profiles/index.ts';
import { isWorkingInstant, makeCalendar, nextWorkingDayStart, workingMsBetween } from '../../policy/calendar.ts';
import { newIncidentCase } from '../../policy/incident.ts';
import { incidentInput } from '../fixtures/incidents.ts';
import { useTimeSkippingWorker } from '../support/timeSkippingWorker.ts';

const HOUR = 3_600_000;
const yogyakarta = getProfile('yogyakarta');
const wib = (d: string, hm: string) => Date.parse(`${d}T${hm}:00+07:00`);
const cal = makeCalendar({ holidays: [], version: 1 });
const complaint = (urgency: number, reportedAt: number, onSite = false) =>
  incidentInput({ profileId: 'yogyakarta', tenantId: 'yogyakarta', reportedAt, calendar: cal, maintenance: { urgency, onSite } });

test('response: 3 working hours in working time, the next working day outside it, 2×24 h on site for urgency 1', () => {
  const inHours = newIncidentCase(complaint(2, wib('2026-11-23', '10:00')), yogyakarta);
  expect(inHours.clocks.response).toMatchObject({ targetMs: 3 * HOUR, basis: 'working' });
  const evening = wib('2026-11-23', '19:00');
  expect(isWorkingInstant(cal, evening)).toBe(false);
  const outside = newIncidentCase(complaint(2, evening), yogyakarta);
  const nextDay = nextWorkingDayStart(cal, evening);
  expect(outside.clocks.response).toMatchObject({ basis: 'working', targetMs: workingMsBetween(cal, nextDay, nextDay + 24 * HOUR - 1) });
  const onSite = newIncidentCase(complaint(1, wib('2026-11-23', '10:00'), true), yogyakarta);
  expect(onSite.clocks.response).toMatchObject({ targetMs: 48 * HOUR, basis: 'calendar' });
  expect(newIncidentCase(complaint(3, wib('2026-11-23', '10:00'), true), yogyakarta).clocks.response!.targetMs).toBe(3 * HOUR); // on-site rule is for urgency 1
});

test.each([[1, 48], [2, 72], [3, 120]])('urgency %i is resolved within %i hours and ranked U%i', (urgency, hours) => {
  const c = newIncidentCase(complaint(urgency, wib('2026-11-23', '10:00')), yogyakarta);
  expect(c.priority).toBe(`U${urgency}`);
  expect(c.clocks.resolution).toMatchObject({ targetMs: hours * HOUR, basis: 'calendar' });
});

describe('on the time-skipping server', () => {
  const ts = useTimeSkippingWorker();

  test('the Tabel 13 ladder climbs L1 → L2 at the resolution target → L3 at 150 %, each once', async () => {
    const input = complaint(1, await ts.env.currentTimeMs(), true); // urgency 1 on site: calendar-time clocks
    const handle = await ts.env.client.workflow.start(incident, { taskQueue: ts.taskQueue, workflowId: `incident:yogyakarta:${input.number}`, args: [input] });
    expect((await handle.query(incidentStateQuery)).level).toBe(1);
    await ts.env.sleep(47 * HOUR);
    expect(ts.recorded.transitions.filter((t) => t.caseId === input.caseId && t.action === 'escalated')).toHaveLength(0);
    await ts.env.sleep(2 * HOUR); // 49 h: past the 48 h target → L2 (Penanggung Jawab Penyedia Layanan)
    let ladder = ts.recorded.transitions.filter((t) => t.caseId === input.caseId && t.action === 'escalated');
    expect(ladder.map((e) => e.payload.level)).toEqual([2]);
    const l2Mail = ts.recorded.notifications.find((n) => n.caseId === input.caseId && n.template === 'incident-escalated')!;
    expect(l2Mail.toRoles).toEqual([yogyakarta.maintenanceSupport!.escalation[1]!.leadRole, ...yogyakarta.maintenanceSupport!.escalation[1]!.assistingRoles]);
    await ts.env.sleep(24 * HOUR); // 73 h: past 150 % (72 h) → L3 (Pimpinan PD)
    ladder = ts.recorded.transitions.filter((t) => t.caseId === input.caseId && t.action === 'escalated');
    expect(ladder.map((e) => e.payload.level)).toEqual([2, 3]);
    expect(ladder[1]!.at - input.reportedAt).toBeGreaterThanOrEqual(72 * HOUR);
    expect(ladder[1]!.at - input.reportedAt).toBeLessThan(72 * HOUR + 1000);
    expect((await handle.query(incidentStateQuery)).level).toBe(3);
  });
});
