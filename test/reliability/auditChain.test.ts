// Issue 10 item 6: the audit chain verifies end to end, and tampering is detected. Cases of four processes run
// through real workflows; every chain verifies from event 0 (db/auditVerify.ts, the function behind
// scripts/verify-audit.ts). Then, as the database superuser with the append-only trigger switched off, one payload
// byte is changed, one event is removed and one tail is cut: the verifier names exactly those cases and seqs.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { verifyAuditTrail } from '../../db/auditVerify.ts';
import { readUntil } from '../support/eventually.ts';
import { useTestSystem } from '../support/system.ts';

const system = useTestSystem();
const post = async (who: string, path: string, body: unknown) => {
  const res = await system().call(who, 'POST', `/api/v1${path}`, body);
  if (res.status >= 300) throw new Error(`${who} POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};
const act = (who: string, id: string, action: string, body: unknown) => post(who, `/cases/${id}/actions/${action}`, body);
const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => system().orm.em.fork().execute<T[]>(text, params);
const verify = () => verifyAuditTrail(system().orm.em.fork());

/** Runs `change` on case_event with the append-only trigger off, as an operator with superuser rights could. */
async function tamper(change: string, params: unknown[]): Promise<void> {
  await system().orm.em.fork().transactional(async (tx) => {
    await tx.execute('alter table case_event disable trigger case_event_no_change');
    await tx.execute(change, params);
    await tx.execute('alter table case_event enable trigger case_event_no_change');
  });
}

const HOUR = 3_600_000;
const windowIn = (days: number) => {
  const start = Math.ceil((Date.now() + days * 24 * HOUR) / HOUR) * HOUR;
  return { start: new Date(start).toISOString(), end: new Date(start + 2 * HOUR).toISOString() };
};

/** Cases of four processes, each taken through several steps by different people. */
async function runCases(): Promise<Record<'request' | 'incident' | 'change' | 'problem', string>> {
  const request = (await post('pemohon', '/requests', { catalogueItem: 'HOSTING-APP', title: 'Hosting aplikasi arsip', description: 'VM 2 vCPU, "ß" ü 😀' })).id;
  await act('pengelola', request, 'classify', { classification: 'fulfilment', priority: 'medium' });
  await post('penyedia', `/cases/${request}/decisions`, { decision: 'approve', comment: 'Disetujui.' });
  await act('pengelola', request, 'assign', { assignee: 'teknis' });
  await act('teknis', request, 'fulfil', { resolution: 'VM siap.' });
  await act('pemohon', request, 'confirm', { satisfaction: 5, suggestion: 'Terima kasih' });

  const incident = (await post('pemohon', '/incidents', { service: 'PERIZINAN-ONLINE', category: 'Aplikasi lambat', symptoms: 'Halaman login 30 detik.', impact: 'minor' })).id;
  await act('pengelola', incident, 'respond', { note: 'Diterima.' });
  await act('pengelola', incident, 'escalate', { note: 'Perlu Pengelola Teknis.' });
  await act('teknis', incident, 'resolve', { resolution: 'Indeks basis data dibangun ulang.', cause: 'Indeks rusak' });
  await act('pemohon', incident, 'confirm', { satisfaction: 4 });

  const change = (await post('teknis', '/changes', {
    title: 'Pemutakhiran Perizinan Online 2.5', reason: 'Perbaikan keamanan', category: 'normal', services: ['PERIZINAN-ONLINE'],
    configurationItems: ['VM-PERIZINAN-01'], riskAnalysis: 'Risiko rendah', implementationPlan: 'Pasang paket, uji login', window: windowIn(40),
  })).id;
  await system().started(change);
  await act('penyedia', change, 'decide', { decision: 'approve', note: 'Setuju, jalankan sesuai jendela.' });
  await readUntil(() => system().call('teknis', 'GET', `/api/v1/cases/${change}`), (r) => r.body.state === 'scheduled', 30_000);
  await act('teknis', change, 'cancel', { reason: 'Vendor menunda rilis paket.' });

  const problem = (await post('teknis', '/problems', { title: 'Login Perizinan lambat berulang', description: 'Login lambat terjadi berulang.', service: 'PERIZINAN-ONLINE', incidents: [incident] })).id;
  await system().started(problem);
  return { request, incident, change, problem };
}

let cases: Awaited<ReturnType<typeof runCases>>;

test('every case of four processes verifies from event 0', async () => {
  cases = await runCases();
  const counts = await sql<{ case_id: string; n: string }>('select case_id, count(*) as n from case_event where case_id = any(?::uuid[]) group by case_id',
    [`{${Object.values(cases).join(',')}}`]);
  expect(counts).toHaveLength(4);
  for (const c of counts) expect(Number(c.n)).toBeGreaterThanOrEqual(2);
  const result = await verify();
  expect(result.breaks).toEqual([]);
  expect(result.cases).toBeGreaterThanOrEqual(4);
  expect(result.events).toBeGreaterThanOrEqual(20);
}, 120_000);

test('a changed payload byte, a removed event and a cut-off tail are each named by case and seq', async () => {
  const { request, incident, change, problem } = cases;
  // The append-only trigger itself refuses the edit.
  await expect(sql(`update case_event set payload = payload where case_id = ?`, [request])).rejects.toThrow(/append-only/);

  // One byte of the approval note of the change ('Setuju,' → 'Setuju;').
  const [decide] = await sql<{ seq: number; payload: string }>(`select seq, payload::text from case_event where case_id = ? and action = 'decide'`, [change]);
  expect(decide!.payload).toContain('Setuju,');
  await tamper(`update case_event set payload = replace(payload::text, 'Setuju,', 'Setuju;')::jsonb where case_id = ? and seq = ?`, [change, decide!.seq]);
  // A middle event of the request disappears; the incident's last event too.
  const [assign] = await sql<{ seq: number }>(`select seq from case_event where case_id = ? and action = 'assign'`, [request]);
  await tamper('delete from case_event where case_id = ? and seq = ?', [request, assign!.seq]);
  const [last] = await sql<{ seq: number }>('select max(seq) as seq from case_event where case_id = ?', [incident]);
  await tamper('delete from case_event where case_id = ? and seq = ?', [incident, last!.seq]);

  const result = await verify();
  const numbers = new Map((await sql<{ id: string; number: string }>('select id, number from sigap_case')).map((r) => [r.id, r.number]));
  expect(result.breaks.map(({ caseId, seq, reason }) => ({ caseId, seq, reason })).sort((a, b) => a.caseId.localeCompare(b.caseId))).toEqual([
    { caseId: change, seq: decide!.seq, reason: 'hash_mismatch' },
    { caseId: request, seq: assign!.seq, reason: 'sequence_gap' },
    { caseId: incident, seq: last!.seq, reason: 'missing_events' },
  ].sort((a, b) => a.caseId.localeCompare(b.caseId)));
  for (const b of result.breaks) expect(b.number).toBe(numbers.get(b.caseId));
  // The problem's chain is untouched and still holds.
  expect((await verifyAuditTrail(system().orm.em.fork(), { caseId: problem })).breaks).toEqual([]);
  expect(await verifyAuditTrail(system().orm.em.fork(), { caseId: randomUUID() })).toEqual({ cases: 0, events: 0, breaks: [] });

  // The operators' script reports the same and exits 1.
  const run = promisify(execFile)('scripts/node', ['scripts/verify-audit.ts', '--tenant', 'serang'], {
    cwd: process.cwd(), env: { ...process.env, DATABASE_URL: system().databaseUrl },
  });
  const failed = await run.then(() => null, (err: { code: number; stdout: string }) => err);
  expect(failed?.code).toBe(1);
  expect(failed!.stdout).toContain(`${numbers.get(change)} (${change}) seq ${decide!.seq}: hash_mismatch`);
  expect(failed!.stdout).toContain(`${numbers.get(request)} (${request}) seq ${assign!.seq}: sequence_gap`);
  expect(failed!.stdout).toMatch(/3 rantai rusak \/ broken chains/);
}, 120_000);
