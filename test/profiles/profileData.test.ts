// Workflows read profiles without zod (policy/profileData.ts): the data must be exactly what the schema
// would make of it, and profileData must fill every default the schema has.
import type { z } from 'zod';
import { profileSchema, validateOverrides, validateProfileData, validateShippedProfiles, type Profile, type ProfileInput } from '../../policy/profile.ts';
import { PROFILE_DEFAULT_PATHS, profileData } from '../../policy/profileData.ts';
import { effectiveProfile } from '../../policy/effectiveProfile.ts';
import { getProfile, PROFILE_IDS, profiles } from '../../policy/profiles/index.ts';

/** Paths (`a.b[].c`) of every `.default(…)` in a zod schema. */
function defaultPaths(schema: z.ZodType, path = ''): string[] {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  switch (def.type) {
    case 'default': return [path, ...defaultPaths(def.innerType as z.ZodType, path)];
    case 'optional': case 'nullable': case 'readonly': return defaultPaths(def.innerType as z.ZodType, path);
    case 'pipe': return defaultPaths(def.in as z.ZodType, path);
    case 'array': return defaultPaths(def.element as z.ZodType, `${path}[]`);
    case 'object': return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([k, v]) => defaultPaths(v, path ? `${path}.${k}` : k));
    case 'union': return (def.options as z.ZodType[]).flatMap((o) => defaultPaths(o, path));
    case 'record': return defaultPaths(def.valueType as z.ZodType, `${path}{}`);
    default: return [];
  }
}

/** Removes the values at `a.b[].c` from a copy, so the defaults must come from profileData. */
function without(value: unknown, path: string[]): unknown {
  if (path.length === 0 || value === null || typeof value !== 'object') return value;
  const [head, ...rest] = path;
  if (head!.endsWith('[]')) {
    const key = head!.slice(0, -2);
    const obj = value as Record<string, unknown>;
    const list = obj[key];
    return Array.isArray(list) ? { ...obj, [key]: list.map((item) => (rest.length ? without(item, rest) : item)) } : obj;
  }
  const obj = { ...(value as Record<string, unknown>) };
  if (rest.length === 0) delete obj[head!];
  else obj[head!] = without(obj[head!], rest);
  return obj;
}

test('PROFILE_DEFAULT_PATHS names exactly the defaults of the profile schema', () => {
  expect(new Set(defaultPaths(profileSchema))).toEqual(new Set(PROFILE_DEFAULT_PATHS));
});

test('every shipped profile validates, and validating changes nothing', () => {
  expect(() => validateShippedProfiles()).not.toThrow();
  expect(PROFILE_IDS).toEqual(['serang', 'yogyakarta', 'dpr', 'kemenkeu', 'setwapres']);
  for (const id of PROFILE_IDS) expect(profileSchema.parse(getProfile(id))).toEqual(getProfile(id));
});

test.each(PROFILE_IDS)('%s without any defaulted field: profileData fills what the schema fills', (id) => {
  let input: unknown = getProfile(id);
  for (const path of PROFILE_DEFAULT_PATHS) input = without(input, path.split(/\.|(?<=\[\])/).flatMap((seg) => seg.split('.')).filter(Boolean));
  expect(profileData(input as ProfileInput)).toEqual(profileSchema.parse(input));
});

test('a profile the schema would change is refused (a default profileData does not fill)', () => {
  const serang = getProfile('serang');
  const missing = { ...serang, catalogue: serang.catalogue.map(({ availability: _a, ...item }) => item) };
  expect(() => validateProfileData(missing as Profile)).toThrow(/the schema changes it when validating/);
  expect(validateProfileData(serang)).toBe(serang);
});

test('profiles are built once, on first use, and listed lazily', () => {
  expect(getProfile('dpr')).toBe(getProfile('dpr'));
  expect(profiles.dpr).toBe(getProfile('dpr'));
  expect(Object.keys(profiles)).toEqual(PROFILE_IDS);
  expect(() => getProfile('toString')).toThrow('Unknown regulation profile "toString"');
});

test('overrides: the API validates them; workflows only apply them, to the same result', () => {
  const overrides = { name: { en: 'Serang Regency, Diskominfo' }, requestFulfilment: { escalationRole: 'head_of_unit' } };
  const validated = validateOverrides('serang', overrides);
  expect(effectiveProfile('serang', overrides)).toEqual(validated);
  expect(validated.name).toEqual({ id: getProfile('serang').name.id, en: 'Serang Regency, Diskominfo' });
  expect(() => validateOverrides('serang', { requestFulfilment: { escalationRole: 'nobody' } })).toThrow(/field requestFulfilment\.escalationRole: unknown role "nobody"/);
  expect(() => validateOverrides('serang', { id: 'dpr' })).toThrow(/cannot change the profile id/);
});
