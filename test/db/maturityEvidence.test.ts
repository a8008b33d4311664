// The maturity evidence (db/maturityEvidence.ts) on a real PostgreSQL: cases per process in the 12
// months before the instant, planning counts, published evaluations and their follow-ups, and the
// level assessMaturity gives from them.
import type { MikroORM } from '@mikro-orm/postgresql';
import { gatherMaturityEvidence, maturityWindowFrom } from '../../db/maturityEvidence.ts';
import { closeDatabase, openDatabase } from '../../db/orm.ts';
import { seedTenant } from '../../db/seed.ts';
import { putService } from '../../db/services.ts';
import { assessMaturity } from '../../policy/maturity.ts';
import { getProfile } from '../../policy/profiles/index.ts';
import { startTestPostgres, type TestPostgres } from './pg.ts';

let pg: TestPostgres;
let orm: MikroORM;
const serang = getProfile('serang');
const AT = Date.parse('2026-07-01T03:00:00Z');
const sql = <T>(q: string, params: unknown[] = []) => orm.em.fork().execute<T[]>(q, params);
let seq = 0;

async function insertCase(type: string, state: string, created: string, closed: string | null = null, tenant = 'serang'): Promise<string> {
  seq += 1;
  const id = `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`;
  const number = `${type.slice(0, 3).toUpperCase()}-M-${String(seq).padStart(6, '0')}`;
  await sql(
    `insert into sigap_case (id, tenant_id, case_type, number, workflow_id, title, state, requester_username, created_at, updated_at, closed_at)
     values (?, ?, ?, ?, ?, 'uji', ?, 'pemohon', ?, ?, ?)`,
    [id, tenant, type, number, `wf-${number}`, state, created, created, closed]);
  return id;
}

const action = (n: number, evaluation: string | null, status: string, dueOn: string | null) => sql(
  `insert into improvement_action (id, tenant_id, number, origin, evaluation_case_id, chapter, item_index, description, due_on, status, resolved_at, created_by, created_at)
   values (gen_random_uuid(), 'serang', ?, ?, ?, ?, ?, 'tindak lanjut', ?, ?, ?, 'kadis', '2026-01-20T00:00:00Z')`,
  [`TL-2026-000${n}`, evaluation ? 'evaluation' : 'register', evaluation, evaluation ? 'A' : null, evaluation ? n : null, dueOn, status, status === 'open' ? null : '2026-03-01T00:00:00Z']);

const gather = () => gatherMaturityEvidence(orm.em.fork(), { tenantId: 'serang', profile: serang, at: AT });

beforeAll(async () => {
  pg = await startTestPostgres();
  orm = await openDatabase(pg.url);
  for (const tenantId of ['serang', 'dpr']) {
    await seedTenant(orm, { tenantId, name: tenantId, profileId: tenantId, timezone: 'Asia/Jakarta', catalogue: getProfile(tenantId).catalogue, users: [] });
  }
  for (const code of ['SIMPEG', 'WEBSITE']) {
    await putService(orm.em.fork(), 'serang', {
      code, name: { id: code, en: code }, nature: 'administrasi', basis: 'khusus', scope: 'instansi', classification: 'kritis', classificationSource: 'test',
      provider: null, configurationItems: [], availabilityTarget: null,
    });
  }
  await sql(`insert into continuity_plan (tenant_id, service_code, availability_target_bp, operating_schedule, updated_by) values ('serang', 'SIMPEG', 9500, '24x7', 'admin')`);
}, 60_000);

afterAll(async () => {
  if (orm) await closeDatabase(orm);
  await pg?.cleanup();
});

test('the window is the 12 calendar months before the instant', () => {
  expect(new Date(maturityWindowFrom(AT)).toISOString()).toBe('2025-07-01T03:00:00.000Z');
});

test('evidence grows with the records, and the level with it', async () => {
  const empty = await gather();
  expect(empty.processes.every((p) => p.cases === 0)).toBe(true);
  expect(empty.planning).toEqual({ catalogueItems: serang.catalogue.length, catalogueItemsWithTarget: serang.catalogue.length, services: 2, servicesWithContinuityPlan: 1, priorityTargets: true });
  expect(assessMaturity(serang, empty).level).toBe(0);

  // Requests and incidents in the window; one request before it, one of another tenant: not counted.
  await insertCase('request', 'closed', '2026-01-10T00:00:00Z', '2026-01-11T00:00:00Z');
  await insertCase('request', 'submitted', '2026-06-30T00:00:00Z');
  await insertCase('request', 'closed', '2025-06-30T00:00:00Z', '2025-07-02T00:00:00Z');
  await insertCase('incident', 'closed', '2026-02-10T00:00:00Z', '2026-02-11T00:00:00Z', 'dpr');
  await insertCase('incident', 'closed', '2026-02-10T00:00:00Z', '2026-02-11T00:00:00Z');
  const some = await gather();
  expect(some.processes.filter((p) => p.cases).map((p) => [p.process, p.cases, p.lastCaseAt])).toEqual([
    ['request', 2, '2026-06-30T00:00:00.000Z'], ['incident', 1, '2026-02-10T00:00:00.000Z'],
  ]);
  expect(assessMaturity(serang, some).level).toBe(2);

  // Every regulated process (serang: all but maintenance) gets cases: level 3.
  for (const type of ['problem', 'change', 'release', 'disaster', 'availability']) await insertCase(type, 'closed', '2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z');
  expect(assessMaturity(serang, await gather()).level).toBe(3);

  // A published evaluation in the window (an older one and a running one do not count): level 4.
  await insertCase('evaluation', 'published', '2025-01-02T00:00:00Z', '2025-01-20T00:00:00Z');
  await insertCase('evaluation', 'analysing', '2026-07-01T00:00:00Z');
  const evaluation = await insertCase('evaluation', 'published', '2026-01-02T00:00:00Z', '2026-01-20T00:00:00Z');
  const reviewed = await gather();
  expect(reviewed.evaluations).toEqual({ published: 1, lastPublishedAt: '2026-01-20T00:00:00.000Z', lastNumber: `EVA-M-${String(seq).padStart(6, '0')}` });
  expect(assessMaturity(serang, reviewed).level).toBe(4);

  // Follow-ups: one overdue keeps level 4; completing it gives level 5.
  await action(1, evaluation, 'done', '2026-03-01');
  await action(2, evaluation, 'open', '2026-06-01');
  await action(3, null, 'open', '2026-12-01');
  const overdue = await gather();
  expect(overdue.followUps).toEqual({ total: 3, done: 1, open: 2, overdue: 1 });
  expect(assessMaturity(serang, overdue).level).toBe(4);
  await sql(`update improvement_action set status = 'done', resolved_at = '2026-06-15T00:00:00Z' where number = 'TL-2026-0002'`);
  const acted = await gather();
  expect(acted.followUps).toEqual({ total: 3, done: 2, open: 1, overdue: 0 });
  const assessment = assessMaturity(serang, acted);
  expect(assessment.level).toBe(5);
  expect(assessment.levels[4]!.evidence[0]!.id).toBe('Tindak lanjut evaluasi: 2 selesai, 1 terbuka, 0 melewati tenggat, dari 3');
}, 60_000);
