// Report i. STUB (issue 7): replaced by the report model.
import { notBuilt } from './notBuilt.ts';

export const formulirI = notBuilt('i', { id: 'Formulir I – Laporan Evaluasi', en: 'Form I – Evaluation report' });
