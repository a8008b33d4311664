// Registering a service: its classification comes from the profile's rules (serang Tabel 4.1) when
// the traits decide it; a profile without rules (yogyakarta: classified by hand) needs it stated.
import { classifyService } from '../../policy/classification.ts';
import type { ApplicationBasis, Profile, ServiceClassification, ServiceType, UserScope } from '../../policy/profile.ts';
import { problem } from '../http/problem.ts';

export interface ServiceTraitsInput { nature: ServiceType; basis: ApplicationBasis | null; scope: UserScope | null; classification: ServiceClassification | null }

export function classificationFor(profile: Profile, t: ServiceTraitsInput): { classification: ServiceClassification; source: string } {
  const byRule = t.basis && t.scope ? classifyService(profile, { nature: t.nature, basis: t.basis, scope: t.scope }) : null;
  if (byRule) {
    if (t.classification && t.classification !== byRule.classification) {
      throw problem(422, 'classification_conflict', { given: t.classification, rule: byRule.classification });
    }
    return { classification: byRule.classification, source: `rule ${byRule.rule}${byRule.isDefault ? ' (Sigap default)' : ''}` };
  }
  if (!t.classification) throw problem(422, 'classification_required');
  return { classification: t.classification, source: 'stated by the administrator' };
}
