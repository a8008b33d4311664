// Incident priority matrix (serang Tabel 4.4 = Formulir B; yogyakarta Tabel 2–3): all 12 cells and
// the response/resolution targets of each priority, table-driven.
import { priorityFor } from '../../policy/priority.ts';
import { profiles } from '../../policy/profiles/index.ts';
import type { Impact, ServiceClassification, ServiceType } from '../../policy/profile.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

// impact, service type, classification → priority: the same matrix in both seeds.
const MATRIX: Array<[Impact, ServiceType, ServiceClassification, string]> = [
  ['mayor', 'publik', 'kritis', 'P1'], ['mayor', 'publik', 'esensial', 'P2'], ['mayor', 'publik', 'normal', 'P3'],
  ['mayor', 'administrasi', 'kritis', 'P2'], ['mayor', 'administrasi', 'esensial', 'P3'], ['mayor', 'administrasi', 'normal', 'P4'],
  ['minor', 'publik', 'kritis', 'P3'], ['minor', 'publik', 'esensial', 'P4'], ['minor', 'publik', 'normal', 'P5'],
  ['minor', 'administrasi', 'kritis', 'P4'], ['minor', 'administrasi', 'esensial', 'P5'], ['minor', 'administrasi', 'normal', 'P6'],
];

// priority → response (both seeds) and resolution (serang only; yogyakarta Tabel 3 has none).
const TARGETS: Record<string, { response: number; resolution: number }> = {
  P1: { response: 15 * MINUTE, resolution: 12 * HOUR },
  P2: { response: 30 * MINUTE, resolution: 24 * HOUR },
  P3: { response: 1 * HOUR, resolution: 36 * HOUR },
  P4: { response: 90 * MINUTE, resolution: 48 * HOUR },
  P5: { response: 2 * HOUR, resolution: 60 * HOUR },
  P6: { response: 150 * MINUTE, resolution: 72 * HOUR },
};

const SEEDS = { serang: { seed: '001_77b5a6378d6d5a17.txt', table: 'Tabel 4.4' }, yogyakarta: { seed: '004_1d499493b3e12930.txt', table: 'Tabel 2' } };

describe.each(['serang', 'yogyakarta'] as const)('%s priority matrix', (id) => {
  const profile = profiles[id]!;

  test.each(MATRIX)('%s × %s × %s → %s', (impact, serviceType, classification, expected) => {
    const result = priorityFor(profile, { impact, serviceType, classification })!;
    expect(result.priority).toBe(expected);
    expect(result.source).toEqual({ seed: SEEDS[id].seed, section: expect.stringContaining(SEEDS[id].table) });
    expect(result.response).toMatchObject({ ms: TARGETS[expected]!.response, basis: 'calendar' });
    if (id === 'serang') expect(result.resolution).toMatchObject({ ms: TARGETS[expected]!.resolution, basis: 'calendar' });
    else expect(result.resolution).toBeNull();
  });

  test('the matrix has exactly the 12 cells', () => {
    expect(profile.incident!.priorityMatrix).toHaveLength(12);
  });
});

test.each(Object.entries(TARGETS))('serang %s targets come from Tabel 4.4 (Formulir B)', (p, t) => {
  const priority = profiles.serang!.incident!.priorities.find((x) => x.id === p)!;
  expect(priority.response).toMatchObject({ ms: t.response, basis: 'calendar', source: { section: expect.stringContaining(`«${p} <`) } });
  expect(priority.resolution).toMatchObject({ ms: t.resolution, basis: 'calendar' });
});

test.each(Object.entries(TARGETS))('yogyakarta %s has a Tabel 3 response target and no resolution target', (p, t) => {
  const priority = profiles.yogyakarta!.incident!.priorities.find((x) => x.id === p)!;
  expect(priority.response).toMatchObject({ ms: t.response, basis: 'calendar', source: { section: expect.stringContaining(`Prioritas ${p.slice(1)} <`) } });
  expect(priority.resolution).toBeNull();
  expect(profiles.yogyakarta!.gaps.some((g) => g.path === 'incident.priorities.resolution')).toBe(true);
});

test.each(['dpr', 'kemenkeu', 'setwapres'])('%s has no priority matrix, so priorityFor gives null', (id) => {
  expect(priorityFor(profiles[id]!, { impact: 'mayor', serviceType: 'publik', classification: 'kritis' })).toBeNull();
});
