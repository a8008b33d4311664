// Masukan Tinjauan Manajemen (kemenkeu KMK Lampiran I D.5.c: the management review «paling sedikit
// 1 (satu) kali dalam 1 (satu) tahun» with the agenda items 1–12 as the evaluation's chapters): the same
// evaluation data as Formulir I — the recorded evaluation case, or a live preview of a period — printed
// as the numbered agenda with each item's figures (trends where D.5.c.3 asks for them), analysis and
// follow-up actions.
import type { FormulirIData } from '../../policy/evaluation.ts';
import type { Profile } from '../../policy/profile.ts';
import { getProfile } from '../../policy/profiles/index.ts';
import type { LocalText, ReportDefinition, ReportModel } from '../types.ts';
import { evaluationBody } from './common/evaluationReport.ts';
import { sampleFormulirIData } from './common/evaluationSample.ts';
import { evaluationData } from './common/evaluationSource.ts';
import { caseOrPeriod } from './common/periodParams.ts';
import { evaluationFilename, formulirIModel } from './evaluation.ts';

const TITLE = { id: 'Masukan Tinjauan Manajemen', en: 'Management review inputs' };
const DRAFT = { id: 'Masukan Tinjauan Manajemen (Draf)', en: 'Management review inputs (draft)' };

const numberedHeading = (id: string, title: LocalText): LocalText => ({ id: `${id}. ${title.id}`, en: `${id}. ${title.en}` });

export function managementReviewModel(data: FormulirIData, profile: Profile): ReportModel {
  const body = evaluationBody(data, profile, numberedHeading);
  return {
    formulir: 'management-review', title: data.published ? TITLE : DRAFT, filename: evaluationFilename('Tinjauan-Manajemen', data),
    data: {
      ...body.data, number: data.number || null,
      // What the agenda asks to see as trends (D.5.c.3 a–d), from the profile.
      trendTopics: profile.evaluation.chapterContents.map((c) => c.title),
    },
    tables: body.tables, charts: body.charts, empty: data.figures.empty,
  };
}

/** The report an evaluation publishes: the management review where the profile holds one (kemenkeu), else Formulir I. */
export function evaluationReportModel(data: FormulirIData, profile: Profile): ReportModel {
  return managementReview.availableFor?.(profile) ? managementReviewModel(data, profile) : formulirIModel(data, profile);
}
export const managementReview: ReportDefinition = {
  id: 'management-review', title: TITLE,
  description: {
    id: 'Masukan rapat tinjauan manajemen (agenda 1–12) dengan angka dan tren dari catatan Sigap, analisis dan tindak lanjut (case=EVL-…, atau from/to untuk pratinjau)',
    en: 'Management review meeting inputs (agenda items 1–12) with figures and trends from Sigap’s records, analyses and follow-up actions (case=EVL-…, or from/to for a preview)',
  },
  params: caseOrPeriod,
  roles: 'staff',
  // KMK Lampiran I D.5.c: the management review is kemenkeu's form of the evaluation.
  availableFor: (profile) => profile.id === 'kemenkeu',
  build: async (ctx, params) => managementReviewModel(await evaluationData(ctx, params, 'management-review'), ctx.profile),
  sample: () => managementReviewModel(sampleFormulirIData('kemenkeu'), getProfile('kemenkeu')),
};
