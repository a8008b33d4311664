// Report c. STUB (issue 7): replaced by the report model.
import { notBuilt } from './notBuilt.ts';

export const formulirC = notBuilt('c', { id: 'Formulir C – Rencana Keberlangsungan Layanan', en: 'Form C – Service continuity plan' });
