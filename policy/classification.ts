// Service classification (Klasifikasi Sistem / Klasifikasi Layanan): Kritis, Esensial or Normal from
// the nature of the service, its application basis and its user scope (serang Tabel 4.1). Pure.
import type { ApplicationBasis, ClassificationRule, Profile, ServiceClassification, ServiceType, Source, UserScope } from './profile.ts';

export interface ServiceTraits {
  /** Sifat layanan: Layanan Publik or Layanan Administrasi Pemerintahan. */
  nature: ServiceType;
  /** Basis aplikasi: Aplikasi Umum or Aplikasi Khusus. */
  basis: ApplicationBasis;
  /** Cakupan pengguna layanan. */
  scope: UserScope;
}

export interface ClassificationResult {
  classification: ServiceClassification;
  /** Index of the matching rule in profile.classification.rules. */
  rule: number;
  /** The rule's source: a seed table row, or a sigapDefault where the table has no row. */
  source: Source;
  /** True when the rule is a Sigap default rather than the regulation's own row. */
  isDefault: boolean;
}

function matches(rule: ClassificationRule, t: ServiceTraits): boolean {
  return rule.natures.includes(t.nature) && rule.bases.includes(t.basis) && rule.scopes.includes(t.scope);
}

/**
 * The classification the profile's rules give these traits, or null when the profile has no rules
 * for them (yogyakarta defines the levels but no criteria table: each service is classified by hand;
 * dpr, kemenkeu and setwapres have no classification at all).
 */
export function classifyService(profile: Profile, traits: ServiceTraits): ClassificationResult | null {
  const rules = profile.classification?.rules ?? [];
  const index = rules.findIndex((r) => matches(r, traits));
  if (index < 0) return null;
  const rule = rules[index]!;
  return { classification: rule.classification, rule: index, source: rule.source, isDefault: 'sigapDefault' in rule.source };
}
