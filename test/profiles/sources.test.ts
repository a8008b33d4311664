// Every regulated value carries a source, and every seed source can be found in its seed:
// the file exists under /work/shared/seeds and the section's «quotes» and key tokens (Tabel n,
// Pasal n, Formulir X) appear in the seed text.
import { readdirSync } from 'node:fs';
import { listRegulatedNumbers } from '../../policy/profileNumbers.ts';
import { profiles } from '../../policy/profiles/index.ts';
import { SEEDS_DIR, keyTokens, normalise, quotes, sectionProblems } from './seedText.ts';

const all = Object.values(profiles);

test('the five regulation profiles are registered', () => {
  expect(Object.keys(profiles).sort()).toEqual(['dpr', 'kemenkeu', 'serang', 'setwapres', 'yogyakarta']);
});

test('every profile names a seed that exists', () => {
  const files = readdirSync(SEEDS_DIR);
  for (const p of all) expect(files).toContain(p.regulation.seed);
});

describe.each(all.map((p) => [p.id, p] as const))('%s', (_id, profile) => {
  const values = listRegulatedNumbers(profile);
  const fromSeed = values.filter((v) => 'seed' in v.source);

  test('has sourced values, most of them from its seed', () => {
    expect(values.length).toBeGreaterThan(40);
    expect(fromSeed.length).toBeGreaterThan(values.length / 2);
  });

  test('cites only its own seed', () => {
    for (const v of fromSeed) expect({ path: v.path, seed: (v.source as { seed: string }).seed }).toEqual({ path: v.path, seed: profile.regulation.seed });
  });

  test('every seed section can be found in the seed text', () => {
    const problems = fromSeed.flatMap((v) => {
      const s = v.source as { seed: string; section: string };
      return sectionProblems(s.seed, s.section).map((p) => `${v.path}: ${p}`);
    });
    expect(problems).toEqual([]);
  });

  test('every Sigap default says why', () => {
    for (const v of values) if ('sigapDefault' in v.source) expect(v.source.sigapDefault.length).toBeGreaterThan(20);
  });

  test('every path leads to its value', () => {
    for (const v of values) {
      const found = v.path === '' ? profile : v.path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], profile);
      expect({ path: v.path, found: found !== undefined }).toEqual({ path: v.path, found: true });
    }
  });
});

test('the section checker finds quotes and tokens and rejects what is not there', () => {
  expect(quotes('Tabel 4.2 «a» b «c d»')).toEqual(['a', 'c d']);
  expect(keyTokens('Pasal 16 ayat (3) «Tabel 9» Formulir B')).toEqual(['Pasal 16', 'Formulir B']);
  expect(normalise('*Service Desk*  <i>x</i>\n y')).toBe('service desk x y');
  expect(sectionProblems('001_77b5a6378d6d5a17.txt', 'Tabel 4.2 «Akun Layanan»')).toEqual([]);
  expect(sectionProblems('001_77b5a6378d6d5a17.txt', 'Tabel 4.2 «Akun Langit»')).toHaveLength(1);
  expect(sectionProblems('001_77b5a6378d6d5a17.txt', 'Tabel 9.9')).toHaveLength(1);
  expect(sectionProblems('001_77b5a6378d6d5a17.txt', 'somewhere')).toHaveLength(1);
  expect(sectionProblems('999_0000000000000000.txt', 'Tabel 1')[0]).toMatch(/not found/);
});

test('listRegulatedNumbers reports nodes, sibling sources and unwrapped values', () => {
  const serang = profiles.serang!;
  const byPath = new Map(listRegulatedNumbers(serang).map((v) => [v.path, v]));
  expect(byPath.get('incident.priorities.0.response')).toMatchObject({ label: 'incident.priorities[P1].response', value: { ms: 15 * 60_000, basis: 'calendar', stated: '<15 menit' } });
  expect(byPath.get('sla.warningPermille')!.value).toEqual([500, 750, 900]);
  expect(byPath.get('disaster.drpTest')!.value).toEqual({ atLeast: 1, perMonths: 12 });
  expect(byPath.get('incident.escalation.1.trigger')).toMatchObject({ value: { kind: 'share_of_target', permille: 500 }, source: { sigapDefault: expect.any(String) } });
  expect(byPath.get('catalogue.0.fulfilmentTarget')).toMatchObject({ label: 'catalogue[AKUN-EMAIL].fulfilmentTarget', value: { ms: 3 * 3_600_000 } });
});
