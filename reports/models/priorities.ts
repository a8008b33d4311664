// Report b. STUB (issue 7): replaced by the report model.
import { notBuilt } from './notBuilt.ts';

export const formulirB = notBuilt('b', { id: 'Formulir B – Prioritas Penanganan Gangguan', en: 'Form B – Incident priorities' });
