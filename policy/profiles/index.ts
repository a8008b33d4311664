// Every regulation profile Sigap ships, by id. Plain data (workflows import it), built on first use:
// a workflow re-evaluates its bundle's modules when it starts, so it builds only the profile it runs.
// Validated by policy/profile.ts `validateShippedProfiles` when the worker and the API start, and by the tests.
import type { Profile } from '../profile.ts';
import { dpr } from './dpr.ts';
import { kemenkeu } from './kemenkeu.ts';
import { serang } from './serang.ts';
import { setwapres } from './setwapres.ts';
import { yogyakarta } from './yogyakarta.ts';

const builders: Readonly<Record<string, () => Profile>> = { serang, yogyakarta, dpr, kemenkeu, setwapres };
const built = new Map<string, Profile>();

export const PROFILE_IDS: readonly string[] = Object.keys(builders);

export function getProfile(id: string): Profile {
  let profile = built.get(id);
  if (!profile) {
    const build = Object.hasOwn(builders, id) ? builders[id] : undefined;
    if (!build) throw new Error(`Unknown regulation profile "${id}"`);
    profile = build();
    built.set(id, profile);
  }
  return profile;
}

/** Every shipped profile by id (each built when first read). */
export const profiles: Readonly<Record<string, Profile>> = Object.defineProperties(
  Object.create(null) as Record<string, Profile>, // no inherited keys: profiles['constructor'] is undefined
  Object.fromEntries(PROFILE_IDS.map((id) => [id, { enumerable: true, get: () => getProfile(id) }])),
);
