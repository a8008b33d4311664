// Report h. STUB (issue 7): replaced by the report model.
import { notBuilt } from './notBuilt.ts';

export const formulirH = notBuilt('h', { id: 'Formulir H – Dokumen Rencana Rilis', en: 'Form H – Release plan' });
