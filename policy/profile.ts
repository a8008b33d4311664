// The schema of a regulation profile: the numbers, role names and rules of one regulation, as data.
// Profiles are validated when loaded; a profile that breaks the schema stops the start.
//
// Conventions
// - Every regulated value carries its source: either a sourced node (an object with a `source`
//   key, e.g. a duration or a role) or a sibling `<name>Source` key (e.g. `triggerSource` next to
//   `trigger`). `listRegulatedNumbers` (profileNumbers.ts) finds both.
// - A source is `{ seed, section }` (section: a locator such as "Tabel 4.2" or "Pasal 16 ayat (3)",
//   usually followed by the seed's own words in «…») or `{ sigapDefault: 'why' }` when the
//   regulation gives no number and Sigap fills in a documented default.
// - A section a regulation does not cover is `null`, and `gaps` says why (with the seed section
//   that shows the scope). Inside a covered section, `null` means "this regulation sets none".
// - Role references are strings in keys named `role`, `roles`, `…Role` or `…Roles`; defineProfile
//   checks that every one names a role of the profile.
import { z } from 'zod';
import { timezoneSchema, workingWeekSchema } from './calendarSchemas.ts';
import { ESELON_LEVELS } from './profileData.ts';
import { mergeOverrides, type ProfileOverrides } from './effectiveProfile.ts';
import { getProfile, profiles } from './profiles/index.ts';

/** Where a value comes from: a seed file and section, or a documented Sigap default. */
export const sourceSchema = z.union([
  z.object({ seed: z.string().regex(/^\d{3}_[0-9a-f]{16}\.txt$/), section: z.string().min(1) }),
  z.object({ sigapDefault: z.string().min(1) }),
]);
export type Source = z.infer<typeof sourceSchema>;

const text = z.object({ id: z.string().min(1), en: z.string().min(1) });
export type LocalText = z.infer<typeof text>;

const roleRef = z.string().regex(/^[a-z_]+$/);
const idRef = z.string().regex(/^[a-z0-9_]+$/);

export { ESELON_LEVELS };
const eselon = z.enum(ESELON_LEVELS);
export type Eselon = z.infer<typeof eselon>;

/** A value with its source, for values that are not durations, roles or frequencies. */
const sourced = <T extends z.ZodType>(value: T) => z.object({ value, source: sourceSchema });
/** A role given a duty by the regulation ("who does it"). */
const roleDuty = z.object({ role: roleRef, source: sourceSchema });

export const roleSchema = z.object({
  id: roleRef,
  title: text,
  /** Official level (eselon) where the regulation names one. */
  eselon: eselon.optional(),
  /** The regulation says "setingkat minimal eselon …": a higher official may act too. */
  eselonIsMinimum: z.boolean().optional(),
  /** Further levels the regulation allows for the same post (yogyakarta Tabel 1: "Eselon II/III"). */
  eselonAlternatives: z.array(eselon).optional(),
  source: sourceSchema,
});
export type Role = z.infer<typeof roleSchema>;

export const durationSchema = z.object({
  /** Integer milliseconds, so no rounding can fake a breach. */
  ms: z.number().int().positive(),
  /** Calendar time, or working time on the tenant's business calendar. */
  basis: z.enum(['calendar', 'working']),
  /** The figure as the regulation states it ("<3 jam", "1 hari kerja", "2x24 jam"). */
  stated: z.string().optional(),
  source: sourceSchema,
});
export type Duration = z.infer<typeof durationSchema>;

/** A span in calendar months (months have no fixed length in milliseconds). */
export const monthsSchema = z.object({ months: z.number().int().positive(), basis: z.literal('calendar'), source: sourceSchema });
export type Months = z.infer<typeof monthsSchema>;

/** "At least `atLeast` times every `perMonths` months": semester = 1/6, yearly = 1/12, twice a year = 2/12. */
export const frequencySchema = z.object({
  atLeast: z.number().int().positive(),
  perMonths: z.number().int().positive(),
  source: sourceSchema,
});
export type Frequency = z.infer<typeof frequencySchema>;

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

// ---- Service classification (serang Tabel 4.1, yogyakarta 2.1.2.1) ----

export const CLASSIFICATIONS = ['kritis', 'esensial', 'normal'] as const;
export type ServiceClassification = (typeof CLASSIFICATIONS)[number];
/** Sifat layanan / layanan terdampak: Layanan Publik or Layanan Administrasi Pemerintahan. */
export const SERVICE_TYPES = ['publik', 'administrasi'] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];
/** Basis aplikasi: Aplikasi Umum or Aplikasi Khusus. */
export const APPLICATION_BASES = ['umum', 'khusus'] as const;
export type ApplicationBasis = (typeof APPLICATION_BASES)[number];
/** Cakupan pengguna layanan. */
export const USER_SCOPES = ['nasional', 'regional', 'instansi'] as const;
export type UserScope = (typeof USER_SCOPES)[number];
export const IMPACTS = ['mayor', 'minor'] as const;
export type Impact = (typeof IMPACTS)[number];

export const classificationLevelSchema = z.object({
  id: z.enum(CLASSIFICATIONS),
  title: text,
  description: text,
  /** Must set RTO and RPO. */
  requiresRtoRpo: sourced(z.boolean()),
  /** Must have an approved disaster recovery plan. */
  requiresDrp: sourced(z.boolean()),
  /** Must set an availability target. */
  requiresAvailabilityTarget: sourced(z.boolean()),
  /** The definition (title and description). */
  source: sourceSchema,
});

/** One row of a classification table: every combination of the listed values gets `classification`. */
export const classificationRuleSchema = z.object({
  natures: z.array(z.enum(SERVICE_TYPES)).min(1),
  bases: z.array(z.enum(APPLICATION_BASES)).min(1),
  scopes: z.array(z.enum(USER_SCOPES)).min(1),
  classification: z.enum(CLASSIFICATIONS),
  source: sourceSchema,
});
export type ClassificationRule = z.infer<typeof classificationRuleSchema>;

export const classificationSchema = z.object({
  levels: z.array(classificationLevelSchema).min(1),
  /** Empty when the regulation defines the levels but no criteria table (assigned per service). */
  rules: z.array(classificationRuleSchema),
});

// ---- Escalation ladders ----

const triggerSchema = z.discriminatedUnion('kind', [
  /** The level owns the case from the start. */
  z.object({ kind: z.literal('start') }),
  /** When handling exceeds the estimate the previous level communicated (serang B.3.2–3.3). */
  z.object({ kind: z.literal('estimate_exceeded') }),
  /** When this share (per mille) of the ladder's resolution target has elapsed; 1000 = at the breach. */
  z.object({ kind: z.literal('share_of_target'), permille: z.number().int().positive() }),
  /** At a fixed offset from the start of the case. */
  z.object({ kind: z.literal('after'), duration: durationSchema }),
]);
export type EscalationTrigger = z.infer<typeof triggerSchema>;

export const ladderStepSchema = z.object({
  level: z.number().int().min(1),
  /** The role that leads at this level. */
  leadRole: roleRef,
  /** Roles that assist ("dibantu oleh"). */
  assistingRoles: z.array(roleRef).default([]),
  /** When the case climbs to this level. */
  trigger: triggerSchema,
  triggerSource: sourceSchema,
  /** Who is at this level. */
  source: sourceSchema,
});
export type LadderStep = z.infer<typeof ladderStepSchema>;

// ---- Incidents (serang Tabel 4.4 = Formulir B, yogyakarta Tabel 2–3) ----

const priorityId = z.string().regex(/^P[1-9]$/);
export const prioritySchema = z.object({
  id: priorityId,
  title: text,
  /** From report to the first response of the service desk. */
  response: durationSchema,
  /** From report until the reporter confirms the fix; null where the regulation sets none. */
  resolution: durationSchema.nullable(),
});
export type IncidentPriority = z.infer<typeof prioritySchema>;

export const matrixCellSchema = z.object({
  impact: z.enum(IMPACTS),
  serviceType: z.enum(SERVICE_TYPES),
  classification: z.enum(CLASSIFICATIONS),
  priority: priorityId,
  source: sourceSchema,
});
export type MatrixCell = z.infer<typeof matrixCellSchema>;

export const incidentSchema = z.object({
  impacts: z.array(z.object({ id: z.enum(IMPACTS), title: text, description: text, source: sourceSchema })),
  priorities: z.array(prioritySchema),
  /** Impact × service type × classification → priority; null where the regulation has no matrix. */
  priorityMatrix: z.array(matrixCellSchema).nullable(),
  /** What starts and stops each clock. */
  clocks: z.array(z.object({ id: z.enum(['response', 'resolution']), starts: text, stops: text, source: sourceSchema })),
  /** Who handles an incident, level by level. */
  escalation: z.array(ladderStepSchema),
  /** Where unresolvable incidents go (problem management). */
  problemEscalation: roleDuty.nullable(),
  /** Who joins the handling of information-security incidents (dpr Pasal 21: CSIRT). */
  securityIncidents: roleDuty.nullable(),
});

// ---- Maintenance-period complaints (yogyakarta Tabel 10–13) ----

export const maintenanceSupportSchema = z.object({
  appliesTo: sourced(text),
  urgencyLevels: z.array(z.object({ level: z.number().int().min(1), title: text, description: text, source: sourceSchema })).min(1),
  /** Who handles a complaint first. */
  handler: roleDuty,
  response: z.object({
    /** Reported in working hours: respond within this much (working) time. */
    inWorkingHours: durationSchema,
    /** Reported outside working hours: respond by the end of the next working day. */
    outsideWorkingHours: z.object({ rule: z.literal('next_working_day'), source: sourceSchema }),
    /** With on-site assistance at the agency, for these urgency levels. */
    onSite: z.object({ urgencyLevels: z.array(z.number().int().min(1)).min(1), target: durationSchema }).nullable(),
  }),
  resolution: z.array(z.object({ urgency: z.number().int().min(1), target: durationSchema })),
  escalation: z.array(ladderStepSchema),
});

// ---- Maintenance SOP with step durations (setwapres Bagian Kedua B) ----

export const sopStepSchema = z.object({
  id: idRef,
  title: text,
  actorRole: roleRef,
  /** How long the step may take; null where the SOP gives no time. */
  duration: durationSchema.nullable(),
  /** Where the case goes next; `when` names the condition of a branch. */
  next: z.array(z.object({ to: idRef, when: text.optional() })),
  source: sourceSchema,
});
export type SopStep = z.infer<typeof sopStepSchema>;

export const maintenanceSopSchema = z.object({
  firstStep: idRef,
  steps: z.array(sopStepSchema).min(1),
  /** Routine checks of the systems and databases. */
  routineCheck: z.object({ every: z.literal('working_day'), actorRole: roleRef, source: sourceSchema }),
  /** Service guarantee: a complaint is followed up within this time. */
  complaintFollowUp: durationSchema,
  /** Where complaints about the service go, and to whom that may be delegated. */
  complaints: z.object({ role: roleRef, delegateRole: roleRef, source: sourceSchema }),
});

// ---- Change management (serang D.3.5, kemenkeu E.1, dpr Pasal 17–18, yogyakarta 2.1.2.5) ----

export const CHANGE_CATEGORIES = ['standard', 'normal', 'emergency'] as const;
export type ChangeCategory = (typeof CHANGE_CATEGORIES)[number];

export const changeCategorySchema = z.object({
  id: z.enum(CHANGE_CATEGORIES),
  title: text,
  criteria: text,
  /** none: no approval; before: approval before execution; after: execute now, approval afterwards. */
  approval: z.enum(['none', 'before', 'after']),
  approverRole: roleRef.optional(),
  /** Who may execute it. */
  executorRole: roleRef.optional(),
  source: sourceSchema,
  /** For approval "after": by when the retrospective approval must be asked for and given. */
  retrospectiveApprovalWithin: durationSchema.optional(),
  /** For approval "before": by when the approver decides (reminders at the SLA warning shares, escalation at the deadline). */
  decisionWithin: durationSchema.optional(),
});
export type ChangeCategoryRule = z.infer<typeof changeCategorySchema>;

export const changeSchema = z.object({
  categories: z.array(changeCategorySchema).min(1),
  /** Kinds of service change (addition, removal, transfer …). */
  kinds: z.array(z.object({ id: idRef, title: text, source: sourceSchema })),
  /** The process steps the regulation lists. */
  steps: z.array(z.object({ id: idRef, title: text, source: sourceSchema })),
  /** A change forum (CAB-like) convened by a role, with the practices that take part. */
  forum: z.object({
    convenerRole: roleRef,
    members: z.array(text).min(1),
    /** The roles of the practices that take part and vote (besides the convener). */
    memberRoles: z.array(roleRef).min(1),
    /** Distinct people who must approve (the convener among them) before a normal change is approved. */
    quorum: sourced(z.number().int().min(1)),
    source: sourceSchema,
  }).nullable(),
  /** Changes with a potentially large impact take an extra route (kemenkeu: service design and transition). */
  highImpactRoute: sourced(text).nullable(),
  /** dpr: within this period after handover, work on a delivered service is maintenance, not a change. */
  maintenancePeriodAfterHandover: monthsSchema.nullable(),
  /** The requester may submit a change request (dpr Pasal 18 ayat (1) huruf a); elsewhere staff do. */
  requesterInitiates: sourced(z.boolean()).optional(),
});

// ---- Release (serang D.3, dpr Pasal 12–16, kemenkeu E.3, yogyakarta Tabel 9) ----

export const releaseSchema = z.object({
  triggers: z.array(z.object({ title: text, source: sourceSchema })),
  planAuthor: roleDuty,
  planApprover: roleDuty,
  /** The downtime window must be agreed with this role and announced. */
  downtimeAgreedWith: roleDuty.nullable(),
  /** When the result misses the evaluation criteria, the rollback (contingency plan) must run. */
  rollbackOnFailedCriteria: sourced(z.boolean()),
  postImplementationReview: sourced(z.boolean()),
  fitnessTests: z.object({
    tests: z.array(z.object({ id: idRef, title: text, source: sourceSchema })).min(1),
    outsideWorkingHours: sourced(z.boolean()),
    performedByRole: roleRef,
    resultsToRole: roleRef,
    approverRole: roleRef,
    source: sourceSchema,
  }).nullable(),
  handover: z.object({ document: text, signatoryRoles: z.array(roleRef).min(1), source: sourceSchema }).nullable(),
  maintenancePeriod: z.object({ period: monthsSchema, covers: z.array(text).min(1), performedByRole: roleRef, source: sourceSchema }).nullable(),
  deploymentMethods: z.array(z.object({ id: idRef, title: text, source: sourceSchema })),
});

// ---- Disaster recovery (serang C.3 Tabel 4.3–4.4, yogyakarta Tabel 8, kemenkeu G.2) ----

export const disasterSchema = z.object({
  scenarios: z.array(z.object({
    id: idRef,
    title: text,
    criteria: text,
    /** The outage (expected) longer than this makes it a disaster. */
    minOutage: durationSchema.nullable(),
    response: z.enum(['recovery', 'incident']),
    source: sourceSchema,
  })),
  /** Assessment, analysis, declaration … in order, with who does each step. */
  steps: z.array(z.object({
    step: z.number().int().min(1),
    kind: z.enum(['preparation', 'assessment', 'analysis', 'declaration', 'activation', 'normalisation', 'evaluation', 'establishment']),
    activity: text,
    roles: z.array(roleRef).min(1),
    minEselon: eselon.nullable(),
    source: sourceSchema,
  })),
  drpApproval: z.object({ role: roleRef, minEselon: eselon.nullable(), source: sourceSchema }),
  /** Runs the DRP from declaration through activation to normalisation. */
  drpRunBy: roleDuty,
  drpTest: frequencySchema,
  /** Whether RTO and RPO count from the declaration or from the disaster itself. */
  rtoRpoFrom: sourced(z.enum(['declaration', 'disaster'])),
  /** Disasters with minor impact are handled as incidents. */
  minorDisastersAsIncidents: sourced(z.boolean()).nullable(),
  /** kemenkeu G.2: who establishes the continuity organisation. */
  continuityOrganisation: z.array(z.object({ scope: text, role: roleRef, source: sourceSchema })),
  /** The recovery coordinator is reminded to inform the parties concerned this long after the last update, for as long as the disaster lasts. */
  progressUpdateEvery: durationSchema,
  /** The DRP approver decides a submitted DRP version within this time (reminders, then escalation). */
  drpApprovalWithin: durationSchema,
});

// ---- Monthly availability report (Formulir F; serang BAB IV C.2.3–2.4) ----

export const availabilityReportSchema = z.object({
  frequency: frequencySchema,
  /** Prepares the report (serang C.2.4: Pengelola Teknis). */
  preparedBy: roleDuty,
  /** Acknowledges it («diketahui oleh Penyedia Layanan»). */
  acknowledgedBy: roleDuty,
  /** The report is prepared and acknowledged within this time after the month ends (reminders, then escalation). */
  acknowledgeWithin: durationSchema,
});

// ---- Evaluation and problem review ----

/**
 * What Sigap measures from its own records for a chapter of the evaluation (policy/evaluationFigures.ts):
 * requests (A), incidents (B), availability (C), recovery (D), releases (E), and for other chapter
 * lists (kemenkeu's management review) changes, problems, maintenance (SOP cases), satisfaction
 * trends and the follow-up of the previous evaluation.
 */
export const EVALUATION_MEASURES = ['requests', 'incidents', 'availability', 'recovery', 'releases', 'changes', 'problems', 'maintenance', 'satisfaction', 'follow_ups'] as const;
export type EvaluationMeasure = (typeof EVALUATION_MEASURES)[number];

export const evaluationSchema = z.object({
  cadence: frequencySchema,
  chapters: z.array(z.object({
    id: z.string().min(1), title: text, source: sourceSchema,
    /** The figures Sigap computes for the chapter's recap (may be empty: analysis only). */
    measures: z.array(z.enum(EVALUATION_MEASURES)),
    /** Who writes the chapter's analysis of obstacles and follow-up actions. */
    analysedBy: roleDuty,
  })),
  /** The chapter analyses are due this long after the evaluation opens (reminders, then escalation to approvedBy). */
  analysisWithin: durationSchema,
  /** Approves (and so publishes) the evaluation report. */
  approvedBy: roleDuty,
  /** What each chapter contains (recap, analysis, follow-up …). */
  chapterContents: z.array(z.object({ title: text, source: sourceSchema })),
  /** Further periodic reviews (management review, internal audit, availability report …). */
  reviews: z.array(z.object({ id: idRef, title: text, frequency: frequencySchema, role: roleRef.nullable() })),
  maturityLevels: z.array(z.object({ level: z.number().int().min(1), criteria: text, source: sourceSchema })),
  /** dpr Pasal 22–24: methods and the continuous-improvement register. */
  improvement: z.object({
    methods: z.array(z.object({ id: idRef, title: text, source: sourceSchema })),
    register: sourced(text),
    recommendationKinds: z.array(z.object({ id: idRef, title: text, source: sourceSchema })),
  }).nullable(),
});

export const problemReviewSchema = z.object({
  frequency: frequencySchema,
  /** An incident pattern recurring at least this often in a review period is a problem candidate. */
  recurrenceThreshold: sourced(z.number().int().min(2)),
  performedBy: roleDuty,
  reportTo: roleDuty.nullable(),
  activities: z.array(z.object({ title: text, source: sourceSchema })),
});

// ---- Segregation of duties (kemenkeu Lampiran II J) ----

export const segregationSchema = z.object({
  appliesWhen: sourced(text),
  rules: z.array(z.object({
    id: idRef,
    title: text,
    /** Duties one person must not combine (pairwise distinct people). */
    duties: z.array(idRef).min(2),
    source: sourceSchema,
  })).min(1),
  relaxation: z.object({
    /** Every listed measure is required where duties cannot be separated. */
    measures: z.array(z.object({ id: idRef, title: text })).min(1),
    supervisorRole: roleRef,
    source: sourceSchema,
  }),
});

// ---- The profile ----

export const profileSchema = z.object({
  id: z.string().regex(/^[a-z]+$/),
  name: text,
  regulation: z.object({ seed: z.string(), title: z.string(), year: z.number().int().optional() }),
  /** The profile's time zone; must equal calendar.timezone.value (kept here for existing callers). */
  timezone: timezoneSchema.default('Asia/Jakarta'),
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
    satisfactionScale: z.object({ min: z.literal(1), max: z.literal(5), source: sourceSchema }),
  }),
  catalogue: z.array(catalogueItemSchema),
  /** The working calendar: time zone and working week (holidays come from the tenant's table). */
  calendar: z.object({ timezone: sourced(timezoneSchema), week: sourced(workingWeekSchema) }),
  /** SLA warnings: shares (per mille) of a target at which Sigap warns. */
  sla: z.object({ warningPermille: sourced(z.array(z.number().int().min(1).max(999)).min(1)) }),
  classification: classificationSchema.nullable(),
  incident: incidentSchema.nullable(),
  maintenanceSupport: maintenanceSupportSchema.nullable(),
  maintenanceSop: maintenanceSopSchema.nullable(),
  change: changeSchema.nullable(),
  release: releaseSchema.nullable(),
  disaster: disasterSchema.nullable(),
  availabilityReport: availabilityReportSchema.nullable(),
  evaluation: evaluationSchema,
  problemReview: problemReviewSchema.nullable(),
  segregationOfDuties: segregationSchema.nullable(),
  /** What the regulation does not cover or set, by profile path. Every null section needs one. */
  gaps: z.array(z.object({ path: z.string().min(1), reason: text, source: sourceSchema })).default([]),
});
export type Profile = z.infer<typeof profileSchema>;
export type ProfileInput = z.input<typeof profileSchema>;

/** Top-level sections a profile may leave null (with a gap saying why). */
export const OPTIONAL_SECTIONS = [
  'classification', 'incident', 'maintenanceSupport', 'maintenanceSop', 'change', 'release', 'disaster', 'availabilityReport',
  'problemReview', 'segregationOfDuties',
] as const;

class ProfileError extends Error {}

/** Validates a profile and its internal references; the error names the profile and field. */
export function defineProfile(input: ProfileInput): Profile {
  const parsed = profileSchema.safeParse(input);
  const name = typeof input?.id === 'string' ? input.id : '(unnamed)';
  const fail = (field: string, message: string): never => {
    throw new ProfileError(`Profile ${name} (policy/profiles/${name}.ts): field ${field}: ${message}`);
  };
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    fail(issue.path.map(String).join('.'), describeIssue(issue));
  }
  const profile = parsed.data!;
  checkReferences(profile, fail);
  checkSections(profile, fail);
  return profile;
}

/**
 * Validates every shipped profile (policy/profiles/*.ts), as the engine reads it: the schema and the
 * references must hold, and validating must add nothing (no default missing from profileData), so
 * what was checked is exactly what workflows run. The worker and the API call this when they start.
 */
export function validateShippedProfiles(): void {
  for (const shipped of Object.values(profiles)) validateProfileData(shipped);
}

/** defineProfile for a profile already in the engine's form; also refuses one the schema would change. */
export function validateProfileData(profile: Profile): Profile {
  const parsed = defineProfile(profile);
  if (!sameData(parsed, profile)) {
    throw new ProfileError(`Profile ${profile.id}: the schema changes it when validating (a default missing from policy/profileData.ts, or an unknown key)`);
  }
  return profile;
}

/** Structural equality of JSON-like data (key order ignored; undefined keys count as present). */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** A tenant's overrides applied and validated (the API checks them so before saving). */
export function validateOverrides(profileId: string, overrides: ProfileOverrides): Profile {
  if ('id' in overrides && overrides.id !== profileId) throw new ProfileError(`Profile ${profileId} (tenant override): field id: an override cannot change the profile id`);
  return defineProfile(mergeOverrides(getProfile(profileId), overrides) as ProfileInput);
}

type Fail = (field: string, message: string) => never;

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code !== 'invalid_union') return issue.message;
  const branches = issue.errors.map((errs) => errs.map((e) => `${e.path.map(String).join('.') || '(value)'}: ${e.message}`).join(', '));
  return `${issue.message} (no alternative matched: ${branches.join(' | ')})`;
}

function isRoleKey(key: string): boolean {
  return key === 'role' || key === 'roles' || key.endsWith('Role') || key.endsWith('Roles');
}

/** Every role reference names a role; documents name document kinds; codes and ids are unique. */
function checkReferences(profile: Profile, fail: Fail): void {
  const roleIds = new Set<string>();
  profile.roles.forEach((r, i) => {
    if (roleIds.has(r.id)) fail(`roles.${i}.id`, `duplicate "${r.id}"`);
    roleIds.add(r.id);
  });
  const docIds = new Set(profile.documentKinds.map((d) => d.id));
  const rf = profile.requestFulfilment;
  // The request-fulfilment references first, in the order callers know.
  const refs: Array<[string, string]> = [
    ['requestFulfilment.serviceDeskRole', rf.serviceDeskRole],
    ['requestFulfilment.escalationRole', rf.escalationRole],
    ['requestFulfilment.defaultApproverRole', rf.defaultApproverRole],
    ...rf.executorRoles.map((r, i): [string, string] => [`requestFulfilment.executorRoles.${i}`, r]),
  ];
  for (const [field, role] of refs) if (!roleIds.has(role)) fail(field, `unknown role "${role}"`);
  const walk = (node: unknown, path: string[]): void => {
    if (Array.isArray(node)) return node.forEach((v, i) => walk(v, [...path, String(i)]));
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      const here = [...path, key];
      if (path.length === 0 && (key === 'roles' || key === 'requestFulfilment')) continue;
      if (isRoleKey(key) && typeof value === 'string' && !roleIds.has(value)) fail(here.join('.'), `unknown role "${value}"`);
      if (isRoleKey(key) && Array.isArray(value)) {
        value.forEach((v, i) => {
          if (typeof v === 'string' && !roleIds.has(v)) fail([...here, String(i)].join('.'), `unknown role "${v}"`);
        });
      }
      walk(value, here);
    }
  };
  walk(profile, []);
  profile.catalogue.forEach((c, i) => c.requiredDocuments.forEach((d, j) => {
    if (!docIds.has(d)) fail(`catalogue.${i}.requiredDocuments.${j}`, `unknown document kind "${d}"`);
  }));
  const codes = new Set<string>();
  profile.catalogue.forEach((c, i) => {
    if (codes.has(c.code)) fail(`catalogue.${i}.code`, `duplicate "${c.code}"`);
    codes.add(c.code);
  });
}

function unique<T>(items: readonly T[], key: (t: T) => string, path: string, fail: Fail): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const k = key(item);
    if (seen.has(k)) fail(`${path}.${i}`, `duplicate "${k}"`);
    seen.add(k);
  });
}

function checkLadder(steps: readonly LadderStep[], path: string, fail: Fail): void {
  steps.forEach((s, i) => {
    if (s.level !== i + 1) fail(`${path}.${i}.level`, `levels must run 1, 2, 3 … in order; expected ${i + 1}, got ${s.level}`);
  });
  if (steps[0] && steps[0].trigger.kind !== 'start') fail(`${path}.0.trigger`, 'the first level must own the case from the start');
}

/** Rules the schema alone cannot state: completeness, cross-references within sections. */
function checkSections(profile: Profile, fail: Fail): void {
  if (profile.calendar.timezone.value !== profile.timezone) {
    fail('calendar.timezone.value', `"${profile.calendar.timezone.value}" differs from the profile time zone "${profile.timezone}" (change both)`);
  }
  for (const section of OPTIONAL_SECTIONS) {
    if (profile[section] === null && !profile.gaps.some((g) => g.path === section)) {
      fail(section, 'is null; add a gap entry with this path saying why the regulation does not cover it');
    }
  }

  const c = profile.classification;
  if (c) {
    unique(c.levels, (l) => l.id, 'classification.levels', fail);
    const levels = new Set(c.levels.map((l) => l.id));
    const seen = new Map<string, number>();
    c.rules.forEach((rule, i) => {
      if (!levels.has(rule.classification)) fail(`classification.rules.${i}.classification`, `no level "${rule.classification}"`);
      for (const n of rule.natures) for (const b of rule.bases) for (const s of rule.scopes) {
        const key = `${n}/${b}/${s}`;
        const earlier = seen.get(key);
        if (earlier !== undefined) fail(`classification.rules.${i}`, `${key} is already classified by rule ${earlier}`);
        seen.set(key, i);
      }
    });
  }

  const inc = profile.incident;
  if (inc) {
    unique(inc.priorities, (p) => p.id, 'incident.priorities', fail);
    unique(inc.impacts, (x) => x.id, 'incident.impacts', fail);
    unique(inc.clocks, (x) => x.id, 'incident.clocks', fail);
    checkLadder(inc.escalation, 'incident.escalation', fail);
    const priorities = new Set(inc.priorities.map((p) => p.id));
    if (inc.priorityMatrix) {
      const cells = new Set<string>();
      inc.priorityMatrix.forEach((cell, i) => {
        if (!priorities.has(cell.priority)) fail(`incident.priorityMatrix.${i}.priority`, `no priority "${cell.priority}" in incident.priorities`);
        const key = `${cell.impact}/${cell.serviceType}/${cell.classification}`;
        if (cells.has(key)) fail(`incident.priorityMatrix.${i}`, `duplicate cell ${key}`);
        cells.add(key);
      });
      for (const impact of IMPACTS) for (const type of SERVICE_TYPES) for (const cls of CLASSIFICATIONS) {
        if (!cells.has(`${impact}/${type}/${cls}`)) fail('incident.priorityMatrix', `missing cell ${impact}/${type}/${cls}`);
      }
    }
  }

  const ms = profile.maintenanceSupport;
  if (ms) {
    unique(ms.urgencyLevels, (u) => String(u.level), 'maintenanceSupport.urgencyLevels', fail);
    const levels = new Set(ms.urgencyLevels.map((u) => u.level));
    ms.resolution.forEach((r, i) => {
      if (!levels.has(r.urgency)) fail(`maintenanceSupport.resolution.${i}.urgency`, `no urgency level ${r.urgency}`);
    });
    for (const level of levels) {
      if (!ms.resolution.some((r) => r.urgency === level)) fail('maintenanceSupport.resolution', `no resolution target for urgency ${level}`);
    }
    checkLadder(ms.escalation, 'maintenanceSupport.escalation', fail);
  }

  const sop = profile.maintenanceSop;
  if (sop) {
    unique(sop.steps, (s) => s.id, 'maintenanceSop.steps', fail);
    const ids = new Set(sop.steps.map((s) => s.id));
    if (!ids.has(sop.firstStep)) fail('maintenanceSop.firstStep', `no step "${sop.firstStep}"`);
    sop.steps.forEach((s, i) => s.next.forEach((n, j) => {
      if (!ids.has(n.to)) fail(`maintenanceSop.steps.${i}.next.${j}.to`, `no step "${n.to}"`);
    }));
  }

  const ch = profile.change;
  if (ch) {
    unique(ch.categories, (x) => x.id, 'change.categories', fail);
    ch.categories.forEach((cat, i) => {
      const at = `change.categories.${i}`;
      if (cat.approval === 'none' && cat.approverRole) fail(`${at}.approverRole`, 'a category without approval names no approver');
      if (cat.approval !== 'none' && !cat.approverRole) fail(`${at}.approverRole`, `approval "${cat.approval}" needs an approver role`);
      if (cat.approval === 'after' && !cat.retrospectiveApprovalWithin) fail(`${at}.retrospectiveApprovalWithin`, 'approval afterwards needs a deadline (sigapDefault where the seed sets none)');
      if (cat.approval !== 'after' && cat.retrospectiveApprovalWithin) fail(`${at}.retrospectiveApprovalWithin`, 'only categories approved afterwards have a retrospective deadline');
      if (cat.approval === 'before' && !cat.decisionWithin) fail(`${at}.decisionWithin`, 'approval before execution needs a decision deadline (sigapDefault where the seed sets none)');
      if (cat.approval !== 'before' && cat.decisionWithin) fail(`${at}.decisionWithin`, 'only categories approved before execution have a decision deadline');
    });
    if (ch.forum && ch.forum.memberRoles.includes(ch.forum.convenerRole)) fail('change.forum.memberRoles', 'the convener role is not listed among the members');
  }

  const d = profile.disaster;
  if (d) {
    unique(d.scenarios, (s) => s.id, 'disaster.scenarios', fail);
    d.steps.forEach((s, i) => {
      if (s.step !== i + 1) fail(`disaster.steps.${i}.step`, `steps must run 1, 2, 3 … in order; expected ${i + 1}, got ${s.step}`);
    });
  }

  unique(profile.evaluation.chapters, (x) => x.id, 'evaluation.chapters', fail);
  profile.evaluation.chapters.forEach((c, i) => {
    if (!profile.roles.some((r) => r.id === c.analysedBy.role)) fail(`evaluation.chapters.${i}.analysedBy.role`, `no role "${c.analysedBy.role}"`);
  });
  if (!profile.roles.some((r) => r.id === profile.evaluation.approvedBy.role)) fail('evaluation.approvedBy.role', `no role "${profile.evaluation.approvedBy.role}"`);
  unique(profile.evaluation.reviews, (x) => x.id, 'evaluation.reviews', fail);
  if (profile.segregationOfDuties) unique(profile.segregationOfDuties.rules, (x) => x.id, 'segregationOfDuties.rules', fail);
}
