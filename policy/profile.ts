// The schema of a regulation profile: the numbers and role names of one regulation, as data.
// Profiles are validated when loaded; a profile that breaks the schema stops the start.
import { z } from 'zod';

/** Where a value comes from: a seed file and section, or a documented Sigap default. */
export const sourceSchema = z.union([
  z.object({ seed: z.string().regex(/^\d{3}_[0-9a-f]{16}\.txt$/), section: z.string().min(1) }),
  z.object({ sigapDefault: z.string().min(1) }),
]);
export type Source = z.infer<typeof sourceSchema>;

const text = z.object({ id: z.string().min(1), en: z.string().min(1) });
export type LocalText = z.infer<typeof text>;

export const roleSchema = z.object({
  id: z.string().regex(/^[a-z_]+$/),
  title: text,
  /** Official level (eselon) where the regulation names one. */
  eselon: z.enum(['I', 'II', 'III', 'IV']).optional(),
  source: sourceSchema,
});
export type Role = z.infer<typeof roleSchema>;

export const durationSchema = z.object({
  /** Integer milliseconds, so no rounding can fake a breach. */
  ms: z.number().int().positive(),
  /** Calendar time, or working time on the tenant's business calendar. */
  basis: z.enum(['calendar', 'working']),
  source: sourceSchema,
});
export type Duration = z.infer<typeof durationSchema>;

export const catalogueItemSchema = z.object({
  code: z.string().regex(/^[A-Z0-9-]+$/),
  name: text,
  group: z.string().min(1),
  description: text,
  fulfilmentTarget: durationSchema,
  requiresApproval: z.boolean(),
  /** Role that approves a request for this item, when approval is required. */
  approverRole: z.string().optional(),
  /** Documents a request must carry (dpr Pasal 6 ayat 2: nota dinas and kerangka acuan). */
  requiredDocuments: z.array(z.string().regex(/^[a-z_]+$/)).default([]),
  availability: z.string().default('24/7'),
  helpHours: z.string().optional(),
});
export type CatalogueItem = z.infer<typeof catalogueItemSchema>;

export const documentKindSchema = z.object({ id: z.string().regex(/^[a-z_]+$/), title: text, source: sourceSchema });

export const profileSchema = z.object({
  id: z.string().regex(/^[a-z]+$/),
  name: text,
  regulation: z.object({ seed: z.string(), title: z.string(), year: z.number().int().optional() }),
  timezone: z.string().default('Asia/Jakarta'),
  roles: z.array(roleSchema).min(1),
  documentKinds: z.array(documentKindSchema).default([]),
  requestFulfilment: z.object({
    /** Role of the first line that records and classifies (service desk). */
    serviceDeskRole: z.string(),
    /** Role that fulfils (executor); the service desk assigns one. */
    executorRoles: z.array(z.string()).min(1),
    /** Role told when a request breaches its target. */
    escalationRole: z.string(),
    /** Default approver when a catalogue item requires approval and names none. */
    defaultApproverRole: z.string(),
    /** Reminder to the assignee when this share of the target has elapsed (per mille). */
    reminderAtPermille: z.number().int().min(1).max(999),
    reminderSource: sourceSchema,
    satisfactionScale: z.object({ min: z.literal(1), max: z.literal(5), source: sourceSchema }),
  }),
  catalogue: z.array(catalogueItemSchema),
});
export type Profile = z.infer<typeof profileSchema>;
export type ProfileInput = z.input<typeof profileSchema>;

/** Validates a profile and its internal references; the error names the profile and field. */
export function defineProfile(input: ProfileInput): Profile {
  const parsed = profileSchema.safeParse(input);
  const name = typeof input?.id === 'string' ? input.id : '(unnamed)';
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`Profile ${name}: field ${issue.path.join('.')}: ${issue.message}`);
  }
  const profile = parsed.data;
  const roleIds = new Set(profile.roles.map((r) => r.id));
  const docIds = new Set(profile.documentKinds.map((d) => d.id));
  const rf = profile.requestFulfilment;
  const refs: Array<[string, string]> = [
    ['requestFulfilment.serviceDeskRole', rf.serviceDeskRole],
    ['requestFulfilment.escalationRole', rf.escalationRole],
    ['requestFulfilment.defaultApproverRole', rf.defaultApproverRole],
    ...rf.executorRoles.map((r, i): [string, string] => [`requestFulfilment.executorRoles.${i}`, r]),
    ...profile.catalogue.flatMap((c, i): Array<[string, string]> =>
      c.approverRole ? [[`catalogue.${i}.approverRole`, c.approverRole]] : []),
  ];
  for (const [field, role] of refs) {
    if (!roleIds.has(role)) throw new Error(`Profile ${name}: field ${field}: unknown role "${role}"`);
  }
  profile.catalogue.forEach((c, i) => c.requiredDocuments.forEach((d, j) => {
    if (!docIds.has(d)) throw new Error(`Profile ${name}: field catalogue.${i}.requiredDocuments.${j}: unknown document kind "${d}"`);
  }));
  const codes = new Set<string>();
  profile.catalogue.forEach((c, i) => {
    if (codes.has(c.code)) throw new Error(`Profile ${name}: field catalogue.${i}.code: duplicate "${c.code}"`);
    codes.add(c.code);
  });
  return profile;
}
