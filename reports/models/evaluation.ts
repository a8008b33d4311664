// Formulir I – Laporan Evaluasi (serang BAB IV E.2 and the Lampiran tables A–D; chapter E from E.2.2 e;
// yogyakarta 2.3): `case` = an evaluation case (EVL-…; published, or a draft while its chapters are
// analysed), or `from`/`to` = a live preview of a period from the records (figures only, a draft).
// formulirIModel is also what the publishing activity renders as the stored document.
import type { FormulirIData } from '../../policy/evaluation.ts';
import type { Profile } from '../../policy/profile.ts';
import { getProfile } from '../../policy/profiles/index.ts';
import type { LocalText, ReportDefinition, ReportModel } from '../types.ts';
import { evaluationBody } from './common/evaluationReport.ts';
import { caseOrPeriod } from './common/periodParams.ts';
import { evaluationData } from './common/evaluationSource.ts';
import { sampleFormulirIData } from './common/evaluationSample.ts';
import { fileSafe } from './common/text.ts';

const TITLE = { id: 'Formulir I – Laporan Evaluasi', en: 'Form I – Evaluation report' };
const DRAFT = { id: 'Formulir I – Laporan Evaluasi (Draf)', en: 'Form I – Evaluation report (draft)' };

/** «A. Evaluasi Penyelenggaraan Permintaan Layanan» (the chapter letter, then its title). */
const letterHeading = (id: string, title: LocalText): LocalText => ({ id: `${id}. ${title.id}`, en: `${id}. ${title.en}` });

/** Filename: the case number, or the period for a preview. */
export function evaluationFilename(prefix: string, data: FormulirIData): string {
  return fileSafe(`${prefix}-${data.number || `${data.period.fromDate}-${data.period.toDate}`}`);
}

export function formulirIModel(data: FormulirIData, profile: Profile): ReportModel {
  const body = evaluationBody(data, profile, letterHeading);
  return {
    formulir: 'i', title: data.published ? TITLE : DRAFT, filename: evaluationFilename('Formulir-I', data),
    data: { ...body.data, number: data.number || null }, tables: body.tables, charts: body.charts, empty: data.figures.empty,
  };
}

export const formulirI: ReportDefinition = {
  id: 'i', title: TITLE,
  description: {
    id: 'Laporan evaluasi semester: rekapitulasi pencapaian target per bab, analisis hambatan, tindak lanjut, tindak lanjut evaluasi sebelumnya dan tingkat kematangan (case=EVL-…, atau from/to untuk pratinjau)',
    en: 'Semester evaluation report: per chapter the recap of targets met, the analysis of obstacles and the follow-up actions, the follow-up of earlier evaluations and the maturity level (case=EVL-…, or from/to for a preview)',
  },
  params: caseOrPeriod,
  roles: 'staff',
  build: async (ctx, params) => formulirIModel(await evaluationData(ctx, params, 'i'), ctx.profile),
  sample: () => formulirIModel(sampleFormulirIData('serang'), getProfile('serang')),
};
