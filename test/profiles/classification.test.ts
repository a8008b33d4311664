// Service classification: serang Tabel 4.1 as data, classifyService as a pure lookup.
import { classifyService } from '../../policy/classification.ts';
import { APPLICATION_BASES, SERVICE_TYPES, USER_SCOPES, type ApplicationBasis, type ServiceClassification, type ServiceType, type UserScope } from '../../policy/profile.ts';
import { profiles } from '../../policy/profiles/index.ts';

const serang = profiles.serang!;

// The five rows of Tabel 4.1, straight from the seed.
const TABLE_4_1: Array<[ServiceType, ApplicationBasis, UserScope, ServiceClassification]> = [
  ['administrasi', 'umum', 'nasional', 'kritis'],
  ['administrasi', 'khusus', 'nasional', 'kritis'],
  ['publik', 'umum', 'nasional', 'kritis'],
  ['publik', 'khusus', 'nasional', 'kritis'],
  ['administrasi', 'khusus', 'regional', 'esensial'],
  ['publik', 'khusus', 'regional', 'esensial'],
  ['administrasi', 'khusus', 'instansi', 'normal'],
];

// Combinations the table has no row for: Sigap defaults by user scope, marked as such.
const DEFAULTED: Array<[ServiceType, ApplicationBasis, UserScope, ServiceClassification]> = [
  ['administrasi', 'umum', 'regional', 'esensial'],
  ['publik', 'umum', 'regional', 'esensial'],
  ['publik', 'umum', 'instansi', 'normal'],
  ['publik', 'khusus', 'instansi', 'normal'],
  ['administrasi', 'umum', 'instansi', 'normal'],
];

test.each(TABLE_4_1)('serang Tabel 4.1: %s / aplikasi %s / %s → %s', (nature, basis, scope, expected) => {
  const result = classifyService(serang, { nature, basis, scope })!;
  expect(result.classification).toBe(expected);
  expect(result.isDefault).toBe(false);
  expect(result.source).toEqual({ seed: '001_77b5a6378d6d5a17.txt', section: expect.stringContaining('Tabel 4.1') });
});

test.each(DEFAULTED)('serang, no Tabel 4.1 row: %s / aplikasi %s / %s → %s as a Sigap default', (nature, basis, scope, expected) => {
  const result = classifyService(serang, { nature, basis, scope })!;
  expect(result.classification).toBe(expected);
  expect(result.isDefault).toBe(true);
  expect(result.source).toHaveProperty('sigapDefault', expect.stringContaining('Tabel 4.1 has no row'));
});

test('every one of the 12 combinations is classified exactly once in serang', () => {
  let n = 0;
  for (const nature of SERVICE_TYPES) for (const basis of APPLICATION_BASES) for (const scope of USER_SCOPES) {
    expect(classifyService(serang, { nature, basis, scope })).not.toBeNull();
    n += 1;
  }
  expect(n).toBe(TABLE_4_1.length + DEFAULTED.length);
});

test('user scope decides in serang: Nasional → Kritis, Regional → Esensial, Instansi → Normal', () => {
  const byScope = { nasional: 'kritis', regional: 'esensial', instansi: 'normal' } as const;
  for (const nature of SERVICE_TYPES) for (const basis of APPLICATION_BASES) for (const scope of USER_SCOPES) {
    expect(classifyService(serang, { nature, basis, scope })!.classification).toBe(byScope[scope]);
  }
});

test('classification levels carry their obligations (serang A.1, A.3)', () => {
  const level = (id: string) => serang.classification!.levels.find((l) => l.id === id)!;
  expect(level('kritis').requiresRtoRpo.value).toBe(true);
  expect(level('kritis').requiresDrp.value).toBe(true);
  expect(level('esensial').requiresAvailabilityTarget.value).toBe(true);
  expect(level('esensial').requiresDrp.value).toBe(false);
  expect(level('normal').requiresAvailabilityTarget.value).toBe(false);
});

test('yogyakarta defines the three levels (2.1.2.1) but no criteria, so services are classified by hand', () => {
  const y = profiles.yogyakarta!;
  expect(y.classification!.levels.map((l) => l.id)).toEqual(['kritis', 'esensial', 'normal']);
  expect(y.classification!.rules).toEqual([]);
  expect(classifyService(y, { nature: 'publik', basis: 'umum', scope: 'nasional' })).toBeNull();
  expect(y.gaps.map((g) => g.path)).toContain('classification.rules');
});

test.each(['dpr', 'kemenkeu', 'setwapres'])('%s has no classification', (id) => {
  expect(profiles[id]!.classification).toBeNull();
  expect(classifyService(profiles[id]!, { nature: 'publik', basis: 'umum', scope: 'nasional' })).toBeNull();
});
