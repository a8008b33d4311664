// The semester evaluation (Laporan Evaluasi, Formulir I) as pure rules; serang BAB II C and BAB IV E,
// yogyakarta 2.3, kemenkeu Lampiran I D.5 (management review), dpr Pasal 22–24.
// (State machine: implemented with the workflow; the types below are the shared contract.)
import type { BusinessCalendar } from './calendarTypes.ts';
import type { CaseInputBase } from './caseInput.ts';
import type { EvaluationFigures, EvaluationPeriod } from './evaluationFigures.ts';
import type { MaturityAssessment } from './maturity.ts';

export interface EvaluationInput extends CaseInputBase {
  period: EvaluationPeriod;
  trigger: 'schedule' | 'manual';
  requestedBy: { username: string; name: string } | null;
  openedAt: number;
  calendar: BusinessCalendar;
}

/** A follow-up action a chapter's analysis commits to (serang E.2.3 c «Tindak lanjut penyempurnaan»). */
export interface FollowUpPlan {
  description: string;
  ownerRole: string | null;
  /** Local date YYYY-MM-DD. */
  dueOn: string | null;
}

export interface ChapterAnalysis {
  chapter: string;
  /** serang E.2.3 b: obstacles that kept the target from being met … */
  obstacles: string;
  /** … and opportunities to improve the framework. */
  improvements: string;
  followUps: FollowUpPlan[];
  by: string;
  name: string;
  at: number;
}

/** Formulir I: everything the report template reads (rendered by reports/models/evaluation.ts). */
export interface FormulirIData {
  number: string;
  state: string;
  /** Published (approved) or a draft (figures only, analyses so far). */
  published: boolean;
  period: EvaluationPeriod;
  figures: EvaluationFigures;
  chapters: Array<{
    id: string;
    title: { id: string; en: string };
    measures: string[];
    analysedByRole: string;
    analysis: { obstacles: string; improvements: string; followUps: FollowUpPlan[]; by: string; name: string; at: string } | null;
  }>;
  approval: { by: string; name: string; at: string; note: string | null } | null;
  maturity: MaturityAssessment | null;
  /** The follow-up actions this evaluation created (numbers in improvement_action), once published. */
  createdActions: Array<{ number: string; chapter: string; description: string; dueOn: string | null }>;
}

// ---- to be completed with the workflow (names are fixed: workflows/messages.ts imports them) -------

export type EvaluationCommand =
  | { action: 'submit_analysis'; chapter: string; obstacles: string; improvements: string; followUps?: Array<{ description: string; ownerRole?: string | undefined; dueOn?: string | undefined }> | undefined }
  | { action: 'approve'; note?: string | undefined }
  | { action: 'return'; chapters: string[]; reason: string }
  | { action: 'cancel'; reason: string };

export interface EvaluationCase {
  input: EvaluationInput;
  state: string;
  seq: number;
}

export interface EvaluationSnapshot {
  state: string;
  data: Record<string, unknown>;
}
