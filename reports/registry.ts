// Every report Sigap renders, by the id of GET /api/v1/reports/{formulir}.
import type { FormulirId, ReportDefinition } from './types.ts';
import { formulirA } from './models/catalogue.ts';
import { formulirB } from './models/priorities.ts';
import { formulirC } from './models/continuity.ts';
import { formulirD } from './models/requestForm.ts';
import { formulirE } from './models/incidentForm.ts';
import { formulirF } from './models/availability.ts';
import { formulirG } from './models/drpEvaluation.ts';
import { formulirH } from './models/releasePlan.ts';
import { formulirI } from './models/evaluation.ts';
import { beritaAcara } from './models/bast.ts';
import { improvementRegister } from './models/improvementRegister.ts';
import { managementReview } from './models/managementReview.ts';

export const REPORTS: Readonly<Record<FormulirId, ReportDefinition>> = {
  a: formulirA, b: formulirB, c: formulirC, d: formulirD, e: formulirE, f: formulirF, g: formulirG, h: formulirH, i: formulirI,
  bast: beritaAcara, 'improvement-register': improvementRegister, 'management-review': managementReview,
};

export function reportDefinition(id: string): ReportDefinition | null {
  return Object.hasOwn(REPORTS, id) ? REPORTS[id as FormulirId] : null;
}
