// Profiles are data, validated when the worker and the API start; every number names its source.
import { defineProfile, type ProfileInput } from '../../policy/profile.ts';
import { profiles } from '../../policy/profiles/index.ts';

const serang = profiles.serang!;

const HOUR = 3_600_000;

test('serang Tabel 4.2 fulfilment targets', () => {
  const target = (code: string) => serang.catalogue.find((c) => c.code === code)!.fulfilmentTarget;
  expect(target('AKUN-EMAIL')).toMatchObject({ ms: 3 * HOUR, source: { seed: '001_77b5a6378d6d5a17.txt', section: expect.stringContaining('Tabel 4.2') } });
  expect(target('HOSTING-APP').ms).toBe(14 * 24 * HOUR);
  expect(target('DUKUNGAN-PL').ms).toBe(24 * HOUR);
  for (const code of ['JARINGAN-LAN', 'PERANGKAT-KANTOR', 'VICON']) expect(target(code).ms).toBe(3 * 24 * HOUR);
  expect(target('SRIKANDI-AKUN').ms).toBe(HOUR);
});

test('dpr request types require the nota dinas and kerangka acuan (Pasal 6 ayat 2)', () => {
  const dpr = profiles.dpr!;
  expect(dpr.catalogue).toHaveLength(6);
  for (const item of dpr.catalogue) expect(item.requiredDocuments).toEqual(['nota_dinas', 'kerangka_acuan']);
  // The seed gives no target: the profile says so instead of inventing a regulation number.
  expect(dpr.catalogue[0]!.fulfilmentTarget.source).toHaveProperty('sigapDefault');
});

test('every role and target of every profile carries a source', () => {
  for (const p of Object.values(profiles)) {
    for (const r of p.roles) expect(r.source).toBeDefined();
    for (const c of p.catalogue) expect(c.fulfilmentTarget.source).toBeDefined();
  }
});

test('a profile that breaks the schema is refused with the profile and field named', () => {
  const bad = { ...serang, requestFulfilment: { ...serang.requestFulfilment, escalationRole: 'nobody' } } as ProfileInput;
  expect(() => defineProfile(bad)).toThrow('Profile serang (policy/profiles/serang.ts): field requestFulfilment.escalationRole: unknown role "nobody"');
  const badTarget = { ...serang, catalogue: [{ ...serang.catalogue[0]!, fulfilmentTarget: { ms: -1, basis: 'calendar', source: { sigapDefault: 'x' } } }] } as ProfileInput;
  expect(() => defineProfile(badTarget)).toThrow(/Profile serang \(policy\/profiles\/serang\.ts\): field catalogue\.0\.fulfilmentTarget\.ms/);
});
