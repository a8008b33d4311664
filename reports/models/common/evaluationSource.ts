// Where an evaluation report's data comes from: a recorded evaluation case (its snapshot, written by
// the semesterEvaluation workflow: policy/evaluation.ts evaluationSnapshot().data), or a live preview
// of a period computed now (no analyses yet: a draft).
import { computeEvaluationFigures } from '../../../db/evaluationFigures.ts';
import type { FormulirIData } from '../../../policy/evaluation.ts';
import type { EvaluationFigures, EvaluationPeriod } from '../../../policy/evaluationFigures.ts';
import { periodOf } from '../../../policy/evaluationPeriod.ts';
import type { MaturityAssessment } from '../../../policy/maturity.ts';
import type { FormulirId, ReportContext, ReportParams } from '../../types.ts';
import { caseFor } from './cases.ts';

type SnapshotChapter = FormulirIData['chapters'][number] & { analysis: (NonNullable<FormulirIData['chapters'][number]['analysis']> & Record<string, unknown>) | null };

interface SnapshotData {
  period: EvaluationPeriod;
  figures: EvaluationFigures | null;
  chapters: SnapshotChapter[];
  approval: FormulirIData['approval'];
  createdActions?: FormulirIData['createdActions'] | undefined;
  maturity?: MaturityAssessment | null | undefined;
}

function preview(ctx: ReportContext, period: EvaluationPeriod) {
  return computeEvaluationFigures(ctx.em, { tenantId: ctx.tenant.id, profile: ctx.profile, period, now: ctx.now });
}

/** The evaluation's data as Formulir I reads it; `case` wins over from/to. */
export async function evaluationData(ctx: ReportContext, params: ReportParams, formulir: FormulirId): Promise<FormulirIData> {
  if (params.case !== undefined) {
    const row = await caseFor(ctx, params.case, 'evaluation', formulir);
    const d = row.data as unknown as SnapshotData;
    return {
      number: row.number, state: row.state, published: row.state === 'published', period: d.period,
      // Figures not computed yet (the workflow's first step is still running): measured now, like a preview.
      figures: d.figures ?? await preview(ctx, d.period),
      chapters: d.chapters.map((c) => ({
        id: c.id, title: c.title, measures: c.measures, analysedByRole: c.analysedByRole,
        analysis: c.analysis ? { obstacles: c.analysis.obstacles, improvements: c.analysis.improvements, followUps: c.analysis.followUps, by: c.analysis.by, name: c.analysis.name, at: c.analysis.at } : null,
      })),
      approval: d.approval, maturity: d.maturity ?? null, createdActions: d.createdActions ?? [],
    };
  }
  const period = periodOf({ fromDate: params.from ?? '', toDate: params.to ?? '' }, ctx.profile.timezone);
  return {
    number: '', state: 'preview', published: false, period, figures: await preview(ctx, period),
    chapters: ctx.profile.evaluation.chapters.map((c) => ({ id: c.id, title: c.title, measures: [...c.measures], analysedByRole: c.analysedBy.role, analysis: null })),
    approval: null, maturity: null, createdActions: [],
  };
}
