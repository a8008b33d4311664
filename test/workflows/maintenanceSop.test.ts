// The setwapres maintenance SOP on the time-skipping server: steps with their actors and working-time
// durations, the light/heavy damage branch, the test loop back to the repairer, one overdue notice
// per late step.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { sopActUpdate, sopStateQuery } from '../../workflows/messages.ts';
import { maintenanceSop } from '../../workflows/maintenanceSop.ts';
import { addWorkingMs, makeCalendar } from '../../policy/calendar.ts';
import { getProfile } from '../../policy/profiles/index.ts';
import type { CompleteStep, SopInput } from '../../policy/maintenanceSop.ts';
import type { Actor } from '../../policy/requestFulfilment.ts';
import { command } from '../fixtures/requests.ts';
import { useTimeSkippingWorker } from '../support/timeSkippingWorker.ts';

const HOUR = 3_600_000;
const who = (username: string, role: string): Actor => ({ username, name: username, roles: [role] });
const desk = who('pengelola', 'service_desk');
const tech = who('teknis', 'technical_team');
const coordinator = who('koordinator', 'service_coordinator');
const vendor = who('vendor', 'vendor');
const cal = makeCalendar({ holidays: [], version: 1 });
const ts = useTimeSkippingWorker({ historyPrefix: 'maintenanceSop' });

async function start() {
  const input: SopInput = {
    caseId: randomUUID(), tenantId: 'setwapres', profileId: 'setwapres', number: `PML-2026-${Math.floor(Math.random() * 1e6)}`,
    reporter: { username: 'pelapor', name: 'Pelapor' }, service: 'Aplikasi Persuratan', description: 'Aplikasi tidak dapat dibuka.',
    reportedAt: await ts.env.currentTimeMs(), calendar: cal,
  };
  const handle = await ts.env.client.workflow.start(maintenanceSop, { taskQueue: ts.taskQueue, workflowId: `maintenance:setwapres:${input.number}`, args: [input] });
  await handle.query(sopStateQuery);
  ts.track(handle);
  return { input, handle };
}
const step = (handle: Awaited<ReturnType<typeof start>>['handle'], actor: Actor, cmd: Omit<CompleteStep, 'action'>) =>
  handle.executeUpdate(sopActUpdate, { args: [command(actor, { action: 'complete_step' as const, ...cmd })] });

test('heavy damage goes to the vendor, back to the vendor while the test fails, then backup and report', async () => {
  const { input, handle } = await start();
  expect((await handle.query(sopStateQuery)).current).toBe('receive_report');
  await expect(step(handle, tech, { step: 'receive_report' })).rejects.toBeInstanceOf(WorkflowUpdateFailedError); // the service desk's step
  await step(handle, desk, { step: 'receive_report', note: 'Diterima.' });
  await step(handle, tech, { step: 'examine', next: 'notify_it' });
  await step(handle, tech, { step: 'notify_it' });
  await step(handle, coordinator, { step: 'assign' });
  await expect(step(handle, tech, { step: 'analyse' })).rejects.toBeInstanceOf(WorkflowUpdateFailedError); // the branch must be chosen
  await step(handle, tech, { step: 'analyse', next: 'notify_vendor', note: 'Kerusakan berat pada modul.' });
  await step(handle, tech, { step: 'notify_vendor' });
  await step(handle, vendor, { step: 'vendor_repair' });
  await step(handle, tech, { step: 'test', next: 'vendor_repair', note: 'Masih galat.' }); // still broken: back to the vendor
  await step(handle, vendor, { step: 'vendor_repair' });
  await step(handle, tech, { step: 'test', next: 'backup' });
  await step(handle, tech, { step: 'backup' });
  await step(handle, tech, { step: 'back_to_normal' });
  const done = await step(handle, desk, { step: 'report', note: 'Laporan disampaikan.' });
  expect(done.snapshot).toMatchObject({ state: 'completed', waitingFor: [] });
  const result = await handle.result();
  expect(result.sop.steps.map((s) => s.step)).toEqual([
    'receive_report', 'examine', 'notify_it', 'assign', 'analyse', 'notify_vendor', 'vendor_repair', 'test', 'vendor_repair', 'test', 'backup', 'back_to_normal', 'report',
  ]);
  expect(result.sop.steps.find((s) => s.step === 'analyse')!.outcome).toBe('kerusakan berat');
  expect(ts.recorded.notifications.filter((n) => n.caseId === input.caseId && n.template === 'sop-completed')[0]!.toUsers).toEqual(['pelapor']);
});

test('a step that outlasts its duration (vendor repair: 3 working days) is flagged once, at its due instant', async () => {
  const { input, handle } = await start();
  await step(handle, desk, { step: 'receive_report' });
  await step(handle, tech, { step: 'examine', next: 'notify_it' });
  await step(handle, tech, { step: 'notify_it' });
  await step(handle, coordinator, { step: 'assign' });
  await step(handle, tech, { step: 'analyse', next: 'notify_vendor' });
  await step(handle, tech, { step: 'notify_vendor' });
  const entered = (await handle.query(sopStateQuery)).runs.at(-1)!;
  expect(entered).toMatchObject({ step: 'vendor_repair', clock: { targetMs: 22.5 * HOUR, basis: 'working' } });
  const due = addWorkingMs(cal, entered.startedAt, 22.5 * HOUR);
  await ts.env.sleep(due - (await ts.env.currentTimeMs()) - 60_000);
  expect(ts.recorded.transitions.filter((t) => t.caseId === input.caseId && t.action === 'step_overdue')).toHaveLength(0);
  await ts.env.sleep(5 * 24 * HOUR);
  const overdue = ts.recorded.transitions.filter((t) => t.caseId === input.caseId && t.action === 'step_overdue');
  expect(overdue).toHaveLength(1);
  expect(overdue[0]!.at).toBeGreaterThanOrEqual(due);
  expect(overdue[0]!.at).toBeLessThan(due + 1000);
  expect(ts.recorded.notifications.find((n) => n.caseId === input.caseId && n.template === 'sop-step-overdue')!.toRoles).toEqual(['vendor', getProfile('setwapres').requestFulfilment.escalationRole]);
}, 30_000);
