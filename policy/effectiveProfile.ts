// A tenant runs one regulation profile and may override parts of it (an agency's own targets or
// role titles). Objects merge key by key; arrays and plain values replace. The API validates overrides
// before it saves them (policy/profile.ts `validateOverrides`), so an override can never produce a
// profile the engine cannot run; here, in workflows too, they are only applied (no zod: see profileData.ts).
import type { Profile, ProfileInput } from './profile.ts';
import { profileData } from './profileData.ts';
import { getProfile } from './profiles/index.ts';

export type ProfileOverrides = Record<string, unknown>;

/** The base profile with the overrides merged in (objects key by key; arrays and values replace). */
export function mergeOverrides(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) out[key] = mergeOverrides(base[key], value);
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const cache = new Map<string, Profile>();

/** The profile a tenant runs: the regulation's profile with the tenant's (validated) overrides applied. */
export function effectiveProfile(profileId: string, overrides: ProfileOverrides | null | undefined): Profile {
  const base = getProfile(profileId);
  if (!overrides || Object.keys(overrides).length === 0) return base;
  if ('id' in overrides && overrides.id !== profileId) throw new Error(`Profile ${profileId} (tenant override): field id: an override cannot change the profile id`);
  const key = `${profileId}\u0000${JSON.stringify(overrides)}`;
  let profile = cache.get(key);
  if (!profile) {
    profile = profileData(mergeOverrides(base, overrides) as ProfileInput);
    if (cache.size > 100) cache.clear();
    cache.set(key, profile);
  }
  return profile;
}
