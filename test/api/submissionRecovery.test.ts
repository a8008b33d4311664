// The API dies after the submission is committed but before its workflow starts: the request is
// not lost — the case is visible at once, and the pending submission is started afterwards.
import type { Client } from '@temporalio/client';
import { submitRequest, startPendingSubmissions } from '../../api/services/requests.ts';
import type { Principal } from '../../api/auth/principal.ts';
import { useTestSystem } from '../support/system.ts';

const system = useTestSystem();

const pemohon: Principal = { kind: 'user', tenantId: 'serang', username: 'pemohon', name: 'Siti Rahmawati', roles: ['requester'] };

test('a submission whose workflow start was interrupted is started by the reconciler, exactly once', async () => {
  // A Temporal client that "crashes" when asked to start the workflow.
  const crashing = { ...system().deps.temporal, workflow: { start: async () => { throw new Error('API process died'); } } } as unknown as Client;
  await expect(submitRequest({ ...system().deps, temporal: crashing }, pemohon, {
    catalogueItem: 'VICON', title: 'Live streaming musrenbang', description: 'Kamis.', channel: 'portal', documents: [],
  }, 'crash-1')).rejects.toThrow('API process died');

  const [row] = await system().orm.em.fork().execute<Array<{ case_id: string; status: string; attempts: number }>>(
    `select case_id, status, attempts from submission where idempotency_key = 'crash-1'`);
  expect(row).toMatchObject({ status: 'pending', attempts: 1 });
  const visible = await system().call('pemohon', 'GET', `/api/v1/cases/${row!.case_id}`);
  expect(visible).toMatchObject({ status: 200, body: { state: 'submitted', title: 'Live streaming musrenbang' } });

  expect(await startPendingSubmissions(system().deps, 0)).toBe(1);
  expect(await startPendingSubmissions(system().deps, 0)).toBe(0);
  // The client retrying with its key gets the same case; no second workflow.
  const retried = await system().call('pemohon', 'POST', '/api/v1/requests', { catalogueItem: 'VICON', title: 'Live streaming musrenbang', description: 'Kamis.' }, { 'idempotency-key': 'crash-1' });
  expect(retried.body.id).toBe(row!.case_id);
  const acted = await system().call('pengelola', 'POST', `/api/v1/cases/${row!.case_id}/actions/classify`, { classification: 'fulfilment', priority: 'low' });
  expect(acted).toMatchObject({ status: 200, body: { state: 'awaiting_assignment' } });
}, 60_000);
