// Case numbers stay unique under concurrency; seeding is idempotent and keeps admin edits.
import type { MikroORM } from '@mikro-orm/postgresql';
import { nextCaseNumber } from '../../db/counters.ts';
import { AppUser, CatalogueItem, Tenant } from '../../db/entities/index.ts';
import { closeDatabase, openDatabase } from '../../db/orm.ts';
import { seedTenant, type TenantSeed } from '../../db/seed.ts';
import type { CatalogueItem as ProfileCatalogueItem } from '../../policy/profile.ts';
import { startTestPostgres, type TestPostgres } from './pg.ts';

let pg: TestPostgres;
let orm: MikroORM;

const catalogue: ProfileCatalogueItem[] = [
  {
    code: 'EMAIL-NEW', name: { id: 'Akun surel baru', en: 'New e-mail account' }, group: 'akun',
    description: { id: 'Pembuatan akun surel dinas', en: 'Official e-mail account' },
    fulfilmentTarget: { ms: 3 * 86_400_000, basis: 'calendar', source: { sigapDefault: 'three days' } },
    requiresApproval: true, approverRole: 'kepala_bidang', requiredDocuments: ['nota_dinas'], availability: '24/7',
  },
  {
    code: 'HW-REPAIR', name: { id: 'Perbaikan perangkat', en: 'Hardware repair' }, group: 'perangkat',
    description: { id: 'Perbaikan laptop dan printer', en: 'Laptop and printer repair' },
    fulfilmentTarget: { ms: 5 * 86_400_000, basis: 'working', source: { seed: '001_0123456789abcdef.txt', section: 'Pasal 6' } },
    requiresApproval: false, requiredDocuments: [], availability: 'Senin-Jumat', helpHours: '08.00-16.00',
  },
];

function seedInput(overrides: Partial<TenantSeed> = {}): TenantSeed {
  return {
    tenantId: 'serang', name: 'Kabupaten Serang', profileId: 'serang', timezone: 'Asia/Jakarta', catalogue,
    users: [
      { username: 'budi', name: 'Budi', roles: ['pemohon'], unit: 'Bappeda' },
      { username: 'sari', name: 'Sari', roles: ['service_desk', 'pelaksana'], email: 'sari@serang.go.id', nip: '198001012005012001' },
    ],
    ...overrides,
  };
}

beforeAll(async () => {
  pg = await startTestPostgres();
  orm = await openDatabase(pg.url);
}, 30_000);

afterAll(async () => {
  if (orm) await closeDatabase(orm);
  await pg?.cleanup();
});

describe('seedTenant', () => {
  test('first run inserts tenant, catalogue and users', async () => {
    expect(await seedTenant(orm, seedInput())).toEqual({ cataloguesInserted: 2, usersInserted: 2 });
    const em = orm.em.fork();
    const items = await em.find(CatalogueItem, { tenantId: 'serang' }, { orderBy: { code: 'asc' } });
    expect(items.map((i) => [i.code, i.serviceGroup, i.fulfilmentTargetMs, i.targetBasis, i.requiresApproval, i.approverRole, i.requiredDocuments, i.helpHours, i.active]))
      .toEqual([
        ['EMAIL-NEW', 'akun', 259_200_000, 'calendar', true, 'kepala_bidang', ['nota_dinas'], null, true],
        ['HW-REPAIR', 'perangkat', 432_000_000, 'working', false, null, [], '08.00-16.00', true],
      ]);
    expect(items[1]!.targetSource).toEqual({ seed: '001_0123456789abcdef.txt', section: 'Pasal 6' });
    expect(items[0]!.name).toEqual({ id: 'Akun surel baru', en: 'New e-mail account' });
    const sari = await em.findOneOrFail(AppUser, { tenantId: 'serang', username: 'sari' });
    expect(sari).toMatchObject({ roles: ['service_desk', 'pelaksana'], email: 'sari@serang.go.id', nip: '198001012005012001', unit: null });
  });

  test('running again (even concurrently) duplicates nothing and keeps admin edits', async () => {
    const em = orm.em.fork();
    const item = await em.findOneOrFail(CatalogueItem, { tenantId: 'serang', code: 'HW-REPAIR' });
    item.fulfilmentTargetMs = 86_400_000;
    item.active = false;
    const budi = await em.findOneOrFail(AppUser, { tenantId: 'serang', username: 'budi' });
    budi.roles = ['pemohon', 'pimpinan'];
    await em.flush();

    const results = await Promise.all([seedTenant(orm, seedInput({ name: 'Pemkab Serang' })), seedTenant(orm, seedInput({ name: 'Pemkab Serang' }))]);
    expect(results).toEqual([{ cataloguesInserted: 0, usersInserted: 0 }, { cataloguesInserted: 0, usersInserted: 0 }]);

    const check = orm.em.fork();
    expect(await check.count(CatalogueItem, { tenantId: 'serang' })).toBe(2);
    expect(await check.count(AppUser, { tenantId: 'serang' })).toBe(2);
    expect(await check.findOneOrFail(CatalogueItem, { tenantId: 'serang', code: 'HW-REPAIR' })).toMatchObject({ fulfilmentTargetMs: 86_400_000, active: false });
    expect((await check.findOneOrFail(AppUser, { tenantId: 'serang', username: 'budi' })).roles).toEqual(['pemohon', 'pimpinan']);
    expect((await check.findOneOrFail(Tenant, 'serang')).name).toBe('Pemkab Serang');
  });

  test('adds items and users that appear later in the profile', async () => {
    const extra: ProfileCatalogueItem = { ...catalogue[0]!, code: 'VPN', name: { id: 'Akses VPN', en: 'VPN access' } };
    const result = await seedTenant(orm, seedInput({ catalogue: [...catalogue, extra], users: [{ username: 'dewi', name: 'Dewi', roles: ['pelaksana'] }] }));
    expect(result).toEqual({ cataloguesInserted: 1, usersInserted: 1 });
  });
});

describe('nextCaseNumber', () => {
  test('20 parallel calls get 20 distinct, consecutive numbers', async () => {
    const numbers = await Promise.all(
      Array.from({ length: 20 }, () => nextCaseNumber(orm.em.fork(), 'serang', 'request', 'REQ', 2026)));
    expect(new Set(numbers).size).toBe(20);
    expect([...numbers].sort()).toEqual(Array.from({ length: 20 }, (_, i) => `REQ-2026-${String(i + 1).padStart(6, '0')}`));
  });

  test('sequences are per case type and year; a rolled-back transaction gives its number back', async () => {
    expect(await nextCaseNumber(orm.em.fork(), 'serang', 'incident', 'INC', 2026)).toBe('INC-2026-000001');
    expect(await nextCaseNumber(orm.em.fork(), 'serang', 'request', 'REQ', 2027)).toBe('REQ-2027-000001');
    await expect(orm.em.fork().transactional(async (em) => {
      expect(await nextCaseNumber(em, 'serang', 'request', 'REQ', 2026)).toBe('REQ-2026-000021');
      throw new Error('abort');
    })).rejects.toThrow('abort');
    expect(await nextCaseNumber(orm.em.fork(), 'serang', 'request', 'REQ', 2026)).toBe('REQ-2026-000021');
  });
});
