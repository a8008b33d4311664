// Report e. STUB (issue 7): replaced by the report model.
import { notBuilt } from './notBuilt.ts';

export const formulirE = notBuilt('e', { id: 'Formulir E – Penanganan Gangguan', en: 'Form E – Incident handling' });
