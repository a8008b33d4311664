// Records the authorisation matrix reads and acts on: cases of two requesters (own and another's), a change, a
// document, and the API keys whose scopes are columns of the matrix.
import type { TestSystem } from '../../support/system.ts';

export type Call = TestSystem['call'];

async function created(sys: TestSystem, who: string, path: string, body: unknown): Promise<{ id: string; number: string; key?: string }> {
  const res = await sys.call(who, 'POST', `/api/v1${path}`, body);
  if (res.status !== 201) throw new Error(`${who} POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function submitRequest(sys: TestSystem, requester: string): Promise<string> {
  const { id } = await created(sys, requester, '/requests', { catalogueItem: 'HOSTING-APP', title: 'Hosting aplikasi uji matriks', description: 'VM kecil.' });
  await sys.started(id);
  return id;
}

/** A request of `requester` waiting for the service owner's approval. */
export async function requestAwaitingApproval(sys: TestSystem, requester: string): Promise<string> {
  const id = await submitRequest(sys, requester);
  const res = await sys.call('pengelola', 'POST', `/api/v1/cases/${id}/actions/classify`, { classification: 'fulfilment', priority: 'low' });
  if (res.body?.state !== 'awaiting_approval') throw new Error(`classify: ${res.status} ${JSON.stringify(res.body)}`);
  return id;
}

/** An open improvement action of the register (POST /improvements by the head of unit). */
export async function improvement(sys: TestSystem): Promise<string> {
  return (await created(sys, 'kadis', '/improvements', { description: 'Perbarui SOP cadangan data' })).id;
}

let windowDay = 60;
/** A normal change of `initiator` waiting for approval (each with its own window, so they never conflict). */
export async function changeAwaitingApproval(sys: TestSystem, initiator: string): Promise<string> {
  const start = Date.UTC(2099, 0, 1, 1) + windowDay++ * 86_400_000;
  const { id } = await created(sys, initiator, '/changes', {
    title: 'Pemutakhiran uji matriks', reason: 'Uji', category: 'normal', services: ['WEBSITE'], riskAnalysis: 'Rendah',
    implementationPlan: 'Pasang, uji, pantau', window: { start: new Date(start).toISOString(), end: new Date(start + 7_200_000).toISOString() },
  });
  await sys.started(id);
  return id;
}

export interface MatrixFixtures {
  ids: Record<string, string>;
  apiKeys: Record<string, string>;
}

export async function matrixFixtures(sys: TestSystem): Promise<MatrixFixtures> {
  const key = async (name: string, scopes: string[], roles: string[] = []) => (await created(sys, 'admin', '/api-keys', { name, scopes, roles })).key!;
  const apiKeys = {
    'key:read': await key('Dasbor', ['*:read']),
    'key:intake': await key('Pemantauan', ['incidents:create']),
    'key:all': await key('Portal', ['*'], ['service_desk']),
    'key:admin': await key('Otomasi admin', ['*'], ['administrator']),
  };
  const form = new FormData();
  form.append('kind', 'nota_dinas');
  form.append('file', new Blob(['isi nota dinas']), 'nota.txt');
  const upload = await fetch(`${sys.baseUrl}/api/v1/documents`, { method: 'POST', headers: { authorization: `Bearer ${await sys.token('pemohon')}` }, body: form });
  const document = (await upload.json()) as { id: string };
  const own = await submitRequest(sys, 'pemohon');
  const other = await submitRequest(sys, 'pemohon2');
  const change = await changeAwaitingApproval(sys, 'teknis');
  return {
    ids: { own, other, change, document: document.id },
    apiKeys,
  };
}
