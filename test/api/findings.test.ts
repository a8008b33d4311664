// Findings over HTTP: what the processes recorded for the evaluation, newest first, filtered by
// process, kind and local dates, for oversight roles only; recording is idempotent by dedupe key.
import { createFindingActivities } from '../../activities/findings.ts';
import { useTestSystem } from '../support/system.ts';

const system = useTestSystem();
const get = (who: string, path: string, tenant?: string) => system().call(who, 'GET', `/api/v1${path}`, undefined, tenant ? { 'x-test-tenant': tenant } : {});

const summary = (id: string) => ({ id, en: `${id} (en)` });

beforeAll(async () => {
  const { recordFinding } = createFindingActivities(system().orm);
  // 2026-03-31 23:30 WIB is 16:30 UTC: a local-date filter must count it on 31 March, not 1 April.
  await recordFinding({ dedupeKey: 'f1', tenantId: 'serang', caseId: null, caseNumber: null, process: 'change', kind: 'retrospective_approval_overdue', severity: 'high', summary: summary('Persetujuan terlambat'), at: Date.parse('2026-03-31T16:30:00Z') });
  await recordFinding({ dedupeKey: 'f2', tenantId: 'serang', caseId: null, caseNumber: null, process: 'release', kind: 'rollback_resolved_manually', severity: 'medium', summary: summary('Rollback manual'), detail: { step: 'restore-db' }, at: Date.parse('2026-04-01T02:00:00Z') });
  await recordFinding({ dedupeKey: 'f3', tenantId: 'dpr', caseId: null, caseNumber: null, process: 'change', kind: 'retrospective_approval_rejected', severity: 'high', summary: summary('Ditolak'), at: Date.parse('2026-04-02T02:00:00Z') });
}, 60_000);

test('recording a finding twice under one dedupe key keeps one row', async () => {
  const { recordFinding } = createFindingActivities(system().orm);
  const again = await recordFinding({ dedupeKey: 'f1', tenantId: 'serang', caseId: null, caseNumber: null, process: 'change', kind: 'retrospective_approval_overdue', severity: 'high', summary: summary('lagi'), at: Date.now() });
  expect(again.created).toBe(false);
  const rows = await system().orm.em.fork().execute<Array<{ n: number }>>(`select count(*)::int as n from finding where dedupe_key = 'f1'`);
  expect(rows[0]!.n).toBe(1);
});

test('the service owner lists the tenant findings newest first; other tenants stay apart', async () => {
  const res = await get('penyedia', '/findings');
  expect(res.status).toBe(200);
  expect(res.body.items.map((f: { kind: string }) => f.kind)).toEqual(['rollback_resolved_manually', 'retrospective_approval_overdue']);
  expect(res.body.total).toBe(2);
  expect(res.body.items[0]).toMatchObject({ process: 'release', severity: 'medium', detail: { step: 'restore-db' }, case: null });
  expect((await get('penyedia', '/findings', 'dpr')).body.items.map((f: { kind: string }) => f.kind)).toEqual(['retrospective_approval_rejected']);
});

test('filters by process and kind, and by local dates of the tenant time zone', async () => {
  expect((await get('penyedia', '/findings?process=change')).body.items.map((f: { kind: string }) => f.kind)).toEqual(['retrospective_approval_overdue']);
  expect((await get('penyedia', '/findings?kind=rollback_resolved_manually')).body.total).toBe(1);
  expect((await get('penyedia', '/findings?from=2026-03-31&to=2026-03-31')).body.items.map((f: { kind: string }) => f.kind)).toEqual(['retrospective_approval_overdue']);
  expect((await get('penyedia', '/findings?from=2026-04-01')).body.items.map((f: { kind: string }) => f.kind)).toEqual(['rollback_resolved_manually']);
});

test('requesters and the service desk may not read findings; a reversed range is refused', async () => {
  const denied = await get('pemohon', '/findings');
  expect(denied.status).toBe(403);
  expect(denied.body.detail).toMatch(/Penyedia Layanan/);
  expect((await get('pengelola', '/findings')).status).toBe(403);
  const reversed = await get('penyedia', '/findings?from=2026-05-01&to=2026-04-01');
  expect(reversed.status).toBe(422);
  expect(reversed.body.title).toBe('Rentang tanggal tidak valid');
  expect((await get('penyedia', '/findings?from=2026-13-01')).status).toBe(400);
});
