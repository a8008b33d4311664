// SPBE service-management maturity, PermenPANRB 59/2020 indicator 28 (yogyakarta BAB III and
// Tabel 14): level 1 done without a plan; 2 planned, not yet all processes; 3 all processes;
// 4 run with a service management application and reviewed/evaluated; 5 review results followed
// up by improvements. Sigap assesses the level from evidence in its own records (db/maturityEvidence.ts
// gathers it); this module only decides, so the rule is a pure, testable function.
import type { Profile } from './profile.ts';

export interface ProcessEvidence {
  /** request, incident, problem, change, release, disaster, availability, maintenance, evaluation … */
  process: string;
  /** The profile regulates the process (a process it does not regulate is not required). */
  regulated: boolean;
  /** Cases of the process in the assessment window. */
  cases: number;
  lastCaseAt: string | null;
}

export interface MaturityEvidence {
  /** The assessment instant and the window looked at (12 months back). */
  at: string;
  windowFrom: string;
  processes: ProcessEvidence[];
  planning: {
    catalogueItems: number;
    catalogueItemsWithTarget: number;
    services: number;
    servicesWithContinuityPlan: number;
    /** The profile sets priorities with response/resolution targets. */
    priorityTargets: boolean;
  };
  evaluations: { published: number; lastPublishedAt: string | null; lastNumber: string | null };
  followUps: { total: number; done: number; open: number; overdue: number };
}

export interface MaturityCriterion {
  level: number;
  criteria: { id: string; en: string };
  met: boolean;
  /** What in the records shows it, in both languages. */
  evidence: Array<{ id: string; en: string }>;
}

export interface MaturityAssessment {
  /** The highest level whose criteria, and those of every lower level, are met; 0 when none. */
  level: number;
  levels: MaturityCriterion[];
  evidence: MaturityEvidence;
  source: string;
}

/** Decides the maturity level from the evidence (implemented with the evaluation figures). */
export function assessMaturity(_profile: Profile, _evidence: MaturityEvidence): MaturityAssessment {
  throw new Error('assessMaturity: not implemented yet');
}
