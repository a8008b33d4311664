// The request-fulfilment rules: who may act in which state, and what each action does.
import { getProfile } from '../../policy/profiles/index.ts';
import { applyCommand, newRequestCase, refusalFor, snapshot, waitingFor, type RequestCase, type RequestCommand } from '../../policy/requestFulfilment.ts';
import { actors, requestInput } from '../fixtures/requests.ts';

const serang = getProfile('serang');
const T0 = Date.UTC(2026, 10, 23, 1, 0, 0);

function run(c: RequestCase, steps: Array<[keyof typeof actors, RequestCommand]>): RequestCase {
  return steps.reduce((acc, [who, cmd]) => {
    expect(refusalFor(acc, cmd, actors[who], serang)).toBeNull();
    return applyCommand(acc, cmd, actors[who], T0);
  }, c);
}

const tech = { username: actors.tech.username, name: actors.tech.name };

test('an item without approval goes from classification straight to assignment', () => {
  const c = run(newRequestCase(requestInput('AKUN-EMAIL', { submittedAt: T0 }), serang), [['desk', { action: 'classify', classification: 'fulfilment', priority: 'high' }]]);
  expect(c.state).toBe('awaiting_assignment');
  expect(waitingFor(c, serang)).toEqual([expect.objectContaining({ action: 'assign', party: { kind: 'role', roles: ['service_desk'] } })]);
});

test('the full path ends closed with the Formulir D fields filled in', () => {
  const c = run(newRequestCase(requestInput('HOSTING-APP', { submittedAt: T0 }), serang), [
    ['desk', { action: 'classify', classification: 'fulfilment', priority: 'medium' }],
    ['owner', { action: 'decide', decision: 'approve', comment: 'Setuju' }],
    ['desk', { action: 'assign', assignee: tech }],
    ['tech', { action: 'fulfil', resolution: 'Selesai' }],
    ['requester', { action: 'confirm', satisfaction: 5, suggestion: 'Mantap' }],
  ]);
  const s = snapshot(c, serang, T0);
  expect(s.state).toBe('closed');
  expect(s.formD).toMatchObject({
    classification: 'fulfilment', approval: { decision: 'approve', by: 'penyedia' }, executor: tech,
    satisfaction: 5, suggestion: 'Mantap', confirmedAt: new Date(T0).toISOString(),
  });
  expect(s.slaMet).toBe(true);
  expect(s.waitingFor).toEqual([]);
});

test.each([
  ['requester classifies', 'requester', { action: 'classify', classification: 'fulfilment', priority: 'low' }, 'missing_role'],
  ['desk approves before classification', 'desk', { action: 'decide', decision: 'approve' }, 'not_waiting_for_action'],
  ['someone else cancels', 'otherRequester', { action: 'cancel', reason: 'x' }, 'not_your_case'],
  ['reclassified as a change (change management comes later)', 'desk', { action: 'classify', classification: 'change', priority: 'low' }, 'not_implemented_reclassification'],
  ['reclassified as an incident without its details', 'desk', { action: 'classify', classification: 'incident', priority: 'low' }, 'incident_details_required'],
] as const)('refused: %s', (_name, who, cmd, code) => {
  const c = newRequestCase(requestInput('HOSTING-APP', { submittedAt: T0 }), serang);
  expect(refusalFor(c, cmd as RequestCommand, actors[who], serang)?.code).toBe(code);
});

test('the requester may not approve their own request even holding the approver role', () => {
  const c = run(newRequestCase(requestInput('HOSTING-APP', { submittedAt: T0 }), serang), [['desk', { action: 'classify', classification: 'fulfilment', priority: 'low' }]]);
  expect(refusalFor(c, { action: 'decide', decision: 'approve' }, { ...actors.requester, roles: ['service_owner'] }, serang)?.code).toBe('segregation_of_duties');
});

test('ratings outside 1–5 are refused; a closed case accepts nothing', () => {
  let c = run(newRequestCase(requestInput('AKUN-EMAIL', { submittedAt: T0 }), serang), [
    ['desk', { action: 'classify', classification: 'fulfilment', priority: 'high' }],
    ['desk', { action: 'assign', assignee: tech }],
    ['tech', { action: 'fulfil', resolution: 'ok' }],
  ]);
  for (const bad of [0, 6, 2.5]) expect(refusalFor(c, { action: 'confirm', satisfaction: bad }, actors.requester, serang)?.code).toBe('rating_out_of_range');
  c = applyCommand(c, { action: 'confirm', satisfaction: 1 }, actors.requester, T0);
  expect(refusalFor(c, { action: 'reopen', reason: 'x' }, actors.requester, serang)?.code).toBe('case_closed');
});

test('only the assignee or the service desk reports progress and fulfils', () => {
  const c = run(newRequestCase(requestInput('AKUN-EMAIL', { submittedAt: T0 }), serang), [
    ['desk', { action: 'classify', classification: 'fulfilment', priority: 'high' }],
    ['desk', { action: 'assign', assignee: tech }],
  ]);
  const otherTech = { username: 'lain', name: 'Teknisi Lain', roles: ['technical_team'] };
  expect(refusalFor(c, { action: 'fulfil', resolution: 'x' }, otherTech, serang)?.code).toBe('not_your_case');
  expect(refusalFor(c, { action: 'fulfil', resolution: 'x' }, actors.tech, serang)).toBeNull();
  expect(refusalFor(c, { action: 'progress', note: 'x' }, actors.desk, serang)).toBeNull();
});
