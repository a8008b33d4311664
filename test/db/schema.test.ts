// The migrated schema: tables, idempotent and concurrent migration, the append-only audit trail,
// entity round trips and the case text search.
import type { MikroORM } from '@mikro-orm/postgresql';
import { CaseEvent, CaseRecord, CatalogueItem, Document, Tenant } from '../../db/entities/index.ts';
import { migrationsList } from '../../db/migrations/index.ts';
import { closeDatabase, openDatabase } from '../../db/orm.ts';
import { caseTextFilter, toPrefixTsQuery } from '../../db/search.ts';
import { startTestPostgres, withDatabase, type TestPostgres } from './pg.ts';

let pg: TestPostgres;
let orm: MikroORM;
const applied: string[] = [];

beforeAll(async () => {
  pg = await startTestPostgres();
  orm = await openDatabase(pg.url, { onMigrated: (names) => applied.push(...names) });
  const em = orm.em.fork();
  em.create(Tenant, { id: 't1', name: 'Tenant One', profileId: 'serang', timezone: 'Asia/Jakarta' });
  await em.flush();
}, 30_000);

afterAll(async () => {
  await orm?.close(true);
  await pg?.cleanup();
});

async function newCase(title: string, number: string): Promise<CaseRecord> {
  const em = orm.em.fork();
  const c = em.create(CaseRecord, {
    tenantId: 't1', caseType: 'request', number, workflowId: `wf-${number}`, title, state: 'submitted', requesterUsername: 'budi',
  });
  await em.flush();
  return c;
}

test('creates every table and records the migration once', async () => {
  const rows = await orm.em.fork().execute<Array<{ table_name: string }>>(
    `select table_name from information_schema.tables where table_schema = 'public' order by table_name`);
  expect(rows.map((r) => r.table_name)).toEqual([
    'alert_fingerprint', 'api_key', 'app_user', 'backup_report', 'case_counter', 'case_event', 'catalogue_item', 'change_blackout', 'change_window',
    'continuity_plan', 'delegation', 'document', 'downtime', 'drp_document', 'finding', 'holiday', 'holiday_seed', 'improvement_action', 'known_error', 'mikro_orm_migrations', 'notification',
    'oidc_login', 'report_template', 'service', 'sigap_case', 'standard_change', 'submission', 'tenant', 'tenant_calendar', 'web_session', 'webhook_delivery', 'webhook_subscription',
  ]);
  expect(applied).toEqual(migrationsList.map((m) => m.name));
});

test('a second open applies nothing', async () => {
  const again: string[] = [];
  const second = await openDatabase(pg.url, { onMigrated: (names) => again.push(...names) });
  try {
    expect(again).toEqual([]);
    expect(await second.migrator.getPending()).toEqual([]);
    expect((await second.migrator.getExecuted()).map((m) => m.name)).toEqual(migrationsList.map((m) => m.name));
  } finally {
    await closeDatabase(second);
  }
}, 30_000);

test('processes opening a fresh database together migrate it exactly once', async () => {
  await orm.em.fork().execute('create database sigap_race');
  const url = withDatabase(pg.url, 'sigap_race');
  const appliedBy: string[][] = [];
  const orms = await Promise.all([0, 1, 2].map((i) => openDatabase(url, { onMigrated: (n) => { appliedBy[i] = n; } })));
  try {
    expect(appliedBy.filter(Boolean)).toEqual([migrationsList.map((m) => m.name)]);
    const rows = await orms[0]!.em.fork().execute<Array<{ n: number }>>('select count(*)::int as n from mikro_orm_migrations');
    expect(rows[0]!.n).toBe(migrationsList.length);
  } finally {
    await Promise.all(orms.map(closeDatabase));
  }
}, 30_000);

test('case_event is append-only', async () => {
  const c = await newCase('Audit trail', 'REQ-2026-900001');
  const em = orm.em.fork();
  em.create(CaseEvent, { caseId: c.id, seq: 1, at: new Date(), actor: 'budi', action: 'submit', hash: 'h1' });
  await em.flush();
  const ex = orm.em.fork();
  await expect(ex.execute(`update case_event set actor = 'mallory' where case_id = ?`, [c.id])).rejects.toThrow(/append-only: UPDATE/);
  await expect(ex.execute('delete from case_event where case_id = ?', [c.id])).rejects.toThrow(/append-only: DELETE/);
  await expect(ex.execute('truncate case_event')).rejects.toThrow(/append-only: TRUNCATE/);
  const events = await orm.em.fork().find(CaseEvent, { caseId: c.id });
  expect(events.map((e) => [e.seq, e.actor, e.payload, e.prevHash])).toEqual([[1, 'budi', {}, null]]);
  expect(typeof events[0]!.id).toBe('number');
});

test('case rows get their defaults and keep JSON and dates', async () => {
  const c = await newCase('Defaults', 'REQ-2026-900002');
  const read = await orm.em.fork().findOneOrFail(CaseRecord, { id: c.id });
  expect(read).toMatchObject({ breached: false, slaMet: null, lastSeq: 0, links: [], data: {}, waitingFor: [], sla: [], closedAt: null });
  expect(read.createdAt).toBeInstanceOf(Date);
});

test('catalogue items round-trip arrays, JSON and bigint targets', async () => {
  const em = orm.em.fork();
  const item = em.create(CatalogueItem, {
    tenantId: 't1', code: 'EMAIL', name: { id: 'Akun surel', en: 'E-mail account' }, description: { id: 'd', en: 'd' },
    serviceGroup: 'akun', fulfilmentTargetMs: 3 * 24 * 3600 * 1000, targetBasis: 'calendar', targetSource: { sigapDefault: 'x' },
    requiredDocuments: ['nota_dinas', 'kerangka "acuan", v2'],
  });
  await em.flush();
  const read = await orm.em.fork().findOneOrFail(CatalogueItem, { id: item.id });
  expect(read.requiredDocuments).toEqual(['nota_dinas', 'kerangka "acuan", v2']);
  expect(read.fulfilmentTargetMs).toBe(259_200_000);
  expect(read.name).toEqual({ id: 'Akun surel', en: 'E-mail account' });
  expect(read).toMatchObject({ active: true, requiresApproval: false, approverRole: null });
});

test('document content is stored as bytes and loaded only on request', async () => {
  const em = orm.em.fork();
  const bytes = Buffer.from([0, 1, 2, 250, 255]);
  const doc = em.create(Document, {
    tenantId: 't1', kind: 'nota_dinas', filename: 'nd.pdf', mediaType: 'application/pdf', sizeBytes: bytes.length,
    sha256: 'x', content: bytes, uploadedBy: 'budi',
  });
  await em.flush();
  const listed = await orm.em.fork().findOneOrFail(Document, { id: doc.id });
  expect(listed.content).toBeUndefined();
  const full = await orm.em.fork().findOneOrFail(Document, { id: doc.id }, { populate: ['content'] });
  expect(Buffer.compare(Buffer.from(full.content), bytes)).toBe(0);
});

test('text filter matches words of number and title by prefix', async () => {
  await newCase('Laptop rusak di ruang rapat', 'REQ-2026-000101');
  await newCase('Permintaan akun e-mail baru', 'REQ-2026-000102');
  const find = async (text: string) =>
    (await orm.em.fork().find(CaseRecord, { tenantId: 't1', ...caseTextFilter(text) }, { orderBy: { number: 'asc' } }))
      .map((c) => c.number)
      .filter((n) => n.startsWith('REQ-2026-0001'));
  expect(await find('lapt')).toEqual(['REQ-2026-000101']);
  expect(await find('RUSAK laptop')).toEqual(['REQ-2026-000101']);
  expect(await find('e-mail')).toEqual(['REQ-2026-000102']);
  expect(await find('REQ-2026-000102')).toEqual(['REQ-2026-000102']);
  expect(await find('000101')).toEqual(['REQ-2026-000101']);
  expect(await find('REQ-2026')).toEqual(['REQ-2026-000101', 'REQ-2026-000102']);
  expect(await find('printer')).toEqual([]);
  expect(await find(`'); drop table sigap_case; --`)).toEqual([]);
  expect(await find('  ')).toEqual(['REQ-2026-000101', 'REQ-2026-000102']);
  expect(toPrefixTsQuery('Akun & surel!')).toBe('akun:* & surel:*');
});

test('the migration reverts cleanly and re-applies', async () => {
  await orm.em.fork().execute('create database sigap_down');
  const other = await openDatabase(withDatabase(pg.url, 'sigap_down'));
  try {
    const tables = async () => (await other.em.fork().execute<Array<{ n: number }>>(
      `select count(*)::int as n from information_schema.tables where table_schema = 'public' and table_name <> 'mikro_orm_migrations'`))[0]!.n;
    expect(await tables()).toBe(31);
    await other.migrator.down({ to: 0 });
    expect(await tables()).toBe(0);
    expect(await other.migrator.up()).toHaveLength(migrationsList.length);
    expect(await tables()).toBe(31);
  } finally {
    await closeDatabase(other);
  }
}, 30_000);
