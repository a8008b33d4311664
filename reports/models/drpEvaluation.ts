// Report g. STUB (issue 7): replaced by the report model.
import { notBuilt } from './notBuilt.ts';

export const formulirG = notBuilt('g', { id: 'Formulir G – Laporan Evaluasi DRP', en: 'Form G – DRP evaluation report' });
