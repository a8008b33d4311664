// Kill -9 the worker while requests wait, restart it, and check the cases continue with nothing
// lost or doubled: contiguous audit events, one message per recipient and event, one workflow per case.
import { useTestSystem } from '../support/system.ts';

const system = useTestSystem('childProcess');

const act = (who: string, id: string, action: string, body: unknown) => system().call(who, 'POST', `/api/v1/cases/${id}/actions/${action}`, body);

async function eventsOf(id: string): Promise<Array<{ seq: number; action: string }>> {
  return system().orm.em.fork().execute('select seq, action from case_event where case_id = ? order by seq', [id]);
}

test('a case waiting for assignment survives a killed worker and finishes after the restart', async () => {
  const created = await system().call('pemohon', 'POST', '/api/v1/requests', { catalogueItem: 'HOSTING-APP', title: 'VM untuk SIMPEG', description: 'Mohon VM.' });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  expect((await act('pengelola', id, 'classify', { classification: 'fulfilment', priority: 'high' })).status).toBe(200);
  expect((await system().call('penyedia', 'POST', `/api/v1/cases/${id}/decisions`, { decision: 'approve' })).status).toBe(200);

  await system().stopWorker(); // SIGKILL while the case waits for assignment
  // Submissions are still accepted while no worker runs; their workflows wait in Temporal.
  const during = await system().call('pemohon', 'POST', '/api/v1/requests', { catalogueItem: 'AKUN-EMAIL', title: 'Akun e-mail baru', description: 'Untuk pegawai baru.' });
  expect(during.status).toBe(201);

  await system().startWorker('childProcess');
  expect((await act('pengelola', id, 'assign', { assignee: 'teknis' })).status).toBe(200);

  // Kill the worker again while an action is in flight: the POST waits and completes on the new worker.
  const inFlight = act('teknis', id, 'fulfil', { resolution: 'VM siap.' });
  await new Promise((r) => setTimeout(r, 30));
  await system().stopWorker();
  await system().startWorker('childProcess');
  const fulfilled = await inFlight;
  expect(fulfilled.status).toBe(200);
  expect(fulfilled.body.state).toBe('awaiting_confirmation');
  expect((await act('pemohon', id, 'confirm', { satisfaction: 4 })).body.state).toBe('closed');

  const events = await eventsOf(id);
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i));
  expect(events.map((e) => e.action)).toEqual(['submitted', 'started', 'classify', 'decide', 'assign', 'fulfil', 'confirm']);
  const dup = await system().orm.em.fork().execute<Array<{ dedupe_key: string; n: string }>>(
    'select dedupe_key, count(*) as n from notification group by dedupe_key having count(*) > 1');
  expect(dup).toEqual([]);
  const mails = await system().orm.em.fork().execute<Array<{ template: string; recipient: string; status: string }>>(
    'select template, recipient, status from notification where case_id = ? order by created_at', [id]);
  expect(mails.filter((m) => m.template === 'request-fulfilled')).toEqual([{ template: 'request-fulfilled', recipient: 'pemohon', status: 'sent' }]);

  // The request submitted while the worker was down has started and waits for the service desk.
  for (let i = 0; i < 100 && !(await eventsOf(during.body.id)).some((e) => e.action === 'started'); i++) await new Promise((r) => setTimeout(r, 100));
  expect((await eventsOf(during.body.id)).map((e) => e.action)).toEqual(['submitted', 'started']);
}, 180_000);
