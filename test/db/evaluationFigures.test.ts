// The evaluation figures (db/evaluationFigures.ts) on a real PostgreSQL: seeded records with known
// outcomes give exactly the expected numbers for every measure, with the period's boundaries
// (a case closed exactly at `to` is outside, one closed exactly at `from` inside, open cases at the
// end counted apart), an empty period, and the index-only scan the aggregates rely on.
import type { MikroORM } from '@mikro-orm/postgresql';
import { seedCalendar } from '../../db/calendar.ts';
import { COMPLETIONS_SQL, computeEvaluationFigures } from '../../db/evaluationFigures.ts';
import { closeDatabase, openDatabase } from '../../db/orm.ts';
import { seedTenant } from '../../db/seed.ts';
import { putService } from '../../db/services.ts';
import { periodEndedBefore, periodHasEnded, periodOf, periodStartMonths } from '../../policy/evaluationPeriod.ts';
import type { Profile } from '../../policy/profile.ts';
import { calendarOfProfile } from '../../policy/profileCalendar.ts';
import { getProfile } from '../../policy/profiles/index.ts';
import { startTestPostgres, type TestPostgres } from './pg.ts';

let pg: TestPostgres;
let orm: MikroORM;
const DAY = 86_400_000;
const serang = getProfile('serang');
const S1 = periodOf('2026-S1', 'Asia/Jakarta'); // [2025-12-31T17:00Z, 2026-06-30T17:00Z)
const NOW = Date.parse('2026-07-01T03:00:00Z');
const [CAT1, CAT2] = ['AKUN-EMAIL', 'HOSTING-APP'];

/** serang plus a chapter measuring what serang's chapters do not (kemenkeu-like). */
const extended: Profile = {
  ...serang,
  evaluation: {
    ...serang.evaluation,
    chapters: [...serang.evaluation.chapters, { ...serang.evaluation.chapters[0]!, id: 'X', measures: ['maintenance', 'changes', 'problems', 'follow_ups'] }],
  },
};

const sql = <T>(q: string, params: unknown[] = []) => orm.em.fork().execute<T[]>(q, params);
let seq = 0;

interface CaseSeed {
  tenant?: string; type: string; service?: string | null; priority?: string | null; state: string;
  created: string; closed?: string | null; slaMet?: boolean | null; due?: string | null; data?: Record<string, unknown>;
}

async function insertCase(c: CaseSeed): Promise<string> {
  seq += 1;
  const id = `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`;
  const number = `${c.type.slice(0, 3).toUpperCase()}-T-${String(seq).padStart(6, '0')}`;
  await sql(
    `insert into sigap_case (id, tenant_id, case_type, number, workflow_id, service_code, title, state, priority, requester_username,
       sla_met, due_at, data, created_at, updated_at, closed_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pemohon', ?, ?, ?::jsonb, ?, ?, ?)`,
    [id, c.tenant ?? 'serang', c.type, number, `wf-${number}`, c.service ?? null, `Kasus ${number}`, c.state, c.priority ?? null,
      c.slaMet ?? null, c.due ?? null, JSON.stringify(c.data ?? {}), c.created, c.created, c.closed ?? null]);
  return id;
}

const figures = (profile: Profile = serang, period = S1) => computeEvaluationFigures(orm.em.fork(), { tenantId: 'serang', profile, period, now: NOW });

beforeAll(async () => {
  pg = await startTestPostgres();
  orm = await openDatabase(pg.url);
  for (const tenantId of ['serang', 'dpr']) {
    const profile = getProfile(tenantId);
    await seedTenant(orm, { tenantId, name: `Pemerintah ${tenantId}`, profileId: tenantId, timezone: 'Asia/Jakarta', catalogue: profile.catalogue, users: [] });
    await seedCalendar(orm.em.fork(), tenantId, calendarOfProfile(profile), []);
  }
  for (const [code, target] of [['SIMPEG', '90 %'], ['WEBSITE', '95 %'], ['EMAIL-DINAS', null]] as const) {
    await putService(orm.em.fork(), 'serang', {
      code, name: { id: `Layanan ${code}`, en: `Service ${code}` }, nature: 'administrasi', basis: 'khusus', scope: 'instansi', classification: 'kritis',
      classificationSource: 'test', provider: null, configurationItems: [], availabilityTarget: target,
    });
  }

  // Requests (chapter A).
  await insertCase({ type: 'request', service: CAT1, state: 'closed', created: '2026-01-05T02:00:00Z', closed: '2026-01-10T02:00:00Z', slaMet: true, data: { satisfaction: 5 } });
  await insertCase({ type: 'request', service: CAT1, state: 'closed', created: '2026-02-01T02:00:00Z', closed: '2026-03-01T02:00:00Z', slaMet: false, data: { satisfaction: 3 } });
  await insertCase({ type: 'request', service: CAT2, state: 'closed', created: '2026-03-01T02:00:00Z', closed: '2026-03-02T02:00:00Z', slaMet: true, data: { satisfaction: null } });
  // Closed exactly at the period end: outside (and so still open at the end, past its due instant).
  await insertCase({ type: 'request', service: CAT2, state: 'closed', created: '2026-06-01T02:00:00Z', closed: S1.to, slaMet: true, due: '2026-06-20T02:00:00Z', data: { satisfaction: 1 } });
  // Closed exactly at the period start (local midnight of 1 January): inside, in January.
  await insertCase({ type: 'request', service: CAT1, state: 'closed', created: '2025-12-20T02:00:00Z', closed: S1.from, slaMet: true, data: { satisfaction: 4 } });
  // Cancelled: received, never completed.
  await insertCase({ type: 'request', service: CAT1, state: 'cancelled', created: '2026-04-01T02:00:00Z', closed: '2026-04-01T05:00:00Z', data: { satisfaction: null } });
  // Open at the end, not yet due.
  await insertCase({ type: 'request', service: CAT2, state: 'in_fulfilment', created: '2026-05-01T02:00:00Z', due: '2026-07-10T02:00:00Z' });
  // Before the period; another tenant's in it.
  await insertCase({ type: 'request', service: CAT1, state: 'closed', created: '2025-11-01T02:00:00Z', closed: '2025-12-01T02:00:00Z', slaMet: false, data: { satisfaction: 1 } });
  await insertCase({ tenant: 'dpr', type: 'request', service: CAT1, state: 'closed', created: '2026-02-01T02:00:00Z', closed: '2026-02-02T02:00:00Z', slaMet: false, data: { satisfaction: 1 } });

  // Incidents (chapter B).
  await insertCase({ type: 'incident', service: 'SIMPEG', priority: 'P1', state: 'closed', created: '2026-02-01T02:00:00Z', closed: '2026-02-02T02:00:00Z', slaMet: true, data: { impact: 'minor', satisfaction: 5 } });
  await insertCase({ type: 'incident', service: 'SIMPEG', priority: 'P2', state: 'closed', created: '2026-02-03T02:00:00Z', closed: '2026-02-10T02:00:00Z', slaMet: false, data: { impact: 'minor', satisfaction: 2 } });
  await insertCase({ type: 'incident', service: 'WEBSITE', priority: 'P2', state: 'closed', created: '2026-04-28T02:00:00Z', closed: '2026-05-01T02:00:00Z', slaMet: true, data: { impact: 'minor' } });

  // Availability (chapter C): 20 days of SIMPEG down; one day of WEBSITE inside the period (it began before).
  const downtime = (service: string, starts: string, ends: string) => sql(
    `insert into downtime (id, tenant_id, service_code, starts_at, ends_at, source, cause, recorded_by) values (gen_random_uuid(), 'serang', ?, ?, ?, 'manual', 'uji', 'teknis')`,
    [service, starts, ends]);
  await downtime('SIMPEG', '2026-03-01T00:00:00Z', '2026-03-21T00:00:00Z');
  await downtime('WEBSITE', '2025-12-31T05:00:00Z', '2026-01-01T17:00:00Z');

  // Recovery (chapter D).
  const svc = (code: string, rto: boolean | null, rpo: boolean | null) => ({ code, name: code, rto: rto === null ? null : { met: rto }, rpo: rpo === null ? null : { met: rpo } });
  await insertCase({ type: 'disaster', state: 'closed', created: '2026-03-05T01:00:00Z', closed: '2026-03-06T01:00:00Z', data: { mode: 'real', baseAt: '2026-03-05T02:00:00.000Z', startedAt: '2026-03-05T01:00:00.000Z', services: [svc('SIMPEG', true, true)] } });
  await insertCase({ type: 'disaster', state: 'closed', created: '2026-04-10T01:00:00Z', closed: '2026-04-11T01:00:00Z', data: { mode: 'exercise', baseAt: null, declaredAt: null, startedAt: '2026-04-10T01:00:00.000Z', services: [svc('WEBSITE', false, null)] } });
  await insertCase({ type: 'disaster', state: 'recovering', created: '2026-06-01T01:00:00Z', data: { mode: 'real', baseAt: '2026-06-01T02:00:00.000Z', services: [svc('EMAIL-DINAS', null, null)] } });
  await insertCase({ type: 'disaster', state: 'closed', created: '2026-07-05T01:00:00Z', closed: '2026-07-06T01:00:00Z', data: { mode: 'real', baseAt: '2026-07-05T02:00:00.000Z', services: [svc('SIMPEG', false, false)] } });
  await insertCase({ type: 'disaster', state: 'cancelled', created: '2026-02-05T01:00:00Z', closed: '2026-02-05T03:00:00Z', data: { mode: 'real', startedAt: '2026-02-05T01:00:00.000Z', services: [svc('SIMPEG', false, false)] } });

  // Releases (chapter E): counted when their execution completed, though they close later.
  const release = (services: string[], state: string, data: Record<string, unknown>) => insertCase({ type: 'release', state, created: '2026-01-02T02:00:00Z', closed: state === 'closed' ? '2026-07-10T02:00:00Z' : null, data: { services, ...data } });
  await release(['SIMPEG'], 'closed', { outcome: 'succeeded', completedAt: '2026-02-10T00:00:00.000Z' });
  await release(['SIMPEG', 'WEBSITE'], 'closed', { outcome: 'rolled_back', completedAt: '2026-03-10T00:00:00.000Z' });
  await release(['WEBSITE'], 'closed', { outcome: 'rollback_resolved', completedAt: '2026-05-01T00:00:00.000Z', rollback: { failure: { since: '2026-04-20T00:00:00.000Z' }, resolution: { at: '2026-05-01T00:00:00.000Z' } } });
  await release(['WEBSITE'], 'rollback_failed', { outcome: null, completedAt: null, rollback: { failure: { since: '2026-06-20T00:00:00.000Z' }, resolution: null } });
  await release(['EMAIL-DINAS'], 'closed', { outcome: 'succeeded', completedAt: S1.to });

  // Maintenance, changes (the extended profile's chapter X).
  await insertCase({ type: 'maintenance', service: 'SIMPEG', state: 'completed', created: '2026-01-20T02:00:00Z', closed: '2026-02-01T02:00:00Z', slaMet: true });
  await insertCase({ type: 'maintenance', service: 'SIMPEG', state: 'completed', created: '2026-01-21T02:00:00Z', closed: '2026-02-03T02:00:00Z', slaMet: false });
  await insertCase({ type: 'change', state: 'closed', created: '2026-01-10T02:00:00Z', closed: '2026-01-20T02:00:00Z' });
  await insertCase({ type: 'change', state: 'implementing', created: '2026-06-01T02:00:00Z' });
  await insertCase({ type: 'change', state: 'awaiting_approval', created: '2025-12-01T02:00:00Z' });

  // Follow-up actions of an earlier evaluation.
  const evaluation = await insertCase({ type: 'evaluation', state: 'published', created: '2025-07-01T02:00:00Z', closed: '2025-07-20T02:00:00Z' });
  const action = (n: number, status: string, dueOn: string | null, created: string) => sql(
    `insert into improvement_action (id, tenant_id, number, origin, evaluation_case_id, chapter, item_index, description, owner_role, due_on, status, resolution, resolved_by, resolved_at, created_by, created_at)
     values (gen_random_uuid(), 'serang', ?, 'evaluation', ?, 'A', ?, ?, 'service_desk', ?, ?, ?, ?, ?, 'kadis', ?)`,
    [`TL-2025-000${n}`, evaluation, n, `Tindak lanjut ${n}`, dueOn, status, status === 'open' ? null : 'selesai', status === 'open' ? null : 'kadis', status === 'open' ? null : '2026-02-01T02:00:00Z', created]);
  await action(1, 'done', '2026-01-31', '2025-07-20T02:00:00Z');
  await action(2, 'open', '2026-03-01', '2025-07-20T02:00:00Z');
  await action(3, 'open', '2026-12-01', '2025-07-20T02:00:00Z');
  await action(4, 'dropped', null, '2025-07-20T02:00:00Z');
  await action(5, 'open', '2026-06-01', '2026-07-02T02:00:00Z'); // created after the period

  await sql('vacuum analyze sigap_case');
}, 90_000);

afterAll(async () => {
  if (orm) await closeDatabase(orm);
  await pg?.cleanup();
});

const none = { ratings: 0, meanMilli: null };

test('chapter A: completions in [from, to), met and not met, satisfaction, per service and month, open at the end', async () => {
  const a = (await figures()).requests!;
  expect({ ...a, byService: undefined, months: undefined, byPriority: undefined }).toEqual({
    completed: 4, met: 3, notMet: 1, attainmentBp: 7500, received: 6, openAtEnd: 2, breachedOpenAtEnd: 1,
    satisfaction: { ratings: 3, meanMilli: 4000 }, servicesMeetingTarget: 1, servicesMissingTarget: 1,
    byService: undefined, months: undefined, byPriority: undefined,
  });
  expect(a.byService).toEqual([
    { key: CAT1, name: serang.catalogue.find((c) => c.code === CAT1)!.name.id, completed: 3, met: 2, notMet: 1, attainmentBp: 6666, satisfaction: { ratings: 3, meanMilli: 4000 }, meetsTarget: false },
    { key: CAT2, name: serang.catalogue.find((c) => c.code === CAT2)!.name.id, completed: 1, met: 1, notMet: 0, attainmentBp: 10000, satisfaction: none, meetsTarget: true },
  ]);
  expect(a.byPriority).toEqual([]);
  expect(a.months.map((m) => [m.month, m.received, m.completed, m.met, m.notMet, m.satisfaction.ratings])).toEqual([
    ['2026-01', 1, 2, 2, 0, 2], ['2026-02', 1, 0, 0, 0, 0], ['2026-03', 1, 2, 1, 1, 1], ['2026-04', 1, 0, 0, 0, 0], ['2026-05', 1, 0, 0, 0, 0], ['2026-06', 1, 0, 0, 0, 0],
  ]);
}, 30_000);

test('chapter B: incidents per priority and service', async () => {
  const b = (await figures()).incidents!;
  expect([b.completed, b.met, b.notMet, b.attainmentBp, b.received, b.openAtEnd, b.satisfaction]).toEqual([3, 2, 1, 6666, 3, 0, { ratings: 2, meanMilli: 3500 }]);
  expect(b.byPriority.map((g) => [g.key, g.completed, g.met, g.notMet, g.meetsTarget])).toEqual([['P1', 1, 1, 0, true], ['P2', 2, 1, 1, false]]);
  expect(b.byService.map((g) => [g.key, g.name, g.completed, g.meetsTarget])).toEqual([['SIMPEG', 'Layanan SIMPEG', 2, false], ['WEBSITE', 'Layanan WEBSITE', 1, true]]);
  expect([b.servicesMeetingTarget, b.servicesMissingTarget]).toEqual([1, 1]);
}, 30_000);

test('chapter C: availability per service over the whole semester, target vs realisation', async () => {
  const c = (await figures()).availability!;
  const committed = 181 * DAY; // 1 January – 30 June 2026, 24×7 without a continuity plan
  expect(c.services).toEqual([
    { code: 'EMAIL-DINAS', name: 'Layanan EMAIL-DINAS', targetPercent: null, committedMs: committed, downtimeMs: 0, basisPoints: 10000, met: null },
    { code: 'SIMPEG', name: 'Layanan SIMPEG', targetPercent: 90, committedMs: committed, downtimeMs: 20 * DAY, basisPoints: 8895, met: false },
    { code: 'WEBSITE', name: 'Layanan WEBSITE', targetPercent: 95, committedMs: committed, downtimeMs: DAY, basisPoints: 9944, met: true },
  ]);
  expect([c.met, c.notMet, c.withoutTarget]).toEqual([1, 1, 1]);
}, 30_000);

test('chapter D: each DRP execution of the period, RTO/RPO met or not; cancelled ones and later ones left out', async () => {
  const d = (await figures()).recovery!;
  expect(d.executions.map((e) => [e.mode, e.at, e.state, e.met, e.services.map((s) => [s.code, s.rtoMet, s.rpoMet])])).toEqual([
    ['real', '2026-03-05T02:00:00.000Z', 'closed', true, [['SIMPEG', true, true]]],
    ['exercise', '2026-04-10T01:00:00.000Z', 'closed', false, [['WEBSITE', false, null]]],
    ['real', '2026-06-01T02:00:00.000Z', 'recovering', null, [['EMAIL-DINAS', null, null]]],
  ]);
  expect([d.met, d.notMet, d.unmeasured]).toEqual([1, 1, 1]);
}, 30_000);

test('chapter E: releases by outcome when their execution completed; a parked failed rollback', async () => {
  const e = (await figures()).releases!;
  expect({ ...e, byService: undefined }).toEqual({ completed: 3, succeeded: 1, rolledBack: 1, failedRollback: 1, failed: 0, rollbackFailedOpen: 1, byService: undefined });
  expect(e.byService).toEqual([
    { key: 'SIMPEG', name: 'Layanan SIMPEG', completed: 2, succeeded: 1, rolledBack: 1, failedRollback: 0, failed: 0 },
    { key: 'WEBSITE', name: 'Layanan WEBSITE', completed: 2, succeeded: 0, rolledBack: 1, failedRollback: 1, failed: 0 },
  ]);
}, 30_000);

test('only the measures some chapter names (serang: no changes, problems or maintenance); earlier follow-ups always', async () => {
  const f = await figures();
  expect([f.changes, f.problems, f.maintenance]).toEqual([null, null, null]);
  // Every evaluation shows whether the earlier «tindak lanjut» were done (serang E.2.3 c), whichever chapter discusses them.
  expect(f.followUps).toMatchObject({ total: 4, done: 1, open: 2, overdue: 1, dropped: 1 });
  expect(f.empty).toBe(false);
  expect(f.period).toEqual(S1);
  expect(f.computedAt).toBe(new Date(NOW).toISOString());
  const dpr = await figures(getProfile('dpr'));
  expect([dpr.availability, dpr.recovery, dpr.maintenance]).toEqual([null, null, null]);
  expect(dpr.followUps).not.toBeNull();
  expect([dpr.requests?.completed, dpr.incidents?.completed, dpr.problems?.received, dpr.changes?.received, dpr.releases?.completed]).toEqual([4, 3, 0, 2, 3]);
}, 30_000);

test('maintenance, changes, problems and the follow-ups of earlier evaluations', async () => {
  const f = await figures(extended);
  expect([f.maintenance!.completed, f.maintenance!.met, f.maintenance!.notMet, f.maintenance!.satisfaction]).toEqual([2, 1, 1, none]);
  expect(f.changes).toEqual({ received: 2, completed: 1, openAtEnd: 2, byState: [{ key: 'closed', count: 1 }, { key: 'implementing', count: 1 }] });
  expect(f.problems).toEqual({ received: 0, completed: 0, openAtEnd: 0, byState: [] });
  const u = f.followUps!;
  expect({ ...u, items: undefined }).toEqual({ total: 4, done: 1, open: 2, overdue: 1, dropped: 1, items: undefined });
  expect(u.items.map((i) => [i.number, i.evaluationNumber?.startsWith('EVA-T-'), i.status, i.dueOn, i.resolvedAt])).toEqual([
    ['TL-2025-0001', true, 'done', '2026-01-31', '2026-02-01T02:00:00.000Z'],
    ['TL-2025-0002', true, 'open', '2026-03-01', null],
    ['TL-2025-0003', true, 'open', '2026-12-01', null],
    ['TL-2025-0004', true, 'dropped', null, '2026-02-01T02:00:00.000Z'],
  ]);
}, 30_000);

test('a period with no data is empty, with zeros', async () => {
  const f = await figures(extended, periodOf('2020-S1', 'Asia/Jakarta'));
  expect(f.empty).toBe(true);
  expect([f.requests!.completed, f.requests!.received, f.requests!.openAtEnd, f.requests!.attainmentBp, f.requests!.satisfaction]).toEqual([0, 0, 0, null, none]);
  expect(f.requests!.months).toHaveLength(6);
  expect(f.incidents!.byService).toEqual([]);
  expect(f.recovery).toEqual({ executions: [], met: 0, notMet: 0, unmeasured: 0 });
  expect(f.releases!.completed).toBe(0);
  expect(f.followUps!.total).toBe(0);
  expect(f.availability!.services.every((s) => s.downtimeMs === 0)).toBe(true);
}, 30_000);

test('the satisfaction column is generated from the rating; the completions query is an index-only scan', async () => {
  const rows = await sql<{ satisfaction: number | null }>(`select satisfaction from sigap_case where case_type = 'request' and tenant_id = 'serang' order by number`);
  expect(rows.map((r) => r.satisfaction)).toEqual([5, 3, null, 1, 4, null, null, 1]);
  const plan = await orm.em.fork().transactional(async (tx) => {
    // The table is tiny, so keep the planner off the heap to see whether the index alone answers.
    await tx.execute('set local enable_seqscan = off');
    await tx.execute('set local enable_bitmapscan = off');
    return tx.execute<Array<{ 'QUERY PLAN': string }>>(`explain ${COMPLETIONS_SQL}`, ['Asia/Jakarta', 'serang', 'request', S1.from, S1.to]);
  });
  expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/Index Only Scan using sigap_case_evaluation_closed_idx/);
}, 30_000);

// ---- the periods (policy/evaluationPeriod.ts, pure) -----------------------------------------------

describe('evaluation periods', () => {
  const semester = { atLeast: 1, perMonths: 6 };
  const yearly = { atLeast: 1, perMonths: 12 };

  test('labels: semesters and the year as local days, half-open instants', () => {
    expect(periodOf('2026-S1', 'Asia/Jakarta')).toEqual({
      from: '2025-12-31T17:00:00.000Z', to: '2026-06-30T17:00:00.000Z', fromDate: '2026-01-01', toDate: '2026-06-30', label: '2026-S1',
      title: { id: 'Semester I 2026', en: 'Semester I 2026' },
    });
    expect(periodOf('2026-S2', 'Asia/Makassar')).toMatchObject({ from: '2026-06-30T16:00:00.000Z', to: '2026-12-31T16:00:00.000Z', toDate: '2026-12-31', title: { id: 'Semester II 2026' } });
    expect(periodOf('2026', 'Asia/Jakarta')).toMatchObject({ fromDate: '2026-01-01', toDate: '2026-12-31', title: { id: 'Tahun 2026', en: 'Year 2026' } });
  });

  test('dates: a semester gets its label, other spans a title from the dates; bad input throws', () => {
    expect(periodOf({ fromDate: '2026-07-01', toDate: '2026-12-31' }, 'Asia/Jakarta').label).toBe('2026-S2');
    expect(periodOf({ fromDate: '2026-02-01', toDate: '2026-03-31' }, 'Asia/Jakarta')).toMatchObject({
      label: null, to: '2026-03-31T17:00:00.000Z', title: { id: '1 Februari 2026 – 31 Maret 2026', en: '1 February 2026 – 31 March 2026' },
    });
    expect(periodOf({ fromDate: '2026-03-01', toDate: '2026-03-01' }, 'Asia/Jakarta').to).toBe('2026-03-01T17:00:00.000Z');
    expect(() => periodOf({ fromDate: '2026-04-01', toDate: '2026-03-31' }, 'Asia/Jakarta')).toThrow(expect.objectContaining({ name: 'EvaluationPeriodError', code: 'period_ends_before_start' }));
    expect(() => periodOf({ fromDate: '2026-04-01', toDate: '2026-03-31' }, 'Asia/Jakarta')).toThrow(RangeError);
    expect(() => periodOf({ fromDate: '2026-02-30', toDate: '2026-03-31' }, 'Asia/Jakarta')).toThrow(expect.objectContaining({ code: 'invalid_period' }));
    expect(() => periodOf('2026-S3', 'Asia/Jakarta')).toThrow(expect.objectContaining({ code: 'invalid_period' }));
  });

  test('the period just ended when the Schedule fires (01:00 local on 1 January / 1 July)', () => {
    expect(periodEndedBefore(Date.parse('2026-06-30T18:00:00Z'), semester, 'Asia/Jakarta').label).toBe('2026-S1'); // 1 July 01:00 WIB
    expect(periodEndedBefore(Date.parse('2025-12-31T18:00:00Z'), semester, 'Asia/Jakarta').label).toBe('2025-S2'); // 1 January 01:00 WIB
    expect(periodEndedBefore(Date.parse('2026-06-30T16:59:59Z'), semester, 'Asia/Jakarta').label).toBe('2025-S2'); // still 30 June locally
    expect(periodEndedBefore(Date.parse('2025-12-31T18:00:00Z'), yearly, 'Asia/Jakarta').label).toBe('2025');
    expect(periodEndedBefore(Date.parse('2026-10-10T00:00:00Z'), { atLeast: 2, perMonths: 12 }, 'Asia/Jakarta').label).toBe('2026-S1');
    expect(periodStartMonths(semester)).toEqual([1, 7]);
    expect(periodStartMonths(yearly)).toEqual([1]);
  });

  test('a period has ended only at its exclusive end', () => {
    expect(periodHasEnded(S1, Date.parse(S1.to) - 1)).toBe(false);
    expect(periodHasEnded(S1, Date.parse(S1.to))).toBe(true);
  });
});
