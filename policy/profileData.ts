// A regulation profile as the engine reads it: the data of policy/profiles/*.ts with the schema's
// defaults filled in. zod-free on purpose: workflows import the profiles, and every workflow
// re-evaluates its bundle's modules when it starts, so validating there (zod, about 30 ms per profile)
// cost every case and held a copy of the schema in every cached workflow. Profiles are validated in
// Node instead (policy/profile.ts `validateShippedProfiles`, run by the worker and the API at start
// and by the tests), and a test keeps PROFILE_DEFAULT_PATHS equal to the schema's defaults.
import type { Profile, ProfileInput } from './profile.ts';

/** Eselon levels, highest first (used by the schema and by the disaster and continuity rules). */
export const ESELON_LEVELS = ['I', 'II', 'III', 'IV'] as const;

/** Every place the profile schema has a `.default(…)`, as `path[]` segments (`[]` = each element). */
export const PROFILE_DEFAULT_PATHS = [
  'timezone', 'documentKinds', 'gaps', 'catalogue[].requiredDocuments', 'catalogue[].availability',
  'incident.escalation[].assistingRoles', 'maintenanceSupport.escalation[].assistingRoles',
] as const;

/** The profile with the schema's defaults filled in; the input is not validated (see above). */
export function profileData(input: ProfileInput): Profile {
  const ladder = <T extends { assistingRoles?: string[] | undefined }>(steps: T[]) => steps.map((s) => ({ ...s, assistingRoles: s.assistingRoles ?? [] }));
  return {
    ...input,
    timezone: input.timezone ?? 'Asia/Jakarta',
    documentKinds: input.documentKinds ?? [],
    gaps: input.gaps ?? [],
    catalogue: input.catalogue.map((item) => ({ ...item, requiredDocuments: item.requiredDocuments ?? [], availability: item.availability ?? '24/7' })),
    incident: input.incident ? { ...input.incident, escalation: ladder(input.incident.escalation) } : input.incident,
    maintenanceSupport: input.maintenanceSupport
      ? { ...input.maintenanceSupport, escalation: ladder(input.maintenanceSupport.escalation) }
      : input.maintenanceSupport,
  } as Profile;
}
