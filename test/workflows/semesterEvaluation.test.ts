// The semester evaluation on the time-skipping server: the figures are computed first; reminders at
// the warning shares of analysisWithin (10 working days from the opening) go to the roles whose
// chapters are still missing, and one escalation (with a finding) to the head of unit at the deadline
// while the evaluation keeps waiting; the approver returns chapters, they are resubmitted, approval
// publishes (Formulir I and the follow-up actions); the kickoff opens a period and starts the case as
// an abandoned child.
import { useTimeSkippingWorker } from '../support/timeSkippingWorker.ts';
import { caseRecords, refusalCode } from '../support/caseRecords.ts';
import { eventually } from '../support/eventually.ts';
import { evaluationActUpdate, evaluationStateQuery } from '../../workflows/messages.ts';
import { semesterEvaluation } from '../../workflows/semesterEvaluation.ts';
import { evaluationKickoff } from '../../workflows/evaluationKickoff.ts';
import type { EvaluationActivities, PublishEvaluationInput } from '../../activities/evaluations.ts';
import type { EvaluationCommand, EvaluationInput } from '../../policy/evaluation.ts';
import { periodOf } from '../../policy/evaluationPeriod.ts';
import { addWorkingMs } from '../../policy/calendar.ts';
import { WORKING_DAY } from '../../policy/profiles/defaults.ts';
import type { Actor } from '../../policy/requestFulfilment.ts';
import { command, testCalendar } from '../fixtures/requests.ts';
import { analysis, evaluationInput, evaluators, SERANG_ANALYSTS, serangFigures } from '../fixtures/evaluation.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const published: PublishEvaluationInput[] = [];
const opened: Array<{ period: string; input: EvaluationInput }> = [];
const computed: string[] = [];

const fakes: Pick<EvaluationActivities, 'computeEvaluationFigures' | 'publishEvaluation' | 'openEvaluation'> = {
  async computeEvaluationFigures(req) {
    computed.push(req.period.fromDate);
    return serangFigures(req.period, ['A', 'C']);
  },
  async publishEvaluation(req) {
    published.push(req);
    return {
      document: { documentId: `doc-${req.caseId}`, sha256: 'abc' },
      createdActions: req.followUps.map((f, i) => ({ number: `TL-2026-00000${i + 1}`, chapter: f.chapter, description: f.description, dueOn: f.dueOn })),
      maturity: null,
    };
  },
  async openEvaluation(req) {
    const input = evaluationInput(Date.now(), { period: req.period });
    opened.push({ period: req.period.fromDate, input });
    return { caseId: input.caseId, number: input.number, workflowId: `evaluation:serang:${input.number}`, input, created: true };
  },
};

const ts = useTimeSkippingWorker({ historyPrefix: 'evaluation', activities: fakes });
const { events, mails, findings } = caseRecords(ts);

async function start() {
  const input = evaluationInput(await ts.env.currentTimeMs());
  const handle = await ts.env.client.workflow.start(semesterEvaluation, { taskQueue: ts.taskQueue, workflowId: `evaluation:serang:${input.number}`, args: [input] });
  ts.track(handle);
  await eventually(async () => expect((await handle.query(evaluationStateQuery)).figures).not.toBeNull());
  return { input, handle };
}
type Handle = Awaited<ReturnType<typeof start>>['handle'];
const act = (handle: Handle, actor: Actor, cmd: EvaluationCommand) => handle.executeUpdate(evaluationActUpdate, { args: [command(actor, cmd)] });

test('reminders at the warning shares go to the roles still missing; one escalation and a finding at the deadline; then approved and published', async () => {
  const { input, handle } = await start();
  await eventually(() => expect(mails(input.caseId, 'evaluation-open')).toHaveLength(1));
  expect(mails(input.caseId, 'evaluation-open')[0]).toMatchObject({ toRoles: ['service_coordinator', 'technical_team', 'recovery_coordinator'], params: { missed: 'A, C', period: 'Semester I 2026' } });
  expect(events(input.caseId, 'started')[0]!.payload).toMatchObject({ period: '2026-S1', missed: ['A', 'C'] });
  // The coordinator's chapters come in early: reminders then go only to the technical team and the recovery coordinator.
  await act(handle, evaluators.coordinator, analysis('A', [{ description: 'Tambah petugas layanan', ownerRole: 'service_desk', dueOn: '2026-09-30' }]));
  await act(handle, evaluators.coordinator, analysis('B'));

  const deadline = addWorkingMs(testCalendar, input.openedAt, 10 * WORKING_DAY);
  await ts.env.sleep(deadline - input.openedAt - 60_000);
  const reminders = mails(input.caseId, 'evaluation-reminder');
  expect(reminders.map((m) => m.dedupeKey.split(':').at(-1))).toEqual(['warning-500', 'warning-750', 'warning-900']);
  reminders.forEach((m) => expect(m).toMatchObject({ toRoles: ['technical_team', 'recovery_coordinator'], params: { chapters: 'C, D, E' } }));
  const shares = [500, 750, 900].map((p) => addWorkingMs(testCalendar, input.openedAt, (10 * WORKING_DAY * p) / 1000));
  events(input.caseId, 'analysis_reminder').forEach((e, i) => { expect(e.at - shares[i]!).toBeGreaterThanOrEqual(0); expect(e.at - shares[i]!).toBeLessThan(1000); });
  expect(mails(input.caseId, 'evaluation-overdue')).toHaveLength(0);

  await ts.env.sleep(2 * 60_000);
  await eventually(() => expect(mails(input.caseId, 'evaluation-overdue')).toHaveLength(1));
  expect(mails(input.caseId, 'evaluation-overdue')[0]!.toRoles).toEqual(['head_of_unit', 'technical_team', 'recovery_coordinator']);
  const escalated = events(input.caseId, 'analysis_escalated')[0]!;
  expect(escalated.at - deadline).toBeGreaterThanOrEqual(0);
  expect(escalated.at - deadline).toBeLessThan(1000);
  expect(escalated.payload).toMatchObject({ to: 'head_of_unit', chapters: ['C', 'D', 'E'] });
  expect(findings(input.caseId).map((f) => f.kind)).toEqual(['evaluation_analysis_overdue']);
  await ts.env.sleep(DAY);
  expect(mails(input.caseId, 'evaluation-overdue')).toHaveLength(1);
  expect((await handle.query(evaluationStateQuery)).state).toBe('analysing');

  // Refusals change nothing.
  expect(await refusalCode(act(handle, evaluators.coordinator, analysis('C')))).toBe('missing_role');
  expect(await refusalCode(act(handle, evaluators.tech, analysis('X')))).toBe('chapter_not_in_evaluation');
  expect(await refusalCode(act(handle, evaluators.tech, { action: 'submit_analysis', chapter: 'C', obstacles: '', improvements: '' }))).toBe('obstacles_required');
  expect(await refusalCode(act(handle, evaluators.head, { action: 'approve' }))).toBe('not_waiting_for_action');

  await act(handle, evaluators.tech, analysis('C', [{ description: 'Pantau kapasitas disk', dueOn: '2026-12-31' }]));
  await act(handle, evaluators.recovery, analysis('D'));
  const last = await act(handle, evaluators.tech, analysis('E'));
  expect(last.snapshot).toMatchObject({ state: 'approving', breached: true, dueAt: null });
  await eventually(() => expect(mails(input.caseId, 'evaluation-approval')).toHaveLength(1));
  expect(mails(input.caseId, 'evaluation-approval')[0]!.toRoles).toEqual(['head_of_unit']);
  expect(await refusalCode(act(handle, evaluators.coordinator, { action: 'approve' }))).toBe('missing_role');

  const done = await act(handle, evaluators.head, { action: 'approve', note: 'Disetujui untuk diterbitkan' });
  expect(done.snapshot).toMatchObject({ state: 'published', data: { document: { documentId: `doc-${input.caseId}` }, approval: { by: 'kadis' } } });
  expect(done.snapshot.data.createdActions.map((a) => [a.number, a.chapter])).toEqual([['TL-2026-000001', 'A'], ['TL-2026-000002', 'C']]);
  expect((await handle.result()).state).toBe('published');
  const pub = published.find((p) => p.caseId === input.caseId)!;
  expect(pub.followUps).toEqual([
    { chapter: 'A', index: 0, description: 'Tambah petugas layanan', ownerRole: 'service_desk', dueOn: '2026-09-30' },
    { chapter: 'C', index: 0, description: 'Pantau kapasitas disk', ownerRole: null, dueOn: '2026-12-31' },
  ]);
  expect(pub.data).toMatchObject({ number: input.number, published: true, approval: { by: 'kadis', note: 'Disetujui untuk diterbitkan' } });
  expect(pub.data.chapters.every((c) => c.analysis !== null)).toBe(true);
  expect(events(input.caseId).map((e) => e.action).slice(-2)).toEqual(['approve', 'evaluation_published']);
  expect(mails(input.caseId, 'evaluation-published')[0]!.toRoles).toEqual(['service_coordinator', 'technical_team', 'recovery_coordinator', 'head_of_unit']);
});

test('the approver returns chapters: they are cleared, resubmitted, and the evaluation is approved', async () => {
  const { input, handle } = await start();
  for (const ch of ['A', 'B', 'C', 'D', 'E']) await act(handle, SERANG_ANALYSTS[ch]!, analysis(ch));
  const returned = await act(handle, evaluators.head, { action: 'return', chapters: ['C'], reason: 'Sertakan penyebab gangguan WEBSITE' });
  expect(returned.snapshot).toMatchObject({ state: 'analysing', data: { missingChapters: ['C'] } });
  await eventually(() => expect(mails(input.caseId, 'evaluation-returned')).toHaveLength(1));
  expect(mails(input.caseId, 'evaluation-returned')[0]).toMatchObject({ toRoles: ['technical_team'], params: { chapters: 'C', reason: 'Sertakan penyebab gangguan WEBSITE' } });
  expect(await refusalCode(act(handle, evaluators.head, { action: 'approve' }))).toBe('not_waiting_for_action');
  const again = await act(handle, evaluators.tech, { action: 'submit_analysis', chapter: 'C', obstacles: 'Disk penuh pada server web', improvements: 'Pemantauan kapasitas' });
  expect(again.snapshot.state).toBe('approving');
  expect(mails(input.caseId, 'evaluation-approval')).toHaveLength(2);
  const done = await act(handle, evaluators.head, { action: 'approve' });
  expect(done.snapshot.state).toBe('published');
  expect(published.find((p) => p.caseId === input.caseId)!.data.chapters.find((c) => c.id === 'C')!.analysis!.obstacles).toBe('Disk penuh pada server web');
  expect(mails(input.caseId, 'evaluation-reminder')).toHaveLength(0);
});

test('an administrator cancels an evaluation before publication', async () => {
  const { input, handle } = await start();
  expect(await refusalCode(act(handle, evaluators.coordinator, { action: 'cancel', reason: 'Periode salah' }))).toBe('missing_role');
  const cancelled = await act(handle, evaluators.admin, { action: 'cancel', reason: 'Periode salah' });
  expect(cancelled.snapshot).toMatchObject({ state: 'cancelled', data: { cancellation: { by: 'admin' } } });
  expect((await handle.result()).state).toBe('cancelled');
  expect(mails(input.caseId, 'evaluation-cancelled')).toHaveLength(1);
  expect(published.some((p) => p.caseId === input.caseId)).toBe(false);
});

test('the kickoff opens the given period once and starts the evaluation as an abandoned child', async () => {
  const period = periodOf('2025-S2', 'Asia/Jakarta');
  const handle = await ts.env.client.workflow.start(evaluationKickoff, {
    taskQueue: ts.taskQueue, workflowId: `evaluation-kickoff:serang-${Date.now()}`, args: [{ tenantId: 'serang', timezone: 'Asia/Jakarta', cadence: { atLeast: 1, perMonths: 6 }, period }],
  });
  ts.track(handle);
  const result = await handle.result();
  expect(result.period).toBe('2025-S2');
  const open = opened.find((o) => o.input.caseId === result.caseId)!;
  expect(open.period).toBe('2025-07-01');
  const child = ts.env.client.workflow.getHandle(`evaluation:serang:${open.input.number}`);
  await eventually(async () => expect((await child.query(evaluationStateQuery)).figures?.period.label).toBe('2025-S2'));
  expect(computed).toContain('2025-07-01');
});
