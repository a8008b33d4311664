// Every regulation profile Sigap ships, by id. Profiles are data validated when this module loads.
import type { Profile } from '../profile.ts';
import { dpr } from './dpr.ts';
import { kemenkeu } from './kemenkeu.ts';
import { serang } from './serang.ts';
import { setwapres } from './setwapres.ts';
import { yogyakarta } from './yogyakarta.ts';

export const profiles: Readonly<Record<string, Profile>> = { serang, yogyakarta, dpr, kemenkeu, setwapres };

export function getProfile(id: string): Profile {
  const profile = profiles[id];
  if (!profile) throw new Error(`Unknown regulation profile "${id}"`);
  return profile;
}
