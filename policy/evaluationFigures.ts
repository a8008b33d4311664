// The figures of an evaluation period, computed from Sigap's own records (the read model) by SQL
// aggregates (db/evaluationFigures.ts) and carried by the evaluation workflow and Formulir I.
// serang BAB IV E.2.3 a «Rekapitulasi hasil penyelenggaraan kegiatan berupa ringkasan jumlah layanan
// yang mencapai target»; Formulir I tables A–D (Lampiran) and chapter E (E.2.2 e).
//
// Counting rules (the same for every chapter, so chapters compare):
// - A case belongs to the period when it was completed in it (closed_at in [from, to)); its target
//   was met or not (sla_met). Cases still open at the period end are counted apart (`openAtEnd`),
//   with how many of those had already breached.
// - Satisfaction is the mean of the ratings given on cases completed in the period (scale of the
//   profile, serang B.2.6: 1 Tidak Puas … 5 Memuaskan), with the number of ratings.
// - A service (catalogue item, or service for incidents) "meets the target" when no case of it
//   completed in the period missed its target (Sigap reading of «layanan yang mencapai target»).
// All instants are ISO strings; the period is half-open [from, to) in the tenant's time zone.

export interface EvaluationPeriod {
  /** Inclusive local start date and exclusive end, as instants (ISO). */
  from: string;
  to: string;
  /** Local dates as given (YYYY-MM-DD), `toDate` inclusive: 2026-01-01 … 2026-06-30. */
  fromDate: string;
  toDate: string;
  /** "2026-S1", "2026-S2", "2026" (a yearly cadence) or null for a custom period. */
  label: string | null;
  title: { id: string; en: string };
}

export interface Attainment {
  completed: number;
  met: number;
  notMet: number;
  /** met / completed in basis points (0–10000); null when nothing was completed. */
  attainmentBp: number | null;
}

export interface Satisfaction { ratings: number; meanMilli: number | null }

/** Per month of the period, oldest first (charts of the trend). */
export interface MonthPoint extends Attainment { month: string; received: number; satisfaction: Satisfaction }

export interface GroupAttainment extends Attainment {
  /** Service code, catalogue item code, priority id … */
  key: string;
  name: string | null;
  satisfaction: Satisfaction;
  /** No completed case of the group missed its target (and at least one was completed). */
  meetsTarget: boolean | null;
}

export interface CaseChapterFigures extends Attainment {
  /** Cases received (created) in the period. */
  received: number;
  openAtEnd: number;
  breachedOpenAtEnd: number;
  satisfaction: Satisfaction;
  byService: GroupAttainment[];
  /** Incidents: per priority (P1…); requests: empty. */
  byPriority: GroupAttainment[];
  months: MonthPoint[];
  /** Services with at least one completed case that met every target / missed at least one. */
  servicesMeetingTarget: number;
  servicesMissingTarget: number;
}

export interface AvailabilityFigure {
  code: string;
  name: string;
  /** Percent (e.g. 99.5) or null without an agreed target. */
  targetPercent: number | null;
  committedMs: number;
  downtimeMs: number;
  /** Realised availability in basis points; null when no operating time was committed. */
  basisPoints: number | null;
  met: boolean | null;
}

export interface AvailabilityChapterFigures { services: AvailabilityFigure[]; met: number; notMet: number; withoutTarget: number }

export interface RecoveryExecution {
  caseId: string;
  number: string;
  mode: 'real' | 'exercise';
  /** The instant measured from (declaration or disaster) or the start when never declared. */
  at: string;
  state: string;
  services: Array<{ code: string; name: string; rtoMet: boolean | null; rpoMet: boolean | null }>;
  /** Every RTO and RPO of the execution with a target was met (null: nothing measurable). */
  met: boolean | null;
}

export interface RecoveryChapterFigures { executions: RecoveryExecution[]; met: number; notMet: number; unmeasured: number }

export interface ReleaseChapterFigures {
  /** Releases whose execution completed in the period, by outcome (policy/release.ts ReleaseOutcome). */
  completed: number;
  succeeded: number;
  rolledBack: number;
  /** A rollback that failed and was resolved by an administrator (rollback_resolved). */
  failedRollback: number;
  failed: number;
  /** Still parked in rollback_failed at the period end. */
  rollbackFailedOpen: number;
  byService: Array<{ key: string; name: string | null; completed: number; succeeded: number; rolledBack: number; failedRollback: number; failed: number }>;
}

export interface CountFigures { received: number; completed: number; openAtEnd: number; byState: Array<{ key: string; count: number }> }

/** Follow-up actions of earlier evaluations (and register entries) as they stood at the period end. */
export interface FollowUpFigures {
  total: number;
  done: number;
  open: number;
  overdue: number;
  dropped: number;
  items: Array<{
    id: string; number: string; evaluationNumber: string | null; chapter: string | null; description: string;
    ownerRole: string | null; dueOn: string | null; status: 'open' | 'done' | 'dropped'; resolvedAt: string | null; resolution: string | null;
  }>;
}

export interface EvaluationFigures {
  period: EvaluationPeriod;
  computedAt: string;
  /** Present when a chapter of the profile measures it; null otherwise. */
  requests: CaseChapterFigures | null;
  incidents: CaseChapterFigures | null;
  maintenance: CaseChapterFigures | null;
  availability: AvailabilityChapterFigures | null;
  recovery: RecoveryChapterFigures | null;
  releases: ReleaseChapterFigures | null;
  changes: CountFigures | null;
  problems: CountFigures | null;
  followUps: FollowUpFigures | null;
  /** Nothing at all happened in the period (an honest empty report says so). */
  empty: boolean;
}
