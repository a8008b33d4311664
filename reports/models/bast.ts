// Report bast. STUB (issue 7): replaced by the report model.
import { notBuilt } from './notBuilt.ts';

export const beritaAcara = notBuilt('bast', { id: 'Berita Acara Serah Terima', en: 'Handover record' });
