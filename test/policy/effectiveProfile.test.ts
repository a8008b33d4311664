// A tenant's overrides merge into its regulation's profile; the API validates them like a profile before saving.
import { effectiveProfile } from '../../policy/effectiveProfile.ts';
import { validateOverrides } from '../../policy/profile.ts';
import { getProfile } from '../../policy/profiles/index.ts';

test('no overrides: the regulation profile itself', () => {
  expect(effectiveProfile('serang', {})).toBe(getProfile('serang'));
  expect(effectiveProfile('serang', null)).toBe(getProfile('serang'));
});

test('objects merge key by key; other values replace', () => {
  const p = effectiveProfile('serang', { name: { en: 'Serang Regency, Diskominfo' } });
  expect(p.name).toEqual({ id: getProfile('serang').name.id, en: 'Serang Regency, Diskominfo' });
  expect(p.roles).toEqual(getProfile('serang').roles);
});

test('an override that breaks the schema or the references is refused naming the field', () => {
  expect(() => validateOverrides('serang', { requestFulfilment: { escalationRole: 'nobody' } })).toThrow(/Profile serang \(policy\/profiles\/serang\.ts\): field requestFulfilment\.escalationRole/);
  expect(() => validateOverrides('serang', { id: 'dpr' })).toThrow(/field id/);
  expect(() => effectiveProfile('serang', { id: 'dpr' })).toThrow(/field id/);
  expect(() => validateOverrides('serang', { catalogue: [{ code: 'x' }] })).toThrow(/Profile serang \(policy\/profiles\/serang\.ts\): field catalogue\.0/);
});
