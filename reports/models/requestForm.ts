// Report d. STUB (issue 7): replaced by the report model.
import { notBuilt } from './notBuilt.ts';

export const formulirD = notBuilt('d', { id: 'Formulir D – Permintaan Layanan', en: 'Form D – Service request' });
