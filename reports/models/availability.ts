// Report f. STUB (issue 7): replaced by the report model.
import { notBuilt } from './notBuilt.ts';

export const formulirF = notBuilt('f', { id: 'Formulir F – Laporan Ketersediaan Layanan', en: 'Form F – Service availability report' });
